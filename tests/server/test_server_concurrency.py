"""Several PCs of one squad pushing at once while another pulls: sequence numbers stay unique and
gapless, and a puller that follows next_cursor never skips a change committed behind it."""

from __future__ import annotations

import threading
import uuid
from datetime import datetime, timezone

from sqlalchemy import select

from app.server import sync_service
from app.server.accounts import Credential
from app.server.models import ChangeEntry
from app.sync import protocol


def _insert(device_id: str) -> protocol.Operation:
    return protocol.Operation(
        op_id=str(uuid.uuid4()), entity="cases", entity_id=str(uuid.uuid4()), op="insert",
        base_revision=0, revision=1, fields={"title": "并发"}, created_at=datetime.now(timezone.utc),
        device_id=device_id,
    )


def test_concurrent_pushes_and_a_live_puller_never_lose_a_change(enroll, sessions):
    first = enroll()
    pcs = [first] + [enroll(first.squad_id) for _ in range(3)]
    creds = [Credential(pc.device_id, pc.squad_id) for pc in pcs]
    pushed: list[str] = []
    lock = threading.Lock()
    done = threading.Event()
    errors: list[BaseException] = []

    def pusher(cred: Credential) -> None:
        try:
            for _ in range(6):
                ops = [_insert(cred.device_id) for _ in range(40)]
                with sessions.begin() as s:
                    sync_service.push(s, cred, protocol.PushRequest(operations=ops))
                with lock:
                    pushed.extend(op.entity_id for op in ops)
        except BaseException as exc:  # noqa: BLE001 - reported by the main thread
            errors.append(exc)

    seen: list[str] = []

    def puller() -> None:
        cursor = 0
        try:
            while True:
                finished = done.is_set()
                with sessions.begin() as s:
                    page = sync_service.pull(s, creds[0], protocol.PullRequest(cursor=cursor, limit=37))
                seen.extend(c.entity_id for c in page.changes if c.entity == "cases")
                cursor = page.next_cursor
                if finished and not page.has_more:
                    return
        except BaseException as exc:  # noqa: BLE001
            errors.append(exc)

    threads = [threading.Thread(target=pusher, args=(c,)) for c in creds]
    reader = threading.Thread(target=puller)
    reader.start()
    for t in threads:
        t.start()
    for t in threads:
        t.join()
    done.set()
    reader.join()
    assert not errors, errors
    assert sorted(seen) == sorted(pushed) and len(seen) == 4 * 6 * 40
    with sessions() as s:
        seqs = s.scalars(select(ChangeEntry.seq).where(ChangeEntry.squad_id == first.squad_id)
                         .order_by(ChangeEntry.seq)).all()
    assert seqs == list(range(1, len(seqs) + 1))
