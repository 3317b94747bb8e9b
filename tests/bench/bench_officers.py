"""Officer roster at 10,000 people: quick-check lookup latency (goal p95 ≤ 5 ms) and the time to
open the roster (query + model + view painted offscreen), plus the 执法人员 page as a whole.

The roster is bulk-inserted with Core (bypassing the journal, which is not what is measured).
"""

from __future__ import annotations

import os
import random
import sys
import tempfile
import time
from datetime import date, timedelta
from pathlib import Path

os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")
ROOT = Path(__file__).resolve().parents[2]
sys.path.insert(0, str(ROOT))
sys.path.insert(0, str(Path(__file__).resolve().parent))
from _results import median, percentile, record  # noqa: E402

from app.clock import utc_now  # noqa: E402
from app.context import Actor  # noqa: E402
from app.db.engine import make_engine  # noqa: E402
from app.db.migrate import upgrade_to_head  # noqa: E402
from app.db.models.officers import Certificate, Officer  # noqa: E402
from app.db.store import Store  # noqa: E402
from app.domain.identifiers import resident_id_check_char  # noqa: E402
from app.ids import new_id  # noqa: E402
from app.officers.quick_check import quick_check  # noqa: E402
from app.officers.roster_view import roster_rows  # noqa: E402

BENCH = "officers"
OFFICERS = int(os.environ.get("BENCH_OFFICERS", "10000"))
LOOKUPS = int(os.environ.get("BENCH_LOOKUPS", "2000"))
RUNS = int(os.environ.get("BENCH_RUNS", "5"))
TODAY = date(2026, 11, 28)
SQUAD = "00000000-0000-4000-8000-000000000001"
SURNAMES = "王李张刘陈杨黄赵吴周徐孙马朱胡郭何高林罗"
GIVEN = "建国明芳洋磊帆伟龙梅军平红霞强勇杰涛静丽"


def build_store(folder: Path) -> tuple[Store, list[str]]:
    path = folder / "squaddesk.db"
    engine = make_engine(path)
    upgrade_to_head(engine, path, folder / "backups")
    rng = random.Random(7)
    now = utc_now()
    contract = dict(squad_id=SQUAD, revision=1, updated_at=now, updated_by="县局", deleted=False)
    officers, certs, numbers = [], [], []
    for i in range(OFFICERS):
        first17 = f"510184{1960 + i % 40}{1 + i % 12:02d}{1 + i % 28:02d}{i % 1000:03d}"
        oid = new_id()
        officers.append(dict(
            id=oid, name=rng.choice(SURNAMES) + rng.choice(GIVEN) + rng.choice(GIVEN),
            sex="男", id_number=first17 + resident_id_check_char(first17),
            unit=f"县综合行政执法局第{i % 40 + 1}中队", squad="", post="执法队员",
            kind="辅助人员" if i % 10 == 0 else "在编执法人员", photo=None,
            is_legal_reviewer=False, legal_qualification_no=None, is_hearing_presider=False,
            is_active=i % 50 != 0, left_on=None, **contract))
        if i % 10 == 0:
            continue
        until = TODAY + timedelta(days=rng.randint(-200, 1800))
        number = f"5101{i:08d}"
        numbers.append(number)
        certs.append(dict(
            id=new_id(), officer_id=oid, number=number, issuing_authority="四川省人民政府监制",
            fields=["城市管理"], issued_on=until - timedelta(days=1826), valid_until=until,
            status=rng.choice(["有效"] * 20 + ["暂扣", "吊销"]), status_since=None,
            no_reapply_until=None, replaced_by_id=None, replaces_id=None, **contract))
    with engine.begin() as conn:
        conn.execute(Officer.__table__.insert(), officers)
        conn.execute(Certificate.__table__.insert(), certs)
    return Store(engine), numbers


