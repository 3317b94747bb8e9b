"""The device credential lives in the OS keyring only: after enrollment and syncs, neither the
device secret nor any access token appears in the data folder (database, WAL, settings, logs) or
in any log record, in plain text or base64."""

from __future__ import annotations

import base64
import logging
import random
import shutil
from pathlib import Path

from sqlalchemy import select

from app.bootstrap import open_data_folder
from app.credentials import get_secret
from app.paths import AppPaths
from app.sync import state
from app.sync.client import SyncClient
from app.sync.engine import SyncEngine, device_secret
from app.sync.enroll import enroll
from simnet import Faults, session_for
from world import URL, County, SimBase, SimNote, cheap_secret_hashing


def forms(secret: str) -> list[bytes]:
    raw = secret.encode()
    return [raw, base64.b64encode(raw), base64.urlsafe_b64encode(raw).rstrip(b"="),
            raw.hex().encode()]


def test_no_credential_in_data_folder_logs_or_database(secret_service, sim_templates, tmp_path,
                                                       caplog):
    from app.server import security

    saved = security._SCRYPT  # noqa: SLF001
    cheap_secret_hashing()
    county = County(sim_templates[0], tmp_path)
    caplog.set_level(logging.DEBUG)
    try:
        paths = AppPaths.in_folder(tmp_path / "data")
        opened = open_data_folder(paths, use_keyring=False)   # plain SQLite: bytes are readable
        SimBase.metadata.create_all(opened.store.engine)
        session, _adapter = session_for(county.http, Faults(rng=random.Random(1),
                                                           drop_response=0.2, duplicate=0.2))
        enroll(URL, county.code(), None, opened.store, paths, device_name="内勤电脑",
               session=session)
        secret = get_secret(state.DEVICE_SECRET)
        assert secret

        tokens: list[str] = []

        def client(enrolled):  # noqa: ANN001, ANN202
            c = SyncClient(URL, device_id=enrolled.device_id, secret=device_secret,
                           session=session, sleep=lambda _s: None, retries=6)
            original = c.login

            def login():  # noqa: ANN202
                answer = original()
                tokens.append(answer.access_token)
                return answer
            c.login = login
            return c

        engine = SyncEngine(opened.store, client_factory=client)
        actor = opened.system_actor("内勤")
        for i in range(3):
            with opened.store.write(actor.__class__(actor.user, engine_squad(opened), actor.device_id),
                                    "note") as db:
                db.add(SimNote(title=f"记录{i}"))
            engine.run()
            engine._token = None  # noqa: SLF001 - force a fresh token each time
        with opened.store.read() as db:
            assert db.scalar(select(SimNote.id)) is not None
        assert tokens
        opened.store.dispose()

        needles = [f for s in [secret, *tokens] for f in forms(s)]
        for path in sorted(Path(paths.root).rglob("*")):
            if path.is_file():
                data = path.read_bytes()
                for needle in needles:
                    assert needle not in data, f"credential found in {path.name}"
        text = "\n".join(r.getMessage() for r in caplog.records).encode()
        for needle in needles:
            assert needle not in text, "credential found in a log record"
        assert any(Path(paths.logs).glob("*.log"))
    finally:
        security._SCRYPT = saved  # noqa: SLF001
        county.close()
        from app.credentials import delete_secret

        delete_secret(state.DEVICE_SECRET)
        root = logging.getLogger()
        for handler in [h for h in root.handlers if getattr(h, "_squaddesk", False)]:
            root.removeHandler(handler)
            handler.close()
        shutil.rmtree(tmp_path / "data", ignore_errors=True)


def engine_squad(opened) -> str:  # noqa: ANN001
    with opened.store.read() as db:
        return state.get(db, state.K_SQUAD)
