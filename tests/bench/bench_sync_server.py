"""County server throughput and wire size: push then pull 10,000 case records over loopback HTTP
to a real `squaddesk-server serve` process on PostgreSQL (goal ≥ 1,000 records/s each way), and
the bytes on the wire per case record in push batches (goal ≤ 150 B).

The operations are the real thing: Case rows written through the client's Store, so the journal
makes the outbox entries, turned into protocol Operations and batched exactly as the township's
pusher does (app.sync.push.split_batches, SyncClient.encode: JSON + gzip, ≤ 256 KB). Plain HTTP on
loopback measures the server, not TLS; PostgreSQL comes from tests/server/server_pg.py.
"""

from __future__ import annotations

import gzip
import json
import os
import random
import socket
import subprocess
import sys
import tempfile
import time
import uuid
from datetime import date
from pathlib import Path

import requests

ROOT = Path(__file__).resolve().parents[2]
sys.path.insert(0, str(Path(__file__).resolve().parent))
sys.path.insert(0, str(ROOT / "tests" / "server"))
sys.path.insert(0, str(ROOT))
from _results import record  # noqa: E402
import server_pg  # noqa: E402

from app.context import Actor  # noqa: E402
from app.db.engine import make_engine as make_client_engine  # noqa: E402
from app.db.migrate import upgrade_to_head  # noqa: E402
from app.db.models.cases import Case  # noqa: E402
from app.db.models.core import OutboxEntry  # noqa: E402
from app.db.store import Store  # noqa: E402
from app.server import accounts  # noqa: E402
from app.server.db import make_engine, make_sessions, migrate  # noqa: E402
from app.sync import protocol as p  # noqa: E402
from app.sync.client import SyncClient  # noqa: E402
from app.sync.push import split_batches, to_operation  # noqa: E402

RECORDS = int(os.environ.get("BENCH_RECORDS", "10000"))
BENCH = "sync_server"
PLACES = ["东街", "西街", "南门路", "北环路", "滨河路", "工业园区", "新村", "老街"]
VIOLATIONS = [("A001", "擅自占用城市道路"), ("B014", "违法建设"), ("C203", "乱倒建筑垃圾"),
              ("D117", "未经批准设置户外广告"), ("E020", "露天焚烧垃圾")]


def _free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


def cpu_seconds(pid: int) -> float:
    """User + system CPU time of a process (Linux /proc), to tell server cost from machine load."""
    fields = Path(f"/proc/{pid}/stat").read_text().rsplit(")", 1)[1].split()
    return (int(fields[11]) + int(fields[12])) / os.sysconf("SC_CLK_TCK")


def make_operations(folder: Path, squad_id: str, device_id: str) -> list[p.Operation]:
    """10,000 registered leads as a clerk would enter them, through the real journal."""
    path = folder / "client.db"
    engine = make_client_engine(path)
    upgrade_to_head(engine, path, folder / "backups")
    engine.dispose()
    store = Store.open(path)
    actor = Actor(user="clerk", squad_id=squad_id, device_id=device_id, roles=frozenset({"clerk"}))
    rng = random.Random(7)
    officers = [str(uuid.uuid4()) for _ in range(6)]
    for start in range(0, RECORDS, 1000):
        with store.write(actor, "case.register") as session:
            for n in range(start, min(RECORDS, start + 1000)):
                code, name = rng.choice(VIOLATIONS)
                place = f"{rng.choice(PLACES)}{rng.randint(1, 300)}号"
                session.add(Case(
                    lead_number=f"2026-{n + 1:05d}", title=f"{place}{name}", stage="lead",
                    source=rng.choice(["巡查发现", "投诉举报"]), violation_code=code,
                    violation_name=name, violation_place=place,
                    discovered_on=date(2026, rng.randint(1, 11), rng.randint(1, 28)),
                    officer_ids=rng.sample(officers, 2),
                    facts=f"巡查发现当事人在{place}{name}。",
                ))
    with store.read() as session:
        entries = session.query(OutboxEntry).order_by(OutboxEntry.seq).all()
        ops = [to_operation(e, device_id) for e in entries]
    store.dispose()
    return ops


