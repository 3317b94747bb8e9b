"""Everything the case detail pane shows, read in one go: the detail, the buttons, the timeline.

Read-only. `next_actions` judges the case as it stands, so an action whose approval or choice is
given *in its own dialog* (立案 needs the head's approval, 送达 needs a method …) would always read
as refused. `button_states` re-checks each action with what its dialog supplies assumed given, so a
button is disabled only for reasons the dialog cannot fix; the service re-checks everything with
the real values when the clerk presses 确定.
"""

from __future__ import annotations

from dataclasses import dataclass, replace
from datetime import date

from sqlalchemy.orm import Session

from app.cases.common import get_case
from app.cases.env import CaseEnv
from app.cases.facts import build_facts, violation_item
from app.cases.listing import TimelineEntry, case_timeline
from app.cases.queries import case_detail
from app.cases.views import CaseDetail
from app.domain.procedure import (
    Action,
    ActionState,
    CaseFacts,
    Outcome,
    ServiceMethod,
    check,
    next_actions,
    target_stage,
)

# What each action's dialog supplies (approval, reason, method, on-the-spot formalities).
SUPPLIED_BY_DIALOG: dict[Action, dict] = {
    Action.FILE: {"filing_approved": True},
    Action.REFUSE_FILING: {"filing_refusal_approved": True, "reason_given": True},
    Action.END_INVESTIGATION: {"investigation_end_approved": True},
    Action.EXTEND: {"approval_given": True, "reason_given": True},
    Action.DECIDE: {"decision_approved": True},
    Action.SERVE: {"service_method": ServiceMethod.DIRECT},
    Action.DEFER_PAYMENT: {"party_applied": True, "approval_given": True},
    Action.CLOSE: {"closing_approved": True},
    Action.REVOKE_FILING: {"reason_given": True, "approval_given": True},
    Action.ON_SPOT_PENALTY: {"officers_present": 2, "certificate_shown": True, "form_number": "—",
                             "rights_informed": True, "reconsideration_first_notified": True},
    Action.RECORD_PAYMENT: {"special_receipt": True},
}


@dataclass(frozen=True)
class CaseView:
    detail: CaseDetail
    buttons: tuple[ActionState, ...]
    timeline: tuple[TimelineEntry, ...]
    violation_item: str          # the power-list item, "CG-001 …", or ""


def _event_days(facts: CaseFacts) -> list[date]:
    """Days the clerk may be recording an act for, besides today: the case's own event dates
    (a hearing request made within its period may be entered days later)."""
    days = {facts.filed_on, facts.notice_served_on, facts.hearing_notice_on, facts.hearing_on,
            facts.decided_on, facts.served_on}
    return sorted(d for d in days if d is not None and d <= facts.today)


def button_states(session: Session, case_id: str, *, env: CaseEnv) -> list[ActionState]:
    """Each next action, judged as its dialog will submit it. An action refused today but
    allowed on one of the case's event days stays enabled (the form asks for the date and the
    service checks it); otherwise today's reasons are shown."""
    facts = build_facts(session, get_case(session, case_id), env)
    out = []
    for state in next_actions(facts):
        extra = dict(SUPPLIED_BY_DIALOG.get(state.action, {}))
        if state.action is Action.ON_SPOT_PENALTY and facts.fine_fen <= 0:
            extra.update(outcome=Outcome.PENALTY, fine_fen=1)
        assumed = replace(facts, **extra)
        reasons, warnings = check(assumed, state.action)
        if reasons:
            for day in _event_days(facts):
                if not check(replace(assumed, act_on=day), state.action)[0]:
                    reasons, warnings = [], [f"须按实际发生日期登记（今日办理不符合期限要求：{'；'.join(reasons)}）"]
                    break
        state = replace(state, allowed=not reasons, reasons=tuple(reasons),
                        warnings=tuple(warnings), target=target_stage(assumed, state.action))
        out.append(state)
    return out


def load_case_view(session: Session, case_id: str, *, env: CaseEnv) -> CaseView:
    detail = case_detail(session, case_id, env=env)
    item = violation_item(session, get_case(session, case_id))
    return CaseView(
        detail=detail,
        buttons=tuple(button_states(session, case_id, env=env)),
        timeline=tuple(case_timeline(session, case_id)),
        violation_item=f"{item.code} {item.name}" if item is not None else "",
    )
