"""Push: exactly once, op_id reuse refused, field merge and conflicts, refusals that never block."""

from __future__ import annotations

import gzip
import json
import uuid

from sqlalchemy import func, select

from app.server.models import AppliedOp, ChangeEntry, ConflictEntry, Record


def _case(pc, **fields):
    case_id = str(uuid.uuid4())
    op = pc.op("cases", case_id, fields={"title": "违法搭建", "status": "registered", "address": "东街1号", **fields})
    return case_id, op


def test_retried_push_is_applied_exactly_once(enroll, sessions):
    pc = enroll()
    case_id, op = _case(pc)
    first = pc.push(op)
    again = pc.push(op)
    assert first["results"][0]["status"] == "applied"
    assert again["results"][0]["status"] == "duplicate"
    assert again["results"][0]["server_revision"] == first["results"][0]["server_revision"] == 1
    with sessions() as s:
        assert s.scalar(select(func.count()).select_from(Record).where(Record.entity_id == case_id)) == 1
        assert s.scalar(select(func.count()).select_from(ChangeEntry).where(ChangeEntry.entity_id == case_id)) == 1


def test_same_op_id_with_different_payload_is_refused(enroll, sessions):
    pc = enroll()
    case_id, op = _case(pc)
    pc.push(op)
    forged = {**op, "fields": {**op["fields"], "title": "另一个案件"}}
    result = pc.push(forged)["results"][0]
    assert result["status"] == "rejected"
    assert "操作编号" in result["reason"]
    with sessions() as s:
        assert s.scalar(select(Record.data).where(Record.entity_id == case_id))["title"] == "违法搭建"


def test_one_bad_op_does_not_block_the_rest_of_the_batch(enroll):
    pc = enroll()
    _, good1 = _case(pc)
    bad = pc.op("cases", str(uuid.uuid4()), "update", fields={"title": "x"}, base={"title": "y"}, base_revision=1)
    _, good2 = _case(pc)
    statuses = [r["status"] for r in pc.push(good1, bad, good2)["results"]]
    assert statuses == ["applied", "rejected", "applied"]


def test_field_changed_on_one_side_only_merges(enroll):
    a = enroll()
    b = enroll(a.squad_id, name="队长电脑")
    case_id, op = _case(a)
    a.push(op)
    # Both PCs edited revision 1 offline: A the address, B the status.
    a_edit = a.op("cases", case_id, "update", fields={"address": "西街2号"}, base={"address": "东街1号"}, base_revision=1)
    b_edit = b.op("cases", case_id, "update", fields={"status": "approved"}, base={"status": "registered"}, base_revision=1)
    assert a.push(a_edit)["results"][0]["status"] == "applied"
    merged = b.push(b_edit)["results"][0]
    assert merged["status"] == "applied"
    assert merged["merged_fields"] == ["status"]
    assert merged["server_revision"] == 3
    data = [c for c in a.pull()["changes"] if c["entity_id"] == case_id][0]["data"]
    assert data["address"] == "西街2号" and data["status"] == "approved"


def test_field_changed_on_both_sides_is_a_conflict_and_nothing_is_overwritten(enroll, sessions):
    a = enroll()
    b = enroll(a.squad_id)
    case_id, op = _case(a)
    a.push(op)
    a.push(a.op("cases", case_id, "update", fields={"title": "违法搭建（东街）"}, base={"title": "违法搭建"}, base_revision=1))
    result = b.push(b.op("cases", case_id, "update",
                         fields={"title": "违章建筑", "address": "东街1号之一"},
                         base={"title": "违法搭建", "address": "东街1号"}, base_revision=1))["results"][0]
    assert result["status"] == "conflict"
    assert result["conflicts"] == [{"field": "title", "base": "违法搭建", "mine": "违章建筑", "theirs": "违法搭建（东街）"}]
    assert result["merged_fields"] == ["address"]          # the one-side field still merged
    assert result["record"]["title"] == "违法搭建（东街）"
    with sessions() as s:
        data = s.scalar(select(Record.data).where(Record.entity_id == case_id))
        assert data["title"] == "违法搭建（东街）" and data["address"] == "东街1号之一"
        assert s.scalar(select(func.count()).select_from(ConflictEntry)) == 1


def test_editing_a_record_deleted_elsewhere_is_a_conflict(enroll):
    a = enroll()
    b = enroll(a.squad_id)
    case_id, op = _case(a)
    a.push(op)
    a.push(a.op("cases", case_id, "delete", fields={"deleted": True}, base={"deleted": False}, base_revision=1))
    result = b.push(b.op("cases", case_id, "update", fields={"address": "x"}, base={"address": "东街1号"}, base_revision=1))
    assert result["results"][0]["status"] == "conflict"
    assert result["results"][0]["conflicts"][0]["field"] == "deleted"


