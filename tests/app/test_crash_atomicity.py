"""Kill the writing process with SIGKILL mid-save: rows, outbox and audit are all there or none.

The foundation's proof of the journal's promise; the reliability suite repeats it at 200+ points
across saves, imports and syncs.
"""

from __future__ import annotations

import os
import random
import signal
import subprocess
import sys
import time
from pathlib import Path

from sqlalchemy import func, inspect as sa_inspect, select

from app.db.base import Base, Synced
from app.db.journal import row_digest
from app.db.models.core import AuditEntry, OutboxEntry
from app.db.store import Store
from app.security.audit_check import verify_chain

WRITER = Path(__file__).with_name("crash_writer.py")
ROOT = Path(__file__).resolve().parents[2]


def _run_and_kill(db: Path, seed: int, rng: random.Random) -> list[str]:
    env = dict(os.environ, PYTHONPATH=str(ROOT))
    child = subprocess.Popen([sys.executable, str(WRITER), str(db), str(seed)],
                             stdout=subprocess.PIPE, env=env)
    acked: list[str] = []
    deadline = time.monotonic() + 0.8 + rng.random() * 0.6
    os.set_blocking(child.stdout.fileno(), False)
    buffer = b""
    while time.monotonic() < deadline:
        chunk = child.stdout.read() or b""
        buffer += chunk
        time.sleep(0.01)
    child.send_signal(signal.SIGKILL)
    child.wait()
    buffer += child.stdout.read() or b""
    for line in buffer.decode("utf-8", "replace").splitlines():
        if line.startswith("ACK "):
            acked.append(line.split()[1])
    return acked


def _synced_classes():
    return [m.class_ for m in Base.registry.mappers if issubclass(m.class_, Synced)]


def test_sigkill_mid_save_leaves_rows_outbox_and_audit_consistent(db_path: Path):
    rng = random.Random(20261128)
    all_acked: list[str] = []
    for round_no in range(6):
        all_acked += _run_and_kill(db_path, seed=round_no, rng=rng)
        store = Store.open(db_path)
        with store.engine.connect() as conn:
            assert conn.exec_driver_sql("PRAGMA integrity_check").scalar() == "ok"
        with store.read() as session:
            for cls in _synced_classes():
                for row in session.scalars(select(cls)):
                    audits = session.scalars(
                        select(AuditEntry).where(AuditEntry.entity_id == row.id)
                        .order_by(AuditEntry.seq)).all()
                    assert len(audits) == row.revision, "one audit entry per committed revision"
                    assert audits[-1].row_digest == row_digest(row)
                    if cls.__push__:
                        n = session.scalar(select(func.count()).select_from(OutboxEntry)
                                           .where(OutboxEntry.entity_id == row.id))
                        assert n == row.revision, "one outbox entry per committed revision"
                orphan = session.scalar(
                    select(func.count()).select_from(AuditEntry)
                    .where(AuditEntry.entity == cls.__tablename__)
                    .where(AuditEntry.entity_id.not_in(select(sa_inspect(cls).primary_key[0]))))
                assert orphan == 0, "audit entry without its row: a half-written transaction"
            present = set(session.scalars(select(AuditEntry.entity_id)))
        missing = [a for a in all_acked if a not in present]
        assert missing == [], f"acknowledged saves lost after kill {round_no}: {missing[:3]}"
        with store.read() as session:
            chain = verify_chain(session)
        assert chain.ok, chain.summary()
        store.dispose()
    assert len(all_acked) > 20  # the child really was writing when it was killed
