"""What this PC knows about its sync: enrollment, cursor, last success, counts for the status.

Small facts live in `Meta` (key/value), written in the same transaction as the work they
describe; the device secret never does (app.credentials, name DEVICE_SECRET).
"""

from __future__ import annotations

import json
from dataclasses import dataclass
from datetime import datetime
from typing import Any

from sqlalchemy import func, select
from sqlalchemy.orm import Session

from app.db.models.core import Meta, OutboxEntry
from app.db.models.sync import ParkedChange, SyncConflict

DEVICE_SECRET = "sync.device_secret"      # keyring name (app.credentials)

K_SERVER = "sync.server_url"
K_CA = "sync.ca_file"
K_DEVICE = "sync.device_id"
K_SQUAD = "sync.squad_id"
K_SQUAD_NAME = "sync.squad_name"
K_CURSOR = "sync.cursor"
K_REFERENCE = "sync.reference_versions"
K_LAST_SUCCESS = "sync.last_success"
K_LAST_ERROR = "sync.last_error"
K_CLOCK_WARNING = "sync.clock_warning"
# Outbox seq up to which acknowledged pushes have been through a complete pull (their echo window
# is closed): records of later "sent" entries are named in the next pull request (held_records).
K_ECHO_MARK = "sync.echo_mark"
HELD_MAX = 500              # protocol.PULL_HELD_MAX (kept here: no pydantic at start-up)


def get(session: Session, key: str, default: str | None = None) -> str | None:
    row = session.get(Meta, key)
    return row.value if row is not None else default


def put(session: Session, key: str, value: str | None) -> None:
    row = session.get(Meta, key)
    if value is None:
        if row is not None:
            session.delete(row)
        return
    if row is None:
        session.add(Meta(key=key, value=value))
    else:
        row.value = value


def cursor(session: Session) -> int:
    return int(get(session, K_CURSOR, "0") or 0)


def reference_versions(session: Session) -> dict[str, int]:
    return json.loads(get(session, K_REFERENCE, "{}") or "{}")


def held_records(session: Session) -> tuple[list[dict[str, Any]], int]:
    """The records of this PC's pushes acknowledged since the last complete pull, as this PC
    holds them now (entity, entity_id, revision, digest; newest first, at most HELD_MAX), and
    the highest outbox seq looked at. The county leaves out a record whose state is exactly this
    one: the echo of the push. Left out of the list, so their county state comes down: records
    with a parked incoming change (it must be replaced) and with an open conflict (the echo
    dates the county's side of it)."""
    from app.db.journal import plain  # noqa: PLC0415
    from app.sync.entities import data_columns, entity_class  # noqa: PLC0415
    from app.sync.protocol import record_digest  # noqa: PLC0415 - a sync is running anyway

    mark = int(get(session, K_ECHO_MARK, "0") or 0)
    rows = session.execute(
        select(OutboxEntry.entity, OutboxEntry.entity_id, func.max(OutboxEntry.seq).label("top"))
        .where(OutboxEntry.state == "sent", OutboxEntry.seq > mark,
               OutboxEntry.entity_id.not_in(select(ParkedChange.entity_id)),
               OutboxEntry.entity_id.not_in(select(SyncConflict.entity_id)
                                            .where(SyncConflict.resolved_at.is_(None))))
        .group_by(OutboxEntry.entity, OutboxEntry.entity_id)
        .order_by(func.max(OutboxEntry.seq).desc()).limit(HELD_MAX)).all()
    held = []
    for entity, entity_id, _top in rows:
        cls = entity_class(entity)
        obj = session.get(cls, entity_id) if cls is not None else None
        if obj is None:
            continue
        data = {key: plain(getattr(obj, key)) for key in data_columns(cls)}
        held.append({"entity": entity, "entity_id": entity_id, "revision": obj.revision or 0,
                     "digest": record_digest(data)})
    return held, max((top for *_, top in rows), default=0)


def parked_incoming(session: Session) -> int:
    return session.scalar(select(func.count()).select_from(ParkedChange)) or 0


@dataclass(frozen=True)
class SyncStatus:
    enrolled: bool
    server_url: str | None
    squad_name: str | None
    last_success: datetime | None
    last_error: str | None
    pending: int
    parked: int
    conflicts: int
    clock_warning: str | None
    cursor: int
    incoming_parked: int = 0    # county changes not yet written here (sync_parked)

    def line(self) -> str:
        """One line for the status bar."""
        if not self.enrolled:
            return "同步：本机未登记到县局服务器"
        when = "从未成功" if self.last_success is None else _short_time(self.last_success)
        parts = [f"同步：上次成功 {when}", f"待上传 {self.pending}"]
        if self.parked:
            parts.append(f"需要处理 {self.parked}")
        if self.conflicts:
            parts.append(f"冲突 {self.conflicts}")
        if self.incoming_parked:
            parts.append(incoming_parked_line(self.incoming_parked))
        if self.last_error:
            parts.append("上次同步失败")
        if self.clock_warning:
            parts.append("本机时钟有误")
        return "，".join(parts)


def incoming_parked_line(count: int) -> str:
    return f"{count} 条县局数据暂未能写入本机"


def _short_time(moment: datetime) -> str:
    from app.clock import to_china  # noqa: PLC0415

    return to_china(moment).strftime("%m-%d %H:%M")


def status(session: Session) -> SyncStatus:
    def count(state: str) -> int:
        return session.scalar(select(func.count()).select_from(OutboxEntry)
                              .where(OutboxEntry.state == state)) or 0

    last = get(session, K_LAST_SUCCESS)
    return SyncStatus(
        enrolled=get(session, K_DEVICE) is not None,
        server_url=get(session, K_SERVER),
        squad_name=get(session, K_SQUAD_NAME),
        last_success=datetime.fromisoformat(last) if last else None,
        last_error=get(session, K_LAST_ERROR),
        pending=count("pending"),
        parked=count("parked"),
        conflicts=session.scalar(select(func.count()).select_from(SyncConflict)
                                 .where(SyncConflict.resolved_at.is_(None))) or 0,
        clock_warning=get(session, K_CLOCK_WARNING),
        cursor=cursor(session),
        incoming_parked=parked_incoming(session),
    )
