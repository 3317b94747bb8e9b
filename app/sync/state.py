"""What this PC knows about its sync: enrollment, cursor, last success, counts for the status.

Small facts live in `Meta` (key/value), written in the same transaction as the work they
describe; the device secret never does (app.credentials, name DEVICE_SECRET).
"""

from __future__ import annotations

import json
from dataclasses import dataclass
from datetime import datetime

from sqlalchemy import func, select
from sqlalchemy.orm import Session

from app.db.models.core import Meta, OutboxEntry
from app.db.models.sync import SyncConflict

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
        if self.last_error:
            parts.append("上次同步失败")
        if self.clock_warning:
            parts.append("本机时钟有误")
        return "，".join(parts)


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
    )
