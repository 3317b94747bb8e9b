"""The clocks of a case (list of `Clock`), extensions and paused intervals of the 90-day period,
and the 即将到期 / 已超期 dashboard across cases."""

from __future__ import annotations

from datetime import date

from sqlalchemy import select
from sqlalchemy.orm import Session

from app.clock import CHINA_TZ
from app.cases.common import add_months, get_case, record_approval, require_text
from app.cases.env import CaseEnv
from app.cases.facts import build_facts, decision_clock
from app.cases.views import DueItem
from app.context import Actor
from app.db.models.cases import Case, ClockEvent, InvestigativeAct, Payment, PublicityRecord
from app.domain import deadlines
from app.domain.deadlines import Clock
from app.domain.procedure import Action, Outcome, Procedure, Stage, check
from app.errors import Invalid, NotFound
from app.security.roles import Permission, require

FIRST_EXTENSION_MAX_DAYS = 30  # head's approval; longer or later ones by collective discussion
OPEN_STAGES = [s.value for s in Stage if s not in (Stage.NOT_FILED, Stage.ARCHIVED, Stage.REVOKED)]


def _lead_clock(case: Case, env: CaseEnv) -> Clock | None:
    if case.discovered_on is None:
        return None
    due = env.calendar.add_workdays(case.discovered_on, env.prefs.filing_check_workdays)
    done = case.filed_on
    if done is None and case.stage == Stage.NOT_FILED.value:
        done = case.closed_on or case.discovered_on
    status = ("met" if done <= due else "overdue") if done else ("overdue" if env.day > due else "running")
    return Clock(
        key="filing_check", label=f"案源核查、决定是否立案（{env.prefs.filing_check_workdays}个工作日）",
        legal_basis="《行政处罚法》第五十四条", start=case.discovered_on, due=due, kind="working",
        status=status, days_left=None if done else env.calendar.workdays_between(env.day, due),
        done_on=done,
    )


def _enforcement_clock(case: Case, env: CaseEnv) -> Clock:
    """行政强制法 Art. 53: apply to the court within 3 months after the review and litigation
    periods (6 months from service) expired without the party paying."""
    opens = add_months(case.served_on, 6)
    due = add_months(opens, 3)
    done = case.enforcement_applied_on
    if done:
        status = "met" if done <= due else "overdue"
    else:
        status = "overdue" if env.day > due else "running"
    return Clock(
        key="enforcement", label="申请人民法院强制执行期限（复议、诉讼期限届满后三个月内）",
        legal_basis="《行政强制法》第五十三条", start=opens, due=due, kind="calendar", status=status,
        days_left=None if done else (due - env.day).days, done_on=done, warn_within=30, warn_unit="calendar",
        notes=(f"{opens.isoformat()}前当事人仍可申请复议或起诉，此前不得申请强制执行",),
    )


def clocks_of(session: Session, case: Case, env: CaseEnv) -> list[Clock]:
    """Every clock that applies to the case now (running, paused, met or overdue)."""
    cal, today = env.calendar, env.day
    out: list[Clock] = []
    if case.stage == Stage.LEAD.value:
        lead = _lead_clock(case, env)
        if lead:
            out.append(lead)
        start = case.violation_end_date or case.violation_date
        if start:
            out.append(deadlines.limitation_clock(
                start, today=today, calendar=cal, serious=case.serious_harm, discovered_on=case.discovered_on,
            ))
    decision = decision_clock(session, case, env)
    if decision:
        out.append(decision)
    acts = session.scalars(
        select(InvestigativeAct).where(InvestigativeAct.case_id == case.id, InvestigativeAct.deleted.is_(False))
    ).all()
    for act in acts:
        day = act.started_at.astimezone(CHINA_TZ).date()
        if "先行登记保存" in act.kind:
            out.append(deadlines.preservation_clock(day, today=today, calendar=cal, handled_on=act.handled_on))
        elif "查封" in act.kind or "扣押" in act.kind:
            out.append(deadlines.seizure_clock(day, today=today, calendar=cal, handled_on=act.handled_on))
    if case.notice_served_on and case.decided_on is None:
        out.append(deadlines.statement_clock(
            case.notice_served_on, today=today, calendar=cal, days=env.prefs.statement_reply_workdays,
            replied_on=case.statement_received_on,
        ))
        if case.hearing_offered:
            out.append(deadlines.hearing_request_clock(
                case.notice_served_on, today=today, calendar=cal, requested_on=case.hearing_requested_on,
            ))
    if case.decided_on and case.procedure == Procedure.ORDINARY.value and not case.party_present_at_decision:
        out.append(deadlines.service_clock(case.decided_on, today=today, calendar=cal, served_on=case.served_on))
    if case.served_on and case.outcome == Outcome.PENALTY.value and case.fine_fen > 0:
        facts = build_facts(session, case, env)
        paid_on = None if facts.fine_outstanding_fen > 0 else (case.closed_on or today)
        payment = deadlines.payment_clock(case.served_on, today=today, calendar=cal, paid_on=paid_on)
        out.append(payment)
        if payment.status == "overdue" and paid_on is None:
            out.append(_enforcement_clock(case, env))
    on_spot = session.scalars(
        select(Payment).where(Payment.case_id == case.id, Payment.channel == "on_spot",
                              Payment.deleted.is_(False))
    ).all()
    for pay in on_spot:
        due = cal.add_workdays(pay.paid_on, 2)
        done = pay.handed_over_on
        out.append(Clock(
            key="handover", label="当场收缴罚款交至行政机关（2个工作日）", legal_basis="《行政处罚法》第七十一条",
            start=pay.paid_on, due=due, kind="working",
            status=("met" if done <= due else "overdue") if done else ("overdue" if today > due else "running"),
            days_left=None if done else cal.workdays_between(today, due), done_on=done,
        ))
    if case.decided_on and case.outcome == Outcome.PENALTY.value:
        record = session.scalars(
            select(PublicityRecord).where(PublicityRecord.case_id == case.id, PublicityRecord.deleted.is_(False))
        ).first()
        out.append(deadlines.publication_clock(
            case.decided_on, today=today, calendar=cal,
            published_on=record.published_on or record.queued_on if record else None,
        ))
    return out


