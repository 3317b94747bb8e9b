"""What needs the clerk's attention: certificates expiring or blocked, training hours short.

All functions only read. `warning_count` opens its own read session (it is called by the main
window on start-up and after a sync), the others take the caller's session.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date

from sqlalchemy import func, select
from sqlalchemy.orm import Session

from app.db.models.officers import KIND_OFFICER, Officer, TrainingRecord
from app.officers.eligibility import CertStatus, OfficerStatus, officer_statuses


@dataclass(frozen=True)
class TrainingShortfall:
    officer_id: str
    name: str
    unit: str
    year: int
    hours: float
    target: float

    @property
    def missing(self) -> float:
        return max(self.target - self.hours, 0.0)


@dataclass(frozen=True)
class WarningCounts:
    expiring: int          # 待年审/待换证: inside the renewal window, still valid
    blocked: int           # 在编 officers in post who may not act (过期, 暂扣, 吊销, 无证…)
    training_short: int    # below the yearly training-hours target

    @property
    def certificates(self) -> int:
        return self.expiring + self.blocked


def _enforcers(session: Session, today: date, window_days: int) -> list[OfficerStatus]:
    return [s for s in officer_statuses(session, today, window_days=window_days)
            if s.kind == KIND_OFFICER and s.is_active]


def expiring(session: Session, today: date, window: int) -> list[OfficerStatus]:
    """Officers in post whose certificate falls due within `window` days, soonest first."""
    due = [s for s in _enforcers(session, today, window)
           if s.status is CertStatus.RENEWAL_DUE and not s.renewal_issued]
    return sorted(due, key=lambda s: (s.valid_until, s.name))


def blocked(session: Session, today: date, window: int = 60) -> list[OfficerStatus]:
    """在编 officers in post who may not act today, with the reason."""
    return [s for s in _enforcers(session, today, window) if not s.may_act]


def training_hours(session: Session, year: int) -> dict[str, float]:
    rows = session.execute(
        select(TrainingRecord.officer_id, func.sum(TrainingRecord.hours))
        .where(TrainingRecord.year == year, TrainingRecord.deleted.is_(False))
        .group_by(TrainingRecord.officer_id)
    ).all()
    return {officer_id: float(hours or 0) for officer_id, hours in rows}


def training_summary(session: Session, year: int, target: float) -> list[TrainingShortfall]:
    """Every 在编 officer in post with the year's hours against the target, by name."""
    hours = training_hours(session, year)
    officers = session.execute(
        select(Officer.id, Officer.name, Officer.unit)
        .where(Officer.deleted.is_(False), Officer.is_active.is_(True),
               Officer.kind == KIND_OFFICER)
        .order_by(Officer.name)
    ).all()
    return [TrainingShortfall(o.id, o.name, o.unit, year, hours.get(o.id, 0.0), float(target))
            for o in officers]


def training_shortfall(session: Session, year: int, target: float) -> list[TrainingShortfall]:
    """Officers below `target` hours in `year` (configurable; DOMAIN §3.4 default 60)."""
    return [t for t in training_summary(session, year, target) if t.missing > 0]


def warning_counts(session: Session, today: date, *, window: int, target: float) -> WarningCounts:
    statuses = _enforcers(session, today, window)
    return WarningCounts(
        expiring=sum(1 for s in statuses
                     if s.status is CertStatus.RENEWAL_DUE and not s.renewal_issued),
        blocked=sum(1 for s in statuses if not s.may_act),
        training_short=len(training_shortfall(session, today.year, target)),
    )


def warning_count(store, today: date, prefs) -> int:  # noqa: ANN001 - Store, Preferences
    """The number for the status bar ("证件预警：n"): certificates expiring or blocked."""
    with store.read() as session:
        counts = warning_counts(session, today, window=prefs.renewal_window_days,
                                target=prefs.training_hours_target)
    return counts.certificates
