"""Enrollment, tokens and device revocation."""

from __future__ import annotations

from datetime import timedelta

import pytest
from sqlalchemy import select

from app.server import accounts, security
from app.server.models import ServerAudit


def test_info_needs_no_credential_and_carries_the_clock(client):
    r = client.get("/info")
    assert r.status_code == 200
    body = r.json()
    assert body["min_client_version"] and body["server_time"]
    assert "x-server-time" in r.headers


def test_an_enrollment_code_works_once(client, sessions, make_squad):
    squad = make_squad()
    with sessions.begin() as s:
        code = accounts.make_enrollment_code(s, squad)
    first = client.post("/enroll", json={"code": code.lower(), "device_name": "PC1", "client_version": "0.1.0"})
    second = client.post("/enroll", json={"code": code, "device_name": "PC2", "client_version": "0.1.0"})
    assert first.status_code == 200 and first.json()["squad_id"] == squad
    assert second.status_code == 401
    assert "登记码" in second.json()["message"]


def test_an_expired_enrollment_code_is_refused(client, sessions, make_squad):
    squad = make_squad()
    with sessions.begin() as s:
        code = accounts.make_enrollment_code(s, squad, ttl=timedelta(seconds=-1))
    assert client.post("/enroll", json={"code": code, "device_name": "PC", "client_version": "0.1.0"}).status_code == 401


def test_a_wrong_secret_gets_no_token(enroll, client):
    pc = enroll()
    r = client.post("/token", json={"device_id": pc.device_id, "device_secret": "guess", "client_version": "0.1.0"})
    assert r.status_code == 401


def test_a_revoked_device_is_refused_at_once(enroll, client, sessions):
    pc = enroll()
    assert client.post("/pull", json={}, headers=pc.headers).status_code == 200
    with sessions.begin() as s:
        accounts.revoke_device(s, pc.device_id)
    r = client.post("/pull", json={}, headers=pc.headers)          # token still unexpired
    assert r.status_code == 403 and r.json()["code"] == "device_revoked"
    r = client.post("/token", json={"device_id": pc.device_id, "device_secret": pc.secret, "client_version": "0.1.0"})
    assert r.status_code == 403
    with sessions() as s:
        assert s.scalar(select(ServerAudit.action).where(ServerAudit.action == "device.revoke"))


def test_an_expired_token_gets_401(enroll, client, sessions):
    pc = enroll()
    with sessions.begin() as s:
        key = security.token_key(s)
    from app.clock import utc_now

    stale = security.sign_token(key, security.TokenClaims(pc.device_id, pc.squad_id, utc_now() - timedelta(seconds=1)))
    r = client.post("/pull", json={}, headers={"Authorization": f"Bearer {stale}"})
    assert r.status_code == 401 and r.json()["code"] == "unauthorized"


@pytest.mark.parametrize("token", ["", "abc", "a.b", "eyJkIjoieCJ9.AAAA"])
def test_a_malformed_or_forged_token_gets_401(client, token):
    r = client.post("/pull", json={}, headers={"Authorization": f"Bearer {token}"})
    assert r.status_code == 401


def test_a_token_signed_with_another_key_gets_401(enroll, client):
    pc = enroll()
    from app.clock import utc_now

    forged = security.sign_token(b"k" * 32, security.TokenClaims(pc.device_id, pc.squad_id, utc_now() + timedelta(hours=1)))
    assert client.post("/pull", json={}, headers={"Authorization": f"Bearer {forged}"}).status_code == 401


def test_a_client_older_than_the_minimum_is_refused(enroll, client, sessions):
    pc = enroll()
    with sessions.begin() as s:
        accounts.set_min_client_version(s, "0.2.0")
    r = client.post("/token", json={"device_id": pc.device_id, "device_secret": pc.secret, "client_version": "0.1.9"})
    assert r.status_code == 403 and r.json()["code"] == "client_too_old"
    assert client.get("/info").json()["min_client_version"] == "0.2.0"


def test_device_secrets_are_stored_hashed(enroll, sessions):
    pc = enroll()
    from app.server.models import Device

    with sessions() as s:
        stored = s.get(Device, pc.device_id).secret_hash
    assert pc.secret not in stored and security.verify_secret(pc.secret, stored)


def test_request_logs_are_json_and_hold_no_token(enroll, client, caplog):
    import json
    import logging

    pc = enroll()
    with caplog.at_level(logging.INFO, logger="squaddesk.server.access"):
        client.post("/pull", json={}, headers=pc.headers)
    lines = [json.loads(r.getMessage()) for r in caplog.records if r.name == "squaddesk.server.access"]
    assert lines and lines[-1]["path"] == "/pull" and lines[-1]["device_id"] == pc.device_id
    assert all(pc.token not in r.getMessage() and pc.secret not in r.getMessage() for r in caplog.records)
