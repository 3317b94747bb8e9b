"""Sync over a rural link, against the real county server process (uvicorn over TLS, SQLite):

1. bytes on the wire per case record in push batches (compressed request body / records), for a
   day's edits of existing cases and for new cases — goal ≤ 150 B;
2. a daily sync of 200 changed records through the fault proxy capped at 40 kbit/s with 700 ms
   round trip: enrollment done, then push + pull — goal ≤ 20 s;
3. a 5 MB evidence upload cut three times mid-transfer, each cut ending the sync and the next
   sync resuming from the chunks the server holds: total time and bytes sent again.

The server developer's bench (bench_sync_server.py) measures 10,000-record push+pull on
PostgreSQL.
"""

from __future__ import annotations

import hashlib
import random
import sys
import tempfile
import time
from datetime import date, timedelta
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]
sys.path.insert(0, str(Path(__file__).resolve().parent))
sys.path.insert(0, str(ROOT / "tests" / "sync"))
sys.path.insert(0, str(ROOT))
from _results import record  # noqa: E402

from sqlalchemy import select  # noqa: E402

from app.context import Actor  # noqa: E402
from app.db.engine import make_engine  # noqa: E402
from app.db.migrate import upgrade_to_head  # noqa: E402
from app.db.models.cases import Case  # noqa: E402
from app.db.models.core import OutboxEntry  # noqa: E402
from app.db.store import Store  # noqa: E402
from app.errors import SyncFailed  # noqa: E402
from app.server import accounts  # noqa: E402
from app.server.db import make_engine as server_engine  # noqa: E402
from app.server.db import make_sessions  # noqa: E402
from app.sync import evidence  # noqa: E402
from app.sync import protocol as p  # noqa: E402
from app.sync.client import SyncClient  # noqa: E402
from app.sync.engine import SyncEngine, enrollment  # noqa: E402
from app.sync.enroll import enroll  # noqa: E402
from app.sync.push import split_batches, to_operation  # noqa: E402
from fault_proxy import FaultProxy, Profile  # noqa: E402
from realserver import start_server  # noqa: E402

BENCH = "sync"
RECORDS = 200
PLACES = ["怀远镇正街", "怀远镇新街口", "三郎村二组", "怀远镇农贸市场", "青霞街道", "元通镇滨河路"]
VIOLATIONS = [("CG-001", "擅自占用城市道路"), ("CG-014", "违规设置户外广告"),
              ("HJ-007", "露天焚烧垃圾"), ("JZ-022", "未经许可临时建设")]


class Town:
    def __init__(self, folder: Path, server, code: str) -> None:  # noqa: ANN001
        path = folder / "town.db"
        engine = make_engine(path)
        upgrade_to_head(engine, path, folder / "backups")
        self.store = Store(engine)
        self.secrets: dict[str, str] = {}
        self.server = server
        self.proxy: FaultProxy | None = None
        done = enroll(server.url, code, server.ca, self.store, device_name="内勤电脑",
                      set_secret=self.secrets.__setitem__)
        self.actor = Actor(user="内勤", squad_id=done.squad_id, device_id=done.device_id)
        self.clients: list[SyncClient] = []
        self.retries = 6

    @property
    def url(self) -> str:
        return f"https://127.0.0.1:{self.proxy.port}" if self.proxy else self.server.url

    def client(self, enrolled) -> SyncClient:  # noqa: ANN001
        c = SyncClient(self.url, ca_path=self.server.ca, device_id=enrolled.device_id,
                       secret=lambda: self.secrets["sync.device_secret"], timeout=(10, 30),
                       retries=self.retries, backoff_s=0.2)
        self.clients.append(c)
        return c

    def engine(self) -> SyncEngine:
        return SyncEngine(self.store, client_factory=self.client)


def new_cases(town: Town, n: int, rng: random.Random) -> list[str]:
    ids = []
    with town.store.write(town.actor, "bench.cases") as session:
        for i in range(n):
            code, name = rng.choice(VIOLATIONS)
            day = date(2026, 11, 1) + timedelta(days=rng.randint(0, 25))
            case = Case(title=f"{rng.choice(['张', '李', '王', '刘'])}某{name}案", violation_code=code,
                        violation_name=name, violation_place=rng.choice(PLACES),
                        violation_date=day, discovered_on=day, source="巡查发现",
                        lead_number=f"怀远案源〔2026〕{1000 + i}号",
                        facts=f"{day.month}月{day.day}日巡查发现当事人在{rng.choice(PLACES)}{name}，现场拍照取证。",
                        officer_ids=[town.actor.device_id[:8], "王五"])
            session.add(case)
            session.flush()
            ids.append(case.id)
    return ids


