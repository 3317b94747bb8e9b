"""Push and pull: applying a batch of operations exactly once, and serving "everything after
cursor N". Functions take a Session and a Credential; the caller commits (one batch, one
transaction). Nothing here reads a squad from a request body."""

from __future__ import annotations

import hashlib
from dataclasses import dataclass
from typing import Any

from sqlalchemy import bindparam, insert, select, update
from sqlalchemy.orm import Session

from app.clock import utc_now
from app.server.accounts import Credential
from app.server.audit import record_event
from app.server.merge import canonical_op, judge
from app.server.models import (
    AppliedOp, AuditHeadEntry, ChangeEntry, ConflictEntry, Device, Record, ReferencePublication,
    Squad,
)
from app.sync import protocol

IN_CHUNK = 1000   # keeps IN (...) lists well inside every driver's parameter limit


def payload_hash(canonical: str) -> str:
    return hashlib.sha256(canonical.encode("utf-8")).hexdigest()


def verify_audit_head(
    session: Session, cred: Credential, head: protocol.AuditHead | None,
    anchor: protocol.AuditHead | None,
) -> bool:
    """False when the device's audit chain no longer contains the head it reported last time:
    the count went down, the hash at the same count changed, or the anchor (the device's entry at
    the previously reported count) differs. The device is flagged and the event audited; the
    caller must commit that before refusing the push."""
    if head is None:
        return True
    device = session.get(Device, cred.device_id)
    if device.audit_count is None or device.audit_hash is None:
        return not device.audit_suspect
    ok = not device.audit_suspect and head.count >= device.audit_count
    if ok and head.count == device.audit_count:
        ok = head.hash == device.audit_hash
    elif ok:
        ok = anchor is not None and anchor.count == device.audit_count and anchor.hash == device.audit_hash
    elif not device.audit_suspect and _reported_before(session, cred.device_id, head):
        # A late network copy of an older push: it names a head this device really reported
        # earlier. Its operations are duplicates (applied once by op id); the known head stays.
        return True
    if not ok and not device.audit_suspect:
        device.audit_suspect = True
        record_event(
            session, "device.audit_rewritten", actor="server", squad_id=cred.squad_id,
            device_id=cred.device_id, known_count=device.audit_count, known_hash=device.audit_hash,
            reported_count=head.count, reported_hash=head.hash,
            anchor=anchor.model_dump() if anchor else None,
        )
    return ok


def _reported_before(session: Session, device_id: str, head: protocol.AuditHead) -> bool:
    return session.scalar(
        select(AuditHeadEntry.id).where(AuditHeadEntry.device_id == device_id,
                                        AuditHeadEntry.count == head.count,
                                        AuditHeadEntry.hash == head.hash).limit(1)
    ) is not None


def _record_audit_head(session: Session, cred: Credential, head: protocol.AuditHead | None,
                       now) -> protocol.AuditHead | None:  # noqa: ANN001
    device = session.get(Device, cred.device_id)
    device.last_seen_at = now
    if head is not None and (device.audit_count is None or head.count >= device.audit_count):
        if head.count != device.audit_count or head.hash != device.audit_hash:
            device.audit_count = head.count
            device.audit_hash = head.hash
            session.add(AuditHeadEntry(device_id=device.id, squad_id=cred.squad_id,
                                       count=head.count, hash=head.hash, recorded_at=now))
    if device.audit_count is None:
        return None
    return protocol.AuditHead(count=device.audit_count, hash=device.audit_hash)


@dataclass
class _Row:
    """A record's state while a batch is judged; written with Core executemany at the end
    (the ORM unit of work and RETURNING cost more than the rest of a push put together)."""

    id: int | None
    squad_id: str
    entity: str
    entity_id: str
    revision: int
    data: dict[str, Any]
    deleted: bool


