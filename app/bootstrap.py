"""Opening a data folder for use: folders, logging, settings, the store migrated, this device known.

Shared by the GUI, the CLI subcommands and the self-test so they open a data folder the same way.
"""

from __future__ import annotations

import logging
import secrets
from dataclasses import dataclass
from pathlib import Path

from sqlalchemy import select

from app.clock import utc_now
from app.context import Actor
from app.db.backup import auto_backup_if_due
from app.db.engine import make_engine
from app.db.errors import store_errors
from app.db.migrate import MigrationResult, upgrade_to_head
from app.db.models.core import Device, Meta
from app.db.store import Store
from app.ids import new_id
from app.logging_setup import configure_logging
from app.paths import AppPaths
from app.reference import register_appliers
from app.security import keys
from app.security.evidence_crypto import EvidenceCipher, evidence_cipher
from app.settings import Preferences

log = logging.getLogger(__name__)

LOCAL_SQUAD_ID = "00000000-0000-4000-8000-00000000c0de"  # before enrollment binds a real squad


@dataclass
class Opened:
    paths: AppPaths
    prefs: Preferences
    store: Store
    migration: MigrationResult
    device_id: str
    squad_id: str
    key: bytes | None = None
    _evidence_cipher: EvidenceCipher | None = None

    @property
    def evidence_cipher(self) -> EvidenceCipher:
        """Evidence files are encrypted at rest; the key comes from the keyring on first use
        (a keyring round trip start-up need not pay)."""
        if self._evidence_cipher is None:
            self._evidence_cipher = evidence_cipher(self.paths)
        return self._evidence_cipher

    def system_actor(self, user: str = "system", roles: frozenset[str] = frozenset()) -> Actor:
        return Actor(user=user, squad_id=self.squad_id, device_id=self.device_id, roles=roles)


def database_key(paths: AppPaths) -> bytes:
    """The SQLCipher key of this data folder, from the OS keyring (made on first run)."""
    return keys.database_key(paths)


def open_data_folder(paths: AppPaths, *, log_to_file: bool = True, key: bytes | None = None,
                     use_keyring: bool = True) -> Opened:
    """Open (creating if new) a data folder: key from the keyring, a plaintext database from an
    early build encrypted in place, the daily backup when due, migrations after a verified
    backup, this device known. `key`/`use_keyring=False` serve the self-test (a throw-away key)."""
    paths.ensure()
    if log_to_file:
        configure_logging(paths.logs)
    prefs = Preferences.load(paths.settings_file)
    register_appliers(prefs)  # every county reference kind has somewhere to go on the next pull
    if key is None and use_keyring:
        key = keys.prepare_database(paths)
    engine = make_engine(paths.database, key=key)
    with store_errors():
        migration = upgrade_to_head(engine, paths.database, paths.backups, key=key)
        if migration.backup is None:  # a pre-migration backup already counts as today's
            auto_backup_if_due(engine, paths.backups, key=key)
    store = Store(engine)
    device_id, squad_id = _ensure_device(store)
    cipher = None if use_keyring else EvidenceCipher(secrets.token_bytes(32))
    return Opened(paths, prefs, store, migration, device_id, squad_id, key, cipher)


def _ensure_device(store: Store) -> tuple[str, str]:
    with store.engine.begin() as conn:
        from sqlalchemy.orm import Session  # noqa: PLC0415

        session = Session(bind=conn)
        device = session.scalar(select(Device).limit(1))
        if device is None:
            device = Device(id=new_id(), name=_hostname(), squad_id=LOCAL_SQUAD_ID,
                            created_at=utc_now())
            session.add(device)
            session.add(Meta(key="created_at", value=utc_now().isoformat()))
            session.flush()
            log.info("new data folder: device %s", device.id)
        return device.id, device.squad_id


def _hostname() -> str:
    import socket  # noqa: PLC0415

    return socket.gethostname()[:100] or "PC"


def data_folder_is_new(paths: AppPaths) -> bool:
    return not Path(paths.database).exists()
