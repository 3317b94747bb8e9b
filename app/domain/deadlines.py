"""The statutory clocks a case runs, computed from recorded facts and an explicit ``today``.

A case stores facts (filing date, extensions with their approvals, paused intervals, service dates);
due dates are always derived here, never stored, so that a corrected service date or a new county
holiday override moves every dependent deadline at once.

Day counting follows 《行政处罚法》第八十五条: its "二日""三日""五日""七日" are working days; the 15-day
payment period and the 90-day decision period are calendar days, and a calendar period ending on a
rest day runs on to the next working day (民事诉讼法 Art. 85).
"""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from dataclasses import dataclass, replace
from datetime import date, timedelta
from typing import Literal

from app.clock import format_cn_date
from app.domain.workdays import WorkCalendar
from app.errors import Invalid

Kind = Literal["working", "calendar"]
Status = Literal["running", "paused", "met", "overdue"]
Severity = Literal["overdue", "due_soon", "ok"]

DUE_SOON_WORKDAYS = 3
DECISION_DAYS = 90
SEIZURE_DAYS = 30
SEIZURE_MAX_EXTENSION_DAYS = 30
DEFAULT_STATEMENT_DAYS = 3  # not in the law; 3 in older 城管 rules, 5 in market regulation (setting)
DEFAULT_PUBLICATION_DAYS = 7  # "双公示" practice; make it a setting where the county differs


@dataclass(frozen=True)
class Clock:
    key: str
    label: str
    legal_basis: str
    start: date
    due: date  # for a paused clock: the due date if the pause ended today
    kind: Kind
    status: Status
    days_left: int | None  # in the clock's own unit; negative when overdue; None once met
    done_on: date | None = None
    notes: tuple[str, ...] = ()
    warn_within: int = DUE_SOON_WORKDAYS
    warn_unit: Kind = "working"


@dataclass(frozen=True)
class Extension:
    days: int
    approved_by: str
    approved_on: date


@dataclass(frozen=True)
class Pause:
    """An interval not counted in a period (听证, 公告, 检测/鉴定, 中止 …); ``end`` None = still open.

    Both ends are inclusive: every day from ``start`` to ``end`` is left out of the count.
    """

    start: date
    end: date | None = None
    reason: str = ""


def _as_extension(item: Extension | tuple) -> Extension:
    ext = item if isinstance(item, Extension) else Extension(*item)
    if ext.days <= 0:
        raise Invalid(f"延长期限天数应为正数，实为 {ext.days} 日")
    if not (ext.approved_by or "").strip():
        raise Invalid(f"{format_cn_date(ext.approved_on)}批准的延长期限未记录批准人")
    return ext


def _as_pause(item: Pause | tuple) -> Pause:
    if isinstance(item, Pause):
        pause = item
    elif len(item) == 3 and isinstance(item[0], str):
        pause = Pause(item[1], item[2], item[0])
    else:
        pause = Pause(*item)
    if pause.end is not None and pause.end < pause.start:
        raise Invalid(
            f"{pause.reason or '不计入期间'}的结束日{format_cn_date(pause.end)}"
            f"早于开始日{format_cn_date(pause.start)}"
        )
    return pause


def _finish(
    *,
    key: str,
    label: str,
    basis: str,
    start: date,
    due: date,
    kind: Kind,
    today: date,
    calendar: WorkCalendar,
    done_on: date | None,
    notes: Sequence[str] = (),
    warn_within: int = DUE_SOON_WORKDAYS,
    warn_unit: Kind = "working",
) -> Clock:
    if done_on is not None:
        status: Status = "met" if done_on <= due else "overdue"
        days_left = None if status == "met" else -_distance(due, done_on, kind, calendar)
    else:
        days_left = _distance(today, due, kind, calendar)
        status = "overdue" if today > due else "running"
    return Clock(
        key=key,
        label=label,
        legal_basis=basis,
        start=start,
        due=due,
        kind=kind,
        status=status,
        days_left=days_left,
        done_on=done_on,
        notes=tuple(notes),
        warn_within=warn_within,
        warn_unit=warn_unit,
    )


