"""A throw-away PostgreSQL database for server tests and benches, on this machine's cluster.

How it gets one (the CI runner needs the same):
1. If SQUADDESK_TEST_PG_ADMIN is set (a libpq URL of a role allowed to CREATE ROLE/DATABASE),
   it is used as is.
2. Otherwise the local Debian cluster is started if it is down (`pg_ctlcluster 15 main start`)
   and administration runs as the `postgres` OS user over the unix socket (`su postgres -c psql`
   when we are root, plain `psql -U postgres` when we already are `postgres`).
A fresh role and database with random names and password are created; the tests connect over
TCP 127.0.0.1 with that password, and both are dropped at the end.
"""

from __future__ import annotations

import os
import secrets
import shlex
import subprocess
import time
from dataclasses import dataclass

ADMIN_ENV = "SQUADDESK_TEST_PG_ADMIN"
PG_VERSION = os.environ.get("SQUADDESK_TEST_PG_VERSION", "15")
PG_CLUSTER = os.environ.get("SQUADDESK_TEST_PG_CLUSTER", "main")


class PostgresUnavailable(RuntimeError):
    pass


def _psql(sql: str) -> str:
    admin = os.environ.get(ADMIN_ENV)
    if admin:
        cmd = ["psql", admin, "-v", "ON_ERROR_STOP=1", "-Atqc", sql]
    elif os.geteuid() == 0:
        inner = f"psql -v ON_ERROR_STOP=1 -Atqc {shlex.quote(sql)}"
        cmd = ["su", "postgres", "-c", inner]
    else:
        cmd = ["psql", "-U", "postgres", "-v", "ON_ERROR_STOP=1", "-Atqc", sql]
    proc = subprocess.run(cmd, capture_output=True, text=True, timeout=60, cwd="/")
    if proc.returncode != 0:
        raise PostgresUnavailable(f"{' '.join(cmd[:3])}…: {proc.stderr.strip()}")
    return proc.stdout


def ensure_running() -> None:
    """Start the local cluster if it is down; wait until it answers."""
    if os.environ.get(ADMIN_ENV):
        return
    try:
        _psql("SELECT 1")
        return
    except PostgresUnavailable:
        pass
    subprocess.run(["pg_ctlcluster", PG_VERSION, PG_CLUSTER, "start"], capture_output=True, timeout=60)
    deadline = time.monotonic() + 30
    while True:
        try:
            _psql("SELECT 1")
            return
        except PostgresUnavailable:
            if time.monotonic() > deadline:
                raise
            time.sleep(0.3)


@dataclass
class Database:
    name: str
    role: str
    password: str
    host: str = "127.0.0.1"
    port: int = 5432

    @property
    def url(self) -> str:
        return f"postgresql+psycopg://{self.role}:{self.password}@{self.host}:{self.port}/{self.name}"


def create_database(prefix: str = "squaddesk_test") -> Database:
    ensure_running()
    suffix = secrets.token_hex(4)
    db = Database(name=f"{prefix}_{suffix}", role=f"{prefix}_{suffix}", password=secrets.token_hex(16))
    _psql(f"CREATE ROLE {db.role} LOGIN PASSWORD '{db.password}'")
    _psql(f"CREATE DATABASE {db.name} OWNER {db.role}")
    return db


def drop_database(db: Database) -> None:
    _psql(f"DROP DATABASE IF EXISTS {db.name} WITH (FORCE)")
    _psql(f"DROP ROLE IF EXISTS {db.role}")
