"""Foundation tables: squads (tenants), this device, the outbox, the audit chain, key/value meta."""

from __future__ import annotations

from datetime import datetime

from sqlalchemy import Integer, String, Text
from sqlalchemy.orm import Mapped, mapped_column

from app.db.base import Base, Synced
from app.db.types import JsonText, UtcDateTime


class Squad(Synced, Base):
    """A township squad (中队): the tenant. Comes down from the county; edited there."""

    __tablename__ = "squads"
    __push__ = False

    name: Mapped[str] = mapped_column(String(100))
    township: Mapped[str] = mapped_column(String(100), default="")
    issuing_authority: Mapped[str] = mapped_column(String(100))
    authority_short: Mapped[str] = mapped_column(String(20), default="")


class Device(Base):
    """This PC. Local only: never synced as a row (the server keeps its own device registry)."""

    __tablename__ = "devices"

    id: Mapped[str] = mapped_column(String(36), primary_key=True)
    name: Mapped[str] = mapped_column(String(100))
    squad_id: Mapped[str] = mapped_column(String(36))
    created_at: Mapped[datetime] = mapped_column(UtcDateTime())
    enrolled_server: Mapped[str | None] = mapped_column(String(300), default=None)


class OutboxEntry(Base):
    """One change waiting to reach the county. Written in the same transaction as the row.

    `op_id` is unique worldwide, so a retried push is applied once by the server. `fields` holds
    the new values of the changed columns and `base` their values before, so the server can merge
    fields changed on one side only and report true conflicts.
    """

    __tablename__ = "outbox"

    seq: Mapped[int] = mapped_column(Integer, primary_key=True, autoincrement=True)
    op_id: Mapped[str] = mapped_column(String(36), unique=True)
    entity: Mapped[str] = mapped_column(String(60))
    entity_id: Mapped[str] = mapped_column(String(36), index=True)
    squad_id: Mapped[str] = mapped_column(String(36))
    op: Mapped[str] = mapped_column(String(10))          # insert | update | delete
    base_revision: Mapped[int] = mapped_column(Integer)
    revision: Mapped[int] = mapped_column(Integer)
    fields: Mapped[dict] = mapped_column(JsonText())
    base: Mapped[dict] = mapped_column(JsonText())
    created_at: Mapped[datetime] = mapped_column(UtcDateTime())
    created_by: Mapped[str] = mapped_column(String(64))
    device_id: Mapped[str] = mapped_column(String(36))
    # pending → sent (server confirmed) | parked (rejected; shown in "需要处理", never blocks others)
    state: Mapped[str] = mapped_column(String(10), default="pending", index=True)
    attempts: Mapped[int] = mapped_column(Integer, default=0)
    parked_reason: Mapped[str | None] = mapped_column(Text, default=None)
    sent_at: Mapped[datetime | None] = mapped_column(UtcDateTime(), default=None)


class AuditEntry(Base):
    """Append-only, hash-chained record of who did what. Each entry hashes the previous one and
    the row's content after the change, so editing either history or data is detectable."""

    __tablename__ = "audit_log"

    seq: Mapped[int] = mapped_column(Integer, primary_key=True, autoincrement=True)
    at: Mapped[datetime] = mapped_column(UtcDateTime())
    actor: Mapped[str] = mapped_column(String(64))
    device_id: Mapped[str] = mapped_column(String(36))
    squad_id: Mapped[str] = mapped_column(String(36))
    action: Mapped[str] = mapped_column(String(60))
    entity: Mapped[str] = mapped_column(String(60))
    entity_id: Mapped[str] = mapped_column(String(36), index=True)
    revision: Mapped[int] = mapped_column(Integer)
    summary: Mapped[str] = mapped_column(Text, default="")
    row_digest: Mapped[str] = mapped_column(String(64))
    prev_hash: Mapped[str] = mapped_column(String(64))
    hash: Mapped[str] = mapped_column(String(64), unique=True)


class Meta(Base):
    """Small key/value facts about this store (device id, last sync time, cursors)."""

    __tablename__ = "meta"

    key: Mapped[str] = mapped_column(String(60), primary_key=True)
    value: Mapped[str] = mapped_column(Text)