def _distance(frm: date, to: date, kind: Kind, calendar: WorkCalendar) -> int:
    return calendar.workdays_between(frm, to) if kind == "working" else (to - frm).days


def _working_clock(
    key: str, label: str, basis: str, start: date, days: int, *, today, calendar, done_on
) -> Clock:
    due = calendar.add_workdays(start, days)
    return _finish(
        key=key, label=label, basis=basis, start=start, due=due, kind="working",
        today=today, calendar=calendar, done_on=done_on,
    )


def _paused_period(
    *,
    start: date,
    total_days: int,
    pauses: Iterable[Pause],
    today: date,
    stop: date | None,
    what: str,
) -> tuple[date, bool, int]:
    """Walk ``total_days`` counted calendar days after ``start`` skipping paused days.

    Returns (raw last day, is paused now, counted days still to run as of today). An open pause is
    taken to end on ``stop`` (the day the step was done) or else today: what happens after today is
    unknown, so the due date shown is "if the pause ended today".
    """
    closed: list[tuple[date, date]] = []
    open_count = 0
    for p in pauses:
        if p.start < start:
            raise Invalid(
                f"{p.reason or '不计入期间'}的开始日{format_cn_date(p.start)}不应早于{what}{format_cn_date(start)}"
            )
        end = p.end
        if end is None:
            open_count += 1
            end = max(p.start, stop or today)
        closed.append((p.start, end))
    if open_count > 1:
        raise Invalid("同一期间只能有一个未结束的不计入期间，请先填写前一个的结束日")
    is_paused = stop is None and any(p.end is None and p.start <= today for p in pauses)

    def paused(day: date) -> bool:
        return any(a <= day <= b for a, b in closed)

    day, counted, counted_by_today = start, 0, 0
    while counted < total_days:
        day += timedelta(days=1)
        if not paused(day):
            counted += 1
            if day <= today:
                counted_by_today = counted
    return day, is_paused, total_days - counted_by_today


def decision_clock(
    filed_on: date,
    *,
    today: date,
    calendar: WorkCalendar,
    extensions: Iterable[Extension | tuple] = (),
    pauses: Iterable[Pause | tuple] = (),
    decided_on: date | None = None,
    base_days: int = DECISION_DAYS,
) -> Clock:
    """90 calendar days from filing (Art. 60), plus approved extensions, minus paused intervals.

    Extension approvals are not limited here (the 30-day head approval and later collective
    decisions are sectoral rules); an extension approved after the period it extends already ran out
    is kept but noted, because it is probably void.
    """
    exts = sorted((_as_extension(e) for e in extensions), key=lambda e: e.approved_on)
    pause_list = [_as_pause(p) for p in pauses]
    notes: list[str] = []
    total = base_days
    for ext in exts:
        if ext.approved_on < filed_on:
            raise Invalid(f"延长期限的批准日{format_cn_date(ext.approved_on)}早于立案日{format_cn_date(filed_on)}")
        current_due, _, _ = _paused_period(
            start=filed_on, total_days=total, pauses=pause_list, today=today, stop=decided_on, what="立案日"
        )
        if ext.approved_on > calendar.next_workday(current_due):
            notes.append(
                f"{format_cn_date(ext.approved_on)}批准的延长晚于原期限{format_cn_date(current_due)}，请核查延长是否有效"
            )
        total += ext.days
        notes.append(f"经{ext.approved_by}于{format_cn_date(ext.approved_on)}批准延长{ext.days}日")
    for p in pause_list:
        end = format_cn_date(p.end) if p.end else "今"
        notes.append(f"{p.reason or '暂停'}期间（{format_cn_date(p.start)}至{end}）不计入办案期限")
    raw_due, is_paused, remaining = _paused_period(
        start=filed_on, total_days=total, pauses=pause_list, today=today, stop=decided_on, what="立案日"
    )
    clock = _finish(
        key="decision", label=f"作出处罚决定期限（立案之日起{base_days}日）",
        basis="《行政处罚法》第六十条", start=filed_on, due=calendar.next_workday(raw_due),
        kind="calendar", today=today, calendar=calendar, done_on=decided_on, notes=notes,
    )
    if is_paused:
        return _paused(clock, remaining)
    return clock


