"""Bringing a data folder's database to this build's schema, safely.

Before any migration the file is copied aside (an installed client upgrades in place and must be
able to go back). A database stamped with a revision this build does not know was written by a
newer squaddesk: it is refused and left untouched.
"""

from __future__ import annotations

import logging
from dataclasses import dataclass
from pathlib import Path

import re
from functools import lru_cache
from typing import TYPE_CHECKING

from sqlalchemy import Engine, text
from sqlalchemy.exc import OperationalError

from app.errors import StoreError

if TYPE_CHECKING:
    from alembic.config import Config

log = logging.getLogger(__name__)
MIGRATIONS = Path(__file__).with_name("migrations")
_REVISION = re.compile(r"^revision\s*=\s*['\"]([^'\"]+)['\"]", re.MULTILINE)
_DOWN = re.compile(r"^down_revision\s*=\s*(.+)$", re.MULTILINE)


@dataclass(frozen=True)
class MigrationResult:
    before: tuple[str, ...]
    after: tuple[str, ...]
    backup: Path | None

    @property
    def changed(self) -> bool:
        return set(self.before) != set(self.after)


def alembic_config() -> Config:
    from alembic.config import Config  # noqa: PLC0415 - Alembic only when migrating

    cfg = Config()
    cfg.set_main_option("script_location", str(MIGRATIONS))
    return cfg


@lru_cache(maxsize=1)
def _revision_graph() -> tuple[frozenset[str], frozenset[str]]:
    """(every revision, the heads) read from the shipped revision files with two regexes, so a
    start-up at head does not import Alembic (~0.1 s). A test checks it against Alembic's view."""
    revisions: set[str] = set()
    parents: set[str] = set()
    for file in (MIGRATIONS / "versions").glob("*.py"):
        source = file.read_text(encoding="utf-8")
        found = _REVISION.search(source)
        if found is None:
            continue
        revisions.add(found.group(1))
        down = _DOWN.search(source)
        if down:
            parents.update(re.findall(r"['\"]([^'\"]+)['\"]", down.group(1)))
    return frozenset(revisions), frozenset(revisions - parents)


def script_heads() -> set[str]:
    return set(_revision_graph()[1])


def current_revisions(engine: Engine) -> tuple[str, ...]:
    with engine.connect() as conn:
        try:
            return tuple(conn.execute(text("SELECT version_num FROM alembic_version")).scalars())
        except OperationalError:  # no alembic_version table: an empty (new) database
            return ()


def check_not_newer(engine: Engine) -> tuple[str, ...]:
    current = current_revisions(engine)
    known = _revision_graph()[0]
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
    from alembic import command  # noqa: PLC0415

    cfg = alembic_config()
    with engine.begin() as conn:
        cfg.attributes["connection"] = conn
        command.upgrade(cfg, "heads")
    after = current_revisions(engine)
    log.info("database migrated from %s to %s", before, after)
    return MigrationResult(before, after, backup)
