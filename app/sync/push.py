"""Push: pending outbox entries, in `seq` order, in batches of at most PUSH_BATCH_MAX_BYTES
compressed, each marked sent only once the server has judged it.

- applied / duplicate → `sent`.
- conflict → `sent` (the server judged it and kept its value): each conflicting field is
  recorded in `sync_conflicts` with both values, and the local row takes the server's value
  unless a later local change to that field is still waiting, so every replica holds the same
  data while the person decides (the local value is kept in the conflict, never lost).
- rejected → `parked` with the server's reason, shown in "需要处理"; it never blocks the others.
- no answer for an op → stays pending and goes again next time (the server dedupes by op_id).
"""

from __future__ import annotations

import logging
from collections.abc import Callable
from dataclasses import dataclass, field
from typing import Any

from sqlalchemy import select
from sqlalchemy.orm import Session

from app.clock import utc_now
from app.context import Actor
from app.db.models.core import AuditEntry, OutboxEntry
from app.db.models.sync import SyncConflict
from app.db.store import Store
from app.errors import SyncFailed
from app.progress import Progress, no_progress
from app.sync import protocol as p
from app.sync.client import SyncClient
from app.sync.entities import data_columns, entity_class, same, to_python

log = logging.getLogger(__name__)

SELECT_LIMIT = p.PUSH_BATCH_MAX_OPS


@dataclass
class PushReport:
    sent: int = 0
    duplicates: int = 0
    conflicts: int = 0
    parked: int = 0
    batches: int = 0
    bytes: int = 0
    ops: int = 0
    parked_reasons: list[str] = field(default_factory=list)


def chain_head(session: Session) -> tuple[str, int]:
    from app.security.audit_check import chain_head as head  # noqa: PLC0415

    return head(session)


def audit_at(session: Session, count: int) -> str | None:
    """Hash of this PC's audit entry number `count` (1-based), for the anchor."""
    if count <= 0:
        return None
    return session.scalar(select(AuditEntry.hash).order_by(AuditEntry.seq)
                          .offset(count - 1).limit(1))


def to_operation(entry: OutboxEntry, device_id: str) -> p.Operation:
    return p.Operation(
        op_id=entry.op_id, entity=entry.entity, entity_id=entry.entity_id, op=entry.op,
        base_revision=entry.base_revision, revision=entry.revision, fields=dict(entry.fields),
        base=dict(entry.base), created_at=entry.created_at, created_by=entry.created_by,
        device_id=device_id,
    )


