"""Restoring a backup without losing what has not reached the county yet.

`diff_against_current` previews a restore: per table, the rows that exist only now (would go), only
in the backup (would come back) and that differ; and the unsent changes that will be carried over.

`restore` never wipes blindly. It builds the restored database as a separate file first:
  1. copy the verified backup to `<name>.restoring.partial`, migrate it to this build's schema;
  2. carry over every outbox entry that is pending or parked now and absent from the backup,
     together with the current version of each row it references and, following foreign keys,
     of every row those rows need that the backup lacks;
  3. append audit entries for the carried rows (chained onto the backup's head) and one for the
     restore itself, so the chain verifies afterwards; keep entries already confirmed "sent" as sent;
  4. verify the file, take a `pre-restore` backup of the current database, and copy the restored
     file into the live database with the online backup API, which is a single transaction.
A crash before step 4 leaves the live database untouched; step 4 is atomic.
"""

from __future__ import annotations

import logging
import shutil
from dataclasses import dataclass, field
from pathlib import Path

import sqlcipher3.dbapi2 as sqlcipher
from sqlalchemy import text
from sqlalchemy.orm import Session

from app.clock import utc_now
from app.context import Actor
from app.db import backup as bk
from app.db.fsutil import remove_quietly
from app.db.journal import audit_hash, row_digest
from app.db.models.core import AuditEntry
from app.db.store import Store
from app.errors import StoreError
from app.security.roles import Permission, require

log = logging.getLogger(__name__)
UNSENT = ("pending", "parked")


@dataclass(frozen=True)
class TableDiff:
    table: str
    in_backup: int
    in_current: int
    only_current: int     # rows that the restore would remove (unless carried over)
    only_backup: int      # rows that the restore brings back
    changed: int          # same key, different content


@dataclass
class RestorePreview:
    backup: bk.BackupInfo
    tables: list[TableDiff] = field(default_factory=list)
    carried_changes: int = 0          # unsent outbox entries kept
    carried_rows: int = 0             # rows kept with them
    audit_entries_dropped: int = 0    # history newer than the backup (kept in the pre-restore backup)

    @property
    def changed_tables(self) -> list[TableDiff]:
        return [t for t in self.tables if t.only_current or t.only_backup or t.changed]


@dataclass(frozen=True)
class RestoreResult:
    backup: bk.BackupInfo
    safety_backup: bk.BackupInfo
    carried_changes: int
    carried_rows: int


def _columns(conn: sqlcipher.Connection, table: str, schema: str = "main") -> list[tuple[str, int]]:
    return [(r[1], r[5]) for r in conn.execute(f'PRAGMA {schema}.table_info("{table}")')]


def _quoted(names) -> str:  # noqa: ANN001
    return ", ".join(f'"{n}"' for n in names)


def _open_with_backup(store: Store, backup: bk.BackupInfo, key: bytes | None) -> sqlcipher.Connection:
    db_path = Path(store.engine.url.database)
    conn = bk._keyed(db_path, key)
    key_clause = f" KEY \"x'{key.hex()}'\"" if key is not None else " KEY ''"
    conn.execute(f"ATTACH DATABASE ? AS bk{key_clause}", (backup.path.resolve().as_uri() + "?mode=ro",))
    return conn


def diff_against_current(store: Store, backup: bk.BackupInfo, *, key: bytes | None) -> RestorePreview:
    """Compare the backup with the live database, table by table (read-only)."""
    if not bk.verify_backup(backup.path, key):
        raise StoreError(f"备份“{backup.label}”已损坏或无法解密，不能用于恢复。")
    preview = RestorePreview(backup)
    conn = _open_with_backup(store, backup, key)
    try:
        current = set(bk.user_tables(conn, "main"))
        old = set(bk.user_tables(conn, "bk"))
        for table in sorted(current | old):
            n_cur = conn.execute(f'SELECT count(*) FROM main."{table}"').fetchone()[0] if table in current else 0
            n_old = conn.execute(f'SELECT count(*) FROM bk."{table}"').fetchone()[0] if table in old else 0
            if table not in current or table not in old:
                preview.tables.append(TableDiff(table, n_old, n_cur, n_cur, n_old, 0))
                continue
            cols_cur = _columns(conn, table, "main")
            common = [c for c, _ in cols_cur if c in {n for n, _ in _columns(conn, table, "bk")}]
            pk = [c for c, p in sorted(cols_cur, key=lambda x: x[1]) if p] or ["rowid"]
            keys, cols = _quoted(pk), _quoted(common)
            only_cur = conn.execute(f'SELECT count(*) FROM (SELECT {keys} FROM main."{table}" '
                                    f'EXCEPT SELECT {keys} FROM bk."{table}")').fetchone()[0]
            only_old = conn.execute(f'SELECT count(*) FROM (SELECT {keys} FROM bk."{table}" '
                                    f'EXCEPT SELECT {keys} FROM main."{table}")').fetchone()[0]
            differ = conn.execute(f'SELECT count(*) FROM (SELECT {cols} FROM main."{table}" '
                                  f'EXCEPT SELECT {cols} FROM bk."{table}")').fetchone()[0]
            preview.tables.append(TableDiff(table, n_old, n_cur, only_cur, only_old, differ - only_cur))
        carry = _carry_set(conn, "main", "bk")
        preview.carried_changes = len(carry.outbox)
        preview.carried_rows = len(carry.rows)
        if "audit_log" in current and "audit_log" in old:
            preview.audit_entries_dropped = conn.execute(
                "SELECT count(*) FROM main.audit_log WHERE hash NOT IN (SELECT hash FROM bk.audit_log)"
            ).fetchone()[0]
    finally:
        conn.close()
    return preview