def _load_existing(session: Session, ops: list[protocol.Operation]):  # noqa: ANN202
    op_ids = [op.op_id for op in ops]
    entity_ids = sorted({op.entity_id for op in ops})
    seen: dict[str, Any] = {}
    records: dict[tuple[str, str], _Row] = {}
    for i in range(0, len(op_ids), IN_CHUNK):
        query = select(AppliedOp.op_id, AppliedOp.squad_id, AppliedOp.payload_hash, AppliedOp.result)
        for row in session.execute(query.where(AppliedOp.op_id.in_(op_ids[i:i + IN_CHUNK]))):
            seen[row.op_id] = row
    for i in range(0, len(entity_ids), IN_CHUNK):
        query = select(Record.id, Record.squad_id, Record.entity, Record.entity_id, Record.revision,
                       Record.data, Record.deleted)
        for row in session.execute(query.where(Record.entity_id.in_(entity_ids[i:i + IN_CHUNK]))):
            records[(row.entity, row.entity_id)] = _Row(*row)
    return seen, records


def _replay(stored: Any, digest: str, cred: Credential) -> protocol.OpResult:
    if stored.payload_hash != digest or stored.squad_id != cred.squad_id:
        return protocol.OpResult(
            op_id=stored.op_id, status="rejected",
            reason="此操作编号已用于内容不同的另一项操作，县局拒绝接收，请联系管理员。",
        )
    previous = protocol.OpResult.model_validate(stored.result)
    return previous.model_copy(update={"status": "duplicate", "reason": "此操作县局已收到，未重复处理。"})


def push(session: Session, cred: Credential, request: protocol.PushRequest) -> protocol.PushResponse:
    """Judge each operation on its own, in order; a rejected one never stops the rest."""
    now = utc_now()
    ops = request.operations
    # Lock the squad first: its writers take turns, so sequence numbers commit in order.
    squad = session.scalar(select(Squad).where(Squad.id == cred.squad_id).with_for_update())
    seq = squad.last_seq
    canonical = [canonical_op(op) for op in ops]
    seen, records = _load_existing(session, [op for op, c in zip(ops, canonical) if c is not None])
    results: list[protocol.OpResult] = []
    changes: list[dict[str, Any]] = []
    applied: list[dict[str, Any]] = []
    batch_hashes: dict[str, str] = {}
    touched: dict[tuple[str, str], dict[str, Any]] = {}     # final state of each changed record
    unresolved = _open_conflicts(session, cred.squad_id, ops)

    for op, text in zip(ops, canonical):
        # Unstorable ops still get a stable digest (of what the model holds) for the reply.
        digest = payload_hash(text if text is not None else repr(op.model_dump()))
        if op.op_id in seen:
            result = _replay(seen[op.op_id], digest, cred)
            results.append(result)
            if result.status == "rejected":
                record_event(session, "push.op_id_reused", actor=op.created_by or "?",
                             squad_id=cred.squad_id, device_id=cred.device_id, op_id=op.op_id)
            continue
        if op.op_id in batch_hashes:
            same = batch_hashes[op.op_id] == digest
            results.append(protocol.OpResult(
                op_id=op.op_id, status="duplicate" if same else "rejected",
                reason="同一批次中重复的操作。" if same else "此操作编号已用于内容不同的另一项操作，县局拒绝接收。",
            ))
            continue
        record = records.get((op.entity, op.entity_id))
        verdict = judge(
            op, squad_id=cred.squad_id,
            current=record.data if record else None,
            current_squad=record.squad_id if record else None,
            current_revision=record.revision if record else 0,
            current_deleted=record.deleted if record else False,
            storable=text is not None,
        )
        if verdict.status == "rejected":
            results.append(protocol.OpResult(op_id=op.op_id, status="rejected", reason=verdict.reason))
            record_event(session, "push.rejected", actor=op.created_by or "?", squad_id=cred.squad_id,
                         device_id=cred.device_id, op_id=op.op_id, entity=op.entity,
                         entity_id=op.entity_id, reason=verdict.reason)
            continue
        if verdict.data is not None:
            seq += 1
            if record is None:
                record = _Row(None, cred.squad_id, op.entity, op.entity_id, 0, {}, False)
                records[(op.entity, op.entity_id)] = record
            record.revision += 1
            record.data = verdict.data
            record.deleted = verdict.deleted
            touched[(op.entity, op.entity_id)] = {
                "squad_id": cred.squad_id, "entity": op.entity, "entity_id": op.entity_id,
                "revision": record.revision, "data": record.data, "deleted": record.deleted,
                "updated_at": now, "updated_by": op.created_by, "device_id": cred.device_id,
                "seq": seq, "_id": record.id,
            }
            changes.append({
                "squad_id": cred.squad_id, "seq": seq, "entity": op.entity,
                "entity_id": op.entity_id, "revision": record.revision, "op": op.op,
                "op_id": op.op_id, "device_id": cred.device_id, "fields": verdict.changed, "at": now,
            })
        if verdict.changed:
            _settle_conflicts(unresolved.get((op.entity, op.entity_id), []), verdict.changed, now)
        result = protocol.OpResult(
            op_id=op.op_id, status=verdict.status, reason=verdict.reason,
            server_revision=record.revision, merged_fields=verdict.merged_fields,
            conflicts=verdict.conflicts,
            record=dict(record.data) if verdict.conflicts else None,
        )
        if verdict.conflicts:
            conflict = ConflictEntry(
                squad_id=cred.squad_id, entity=op.entity, entity_id=op.entity_id, op_id=op.op_id,
                device_id=cred.device_id, server_revision=record.revision,
                fields=[c.model_dump(mode="json") for c in verdict.conflicts], created_at=now,
            )
            session.add(conflict)
            unresolved.setdefault((op.entity, op.entity_id), []).append(conflict)
            record_event(session, "push.conflict", actor=op.created_by or "?", squad_id=cred.squad_id,
                         device_id=cred.device_id, op_id=op.op_id, entity=op.entity,
                         entity_id=op.entity_id, fields=[c.field for c in verdict.conflicts])
        results.append(result)
        batch_hashes[op.op_id] = digest
        applied.append({
            "op_id": op.op_id, "squad_id": cred.squad_id, "device_id": cred.device_id,
            "payload_hash": digest, "result": result.model_dump(mode="json"), "applied_at": now,
        })

    squad.last_seq = seq
    session.flush()
    _write_records(session, list(touched.values()))
    if changes:
        session.execute(insert(ChangeEntry.__table__), changes)
    if applied:
        session.execute(insert(AppliedOp.__table__), applied)
    head = _record_audit_head(session, cred, request.audit_head, now)
    return protocol.PushResponse(server_time=now, results=results, audit_head=head)


