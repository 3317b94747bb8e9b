"""Backups of the encrypted store: taken online, verified, rotated; summaries for a restore preview.

A backup is made with SQLite's online backup API from a live connection (a consistent snapshot even
while the clerk keeps working) into `<name>.db.partial`, encrypted with the same key, switched to a
single-file journal mode, reopened and checked with `PRAGMA integrity_check`, fsynced, and only then
renamed to its final `squaddesk-<kind>-<UTC stamp>.db`. A crash at any point leaves either no new
backup or a complete, verified one: a file with a final name is always good.

Kinds: `daily` (automatic at start-up when the newest is older than 24 h), `manual`,
`pre-migration` (before every schema upgrade) and `pre-restore` (the state just before a restore).
Rotation keeps the newest regular (daily/manual) backup of each of the last 7 days that have one,
plus the newest of each of the last 4 ISO weeks, plus the 5 newest pre-migration and the 5 newest
pre-restore backups. Dates are counted in China time, as the clerk sees them.

Restore lives in app.db.restore (it is re-exported here as `restore` and `diff_against_current`).
"""

from __future__ import annotations

import logging
import os
import re
from collections.abc import Iterable
from dataclasses import dataclass
from datetime import datetime, timedelta, timezone
from pathlib import Path

import sqlcipher3.dbapi2 as sqlcipher
from sqlalchemy import Engine

from app.clock import CHINA_TZ, utc_now
from app.db.fsutil import fsync_dir, fsync_file, remove_quietly
from app.db.store import Store
from app.errors import StoreError

log = logging.getLogger(__name__)

KINDS = ("daily", "manual", "pre-migration", "pre-restore")
REGULAR = ("daily", "manual")
KEEP_DAILY = 7
KEEP_WEEKLY = 4
KEEP_PRE_MIGRATION = 5
KEEP_PRE_RESTORE = 5
MAX_AGE = timedelta(hours=24)
STAMP = "%Y%m%dT%H%M%S%fZ"
NAME_RE = re.compile(r"^squaddesk-(daily|manual|pre-migration|pre-restore)-(\d{8}T\d{12}Z)(?:-(\d+))?\.db$")


@dataclass(frozen=True)
class BackupInfo:
    path: Path
    kind: str
    taken_at: datetime  # aware UTC

    @property
    def label(self) -> str:
        when = self.taken_at.astimezone(CHINA_TZ).strftime("%Y-%m-%d %H:%M")
        kind = {"daily": "每日自动", "manual": "手动", "pre-migration": "升级前",
                "pre-restore": "恢复前"}[self.kind]
        return f"{when}（{kind}）"


def backup_name(kind: str, taken_at: datetime, serial: int = 0) -> str:
    if kind not in KINDS:
        raise ValueError(f"unknown backup kind {kind!r}")
    stamp = taken_at.astimezone(timezone.utc).strftime(STAMP)
    return f"squaddesk-{kind}-{stamp}" + (f"-{serial}" if serial else "") + ".db"


def parse_backup_name(path: Path) -> BackupInfo | None:
    """BackupInfo for a file named by `backup_name`, else None (partial files, strangers)."""
    match = NAME_RE.match(path.name)
    if match is None:
        return None
    try:
        taken_at = datetime.strptime(match.group(2), STAMP).replace(tzinfo=timezone.utc)
    except ValueError:
        return None
    return BackupInfo(path, match.group(1), taken_at)


def list_backups(folder: Path) -> list[BackupInfo]:
    """Finished backups in `folder`, newest first."""
    if not folder.exists():
        return []
    found = (parse_backup_name(p) for p in folder.iterdir() if p.is_file())
    return sorted((b for b in found if b is not None), key=lambda b: (b.taken_at, b.path.name),
                  reverse=True)


def _keyed(path: Path, key: bytes | None, *, read_only: bool = False) -> sqlcipher.Connection:
    # Always a URI connection, so a later ATTACH may pass a read-only URI too.
    uri = Path(path).resolve().as_uri() + ("?mode=ro" if read_only else "")
    conn = sqlcipher.connect(uri, uri=True)
    if key is not None:
        conn.execute(f"PRAGMA key = \"x'{key.hex()}'\"")
    return conn


