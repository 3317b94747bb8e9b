"""The sync protocol: payloads shared by the township client and the county server (pydantic 2).

Both sides import this module, so a field renamed here breaks both at once and on purpose. Change
it additively only (new optional fields, new models); say so in the commit message.

Conventions:
- Every JSON response carries `server_time` (aware UTC) so the client can check its clock; raw
  byte responses carry it in the `X-Server-Time` header instead.
- Authenticated calls send `Authorization: Bearer <access_token>`. The squad is taken from that
  credential, never from a body: there is deliberately no `squad_id` in any request.
- Bodies may be gzip-compressed (`Content-Encoding: gzip`); responses are gzip when the client
  sends `Accept-Encoding: gzip`. A compressed push body is at most PUSH_BATCH_MAX_BYTES.
- Errors come back as `ErrorBody` with a Chinese `message` for the clerk and a stable `code`.
- Unknown fields are ignored on both sides, so an older peer survives an additive change.
"""

from __future__ import annotations

import hashlib
import json
from datetime import datetime
from typing import Any, Literal

from pydantic import BaseModel, ConfigDict, Field

PROTOCOL_VERSION = 1
SERVER_VERSION_HEADER = "X-Squaddesk-Server-Version"
CLIENT_VERSION_HEADER = "X-Squaddesk-Client-Version"
SERVER_TIME_HEADER = "X-Server-Time"
CHUNK_SHA256_HEADER = "X-Chunk-Sha256"

KIB = 1024
PUSH_BATCH_MAX_BYTES = 256 * KIB       # compressed request body of one push
PUSH_BATCH_MAX_OPS = 1000
MAX_DECOMPRESSED_BYTES = 16 * 1024 * KIB   # guards the server against gzip bombs
CHUNK_SIZE = 256 * KIB                 # largest and default evidence upload unit
MIN_CHUNK_SIZE = 16 * KIB              # smallest; a blob's offsets are multiples of its unit
EVIDENCE_MAX_BYTES = 4 * 1024 * 1024 * KIB
PULL_PAGE_DEFAULT = 500
PULL_PAGE_MAX = 2000
PULL_HELD_MAX = 500                    # records named in one pull request (app.sync.state)
ACCESS_TOKEN_TTL_S = 15 * 60
MAX_CLOCK_SKEW_S = 5 * 60              # beyond this the client warns and corrects its clock
LEASE_SIZE_MAX = 1000

# URL paths (relative to the server base URL).
PATH_INFO = "/info"
PATH_ENROLL = "/enroll"
PATH_TOKEN = "/token"
PATH_PUSH = "/push"
PATH_PULL = "/pull"
PATH_UPLOADS = "/evidence/uploads"                          # POST UploadInit
PATH_UPLOAD_CHUNK = "/evidence/uploads/{sha256}/chunks/{offset}"   # PUT raw bytes
PATH_UPLOAD_COMPLETE = "/evidence/uploads/{sha256}/complete"       # POST, no body
PATH_EVIDENCE_CHUNK = "/evidence/{sha256}/chunks/{offset}"         # GET raw bytes (download)
PATH_LEASE = "/blocks/lease"

OpKind = Literal["insert", "update", "delete"]
OpStatus = Literal["applied", "duplicate", "conflict", "rejected"]
ReferenceKind = Literal[
    "roster", "certificates", "power_list", "benchmarks", "templates", "seal_spec", "holidays"
]
REFERENCE_KINDS: tuple[str, ...] = (
    "roster", "certificates", "power_list", "benchmarks", "templates", "seal_spec", "holidays"
)

def version_tuple(version: str) -> tuple[int, ...]:
    """'0.10.2' → (0, 10, 2); non-numeric parts count as 0, so a bad string never crashes."""
    parts = []
    for piece in version.split(".")[:4]:
        digits = "".join(ch for ch in piece if ch.isdigit())
        parts.append(int(digits) if digits else 0)
    return tuple(parts)


class _Model(BaseModel):
    model_config = ConfigDict(extra="ignore", frozen=False)


