"""The real start-up sequence (app.bootstrap.open_data_folder): key, encryption, backups, migration."""

from __future__ import annotations

from alembic import command

from app.db import backup as bk
from app.db.engine import checkpoint, make_engine
from app.bootstrap import open_data_folder
from app.db.migrate import alembic_config, current_revisions, script_heads
from app.paths import AppPaths


def _start(paths: AppPaths):
    opened = open_data_folder(paths, log_to_file=False)
    return opened.store.engine, opened.key, bk.list_backups(paths.backups)


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
