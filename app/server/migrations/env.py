"""Alembic environment for the county server's store (PostgreSQL; SQLite for development)."""

from __future__ import annotations

from alembic import context
from sqlalchemy import Connection

from app.server.models import ServerBase

config = context.config
target_metadata = ServerBase.metadata


def _run(connection: Connection) -> None:
    context.configure(
        connection=connection,
        target_metadata=target_metadata,
        render_as_batch=connection.dialect.name == "sqlite",
        compare_type=True,
    )
    with context.begin_transaction():
        context.run_migrations()


def run_migrations_online() -> None:
    connection = config.attributes.get("connection")
    if connection is None:
        raise SystemExit("app.server.db.migrate() passes the connection; run `squaddesk-server migrate`")
    _run(connection)


if context.is_offline_mode():
    raise SystemExit("offline SQL generation is not supported for the server store")
run_migrations_online()
