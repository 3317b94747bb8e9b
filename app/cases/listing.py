"""Keeping the case list's deadline columns current, and the dashboard's lists.

Due dates are derived (app.cases.clocks over the working-day calendar), never stored as facts. The
list still has to filter and sort 100k cases by "下一期限" in SQL, so the projection
`case_search_fts_doc` caches, per case, the earliest running clock: `next_due`, `warn_on` (the
first day it counts as 即将到期) and its label. Triggers mark a row `due_stale` whenever the case
or a clock-relevant child row changes (locally or through sync); `refresh_due` recomputes the stale
rows. Severity itself is decided at query time from `today`, so the cache does not age overnight.
Call `mark_all_stale` when the calendar or the deadline settings change.

Writes only the projection (local, derived, not journaled): run it inside a `store.write` block on
the database thread, like any other write.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from datetime import date, datetime, timedelta, timezone

from sqlalchemy import text
from sqlalchemy.orm import Session

from app.cases.clocks import clocks_of
from app.cases.env import CaseEnv
from app.db.models.case_search import NO_DUE
from app.db.models.cases import Case
from app.domain.deadlines import Clock
from app.domain.workdays import WorkCalendar


@dataclass(frozen=True)
class NextDue:
    due: date
    warn_on: date
    label: str


def warn_on(clock: Clock, calendar: WorkCalendar) -> date:
    """The first day on which `deadlines.severity` calls this clock 'due_soon'."""
    if clock.warn_unit == "calendar":
        return clock.due - timedelta(days=clock.warn_within)
    day = clock.due
    # Step back while the distance to the due day stays within the horizon (a handful of days).
    while calendar.workdays_between(day - timedelta(days=1), clock.due) <= clock.warn_within:
        day -= timedelta(days=1)
    return day


def next_due_of(clocks: list[Clock], calendar: WorkCalendar) -> NextDue | None:
    """The most urgent clock still running (not met, not paused), or None."""
    open_clocks = [c for c in clocks if c.done_on is None and c.status in ("running", "overdue")]
    if not open_clocks:
        return None
    clock = min(open_clocks, key=lambda c: c.due)
    return NextDue(clock.due, warn_on(clock, calendar), clock.label)


def refresh_due(
    session: Session,
    *,
    env: CaseEnv,
    case_ids: list[str] | None = None,
    limit: int | None = None,
    progress: Callable[[int, int], None] | None = None,
) -> int:
    """Recompute the deadline columns of stale rows (or of `case_ids`); returns how many."""
    if case_ids is None:
        sql = "SELECT case_id FROM case_search_fts_doc WHERE due_stale = 1"
        if limit is not None:
            sql += f" LIMIT {int(limit)}"
        case_ids = list(session.execute(text(sql)).scalars())
    total = len(case_ids)
    for done, case_id in enumerate(case_ids, 1):
        case = session.get(Case, case_id)
        nxt = None
        if case is not None and not case.deleted:
            nxt = next_due_of(clocks_of(session, case, env), env.calendar)
        session.execute(
            text("UPDATE case_search_fts_doc SET next_due = :due, warn_on = :warn, "
                 "next_due_label = :label, due_stale = 0 WHERE case_id = :c"),
            {"due": nxt.due.isoformat() if nxt else NO_DUE,
             "warn": nxt.warn_on.isoformat() if nxt else NO_DUE,
             "label": nxt.label if nxt else "", "c": case_id},
        )
        if progress is not None:
            progress(done, total)
    return total


def mark_all_stale(session: Session) -> None:
    session.execute(text("UPDATE case_search_fts_doc SET due_stale = 1"))


def stale_count(session: Session) -> int:
    return session.execute(
        text("SELECT count(*) FROM case_search_fts_doc WHERE due_stale = 1")
    ).scalar_one()


@dataclass(frozen=True)
class Choice:
    key: str
    label: str


def officer_choices(session: Session) -> list[Choice]:
    """Active officers on the roster, by name (for the officer filter and the act dialogs)."""
    rows = session.execute(text(
        "SELECT id, name, kind FROM officers WHERE deleted = 0 AND is_active = 1 ORDER BY name"
    )).all()
    return [Choice(r.id, r.name if r.kind != "辅助人员" else f"{r.name}（辅助）") for r in rows]


def violation_choices(session: Session) -> list[Choice]:
    """Violations that occur in the case list (code → name), for the filter."""
    rows = session.execute(text(
        "SELECT violation_code, min(violation_name) AS name FROM case_search_fts_doc "
        "WHERE deleted = 0 AND violation_code != '' GROUP BY violation_code ORDER BY violation_code"
    )).all()
    return [Choice(r.violation_code, f"{r.violation_code} {r.name}") for r in rows]


@dataclass(frozen=True)
class TimelineEntry:
    at: datetime            # aware UTC; shown in China time
    actor: str
    action: str
    entity: str
    summary: str


CHILD_TABLES = ("case_parties", "investigative_acts", "approvals", "clock_events", "evidence",
                "payments", "publicity_records")


def case_timeline(session: Session, case_id: str, *, limit: int = 500) -> list[TimelineEntry]:
    """Every audited change of the case, its child rows and its parties, newest first."""
    children = " UNION ALL ".join(
        f"SELECT id FROM {table} WHERE case_id = :c" for table in CHILD_TABLES
    )
    rows = session.execute(text(
        "SELECT seq, at, actor, action, entity, summary FROM audit_log WHERE entity_id IN ("
        f"SELECT :c UNION ALL {children} "
        "UNION ALL SELECT party_id FROM case_parties WHERE case_id = :c) "
        "ORDER BY seq DESC LIMIT :limit"
    ), {"c": case_id, "limit": limit}).all()
    out = []
    for r in rows:
        at = r.at if isinstance(r.at, datetime) else datetime.fromisoformat(r.at)
        if at.tzinfo is None:
            at = at.replace(tzinfo=timezone.utc)
        out.append(TimelineEntry(at, r.actor, r.action, r.entity, r.summary))
    return out