def case_clocks(session: Session, case_id: str, *, env: CaseEnv) -> list[Clock]:
    return clocks_of(session, get_case(session, case_id), env)


def due_items(session: Session, *, env: CaseEnv) -> list[DueItem]:
    """即将到期 / 已超期: every open case's clocks that are overdue or due soon, most urgent first."""
    cases = session.scalars(
        select(Case).where(Case.deleted.is_(False), Case.stage.in_(OPEN_STAGES))
    ).all()
    items: list[DueItem] = []
    for case in cases:
        for clock in clocks_of(session, case, env):
            level = deadlines.severity(clock, env.day, calendar=env.calendar)
            if level == "ok" or (clock.done_on is not None):
                continue
            items.append(DueItem(case.id, case.case_number, case.title or case.lead_number, clock, level))
    items.sort(key=lambda i: (i.severity != "overdue", i.clock.due))
    return items


def extend_decision_period(
    session: Session,
    actor: Actor,
    case_id: str,
    *,
    env: CaseEnv,
    days: int,
    reason: str,
    on: date | None = None,
    attendees: list[str] | None = None,
) -> Clock:
    """Extend the 90-day period: the first time by the head (≤ 30 days), later ones by collective
    discussion of the agency's leaders (pass `attendees`)."""
    case = get_case(session, case_id)
    on = on or env.day
    reason = require_text(reason, "延期理由")
    if days <= 0:
        raise Invalid("延长天数应为正数")
    prior = session.scalars(
        select(ClockEvent).where(
            ClockEvent.case_id == case.id, ClockEvent.kind == "extension", ClockEvent.deleted.is_(False)
        )
    ).all()
    collective = bool(attendees)
    if not prior and days > FIRST_EXTENSION_MAX_DAYS and not collective:
        raise Invalid(f"经负责人批准延长的期限不超过{FIRST_EXTENSION_MAX_DAYS}日；更长的延期须集体讨论决定")
    facts = build_facts(
        session, case, env, act_on=on, reason_given=True, approval_given=True,
        extensions_granted=len(prior), by_collective_discussion=collective,
    )
    reasons, _ = check(facts, Action.EXTEND)
    if reasons:
        raise Invalid("；".join(reasons))
    approval = record_approval(
        session, actor, case, "延期", on=on,
        opinion=f"延长办案期限{days}日：{reason}", attendees=attendees,
    )
    session.add(ClockEvent(case_id=case.id, kind="extension", days=days, start=on, reason=reason,
                           approval_id=approval.id))
    session.flush()
    return decision_clock(session, case, env)


def pause_decision_period(
    session: Session, actor: Actor, case_id: str, *, env: CaseEnv, start: date, reason: str
) -> Clock:
    """Start an interval not counted in the decision period (听证, 公告, 检测/检验/检疫/鉴定, 中止)."""
    require(actor, Permission.EDIT_CASE)
    case = get_case(session, case_id)
    if case.filed_on is None or case.decided_on is not None:
        raise Invalid("仅在立案后、作出决定前可以中止计算办案期限")
    reason = require_text(reason, "不计入办案期限的事由（听证、公告、检测、鉴定等）")
    session.add(ClockEvent(case_id=case.id, kind="pause", start=start, reason=reason))
    session.flush()
    return decision_clock(session, case, env)


def resume_decision_period(
    session: Session, actor: Actor, case_id: str, *, env: CaseEnv, end: date
) -> Clock:
    require(actor, Permission.EDIT_CASE)
    case = get_case(session, case_id)
    open_pause = session.scalars(
        select(ClockEvent).where(
            ClockEvent.case_id == case.id, ClockEvent.kind == "pause", ClockEvent.end.is_(None),
            ClockEvent.deleted.is_(False),
        )
    ).first()
    if open_pause is None:
        raise NotFound("本案没有未结束的不计入期间")
    if end < open_pause.start:
        raise Invalid("结束日不得早于开始日")
    open_pause.end = end
    session.flush()
    return decision_clock(session, case, env)
