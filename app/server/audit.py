"""The server's append-only audit: one helper, so every service writes entries the same way."""

from __future__ import annotations

from typing import Any

from sqlalchemy.orm import Session

from app.clock import utc_now
from app.server.models import ServerAudit


def record_event(
    session: Session,
    action: str,
    *,
    actor: str,
    squad_id: str | None = None,
    device_id: str | None = None,
    **detail: Any,
) -> None:
    """Add an audit entry to the caller's transaction (committed or rolled back with it)."""
    session.add(
        ServerAudit(
            at=utc_now(),
            squad_id=squad_id,
            device_id=device_id,
            actor=actor,
            action=action,
            detail=detail,
        )
    )
