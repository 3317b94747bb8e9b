"""Statement and defence (陈述申辩, Art. 45) and the hearing (听证, Arts. 63–65): recording the
party's statement or waiver, the 复核 opinion, a hearing request, its notice and its holding.

Hearing time is not counted in the 90-day decision period: a request opens a paused interval that
the hearing (or the party's absence) closes.
"""

from __future__ import annotations

from collections.abc import Sequence
from datetime import date

from sqlalchemy import select
from sqlalchemy.orm import Session

from app.cases.common import apply, get_case, refuse, require_text
from app.cases.env import CaseEnv
from app.cases.facts import build_facts
from app.cases.queries import summary_of
from app.cases.views import CaseSummary
from app.context import Actor
from app.db.models.cases import Case, ClockEvent, InvestigativeAct
from app.domain.procedure import Action, Stage
from app.errors import Invalid
from app.security.roles import Permission, require


def _summary(session: Session, case: Case, env: CaseEnv, warnings: Sequence[str] = ()) -> CaseSummary:
    session.flush()
    return summary_of(session, case, env, tuple(warnings))


def record_statement(
    session: Session, actor: Actor, case_id: str, *, env: CaseEnv, on: date, summary: str = "",
    waived: bool = False, hearing_waived: bool = False,
) -> CaseSummary:
    """The party's 陈述申辩 (summary), or an express written waiver (also of the hearing)."""
    require(actor, Permission.EDIT_CASE)
    case = get_case(session, case_id)
    if not waived:
        summary = require_text(summary, "陈述申辩的主要内容")
    warnings = apply(case, build_facts(session, case, env, act_on=on), Action.RECORD_STATEMENT)
    if waived:
        case.statement_waived = True
    else:
        case.statement_received_on, case.statement_summary = on, summary
        case.recheck_opinion = ""  # a new statement needs its own 复核
    if hearing_waived:
        if case.hearing_requested_on is not None:
            raise Invalid("当事人已申请听证；撤回听证申请请在听证环节登记")
        case.hearing_waived = True
    return _summary(session, case, env, warnings)


def record_recheck(
    session: Session, actor: Actor, case_id: str, *, env: CaseEnv, opinion: str
) -> CaseSummary:
    """复核意见 on the party's statement (Art. 45): what was accepted and why."""
    require(actor, Permission.EDIT_CASE)
    case = get_case(session, case_id)
    if case.statement_received_on is None:
        raise Invalid("当事人未提出陈述申辩，无需复核")
    case.recheck_opinion = require_text(opinion, "复核意见")
    return _summary(session, case, env)


def request_hearing(
    session: Session, actor: Actor, case_id: str, *, env: CaseEnv, on: date
) -> CaseSummary:
    """The party asks for a hearing; hearing time is not counted in the decision period."""
    require(actor, Permission.EDIT_CASE)
    case = get_case(session, case_id)
    warnings = apply(case, build_facts(session, case, env, act_on=on), Action.REQUEST_HEARING)
    case.hearing_requested_on = on
    session.add(ClockEvent(case_id=case.id, kind="pause", start=on, reason="听证"))
    return _summary(session, case, env, warnings)


def schedule_hearing(
    session: Session, actor: Actor, case_id: str, *, env: CaseEnv, notice_on: date, hearing_on: date,
    presider_id: str,
) -> CaseSummary:
    """听证通知: the notice must reach the party 7 working days before; the presider must not be an
    investigator of the case."""
    require(actor, Permission.ISSUE_DOCUMENT)
    case = get_case(session, case_id)
    if Stage(case.stage) is not Stage.HEARING:
        raise Invalid("当事人未申请听证")
    from app.domain.deadlines import check_hearing_notice

    check_hearing_notice(hearing_on, notice_on, env.calendar)
    case.hearing_notice_on, case.hearing_on, case.hearing_presider_id = notice_on, hearing_on, presider_id
    facts = build_facts(session, case, env, act_on=hearing_on)
    if facts.presider_is_investigator:
        raise Invalid("听证由非本案调查人员主持（第六十四条）")
    if env.check_presider is not None:
        acts = session.scalars(select(InvestigativeAct).where(InvestigativeAct.case_id == case.id)).all()
        investigators = list(dict.fromkeys([*case.officer_ids, *(o for a in acts for o in a.officer_ids)]))
        problems = env.check_presider(session, presider_id, hearing_on, investigators)
        if problems:
            raise refuse(problems)
    return _summary(session, case, env)


def hold_hearing(
    session: Session, actor: Actor, case_id: str, *, env: CaseEnv, on: date, party_absent: bool = False
) -> CaseSummary:
    """The hearing took place (record signed), or the party stayed away without good reason, which
    counts as giving up the hearing (Art. 64)."""
    require(actor, Permission.EDIT_CASE)
    case = get_case(session, case_id)
    warnings = apply(case, build_facts(session, case, env, act_on=on), Action.HOLD_HEARING)
    if party_absent:
        case.hearing_waived = True
    else:
        case.hearing_held, case.hearing_on = True, on
    _end_hearing_pause(session, case, on)
    return _summary(session, case, env, warnings)


def withdraw_hearing_request(
    session: Session, actor: Actor, case_id: str, *, env: CaseEnv, on: date
) -> CaseSummary:
    """The party withdrew the hearing request in writing: the hearing is given up and the decision
    period runs again from `on`."""
    require(actor, Permission.EDIT_CASE)
    case = get_case(session, case_id)
    if Stage(case.stage) is not Stage.HEARING or case.hearing_held:
        raise Invalid("当事人没有待举行的听证申请")
    if case.hearing_requested_on and on < case.hearing_requested_on:
        raise Invalid("撤回日期不得早于申请日期")
    case.hearing_waived = True
    _end_hearing_pause(session, case, on)
    return _summary(session, case, env)


def _end_hearing_pause(session: Session, case: Case, on: date) -> None:
    pause = session.scalars(
        select(ClockEvent).where(
            ClockEvent.case_id == case.id, ClockEvent.kind == "pause", ClockEvent.end.is_(None),
            ClockEvent.reason == "听证", ClockEvent.deleted.is_(False),
        )
    ).first()
    if pause is not None:
        pause.end = on
