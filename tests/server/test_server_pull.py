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


# ---- echo: a PC's own acknowledged push is not sent back to it -------------------------------

def _held(pc, entity_id: str, fields: dict, revision: int = 1, deleted: bool = False) -> dict:
    """What a PC holds after pushing an insert of `fields`, as app.sync.state.held_records says."""
    from app.sync.protocol import record_digest

    data = {**fields, "id": entity_id, "squad_id": pc.squad_id, "deleted": deleted}
    return {"entity": "cases", "entity_id": entity_id, "revision": revision,
            "digest": record_digest(data)}


def test_records_held_exactly_as_pushed_are_left_out_and_the_cursor_moves_past_them(enroll):
    pc = enroll()
    ids = [str(uuid.uuid4()) for _ in range(3)]
    pc.push(*[pc.op("cases", i, fields={"title": f"案{n}"}) for n, i in enumerate(ids)])
    everything = pc.pull()
    held = [_held(pc, ids[0], {"title": "案0"}), _held(pc, ids[2], {"title": "案2"})]
    page = pc.pull(held=held)
    assert [c["entity_id"] for c in page["changes"] if c["entity"] == "cases"] == [ids[1]]
    assert page["next_cursor"] == everything["next_cursor"]
    assert page["has_more"] is False
    # A page whose every row is an echo is empty, and still moves the cursor on.
    first = pc.pull(everything["changes"][0]["seq"], limit=1, held=held)
    assert first["changes"] == [] and first["has_more"] is True
    assert first["next_cursor"] == everything["changes"][1]["seq"]


def test_a_held_record_that_differs_from_the_county_comes_down(enroll):
    pc = enroll()
    case_id = str(uuid.uuid4())
    pc.push(pc.op("cases", case_id, fields={"title": "原"}))
    for claim in (_held(pc, case_id, {"title": "原"}, revision=2),        # revisions drifted
                  _held(pc, case_id, {"title": "备份里的旧值"}),             # not what was pushed
                  _held(pc, case_id, {"title": "原"}, deleted=True)):
        ids = [c["entity_id"] for c in pc.pull(held=[claim])["changes"]]
        assert case_id in ids, claim


def test_a_record_last_written_by_another_pc_is_never_left_out(enroll):
    a = enroll()
    b = enroll(a.squad_id, name="另一台")
    case_id = str(uuid.uuid4())
    a.push(a.op("cases", case_id, fields={"title": "甲写的"}))
    claim = _held(b, case_id, {"title": "甲写的"})                      # b happens to hold it
    assert case_id in [c["entity_id"] for c in b.pull(held=[claim])["changes"]]


def test_a_change_made_by_another_pc_after_the_push_still_comes_down(enroll):
    a = enroll()
    b = enroll(a.squad_id, name="另一台")
    case_id = str(uuid.uuid4())
    a.push(a.op("cases", case_id, fields={"title": "甲"}))
    claim = _held(a, case_id, {"title": "甲"})
    cursor = a.pull(held=[claim])["next_cursor"]
    assert case_id not in [c["entity_id"] for c in a.pull(held=[claim])["changes"]]
    b.push(b.op("cases", case_id, "update", fields={"title": "乙"}, base={"title": "甲"},
                base_revision=1))
    [change] = [c for c in a.pull(cursor, held=[claim])["changes"] if c["entity_id"] == case_id]
    assert change["data"]["title"] == "乙" and change["revision"] == 2


def test_a_push_judged_a_conflict_comes_down_although_the_pc_pushed_last(enroll):
    a = enroll()
    b = enroll(a.squad_id, name="另一台")
    case_id = str(uuid.uuid4())
    a.push(a.op("cases", case_id, fields={"title": "原", "place": "东街"}))
    b.push(b.op("cases", case_id, "update", fields={"title": "乙"}, base={"title": "原"},
                base_revision=1))
    answer = a.push(a.op("cases", case_id, "update", fields={"title": "甲", "place": "西街"},
                         base={"title": "原", "place": "东街"}, base_revision=1))
    assert answer["results"][0]["status"] == "conflict"
    # a holds its own values (the conflict not yet taken in): not the county's, so it comes down.
    claim = _held(a, case_id, {"title": "甲", "place": "西街"}, revision=3)
    [change] = [c for c in a.pull(held=[claim])["changes"] if c["entity_id"] == case_id]
    assert change["data"]["title"] == "乙" and change["data"]["place"] == "西街"


def test_a_malformed_held_list_is_refused_in_chinese(enroll, client):
    pc = enroll()
    bad = {"entity": "cases", "entity_id": "x", "revision": 1, "digest": "not-hex"}
    r = client.post("/pull", json={"cursor": 0, "held": [bad]}, headers=pc.headers)
    assert r.status_code == 422 and r.json()["message"]
