"""The decision and after: deciding (Art. 57), service (Art. 61), the on-the-spot procedure
(Arts. 51–52), payment through the bank (罚缴分离, Arts. 66–72), transfer, closing and archiving."""

from __future__ import annotations

from collections.abc import Sequence
from datetime import date

from sqlalchemy import func, select
from sqlalchemy.orm import Session

from app.cases.common import add_months, apply, case_parties, get_case, record_approval, refuse, require_text
from app.clock import format_cn_date
from app.cases.env import CaseEnv
from app.cases.facts import amount_owed, build_facts, payment_due
from app.cases.queries import summary_of
from app.cases.views import CaseSummary
from app.context import Actor
from app.db.models.cases import Case, Payment
from app.domain import money
from app.domain.procedure import WARNING, Action, Outcome, ServiceMethod, Stage, check
from app.errors import Invalid
from app.security.roles import Permission, require

CHANNELS = {"bank": "银行代收", "online": "电子缴款", "on_spot": "当场收缴"}


def _summary(session: Session, case: Case, env: CaseEnv, warnings: Sequence[str] = ()) -> CaseSummary:
    session.flush()
    return summary_of(session, case, env, tuple(warnings))


def decide(
    session: Session,
    actor: Actor,
    case_id: str,
    *,
    env: CaseEnv,
    on: date | None = None,
    opinion: str = "",
    decision_number: str | None = None,
    party_present: bool = False,
    education_note: str | None = None,
) -> CaseSummary:
    """The head decides on the proposed outcome (Art. 57). `education_note` records the education
    given when no penalty is imposed for a minor violation (Art. 33). Without `decision_number`
    the number comes when the 决定书 is issued (written back by app.cases.numbers)."""
    require(actor, Permission.DECIDE)
    case = get_case(session, case_id)
    on = on or env.day
    if on > env.day:
        raise Invalid("决定日期不得晚于今天")
    if education_note is not None:
        case.education_note = education_note.strip()
    facts = build_facts(session, case, env, act_on=on, decision_approved=True)
    if case.outcome != Outcome.TRANSFER.value:
        missing = [p.name for p in case_parties(session, case.id) if not p.address.strip()]
        if missing:
            raise Invalid(f"决定书应当载明当事人的地址，请补充{'、'.join(missing)}的地址（第五十九条）")
    warnings = apply(case, facts, Action.DECIDE)
    record_approval(session, actor, case, "决定", on=on,
                    opinion=opinion or f"同意：{Outcome(case.outcome).label}")
    case.decided_on = on
    case.party_present_at_decision = party_present
    if decision_number:
        case.decision_number = decision_number.strip()
    return _summary(session, case, env, warnings)


def serve_decision(
    session: Session,
    actor: Actor,
    case_id: str,
    *,
    env: CaseEnv,
    served_on: date,
    method: str,
    electronic_consent: bool = False,
    witness_or_video: bool = False,
    other_methods_failed: bool = False,
) -> CaseSummary:
    """Record service of the decision (送达回证). For 公告送达 give the day it is deemed served."""
    require(actor, Permission.ISSUE_DOCUMENT)
    case = get_case(session, case_id)
    try:
        how = ServiceMethod(method)
    except ValueError:
        raise Invalid(f"送达方式“{method}”无效") from None
    if served_on > env.day and how is not ServiceMethod.PUBLIC_NOTICE:
        raise Invalid("送达日期不得晚于今天")
    facts = build_facts(
        session, case, env, act_on=served_on, service_method=how,
        electronic_consent=electronic_consent, witness_or_video=witness_or_video,
        other_methods_failed=other_methods_failed,
    )
    warnings = apply(case, facts, Action.SERVE)
    case.served_on, case.service_method = served_on, how.value
    return _summary(session, case, env, warnings)


