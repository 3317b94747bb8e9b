"""Building the `CaseFacts` snapshot the procedure state machine checks, from a case's rows.

All periods are computed here from the working-day calendar and the settings, so the rules in
`app.domain.procedure_rules` only compare dates.
"""

from __future__ import annotations

import hashlib
from dataclasses import replace
from datetime import date

from sqlalchemy import func, select
from sqlalchemy.orm import Session

from app.cases.common import case_parties, has_approval, latest_approval
from app.cases.env import CaseEnv
from app.clock import to_china
from app.db.models.cases import (
    Approval,
    Case,
    ClockEvent,
    Evidence,
    InvestigativeAct,
    Payment,
    ViolationItemRef,
)
from app.domain import deadlines, discretion, money
from app.domain.deadlines import Extension, Pause
from app.domain.procedure import CaseFacts, Outcome, Procedure, Stage
from app.errors import Invalid

# Art. 63 penalties that always carry the right to a hearing (besides a large fine). Offering a
# hearing where it is not strictly due is never unlawful, so the list errs on the generous side.
HEARING_PENALTIES = frozenset({
    "没收违法所得", "没收非法财物", "降低资质等级", "吊销许可证件", "责令停产停业", "责令关闭",
    "限制从业", "限制开展生产经营活动",
})
MAJOR_PENALTIES = frozenset({"吊销许可证件", "责令停产停业", "责令关闭", "限制从业", "降低资质等级"})
PRESERVATION = "先行登记保存"


def party_kind(session: Session, case: Case) -> str:
    """The strictest kind among the parties for thresholds: org > indiv_biz > person."""
    kinds = {p.kind for p in case_parties(session, case.id)}
    for kind in ("org", "indiv_biz", "person"):
        if kind in kinds:
            return kind
    return "person"


def _threshold_fen(prefs_person: int, prefs_org: int, kind: str) -> int:
    # 个体工商户 are natural persons (民法典第五十四条): the person thresholds give them the
    # hearing and review protections a citizen gets.
    return (prefs_org if kind == "org" else prefs_person) * money.FEN_PER_YUAN


def hearing_eligible(case: Case, kind: str, env: CaseEnv) -> bool:
    p = env.prefs
    limit = _threshold_fen(p.hearing_threshold_person_yuan, p.hearing_threshold_org_yuan, kind)
    return case.fine_fen >= limit or bool(HEARING_PENALTIES & set(case.other_penalties))


def review_required(case: Case, kind: str, env: CaseEnv) -> bool:
    """Art. 58: the squad's list of major decisions (settings) plus every case that had a hearing."""
    p = env.prefs
    limit = _threshold_fen(p.major_fine_person_yuan, p.major_fine_org_yuan, kind)
    return (
        case.review_required
        or case.hearing_held
        or case.fine_fen >= limit
        or bool(MAJOR_PENALTIES & set(case.other_penalties))
    )


def discussion_required(case: Case, kind: str, env: CaseEnv) -> bool:
    p = env.prefs
    limit = _threshold_fen(p.collective_discussion_person_yuan, p.collective_discussion_org_yuan, kind)
    return case.discussion_required or case.fine_fen >= limit or case.tier == "减轻"


def violation_item(session: Session, case: Case) -> ViolationItemRef | None:
    if not case.violation_code:
        return None
    query = select(ViolationItemRef).where(
        ViolationItemRef.code == case.violation_code, ViolationItemRef.deleted.is_(False)
    )
    if case.benchmark_id:
        query = query.where(ViolationItemRef.benchmark_id == case.benchmark_id)
    return session.scalars(query.limit(1)).first()


def benchmark_tier(case: Case, kind: str, env: CaseEnv):  # noqa: ANN201
    """(item, tier) from the benchmark in force on the violation date, or None."""
    if not env.benchmarks or not case.violation_code or case.violation_date is None:
        return None
    try:
        item = discretion.item_in_force(env.benchmarks, case.violation_code, case.violation_date)
    except Invalid:
        return None
    tiers = [t for t in item.tiers if t.level == case.tier and (not t.party_kinds or kind in t.party_kinds)]
    return item, (tiers[0] if tiers else None)