@dataclass
class _Carry:
    outbox: list[dict] = field(default_factory=list)
    rows: dict[tuple[str, str], dict] = field(default_factory=dict)   # (table, id) -> row
    sent: list[tuple[str, str | None]] = field(default_factory=list)  # (op_id, sent_at)


def _row(conn: sqlcipher.Connection, schema: str, table: str, column: str, value) -> dict | None:  # noqa: ANN001
    cur = conn.execute(f'SELECT * FROM {schema}."{table}" WHERE "{column}" = ?', (value,))
    found = cur.fetchone()
    return None if found is None else dict(zip([d[0] for d in cur.description], found))


def _carry_set(conn: sqlcipher.Connection, live: str, old: str) -> _Carry:
    """What must survive the restore: unsent changes absent from the backup, and their rows."""
    carry = _Carry()
    tables = set(bk.user_tables(conn, live))
    if "outbox" not in tables:
        return carry
    cur = conn.execute(
        f"SELECT * FROM {live}.outbox WHERE state IN ('pending', 'parked') "
        f"AND op_id NOT IN (SELECT op_id FROM {old}.outbox) ORDER BY seq")
    names = [d[0] for d in cur.description]
    carry.outbox = [dict(zip(names, r)) for r in cur.fetchall()]
    carry.sent = conn.execute(
        f"SELECT op_id, sent_at FROM {live}.outbox WHERE state = 'sent' "
        f"AND op_id IN (SELECT op_id FROM {old}.outbox WHERE state <> 'sent')").fetchall()
    todo = [(e["entity"], "id", e["entity_id"]) for e in carry.outbox]
    while todo:
        table, column, value = todo.pop()
        if table not in tables:
            continue
        row = _row(conn, live, table, column, value)
        if row is None or (table, str(row.get("id", value))) in carry.rows:
            continue
        carry.rows[(table, str(row.get("id", value)))] = row
        for fk in conn.execute(f'PRAGMA {live}.foreign_key_list("{table}")'):
            target, src, dst = fk[2], fk[3], fk[4] or "id"
            if row.get(src) is not None and _row(conn, old, target, dst, row[src]) is None:
                todo.append((target, dst, row[src]))
    return carry


def _upsert(session: Session, table: str, row: dict, columns: list[tuple[str, int]]) -> None:
    names = [c for c, _ in columns if c in row]
    pk = [c for c, p in columns if p] or ["id"]
    updates = ", ".join(f'"{c}" = excluded."{c}"' for c in names if c not in pk)
    sql = (f'INSERT INTO "{table}" ({_quoted(names)}) VALUES ({", ".join(":" + c for c in names)}) '
           f'ON CONFLICT ({_quoted(pk)}) DO ' + (f"UPDATE SET {updates}" if updates else "NOTHING"))
    session.execute(text(sql), {c: row[c] for c in names})


def _model_for(table: str, extra_models) -> type | None:  # noqa: ANN001
    from app.db.base import Base, Synced

    for mapper in list(Base.registry.mappers) + [m.__mapper__ for m in extra_models]:
        if getattr(mapper.class_, "__tablename__", None) == table and issubclass(mapper.class_, Synced):
            return mapper.class_
    return None