def edit_cases(town: Town, ids: list[str], rng: random.Random) -> None:
    """A day's work: each case moves a stage, gets a date and a note."""
    for case_id in ids:
        with town.store.write(town.actor, "bench.edit") as session:
            case = session.get(Case, case_id)
            case.stage = rng.choice(["filed", "investigation", "notice"])
            case.filed_on = date(2026, 11, 27)
            case.fine_fen = rng.choice([20000, 50000, 100000])


def wire_bytes_per_record(town: Town, enrolled) -> float:  # noqa: ANN001
    with town.store.read() as session:
        entries = session.scalars(select(OutboxEntry).where(OutboxEntry.state == "pending")
                                  .order_by(OutboxEntry.seq)).all()
        ops = [to_operation(e, enrolled.device_id) for e in entries]
    total = sum(len(SyncClient.encode(p.PushRequest(operations=b)))
                for b in split_batches(ops, SyncClient.encode))
    return total / max(1, len(ops))


def bench_bytes_and_daily_sync(server, folder: Path, sessions, squad_id: str) -> None:  # noqa: ANN001
    rng = random.Random(7)
    with sessions.begin() as session:
        code = accounts.make_enrollment_code(session, squad_id)
    (folder / "a").mkdir()
    town = Town(folder / "a", server, code)
    enrolled = enrollment(town.store)
    ids = new_cases(town, RECORDS, rng)
    inserts = wire_bytes_per_record(town, enrolled)
    record(BENCH, "wire bytes per new case record", inserts, "B", goal="≤ 150 B",
           note="insert ops (all columns) in gzip push batches")
    town.engine().run()
    edit_cases(town, ids, rng)
    updates = wire_bytes_per_record(town, enrolled)
    record(BENCH, "wire bytes per edited case record", updates, "B", goal="≤ 150 B",
           note="a day's edits (stage, date, fine) in gzip push batches")

    with FaultProxy(("127.0.0.1", server.port), Profile(rtt_s=0.7, rate_bps=40_000 / 8)) as proxy:
        town.proxy = proxy
        started = time.monotonic()
        report = town.engine().run(evidence=False)
        elapsed = time.monotonic() - started
    assert report.push.sent == RECORDS, report.push
    record(BENCH, "daily sync 200 records @40kbit/s 700ms RTT", elapsed, "s", goal="≤ 20 s",
           note=f"info+token+push+pull, {proxy.stats.bytes_up} B up, {proxy.stats.bytes_down} B down "
                f"(TLS included), {proxy.stats.connections} connection(s)")


def bench_evidence(server, folder: Path, sessions, squad_id: str) -> None:  # noqa: ANN001
    with sessions.begin() as session:
        code = accounts.make_enrollment_code(session, squad_id)
    (folder / "b").mkdir()
    town = Town(folder / "b", server, code)
    data = random.Random(5).randbytes(5 * 1024 * 1024)
    sha = hashlib.sha256(data).hexdigest()
    item = evidence.EvidenceFile(sha, len(data), lambda o, n: data[o:o + n], "video/mp4")
    enrolled = enrollment(town.store)
    sent = 0
    runs = 0
    with FaultProxy(("127.0.0.1", server.port), Profile(rtt_s=0.05, rate_bps=2_000_000)) as proxy:
        # Each cut falls mid-chunk; the sync ends, and the next one asks what the server holds.
        proxy.cut_plan = [1_300_000, 1_700_000, 900_000]
        town.proxy = proxy
        town.retries = 0
        started = time.monotonic()
        while True:
            runs += 1
            with town.client(enrolled) as client:
                uploader = evidence.Uploader(client, town.store, [lambda s: [item]])
                report = evidence.EvidenceReport()
                try:
                    client.login()
                    done = uploader.upload(item, report)
                except SyncFailed:
                    done = False
                sent += report.bytes_sent
            if done or runs > 10:
                break
        elapsed = time.monotonic() - started
    with town.store.read() as session:
        assert evidence.is_uploaded(session, sha)
    record(BENCH, "5 MB evidence, 3 cuts: total time", elapsed, "s",
           note=f"{runs} syncs over a 2 MB/s link, 50 ms RTT; resumed from the server's chunk list")
    again = proxy.stats.bytes_up - len(data)
    record(BENCH, "5 MB evidence, 3 cuts: bytes sent again", again, "B",
           note=f"bytes up the link beyond the file size (cut chunks, TLS, HTTP; {len(data)} B file);"
                f" completed chunks sent once: {sent - len(data)} B extra")


def main() -> int:
    with tempfile.TemporaryDirectory(prefix="squaddesk-bench-sync-") as tmp:
        folder = Path(tmp)
        with start_server(folder) as server:
            engine = server_engine(server.db_url)
            sessions = make_sessions(engine)
            with sessions.begin() as session:
                squad_id = accounts.create_squad(session, "怀远中队").id
            bench_bytes_and_daily_sync(server, folder, sessions, squad_id)
            bench_evidence(server, folder, sessions, squad_id)
            engine.dispose()
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
