"""The local store: pragmas for legal records, migrations from empty, refusal of a newer database."""

from __future__ import annotations

import hashlib
from pathlib import Path

import pytest
from alembic import command
from sqlalchemy import inspect, text

from app.db.engine import make_engine
from app.db.migrate import alembic_config, current_revisions, script_heads, upgrade_to_head
from app.errors import StoreError


def test_connections_use_wal_full_sync_foreign_keys_and_busy_timeout(tmp_path: Path):
    engine = make_engine(tmp_path / "a.db")
    with engine.connect() as conn:
        assert conn.exec_driver_sql("PRAGMA journal_mode").scalar() == "wal"
        assert conn.exec_driver_sql("PRAGMA synchronous").scalar() == 2  # FULL
        assert conn.exec_driver_sql("PRAGMA foreign_keys").scalar() == 1
        assert conn.exec_driver_sql("PRAGMA busy_timeout").scalar() >= 5000
    engine.dispose()


def test_writers_take_the_write_lock_up_front(tmp_path: Path):
    """BEGIN IMMEDIATE: a second writer waits/fails at BEGIN, never half-way through its work."""
    engine = make_engine(tmp_path / "a.db")
    with engine.begin() as conn:
        conn.exec_driver_sql("CREATE TABLE t (x)")
    with engine.connect() as first:
        first.exec_driver_sql("INSERT INTO t VALUES (1)")  # holds the RESERVED lock
        raw = engine.raw_connection()
        try:
            raw.execute("PRAGMA busy_timeout = 50")
            with pytest.raises(Exception, match="locked"):
                raw.execute("BEGIN IMMEDIATE")
        finally:
            raw.close()
        first.rollback()
    engine.dispose()


def test_migrates_an_empty_file_to_head(tmp_path: Path):
    path = tmp_path / "new.db"
    engine = make_engine(path)
    result = upgrade_to_head(engine, path, tmp_path / "backups")
    assert set(result.after) == script_heads()
    assert result.backup is None  # nothing to save from an empty file
    tables = set(inspect(engine).get_table_names())
    assert {"outbox", "audit_log", "squads", "meta", "devices"} <= tables
    engine.dispose()


def test_upgrade_copies_the_database_aside_first(tmp_path: Path):
    path = tmp_path / "old.db"
    engine = make_engine(path)
    cfg = alembic_config()
    with engine.begin() as conn:
        cfg.attributes["connection"] = conn
        command.upgrade(cfg, "0001_foundation")
        conn.execute(text("INSERT INTO meta (key, value) VALUES ('marker', '旧数据')"))
    if script_heads() == {"0001_foundation"}:
        pytest.skip("only one migration exists yet")
    result = upgrade_to_head(engine, path, tmp_path / "backups")
    assert result.backup is not None and result.backup.exists()
    with engine.connect() as conn:  # data kept through the upgrade
        assert conn.execute(text("SELECT value FROM meta WHERE key='marker'")).scalar() == "旧数据"
    engine.dispose()


def test_database_from_a_newer_version_is_refused_and_untouched(tmp_path: Path, db_path: Path):
    engine = make_engine(db_path)
    with engine.begin() as conn:
        conn.execute(text("UPDATE alembic_version SET version_num = '9999_from_the_future'"))
    engine.dispose()
    before = hashlib.sha256(db_path.read_bytes()).hexdigest()
    engine = make_engine(db_path)
    with pytest.raises(StoreError, match="更新版本"):
        upgrade_to_head(engine, db_path, tmp_path / "backups")
    assert current_revisions(engine) == ("9999_from_the_future",)
    engine.dispose()
    assert hashlib.sha256(db_path.read_bytes()).hexdigest() == before
    assert not (tmp_path / "backups").exists()
