"""The lawful case lifecycle up to the decision: lead, filing, investigation, legal review,
collective discussion, prior notice, statement and defence, hearing, revocation.

Every transition checks the actor's role, asks the procedure state machine (refusing with its
Chinese reasons), then records the approval (who, role, when) and moves the case. The caller owns
the transaction (`store.write(actor, "case.…")`), so a refusal leaves nothing behind.
"""

from __future__ import annotations

from collections.abc import Sequence
from datetime import date, datetime

from sqlalchemy import func, select
from sqlalchemy.orm import Session

from app.cases.common import (
    apply,
    get_case,
    record_approval,
    refuse,
    require_text,
)
from app.cases.env import CaseEnv
from app.cases.facts import benchmark_tier, build_facts, notice_digest, party_kind, violation_item
from app.cases.parties import repeat_violations
from app.cases.queries import summary_of
from app.cases.views import CaseSummary
from app.context import Actor
from app.db.models.cases import Case, InvestigativeAct
from app.domain import discretion, money
from app.domain.procedure import Action, ActFacts, Outcome, Procedure, Stage, check
from app.domain.procedure_rules import check_investigative_act
from app.errors import Invalid, NotFound
from app.security.roles import Permission, require

SOURCES = ("巡查发现", "投诉举报", "上级交办", "部门移送", "媒体曝光", "其他")
ACT_KINDS = ("现场检查", "勘验", "询问", "先行登记保存", "抽样取证", "查封扣押", "检测鉴定", "其他")
HEAD_APPROVED_ACTS = {"先行登记保存": "先行登记保存", "查封扣押": "查封扣押"}
PRE_DECISION = {Stage.INVESTIGATING, Stage.INVESTIGATED, Stage.NOTIFIED, Stage.HEARING}


def _summary(session: Session, case: Case, env: CaseEnv, warnings: Sequence[str] = ()) -> CaseSummary:
    session.flush()
    return summary_of(session, case, env, tuple(warnings))


def register_lead(
    session: Session,
    actor: Actor,
    *,
    env: CaseEnv,
    source: str,
    discovered_on: date,
    violation_name: str,
    procedure: str = Procedure.ORDINARY.value,
    source_detail: str = "",
    violation_code: str = "",
    benchmark_id: str | None = None,
    violation_date: date | None = None,
    violation_end_date: date | None = None,
    violation_place: str = "",
    facts: str = "",
    legal_basis: str = "",
    penalty_basis: str = "",
    serious_harm: bool = False,
    officer_ids: Sequence[str] = (),
    reporter_name: str = "",
    reporter_phone: str = "",
) -> CaseSummary:
    """Register a lead (案源登记). Parties are added with `app.cases.parties.add_party`."""
    require(actor, Permission.REGISTER_CASE)
    if source not in SOURCES:
        raise Invalid(f"案源类型应为：{'、'.join(SOURCES)}")
    if procedure not in (Procedure.ORDINARY.value, Procedure.SIMPLE.value):
        raise Invalid("程序类型应为普通程序或简易程序")
    if discovered_on > env.day:
        raise Invalid("发现日期不得晚于今天")
    if violation_date and violation_date > discovered_on:
        raise Invalid("违法行为发生日期不得晚于发现日期")
    if violation_end_date and violation_date and violation_end_date < violation_date:
        raise Invalid("违法行为终了日期不得早于发生日期")
    name = require_text(violation_name, "涉嫌违法行为")
    year_start = date(env.day.year, 1, 1)
    count = session.scalar(select(func.count()).select_from(Case).where(Case.registered_on >= year_start))
    case = Case(
        lead_number=f"{env.day.year}-{(count or 0) + 1:04d}",
        title=f"{name}案", procedure=procedure, stage=Stage.LEAD.value,
        issuing_authority=env.prefs.issuing_authority, source=source, source_detail=source_detail.strip(),
        reporter_name=reporter_name.strip(), reporter_phone=reporter_phone.strip(),
        discovered_on=discovered_on, registered_on=env.day, officer_ids=list(officer_ids),
        violation_code=violation_code, violation_name=name, benchmark_id=benchmark_id,
        violation_date=violation_date, violation_end_date=violation_end_date,
        violation_place=violation_place.strip(), facts=facts.strip(), legal_basis=legal_basis.strip(),
        penalty_basis=penalty_basis.strip(), serious_harm=serious_harm,
    )
    session.add(case)
    return _summary(session, case, env)


