"""Server test fixtures: one fresh PostgreSQL database per run (see server_pg.py), migrated with the
server's own migrations; every test starts from empty tables; helpers that enroll PCs."""

from __future__ import annotations

import uuid
from dataclasses import dataclass, field
from datetime import datetime, timezone
from typing import Any

import pytest
from fastapi.testclient import TestClient
from sqlalchemy import text

from app.server import accounts
from app.server.db import make_engine, make_sessions, migrate
from app.server.main import create_app
from app.server.models import ServerBase

import server_pg  # noqa: E402  (tests/server is on sys.path: pytest prepend import mode)


@pytest.fixture(scope="session")
def pg_database():
    try:
        db = server_pg.create_database()
    except (server_pg.PostgresUnavailable, FileNotFoundError) as exc:
        pytest.fail(f"PostgreSQL is needed for server tests: {exc}")
    yield db
    server_pg.drop_database(db)


@pytest.fixture(scope="session")
def pg_engine(pg_database):
    engine = make_engine(pg_database.url)
    migrate(engine)
    yield engine
    engine.dispose()


@pytest.fixture
def sessions(pg_engine):
    tables = ", ".join(t.name for t in ServerBase.metadata.sorted_tables)
    with pg_engine.begin() as conn:
        conn.execute(text(f"TRUNCATE {tables} RESTART IDENTITY CASCADE"))
    return make_sessions(pg_engine)


@pytest.fixture
def app(sessions):
    return create_app(sessions)


@pytest.fixture
def client(app):
    with TestClient(app) as c:
        yield c


def now_iso() -> str:
    return datetime.now(timezone.utc).isoformat()


@dataclass
class Township:
    """One enrolled PC of a squad, talking to the app through TestClient."""

    client: TestClient
    squad_id: str
    device_id: str
    secret: str
    token: str
    ops: list[dict[str, Any]] = field(default_factory=list)

    @property
    def headers(self) -> dict[str, str]:
        return {"Authorization": f"Bearer {self.token}"}

    def op(self, entity: str, entity_id: str, op: str = "insert", *, fields: dict | None = None,
           base: dict | None = None, base_revision: int = 0, op_id: str | None = None) -> dict:
        return {
            "op_id": op_id or str(uuid.uuid4()), "entity": entity, "entity_id": entity_id,
            "op": op, "base_revision": base_revision, "revision": base_revision + 1,
            "fields": fields or {}, "base": base or {}, "created_at": now_iso(),
            "created_by": "clerk", "device_id": self.device_id,
        }

    def push(self, *ops: dict, **extra: Any) -> dict:
        response = self.client.post("/push", json={"operations": list(ops), **extra}, headers=self.headers)
        assert response.status_code == 200, response.text
        return response.json()

    def pull(self, cursor: int = 0, limit: int = 500, **extra: Any) -> dict:
        response = self.client.post("/pull", json={"cursor": cursor, "limit": limit, **extra},
                                    headers=self.headers)
        assert response.status_code == 200, response.text
        return response.json()


@pytest.fixture
def make_squad(sessions):
    def make(name: str | None = None) -> str:
        with sessions.begin() as session:
            return accounts.create_squad(session, name or f"中队{uuid.uuid4().hex[:6]}").id
    return make


@pytest.fixture
def enroll(client, sessions, make_squad):
    def enroll_pc(squad_id: str | None = None, name: str = "内勤电脑") -> Township:
        squad_id = squad_id or make_squad()
        with sessions.begin() as session:
            code = accounts.make_enrollment_code(session, squad_id)
        r = client.post("/enroll", json={"code": code, "device_name": name, "client_version": "0.1.0"})
        assert r.status_code == 200, r.text
        body = r.json()
        t = client.post("/token", json={"device_id": body["device_id"], "device_secret": body["device_secret"],
                                        "client_version": "0.1.0"})
        assert t.status_code == 200, t.text
        return Township(client, squad_id, body["device_id"], body["device_secret"], t.json()["access_token"])
    return enroll_pc
