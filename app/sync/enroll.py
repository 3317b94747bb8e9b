"""Enrollment: a county-issued one-time code binds this PC to a squad.

The device secret goes to the OS keyring (app.credentials) and nowhere else; the server address,
CA file, device and squad ids go to `Meta` and the preferences. Rows made on this PC before it
was enrolled (squad "local") are adopted into the enrolled squad so the county accepts them.
"""

from __future__ import annotations

import logging
import socket
from collections.abc import Callable
from dataclasses import dataclass

import requests
from sqlalchemy import select
from sqlalchemy.orm import Session

from app.bootstrap import LOCAL_SQUAD_ID
from app.context import Actor
from app.db.base import Base, Synced
from app.db.models.core import Device, OutboxEntry
from app.db.store import Store
from app.paths import AppPaths
from app.settings import Preferences
from app.sync import state
from app.sync.client import SyncClient

log = logging.getLogger(__name__)


@dataclass(frozen=True)
class Enrolled:
    device_id: str
    squad_id: str
    squad_name: str
    server_url: str


def enroll(
    server_url: str,
    code: str,
    ca_file: str | None,
    store: Store,
    paths: AppPaths | None = None,
    *,
    device_name: str | None = None,
    session: requests.Session | None = None,
    set_secret: Callable[[str, str], None] | None = None,
) -> Enrolled:
    """Enroll this PC with `code`; raises SyncFailed (Chinese message) on any refusal."""
    if set_secret is None:
        from app.credentials import set_secret  # noqa: PLC0415
    server_url = server_url.rstrip("/")
    with SyncClient(server_url, ca_path=ca_file, session=session) as client:
        client.info()
        answer = client.enroll(code, device_name or _hostname())
        set_secret(state.DEVICE_SECRET, answer.device_secret)
        secret = answer.device_secret
        client._secret = lambda: secret       # noqa: SLF001 - prove the credential works now
        client.login()
    actor = Actor(user="sync", squad_id=answer.squad_id, device_id=answer.device_id)
    with store.write(actor, "sync.enroll", summary=f"登记到县局服务器（{answer.squad_name}）",
                     origin="sync") as db:
        if (state.get(db, state.K_SQUAD) != answer.squad_id
                or state.get(db, state.K_SERVER) != server_url):
            state.put(db, state.K_CURSOR, None)          # another county or squad: from scratch
            state.put(db, state.K_REFERENCE, None)
        state.put(db, state.K_SERVER, server_url)
        state.put(db, state.K_CA, ca_file or None)
        state.put(db, state.K_DEVICE, answer.device_id)
        state.put(db, state.K_SQUAD, answer.squad_id)
        state.put(db, state.K_SQUAD_NAME, answer.squad_name)
        state.put(db, state.K_LAST_ERROR, None)
        for device in db.scalars(select(Device)):
            device.squad_id = answer.squad_id
            device.enrolled_server = server_url
        adopt_local_rows(db, answer.squad_id)
    if paths is not None:
        prefs = Preferences.load(paths.settings_file)
        prefs.server_url, prefs.ca_bundle = server_url, ca_file or ""
        prefs.save(paths.settings_file)
    log.info("enrolled as device %s of squad %s", answer.device_id, answer.squad_id)
    return Enrolled(answer.device_id, answer.squad_id, answer.squad_name, server_url)


def adopt_local_rows(session: Session, squad_id: str) -> int:
    """Rows and pending changes made before enrollment join the enrolled squad (audited)."""
    import app.db.models  # noqa: F401, PLC0415

    count = 0
    for mapper in list(Base.registry.mappers):
        cls = mapper.class_
        if not issubclass(cls, Synced) or mapper.inherits is not None:
            continue
        for row in session.scalars(select(cls).where(cls.squad_id == LOCAL_SQUAD_ID)):
            row.squad_id = squad_id
            count += 1
    for entry in session.scalars(select(OutboxEntry).where(
            OutboxEntry.squad_id == LOCAL_SQUAD_ID, OutboxEntry.state == "pending")):
        entry.squad_id = squad_id
        if entry.fields.get("squad_id") == LOCAL_SQUAD_ID:
            entry.fields = {**entry.fields, "squad_id": squad_id}
    return count


def _hostname() -> str:
    return socket.gethostname()[:100] or "PC"