def _open_conflicts(session: Session, squad_id: str, ops: list[protocol.Operation]):  # noqa: ANN202
    """Unresolved conflicts on the records this batch touches, by (entity, entity_id)."""
    entity_ids = sorted({op.entity_id for op in ops if "\x00" not in op.entity_id})
    found: dict[tuple[str, str], list[ConflictEntry]] = {}
    for i in range(0, len(entity_ids), IN_CHUNK):
        for row in session.scalars(select(ConflictEntry).where(
            ConflictEntry.squad_id == squad_id, ConflictEntry.resolved_at.is_(None),
            ConflictEntry.entity_id.in_(entity_ids[i:i + IN_CHUNK]),
        )):
            found.setdefault((row.entity, row.entity_id), []).append(row)
    return found


def _settle_conflicts(conflicts: list[ConflictEntry], changed: dict[str, Any], now) -> None:  # noqa: ANN001
    """A conflict is settled once every field it named has been set again by a later accepted
    change (a person chose a value, on any PC)."""
    for conflict in conflicts:
        if conflict.resolved_at is None and {c["field"] for c in conflict.fields} <= changed.keys():
            conflict.resolved_at = now


def open_conflicts(session: Session, squad_id: str | None = None) -> list[ConflictEntry]:
    query = select(ConflictEntry).where(ConflictEntry.resolved_at.is_(None)).order_by(ConflictEntry.id)
    if squad_id is not None:
        query = query.where(ConflictEntry.squad_id == squad_id)
    return list(session.scalars(query))