def verify_backup(path: Path, key: bytes | None) -> bool:
    """True when `path` opens with `key` and passes a full integrity check."""
    try:
        conn = _keyed(path, key, read_only=True)
        try:
            return conn.execute("PRAGMA integrity_check").fetchall() == [("ok",)]
        finally:
            conn.close()
    except sqlcipher.DatabaseError:
        return False


def copy_database(source: sqlcipher.Connection, target: Path, key: bytes | None) -> None:
    """Online-backup `source` into a new file `target` (encrypted with `key`), verified, fsynced."""
    remove_quietly(target)
    dest = _keyed(target, key)
    try:
        source.backup(dest)
        # A backup should be one self-contained file, not a WAL database with -wal/-shm siblings.
        dest.execute("PRAGMA journal_mode = DELETE")
    finally:
        dest.close()
    if not verify_backup(target, key):
        remove_quietly(target)
        raise StoreError("备份文件校验失败（完整性检查未通过），本次备份已作废，原数据未受影响。请检查磁盘后重试。")
    fsync_file(target)


def _engine(source: Store | Engine) -> Engine:
    return source.engine if isinstance(source, Store) else source


def make_backup(store: Store | Engine, folder: Path, *, key: bytes | None, kind: str = "manual",
                now: datetime | None = None) -> BackupInfo:
    """Take, verify and publish one backup of `store` into `folder`. Safe while others write."""
    folder.mkdir(parents=True, exist_ok=True)
    taken_at = now or utc_now()
    serial = 0
    while (folder / backup_name(kind, taken_at, serial)).exists():
        serial += 1
    final = folder / backup_name(kind, taken_at, serial)
    partial = final.with_name(final.name + ".partial")
    raw = _engine(store).raw_connection()
    try:
        try:
            copy_database(raw.driver_connection, partial, key)
        except sqlcipher.OperationalError as exc:
            remove_quietly(partial)
            from app.db.errors import translate_db_error

            raise translate_db_error(exc) from exc
    finally:
        raw.close()
    os.replace(partial, final)
    fsync_dir(folder)
    log.info("backup %s written (%d bytes)", final.name, final.stat().st_size)
    return BackupInfo(final, kind, taken_at)


def plan_rotation(backups: Iterable[BackupInfo]) -> tuple[list[BackupInfo], list[BackupInfo]]:
    """(keep, delete) under the policy in the module docstring. Pure; the newest always stays."""
    ordered = sorted(backups, key=lambda b: (b.taken_at, b.path.name), reverse=True)
    keep: list[BackupInfo] = []
    days: set = set()
    weeks: set = set()
    counts = {"pre-migration": 0, "pre-restore": 0}
    caps = {"pre-migration": KEEP_PRE_MIGRATION, "pre-restore": KEEP_PRE_RESTORE}
    for backup in ordered:
        if backup.kind in REGULAR:
            local = backup.taken_at.astimezone(CHINA_TZ)
            day, week = local.date(), local.isocalendar()[:2]
            wanted = False
            if day not in days and len(days) < KEEP_DAILY:
                days.add(day)
                wanted = True
            if week not in weeks and len(weeks) < KEEP_WEEKLY:
                weeks.add(week)
                wanted = True
            if wanted:
                keep.append(backup)
        elif counts[backup.kind] < caps[backup.kind]:
            counts[backup.kind] += 1
            keep.append(backup)
    kept = {b.path for b in keep}
    return keep, [b for b in ordered if b.path not in kept]


def rotate(folder: Path) -> list[BackupInfo]:
    """Delete the backups the policy no longer keeps, and stale partial files; returns deleted."""
    _, delete = plan_rotation(list_backups(folder))
    for backup in delete:
        remove_quietly(backup.path)
        log.info("backup %s rotated out", backup.path.name)
    for partial in folder.glob("*.partial") if folder.exists() else ():
        remove_quietly(partial)  # left by a crash during a backup; never a valid backup
    return delete