def _paused(clock: Clock, remaining: int) -> Clock:
    return replace(clock, status="paused", days_left=remaining)


def hearing_request_clock(
    notice_served_on: date, *, today: date, calendar: WorkCalendar, requested_on: date | None = None
) -> Clock:
    """5 working days after the prior notice is served for the party to ask for a hearing."""
    return _working_clock(
        "hearing_request", "当事人要求听证期限（告知后5个工作日）", "《行政处罚法》第六十四条第一项",
        notice_served_on, 5, today=today, calendar=calendar, done_on=requested_on,
    )


def statement_clock(
    notice_served_on: date,
    *,
    today: date,
    calendar: WorkCalendar,
    days: int = DEFAULT_STATEMENT_DAYS,
    replied_on: date | None = None,
) -> Clock:
    """Statement and defence period: the law sets none, so ``days`` comes from the settings."""
    return _working_clock(
        "statement", f"陈述、申辩期限（告知后{days}个工作日）", "《行政处罚法》第四十四条、第四十五条",
        notice_served_on, days, today=today, calendar=calendar, done_on=replied_on,
    )


def service_clock(decided_on: date, *, today: date, calendar: WorkCalendar, served_on: date | None = None) -> Clock:
    """7 working days to serve a decision when the party was not present when it was announced."""
    return _working_clock(
        "service", "当事人不在场时送达处罚决定书期限（7个工作日）", "《行政处罚法》第六十一条",
        decided_on, 7, today=today, calendar=calendar, done_on=served_on,
    )


def payment_clock(received_on: date, *, today: date, calendar: WorkCalendar, paid_on: date | None = None) -> Clock:
    """15 calendar days from receipt of the decision; late payment draws the Art. 72 surcharge."""
    return _finish(
        key="payment", label="缴纳罚款期限（收到决定书之日起15日）", basis="《行政处罚法》第六十七条",
        start=received_on, due=calendar.add_calendar_days(received_on, 15), kind="calendar",
        today=today, calendar=calendar, done_on=paid_on,
    )


def preservation_clock(
    preserved_on: date, *, today: date, calendar: WorkCalendar, handled_on: date | None = None
) -> Clock:
    """7 working days to decide what to do with evidence registered and preserved in advance."""
    return _working_clock(
        "preservation", "先行登记保存证据处理决定期限（7个工作日）", "《行政处罚法》第五十六条",
        preserved_on, 7, today=today, calendar=calendar, done_on=handled_on,
    )


def latest_hearing_notice_day(hearing_on: date, calendar: WorkCalendar) -> date:
    """Last day the hearing notice may be served: the 7th working day before the hearing.

    Read like "seven days before the 15th is the 8th": the notice day is not counted and the hearing
    day is, so at least 7 working days run from the day after the notice up to the hearing.
    """
    return calendar.add_workdays(hearing_on, -7)


def check_hearing_notice(hearing_on: date, notice_served_on: date, calendar: WorkCalendar) -> None:
    latest = latest_hearing_notice_day(hearing_on, calendar)
    if notice_served_on > latest:
        raise Invalid(
            f"听证通知须在举行听证7个工作日前送达：{format_cn_date(hearing_on)}举行听证，"
            f"最迟应于{format_cn_date(latest)}送达，实际为{format_cn_date(notice_served_on)}"
        )


def hearing_notice_clock(
    hearing_on: date,
    *,
    scheduled_on: date,
    today: date,
    calendar: WorkCalendar,
    notice_served_on: date | None = None,
) -> Clock:
    return _finish(
        key="hearing_notice", label="听证通知送达期限（听证7个工作日前）", basis="《行政处罚法》第六十四条第二项",
        start=scheduled_on, due=latest_hearing_notice_day(hearing_on, calendar), kind="working",
        today=today, calendar=calendar, done_on=notice_served_on,
    )


def _add_years(day: date, years: int) -> date:
    # 民法典第二百零二条: with no matching day in the final month, its last day ends the period.
    try:
        return day.replace(year=day.year + years)
    except ValueError:
        return day.replace(year=day.year + years, day=28)


