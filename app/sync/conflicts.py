"""The conflict panel's service: open conflicts, and a person's choice turned into a new local
change (journaled and pushed like any edit), so the decision reaches every PC."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime
from typing import Any

from sqlalchemy import select
from sqlalchemy.orm import Session

from app.clock import utc_now
from app.context import Actor
from app.db.models.core import OutboxEntry
from app.db.models.sync import ParkedChange, SyncConflict
from app.db.store import Store
from app.errors import Invalid, NotFound
from app.sync.entities import data_columns, entity_class, same, to_python


@dataclass(frozen=True)
class ConflictView:
    id: int
    entity: str
    entity_id: str
    field: str
    local_value: Any
    server_value: Any
    newer: str              # local | server | ""
    local_at: datetime | None
    server_at: datetime | None
    server_by: str
    detected_at: datetime


@dataclass(frozen=True)
class ParkedView:
    seq: int
    op_id: str
    entity: str
    entity_id: str
    op: str
    reason: str
    created_at: datetime
    created_by: str


@dataclass(frozen=True)
class IncomingParkedView:
    """A county change not yet written on this PC (app.sync.pull parks and retries it)."""

    entity: str
    entity_id: str
    reason: str
    detail: str
    parked_at: datetime
    tried_at: datetime
    attempts: int
    updated_by: str


def incoming_parked(session: Session) -> list[IncomingParkedView]:
    rows = session.scalars(select(ParkedChange).order_by(ParkedChange.parked_at, ParkedChange.id))
    return [IncomingParkedView(r.entity, r.entity_id, r.reason, r.detail, r.parked_at,
                               r.tried_at, r.attempts, (r.change or {}).get("updated_by") or "县局")
            for r in rows]


def open_conflicts(session: Session) -> list[ConflictView]:
    rows = session.scalars(select(SyncConflict).where(SyncConflict.resolved_at.is_(None))
                           .order_by(SyncConflict.detected_at, SyncConflict.id))
    return [ConflictView(r.id, r.entity, r.entity_id, r.field, r.local_value, r.server_value,
                         r.newer, r.local_at, r.server_at, r.server_by, r.detected_at)
            for r in rows]


def parked(session: Session) -> list[ParkedView]:
    rows = session.scalars(select(OutboxEntry).where(OutboxEntry.state == "parked")
                           .order_by(OutboxEntry.seq))
    return [ParkedView(r.seq, r.op_id, r.entity, r.entity_id, r.op, r.parked_reason or "",
                       r.created_at, r.created_by) for r in rows]


def resolve(store: Store, actor: Actor, conflict_id: int, choice: str) -> None:
    """choice 'local' or 'server': that value becomes the record's value as a new local change."""
    if choice not in ("local", "server"):
        raise Invalid("请选择保留本机的值或县局的值。")
    with store.write(actor, "sync.resolve_conflict", summary=f"冲突处理：保留{'本机' if choice == 'local' else '县局'}的值") as session:
        row = session.get(SyncConflict, conflict_id)
        if row is None or row.resolved_at is not None:
            raise NotFound("这个冲突已经处理过了。")
        cls = entity_class(row.entity)
        obj = session.get(cls, row.entity_id) if cls is not None else None
        if obj is None:
            raise NotFound("冲突涉及的记录在本机不存在。")
        column = data_columns(cls).get(row.field)
        if column is None:
            raise Invalid(f"记录没有字段“{row.field}”。")
        value = row.local_value if choice == "local" else row.server_value
        if not same(column, getattr(obj, row.field), value):
            setattr(obj, row.field, to_python(column, value))
        row.resolved_at, row.resolution, row.resolved_by = utc_now(), choice, actor.user


def dismiss_parked(store: Store, actor: Actor, op_id: str) -> None:
    """The clerk has seen a refused change and handled it another way: drop it from the list."""
    with store.write(actor, "sync.dismiss_parked") as session:
        entry = session.scalar(select(OutboxEntry).where(OutboxEntry.op_id == op_id))
        if entry is None or entry.state != "parked":
            raise NotFound("这项待处理的操作已不存在。")
        entry.state = "dismissed"


def retry_parked(store: Store, actor: Actor, op_id: str) -> None:
    """Send a refused change again (after the county fixed what made it refuse)."""
    with store.write(actor, "sync.retry_parked") as session:
        entry = session.scalar(select(OutboxEntry).where(OutboxEntry.op_id == op_id))
        if entry is None or entry.state != "parked":
            raise NotFound("这项待处理的操作已不存在。")
        entry.state, entry.parked_reason = "pending", None
