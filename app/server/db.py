"""The server's engine, session factory and migrations. The URL comes from the caller (CLI:
`--db`, then SQUADDESK_SERVER_DB, then a SQLite file in the current folder)."""

from __future__ import annotations

import os
from pathlib import Path

from alembic import command
from alembic.config import Config
from alembic.runtime.migration import MigrationContext
from alembic.script import ScriptDirectory
from sqlalchemy import Engine, create_engine, event
from sqlalchemy.orm import Session, sessionmaker

from app.errors import StoreError

DB_ENV = "SQUADDESK_SERVER_DB"
DEFAULT_SQLITE = "squaddesk-server.db"
MIGRATIONS = Path(__file__).with_name("migrations")


def database_url(explicit: str | None = None) -> str:
    if explicit:
        return explicit
    return os.environ.get(DB_ENV) or f"sqlite:///{Path.cwd() / DEFAULT_SQLITE}"


def make_engine(url: str) -> Engine:
    if url.startswith("postgresql://"):
        url = "postgresql+psycopg://" + url[len("postgresql://"):]
    if url.startswith("sqlite"):
        engine = create_engine(url, connect_args={"check_same_thread": False}, hide_parameters=True)

        @event.listens_for(engine, "connect")
        def _sqlite_pragmas(dbapi_conn, _record):  # noqa: ANN001
            cur = dbapi_conn.cursor()
            cur.execute("PRAGMA foreign_keys=ON")
            cur.execute("PRAGMA journal_mode=WAL")
            cur.execute("PRAGMA busy_timeout=10000")
            cur.close()

        return engine
    # hide_parameters: a failed statement's values (case data, personal data) stay out of logs.
    return create_engine(url, pool_size=10, max_overflow=10, pool_pre_ping=True, hide_parameters=True)


def make_sessions(engine: Engine) -> sessionmaker[Session]:
    return sessionmaker(engine, expire_on_commit=False)


def alembic_config() -> Config:
    cfg = Config()
    cfg.set_main_option("script_location", str(MIGRATIONS))
    return cfg


def migrate(engine: Engine) -> tuple[str, ...]:
    """Bring the server store to head; refuse a database made by a newer server."""
    script = ScriptDirectory.from_config(alembic_config())
    known = {rev.revision for rev in script.walk_revisions()}
    with engine.begin() as conn:
        current = MigrationContext.configure(conn).get_current_heads()
        unknown = [rev for rev in current if rev not in known]
        if unknown:
            raise StoreError(f"县局服务器数据库版本 {'、'.join(unknown)} 高于本程序，未作任何改动。")
        cfg = alembic_config()
        cfg.attributes["connection"] = conn
        command.upgrade(cfg, "head")
        return tuple(MigrationContext.configure(conn).get_current_heads())


def is_at_head(engine: Engine) -> bool:
    heads = set(ScriptDirectory.from_config(alembic_config()).get_heads())
    with engine.connect() as conn:
        return set(MigrationContext.configure(conn).get_current_heads()) == heads
