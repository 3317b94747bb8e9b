"""What case services need from outside the store: settings, the working-day calendar, today's
date and the officer-eligibility check. Passed in by the caller; services never read files."""

from __future__ import annotations

from collections.abc import Callable, Sequence
from dataclasses import dataclass, field
from datetime import date
from typing import TYPE_CHECKING, Protocol

from sqlalchemy.orm import Session

from app.clock import china_today
from app.domain.benchmarks import Benchmark
from app.domain.workdays import WorkCalendar
from app.settings import Preferences

if TYPE_CHECKING:
    from app.documents.numbering import BlockSource


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


def roster_eligibility(
    session: Session, officer_ids: Sequence[str], on: date, *, act: str
) -> list[str]:
    """The officers area's check: on the roster, in post, not auxiliary, certificate valid on `on`."""
    from app.officers.eligibility import EligibilityRefused, check_handling_officers

    try:
        check_handling_officers(session, officer_ids, on=on, field=None, act=act)
    except EligibilityRefused as exc:
        return list(exc.problems)
    return []


def roster_presider_check(
    session: Session, officer_id: str, on: date, investigator_ids: Sequence[str]
) -> list[str]:
    from app.officers.eligibility import EligibilityRefused, check_hearing_presider

    try:
        check_hearing_presider(session, officer_id, on=on, investigator_ids=investigator_ids)
    except EligibilityRefused as exc:
        return list(exc.problems)
    return []


def roster_reviewer_check(session: Session, officer_id: str, on: date) -> list[str]:
    from app.officers.eligibility import EligibilityRefused, check_legal_reviewer

    try:
        check_legal_reviewer(session, officer_id, on)
    except EligibilityRefused as exc:
        return list(exc.problems)
    return []


def default_eligibility() -> EligibilityCheck:
    """The officers area's roster check (certificates valid on the act's date, Art. 42)."""
    return roster_eligibility


PresiderCheck = Callable[[Session, str, date, Sequence[str]], list[str]]
ReviewerCheck = Callable[[Session, str, date], list[str]]


@dataclass(frozen=True)
class CaseEnv:
    prefs: Preferences = field(default_factory=Preferences)
    calendar: WorkCalendar = field(default_factory=WorkCalendar)
    eligibility: EligibilityCheck = field(default_factory=default_eligibility)
    # Roster checks of the hearing presider (Art. 64) and the legal reviewer (Art. 58); None skips
    # them (the procedure still refuses a presider who investigated the case).
    check_presider: PresiderCheck | None = roster_presider_check
    check_reviewer: ReviewerCheck | None = roster_reviewer_check
    # The county's discretion benchmarks (app.domain.benchmarks.load_benchmarks); with them the
    # fine is checked against the chosen tier and the benchmark's own thresholds apply.
    benchmarks: tuple[Benchmark, ...] = ()
    # Where filing serials come from when a case is filed without an explicit 案号
    # (app.cases.numbers.squad_block_source); None numbers only from blocks already on this PC.
    block_source: BlockSource | None = None
    today: date | None = None  # None: China's today, at call time

    @property
    def day(self) -> date:
        return self.today or china_today()
