"""Case files at 100,000 cases: search latency (2-, 3-, 6-character queries, beside a plain LIKE
scan in the same run), opening and scrolling the case list offscreen, and saving a case.

Goals: search p95 ≤ 20 ms and never empty when a match exists; list open ≤ 100 ms; ≤ 16 ms per
scrolled frame; case save p95 reported. The store is generated with
`app.cases.bench_data.make_bulk_cases` (Core bulk inserts, the triggers of migration 0005 build
the list projection and the trigram index as in use).
"""

from __future__ import annotations

import os
import random
import sys
import tempfile
import time
from datetime import date
from pathlib import Path

os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")
ROOT = Path(__file__).resolve().parents[2]
sys.path.insert(0, str(ROOT))
sys.path.insert(0, str(Path(__file__).resolve().parent))
from _results import median, percentile, record  # noqa: E402

from sqlalchemy import text  # noqa: E402

from app.cases import lifecycle  # noqa: E402
from app.cases.bench_data import make_bulk_cases  # noqa: E402
from app.cases.env import CaseEnv, two_distinct_officers  # noqa: E402
from app.cases.listing import refresh_due  # noqa: E402
from app.cases.parties import add_party  # noqa: E402
from app.cases.search import PAGE_SIZE, CaseQuery, plan_text, search_cases  # noqa: E402
from app.context import Actor  # noqa: E402
from app.db.engine import make_engine  # noqa: E402
from app.db.migrate import upgrade_to_head  # noqa: E402
from app.db.store import Store  # noqa: E402

BENCH = "cases"
CASES = int(os.environ.get("BENCH_CASES", "100000"))
QUERIES = int(os.environ.get("BENCH_QUERIES", "200"))
SAVES = int(os.environ.get("BENCH_SAVES", "200"))
TODAY = date(2026, 11, 28)
SQUAD = "00000000-0000-4000-8000-000000000001"
ACTOR = Actor(user="内勤", squad_id=SQUAD, device_id="00000000-0000-4000-8000-0000000000d1",
              roles=frozenset({"clerk", "officer", "leader", "reviewer", "admin"}))


def build_store(folder: Path) -> Store:
    path = folder / "squaddesk.db"
    engine = make_engine(path)
    upgrade_to_head(engine, path, folder / "backups")
    engine.dispose()
    store = Store.open(path)
    t0 = time.perf_counter()
    make_bulk_cases(store, CASES, squad_id=SQUAD, today=TODAY)
    seconds = time.perf_counter() - t0
    record(BENCH, f"generate {CASES} cases (bulk insert + triggers)", seconds, "s")
    print(f"prepared {CASES} cases in {seconds:.1f} s, {path.stat().st_size / 2**20:.0f} MiB")
    return store


def sample_queries(store: Store, size: int, count: int, rng: random.Random) -> list[str]:
    """Substrings of real cases' numbers, party names, addresses and facts: each has a match."""
    with store.read() as s:
        docs = s.execute(text("SELECT doc FROM case_search_fts_doc ORDER BY random() LIMIT :n"),
                         {"n": count * 3}).scalars().all()
    out: list[str] = []
    for doc in docs:
        parts = [p.strip() for p in doc.replace("\x1f", "\n").split("\n")]
        parts = [w for p in parts for w in p.split(" ") if len(w) >= size]
        if not parts:
            continue
        source = rng.choice(parts)
        start = rng.randrange(len(source) - size + 1)
        out.append(source[start:start + size])
        if len(out) == count:
            break
    return out


def bench_search(store: Store, rng: random.Random) -> None:
    like_sql = text("SELECT id FROM case_search_fts_doc WHERE deleted = 0 AND doc LIKE :q "
                    "ORDER BY registered_on DESC, id DESC LIMIT :n")
    for size in (1, 2, 3, 6):
        queries = sample_queries(store, size, QUERIES, rng)
        ours, plain, empty, plans = [], [], 0, {}
        with store.read() as s:
            for q in queries:
                t0 = time.perf_counter()
                rows = search_cases(s, CaseQuery(text=q), today=TODAY, limit=PAGE_SIZE)
                ours.append((time.perf_counter() - t0) * 1000)
                empty += not rows
                kind = plan_text(s, q).kind
                plans[kind] = plans.get(kind, 0) + 1
                t0 = time.perf_counter()
                s.execute(like_sql, {"q": f"%{q}%", "n": PAGE_SIZE}).all()
                plain.append((time.perf_counter() - t0) * 1000)
        how = ", ".join(f"{k} {v}" for k, v in sorted(plans.items()))
        record(BENCH, f"search {size}-char p95, {CASES} cases", percentile(ours, 95), "ms",
               goal="≤ 20 ms" if size > 1 else "", note=f"{len(queries)} queries; plans: {how}")
        record(BENCH, f"search {size}-char median, {CASES} cases", median(ours), "ms")
        record(BENCH, f"plain LIKE scan {size}-char p95, {CASES} cases", percentile(plain, 95), "ms",
               note="same queries, same page, for comparison")
        record(BENCH, f"search {size}-char empty results (a match exists)", empty, "queries",
               goal="0")
    with store.read() as s:  # the two-character name everybody asks about
        times = []
        for _ in range(50):
            t0 = time.perf_counter()
            rows = search_cases(s, CaseQuery(text="王伟"), today=TODAY, limit=PAGE_SIZE)
            times.append((time.perf_counter() - t0) * 1000)
    record(BENCH, f"search 王伟 p95, {CASES} cases", percentile(times, 95), "ms", goal="≤ 20 ms",
           note=f"{len(rows)} rows on the first page")


