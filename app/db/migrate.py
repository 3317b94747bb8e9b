"""Bringing a data folder's database to this build's schema, safely.

Before any migration the file is copied aside (an installed client upgrades in place and must be
able to go back). A database stamped with a revision this build does not know was written by a
newer squaddesk: it is refused and left untouched.
"""

from __future__ import annotations

import logging
import shutil
from dataclasses import dataclass
from pathlib import Path

from alembic import command
from alembic.config import Config
from alembic.runtime.migration import MigrationContext
from alembic.script import ScriptDirectory
from sqlalchemy import Engine

from app.clock import utc_now
from app.db.engine import checkpoint
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


def backup_before_migration(engine: Engine, db_path: Path, backup_dir: Path) -> Path | None:
    """Copy the database aside; WAL is checkpointed first so the copy is complete."""
    if not db_path.exists() or db_path.stat().st_size == 0:
        return None
    checkpoint(engine)
    backup_dir.mkdir(parents=True, exist_ok=True)
    stamp = utc_now().strftime("%Y%m%dT%H%M%SZ")
    target = backup_dir / f"pre-migration-{stamp}-{db_path.name}"
    shutil.copy2(db_path, target)
    log.info("database copied aside to %s before migrating", target)
    return target


def upgrade_to_head(engine: Engine, db_path: Path, backup_dir: Path) -> MigrationResult:
    before = check_not_newer(engine)
    heads = script_heads()
    if set(before) == heads:
        return MigrationResult(before, before, None)
    backup = backup_before_migration(engine, db_path, backup_dir) if before else None
    cfg = alembic_config()
    with engine.begin() as conn:
        cfg.attributes["connection"] = conn
        command.upgrade(cfg, "heads")
    after = current_revisions(engine)
    log.info("database migrated from %s to %s", before, after)
    return MigrationResult(before, after, backup)
