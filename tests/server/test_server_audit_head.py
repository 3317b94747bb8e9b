"""A PC's hash-chained audit log may only grow; a rewritten history is detected and refused."""

from __future__ import annotations

import hashlib
import uuid

from sqlalchemy import select

from app.server.models import Device, ServerAudit


def h(n: int, salt: str = "") -> dict:
    return {"count": n, "hash": hashlib.sha256(f"{salt}{n}".encode()).hexdigest()}


def _push(pc, head, anchor=None):
    body = {"operations": [pc.op("cases", str(uuid.uuid4()), fields={"title": "x"})], "audit_head": head}
    if anchor is not None:
        body["audit_anchor"] = anchor
    return pc.client.post("/push", json=body, headers=pc.headers)


def test_a_growing_chain_is_accepted_and_remembered(enroll, client):
    pc = enroll()
    assert _push(pc, h(5)).json()["audit_head"] == h(5)
    assert _push(pc, h(9), anchor=h(5)).status_code == 200
    token = client.post("/token", json={"device_id": pc.device_id, "device_secret": pc.secret,
                                        "client_version": "0.1.0"}).json()
    assert token["audit_head"] == h(9)


def test_a_rewritten_history_is_detected_flagged_and_refused(enroll, sessions):
    pc = enroll()
    _push(pc, h(5))
    rewritten = _push(pc, h(9, "forged"), anchor=h(5, "forged"))
    assert rewritten.status_code == 409 and rewritten.json()["code"] == "audit_rewritten"
    with sessions() as s:
        assert s.get(Device, pc.device_id).audit_suspect
        assert s.scalar(select(ServerAudit.detail).where(ServerAudit.action == "device.audit_rewritten"))
    # Even an honest-looking push stays refused until the county has looked into it.
    assert _push(pc, h(10), anchor=h(5)).status_code == 409


def test_a_shrinking_chain_is_detected(enroll):
    pc = enroll()
    _push(pc, h(5))
    assert _push(pc, h(3)).status_code == 409


def test_the_same_count_with_another_hash_is_detected(enroll):
    pc = enroll()
    _push(pc, h(5))
    assert _push(pc, h(5, "other")).status_code == 409


def test_a_push_without_an_anchor_after_growth_is_refused(enroll):
    pc = enroll()
    _push(pc, h(5))
    assert _push(pc, h(6)).status_code == 409
