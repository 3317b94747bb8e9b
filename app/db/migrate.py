"""Bringing a data folder's database to this build's schema, safely.

Before any migration the file is copied aside (an installed client upgrades in place and must be
able to go back). A database stamped with a revision this build does not know was written by a
newer squaddesk: it is refused and left untouched.
"""

from __future__ import annotations

import logging
from dataclasses import dataclass
from pathlib import Path

from alembic import command
from alembic.config import Config
from alembic.runtime.migration import MigrationContext
from alembic.script import ScriptDirectory
from sqlalchemy import Engine

from app.errors import StoreError

log = logging.getLogger(__name__)
MIGRATIONS = Path(__file__).with_name("migrations")


@dataclass(frozen=True)
class MigrationResult:
    before: tuple[str, ...]
    after: tuple[str, ...]
    backup: Path | None

    @property
    def changed(self) -> bool:
        return set(self.before) != set(self.after)


def alembic_config() -> Config:
    cfg = Config()
    cfg.set_main_option("script_location", str(MIGRATIONS))
    return cfg


def script_heads() -> set[str]:
    return set(ScriptDirectory.from_config(alembic_config()).get_heads())


def current_revisions(engine: Engine) -> tuple[str, ...]:
    with engine.connect() as conn:
        return tuple(MigrationContext.configure(conn).get_current_heads())


def check_not_newer(engine: Engine) -> tuple[str, ...]:
    script = ScriptDirectory.from_config(alembic_config())
    current = current_revisions(engine)
    known = {rev.revision for rev in script.walk_revisions()}
    unknown = [rev for rev in current if rev not in known]
    if unknown:
        raise StoreError(
            "此数据库由更新版本的 squaddesk 创建（数据库版本 "
            + "、".join(unknown)
            + "），当前程序无法打开，数据库未作任何改动。请安装最新版本的 squaddesk 后再打开。"
        )
    return current


def upgrade_to_head(engine: Engine, db_path: Path, backup_dir: Path, *,
                    key: bytes | None = None) -> MigrationResult:
    """Migrate to this build's heads. A store that already has a schema is first backed up (an
    online, verified, encrypted copy — app.db.backup), so an upgrade can always be undone."""
    before = check_not_newer(engine)
    heads = script_heads()
    if set(before) == heads:
        return MigrationResult(before, before, None)
    backup = None
    if before:
        from app.db.backup import make_backup, rotate  # noqa: PLC0415

        backup = make_backup(engine, backup_dir, key=key, kind="pre-migration").path
        rotate(backup_dir)
        log.info("database backed up to %s before migrating", backup)
    cfg = alembic_config()
    with engine.begin() as conn:
        cfg.attributes["connection"] = conn
        command.upgrade(cfg, "heads")
    after = current_revisions(engine)
    log.info("database migrated from %s to %s", before, after)
    return MigrationResult(before, after, backup)
