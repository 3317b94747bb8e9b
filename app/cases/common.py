"""Helpers shared by the case services: loading rows, recording approvals, applying transitions."""

from __future__ import annotations

from datetime import date

from sqlalchemy import select
from sqlalchemy.orm import Session

from app.clock import utc_now
from app.context import Actor
from app.db.models.cases import Approval, Case, CaseParty, Party
from app.domain.procedure import Action, CaseFacts, check, target_stage
from app.errors import Invalid, NotFound
from app.security.roles import GRANTS, Permission, Role, require

# Approval kinds (Chinese, as printed on approval forms) and the permission each needs.
APPROVAL_PERMISSIONS = {
    "立案": Permission.APPROVE_FILING,
    "不予立案": Permission.APPROVE_FILING,
    "撤销立案": Permission.APPROVE_FILING,
    "先行登记保存": Permission.DECIDE,
    "查封扣押": Permission.DECIDE,
    "调查终结": Permission.DECIDE,
    "法制审核": Permission.LEGAL_REVIEW,
    "集体讨论": Permission.DECIDE,
    "决定": Permission.DECIDE,
    "延期": Permission.DECIDE,
    "暂缓分期": Permission.DECIDE,
    "结案": Permission.CLOSE_CASE,
}
APPROVED = "approved"
REJECTED = "rejected"


def get_case(session: Session, case_id: str) -> Case:
    case = session.get(Case, case_id)
    if case is None or case.deleted:
        raise NotFound("案件不存在或已被删除")
    return case


def case_parties(session: Session, case_id: str) -> list[Party]:
    rows = session.scalars(
        select(Party)
        .join(CaseParty, CaseParty.party_id == Party.id)
        .where(CaseParty.case_id == case_id, CaseParty.deleted.is_(False), Party.deleted.is_(False))
        .order_by(CaseParty.updated_at)
    )
    return list(rows)


def role_for(actor: Actor, permission: Permission) -> str:
    """The label of the actor's role that grants `permission` (printed on the approval)."""
    for role in Role:
        if role.value in actor.roles and permission in GRANTS.get(role, frozenset()):
            return role.label
    return ""


def record_approval(
    session: Session,
    actor: Actor,
    case: Case,
    kind: str,
    *,
    on: date,
    approved: bool = True,
    opinion: str = "",
    attendees: list[str] | None = None,
) -> Approval:
    """Check the actor may give this approval and record who, in which role, when."""
    permission = APPROVAL_PERMISSIONS[kind]
    require(actor, permission)
    row = Approval(
        case_id=case.id, kind=kind, decision=APPROVED if approved else REJECTED,
        by_user=actor.user, role=role_for(actor, permission), at=utc_now(), on=on,
        opinion=opinion.strip(), attendees=list(attendees or []),
    )
    session.add(row)
    return row


def latest_approval(session: Session, case_id: str, kind: str) -> Approval | None:
    with session.no_autoflush:
        return session.scalars(
            select(Approval)
            .where(Approval.case_id == case_id, Approval.kind == kind, Approval.deleted.is_(False))
            .order_by(Approval.on.desc(), Approval.at.desc())
            .limit(1)
        ).first()


def has_approval(session: Session, case_id: str, kind: str) -> bool:
    row = latest_approval(session, case_id, kind)
    return row is not None and row.decision == APPROVED


def refuse(reasons: list[str]) -> Invalid:
    return Invalid("；".join(reasons))


def apply(case: Case, facts: CaseFacts, action: Action) -> tuple[str, ...]:
    """Run the state machine; refuse with its reasons, else move the case and return warnings."""
    reasons, warnings = check(facts, action)
    if reasons:
        raise refuse(reasons)
    case.stage = target_stage(facts, action).value
    return tuple(warnings)


def require_text(value: str, what: str) -> str:
    text = (value or "").strip()
    if not text:
        raise Invalid(f"请填写{what}")
    return text


def add_months(day: date, months: int) -> date:
    """Same day `months` later; a missing day (31st, 29 Feb) becomes the month's last day."""
    year, month = divmod(day.month - 1 + months, 12)
    target = date(day.year + year, month + 1, 1)
    for d in (day.day, 30, 29, 28):
        try:
            return target.replace(day=d)
        except ValueError:
            continue
    raise AssertionError("unreachable")
