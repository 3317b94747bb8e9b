"""Sync bookkeeping that stays on this PC: conflicts waiting for a person, evidence the county
has confirmed, county changes this PC could not write yet. Cursors and the last sync time live in
`Meta` (keys in app.sync.state)."""

from __future__ import annotations

from datetime import datetime
from typing import Any

from sqlalchemy import Index, Integer, String, Text, UniqueConstraint
from sqlalchemy.orm import Mapped, mapped_column

from app.db.base import Base
from app.db.types import JsonText, UtcDateTime


class SyncConflict(Base):
    """One field changed on this PC and elsewhere to different values. Both values are kept
    until a person chooses; the choice becomes a new local change (app.sync.conflicts)."""

    __tablename__ = "sync_conflicts"
    __table_args__ = (Index("ix_sync_conflicts_entity_entity_id", "entity", "entity_id"),)

    id: Mapped[int] = mapped_column(Integer, primary_key=True, autoincrement=True)
    entity: Mapped[str] = mapped_column(String(60))
    entity_id: Mapped[str] = mapped_column(String(36))
    field: Mapped[str] = mapped_column(String(60))
    local_value: Mapped[Any] = mapped_column(JsonText(), nullable=True)
    server_value: Mapped[Any] = mapped_column(JsonText(), nullable=True)
    base_value: Mapped[Any] = mapped_column(JsonText(), nullable=True)
    local_at: Mapped[datetime | None] = mapped_column(UtcDateTime(), default=None)
    server_at: Mapped[datetime | None] = mapped_column(UtcDateTime(), default=None)
    server_by: Mapped[str] = mapped_column(String(64), default="")
    server_revision: Mapped[int | None] = mapped_column(Integer, default=None)
    newer: Mapped[str] = mapped_column(String(10), default="")        # local | server | ""
    source: Mapped[str] = mapped_column(String(10), default="push")   # push | pull
    detected_at: Mapped[datetime] = mapped_column(UtcDateTime())
    resolved_at: Mapped[datetime | None] = mapped_column(UtcDateTime(), default=None)
    resolution: Mapped[str | None] = mapped_column(String(10), default=None)  # local | server
    resolved_by: Mapped[str | None] = mapped_column(String(64), default=None)


class UploadedEvidence(Base):
    """An evidence file whose whole-file SHA-256 the county server has confirmed."""

    __tablename__ = "sync_uploads"

    sha256: Mapped[str] = mapped_column(String(64), primary_key=True)
    size: Mapped[int] = mapped_column(Integer)
    confirmed_at: Mapped[datetime] = mapped_column(UtcDateTime())


class ParkedChange(Base):
    """A county change (app.sync.protocol.Change, verbatim) that could not be written here: a
    local row holds the same unique value, its parent row is missing, … The pull cursor moves past
    it so later county changes still arrive; every later pull retries it. It goes only when it
    finally applied or a newer revision of the same record applied (one row per record: a newer
    failing revision replaces the older, since a change carries the record's whole state).
    A reference publication whose applier failed is kept here the same way: entity
    "publication:<kind>", entity_id, seq and revision its version, change the publication."""

    __tablename__ = "sync_parked"
    __table_args__ = (UniqueConstraint("entity", "entity_id"),)

    id: Mapped[int] = mapped_column(Integer, primary_key=True, autoincrement=True)
    entity: Mapped[str] = mapped_column(String(60))
    entity_id: Mapped[str] = mapped_column(String(36))
    seq: Mapped[int] = mapped_column(Integer)               # the county's sequence number
    revision: Mapped[int] = mapped_column(Integer)
    change: Mapped[Any] = mapped_column(JsonText())
    reason: Mapped[str] = mapped_column(Text)               # Chinese, for the clerk
    detail: Mapped[str] = mapped_column(Text, default="")   # the database's words, for support
    parked_at: Mapped[datetime] = mapped_column(UtcDateTime())
    tried_at: Mapped[datetime] = mapped_column(UtcDateTime())
    attempts: Mapped[int] = mapped_column(Integer, default=1)
