"""The server's migrations build exactly the tables its models describe, on PostgreSQL and on the
SQLite development default, and the server audit refuses edits on PostgreSQL."""

from __future__ import annotations

import pytest
from alembic.autogenerate import compare_metadata
from alembic.runtime.migration import MigrationContext
from alembic.script import ScriptDirectory
from sqlalchemy import text
from sqlalchemy.exc import DBAPIError

from app.server.db import alembic_config, make_engine, migrate
from app.server.models import ServerBase


def test_one_head():
    assert len(ScriptDirectory.from_config(alembic_config()).get_heads()) == 1


def test_postgres_schema_matches_the_models(pg_engine):
    with pg_engine.connect() as conn:
        diff = compare_metadata(MigrationContext.configure(conn, opts={"compare_type": True}), ServerBase.metadata)
    assert diff == []


def test_sqlite_dev_database_migrates_and_matches(tmp_path):
    engine = make_engine(f"sqlite:///{tmp_path / 'server.db'}")
    migrate(engine)
    migrate(engine)                                    # idempotent
    with engine.connect() as conn:
        diff = compare_metadata(MigrationContext.configure(conn), ServerBase.metadata)
    assert diff == []


def test_the_server_audit_is_append_only_on_postgres(sessions):
    from app.server.audit import record_event

    with sessions.begin() as s:
        record_event(s, "test.event", actor="test")
    with pytest.raises(DBAPIError, match="append-only"):
        with sessions.begin() as s:
            s.execute(text("UPDATE server_audit SET actor = 'someone else'"))
    with pytest.raises(DBAPIError, match="append-only"):
        with sessions.begin() as s:
            s.execute(text("DELETE FROM server_audit"))