def split_batches(ops: list[p.Operation], encode: Callable[[p.PushRequest], bytes],
                  limit: int = p.PUSH_BATCH_MAX_BYTES) -> list[list[p.Operation]]:
    """Consecutive batches whose compressed request stays within `limit` (an op too big on its
    own goes alone; the server will refuse it and it is parked)."""
    batches: list[list[p.Operation]] = []
    start = 0
    while start < len(ops):
        size = min(len(ops) - start, p.PUSH_BATCH_MAX_OPS)
        while size > 1 and len(encode(p.PushRequest(operations=ops[start:start + size]))) > limit:
            size = max(1, size // 2)
        batches.append(ops[start:start + size])
        start += size
    return batches


class Pusher:
    def __init__(self, client: SyncClient, store: Store, actor: Actor, device_id: str) -> None:
        self.client = client
        self.store = store
        self.actor = actor
        self.device_id = device_id

    def run(self, progress: Progress = no_progress) -> PushReport:
        report = PushReport()
        done_seq = 0
        while True:
            with self.store.read() as session:
                entries = session.scalars(
                    select(OutboxEntry)
                    .where(OutboxEntry.state == "pending", OutboxEntry.seq > done_seq)
                    .order_by(OutboxEntry.seq).limit(SELECT_LIMIT)
                ).all()
                ops = [to_operation(e, self.device_id) for e in entries]
            if not ops:
                return report
            done_seq = entries[-1].seq
            for batch in split_batches(ops, self.client.encode):
                self._send(batch, report)
                progress(report.ops, report.ops + 1)

    def _audit(self) -> tuple[p.AuditHead | None, p.AuditHead | None]:
        with self.store.read() as session:
            head_hash, count = chain_head(session)
            known = self.client.token_info.audit_head if self.client.token_info else None
            anchor = None
            if known is not None and known.count and known.count <= count:
                anchor_hash = audit_at(session, known.count)
                if anchor_hash:
                    anchor = p.AuditHead(count=known.count, hash=anchor_hash)
        if count == 0:
            return None, None
        return p.AuditHead(count=count, hash=head_hash), anchor

    def _send(self, batch: list[p.Operation], report: PushReport) -> None:
        head, anchor = self._audit()
        request = p.PushRequest(operations=batch, audit_head=head, audit_anchor=anchor)
        size = len(self.client.encode(request))
        try:
            response = self.client.push(request)
        except SyncFailed as exc:
            if len(batch) == 1 and "过大" in str(exc):
                self._park_too_large(batch[0], str(exc), report)
                return
            raise
        report.batches += 1
        report.bytes += size
        report.ops += len(batch)
        if response.audit_head is not None and self.client.token_info is not None:
            self.client.token_info.audit_head = response.audit_head
        self._apply(batch, response.results, report)

    def _park_too_large(self, op: p.Operation, reason: str, report: PushReport) -> None:
        with self.store.write(self.actor, "sync.push", origin="sync") as session:
            entry = session.scalar(select(OutboxEntry).where(OutboxEntry.op_id == op.op_id))
            if entry is not None and entry.state == "pending":
                entry.state, entry.parked_reason = "parked", reason
                report.parked += 1

    def _apply(self, batch: list[p.Operation], results: list[p.OpResult],
               report: PushReport) -> None:
        by_id = {r.op_id: r for r in results}
        now = utc_now()
        with self.store.write(self.actor, "sync.push", origin="sync") as session:
            entries = {e.op_id: e for e in session.scalars(
                select(OutboxEntry).where(OutboxEntry.op_id.in_([o.op_id for o in batch])))}
            for op in batch:
                entry, result = entries.get(op.op_id), by_id.get(op.op_id)
                if entry is None or result is None or entry.state != "pending":
                    continue
                entry.attempts += 1
                # A duplicate repeats the first answer, conflicts included.
                if result.status == "conflict" or (result.status == "duplicate" and result.conflicts):
                    entry.state, entry.sent_at = "sent", now
                    report.conflicts += len(result.conflicts)
                    record_push_conflicts(session, entry, result, now)
                elif result.status in ("applied", "duplicate"):
                    entry.state, entry.sent_at = "sent", now
                    report.sent += 1
                    report.duplicates += result.status == "duplicate"
                    _settle_pull_conflicts(session, entry, now)
                else:
                    entry.state = "parked"
                    entry.parked_reason = result.reason or "县局拒绝接收此操作。"
                    report.parked += 1
                    report.parked_reasons.append(entry.parked_reason)
                    log.warning("op %s on %s parked", entry.op_id, entry.entity)


def later_pending_fields(session: Session, entry: OutboxEntry) -> set[str]:
    rows = session.scalars(select(OutboxEntry.fields).where(
        OutboxEntry.entity_id == entry.entity_id, OutboxEntry.state == "pending",
        OutboxEntry.seq > entry.seq))
    return {name for fields in rows for name in fields}


def upsert_conflict(session: Session, *, entity: str, entity_id: str, field_name: str,
                    local: Any, server: Any, base: Any, local_at: Any, source: str,
                    now: Any, server_revision: int | None = None) -> SyncConflict:
    """One open conflict per field: a newer clash on the same field updates it."""
    row = session.scalar(select(SyncConflict).where(
        SyncConflict.entity == entity, SyncConflict.entity_id == entity_id,
        SyncConflict.field == field_name, SyncConflict.resolved_at.is_(None)))
    if row is None:
        row = SyncConflict(entity=entity, entity_id=entity_id, field=field_name,
                           server_by="", newer="", detected_at=now)
        session.add(row)
    row.local_value, row.server_value, row.base_value = local, server, base
    row.local_at, row.source, row.detected_at = local_at, source, now
    row.server_revision = server_revision
    return row


def record_push_conflicts(session: Session, entry: OutboxEntry, result: p.OpResult,
                          now: Any) -> None:
    cls = entity_class(entry.entity)
    obj = session.get(cls, entry.entity_id) if cls is not None else None
    columns = data_columns(cls) if cls is not None else {}
    busy = later_pending_fields(session, entry)
    for clash in result.conflicts:
        theirs = clash.theirs
        seen = _open_conflict(session, entry, clash.field)
        if (seen is not None and seen.server_revision is not None
                and seen.server_revision > (result.server_revision or 0)):
            theirs = seen.server_value     # a replayed answer: the pull saw a newer value since
        upsert_conflict(session, entity=entry.entity, entity_id=entry.entity_id,
                        field_name=clash.field, local=clash.mine, server=theirs,
                        base=clash.base, local_at=entry.created_at, source="push", now=now,
                        server_revision=max(result.server_revision or 0,
                                            (seen.server_revision or 0) if seen else 0))
        column = columns.get(clash.field)
        if obj is None or column is None or clash.field in busy:
            continue
        if not same(column, getattr(obj, clash.field), theirs):
            setattr(obj, clash.field, to_python(column, theirs))


def _open_conflict(session: Session, entry: OutboxEntry, field_name: str) -> SyncConflict | None:
    return session.scalar(select(SyncConflict).where(
        SyncConflict.entity == entry.entity, SyncConflict.entity_id == entry.entity_id,
        SyncConflict.field == field_name, SyncConflict.resolved_at.is_(None)))


def _settle_pull_conflicts(session: Session, entry: OutboxEntry, now: Any) -> None:
    """A clash seen at pull time that the server then accepted without conflict was no clash."""
    if not entry.fields:
        return
    for row in session.scalars(select(SyncConflict).where(
            SyncConflict.entity_id == entry.entity_id, SyncConflict.source == "pull",
            SyncConflict.resolved_at.is_(None), SyncConflict.field.in_(list(entry.fields)))):
        row.resolved_at, row.resolution, row.resolved_by = now, "merged", "sync"
