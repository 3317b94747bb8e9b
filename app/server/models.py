"""The county server's tables. Own Base and metadata: the server never shares the client schema.

Every row that belongs to a township carries `squad_id`, and every query filters on the squad
taken from the caller's credential (app.server.deps), never from a request body.
"""

from __future__ import annotations

from datetime import datetime
from typing import Any

from sqlalchemy import (
    JSON, BigInteger, Boolean, ForeignKey, Index, Integer, LargeBinary, MetaData, String, Text,
    UniqueConstraint,
)
from sqlalchemy.dialects.postgresql import JSONB
from sqlalchemy.orm import DeclarativeBase, Mapped, mapped_column

from app.db.base import NAMING_CONVENTION
from app.db.types import UtcDateTime
from app.sync.protocol import CHUNK_SIZE

# JSONB on PostgreSQL (indexable, compact), plain JSON on the SQLite dev default.
Json = JSON().with_variant(JSONB(), "postgresql")
# SQLite only auto-increments INTEGER PRIMARY KEY; PostgreSQL gets a real bigint.
BigId = BigInteger().with_variant(Integer(), "sqlite")


class ServerBase(DeclarativeBase):
    metadata = MetaData(naming_convention=NAMING_CONVENTION)


class ServerSetting(ServerBase):
    """Key/value settings: the token signing key, min client version."""

    __tablename__ = "server_settings"

    key: Mapped[str] = mapped_column(String(60), primary_key=True)
    value: Mapped[str] = mapped_column(Text)


class Squad(ServerBase):
    """A township squad (the tenant). `last_seq` is its change sequence; locking this row
    serialises the squad's writers so sequence numbers commit in order (pull never skips one)."""

    __tablename__ = "squads"

    id: Mapped[str] = mapped_column(String(36), primary_key=True)
    name: Mapped[str] = mapped_column(String(100), unique=True)
    township: Mapped[str] = mapped_column(String(100), default="")
    issuing_authority: Mapped[str] = mapped_column(String(100), default="")
    authority_short: Mapped[str] = mapped_column(String(20), default="")
    last_seq: Mapped[int] = mapped_column(BigInteger, default=0)
    created_at: Mapped[datetime] = mapped_column(UtcDateTime())


class Device(ServerBase):
    """An enrolled PC. The secret is stored only as a salted hash (app.server.security)."""

    __tablename__ = "devices"

    id: Mapped[str] = mapped_column(String(36), primary_key=True)
    squad_id: Mapped[str] = mapped_column(ForeignKey("squads.id"), index=True)
    name: Mapped[str] = mapped_column(String(100))
    secret_hash: Mapped[str] = mapped_column(String(200))
    revoked: Mapped[bool] = mapped_column(Boolean, default=False)
    revoked_at: Mapped[datetime | None] = mapped_column(UtcDateTime(), default=None)
    enrolled_at: Mapped[datetime] = mapped_column(UtcDateTime())
    last_seen_at: Mapped[datetime | None] = mapped_column(UtcDateTime(), default=None)
    client_version: Mapped[str] = mapped_column(String(32), default="")
    # The device's audit chain head as last reported; it may only grow (see sync service).
    audit_count: Mapped[int | None] = mapped_column(BigInteger, default=None)
    audit_hash: Mapped[str | None] = mapped_column(String(64), default=None)
    audit_suspect: Mapped[bool] = mapped_column(Boolean, default=False)


class EnrollmentCode(ServerBase):
    """A one-time code printed for one PC; stored hashed, expires, used at most once."""

    __tablename__ = "enrollment_codes"

    code_hash: Mapped[str] = mapped_column(String(64), primary_key=True)
    squad_id: Mapped[str] = mapped_column(ForeignKey("squads.id"), index=True)
    created_at: Mapped[datetime] = mapped_column(UtcDateTime())
    expires_at: Mapped[datetime] = mapped_column(UtcDateTime())
    used_at: Mapped[datetime | None] = mapped_column(UtcDateTime(), default=None)
    used_by_device: Mapped[str | None] = mapped_column(String(36), default=None)