EDITABLE_FIELDS = {
    "violation_code", "violation_name", "benchmark_id", "violation_date", "violation_end_date",
    "violation_place", "facts", "legal_basis", "penalty_basis", "serious_harm", "officer_ids",
    "source_detail", "reporter_name", "reporter_phone",
}


NOTIFIED_FIELDS = {"violation_code", "violation_name", "facts", "legal_basis", "penalty_basis"}


def update_case(session: Session, actor: Actor, case_id: str, *, env: CaseEnv, **changes) -> CaseSummary:
    """Edit the case's facts before the decision; after it the decision is fixed."""
    require(actor, Permission.EDIT_CASE)
    case = get_case(session, case_id)
    unknown = set(changes) - EDITABLE_FIELDS
    if unknown:
        raise Invalid(f"不能在此修改：{'、'.join(sorted(unknown))}")
    if Stage(case.stage) not in PRE_DECISION | {Stage.LEAD}:
        raise Invalid(f"案件处于“{Stage(case.stage).label}”阶段，案件事实不能再修改")
    warnings = []
    for key, value in changes.items():
        value = value.strip() if isinstance(value, str) else value
        if case.notice_served_on and key in NOTIFIED_FIELDS and getattr(case, key) != value:
            warnings.append("事先告知后变更了违法事实或依据，作出决定前应当重新履行事先告知程序（第四十四条）")
        setattr(case, key, value)
    return _summary(session, case, env, list(dict.fromkeys(warnings)))


def approve_filing(
    session: Session,
    actor: Actor,
    case_id: str,
    *,
    env: CaseEnv,
    on: date | None = None,
    opinion: str = "同意立案",
    case_number: str | None = None,
) -> CaseSummary:
    """The head approves the 立案审批表: the case is filed on `on` and investigation begins.
    Without `case_number` the case is numbered from the filing serials (app.cases.numbers)."""
    require(actor, Permission.APPROVE_FILING)
    case = get_case(session, case_id)
    on = on or env.day
    facts = build_facts(session, case, env, act_on=on, filing_approved=True)
    warnings = apply(case, facts, Action.FILE)
    record_approval(session, actor, case, "立案", on=on, opinion=opinion)
    case.filed_on = case.filing_approved_on = on
    if case_number and case_number.strip():
        case.case_number = case_number.strip()
    elif not case.case_number:
        from app.cases.numbers import next_case_number

        case.case_number = next_case_number(session, env, squad_id=actor.squad_id, on=on)
    return _summary(session, case, env, warnings)


def refuse_filing(
    session: Session, actor: Actor, case_id: str, *, env: CaseEnv, reason: str, on: date | None = None
) -> CaseSummary:
    """The head decides not to file (不予立案); the reason is kept for the lead register."""
    require(actor, Permission.APPROVE_FILING)
    case = get_case(session, case_id)
    on = on or env.day
    case.ended_reason = reason.strip()
    facts = build_facts(session, case, env, act_on=on, filing_refusal_approved=True)
    warnings = apply(case, facts, Action.REFUSE_FILING)
    record_approval(session, actor, case, "不予立案", on=on, opinion=case.ended_reason)
    case.closed_on = on
    return _summary(session, case, env, warnings)


def approve_measure(
    session: Session, actor: Actor, case_id: str, *, env: CaseEnv, kind: str, opinion: str = "",
    on: date | None = None,
) -> str:
    """The head approves 先行登记保存 or 查封扣押 before it is carried out; returns the approval id
    to pass to `record_act`."""
    if kind not in HEAD_APPROVED_ACTS:
        raise Invalid(f"“{kind}”无需单独审批")
    case = get_case(session, case_id)
    if Stage(case.stage) not in PRE_DECISION:
        raise Invalid("请先立案，再审批先行登记保存或行政强制措施")
    row = record_approval(session, actor, case, kind, on=on or env.day, opinion=opinion or "同意")
    session.flush()
    return row.id


