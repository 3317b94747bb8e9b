"""Plain frozen dataclasses the case services return (no ORM object crosses to the UI)."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date, datetime

from app.domain.deadlines import Clock
from app.domain.procedure import ActionState


@dataclass(frozen=True)
class PartyView:
    id: str
    kind: str                 # person | org | indiv_biz
    name: str
    id_type: str
    id_number: str
    trade_name: str
    operator_name: str
    legal_representative: str
    address: str
    phone: str
    sex: str
    birth_date: date | None
    warnings: tuple[str, ...] = ()


@dataclass(frozen=True)
class CaseSummary:
    id: str
    case_number: str | None
    lead_number: str
    title: str
    procedure: str
    stage: str
    stage_label: str
    pending: str              # "待法制审核", "陈述申辩期间" …
    party_names: tuple[str, ...]
    violation_code: str
    violation_name: str
    discovered_on: date | None
    filed_on: date | None
    decided_on: date | None
    closed_on: date | None
    outcome: str | None
    fine_fen: int
    warnings: tuple[str, ...] = ()   # warnings of the action just performed


@dataclass(frozen=True)
class ApprovalView:
    id: str
    kind: str
    decision: str
    by_user: str
    role: str
    at: datetime
    on: date
    opinion: str


@dataclass(frozen=True)
class ActView:
    id: str
    kind: str
    started_at: datetime
    ended_at: datetime | None
    place: str
    officer_ids: tuple[str, ...]
    notes: str
    handled_on: date | None


@dataclass(frozen=True)
class EvidenceView:
    id: str
    sha256: str
    file_name: str
    evidence_type: str
    description: str
    captured_at: datetime | None
    place: str
    officer_ids: tuple[str, ...]
    device: str
    act_id: str | None
    size: int
    mime: str


@dataclass(frozen=True)
class PaymentView:
    id: str
    instalment: int
    due_on: date | None
    amount_fen: int
    paid_on: date | None
    paid_fen: int
    surcharge_fen: int
    channel: str
    receipt_number: str


@dataclass(frozen=True)
class CaseDetail:
    summary: CaseSummary
    fields: dict              # the case's own columns (plain values), for forms
    parties: tuple[PartyView, ...]
    approvals: tuple[ApprovalView, ...]
    acts: tuple[ActView, ...]
    evidence: tuple[EvidenceView, ...]
    payments: tuple[PaymentView, ...]
    clocks: tuple[Clock, ...]
    actions: tuple[ActionState, ...]
    amount_owed_fen: int


@dataclass(frozen=True)
class DueItem:
    """One row of the 即将到期 / 已超期 dashboard."""

    case_id: str
    case_number: str | None
    title: str
    clock: Clock
    severity: str             # overdue | due_soon