def test_issued_documents_never_change(enroll):
    pc = enroll()
    doc_id = str(uuid.uuid4())
    pc.push(pc.op("documents", doc_id, fields={"title": "行政处罚决定书", "status": "draft", "issued_at": None}))
    issue = pc.op("documents", doc_id, "update", fields={"status": "issued", "issued_at": "2026-11-28T03:00:00+00:00"},
                  base={"status": "draft", "issued_at": None}, base_revision=1)
    assert pc.push(issue)["results"][0]["status"] == "applied"
    edit = pc.op("documents", doc_id, "update", fields={"title": "改"}, base={"title": "行政处罚决定书"}, base_revision=2)
    delete = pc.op("documents", doc_id, "delete", fields={"deleted": True}, base={"deleted": False}, base_revision=2)
    results = pc.push(edit, delete)["results"]
    assert [r["status"] for r in results] == ["rejected", "rejected"]
    assert "已签发" in results[0]["reason"]


def test_reference_data_cannot_be_pushed_up(enroll):
    pc = enroll()
    result = pc.push(pc.op("officers", str(uuid.uuid4()), fields={"name": "张三"}))["results"][0]
    assert result["status"] == "rejected"


def test_a_row_claiming_another_squad_is_refused(enroll):
    pc = enroll()
    result = pc.push(pc.op("cases", str(uuid.uuid4()), fields={"squad_id": str(uuid.uuid4())}))["results"][0]
    assert result["status"] == "rejected" and "不属于本中队" in result["reason"]


def test_gzip_push_body_is_accepted_and_applied_ops_recorded(enroll, client, sessions):
    pc = enroll()
    ops = [_case(pc)[1] for _ in range(50)]
    body = gzip.compress(json.dumps({"operations": ops}, ensure_ascii=False).encode())
    r = client.post("/push", content=body, headers={**pc.headers, "Content-Encoding": "gzip",
                                                     "Content-Type": "application/json"})
    assert r.status_code == 200
    assert {x["status"] for x in r.json()["results"]} == {"applied"}
    with sessions() as s:
        assert s.scalar(select(func.count()).select_from(AppliedOp)) == 50


def test_oversized_push_is_refused_with_413(enroll, client):
    pc = enroll()
    body = b"x" * (400 * 1024)
    r = client.post("/push", content=body, headers={**pc.headers, "Content-Type": "application/json"})
    assert r.status_code == 413
    assert r.json()["code"] == "too_large"


def test_gzip_bomb_is_refused(enroll, client):
    pc = enroll()
    body = gzip.compress(b" " * (20 * 1024 * 1024))
    r = client.post("/push", content=body, headers={**pc.headers, "Content-Encoding": "gzip",
                                                     "Content-Type": "application/json"})
    assert r.status_code == 413


def test_values_the_database_cannot_hold_are_refused_one_op_at_a_time(enroll, client):
    pc = enroll()
    _, good = _case(pc)
    nul = pc.op("cases", str(uuid.uuid4()), fields={"title": "a\x00b"})
    body = json.dumps({"operations": [nul, good]})
    nan = pc.op("cases", str(uuid.uuid4()), fields={"fine": "NAN"})
    body = body[:-2] + "," + json.dumps(nan).replace('"NAN"', "NaN") + "]}"
    r = client.post("/push", content=body, headers={**pc.headers, "Content-Type": "application/json"})
    assert r.status_code == 200, r.text
    assert [x["status"] for x in r.json()["results"]] == ["rejected", "applied", "rejected"]


def test_a_conflict_is_settled_when_a_person_sets_the_field_again(enroll, sessions):
    from app.server.sync_service import open_conflicts

    a = enroll()
    b = enroll(a.squad_id)
    case_id, op = _case(a)
    a.push(op)
    a.push(a.op("cases", case_id, "update", fields={"title": "甲"}, base={"title": "违法搭建"}, base_revision=1))
    b.push(b.op("cases", case_id, "update", fields={"title": "乙"}, base={"title": "违法搭建"}, base_revision=1))
    with sessions() as s:
        assert len(open_conflicts(s, a.squad_id)) == 1
    # The clerk on B keeps B's value, knowing A's: the new op's base is the server's value.
    decided = b.push(b.op("cases", case_id, "update", fields={"title": "乙"}, base={"title": "甲"}, base_revision=2))
    assert decided["results"][0]["status"] == "applied"
    with sessions() as s:
        assert open_conflicts(s, a.squad_id) == []
