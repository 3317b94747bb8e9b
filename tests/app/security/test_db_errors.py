"""Full disk, a locked database and a corrupt file: a clear Chinese message, and nothing lost."""

from __future__ import annotations

import sqlite3
import threading

import pytest
import sqlcipher3.dbapi2 as sqlcipher
from hypothesis import given
from hypothesis import strategies as st
from sqlalchemy import event, exc as sa_exc, select

import app.db.engine as engine_module
from app.db import errors as db_errors
from app.db.errors import CORRUPT, DISK_FULL, LOCKED, store_errors, translate_db_error
from app.db.models import AuditEntry, Squad
from app.db.store import Store
from app.errors import StoreError


def _squad(name: str, size: int = 0) -> Squad:
    return Squad(name=name, township="镇" * size, issuing_authority="崇州市综合行政执法局")


def _names(store) -> list[str]:
    with store.read() as s:
        return sorted(s.scalars(select(Squad.name)))


def test_full_disk_refuses_the_save_and_keeps_everything_before_it(store, actor):
    with store_errors(), store.write(actor, "squad.create") as s:
        s.add(_squad("之前保存的"))
    # A real SQLITE_FULL: cap the file at its current size, then try to grow it.
    def cap(dbapi_conn, _record) -> None:  # noqa: ANN001
        pages = dbapi_conn.execute("PRAGMA page_count").fetchone()[0]
        dbapi_conn.execute(f"PRAGMA max_page_count = {pages}")

    event.listen(store.engine, "connect", cap)
    store.engine.dispose()
    with pytest.raises(StoreError) as caught:
        with store_errors(), store.write(actor, "squad.create") as s:
            s.add(_squad("太大了", size=200_000))
    assert str(caught.value) == DISK_FULL and "磁盘空间已满" in str(caught.value)
    assert isinstance(caught.value.__cause__, sa_exc.OperationalError)
    event.remove(store.engine, "connect", cap)
    store.engine.dispose()
    assert _names(store) == ["之前保存的"]
    with store.read() as s:
        assert len(s.scalars(select(AuditEntry)).all()) == 1  # no half-written audit either
    with store_errors(), store.write(actor, "squad.create") as s:  # space freed: the retry works
        s.add(_squad("太大了", size=200_000))
    assert _names(store) == ["之前保存的", "太大了"]


def test_monkeypatched_disk_full_error_reads_the_same(store, actor, monkeypatch):
    def full(*_a, **_k):  # noqa: ANN002, ANN003
        raise sqlite3.OperationalError("database or disk is full")

    with pytest.raises(StoreError, match="磁盘空间已满"):
        with store_errors(), store.write(actor, "squad.create") as s:
            s.add(_squad("甲"))
            monkeypatch.setattr(s, "flush", full)
            s.flush()


def test_a_database_locked_by_another_program_gives_a_clear_message(db_path, actor, monkeypatch):
    monkeypatch.setattr(engine_module, "BUSY_TIMEOUT_MS", 200)
    store = Store.open(db_path)
    with store.write(actor, "squad.create") as s:
        s.add(_squad("之前保存的"))
    # Same SQLite library as the store: POSIX locks are per process, so only SQLite's own
    # bookkeeping makes two connections in one process see each other's locks.
    holder = sqlcipher.connect(str(db_path), isolation_level=None)
    holder.execute("BEGIN IMMEDIATE")  # another program holds the write lock past the timeout
    try:
        with pytest.raises(StoreError) as caught:
            with store_errors(), store.write(actor, "squad.create") as s:
                s.add(_squad("被挡住的"))
        assert str(caught.value) == LOCKED
    finally:
        holder.execute("ROLLBACK")
        holder.close()
    assert _names(store) == ["之前保存的"]
    with store_errors(), store.write(actor, "squad.create") as s:
        s.add(_squad("被挡住的"))
    assert _names(store) == ["之前保存的", "被挡住的"]
    store.dispose()


def test_a_lock_released_within_the_busy_timeout_just_waits(db_path, actor, monkeypatch):
    monkeypatch.setattr(engine_module, "BUSY_TIMEOUT_MS", 3000)
    store = Store.open(db_path)
    holder = sqlcipher.connect(str(db_path), isolation_level=None, check_same_thread=False)
    holder.execute("BEGIN IMMEDIATE")
    timer = threading.Timer(0.2, lambda: holder.execute("ROLLBACK"))
    timer.start()
    with store_errors(), store.write(actor, "squad.create") as s:
        s.add(_squad("等了一下"))
    timer.join()
    holder.close()
    assert _names(store) == ["等了一下"]
    store.dispose()


def test_a_corrupt_file_gives_a_clear_message_and_is_not_touched(db_path, actor):
    store = Store.open(db_path)
    with store.write(actor, "squad.create") as s:
        s.add(_squad("甲"))
    store.dispose()
    raw = bytearray(db_path.read_bytes())
    raw[0:100] = b"\x00" * 100  # the header is gone
    db_path.write_bytes(bytes(raw))
    broken = Store.open(db_path)
    with pytest.raises(StoreError) as caught:
        with store_errors(), broken.read() as s:
            s.scalars(select(Squad)).all()
    assert str(caught.value) == CORRUPT
    broken.dispose()
    assert db_path.read_bytes() == bytes(raw)


def test_programming_errors_are_not_disguised(store, actor):
    with pytest.raises(sa_exc.IntegrityError):
        with store_errors(), store.write(actor, "squad.create") as s:
            s.add(Squad(name=None, issuing_authority="局"))  # NOT NULL: a bug, not the clerk's


@given(st.text(max_size=80))
def test_any_driver_message_becomes_a_chinese_store_error(text):
    error = translate_db_error(sqlite3.OperationalError(text))
    known = {db_errors.DISK_FULL, db_errors.LOCKED, db_errors.CORRUPT, db_errors.IO_ERROR,
             db_errors.READ_ONLY, db_errors.CANNOT_OPEN}
    assert isinstance(error, StoreError)
    # the driver's text (which may quote SQL or values) never reaches the clerk
    assert str(error) in known or str(error) == db_errors.GENERIC.format(detail="OperationalError")
