"""Pull: paging in the squad's sequence order, compaction, reference data coming down."""

from __future__ import annotations

import uuid

from app.server import reference


def test_pull_pages_follow_the_squad_sequence(enroll):
    pc = enroll()
    ids = [str(uuid.uuid4()) for _ in range(25)]
    pc.push(*[pc.op("cases", i, fields={"title": f"案{n}"}) for n, i in enumerate(ids)])
    seen, cursor, pages = [], 0, 0
    while True:
        page = pc.pull(cursor, limit=7)
        pages += 1
        seqs = [c["seq"] for c in page["changes"]]
        assert seqs == sorted(seqs) and all(s > cursor for s in seqs)
        seen += page["changes"]
        cursor = page["next_cursor"]
        if not page["has_more"]:
            break
    assert pages == 4                                   # 26 rows: the squad itself + 25 cases
    assert [c["entity_id"] for c in seen if c["entity"] == "cases"] == ids
    assert pc.pull(cursor)["changes"] == [] and pc.pull(cursor)["next_cursor"] == cursor


def test_repeated_edits_come_down_once_at_their_latest_state(enroll):
    pc = enroll()
    case_id = str(uuid.uuid4())
    pc.push(pc.op("cases", case_id, fields={"title": "a"}))
    cursor = pc.pull()["next_cursor"]
    for n, (old, new) in enumerate([("a", "b"), ("b", "c")], start=1):
        pc.push(pc.op("cases", case_id, "update", fields={"title": new}, base={"title": old}, base_revision=n))
    changes = pc.pull(cursor)["changes"]
    assert len(changes) == 1 and changes[0]["data"]["title"] == "c" and changes[0]["revision"] == 3


def test_a_squad_pulls_only_its_own_changes(enroll):
    a, b = enroll(), enroll()
    a.push(a.op("cases", str(uuid.uuid4()), fields={"title": "甲"}))
    assert {c["data"]["squad_id"] for c in b.pull()["changes"]} == {b.squad_id}


def test_reference_publications_come_down_newest_first_and_only_when_newer(enroll, sessions):
    a, b = enroll(), enroll()
    with sessions.begin() as s:
        reference.publish(s, "holidays", {"2026-10-08": "workday"})
        reference.publish(s, "power_list", {"items": [1]}, squad_id=a.squad_id)
        reference.publish(s, "power_list", {"items": [2]}, squad_id=b.squad_id)
    kinds = {r["kind"]: r for r in a.pull()["reference"]}
    assert kinds["holidays"]["version"] == 1
    assert kinds["power_list"]["payload"] == {"items": [1]}
    again = a.pull(reference_versions={"holidays": 1, "power_list": 1})
    assert again["reference"] == []


def test_roster_csv_is_published_per_squad(enroll, sessions, make_squad):
    pc = enroll()
    with sessions() as s:
        from app.server.models import Squad
        name = s.get(Squad, pc.squad_id).name
    with sessions.begin() as s:
        reference.import_officers(s, f"姓名,执法证号,中队\n张三,51000001,{name}\n李四,51000002,{name}\n")
    roster = [r for r in pc.pull()["reference"] if r["kind"] == "roster"][0]
    assert [o["name"] for o in roster["payload"]["officers"]] == ["张三", "李四"]


def test_pull_answers_are_gzip_compressed_and_carry_the_server_clock(enroll, client):
    pc = enroll()
    pc.push(*[pc.op("cases", str(uuid.uuid4()), fields={"title": "占道经营"}) for _ in range(30)])
    r = client.post("/pull", json={"cursor": 0}, headers={**pc.headers, "Accept-Encoding": "gzip"})
    assert r.headers["content-encoding"] == "gzip"
    assert r.json()["server_time"] and r.headers["x-server-time"]


def test_unknown_routes_and_methods_answer_in_chinese(client):
    missing = client.get("/nothing-here")
    assert missing.status_code == 404 and missing.json()["message"] == "找不到请求的内容。"
    wrong = client.get("/push")
    assert wrong.status_code == 405 and wrong.json()["code"] == "http"


def test_a_truncated_roster_or_an_empty_publication_is_not_published(enroll, sessions):
    import pytest

    from app.errors import Invalid
    from app.server.models import Squad

    pc = enroll()
    with sessions() as s:
        name = s.get(Squad, pc.squad_id).name
    full = "姓名,中队\n" + "".join(f"队员{i},{name}\n" for i in range(10))
    with sessions.begin() as s:
        reference.import_officers(s, full)
    with pytest.raises(Invalid, match="减少"), sessions.begin() as s:
        reference.import_officers(s, f"姓名,中队\n队员1,{name}\n")
    with pytest.raises(Invalid, match="空"), sessions.begin() as s:
        reference.publish(s, "holidays", {})
    with sessions.begin() as s:
        reference.import_officers(s, f"姓名,中队\n队员1,{name}\n", allow_shrink=True)