def on_spot_penalty(
    session: Session,
    actor: Actor,
    case_id: str,
    *,
    env: CaseEnv,
    on: date,
    officer_ids: Sequence[str],
    form_number: str,
    fine_fen: int = 0,
    warning: bool = False,
    certificate_shown: bool,
    rights_informed: bool,
    reconsideration_first_notified: bool,
    discretion_reasoning: str = "",
) -> CaseSummary:
    """当场处罚 (简易程序): a warning or a small fine, decided and handed over on the spot on the
    pre-numbered form. The officers' certificates are checked on the day."""
    require(actor, Permission.EDIT_CASE)
    case = get_case(session, case_id)
    if fine_fen < 0:
        raise Invalid("罚款金额不能为负数")
    if on > env.day:
        raise Invalid("处罚日期不得晚于今天")
    case.officer_ids = list(dict.fromkeys(officer_ids))
    case.form_number = form_number.strip()
    case.certificate_shown, case.rights_informed = certificate_shown, rights_informed
    case.reconsideration_first_notified = reconsideration_first_notified
    case.outcome, case.fine_fen = Outcome.PENALTY.value, fine_fen
    case.other_penalties = [WARNING] if warning else []
    case.discretion_reasoning = discretion_reasoning.strip()
    facts = build_facts(session, case, env, act_on=on)
    eligibility = env.eligibility(session, case.officer_ids, on, act="当场处罚")
    reasons, warnings = check(facts, Action.ON_SPOT_PENALTY)
    reasons += [r for r in eligibility if r not in reasons]
    if reasons:
        raise refuse(reasons)
    case.stage = Stage.EXECUTING.value
    case.decided_on = case.served_on = on
    case.decision_number = case.form_number
    case.service_method, case.party_present_at_decision = ServiceMethod.DIRECT.value, True
    return _summary(session, case, env, warnings)


def record_on_spot_filing(
    session: Session, actor: Actor, case_id: str, *, env: CaseEnv, on: date
) -> CaseSummary:
    """当场处罚决定书报所属行政机关备案 (Art. 52)."""
    require(actor, Permission.EDIT_CASE)
    case = get_case(session, case_id)
    warnings = apply(case, build_facts(session, case, env, act_on=on), Action.FILE_ON_SPOT_RECORD)
    case.on_spot_recorded_on = on
    return _summary(session, case, env, warnings)


def _plan_rows(session: Session, case_id: str) -> list[Payment]:
    return list(session.scalars(
        select(Payment).where(Payment.case_id == case_id, Payment.deferred.is_(True),
                              Payment.deleted.is_(False)).order_by(Payment.instalment)
    ))


def record_payment(
    session: Session,
    actor: Actor,
    case_id: str,
    *,
    env: CaseEnv,
    paid_on: date,
    amount_fen: int,
    channel: str = "bank",
    receipt_number: str = "",
    hard_to_collect: bool = False,
    remote_area_request: bool = False,
) -> CaseSummary:
    """Record a payment the bank reported (or an on-the-spot collection with the finance receipt).
    The Art. 72 surcharge accrued by `paid_on` is part of what is owed."""
    require(actor, Permission.EDIT_CASE)
    case = get_case(session, case_id)
    if channel not in CHANNELS:
        raise Invalid(f"缴款方式应为：{'、'.join(CHANNELS.values())}")
    if amount_fen <= 0:
        raise Invalid("缴款金额应大于零")
    if paid_on > env.day or (case.decided_on and paid_on < case.decided_on):
        raise Invalid("缴款日期应在决定日期之后、今天之前")
    on_spot = channel == "on_spot"
    facts = build_facts(
        session, case, env, act_on=paid_on, collected_on_spot=on_spot,
        on_spot_collection_allowed=money.on_the_spot_collection_allowed(
            case.fine_fen, hard_to_collect, remote_area_request=remote_area_request
        ),
        special_receipt=bool(receipt_number.strip()),
        fine_outstanding_fen=amount_owed(session, case, env, on=paid_on),
    )
    warnings = apply(case, facts, Action.RECORD_PAYMENT)
    owed = facts.fine_outstanding_fen
    if amount_fen > owed:
        raise Invalid(f"缴款金额{money.yuan(amount_fen)}超过应缴金额{money.yuan(owed)}")
    paid_before = sum(p.paid_fen for p in session.scalars(
        select(Payment).where(Payment.case_id == case.id, Payment.deleted.is_(False))))
    surcharge = max(0, owed + paid_before - case.fine_fen)
    session.add(Payment(
        case_id=case.id, instalment=0, due_on=payment_due(case, env), amount_fen=amount_fen,
        paid_on=paid_on, paid_fen=amount_fen, surcharge_fen=surcharge, channel=channel,
        receipt_number=receipt_number.strip(),
    ))
    covered = paid_before + amount_fen
    for row in _plan_rows(session, case.id):  # instalments are paid off in order
        covered -= row.amount_fen
        if covered >= 0 and row.paid_on is None:
            row.paid_on = paid_on
    if surcharge:
        warnings += (f"含加处罚款{money.yuan(surcharge)}（第七十二条）",)
    return _summary(session, case, env, warnings)


