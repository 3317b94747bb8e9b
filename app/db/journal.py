"""The journal: at flush time every synced row is stamped, and its outbox and audit entries are
added to the same transaction — so after a crash either all three exist or none does.

Doing this in a `before_flush` hook rather than in each service means no service can forget it.
Services only say who is acting and what the action is called (`Store.write(actor, action)`).
"""

from __future__ import annotations

import hashlib
import json
from base64 import b64encode
from datetime import date, datetime
from decimal import Decimal
from typing import Any

from sqlalchemy import event, inspect, select
from sqlalchemy.orm import Session, sessionmaker

from app.clock import utc_now
from app.context import Actor
from app.db.base import Synced
from app.db.models.core import AuditEntry, OutboxEntry
from app.ids import new_id

GENESIS_HASH = "0" * 64
CONTRACT_COLUMNS = frozenset({"revision", "updated_at", "updated_by"})


def plain(value: Any) -> Any:
    """A JSON-safe, canonical form of a column value (same on write and on later re-reading)."""
    if isinstance(value, datetime):
        return value.isoformat()
    if isinstance(value, date):
        return value.isoformat()
    if isinstance(value, Decimal):
        return str(value)
    if isinstance(value, bytes):
        return b64encode(value).decode("ascii")
    return value


def row_values(obj: Synced) -> dict[str, Any]:
    mapper = inspect(obj).mapper
    return {attr.key: plain(getattr(obj, attr.key)) for attr in mapper.column_attrs}


def canonical_json(data: Any) -> str:
    return json.dumps(data, ensure_ascii=False, sort_keys=True, separators=(",", ":"))


def row_digest(obj: Synced) -> str:
    return hashlib.sha256(canonical_json(row_values(obj)).encode("utf-8")).hexdigest()


def audit_hash(entry: AuditEntry) -> str:
    body = {
        "at": plain(entry.at),
        "actor": entry.actor,
        "device_id": entry.device_id,
        "squad_id": entry.squad_id,
        "action": entry.action,
        "entity": entry.entity,
        "entity_id": entry.entity_id,
        "revision": entry.revision,
        "summary": entry.summary,
        "row_digest": entry.row_digest,
        "prev_hash": entry.prev_hash,
    }
    return hashlib.sha256(canonical_json(body).encode("utf-8")).hexdigest()


def _apply_python_defaults(obj: Synced) -> None:
    """Column defaults normally fire during INSERT, after this hook; we need them now so the
    digest we audit equals what the database will hold."""
    for column in inspect(obj).mapper.columns:
        key = column.key
        if getattr(obj, key, None) is not None or column.default is None:
            continue
        default = column.default
        if getattr(default, "is_scalar", False):
            setattr(obj, key, default.arg)
        elif getattr(default, "is_callable", False):
            setattr(obj, key, default.arg(None))


def _changes(obj: Synced) -> tuple[dict[str, Any], dict[str, Any]]:
    state = inspect(obj)
    new: dict[str, Any] = {}
    old: dict[str, Any] = {}
    for attr in state.mapper.column_attrs:
        if attr.key in CONTRACT_COLUMNS:
            continue
        hist = state.attrs[attr.key].history
        if not hist.has_changes():
            continue
        before = hist.deleted[0] if hist.deleted else None
        after = hist.added[0] if hist.added else None
        if before == after:
            continue
        new[attr.key] = plain(after)
        old[attr.key] = plain(before)
    return new, old


def _stamps_changed(obj: Synced) -> bool:
    state = inspect(obj)
    return any(state.attrs[key].history.has_changes() for key in CONTRACT_COLUMNS)


def _chain_head(session: Session) -> str:
    head = session.info.get("_audit_head")
    if head is None:
        with session.no_autoflush:
            head = session.scalar(select(AuditEntry.hash).order_by(AuditEntry.seq.desc()).limit(1))
        head = head or GENESIS_HASH
    return head


def _before_flush(session: Session, _ctx, _instances) -> None:  # noqa: ANN001
    for obj in session.deleted:
        if isinstance(obj, Synced):
            raise RuntimeError(
                f"{type(obj).__name__} rows are never deleted; set deleted=True (tombstone)"
            )
    work: list[tuple[Synced, str, dict[str, Any], dict[str, Any], int]] = []
    for obj in list(session.new):
        if isinstance(obj, Synced):
            _apply_python_defaults(obj)
            values = row_values(obj)
            fields = {k: v for k, v in values.items() if k not in CONTRACT_COLUMNS}
            work.append((obj, "insert", fields, {}, 0))
    origin = session.info.get("origin", "local")
    for obj in list(session.dirty):
        if isinstance(obj, Synced) and obj not in session.new:
            new, old = _changes(obj)
            if not new:
                # A pull may only adopt the county's newer revision (same values): still audited,
                # or the audit digest would no longer match the row.
                if origin == "sync" and _stamps_changed(obj):
                    work.append((obj, "update", {}, {}, obj.revision or 0))
                continue
            op = "delete" if new.get("deleted") is True else "update"
            work.append((obj, op, new, old, obj.revision or 0))
    if not work:
        return

    actor: Actor | None = session.info.get("actor")
    if actor is None:
        raise RuntimeError("synced rows changed outside Store.write(actor, action)")
    action = session.info.get("action", "")
    summary = session.info.get("summary", "")
    now = utc_now()
    head = _chain_head(session)

    for obj, op, fields, base, base_revision in work:
        entity = type(obj).__tablename__
        if origin != "sync":
            if not obj.squad_id:
                obj.squad_id = actor.squad_id
                fields["squad_id"] = actor.squad_id
            obj.revision = base_revision + 1
            obj.updated_at = now
            obj.updated_by = actor.user
        else:
            # A pulled row carries the county's stamps; rows an applier derives locally from a
            # county publication (e.g. benchmark tables) get this PC's stamps where they lack them.
            if not obj.squad_id:
                obj.squad_id = actor.squad_id
            if op == "insert" and not obj.revision:
                obj.revision = 1
            if obj.updated_at is None:
                obj.updated_at = now
            if not obj.updated_by:
                obj.updated_by = actor.user
        if origin != "sync" and type(obj).__push__:
            session.add(
                OutboxEntry(
                    op_id=new_id(),
                    entity=entity,
                    entity_id=obj.id,
                    squad_id=obj.squad_id,
                    op=op,
                    base_revision=base_revision,
                    revision=obj.revision,
                    fields=fields,
                    base=base,
                    created_at=now,
                    created_by=actor.user,
                    device_id=actor.device_id,
                    state="pending",
                    attempts=0,
                )
            )
        entry = AuditEntry(
            at=now,
            actor=actor.user,
            device_id=actor.device_id,
            squad_id=obj.squad_id or actor.squad_id,
            action=action or f"{entity}.{op}",
            entity=entity,
            entity_id=obj.id,
            revision=obj.revision,
            summary=summary,
            row_digest=row_digest(obj),
            prev_hash=head,
        )
        entry.hash = audit_hash(entry)
        head = entry.hash
        session.add(entry)
    session.info["_audit_head"] = head


def _forget_head(session: Session, *_args) -> None:  # noqa: ANN002
    session.info.pop("_audit_head", None)


def install_journal(factory: sessionmaker) -> None:
    event.listen(factory, "before_flush", _before_flush)
    event.listen(factory, "after_commit", _forget_head)
    event.listen(factory, "after_soft_rollback", _forget_head)