def _write_records(session: Session, rows: list[dict[str, Any]]) -> None:
    new = [{k: v for k, v in r.items() if k != "_id"} for r in rows if r["_id"] is None]
    old = [r for r in rows if r["_id"] is not None]
    table = Record.__table__      # Core, not ORM bulk: plain executemany, no RETURNING
    if new:
        session.execute(insert(table), new)
    if old:
        session.execute(
            update(table).where(table.c.id == bindparam("_id")).values(
                revision=bindparam("revision"), data=bindparam("data"), deleted=bindparam("deleted"),
                updated_at=bindparam("updated_at"), updated_by=bindparam("updated_by"),
                device_id=bindparam("device_id"), seq=bindparam("seq"),
            ),
            [{k: v for k, v in r.items() if k not in ("squad_id", "entity", "entity_id")} for r in old],
        )


def _latest_reference(session: Session, squad_id: str, known: dict[str, int]) -> list[protocol.ReferencePublication]:
    out = []
    for kind in protocol.REFERENCE_KINDS:
        row = session.scalar(
            select(ReferencePublication)
            .where(ReferencePublication.kind == kind,
                   (ReferencePublication.squad_id.is_(None)) | (ReferencePublication.squad_id == squad_id))
            .order_by(ReferencePublication.version.desc())
            .limit(1)
        )
        if row is not None and row.version > known.get(kind, 0):
            out.append(protocol.ReferencePublication(
                kind=row.kind, version=row.version, published_at=row.published_at, payload=row.payload,
            ))
    return out


def pull(session: Session, cred: Credential, request: protocol.PullRequest) -> protocol.PullResponse:
    """One page of the squad's records changed after `cursor`, in sequence order, without the
    echoes of the caller's own acknowledged pushes (`_echoes`)."""
    rows = session.scalars(
        select(Record)
        .where(Record.squad_id == cred.squad_id, Record.seq > request.cursor)
        .order_by(Record.seq)
        .limit(request.limit + 1)
    ).all()
    has_more = len(rows) > request.limit
    rows = rows[: request.limit]
    echoes = _echoes(cred, request, rows)
    changes = [
        protocol.Change(
            seq=r.seq, entity=r.entity, entity_id=r.entity_id, revision=r.revision,
            deleted=r.deleted, data=r.data, updated_at=r.updated_at, device_id=r.device_id,
            updated_by=r.updated_by,
        )
        for r in rows if r.id not in echoes
    ]
    return protocol.PullResponse(
        server_time=utc_now(), changes=changes,
        next_cursor=rows[-1].seq if rows else request.cursor, has_more=has_more,
        reference=_latest_reference(session, cred.squad_id, request.reference_versions),
    )


def _echoes(cred: Credential, request: protocol.PullRequest, rows: list[Record]) -> set[int]:
    """Records (ids) that would only echo the caller's own push back: last written by the
    calling device, and held by the caller (`request.held`) at exactly this revision and data.
    For such a record the client's apply would change nothing (same values, same revision), so
    leaving it out loses nothing.

    Weaker tests are unsafe, which is why the client states what it holds:
    - "last written by this device" alone: the record's row is compacted, so a change by
      another device or by the county between two pushes of this device (or before its first
      one, while it had not pulled yet) travels inside that same row. And a PC restored from an
      older backup keeps its device id but has lost the pushes made after the backup.
    - "every change after the cursor is this device's clean op": compaction again; a change at
      a seq the client's cursor has passed may never have been delivered (the row had already
      moved on when that page was read). Nor does revision equality prove the same data: a
      refused push raises the client's revision and not the county's, so the two numbers can
      meet again on different contents.
    A conflict resolved on the county, another device's edit, a county correction: each gives
    the record a new revision and data, so it no longer matches and comes down."""
    if not request.held:
        return set()
    held = {(h.entity, h.entity_id): h for h in request.held}
    echoes: set[int] = set()
    for record in rows:
        claim = held.get((record.entity, record.entity_id))
        if claim is None or record.device_id != cred.device_id or claim.revision != record.revision:
            continue
        if claim.digest == protocol.record_digest({**record.data, "deleted": record.deleted}):
            echoes.add(record.id)
    return echoes
