"""An installed squaddesk upgraded in place: a data folder written by an earlier release (its
database at the first schema) is brought to this build's schema when it is opened, after a copy
of the old database was put in the folder's backups/, and nothing in it is lost."""

from __future__ import annotations

import sqlite3

from alembic import command
from sqlalchemy import text

from app.bootstrap import open_data_folder
from app.db.engine import make_engine
from app.db.migrate import alembic_config, script_heads
from app.paths import AppPaths

OLD_REVISION = "0001_foundation"
DEVICE_ID = "0f0f0f0f-0000-4000-8000-000000000001"


def _data_folder_from_an_earlier_release(paths: AppPaths) -> None:
    paths.ensure()
    engine = make_engine(paths.database)
    cfg = alembic_config()
    with engine.begin() as conn:
        cfg.attributes["connection"] = conn
        command.upgrade(cfg, OLD_REVISION)
        conn.execute(text("INSERT INTO devices (id, name, squad_id, created_at) "
                          "VALUES (:id, '内勤电脑', :squad, '2025-06-01 08:00:00.000000')"),
                     {"id": DEVICE_ID, "squad": "00000000-0000-4000-8000-00000000c0de"})
        conn.execute(text("INSERT INTO meta (key, value) VALUES ('marker', '旧版本写入的数据')"))
    engine.dispose()


def test_an_old_data_folder_is_upgraded_in_place_after_a_backup_and_keeps_its_data(tmp_path):
    paths = AppPaths.in_folder(tmp_path / "squaddesk")
    _data_folder_from_an_earlier_release(paths)

    opened = open_data_folder(paths, log_to_file=False, use_keyring=False)
    try:
        assert opened.migration.before == (OLD_REVISION,)
        assert set(opened.migration.after) == script_heads()
        assert opened.device_id == DEVICE_ID                      # the same PC, not a new one
        with opened.store.read() as session:
            marker = session.execute(text("SELECT value FROM meta WHERE key='marker'")).scalar()
        assert marker == "旧版本写入的数据"
    finally:
        opened.store.dispose()

    backup = opened.migration.backup
    assert backup is not None and backup.parent == paths.backups
    with sqlite3.connect(backup) as old:                          # the copy is the old database
        assert old.execute("SELECT version_num FROM alembic_version").fetchone() == (OLD_REVISION,)
        assert old.execute("SELECT value FROM meta WHERE key='marker'").fetchone() == ("旧版本写入的数据",)

    again = open_data_folder(paths, log_to_file=False, use_keyring=False)
    try:                                                          # nothing to do the second time
        assert not again.migration.changed and again.migration.backup is None
    finally:
        again.store.dispose()
