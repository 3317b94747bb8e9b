"""Opening the local SQLite file with the settings legal records need.

WAL so readers never block the writer; synchronous=FULL because township power fails and an
acknowledged save must survive it; foreign keys on; a busy timeout instead of instant "database is
locked"; and SQLAlchemy's documented pysqlite recipe so every writing transaction starts with
BEGIN IMMEDIATE (taking the write lock up front rather than failing half-way on upgrade).

The driver is sqlcipher3 (SQLite built with SQLCipher): with a key the file is encrypted at rest,
without one it is an ordinary SQLite file. The key is applied by PRAGMA on connect, never put in
the URL, so it cannot leak into logs or error messages.
"""

from __future__ import annotations

from pathlib import Path

import sqlcipher3.dbapi2 as sqlcipher
from sqlalchemy import Engine, create_engine, event
from sqlalchemy.pool import QueuePool

BUSY_TIMEOUT_MS = 10_000


def make_engine(path: Path, *, key: bytes | None = None, echo: bool = False) -> Engine:
    """Engine for the store at `path`. Writers get BEGIN IMMEDIATE; see `reader_engine`."""
    engine = create_engine(
        f"sqlite:///{path}",
        module=sqlcipher,
        poolclass=QueuePool,
        pool_size=4,
        max_overflow=4,
        connect_args={"timeout": BUSY_TIMEOUT_MS / 1000, "check_same_thread": False},
        echo=echo,
    )

    @event.listens_for(engine, "connect")
    def _on_connect(dbapi_conn, _record) -> None:  # noqa: ANN001
        # Let SQLAlchemy, not the driver, emit BEGIN (pysqlite recipe).
        dbapi_conn.isolation_level = None
        cur = dbapi_conn.cursor()
        if key is not None:
            cur.execute(f"PRAGMA key = \"x'{key.hex()}'\"")
        cur.execute(f"PRAGMA busy_timeout = {BUSY_TIMEOUT_MS}")
        cur.execute("PRAGMA journal_mode = WAL")
        cur.execute("PRAGMA synchronous = FULL")
        cur.execute("PRAGMA foreign_keys = ON")
        cur.close()

    @event.listens_for(engine, "begin")
    def _on_begin(conn) -> None:  # noqa: ANN001
        mode = conn.get_execution_options().get("sqlite_begin", "IMMEDIATE")
        conn.exec_driver_sql(f"BEGIN {mode}")

    return engine


def reader_engine(engine: Engine) -> Engine:
    """Same pool, but transactions start DEFERRED so list views never take the write lock."""
    return engine.execution_options(sqlite_begin="DEFERRED")


def checkpoint(engine: Engine) -> None:
    """Fold the WAL into the main file (before copying it). Runs outside any transaction."""
    raw = engine.raw_connection()
    try:
        cur = raw.cursor()
        cur.execute("PRAGMA wal_checkpoint(TRUNCATE)")
        cur.close()
    finally:
        raw.close()