def record_handover(
    session: Session, actor: Actor, payment_id: str, *, env: CaseEnv, on: date
) -> tuple[str, ...]:
    """Money collected on the spot was handed to the agency on `on` (Art. 71: within 2 working
    days of collection); returns warnings."""
    require(actor, Permission.EDIT_CASE)
    row = session.get(Payment, payment_id)
    if row is None or row.deleted or row.channel != "on_spot":
        raise Invalid("该缴款记录不是当场收缴的罚款")
    if row.handed_over_on is not None:
        raise Invalid("该笔罚款已登记上缴")
    if on < row.paid_on or on > env.day:
        raise Invalid("上缴日期应在收缴日期之后、今天之前")
    row.handed_over_on = on
    due = env.calendar.add_workdays(row.paid_on, 2)
    if on > due:
        return (f"当场收缴的罚款应于{format_cn_date(due)}前交至行政机关（第七十一条），已逾期",)
    return ()


def defer_payment(
    session: Session,
    actor: Actor,
    case_id: str,
    *,
    env: CaseEnv,
    applied_on: date,
    plan: Sequence[tuple[date, int]],
    opinion: str,
    on: date | None = None,
) -> CaseSummary:
    """暂缓或分期缴纳 (Art. 66): the party applied on `applied_on`; the head approves `plan`, a list
    of (due date, amount in fen) covering what is owed. One entry = deferral."""
    require(actor, Permission.DECIDE)
    case = get_case(session, case_id)
    on = on or env.day
    opinion = require_text(opinion, "审批意见（当事人确有经济困难的情况）")
    facts = build_facts(session, case, env, act_on=on, party_applied=True, approval_given=True)
    warnings = apply(case, facts, Action.DEFER_PAYMENT)
    if _plan_rows(session, case.id):
        raise Invalid("本案已批准暂缓或分期缴纳")
    if not plan or sum(a for _, a in plan) != facts.fine_outstanding_fen:
        raise Invalid(f"分期金额合计应等于应缴金额{money.yuan(facts.fine_outstanding_fen)}")
    dates = [d for d, _ in plan]
    if dates != sorted(dates) or dates[0] < on or any(a <= 0 for _, a in plan):
        raise Invalid("分期缴款日期应按先后排列且不早于批准日，每期金额应大于零")
    approval = record_approval(session, actor, case, "暂缓分期", on=on,
                               opinion=f"{opinion}（申请日{applied_on.isoformat()}）")
    for number, (due, amount) in enumerate(plan, 1):
        session.add(Payment(case_id=case.id, instalment=number, due_on=due, amount_fen=amount,
                            deferred=True, channel="", receipt_number=approval.id))
    return _summary(session, case, env, warnings)


