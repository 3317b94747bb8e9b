"""The real server process over TLS: `squaddesk-server serve` under uvicorn with a certificate
from a test CA made here, talked to with `requests` verifying against that CA (and with the
township's SyncClient), on the PostgreSQL test database."""

from __future__ import annotations

import datetime as dt
import gzip
import hashlib
import json
import os
import socket
import subprocess
import sys
import time
import uuid
from pathlib import Path

import pytest
import requests
from app.server import accounts
from app.server.devcert import ensure_dev_certificates
from app.sync import protocol

pytestmark = pytest.mark.integration
REPO = Path(__file__).resolve().parents[2]


def make_test_ca(folder: Path) -> tuple[Path, Path, Path]:
    """A CA and a server certificate for 127.0.0.1/localhost; returns (ca, cert, key) paths."""
    certs = ensure_dev_certificates(folder)
    return certs.ca_cert, certs.server_cert, certs.server_key


def _free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


@pytest.fixture
def tls_server(tmp_path, sessions, pg_database):
    ca, cert, key = make_test_ca(tmp_path)
    port = _free_port()
    log_path = tmp_path / "server.log"
    env = {**os.environ, "SQUADDESK_SERVER_DB": pg_database.url, "PYTHONPATH": str(REPO)}
    with open(log_path, "wb") as log:
        proc = subprocess.Popen(
            [sys.executable, "-m", "app.server.cli", "serve", "--host", "127.0.0.1", "--port", str(port),
             "--ssl-certfile", str(cert), "--ssl-keyfile", str(key)],
            env=env, stdout=log, stderr=subprocess.STDOUT, cwd=tmp_path)
    base = f"https://127.0.0.1:{port}"
    deadline = time.monotonic() + 30
    while True:
        try:
            requests.get(base + "/info", verify=str(ca), timeout=2)   # per-call verify wins over env
            break
        except requests.ConnectionError:
            if proc.poll() is not None or time.monotonic() > deadline:
                proc.kill()
                pytest.fail("server did not start:\n" + log_path.read_text(errors="replace"))
            time.sleep(0.2)
    yield base, str(ca), log_path
    proc.terminate()
    try:
        proc.wait(timeout=20)
    except subprocess.TimeoutExpired:
        proc.kill()
        proc.wait(timeout=5)
        raise


def test_the_real_server_over_tls_end_to_end(tls_server, sessions):
    base, ca, log_path = tls_server
    with sessions.begin() as s:
        squad = accounts.create_squad(s, "城关中队").id
        code = accounts.make_enrollment_code(s, squad)
    http = requests.Session()
    # requests lets REQUESTS_CA_BUNDLE from the environment override Session.verify
    # (psf/requests#3829); trust only the test CA, whatever the environment says.
    http.trust_env = False
    http.verify = ca
    info = http.get(base + "/info", timeout=10)
    assert info.ok and info.headers[protocol.SERVER_TIME_HEADER]
    with pytest.raises(requests.exceptions.SSLError):
        requests.get(base + "/info", timeout=10)           # not trusted without the county CA
    enrolled = http.post(base + "/enroll", json={"code": code, "device_name": "PC", "client_version": "0.1.0"},
                         timeout=10).json()
    token = http.post(base + "/token", json={"device_id": enrolled["device_id"],
                                             "device_secret": enrolled["device_secret"],
                                             "client_version": "0.1.0"}, timeout=10).json()["access_token"]
    auth = {"Authorization": f"Bearer {token}"}
    op = {"op_id": str(uuid.uuid4()), "entity": "cases", "entity_id": str(uuid.uuid4()), "op": "insert",
          "base_revision": 0, "revision": 1, "fields": {"title": "占道经营"}, "base": {},
          "created_at": dt.datetime.now(dt.timezone.utc).isoformat(), "device_id": enrolled["device_id"]}
    body = gzip.compress(json.dumps({"operations": [op]}).encode())
    for expected in ("applied", "duplicate"):                # a retried push over the real wire
        r = http.post(base + "/push", data=body, timeout=10,
                      headers={**auth, "Content-Encoding": "gzip", "Content-Type": "application/json"})
        assert r.json()["results"][0]["status"] == expected
    pulled = http.post(base + "/pull", json={"cursor": 0}, headers={**auth, "Accept-Encoding": "gzip"}, timeout=10)
    assert [c["data"].get("title") for c in pulled.json()["changes"]] == [None, "占道经营"]
    blob = os.urandom(protocol.CHUNK_SIZE + 77)
    sha = hashlib.sha256(blob).hexdigest()
    http.post(base + "/evidence/uploads", json={"sha256": sha, "size": len(blob)}, headers=auth, timeout=10)
    for offset in range(0, len(blob), protocol.CHUNK_SIZE):
        http.put(f"{base}/evidence/uploads/{sha}/chunks/{offset}", data=blob[offset:offset + protocol.CHUNK_SIZE],
                 headers=auth, timeout=10).raise_for_status()
    assert http.post(f"{base}/evidence/uploads/{sha}/complete", headers=auth, timeout=10).json()["complete"]
    http.close()
    time.sleep(0.2)                                          # let the access log reach the file
    log_text = log_path.read_text(errors="replace")
    assert token not in log_text and enrolled["device_secret"] not in log_text and code not in log_text
    access = [json.loads(line) for line in log_text.splitlines() if line.startswith('{"at"')]
    assert {"/info", "/enroll", "/token", "/push", "/pull"} <= {a["path"] for a in access}


def _sync_client_round_trip(base: str, ca: str, sessions, squad_name: str) -> None:
    from app.sync.client import SyncClient

    with sessions.begin() as s:
        squad = accounts.create_squad(s, squad_name).id
        code = accounts.make_enrollment_code(s, squad)
    secret: dict[str, str] = {}
    with SyncClient(base, ca_path=ca, secret=lambda: secret.get("v"), client_version="0.1.0") as client:
        client.info()
        enrolled = client.enroll(code, "河西内勤")
        secret["v"] = enrolled.device_secret
        client.login()
        lease = client.lease(protocol.LeaseRequest(request_id=str(uuid.uuid4()), doc_type="罚决", year=2026))
        assert lease.first == 1
        page = client.pull(protocol.PullRequest(cursor=0))
        assert page.changes[0].entity == "squads" and page.changes[0].data["name"] == squad_name


CA_ENV = ("REQUESTS_CA_BUNDLE", "CURL_CA_BUNDLE")


def test_the_township_sync_client_talks_to_the_real_server(tls_server, sessions, monkeypatch):
    base, ca, _ = tls_server
    for name in CA_ENV:
        monkeypatch.delenv(name, raising=False)
    _sync_client_round_trip(base, ca, sessions, "河西中队")


def test_the_sync_client_trusts_the_county_ca_even_with_a_ca_bundle_in_the_environment(
        tls_server, sessions, monkeypatch):
    # requests lets REQUESTS_CA_BUNDLE override Session.verify (psf/requests#3829); the client
    # must still trust only the county CA it was given.
    base, ca, _ = tls_server
    monkeypatch.setenv("REQUESTS_CA_BUNDLE", "/etc/ssl/certs/ca-certificates.crt")
    _sync_client_round_trip(base, ca, sessions, "河东中队")