def main() -> None:
    db = server_pg.create_database("squaddesk_bench")
    proc = None
    try:
        engine = make_engine(db.url)
        migrate(engine)
        with make_sessions(engine).begin() as s:
            squad_id = accounts.create_squad(s, "基准中队").id
            code = accounts.make_enrollment_code(s, squad_id)
        port = _free_port()
        proc = subprocess.Popen(
            [sys.executable, "-m", "app.server.cli", "serve", "--host", "127.0.0.1", "--port", str(port),
             "--log-level", "warning"],
            env={**os.environ, "SQUADDESK_SERVER_DB": db.url, "PYTHONPATH": str(ROOT)},
            stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
        base = f"http://127.0.0.1:{port}"
        for _ in range(150):
            try:
                requests.get(base + "/info", timeout=1)
                break
            except requests.ConnectionError:
                time.sleep(0.2)
        http = requests.Session()
        http.trust_env = False
        enrolled = http.post(base + "/enroll", json={"code": code, "device_name": "bench",
                                                      "client_version": "0.1.0"}).json()
        token = http.post(base + "/token", json={"device_id": enrolled["device_id"],
                                                  "device_secret": enrolled["device_secret"],
                                                  "client_version": "0.1.0"}).json()["access_token"]
        auth = {"Authorization": f"Bearer {token}"}

        with tempfile.TemporaryDirectory() as tmp:
            ops = make_operations(Path(tmp), squad_id, enrolled["device_id"])
        batches = split_batches(ops, SyncClient.encode)
        bodies = [SyncClient.encode(p.PushRequest(operations=b)) for b in batches]

        cpu_before = cpu_seconds(proc.pid)
        started = time.perf_counter()
        applied = 0
        for body in bodies:
            r = http.post(base + "/push", data=body, headers={
                **auth, "Content-Type": "application/json", "Content-Encoding": "gzip"})
            r.raise_for_status()
            applied += sum(x["status"] == "applied" for x in r.json()["results"])
        push_s = time.perf_counter() - started
        push_cpu = cpu_seconds(proc.pid) - cpu_before
        assert applied == len(ops), (applied, len(ops))

        cpu_before = cpu_seconds(proc.pid)
        started = time.perf_counter()
        cursor, pulled, pull_bytes = 0, 0, 0
        while True:
            r = http.post(base + "/pull", json={"cursor": cursor, "limit": p.PULL_PAGE_MAX},
                          headers={**auth, "Accept-Encoding": "gzip"}, stream=True)
            raw = r.raw.read(decode_content=False)
            pull_bytes += len(raw)
            page = json.loads(gzip.decompress(raw) if r.headers.get("content-encoding") == "gzip" else raw)
            pulled += sum(c["entity"] == "cases" for c in page["changes"])
            cursor = page["next_cursor"]
            if not page["has_more"]:
                break
        pull_s = time.perf_counter() - started
        pull_cpu = cpu_seconds(proc.pid) - cpu_before
        assert pulled == len(ops)

        # A typical later edit: the case moves on a stage (one changed column per op).
        updates = [p.Operation(
            op_id=str(uuid.uuid4()), entity="cases", entity_id=o.entity_id, op="update",
            base_revision=1, revision=2, fields={"stage": "filed", "filed_on": "2026-11-20"},
            base={"stage": "lead", "filed_on": None}, created_at=o.created_at, created_by="clerk",
            device_id=o.device_id) for o in ops]
        upd_bytes = sum(len(SyncClient.encode(p.PushRequest(operations=b)))
                        for b in split_batches(updates, SyncClient.encode))

        wire = sum(len(b) for b in bodies)
        n = len(ops)
        load = Path("/proc/loadavg").read_text().split()[0]
        note = (f"{n} cases, {len(bodies)} batches, loopback HTTP, PostgreSQL 15, gzip bodies; "
                f"load average {load} at the end")
        record(BENCH, "push_records_per_s", n / push_s, "rec/s", goal="≥ 1000", note=note)
        record(BENCH, "pull_records_per_s", n / pull_s, "rec/s", goal="≥ 1000", note=note)
        record(BENCH, "push_server_cpu_ms_per_record", push_cpu * 1000 / n, "ms",
               note="CPU of the server process only (PostgreSQL not included)")
        record(BENCH, "pull_server_cpu_ms_per_record", pull_cpu * 1000 / n, "ms",
               note="CPU of the server process only (PostgreSQL not included)")
        record(BENCH, "push_bytes_per_case_insert", wire / n, "B", goal="≤ 150",
               note="gzip request body per new case (all ~70 columns, as the journal sends them)")
        record(BENCH, "push_bytes_per_case_update", upd_bytes / n, "B", goal="≤ 150",
               note="gzip request body per stage-change op")
        record(BENCH, "pull_bytes_per_case", pull_bytes / n, "B", goal="≤ 150",
               note="gzip response body per case pulled (full row)")
    finally:
        if proc is not None:
            proc.terminate()
            try:
                proc.wait(timeout=20)
            except subprocess.TimeoutExpired:
                proc.kill()
        server_pg.drop_database(db)


if __name__ == "__main__":
    main()