def limitation_clock(
    act_ended_on: date,
    *,
    today: date,
    calendar: WorkCalendar,
    serious: bool = False,
    discovered_on: date | None = None,
    warn_within_days: int = 30,
) -> Clock:
    """Art. 36: no penalty if not discovered within 2 years (5 where life, health, safety or
    financial security is involved with harmful consequences). ``act_ended_on`` is the day a
    continuing act ended. The last day is not moved off a rest day: this is a bar, not a procedural
    period, and a squad should not rely on the extra days."""
    years = 5 if serious else 2
    return _finish(
        key="limitation", label=f"追责时效（{years}年内发现）", basis="《行政处罚法》第三十六条",
        start=act_ended_on, due=_add_years(act_ended_on, years), kind="calendar",
        today=today, calendar=calendar, done_on=discovered_on,
        warn_within=warn_within_days, warn_unit="calendar",
    )


def publication_clock(
    decided_on: date,
    *,
    today: date,
    calendar: WorkCalendar,
    days: int = DEFAULT_PUBLICATION_DAYS,
    published_on: date | None = None,
) -> Clock:
    """Art. 48 requires publication but sets no time; the 7 working days are the "双公示" rule for
    penalty decisions (国办发〔2018〕118号 allows 20 for other enforcement decisions), so the
    county may set ``days``."""
    return _working_clock(
        "publication", f"处罚决定公示期限（作出决定之日起{days}个工作日）", "《行政处罚法》第四十八条第一款",
        decided_on, days, today=today, calendar=calendar, done_on=published_on,
    )


def withdrawal_clock(
    changed_on: date, *, today: date, calendar: WorkCalendar, withdrawn_on: date | None = None
) -> Clock:
    """3 working days to withdraw a published decision that was changed, revoked or found void."""
    return _working_clock(
        "withdrawal", "撤回已公示处罚决定期限（3个工作日）", "《行政处罚法》第四十八条第二款",
        changed_on, 3, today=today, calendar=calendar, done_on=withdrawn_on,
    )


def seizure_clock(
    seized_on: date,
    *,
    today: date,
    calendar: WorkCalendar,
    extension: Extension | tuple | None = None,
    pauses: Iterable[Pause | tuple] = (),
    handled_on: date | None = None,
) -> Clock:
    """查封/扣押 term: 30 days, extendable once by at most 30 with the head's approval; testing,
    inspection, quarantine or appraisal time is not counted (行政强制法第二十五条)."""
    total = SEIZURE_DAYS
    notes: list[str] = []
    if extension is not None:
        if isinstance(extension, list):
            raise Invalid("查封、扣押期限只能延长一次")
        ext = _as_extension(extension)
        if ext.days > SEIZURE_MAX_EXTENSION_DAYS:
            raise Invalid(f"查封、扣押延长期限不得超过{SEIZURE_MAX_EXTENSION_DAYS}日，实为 {ext.days} 日")
        total += ext.days
        notes.append(f"经{ext.approved_by}于{format_cn_date(ext.approved_on)}批准延长{ext.days}日")
    pause_list = [_as_pause(p) for p in pauses]
    raw_due, is_paused, remaining = _paused_period(
        start=seized_on, total_days=total, pauses=pause_list, today=today, stop=handled_on, what="查封扣押之日"
    )
    clock = _finish(
        key="seizure", label="查封、扣押期限（30日）", basis="《行政强制法》第二十五条",
        start=seized_on, due=calendar.next_workday(raw_due), kind="calendar",
        today=today, calendar=calendar, done_on=handled_on, notes=notes,
    )
    return _paused(clock, remaining) if is_paused else clock


def severity(clock: Clock, today: date, *, calendar: WorkCalendar, within: int | None = None) -> Severity:
    """Dashboard colour: 'overdue' past the due day, 'due_soon' within ``within`` days of it (the
    clock's own horizon unless given), else 'ok'. Met and paused clocks are 'ok' (a step done late
    stays 'overdue' so the file shows it)."""
    if clock.status == "overdue" and clock.done_on is not None:
        return "overdue"
    if clock.status in ("met", "paused"):
        return "ok"
    if today > clock.due:
        return "overdue"
    horizon = clock.warn_within if within is None else within
    left = _distance(today, clock.due, clock.warn_unit, calendar)
    return "due_soon" if left <= horizon else "ok"