def record_act(
    session: Session,
    actor: Actor,
    case_id: str,
    *,
    env: CaseEnv,
    kind: str,
    started_at: datetime,
    officer_ids: Sequence[str],
    ended_at: datetime | None = None,
    place: str = "",
    helpers: str = "",
    notes: str = "",
    certificate_shown: bool = True,
    approval_id: str | None = None,
    emergency: bool = False,
    has_recording: bool = False,
) -> tuple[str, tuple[str, ...]]:
    """Record an investigative act; returns (act id, warnings). Officers are checked on the act's
    date (certificate valid, at least two) by the environment's eligibility check."""
    require(actor, Permission.EDIT_CASE)
    if kind not in ACT_KINDS:
        raise Invalid(f"调查取证活动类型应为：{'、'.join(ACT_KINDS)}")
    case = get_case(session, case_id)
    if ended_at and ended_at < started_at:
        raise Invalid("结束时间不得早于开始时间")
    from app.clock import to_china

    day = to_china(started_at).date()
    if day > env.day:
        raise Invalid("调查取证时间不得晚于今天")
    reasons, warnings = check(build_facts(session, case, env, act_on=day), Action.RECORD_ACT)
    approved = False
    if approval_id:
        from app.db.models.cases import Approval

        approval = session.get(Approval, approval_id)
        if approval is None or approval.case_id != case.id or approval.kind != HEAD_APPROVED_ACTS.get(kind):
            raise NotFound("所引用的审批记录不存在或不属于本项活动")
        approved = approval.decision == "approved" and (approval.on <= day or emergency)
    act_reasons, act_warnings = check_investigative_act(
        Stage(case.stage),
        ActFacts(kind=kind, officers=len(set(officer_ids)), certificate_shown=certificate_shown,
                 approved=approved, emergency=emergency, has_recording=has_recording),
    )
    reasons += act_reasons
    reasons += [r for r in env.eligibility(session, list(officer_ids), day, act=kind) if r not in reasons]
    if reasons:
        raise refuse(list(dict.fromkeys(reasons)))
    act = InvestigativeAct(
        case_id=case.id, kind=kind, started_at=started_at, ended_at=ended_at, place=place.strip(),
        officer_ids=list(dict.fromkeys(officer_ids)), helpers=helpers.strip(), notes=notes.strip(),
        certificate_shown=certificate_shown, approval_id=approval_id, emergency=emergency,
        has_recording=has_recording,
    )
    session.add(act)
    session.flush()
    return act.id, tuple(warnings + act_warnings)


def handle_preserved(
    session: Session, actor: Actor, act_id: str, *, env: CaseEnv, handled_on: date, handling: str
) -> None:
    """Record the handling decision for preserved or seized items (Art. 56; 行政强制法 Art. 27)."""
    require(actor, Permission.EDIT_CASE)
    act = session.get(InvestigativeAct, act_id)
    if act is None or act.deleted:
        raise NotFound("调查取证记录不存在")
    if act.handled_on is not None:
        raise Invalid("已作出处理决定")
    if handled_on < act.started_at.date():
        raise Invalid("处理决定日期不得早于保存或查封扣押日期")
    act.handled_on = handled_on
    act.handling = require_text(handling, "处理决定内容")


def end_investigation(
    session: Session, actor: Actor, case_id: str, *, env: CaseEnv, on: date | None = None,
    opinion: str = "同意调查终结",
) -> CaseSummary:
    """The head reviews the 调查终结报告; the case moves to 调查终结."""
    require(actor, Permission.DECIDE)
    case = get_case(session, case_id)
    on = on or env.day
    warnings = apply(case, build_facts(session, case, env, act_on=on, investigation_end_approved=True),
                     Action.END_INVESTIGATION)
    record_approval(session, actor, case, "调查终结", on=on, opinion=opinion)
    return _summary(session, case, env, warnings)