def discretion_problems(session: Session, case: Case, env: CaseEnv, kind: str) -> tuple[str, ...]:
    """What needs the head's approval or collective discussion (裁量基准 Art. 8): a fine below the
    legal minimum (减轻) or outside the chosen tier. Fines above the maximum are refused earlier."""
    if case.fine_fen <= 0 or case.outcome != Outcome.PENALTY.value:
        return ()
    found = benchmark_tier(case, kind, env)
    if found is not None and found[1] is not None:
        try:
            discretion.check_fine(found[0], found[1], case.fine_fen, reduction_approved=False)
        except Invalid as exc:
            return (str(exc),)
        return ()
    item = violation_item(session, case)
    if item is None or item.legal_min_fen is None:
        return ()
    if case.fine_fen < item.legal_min_fen:
        return (
            f"罚款{money.yuan(case.fine_fen)}低于法定最低限额{money.yuan(item.legal_min_fen)}，"
            "减轻处罚须经负责人集体讨论决定（裁量基准）",
        )
    return ()


def benchmark_thresholds(case: Case, kind: str, env: CaseEnv):  # noqa: ANN201
    found = benchmark_tier(case, kind, env)
    if found is None or case.outcome != Outcome.PENALTY.value:
        return None
    return discretion.thresholds(found[0], case.fine_fen, kind, env.prefs, tier=found[1],
                                 other_penalties=case.other_penalties)


def decision_clock(session: Session, case: Case, env: CaseEnv) -> deadlines.Clock | None:
    if case.filed_on is None or case.procedure == Procedure.SIMPLE.value:
        return None
    events = session.scalars(
        select(ClockEvent).where(ClockEvent.case_id == case.id, ClockEvent.deleted.is_(False))
    ).all()
    exts = [Extension(e.days, e.updated_by, e.start) for e in events if e.kind == "extension"]
    pauses = [Pause(e.start, e.end, e.reason) for e in events if e.kind == "pause"]
    return deadlines.decision_clock(
        case.filed_on, today=env.day, calendar=env.calendar, extensions=exts, pauses=pauses,
        decided_on=case.decided_on,
    )


def payment_due(case: Case, env: CaseEnv) -> date | None:
    if case.served_on is None:
        return None
    return env.calendar.add_calendar_days(case.served_on, 15)


def amount_owed(session: Session, case: Case, env: CaseEnv, *, on: date | None = None) -> int:
    """Fine plus the Art. 72 surcharge accrued by `on`, minus what was paid. Instalments approved
    under Art. 66 run from their own due dates."""
    if case.fine_fen <= 0 or case.outcome != Outcome.PENALTY.value:
        return 0
    on = on or env.day
    rows = session.scalars(
        select(Payment).where(Payment.case_id == case.id, Payment.deleted.is_(False))
    ).all()
    plan = [r for r in rows if r.deferred]
    paid = sum(r.paid_fen for r in rows)
    if plan:
        owed = 0
        for r in plan:
            late_until = r.paid_on or on
            days = max(0, (late_until - r.due_on).days) if r.due_on else 0
            owed += r.amount_fen + money.late_surcharge(r.amount_fen, days)
        return max(0, owed - paid)
    due = payment_due(case, env)
    if due is None:
        return max(0, case.fine_fen - paid)
    paid_rows = sorted((r.paid_on, r.paid_fen) for r in rows if r.paid_on and r.paid_fen)
    owed = case.fine_fen + late_surcharge(case.fine_fen, due, paid_rows, on)
    return max(0, owed - paid)