class Record(ServerBase):
    """The county's copy of one synced row. `seq` is the squad sequence of its latest change, so
    "everything after cursor N" is one indexed range scan and repeated edits compact."""

    __tablename__ = "records"
    __table_args__ = (
        UniqueConstraint("entity", "entity_id", name="uq_records_entity_entity_id"),
        Index("ix_records_squad_seq", "squad_id", "seq"),
    )

    id: Mapped[int] = mapped_column(BigId, primary_key=True, autoincrement=True)
    squad_id: Mapped[str] = mapped_column(ForeignKey("squads.id"))
    entity: Mapped[str] = mapped_column(String(60))
    entity_id: Mapped[str] = mapped_column(String(36))
    revision: Mapped[int] = mapped_column(Integer)
    data: Mapped[dict[str, Any]] = mapped_column(Json)
    deleted: Mapped[bool] = mapped_column(Boolean, default=False)
    updated_at: Mapped[datetime] = mapped_column(UtcDateTime())
    updated_by: Mapped[str] = mapped_column(String(64), default="")
    device_id: Mapped[str | None] = mapped_column(String(36), default=None)
    seq: Mapped[int] = mapped_column(BigInteger)


class ChangeEntry(ServerBase):
    """The per-squad change log: one row per accepted change, numbered without gaps."""

    __tablename__ = "changes"
    __table_args__ = (UniqueConstraint("squad_id", "seq", name="uq_changes_squad_id_seq"),)

    id: Mapped[int] = mapped_column(BigId, primary_key=True, autoincrement=True)
    squad_id: Mapped[str] = mapped_column(ForeignKey("squads.id"))
    seq: Mapped[int] = mapped_column(BigInteger)
    entity: Mapped[str] = mapped_column(String(60))
    entity_id: Mapped[str] = mapped_column(String(36))
    revision: Mapped[int] = mapped_column(Integer)
    op: Mapped[str] = mapped_column(String(10))
    op_id: Mapped[str | None] = mapped_column(String(36), default=None)
    device_id: Mapped[str | None] = mapped_column(String(36), default=None)
    fields: Mapped[dict[str, Any]] = mapped_column(Json)
    at: Mapped[datetime] = mapped_column(UtcDateTime())


class AppliedOp(ServerBase):
    """Every op_id the server has judged, with the hash of its payload and the answer it gave,
    so a retried push gets the same answer and a reused op_id with other content is refused."""

    __tablename__ = "applied_ops"

    op_id: Mapped[str] = mapped_column(String(36), primary_key=True)
    squad_id: Mapped[str] = mapped_column(ForeignKey("squads.id"))
    device_id: Mapped[str] = mapped_column(String(36))
    payload_hash: Mapped[str] = mapped_column(String(64))
    result: Mapped[dict[str, Any]] = mapped_column(Json)
    applied_at: Mapped[datetime] = mapped_column(UtcDateTime())


class ConflictEntry(ServerBase):
    """Fields changed on both sides with different values; kept until a person decides."""

    __tablename__ = "conflicts"

    id: Mapped[int] = mapped_column(BigId, primary_key=True, autoincrement=True)
    squad_id: Mapped[str] = mapped_column(ForeignKey("squads.id"), index=True)
    entity: Mapped[str] = mapped_column(String(60))
    entity_id: Mapped[str] = mapped_column(String(36))
    op_id: Mapped[str] = mapped_column(String(36))
    device_id: Mapped[str] = mapped_column(String(36))
    server_revision: Mapped[int] = mapped_column(Integer)
    fields: Mapped[list[Any]] = mapped_column(Json)
    created_at: Mapped[datetime] = mapped_column(UtcDateTime())
    resolved_at: Mapped[datetime | None] = mapped_column(UtcDateTime(), default=None)


class EvidenceBlob(ServerBase):
    """An evidence file of one squad, addressed by its SHA-256; complete only once verified."""

    __tablename__ = "evidence_blobs"

    squad_id: Mapped[str] = mapped_column(ForeignKey("squads.id"), primary_key=True)
    sha256: Mapped[str] = mapped_column(String(64), primary_key=True)
    size: Mapped[int] = mapped_column(BigInteger)
    media_type: Mapped[str] = mapped_column(String(100), default="application/octet-stream")
    # The upload unit this blob was begun with (the client's choice, fixed for its lifetime so
    # a resumed upload lines up): offsets are multiples of it, every chunk but the last is it.
    chunk_size: Mapped[int] = mapped_column(Integer, default=CHUNK_SIZE)
    complete: Mapped[bool] = mapped_column(Boolean, default=False)
    device_id: Mapped[str] = mapped_column(String(36))
    created_at: Mapped[datetime] = mapped_column(UtcDateTime())
    completed_at: Mapped[datetime | None] = mapped_column(UtcDateTime(), default=None)