class _Response(_Model):
    server_time: datetime


class ErrorBody(_Response):
    code: str          # not_found | invalid | conflict | unauthorized | forbidden | too_large | client_too_old
    message: str       # Chinese, shown to the clerk as-is
    detail: dict[str, Any] = Field(default_factory=dict)


class ServerInfo(_Response):
    """GET /info, unauthenticated: the clock check and the version gate before anything else."""

    version: str
    protocol: int = PROTOCOL_VERSION
    min_client_version: str


# ---- enrollment and tokens ---------------------------------------------------------------


class EnrollRequest(_Model):
    code: str = Field(min_length=4, max_length=64)       # one-time, printed by `enroll-code`
    device_name: str = Field(min_length=1, max_length=100)
    client_version: str = Field(default="0", max_length=32)


class EnrollResponse(_Response):
    """device_secret is shown once; the client stores it in the OS keyring and nowhere else."""

    device_id: str
    device_secret: str
    squad_id: str
    squad_name: str
    min_client_version: str


class AuditHead(_Model):
    """A point in a device's hash-chained audit log: the hash of entry number `count` (1-based)."""

    count: int = Field(ge=0)
    hash: str = Field(pattern=r"^[0-9a-f]{64}$")


class TokenRequest(_Model):
    device_id: str = Field(max_length=36)
    device_secret: str = Field(max_length=200)
    client_version: str = Field(default="0", max_length=32)


class TokenResponse(_Response):
    access_token: str
    expires_at: datetime
    squad_id: str
    squad_name: str
    device_id: str
    # The last audit head the server recorded for this device; the next push must prove its
    # history still contains it (PushRequest.audit_anchor). None before the first push.
    audit_head: AuditHead | None = None


# ---- push --------------------------------------------------------------------------------


class Operation(_Model):
    """One outbox entry (app.db.models.core.OutboxEntry) on the wire.

    `fields` = new values of the changed columns (all columns for an insert); `base` = their
    values before the change. `base_revision` is the revision the client edited from.
    """

    op_id: str = Field(pattern=r"^[0-9a-fA-F-]{36}$")
    entity: str = Field(pattern=r"^[a-z][a-z0-9_]{0,59}$")
    entity_id: str = Field(min_length=1, max_length=36)
    op: OpKind
    base_revision: int = Field(ge=0)
    revision: int = Field(ge=1)
    fields: dict[str, Any] = Field(default_factory=dict)
    base: dict[str, Any] = Field(default_factory=dict)
    created_at: datetime
    created_by: str = Field(default="", max_length=64)
    device_id: str = Field(max_length=36)


class PushRequest(_Model):
    """A batch of operations in outbox order. Each op is judged on its own: one rejected op
    never stops the others (the client parks it and goes on)."""

    operations: list[Operation] = Field(default_factory=list, max_length=PUSH_BATCH_MAX_OPS)
    audit_head: AuditHead | None = None      # the client's chain head now
    audit_anchor: AuditHead | None = None    # the client's entry at the count the server last saw


class FieldConflict(_Model):
    field: str
    base: Any = None       # value both sides started from (the client's `base`)
    mine: Any = None       # the client's new value
    theirs: Any = None     # the server's current value


class OpResult(_Model):
    op_id: str
    status: OpStatus
    reason: str = ""                       # Chinese, for the clerk; empty when applied
    server_revision: int | None = None     # the record's revision on the server after this op
    merged_fields: list[str] = Field(default_factory=list)   # applied although base was older
    conflicts: list[FieldConflict] = Field(default_factory=list)
    record: dict[str, Any] | None = None   # server's current row on conflict, for the merge panel


class PushResponse(_Response):
    results: list[OpResult]
    audit_head: AuditHead | None = None    # what the server recorded for this device


# ---- pull --------------------------------------------------------------------------------