def auto_backup_if_due(store: Store | Engine, folder: Path, *, key: bytes | None,
                       now: datetime | None = None) -> BackupInfo | None:
    """At start-up: a daily backup when the newest regular one is older than 24 h (or absent)."""
    now = now or utc_now()
    regular = [b for b in list_backups(folder) if b.kind in REGULAR]
    if regular and now - regular[0].taken_at < MAX_AGE:
        return None
    backup = make_backup(store, folder, key=key, kind="daily", now=now)
    rotate(folder)
    return backup


def backup_before_migration(store: Store | Engine, folder: Path, *, key: bytes | None) -> BackupInfo | None:
    """Before `upgrade_to_head`: a verified pre-migration backup, if a migration is pending."""
    from app.db.migrate import current_revisions, script_heads

    current = current_revisions(_engine(store))
    if not current or set(current) == script_heads():
        return None
    backup = make_backup(store, folder, key=key, kind="pre-migration")
    rotate(folder)
    return backup


def start_up_backups(store: Store | Engine, folder: Path, *, key: bytes | None) -> list[BackupInfo]:
    """What start-up calls before `upgrade_to_head`: a pre-migration backup when the schema is
    about to change, else the daily one when due. Returns the backups taken (maybe none)."""
    taken = backup_before_migration(store, folder, key=key)
    if taken is None:
        taken = auto_backup_if_due(store, folder, key=key)
    return [taken] if taken is not None else []


@dataclass(frozen=True)
class ChangeLine:
    at: datetime
    actor: str
    action: str
    entity: str
    summary: str


@dataclass(frozen=True)
class BackupSummary:
    backup: BackupInfo
    counts: dict[str, int]          # table -> rows
    latest_changes: list[ChangeLine]
    unsent_changes: int             # outbox entries pending or parked
    audit_entries: int


SKIP_TABLES = ("sqlite_", "alembic_version")


def user_tables(conn: sqlcipher.Connection, schema: str = "main") -> list[str]:
    rows = conn.execute(f"SELECT name FROM {schema}.sqlite_master WHERE type = 'table' ORDER BY name")
    names = [r[0] for r in rows]
    # FTS5 shadow tables (name_data, name_idx …) are maintained by SQLite, not compared by us.
    virtual = {r[0] for r in conn.execute(
        f"SELECT name FROM {schema}.sqlite_master WHERE type='table' AND sql LIKE 'CREATE VIRTUAL%'")}
    shadow = {n for n in names for v in virtual if n.startswith(v + "_")}
    return [n for n in names if not n.startswith(SKIP_TABLES) and n not in virtual | shadow]


def backup_summary(backup: BackupInfo, *, key: bytes | None, latest: int = 10) -> BackupSummary:
    """What a backup holds: rows per table, the last `latest` audited changes, unsent changes."""
    conn = _keyed(backup.path, key, read_only=True)
    try:
        tables = user_tables(conn)
        counts = {t: conn.execute(f'SELECT count(*) FROM "{t}"').fetchone()[0] for t in tables}
        lines: list[ChangeLine] = []
        unsent = audit = 0
        if "audit_log" in tables:
            for at, actor, action, entity, summary in conn.execute(
                "SELECT at, actor, action, entity, summary FROM audit_log ORDER BY seq DESC LIMIT ?",
                (latest,),
            ):
                moment = datetime.fromisoformat(str(at)).replace(tzinfo=timezone.utc)
                lines.append(ChangeLine(moment, actor, action, entity, summary))
            audit = counts["audit_log"]
        if "outbox" in tables:
            unsent = conn.execute(
                "SELECT count(*) FROM outbox WHERE state IN ('pending', 'parked')").fetchone()[0]
    except sqlcipher.DatabaseError as exc:
        from app.db.errors import translate_db_error

        raise translate_db_error(exc) from exc
    finally:
        conn.close()
    return BackupSummary(backup, counts, lines, unsent, audit)


def diff_against_current(store: Store, backup: BackupInfo, **kwargs):  # noqa: ANN003, ANN201
    """Restore preview; see app.db.restore.diff_against_current."""
    from app.db.restore import diff_against_current as _diff

    return _diff(store, backup, **kwargs)


def restore(store: Store, backup: BackupInfo, **kwargs):  # noqa: ANN003, ANN201
    """Restore keeping unsent changes; see app.db.restore.restore."""
    from app.db.restore import restore as _restore

    return _restore(store, backup, **kwargs)