def _apply(target: Store, carry: _Carry, backup: bk.BackupInfo, actor: Actor, extra_models) -> None:  # noqa: ANN001
    with target.write(actor, "backup.restore") as session:
        session.execute(text("PRAGMA defer_foreign_keys = ON"))
        raw = session.connection().connection.driver_connection
        for (table, _), row in carry.rows.items():
            _upsert(session, table, row, _columns(raw, table))
        outbox_cols = [c for c, _ in _columns(raw, "outbox") if c != "seq"]
        for entry in carry.outbox:
            values = {c: entry[c] for c in outbox_cols if c in entry}
            session.execute(text(f"INSERT INTO outbox ({_quoted(values)}) VALUES "
                                 f"({', '.join(':' + c for c in values)})"), values)
        for op_id, sent_at in carry.sent:
            session.execute(text("UPDATE outbox SET state = 'sent', sent_at = :s WHERE op_id = :o"),
                            {"s": sent_at, "o": op_id})
        head = session.scalar(text("SELECT hash FROM audit_log ORDER BY seq DESC LIMIT 1")) or "0" * 64
        now = utc_now()

        def append(entity: str, entity_id: str, revision: int, digest: str, summary: str) -> None:
            nonlocal head
            entry = AuditEntry(at=now, actor=actor.user, device_id=actor.device_id,
                               squad_id=actor.squad_id, action="backup.restore", entity=entity,
                               entity_id=entity_id, revision=revision, summary=summary,
                               row_digest=digest, prev_hash=head)
            entry.hash = audit_hash(entry)
            head = entry.hash
            session.add(entry)

        for table, row_id in carry.rows:
            model = _model_for(table, extra_models)
            if model is not None:
                obj = session.get(model, row_id)
                append(table, row_id, obj.revision, row_digest(obj), "恢复备份时保留的未上报数据")
        append("backup", backup.path.name[:36], 0, "0" * 64,
               f"从备份 {backup.path.name} 恢复；保留未上报的变更 {len(carry.outbox)} 条、"
               f"数据 {len(carry.rows)} 行")
        session.flush()


def _schema_version(engine) -> tuple[str, ...]:  # noqa: ANN001
    with engine.connect() as conn:
        return tuple(sorted(r[0] for r in conn.exec_driver_sql("SELECT version_num FROM alembic_version")))


def restore(store: Store, backup: bk.BackupInfo, *, key: bytes | None, actor: Actor,
            folder: Path, extra_models=()) -> RestoreResult:  # noqa: ANN001
    """Replace the live data with `backup`, keeping unsent changes (module docstring).

    Needs Permission.RESTORE_BACKUP. Nothing else may use the store meanwhile (the UI runs it on
    the single database worker); its pooled connections are closed and reopened on next use.
    """
    require(actor, Permission.RESTORE_BACKUP)
    if not bk.verify_backup(backup.path, key):
        raise StoreError(f"备份“{backup.label}”已损坏或无法解密，不能用于恢复，当前数据未改动。")
    live_path = Path(store.engine.url.database)
    work = folder / f"{backup.path.stem}.restoring.partial"
    remove_quietly(work)
    shutil.copyfile(backup.path, work)
    target = Store.open(work, key=key)
    try:
        if _schema_version(target.engine) != _schema_version(store.engine):
            # An older backup (e.g. pre-migration): bring it to this build's schema first.
            from app.db.migrate import upgrade_to_head

            scratch = folder / "restore-scratch"
            upgrade_to_head(target.engine, work, scratch)
            shutil.rmtree(scratch, ignore_errors=True)  # a copy of the backup we already hold
        conn = _open_with_backup(store, bk.BackupInfo(work, backup.kind, backup.taken_at), key)
        try:
            carry = _carry_set(conn, "main", "bk")
        finally:
            conn.close()
        _apply(target, carry, backup, actor, extra_models)
    finally:
        target.dispose()
    if not bk.verify_backup(work, key):
        remove_quietly(work)
        raise StoreError("恢复过程中生成的数据库校验失败，当前数据未改动。请换一个备份重试，或联系县局技术人员。")
    safety = bk.make_backup(store, folder, key=key, kind="pre-restore")
    store.engine.dispose()
    source = bk._keyed(work, key)
    dest = bk._keyed(live_path, key)
    try:
        source.backup(dest)
    finally:
        source.close()
        dest.close()
    store.engine.dispose()
    remove_quietly(work)
    bk.rotate(folder)
    log.info("restored %s; carried %d unsent changes, %d rows", backup.path.name,
             len(carry.outbox), len(carry.rows))
    return RestoreResult(backup, safety, len(carry.outbox), len(carry.rows))