def record_transfer(
    session: Session, actor: Actor, case_id: str, *, env: CaseEnv, on: date, receiver: str
) -> CaseSummary:
    """The case file was handed to the judicial organ (Art. 27)."""
    require(actor, Permission.ISSUE_DOCUMENT)
    case = get_case(session, case_id)
    if case.outcome != Outcome.TRANSFER.value or case.decided_on is None:
        raise Invalid("本案未决定移送司法机关")
    case.transfer_sent_on = on
    case.closing_summary = f"已于{on.isoformat()}移送{require_text(receiver, '接收机关')}"
    return _summary(session, case, env)


def apply_for_enforcement(
    session: Session,
    actor: Actor,
    case_id: str,
    *,
    env: CaseEnv,
    on: date,
    demand_served_on: date,
    remedy_concluded_on: date | None = None,
) -> CaseSummary:
    """申请人民法院强制执行 (行政强制法 Arts. 53–54): only once the party let the review (60 days)
    and litigation (6 months) periods pass — or the review/litigation ended on
    `remedy_concluded_on` — and 10 working days after the demand (催告书) was served; within
    3 months of that."""
    require(actor, Permission.DECIDE)
    case = get_case(session, case_id)
    if case.served_on is None or amount_owed(session, case, env, on=on) <= 0:
        raise Invalid("本案没有已送达且未缴的罚款")
    due = payment_due(case, env)
    if due is None or on <= due:
        raise Invalid("缴款期限尚未届满，不能申请强制执行")
    opens = remedy_concluded_on or add_months(case.served_on, 6)
    if on <= opens:
        raise Invalid(
            f"当事人申请行政复议、提起行政诉讼的期限届满（{format_cn_date(opens)}）后，方可申请人民法院强制执行"
            "（《行政强制法》第五十三条）"
        )
    earliest = env.calendar.add_workdays(demand_served_on, 10)
    if on < earliest:
        raise Invalid(
            f"催告书送达十日后当事人仍未履行的，方可申请强制执行，最早可于{format_cn_date(earliest)}申请"
            "（《行政强制法》第五十四条）"
        )
    warnings: tuple[str, ...] = ()
    if on > add_months(opens, 3):
        warnings = (f"已超过申请强制执行的三个月期限（{format_cn_date(add_months(opens, 3))}，《行政强制法》第五十三条）",)
    case.enforcement_applied_on = on
    return _summary(session, case, env, warnings)


def close_case(
    session: Session, actor: Actor, case_id: str, *, env: CaseEnv, summary: str,
    on: date | None = None,
) -> CaseSummary:
    """结案 with the head's approval once the decision is executed (or transferred)."""
    require(actor, Permission.CLOSE_CASE)
    case = get_case(session, case_id)
    on = on or env.day
    text = require_text(summary, "结案报告（执行情况）")
    warnings = apply(case, build_facts(session, case, env, act_on=on, closing_approved=True), Action.CLOSE)
    record_approval(session, actor, case, "结案", on=on, opinion=text)
    case.closed_on, case.closing_summary = on, text
    return _summary(session, case, env, warnings)


def archive_case(
    session: Session, actor: Actor, case_id: str, *, env: CaseEnv, on: date | None = None
) -> CaseSummary:
    """归档: the 8-digit archive number is the filing year and a serial from 0001 in that year."""
    require(actor, Permission.EDIT_CASE)
    case = get_case(session, case_id)
    on = on or env.day
    warnings = apply(case, build_facts(session, case, env, act_on=on), Action.ARCHIVE)
    year = (case.filed_on or case.registered_on or on).year
    count = session.scalar(
        select(func.count()).select_from(Case).where(Case.archive_number.like(f"{year}%"))
    )
    case.archived_on, case.archive_number = on, f"{year}{(count or 0) + 1:04d}"
    return _summary(session, case, env, warnings)