class EvidenceChunk(ServerBase):
    __tablename__ = "evidence_chunks"

    squad_id: Mapped[str] = mapped_column(String(36), primary_key=True)
    sha256: Mapped[str] = mapped_column(String(64), primary_key=True)
    offset: Mapped[int] = mapped_column(BigInteger, primary_key=True)
    data: Mapped[bytes] = mapped_column(LargeBinary)


class NumberCounter(ServerBase):
    """Next free document number per squad, document type and year. Leases advance it under a
    row lock, so two leases can never overlap."""

    __tablename__ = "number_counters"

    squad_id: Mapped[str] = mapped_column(ForeignKey("squads.id"), primary_key=True)
    doc_type: Mapped[str] = mapped_column(String(40), primary_key=True)
    year: Mapped[int] = mapped_column(Integer, primary_key=True)
    next_free: Mapped[int] = mapped_column(Integer, default=1)


class NumberLease(ServerBase):
    __tablename__ = "number_leases"

    id: Mapped[str] = mapped_column(String(36), primary_key=True)
    request_id: Mapped[str] = mapped_column(String(36), unique=True)
    squad_id: Mapped[str] = mapped_column(ForeignKey("squads.id"), index=True)
    device_id: Mapped[str] = mapped_column(String(36))
    doc_type: Mapped[str] = mapped_column(String(40))
    year: Mapped[int] = mapped_column(Integer)
    first: Mapped[int] = mapped_column(Integer)
    last: Mapped[int] = mapped_column(Integer)
    leased_at: Mapped[datetime] = mapped_column(UtcDateTime())


class LeaseSetting(ServerBase):
    """Block size per squad and document type; '*' matches any. Set with `squaddesk-server lease`."""

    __tablename__ = "lease_settings"

    squad_id: Mapped[str] = mapped_column(String(36), primary_key=True)
    doc_type: Mapped[str] = mapped_column(String(40), primary_key=True)
    size: Mapped[int] = mapped_column(Integer)


class ReferencePublication(ServerBase):
    """County → township reference data, versioned per kind. squad_id NULL = every squad."""

    __tablename__ = "reference_publications"
    __table_args__ = (UniqueConstraint("kind", "version", name="uq_reference_publications_kind_version"),)

    id: Mapped[int] = mapped_column(BigId, primary_key=True, autoincrement=True)
    kind: Mapped[str] = mapped_column(String(30))
    version: Mapped[int] = mapped_column(Integer)
    squad_id: Mapped[str | None] = mapped_column(ForeignKey("squads.id"), default=None, index=True)
    published_at: Mapped[datetime] = mapped_column(UtcDateTime())
    published_by: Mapped[str] = mapped_column(String(64), default="")
    payload: Mapped[Any] = mapped_column(Json)


class AuditHeadEntry(ServerBase):
    """Each audit chain head a device reported, in order (evidence if history is rewritten)."""

    __tablename__ = "client_audit_heads"

    id: Mapped[int] = mapped_column(BigId, primary_key=True, autoincrement=True)
    device_id: Mapped[str] = mapped_column(ForeignKey("devices.id"), index=True)
    squad_id: Mapped[str] = mapped_column(String(36))
    count: Mapped[int] = mapped_column(BigInteger)
    hash: Mapped[str] = mapped_column(String(64))
    recorded_at: Mapped[datetime] = mapped_column(UtcDateTime())


class ServerAudit(ServerBase):
    """Append-only log of what happened on the server (enrollments, revocations, conflicts,
    refusals, publications). On PostgreSQL a trigger refuses UPDATE and DELETE."""

    __tablename__ = "server_audit"

    id: Mapped[int] = mapped_column(BigId, primary_key=True, autoincrement=True)
    at: Mapped[datetime] = mapped_column(UtcDateTime())
    squad_id: Mapped[str | None] = mapped_column(String(36), default=None, index=True)
    device_id: Mapped[str | None] = mapped_column(String(36), default=None)
    actor: Mapped[str] = mapped_column(String(64))
    action: Mapped[str] = mapped_column(String(60))
    detail: Mapped[dict[str, Any]] = mapped_column(Json)
