"""What case services need from outside the store: settings, the working-day calendar, today's
date and the officer-eligibility check. Passed in by the caller; services never read files."""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass, field
from datetime import date
from typing import Protocol

from sqlalchemy.orm import Session

from app.clock import china_today
from app.domain.workdays import WorkCalendar
from app.settings import Preferences


class EligibilityCheck(Protocol):
    """Refusal reasons (Chinese) for letting these officers perform `act` on `on`; [] if they may.

    The officers area supplies the real check (valid certificate on the date, two-officer rule,
    auxiliary staff may not act alone). The default only enforces two distinct officers.
    """

    def __call__(
        self, session: Session, officer_ids: Sequence[str], on: date, *, act: str
    ) -> list[str]: ...


def two_distinct_officers(
    session: Session, officer_ids: Sequence[str], on: date, *, act: str
) -> list[str]:
    ids = {i for i in officer_ids if i}
    if len(ids) < 2:
        return [f"{act}须由两名以上执法人员进行（《行政处罚法》第四十二条）"]
    return []


def default_eligibility() -> EligibilityCheck:
    """The officers area's check when it is installed, else the two-distinct-officers rule."""
    try:
        from app.officers.eligibility import case_eligibility  # type: ignore[attr-defined]
    except ImportError:
        return two_distinct_officers
    return case_eligibility


@dataclass(frozen=True)
class CaseEnv:
    prefs: Preferences = field(default_factory=Preferences)
    calendar: WorkCalendar = field(default_factory=WorkCalendar)
    eligibility: EligibilityCheck = field(default_factory=default_eligibility)
    today: date | None = None  # None: China's today, at call time

    @property
    def day(self) -> date:
        return self.today or china_today()