def propose(
    session: Session,
    actor: Actor,
    case_id: str,
    *,
    env: CaseEnv,
    outcome: str,
    fine_fen: int = 0,
    other_penalties: Sequence[str] = (),
    tier: str = "",
    circumstances: Sequence[str] = (),
    discretion_reasoning: str = "",
    review_required: bool | None = None,
    discussion_required: bool | None = None,
) -> CaseSummary:
    """Record the proposed handling (拟处理意见): outcome, penalty and how discretion was applied.

    Warns when the party had the same violation within 12 months (从重 factor; 首违不罚 excluded).
    """
    require(actor, Permission.EDIT_CASE)
    case = get_case(session, case_id)
    if Stage(case.stage) not in PRE_DECISION:
        raise Invalid(f"案件处于“{Stage(case.stage).label}”阶段，不能拟定处理意见")
    try:
        result = Outcome(outcome)
    except ValueError:
        raise Invalid("处理意见应为：给予处罚、不予处罚（轻微）、不予处罚（事实不成立）、移送司法机关") from None
    if fine_fen < 0:
        raise Invalid("罚款金额不能为负数")
    penalties = list(dict.fromkeys(p.strip() for p in other_penalties if p.strip()))
    if result is not Outcome.PENALTY and (fine_fen or penalties):
        raise Invalid(f"“{result.label}”不能同时拟定罚款或其他处罚")
    item = violation_item(session, case)
    if item and item.legal_max_fen is not None and fine_fen > item.legal_max_fen:
        raise Invalid(
            f"罚款{money.yuan(fine_fen)}超过法定最高限额{money.yuan(item.legal_max_fen)}（第三十八条）"
        )
    case.outcome, case.fine_fen, case.other_penalties = result.value, fine_fen, penalties
    case.tier, case.circumstances = tier.strip(), list(circumstances)
    warnings: list[str] = []
    found = benchmark_tier(case, party_kind(session, case), env) if result is Outcome.PENALTY else None
    if found is not None:
        if found[1] is None:
            raise Invalid(f"裁量基准事项“{found[0].name}”没有适用于本案当事人的“{case.tier or '（未选）'}”阶次")
        # Above the legal maximum, or below the minimum outside 减轻, can never be approved.
        discretion.check_fine(found[0], found[1], fine_fen, reduction_approved=True)
    elif result is Outcome.PENALTY and env.benchmarks and case.violation_code:
        warnings.append("未找到违法行为发生时有效的裁量基准事项，请核对违法行为代码")
    case.discretion_reasoning = discretion_reasoning.strip()
    if review_required is not None:
        case.review_required = review_required
    if discussion_required is not None:
        case.discussion_required = discussion_required
    if result is Outcome.PENALTY and not case.discretion_reasoning:
        warnings.append("决定书应当说明裁量基准的适用理由（说理式文书）")
    from app.cases.common import case_parties

    for party in case_parties(session, case.id):
        repeats = repeat_violations(
            session, id_number=party.id_number, violation_code=case.violation_code,
            on=case.violation_date or env.day, exclude_case_id=case.id,
        )
        if repeats:
            numbers = "、".join(r.case_number or r.lead_number for r in repeats)
            warnings.append(f"当事人{party.name}在12个月内有同类违法记录（{numbers}），可能构成从重情节，且不适用首违不罚")
    return _summary(session, case, env, warnings)


def legal_review(
    session: Session, actor: Actor, case_id: str, *, env: CaseEnv, passed: bool, opinion: str,
    on: date | None = None, reviewer_id: str | None = None, reviewer_qualified: bool = True,
) -> CaseSummary:
    """法制审核 by the legal reviewer (Art. 58): passed, or failed with the opinion (no decision).
    With `reviewer_id` the roster confirms the reviewer's 法律职业资格."""
    require(actor, Permission.LEGAL_REVIEW)
    case = get_case(session, case_id)
    on = on or env.day
    opinion = require_text(opinion, "法制审核意见")
    if reviewer_id and env.check_reviewer is not None:
        problems = env.check_reviewer(session, reviewer_id, on)
        if problems:
            raise refuse(problems)
    facts = build_facts(session, case, env, act_on=on, reviewer_qualified=reviewer_qualified)
    warnings = apply(case, facts, Action.LEGAL_REVIEW)
    record_approval(session, actor, case, "法制审核", on=on, approved=passed, opinion=opinion)
    return _summary(session, case, env, warnings)


