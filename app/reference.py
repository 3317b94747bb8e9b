"""County reference data on this PC: the appliers that take each kind from a pull, and the readers
the rest of the app uses (the discretion benchmarks, the working-day calendar).

Every publication is kept as it came (Meta key "reference:<kind>", with its version), so nothing
the county sent is lost even for a kind this build only stores (templates, seal specification).
"""

from __future__ import annotations

import json
from collections.abc import Sequence
from datetime import date
from typing import Any

from sqlalchemy.orm import Session

from app.db.models.core import Meta
from app.domain.benchmarks import Benchmark, load_benchmarks
from app.domain.workdays import WorkCalendar
from app.errors import Invalid

PREFIX = "reference:"
BENCHMARK_KINDS = ("power_list", "benchmarks")


def save_raw(session: Session, kind: str, payload: Any, version: int) -> None:
    row = session.get(Meta, PREFIX + kind) or Meta(key=PREFIX + kind, value="")
    row.value = json.dumps({"version": version, "payload": payload}, ensure_ascii=False)
    session.add(row)


def raw(session: Session, kind: str) -> tuple[Any, int] | None:
    row = session.get(Meta, PREFIX + kind)
    if row is None:
        return None
    data = json.loads(row.value)
    return data["payload"], int(data["version"])


def _as_text(payload: Any) -> str:
    return payload if isinstance(payload, str) else json.dumps(payload, ensure_ascii=False)


def apply_benchmarks(session: Session, payload: Any, version: int) -> None:
    """The power list and discretion benchmarks: validated by the domain loader, then stored."""
    from app.cases.reference import load_reference  # noqa: PLC0415

    load_reference(session, _as_text(payload))
    save_raw(session, "benchmarks", payload, version)


def parse_holidays(payload: Any) -> tuple[dict[date, bool], tuple[int, ...]]:
    """{"overrides": {"2027-01-01": false, "2027-02-07": true, …}, "published_years": [2027]}."""
    if isinstance(payload, str):
        payload = json.loads(payload)
    if not isinstance(payload, dict) or not isinstance(payload.get("overrides", {}), dict):
        raise Invalid("县局下发的节假日安排格式不正确：应包含 overrides（日期→是否上班）。")
    overrides: dict[date, bool] = {}
    for day, working in payload.get("overrides", {}).items():
        try:
            overrides[date.fromisoformat(day)] = bool(working)
        except (TypeError, ValueError) as exc:
            raise Invalid(f"县局下发的节假日安排中日期“{day}”无效。") from exc
    years = tuple(int(y) for y in payload.get("published_years", []))
    return overrides, years


def apply_holidays(session: Session, payload: Any, version: int) -> None:
    parse_holidays(payload)  # refuse a bad table before it replaces a good one
    save_raw(session, "holidays", payload, version)


def keep_as_published(kind: str):  # noqa: ANN201
    def apply(session: Session, payload: Any, version: int) -> None:
        save_raw(session, kind, payload, version)
    return apply


def register_appliers(prefs) -> None:  # noqa: ANN001 - app.settings.Preferences
    """Every reference kind has an applier (process-wide; idempotent)."""
    from app.officers.sync_apply import register_appliers as register_roster  # noqa: PLC0415
    from app.officers.sync_apply import roster_applier  # noqa: PLC0415
    from app.sync.reference import register  # noqa: PLC0415

    register_roster(prefs)
    register("certificates", roster_applier(prefs))  # certificates travel as roster rows
    for kind in BENCHMARK_KINDS:
        register(kind, apply_benchmarks)
    register("holidays", apply_holidays)
    register("templates", keep_as_published("templates"))
    register("seal_spec", keep_as_published("seal_spec"))


def work_calendar(session: Session) -> WorkCalendar:
    stored = raw(session, "holidays")
    if stored is None:
        return WorkCalendar()
    overrides, years = parse_holidays(stored[0])
    return WorkCalendar(overrides, published_years=years)


def benchmarks(session: Session) -> tuple[Benchmark, ...]:
    stored = raw(session, "benchmarks")
    return tuple(load_benchmarks(_as_text(stored[0]))) if stored else ()


class LazyBenchmarks(Sequence):
    """The county's benchmarks, parsed on first use: validating ~40 items costs ~0.1 s, which
    the case page should not pay before it first paints."""

    def __init__(self, store) -> None:  # noqa: ANN001 - Store
        self._store = store
        self._items: tuple[Benchmark, ...] | None = None

    def _loaded(self) -> tuple[Benchmark, ...]:
        if self._items is None:
            with self._store.read() as session:
                self._items = benchmarks(session)
        return self._items

    def __getitem__(self, index):  # noqa: ANN001, ANN204
        return self._loaded()[index]

    def __len__(self) -> int:
        return len(self._loaded())


def case_env_for(store, paths, prefs):  # noqa: ANN001, ANN201 - Store, AppPaths, Preferences
    """The CaseEnv of this data folder: the county's calendar and benchmarks, and its numbering."""
    from app.cases.env import CaseEnv  # noqa: PLC0415
    from app.cases.numbers import squad_block_source  # noqa: PLC0415

    with store.read() as session:
        calendar = work_calendar(session)
    return CaseEnv(prefs=prefs, calendar=calendar, benchmarks=LazyBenchmarks(store),
                   block_source=squad_block_source(paths, store))
