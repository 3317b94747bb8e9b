"""Parent side of the crash harness: kill a writer at random moments, then check nothing was lost.

After every SIGKILL the database is reopened (SQLite recovers from its WAL as it would after a
crash) and checked:
  * `PRAGMA integrity_check` is "ok" (else: a corruption);
  * every ACKed save is there, at its ACKed revision or later (else: a lost save);
  * the audit chain is intact and every synced row equals its latest audit digest
    (`app.security.audit_check.verify_chain`), and every audited change of a pushable entity has
    its outbox entry and vice versa (else: an inconsistency);
  * every finished backup file opens with the key and passes integrity_check.

SIGKILL is not a power cut: the OS page cache survives it. What it does prove is that every
commit point is atomic and every ACK comes after durability was requested (synchronous=FULL);
the power-cut half rests on SQLite's fsync discipline, which this harness cannot simulate.
"""

from __future__ import annotations

import os
import random
import select
import shutil
import signal
import subprocess
import sys
import time
from dataclasses import dataclass, field
from pathlib import Path

import sqlcipher3.dbapi2 as sqlcipher
from sqlalchemy import select as sa_select

from app.db.models import AuditEntry, OutboxEntry
from app.db.store import Store
from app.security.audit_check import verify_chain
from app.security.keys import encrypt_plaintext_database

HERE = Path(__file__).resolve().parent
WRITER = HERE / "writer.py"
KEY_ENV = "SQUADDESK_HARNESS_KEY"


@dataclass
class Figures:
    kills: int = 0
    acked_saves: int = 0
    lost_saves: int = 0
    corruptions: int = 0
    inconsistencies: int = 0
    bad_backups: int = 0
    backups_checked: int = 0
    writer_errors: int = 0
    seconds: float = 0.0
    details: list[str] = field(default_factory=list)

    @property
    def clean(self) -> bool:
        return not (self.lost_saves or self.corruptions or self.inconsistencies or self.bad_backups
                    or self.writer_errors)

    def line(self) -> str:
        return (f"crash harness: {self.kills} kills, {self.acked_saves} acked saves, "
                f"{self.lost_saves} lost saves, {self.corruptions} corruptions, "
                f"{self.inconsistencies} inconsistencies, {self.backups_checked} backups checked "
                f"({self.bad_backups} bad), {self.writer_errors} writer errors, {self.seconds:.1f} s")


class Zygote:
    """The warmed-up writer process; see writer.py."""

    def __init__(self, key: bytes, *, ack_early: bool = False) -> None:
        env = dict(os.environ, **{KEY_ENV: key.hex()})
        if ack_early:
            env["SQUADDESK_HARNESS_ACK_EARLY"] = "1"
        self.proc = subprocess.Popen([sys.executable, str(WRITER)], stdin=subprocess.PIPE,
                                     stdout=subprocess.PIPE, env=env, bufsize=0)
        self._buf = b""

    def send(self, line: str) -> None:
        assert self.proc.stdin is not None
        self.proc.stdin.write((line + "\n").encode())
        self.proc.stdin.flush()

    def read_line(self, timeout: float) -> str | None:
        assert self.proc.stdout is not None
        fd = self.proc.stdout.fileno()
        deadline = time.monotonic() + timeout
        while b"\n" not in self._buf:
            left = deadline - time.monotonic()
            if left <= 0 or not select.select([fd], [], [], left)[0]:
                return None
            chunk = os.read(fd, 65536)
            if not chunk:
                raise RuntimeError("writer zygote died")
            self._buf += chunk
        line, self._buf = self._buf.split(b"\n", 1)
        return line.decode()

    def close(self) -> None:
        try:
            self.send("quit")
            self.proc.wait(timeout=10)
        except (BrokenPipeError, subprocess.TimeoutExpired):
            self.proc.kill()
            self.proc.wait()


def prepare(template: Path, folder: Path, key: bytes) -> Path:
    """An encrypted, migrated database with the harness table, in `folder`."""
    from reliability_model import HarnessBase

    folder.mkdir(parents=True, exist_ok=True)
    db = folder / "squaddesk.db"
    shutil.copy2(template, db)
    encrypt_plaintext_database(db, key)
    store = Store.open(db, key=key)
    HarnessBase.metadata.create_all(store.engine)
    store.dispose()
    return db


def kill_once(zygote: Zygote, db: Path, *, seed: int, delay_s: float,
              command: str = "run") -> tuple[list[str], str]:
    """Start one writer child, SIGKILL it after `delay_s`; returns (ACK tokens, exit line).
    With command "restore", `seed` is the backup to restore over and over instead."""
    zygote.send(f"{command} {db} {seed}")
    start = zygote.read_line(10)
    assert start and start.startswith("START"), start
    pid = int(start.split()[1])
    acked: list[str] = []
    deadline = time.monotonic() + delay_s
    while (left := deadline - time.monotonic()) > 0:
        line = zygote.read_line(left)
        if line is None:
            break
        if line.startswith("ACK "):
            acked += line.split()[1:]
        elif line.startswith("RESTORED"):
            acked.append("RESTORED")
        elif line.startswith("EXIT"):
            return acked, line  # the child died by itself: an error in the writer
    os.kill(pid, signal.SIGKILL)
    while True:
        line = zygote.read_line(10)
        assert line is not None, "writer child did not exit after SIGKILL"
        if line.startswith("ACK "):
            acked += line.split()[1:]
        elif line.startswith("RESTORED"):
            acked.append("RESTORED")
        elif line.startswith("EXIT"):
            return acked, line