def collective_discussion(
    session: Session, actor: Actor, case_id: str, *, env: CaseEnv, attendees: Sequence[str],
    conclusion: str, approved: bool = True, on: date | None = None,
) -> CaseSummary:
    """负责人集体讨论 (Art. 57 para 2): who took part and what they concluded."""
    require(actor, Permission.DECIDE)
    case = get_case(session, case_id)
    on = on or env.day
    names = [a.strip() for a in attendees if a.strip()]
    if len(set(names)) < 2:
        raise Invalid("集体讨论须记录参加讨论的负责人（至少两人）")
    conclusion = require_text(conclusion, "集体讨论结论")
    warnings = apply(case, build_facts(session, case, env, act_on=on), Action.COLLECTIVE_DISCUSSION)
    record_approval(session, actor, case, "集体讨论", on=on, approved=approved, opinion=conclusion,
                    attendees=names)
    return _summary(session, case, env, warnings)


def send_notice(
    session: Session, actor: Actor, case_id: str, *, env: CaseEnv, served_on: date
) -> CaseSummary:
    """Record that the 行政处罚事先告知书 was served: the proposal is frozen as notified, the hearing
    right is offered when the penalty reaches Art. 63, and the periods start (again, if re-notified)."""
    require(actor, Permission.ISSUE_DOCUMENT)
    case = get_case(session, case_id)
    if served_on > env.day:
        raise Invalid("送达日期不得晚于今天")
    facts = build_facts(session, case, env, act_on=served_on)
    warnings = apply(case, facts, Action.SEND_NOTICE)
    case.notice_served_on = served_on
    case.notified_fine_fen = case.fine_fen
    case.notified_penalties = list(case.other_penalties)
    case.notified_digest = notice_digest(case)
    case.hearing_offered = facts.hearing_eligible
    case.statement_received_on, case.statement_summary, case.statement_waived = None, "", False
    case.recheck_opinion = ""
    case.hearing_requested_on, case.hearing_waived, case.hearing_notice_on = None, False, None
    case.hearing_on, case.hearing_held, case.hearing_presider_id = None, False, None
    return _summary(session, case, env, warnings)


def revoke_filing(
    session: Session, actor: Actor, case_id: str, *, env: CaseEnv, reason: str, on: date | None = None
) -> CaseSummary:
    """撤销立案 with the head's approval (e.g. no jurisdiction, the party has died or dissolved)."""
    require(actor, Permission.APPROVE_FILING)
    case = get_case(session, case_id)
    on = on or env.day
    case.ended_reason = reason.strip()
    warnings = apply(case, build_facts(session, case, env, act_on=on, approval_given=True),
                     Action.REVOKE_FILING)
    record_approval(session, actor, case, "撤销立案", on=on, opinion=case.ended_reason)
    case.closed_on = on
    return _summary(session, case, env, warnings)


def hand_over_collections(
    session: Session, actor: Actor, case_id: str, *, env: CaseEnv, on: date
) -> tuple[str, ...]:
    """Every fine of the case collected on the spot and not yet handed over reached the agency on
    `on` (Art. 71) — one step for the clerk, who hands over what was collected together; returns
    warnings (late hand-over). Closing waits for this."""
    from app.cases.decision import record_handover
    from app.db.models.cases import Payment

    require(actor, Permission.EDIT_CASE)
    case = get_case(session, case_id)
    pending = session.scalars(
        select(Payment.id).where(Payment.case_id == case.id, Payment.channel == "on_spot",
                                 Payment.handed_over_on.is_(None), Payment.deleted.is_(False))
    ).all()
    if not pending:
        raise Invalid("本案没有待上缴的当场收缴罚款")
    warnings: list[str] = []
    for payment_id in pending:
        warnings += [w for w in record_handover(session, actor, payment_id, env=env, on=on) if w not in warnings]
    return tuple(warnings)


# The statement and hearing steps live in app.cases.hearing; re-exported so callers find every
# pre-decision transition here.
from app.cases.hearing import (  # noqa: E402,F401
    hold_hearing,
    record_recheck,
    record_statement,
    request_hearing,
    schedule_hearing,
    withdraw_hearing_request,
)
