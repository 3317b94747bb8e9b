"""A squad reaches only its own data: every route of the OpenAPI document is tried by squad B
against squad A's records, evidence, uploads, leases and credentials. A new route fails
`test_every_route_has_a_cross_squad_scenario` until a scenario is written for it."""

from __future__ import annotations

import hashlib
import os
import uuid

import pytest

from app.server import accounts
from app.server.main import create_app
from app.sync.protocol import CHUNK_SIZE

SECRET_TITLE = "甲中队内部案件"


@pytest.fixture
def world(enroll, client, sessions):
    a = enroll(name="甲中队电脑")
    b = enroll(name="乙中队电脑")
    case_id = str(uuid.uuid4())
    a.push(a.op("cases", case_id, fields={"title": SECRET_TITLE, "address": "东街"}))
    done = os.urandom(1000)
    done_sha = hashlib.sha256(done).hexdigest()
    client.post("/evidence/uploads", json={"sha256": done_sha, "size": len(done)}, headers=a.headers)
    client.put(f"/evidence/uploads/{done_sha}/chunks/0", content=done, headers=a.headers)
    assert client.post(f"/evidence/uploads/{done_sha}/complete", headers=a.headers).json()["complete"]
    partial = os.urandom(CHUNK_SIZE + 10)
    partial_sha = hashlib.sha256(partial).hexdigest()
    client.post("/evidence/uploads", json={"sha256": partial_sha, "size": len(partial)}, headers=a.headers)
    client.put(f"/evidence/uploads/{partial_sha}/chunks/0", content=partial[:CHUNK_SIZE], headers=a.headers)
    lease_rid = str(uuid.uuid4())
    client.post("/blocks/lease", json={"request_id": lease_rid, "doc_type": "罚决", "year": 2026}, headers=a.headers)
    with sessions.begin() as s:
        used_code = accounts.make_enrollment_code(s, a.squad_id)
    client.post("/enroll", json={"code": used_code, "device_name": "x", "client_version": "0.1.0"})
    return {"a": a, "b": b, "case_id": case_id, "done_sha": done_sha, "partial_sha": partial_sha,
            "partial": partial, "lease_rid": lease_rid, "used_code": used_code}


def _info(c, w):
    return c.get("/info"), 200


def _enroll(c, w):
    return c.post("/enroll", json={"code": w["used_code"], "device_name": "乙", "client_version": "0.1.0"}), 401


def _token(c, w):
    return c.post("/token", json={"device_id": w["a"].device_id, "device_secret": w["b"].secret,
                                  "client_version": "0.1.0"}), 401


def _push(c, w):
    b = w["b"]
    op = b.op("cases", w["case_id"], "update", fields={"title": "乙改"}, base={"title": SECRET_TITLE}, base_revision=1)
    r = c.post("/push", json={"operations": [op]}, headers=b.headers)
    assert r.json()["results"][0]["status"] == "rejected"
    return r, 200


def _pull(c, w):
    return c.post("/pull", json={"cursor": 0}, headers=w["b"].headers), 200


def _upload_init(c, w):
    r = c.post("/evidence/uploads", json={"sha256": w["partial_sha"], "size": len(w["partial"])},
               headers=w["b"].headers)
    assert r.json()["received"] == [] and not r.json()["complete"]   # B starts its own upload
    return r, 200


def _upload_chunk(c, w):
    return c.put(f"/evidence/uploads/{w['done_sha']}/chunks/0", content=b"x" * 1000, headers=w["b"].headers), 404


def _upload_complete(c, w):
    return c.post(f"/evidence/uploads/{w['done_sha']}/complete", headers=w["b"].headers), 404


def _download(c, w):
    return c.get(f"/evidence/{w['done_sha']}/chunks/0", headers=w["b"].headers), 404


def _lease(c, w):
    return c.post("/blocks/lease", json={"request_id": w["lease_rid"], "doc_type": "罚决", "year": 2026},
                  headers=w["b"].headers), 422


SCENARIOS = {
    ("GET", "/info"): _info,
    ("POST", "/enroll"): _enroll,
    ("POST", "/token"): _token,
    ("POST", "/push"): _push,
    ("POST", "/pull"): _pull,
    ("POST", "/evidence/uploads"): _upload_init,
    ("PUT", "/evidence/uploads/{sha256}/chunks/{offset}"): _upload_chunk,
    ("POST", "/evidence/uploads/{sha256}/complete"): _upload_complete,
    ("GET", "/evidence/{sha256}/chunks/{offset}"): _download,
    ("POST", "/blocks/lease"): _lease,
}


def _routes() -> set[tuple[str, str]]:
    spec = create_app(sessions=None).openapi()  # type: ignore[arg-type]
    return {(method.upper(), path) for path, item in spec["paths"].items() for method in item}


def test_every_route_has_a_cross_squad_scenario():
    assert _routes() == set(SCENARIOS)


@pytest.mark.parametrize("route", sorted(SCENARIOS), ids=lambda r: f"{r[0]} {r[1]}")
def test_another_squad_cannot_reach_this_squads_data(route, world, client):
    response, expected = SCENARIOS[route](client, world)
    assert response.status_code == expected, response.text
    text = response.content.decode("utf-8", "replace")
    for secret in (SECRET_TITLE, world["case_id"], world["a"].device_id, world["a"].squad_id, world["lease_rid"]):
        assert secret not in text