def bench_lookup(store: Store, numbers: list[str]) -> None:
    rng = random.Random(11)
    sample = [rng.choice(numbers) for _ in range(LOOKUPS)]
    times, cpu = [], []
    with store.read() as session:
        for number in sample[:50]:     # warm the statement cache and pages
            quick_check(session, number, today=TODAY, log=False)
        for number in sample:
            start, start_cpu = time.perf_counter(), time.process_time()
            result = quick_check(session, f" {number.lower()} ", today=TODAY, log=False)
            times.append((time.perf_counter() - start) * 1000)
            cpu.append((time.process_time() - start_cpu) * 1000)
            assert result.found
    record(BENCH, f"quick-check lookup p95 ({OFFICERS} officers)", percentile(times, 95), "ms",
           goal="≤ 5 ms", note=f"{LOOKUPS} scanner-style lookups, median {median(times):.2f} ms, "
                               f"load average {os.getloadavg()[0]:.1f}")
    record(BENCH, "quick-check lookup CPU p95", percentile(cpu, 95), "ms",
           note="process CPU time per lookup: the wall-clock tail above is other processes")
    actor = Actor(user="bench", squad_id=SQUAD, device_id="bench", roles=frozenset({"clerk"}))
    logged = []
    for number in sample[:200]:
        start = time.perf_counter()
        with store.write(actor, "officers.quick_check") as session:
            quick_check(session, number, today=TODAY)
        logged.append((time.perf_counter() - start) * 1000)
    record(BENCH, "quick-check with log write p95", percentile(logged, 95), "ms",
           note="own transaction per check, synchronous=FULL commit included")


def bench_roster(store: Store, folder: Path) -> None:
    from PySide6.QtWidgets import QApplication, QHeaderView, QTableView  # noqa: PLC0415

    from app.paths import AppPaths  # noqa: PLC0415
    from app.settings import Preferences  # noqa: PLC0415
    from ui.context import UiContext  # noqa: PLC0415
    from ui.officers.page import OfficersPage  # noqa: PLC0415
    from ui.officers.roster_model import RosterTableModel  # noqa: PLC0415

    app = QApplication.instance() or QApplication([])
    query_ms, view_ms, page_ms, sort_ms = [], [], [], []
    for _ in range(RUNS):
        start = time.perf_counter()
        with store.read() as session:
            rows = roster_rows(session, today=TODAY, window_days=60, training_target=60)
        query_ms.append((time.perf_counter() - start) * 1000)
        model = RosterTableModel()
        view = QTableView()
        view.verticalHeader().setSectionResizeMode(QHeaderView.ResizeMode.Fixed)
        view.verticalHeader().setDefaultSectionSize(26)
        view.resize(1200, 700)
        model.set_rows(rows)
        view.setModel(model)
        view.show()
        view.grab()      # forces a full paint offscreen
        app.processEvents()
        view_ms.append((time.perf_counter() - start) * 1000)
        view.close()
        view.deleteLater()
    assert len(rows) == OFFICERS
    actor = Actor(user="bench", squad_id=SQUAD, device_id="bench", roles=frozenset({"clerk"}))
    ctx = UiContext(paths=AppPaths.in_folder(folder), prefs=Preferences(), store=store,
                    actor=actor)
    for _ in range(RUNS):
        start = time.perf_counter()
        page = OfficersPage(ctx, today=lambda: TODAY)
        page.resize(1280, 760)
        page.show()
        page.grab()
        app.processEvents()
        page_ms.append((time.perf_counter() - start) * 1000)
        start = time.perf_counter()
        page.table.sortByColumn(0, page.table.horizontalHeader().sortIndicatorOrder())
        app.processEvents()
        sort_ms.append((time.perf_counter() - start) * 1000)
        page.close()
        page.deleteLater()
        app.processEvents()
    record(BENCH, f"roster query ({OFFICERS} rows)", median(query_ms), "ms",
           note="SQL status, latest certificate, training hours; median")
    record(BENCH, f"roster view open ({OFFICERS} rows)", median(view_ms), "ms", goal="≤ 1000 ms",
           note="query + model + QTableView painted offscreen; median")
    record(BENCH, f"officers page open ({OFFICERS} rows)", median(page_ms), "ms",
           note="whole 执法人员 page incl. summary; median")
    record(BENCH, f"roster re-sort by header ({OFFICERS} rows)", median(sort_ms), "ms",
           note="SQL ORDER BY and model reset; median")


def main() -> None:
    with tempfile.TemporaryDirectory() as tmp:
        folder = Path(tmp)
        store, numbers = build_store(folder)
        try:
            bench_lookup(store, numbers)
            bench_roster(store, folder)
        finally:
            store.dispose()


if __name__ == "__main__":
    main()