def late_surcharge(fine_fen: int, due: date, payments: list[tuple[date, int]], on: date) -> int:
    """Art. 72 surcharge by `on`: 3% a day on the part of the fine still unpaid after `due`,
    payments going to the fine first; never more than the fine."""
    principal, accrued, cursor = fine_fen, 0, due
    for day, amount in payments:
        if day > on:
            break
        if day > cursor:
            accrued += principal * (day - cursor).days
            cursor = day
        principal = max(0, principal - amount)
    if on > cursor:
        accrued += principal * (on - cursor).days
    return min(accrued * money.LATE_SURCHARGE_PERCENT_PER_DAY // 100, fine_fen)


def notice_digest(case: Case) -> str:
    """What the prior notice told the party about the facts, reasons and basis, as a SHA-256."""
    parts = [case.violation_code, case.violation_name, case.facts, case.legal_basis, case.penalty_basis]
    return hashlib.sha256("\x1f".join(p.strip() for p in parts).encode("utf-8")).hexdigest()


def build_facts(session: Session, case: Case, env: CaseEnv, **overrides) -> CaseFacts:
    """The snapshot of `case` as of `env.day`; `overrides` set what the action in hand proposes."""
    cal, prefs, today = env.calendar, env.prefs, env.day
    kind = party_kind(session, case)
    parties = case_parties(session, case.id)
    flags = benchmark_thresholds(case, kind, env)
    with session.no_autoflush:
        acts = session.scalars(
            select(InvestigativeAct).where(
                InvestigativeAct.case_id == case.id, InvestigativeAct.deleted.is_(False)
            )
        ).all()
        evidence_count = session.scalar(
            select(func.count()).select_from(Evidence).where(
                Evidence.case_id == case.id, Evidence.deleted.is_(False)
            )
        )
    limitation_end = limitation_expired = None
    start = case.violation_end_date or case.violation_date
    if start is not None:
        clock = deadlines.limitation_clock(
            start, today=today, calendar=cal, serious=case.serious_harm,
            discovered_on=case.discovered_on,
        )
        limitation_end, limitation_expired = clock.due, clock.status == "overdue"
    review = latest_approval(session, case.id, "法制审核")
    decision = decision_clock(session, case, env)
    notice = case.notice_served_on
    investigators = set(case.officer_ids) | {o for a in acts for o in a.officer_ids}
    act_days = [to_china(a.started_at).date() for a in acts]
    ended = latest_approval(session, case.id, "调查终结")
    with session.no_autoflush:
        approval_days = session.scalars(
            select(Approval.on).where(Approval.case_id == case.id, Approval.deleted.is_(False),
                                      Approval.decision == "approved")
        ).all()
        paid = session.scalars(
            select(Payment).where(Payment.case_id == case.id, Payment.deleted.is_(False),
                                  Payment.paid_fen > 0)
        ).all()
    paid_days = [p.paid_on for p in paid if p.paid_on]
    events = [d for d in (
        case.filed_on, case.notice_served_on, case.statement_received_on, case.hearing_requested_on,
        case.hearing_on if case.hearing_held else None, case.decided_on, case.served_on,
        case.transfer_sent_on, case.enforcement_applied_on, case.closed_on, *approval_days, *act_days, *paid_days,
    ) if d]
    facts = CaseFacts(
        procedure=Procedure(case.procedure),
        stage=Stage(case.stage),
        today=today,
        has_party=bool(parties),
        party_is_organisation=kind != "person",
        has_violation_item=bool(case.violation_code or case.violation_name),
        has_facts_text=bool(case.facts.strip()),
        has_legal_basis=bool(case.legal_basis.strip() or case.penalty_basis.strip()),
        violation_date=case.violation_date,
        limitation_expired=bool(limitation_expired),
        limitation_years=5 if case.serious_harm else 2,
        limitation_end=limitation_end,
        filing_approved=has_approval(session, case.id, "立案"),
        filing_refusal_approved=has_approval(session, case.id, "不予立案"),
        filing_check_deadline=(
            cal.add_workdays(case.discovered_on, prefs.filing_check_workdays)
            if case.discovered_on else None
        ),
        filed_on=case.filed_on,
        reason_given=bool(case.ended_reason.strip()),
        investigative_acts=len(acts),
        acts_missing_officers=sum(1 for a in acts if len(set(a.officer_ids)) < 2),
        pending_preservations=sum(1 for a in acts if PRESERVATION in a.kind and a.handled_on is None),
        evidence_count=evidence_count or 0,
        investigation_end_approved=has_approval(session, case.id, "调查终结"),
        discovered_on=case.discovered_on,
        last_act_on=max(act_days, default=None),
        investigation_ended_on=ended.on if ended and ended.decision == "approved" else None,
        last_event_on=max(events, default=None),
        review_required=review_required(case, kind, env) or bool(flags and flags.legal_review),
        review_passed=None if review is None else review.decision == "approved",
        review_on=review.on if review else None,
        discussion_required=discussion_required(case, kind, env) or bool(flags and flags.collective_discussion),
        discussion_done=has_approval(session, case.id, "集体讨论"),
        decision_deadline=decision.due if decision else None,
        outcome=Outcome(case.outcome) if case.outcome else None,
        fine_fen=case.fine_fen,
        penalties=frozenset(case.other_penalties),
        discretion_problems=discretion_problems(session, case, env, kind),
        deviation_approved=has_approval(session, case.id, "集体讨论"),
        education_recorded=bool(case.education_note.strip()),
        hearing_eligible=hearing_eligible(case, kind, env) or bool(flags and flags.hearing_right),
        notice_served_on=notice,
        notified_fine_fen=case.notified_fine_fen,
        notified_penalties=frozenset(case.notified_penalties),
        hearing_offered=case.hearing_offered,
        changed_since_notice=bool(case.notified_digest) and case.notified_digest != notice_digest(case),
        statement_deadline=cal.add_workdays(notice, prefs.statement_reply_workdays) if notice else None,
        statement_received=case.statement_received_on is not None,
        statement_waived=case.statement_waived,
        statement_rechecked=bool(case.recheck_opinion.strip()),
        hearing_request_deadline=(
            cal.add_workdays(notice, prefs.hearing_request_workdays) if notice and case.hearing_offered else None
        ),
        hearing_requested=case.hearing_requested_on is not None,
        hearing_waived=case.hearing_waived,
        hearing_notice_on=case.hearing_notice_on,
        hearing_earliest=cal.add_workdays(case.hearing_notice_on, 7) if case.hearing_notice_on else None,
        hearing_on=case.hearing_on,
        hearing_held=case.hearing_held,
        presider_is_investigator=bool(case.hearing_presider_id and case.hearing_presider_id in investigators),
        decision_approved=has_approval(session, case.id, "决定"),
        decided_on=case.decided_on,
        service_method=None,
        service_deadline=deadlines.service_clock(case.decided_on, today=today, calendar=cal).due
        if case.decided_on else None,
        party_present_at_decision=case.party_present_at_decision,
        served_on=case.served_on,
        fine_outstanding_fen=amount_owed(session, case, env, on=overrides.get("act_on") or today),
        enforcement_applied=case.enforcement_applied_on is not None,
        transfer_sent=case.transfer_sent_on is not None,
        collections_not_handed_over=sum(1 for p in paid if p.channel == "on_spot" and p.handed_over_on is None),
        closing_approved=has_approval(session, case.id, "结案"),
        officers_present=len(set(case.officer_ids)),
        certificate_shown=case.certificate_shown,
        form_number=case.form_number,
        rights_informed=case.rights_informed,
        reconsideration_first_notified=case.reconsideration_first_notified,
        simple_limit_fen=money.SIMPLE_PROCEDURE_MAX_FEN[kind],
        on_spot_recorded=case.on_spot_recorded_on is not None,
    )
    return replace(facts, **overrides) if overrides else facts
