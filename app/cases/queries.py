"""Read-side queries for the UI: case summaries and details, lists, available actions."""

from __future__ import annotations

from collections.abc import Iterable

from sqlalchemy import or_, select
from sqlalchemy.orm import Session

from app.cases.clocks import clocks_of
from app.cases.common import case_parties, get_case
from app.cases.env import CaseEnv
from app.cases.facts import amount_owed, build_facts
from app.cases.parties import party_view
from app.cases.views import (
    ActView,
    ApprovalView,
    CaseDetail,
    CaseSummary,
    EvidenceView,
    PaymentView,
)
from app.db.journal import plain
from app.db.models.cases import Approval, Case, CaseParty, Evidence, InvestigativeAct, Party, Payment
from app.domain.procedure import ActionState, Stage, next_actions, pending_step


def summary_of(
    session: Session, case: Case, env: CaseEnv | None = None, warnings: tuple[str, ...] = ()
) -> CaseSummary:
    """A case's list row. With `env` the pending step is exact (it needs the calendar)."""
    stage = Stage(case.stage)
    pending = pending_step(build_facts(session, case, env)) if env else stage.label
    return CaseSummary(
        id=case.id, case_number=case.case_number, lead_number=case.lead_number, title=case.title,
        procedure=case.procedure, stage=case.stage, stage_label=stage.label, pending=pending,
        party_names=tuple(p.name for p in case_parties(session, case.id)),
        violation_code=case.violation_code, violation_name=case.violation_name,
        discovered_on=case.discovered_on, filed_on=case.filed_on, decided_on=case.decided_on,
        closed_on=case.closed_on, outcome=case.outcome, fine_fen=case.fine_fen, warnings=warnings,
    )


def summaries(session: Session, cases: Iterable[Case], env: CaseEnv | None = None) -> list[CaseSummary]:
    return [summary_of(session, c, env) for c in cases]


def list_cases(
    session: Session,
    *,
    stages: Iterable[str] | None = None,
    procedure: str | None = None,
    text: str = "",
    limit: int = 200,
    offset: int = 0,
) -> list[CaseSummary]:
    """Cases newest first, optionally by stage, procedure, and a plain substring over number,
    title and party name (full-text search is the case-UI's FTS index)."""
    query = select(Case).where(Case.deleted.is_(False))
    if stages:
        query = query.where(Case.stage.in_(list(stages)))
    if procedure:
        query = query.where(Case.procedure == procedure)
    if text.strip():
        like = f"%{text.strip()}%"
        party_match = select(CaseParty.case_id).join(Party, Party.id == CaseParty.party_id).where(
            CaseParty.deleted.is_(False), or_(Party.name.like(like), Party.id_number.like(like))
        )
        query = query.where(or_(
            Case.case_number.like(like), Case.title.like(like), Case.lead_number.like(like),
            Case.id.in_(party_match),
        ))
    query = query.order_by(Case.registered_on.desc(), Case.updated_at.desc()).limit(limit).offset(offset)
    return summaries(session, session.scalars(query).all())


def case_summary(session: Session, case_id: str, *, env: CaseEnv) -> CaseSummary:
    return summary_of(session, get_case(session, case_id), env)


def case_actions(session: Session, case_id: str, *, env: CaseEnv) -> list[ActionState]:
    """What can be done next, allowed or not, with the reasons — for buttons and their tooltips."""
    return next_actions(build_facts(session, get_case(session, case_id), env))


def _rows(session: Session, model, case_id: str, order):  # noqa: ANN001
    return session.scalars(
        select(model).where(model.case_id == case_id, model.deleted.is_(False)).order_by(order)
    ).all()


def case_detail(session: Session, case_id: str, *, env: CaseEnv) -> CaseDetail:
    case = get_case(session, case_id)
    facts = build_facts(session, case, env)
    approvals = tuple(
        ApprovalView(a.id, a.kind, a.decision, a.by_user, a.role, a.at, a.on, a.opinion)
        for a in _rows(session, Approval, case.id, Approval.at)
    )
    acts = tuple(
        ActView(a.id, a.kind, a.started_at, a.ended_at, a.place, tuple(a.officer_ids), a.notes, a.handled_on)
        for a in _rows(session, InvestigativeAct, case.id, InvestigativeAct.started_at)
    )
    evidence = tuple(
        EvidenceView(
            e.id, e.sha256, e.file_name, e.evidence_type, e.description, e.captured_at, e.place,
            tuple(e.officer_ids), e.device, e.act_id, e.size, e.mime,
        )
        for e in _rows(session, Evidence, case.id, Evidence.captured_at)
    )
    payments = tuple(
        PaymentView(p.id, p.instalment, p.due_on, p.amount_fen, p.paid_on, p.paid_fen,
                    p.surcharge_fen, p.channel, p.receipt_number)
        for p in _rows(session, Payment, case.id, Payment.instalment)
    )
    fields = {c.key: plain(getattr(case, c.key)) for c in Case.__table__.columns}
    return CaseDetail(
        summary=CaseSummary(**{**summary_of(session, case).__dict__, "pending": pending_step(facts)}),
        fields=fields,
        parties=tuple(party_view(p) for p in case_parties(session, case.id)),
        approvals=approvals, acts=acts, evidence=evidence, payments=payments,
        clocks=tuple(clocks_of(session, case, env)),
        actions=tuple(next_actions(facts)),
        amount_owed_fen=amount_owed(session, case, env),
    )
