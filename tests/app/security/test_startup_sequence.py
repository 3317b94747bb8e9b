"""The start-up sequence the docs give the lead: key, encryption, backups, migration."""

from __future__ import annotations

from alembic import command

from app.db import backup as bk
from app.db.engine import checkpoint, make_engine
from app.db.errors import store_errors
from app.db.migrate import alembic_config, current_revisions, script_heads, upgrade_to_head
from app.paths import AppPaths
from app.security.keys import prepare_database


def _start(paths: AppPaths):
    key = prepare_database(paths)
    engine = make_engine(paths.database, key=key)
    with store_errors():
        taken = bk.start_up_backups(engine, paths.backups, key=key)
        upgrade_to_head(engine, paths.database, paths.backups)
    return engine, key, taken


def test_first_run_creates_an_encrypted_migrated_store_and_its_first_daily_backup(secret_service, tmp_path):
    paths = AppPaths.in_folder(tmp_path / "data")
    engine, key, taken = _start(paths)
    assert set(current_revisions(engine)) == script_heads()
    engine.dispose()
    assert not paths.database.read_bytes().startswith(b"SQLite format 3")
    assert [b.kind for b in taken] == ["daily"]  # an empty-but-valid database, backed up


def test_an_old_plaintext_database_is_encrypted_backed_up_then_migrated(secret_service, tmp_path):
    paths = AppPaths.in_folder(tmp_path / "data").ensure()
    engine = make_engine(paths.database)
    cfg = alembic_config()
    with engine.begin() as conn:
        cfg.attributes["connection"] = conn
        command.upgrade(cfg, "0001_foundation")
    checkpoint(engine)
    engine.dispose()
    engine, key, taken = _start(paths)
    assert [b.kind for b in taken] == ["pre-migration"]
    assert bk.verify_backup(taken[0].path, key)
    assert set(current_revisions(engine)) == script_heads()
    engine.dispose()
    for file in paths.backups.glob("*.db"):
        assert not file.read_bytes().startswith(b"SQLite format 3"), file.name