def record_digest(data: dict[str, Any]) -> str:
    """Short digest of a record's data (wire values: app.db.journal.plain on the client, the
    stored JSON on the county), the same on both sides for the same values."""
    text = json.dumps(data, ensure_ascii=False, sort_keys=True, separators=(",", ":"), default=str)
    return hashlib.sha256(text.encode("utf-8")).hexdigest()[:32]


class HeldRecord(_Model):
    """A record as the client holds it after one of its own pushes was acknowledged."""

    entity: str = Field(pattern=r"^[a-z][a-z0-9_]{0,59}$")
    entity_id: str = Field(min_length=1, max_length=36)
    revision: int = Field(ge=0)
    digest: str = Field(pattern=r"^[0-9a-f]{32}$")    # record_digest of its data, "deleted" in


class PullRequest(_Model):
    cursor: int = Field(default=0, ge=0)   # last `seq` the client has applied; 0 = from the start
    limit: int = Field(default=PULL_PAGE_DEFAULT, ge=1, le=PULL_PAGE_MAX)
    # Reference data versions the client already holds; newer publications come back.
    reference_versions: dict[str, int] = Field(default_factory=dict)
    # Records this device pushed, as it holds them now. One whose county state is exactly this
    # (same revision, same digest) and was last written by this device is left out of the page:
    # it would only echo the push back. `next_cursor` still moves past it. Empty (older
    # clients) = every change comes down.
    held: list[HeldRecord] = Field(default_factory=list, max_length=PULL_HELD_MAX)


class Change(_Model):
    """The current state of one record, at the squad sequence number of its latest change.
    Several changes to one record between two pulls come back once (compacted)."""

    seq: int
    entity: str
    entity_id: str
    revision: int
    deleted: bool
    data: dict[str, Any]
    updated_at: datetime
    device_id: str | None = None           # the device whose op produced this state
    updated_by: str = ""                   # who made that change (the op's created_by)


class ReferencePublication(_Model):
    kind: ReferenceKind
    version: int
    published_at: datetime
    payload: Any


class PullResponse(_Response):
    changes: list[Change]                  # ordered by seq ascending
    next_cursor: int                       # store it after applying the page
    has_more: bool
    reference: list[ReferencePublication] = Field(default_factory=list)


# ---- evidence upload ---------------------------------------------------------------------


def valid_chunk_size(size: int) -> bool:
    """A chunk size a client may ask for: a power of two from MIN_CHUNK_SIZE to CHUNK_SIZE."""
    return MIN_CHUNK_SIZE <= size <= CHUNK_SIZE and size & (size - 1) == 0


class UploadInit(_Model):
    sha256: str = Field(pattern=r"^[0-9a-f]{64}$")
    size: int = Field(ge=0, le=EVIDENCE_MAX_BYTES)
    media_type: str = Field(default="application/octet-stream", max_length=100)
    # The chunk size the client wants for a new upload (smaller on a slow link): a power of two
    # from MIN_CHUNK_SIZE (16 KiB) to CHUNK_SIZE (256 KiB); None means CHUNK_SIZE. The server
    # refuses other values. An upload already begun keeps the size it began with; the client
    # always follows UploadStatus.chunk_size.
    chunk_size: int | None = None


class UploadStatus(_Response):
    """Which chunks the server holds. Resume by sending only the offsets not in `received`."""

    sha256: str
    size: int
    chunk_size: int = CHUNK_SIZE
    received: list[int]                    # offsets already stored
    complete: bool                         # full hash verified; nothing more to send


class ChunkAck(_Response):
    offset: int
    length: int


# ---- document number blocks --------------------------------------------------------------


class LeaseRequest(_Model):
    request_id: str = Field(pattern=r"^[0-9a-fA-F-]{36}$")   # a retried request gets the same lease
    doc_type: str = Field(min_length=1, max_length=40)
    year: int = Field(ge=2000, le=2100)
    size: int | None = Field(default=None, ge=1, le=LEASE_SIZE_MAX)  # None: the county's setting


class LeaseResponse(_Response):
    lease_id: str
    doc_type: str
    year: int
    first: int
    last: int                              # inclusive