_STORES: dict[Path, Store] = {}


def _store(db: Path, key: bytes) -> Store:
    """One Store per database for the checks: its compiled SQL is reused, but its connections are
    closed after every check, so each check opens the file afresh as a restarted program would."""
    if db not in _STORES:
        _STORES[db] = Store.open(db, key=key)
    return _STORES[db]


def check(db: Path, key: bytes, acked: dict[tuple[str, str], int], figures: Figures) -> None:
    from reliability_model import Note

    raw = sqlcipher.connect(str(db))
    try:
        raw.execute(f"PRAGMA key = \"x'{key.hex()}'\"")
        result = raw.execute("PRAGMA integrity_check").fetchall()
    finally:
        raw.close()
    if result != [("ok",)]:
        figures.corruptions += 1
        figures.details.append(f"integrity_check: {result[:3]}")
        return
    store = _store(db, key)
    try:
        with store.read() as s:
            from app.security.audit_check import synced_mappers

            models = {m.class_.__tablename__: m.class_ for m in synced_mappers([Note])}
            for (entity, row_id), revision in list(acked.items()):
                row = s.get(models[entity], row_id)
                if row is None or row.revision < revision:
                    figures.lost_saves += 1
                    figures.details.append(f"lost {entity}:{row_id}@{revision}")
                    del acked[(entity, row_id)]  # count each lost save once
            report = verify_chain(s, models=[Note])
            if not report.ok:
                figures.inconsistencies += 1
                figures.details.append(f"chain: {[p.message for p in report.problems[:3]]}")
            audited = set(s.execute(sa_select(AuditEntry.entity, AuditEntry.entity_id, AuditEntry.revision)
                                    .where(AuditEntry.entity == "harness_notes")).all())
            queued = set(s.execute(sa_select(OutboxEntry.entity, OutboxEntry.entity_id,
                                             OutboxEntry.revision)).all())
            if audited != queued:
                figures.inconsistencies += 1
                figures.details.append(f"outbox/audit differ: {len(audited ^ queued)} changes")
    finally:
        store.engine.dispose()
    check_backups(db.parent / "backups", key, figures)


def check_backups(folder: Path, key: bytes, figures: Figures) -> None:
    if not folder.exists():
        return
    for backup in sorted(folder.glob("*.db")):
        conn = sqlcipher.connect(str(backup))
        try:
            conn.execute(f"PRAGMA key = \"x'{key.hex()}'\"")
            ok = conn.execute("PRAGMA integrity_check").fetchall() == [("ok",)]
        except sqlcipher.DatabaseError:
            ok = False
        finally:
            conn.close()
        figures.backups_checked += 1
        if not ok:
            figures.bad_backups += 1
            figures.details.append(f"bad backup {backup.name}")
        backup.rename(backup.with_suffix(".checked"))  # check each once; keeps the folder small


def run(template: Path, workdir: Path, *, kills: int, seed: int, max_delay_s: float = 0.15,
        kills_per_database: int = 50, ack_early: bool = False) -> Figures:
    """Run `kills` kill points; a fresh database every `kills_per_database` keeps checks fast."""
    rng = random.Random(seed)
    key = rng.randbytes(32)
    figures = Figures()
    started = time.monotonic()
    zygote = Zygote(key, ack_early=ack_early)
    try:
        db = None
        acked: dict[tuple[str, str], int] = {}
        for i in range(kills):
            if i % kills_per_database == 0:
                db = prepare(template, workdir / f"db{i // kills_per_database}", key)
                acked = {}
            assert db is not None
            tokens, exit_line = kill_once(zygote, db, seed=rng.randrange(2**31),
                                          delay_s=rng.uniform(0.0, max_delay_s))
            status = int(exit_line.split()[2])
            if not (os.WIFSIGNALED(status) and os.WTERMSIG(status) == signal.SIGKILL):
                figures.writer_errors += 1
                figures.details.append(f"writer exited by itself: {exit_line}")
            figures.kills += 1
            figures.acked_saves += len(tokens)
            for t in tokens:
                entity, row_id, revision = t.split(":")
                acked[(entity, row_id)] = max(acked.get((entity, row_id), 0), int(revision))
            check(db, key, acked, figures)
    finally:
        zygote.close()
        for store in _STORES.values():
            store.dispose()
        _STORES.clear()
    figures.seconds = time.monotonic() - started
    return figures