def bench_list(store: Store) -> None:
    from PySide6.QtWidgets import QApplication, QHeaderView, QTableView  # noqa: PLC0415

    from ui.cases.case_table_model import CaseTableModel, store_fetcher  # noqa: PLC0415

    app = QApplication.instance() or QApplication([])
    opens = []
    for _ in range(15):
        t0 = time.perf_counter()
        model = CaseTableModel(store_fetcher(store, lambda: TODAY))
        table = QTableView()
        table.verticalHeader().setSectionResizeMode(QHeaderView.ResizeMode.Fixed)
        table.verticalHeader().setDefaultSectionSize(24)
        table.setModel(model)
        table.resize(900, 640)
        model.set_query(CaseQuery())
        table.show()
        table.viewport().repaint()
        opens.append((time.perf_counter() - t0) * 1000)
        table.close()
        table.deleteLater()
        app.processEvents()
    record(BENCH, f"case list open, {CASES} cases (median)", median(opens), "ms", goal="≤ 100 ms")
    record(BENCH, f"case list open, {CASES} cases (p95)", percentile(opens, 95), "ms", goal="≤ 100 ms")

    model = CaseTableModel(store_fetcher(store, lambda: TODAY))
    table = QTableView()
    table.verticalHeader().setSectionResizeMode(QHeaderView.ResizeMode.Fixed)
    table.verticalHeader().setDefaultSectionSize(24)
    table.setModel(model)
    table.resize(900, 640)
    model.set_query(CaseQuery())
    table.show()
    table.viewport().repaint()
    bar = table.verticalScrollBar()
    table.setWordWrap(False)
    frames, steps = [], []
    for _ in range(100_000):
        t0 = time.perf_counter()
        bar.setValue(bar.value() + bar.pageStep())   # page down; fetches the next page at the end
        app.processEvents()                          # the view's delayed layout and its paint
        t1 = time.perf_counter()
        table.viewport().repaint()                   # one full repaint of the visible rows
        t2 = time.perf_counter()
        frames.append((t2 - t1) * 1000)
        steps.append((t2 - t0) * 1000)
        if bar.value() >= bar.maximum() and not model.canFetchMore():
            break
    record(BENCH, f"case list scroll repaint p95, {model.rowCount()} rows", percentile(frames, 95),
           "ms", goal="≤ 16 ms", note=f"{len(frames)} page-down frames, viewport().repaint() timed")
    record(BENCH, f"case list scroll step p95 (scroll + events + repaint), {model.rowCount()} rows",
           percentile(steps, 95), "ms", note="includes fetching the next 200-row page at the end")
    record(BENCH, f"case list scroll step max, {model.rowCount()} rows", max(steps), "ms")
    # Sorted by deadline, then paging down: the index keeps it as cheap.
    model.sort(4)
    t0 = time.perf_counter()
    table.viewport().repaint()
    record(BENCH, f"case list re-sort by 下一期限, {CASES} cases",
           (time.perf_counter() - t0) * 1000, "ms")
    # By 案号: a natural key (prefix, year, serial as a number) no index holds; see app.cases.search.
    # Timed from the click: the query and the repaint.
    t0 = time.perf_counter()
    model.sort(0)
    table.viewport().repaint()
    record(BENCH, f"case list re-sort by 案号 (query + repaint), {CASES} cases",
           (time.perf_counter() - t0) * 1000, "ms")


def bench_save(store: Store) -> None:
    env = CaseEnv(eligibility=two_distinct_officers, today=TODAY)
    with store.read() as s:
        ids = s.execute(text("SELECT case_id FROM case_search_fts_doc WHERE stage = 'investigating' "
                             "LIMIT :n"), {"n": SAVES}).scalars().all()
    edits, leads = [], []
    for i, case_id in enumerate(ids):
        t0 = time.perf_counter()
        with store.write(ACTOR, "case.update", summary="编辑案情") as s:
            lifecycle.update_case(s, ACTOR, case_id, env=env, facts=f"经复查，补充事实第{i}次。")
            s.flush()
            refresh_due(s, env=env, case_ids=[case_id])
        edits.append((time.perf_counter() - t0) * 1000)
    for i in range(min(SAVES, 100)):
        t0 = time.perf_counter()
        with store.write(ACTOR, "case.register_lead", summary="登记案源") as s:
            lead = lifecycle.register_lead(s, ACTOR, env=env, source="巡查发现", discovered_on=TODAY,
                                           violation_name="未经批准擅自占道经营", facts="在蜀州路占道经营")
            add_party(s, ACTOR, lead.id, kind="person", name=f"测试{i}")
            s.flush()
            refresh_due(s, env=env, case_ids=[lead.id])
        leads.append((time.perf_counter() - t0) * 1000)
    record(BENCH, f"case save (edit facts + reindex + deadline) p95, {CASES} cases",
           percentile(edits, 95), "ms", note=f"{len(edits)} saves, synchronous=FULL")
    record(BENCH, f"register lead + party p95, {CASES} cases", percentile(leads, 95), "ms",
           note=f"{len(leads)} saves")


def main() -> None:
    """BENCH_DB=folder keeps the generated store there and reuses it on the next run."""
    rng = random.Random(11)
    keep = os.environ.get("BENCH_DB")
    with tempfile.TemporaryDirectory() as tmp:
        folder = Path(keep) if keep else Path(tmp)
        folder.mkdir(parents=True, exist_ok=True)
        if (folder / "squaddesk.db").exists():
            store = Store.open(folder / "squaddesk.db")
        else:
            store = build_store(folder)
        bench_search(store, rng)
        bench_list(store)
        if not keep:
            bench_save(store)   # saves change the store; a kept one stays as generated
        store.dispose()


if __name__ == "__main__":
    main()
