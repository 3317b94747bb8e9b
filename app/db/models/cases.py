"""Case files: cases, parties, investigative acts, approvals, clock events, evidence, payments,
publicity records, and the county's power list / discretion benchmarks (reference data).

Dates that the law counts (filing, notice, decision, service) are `Date` in China time; moments
(who approved when) are `UtcDateTime`. Officers are referenced by id (String(36)); their rows and
certificates belong to the officers area. Money is integer fen.
"""

from __future__ import annotations

from datetime import date, datetime

from sqlalchemy import Boolean, Date, ForeignKey, Integer, String, Text
from sqlalchemy.orm import Mapped, mapped_column

from app.db.base import Base, Synced
from app.db.types import JsonText, UtcDateTime


class Case(Synced, Base):
    """One case (一案一卷). `stage` is an `app.domain.procedure.Stage` value; the facts the
    procedure checks are kept here as dates and flags so the state machine can be re-run."""

    __tablename__ = "cases"

    case_number: Mapped[str | None] = mapped_column(String(60), default=None, index=True)  # 案号
    lead_number: Mapped[str] = mapped_column(String(40), default="")  # 案源登记编号
    title: Mapped[str] = mapped_column(String(200), default="")
    procedure: Mapped[str] = mapped_column(String(10), default="ordinary")
    stage: Mapped[str] = mapped_column(String(20), default="lead", index=True)
    issuing_authority: Mapped[str] = mapped_column(String(100), default="")
    # Lead (案源)
    source: Mapped[str] = mapped_column(String(20), default="")  # 巡查发现/投诉举报/上级交办/部门移送…
    source_detail: Mapped[str] = mapped_column(Text, default="")
    reporter_name: Mapped[str] = mapped_column(String(60), default="")
    reporter_phone: Mapped[str] = mapped_column(String(30), default="")
    discovered_on: Mapped[date | None] = mapped_column(Date, default=None)
    registered_on: Mapped[date | None] = mapped_column(Date, default=None)
    officer_ids: Mapped[list] = mapped_column(JsonText(), default=list)  # 承办人员, first = 主办
    # Violation and discretion
    violation_code: Mapped[str] = mapped_column(String(40), default="", index=True)
    violation_name: Mapped[str] = mapped_column(String(200), default="")
    benchmark_id: Mapped[str | None] = mapped_column(String(36), default=None)
    violation_date: Mapped[date | None] = mapped_column(Date, default=None)
    violation_end_date: Mapped[date | None] = mapped_column(Date, default=None)  # continuing acts
    violation_place: Mapped[str] = mapped_column(String(200), default="")
    facts: Mapped[str] = mapped_column(Text, default="")
    legal_basis: Mapped[str] = mapped_column(Text, default="")  # 违法依据
    penalty_basis: Mapped[str] = mapped_column(Text, default="")  # 处罚依据
    serious_harm: Mapped[bool] = mapped_column(Boolean, default=False)  # Art. 36: 5-year limitation
    tier: Mapped[str] = mapped_column(String(20), default="")
    circumstances: Mapped[list] = mapped_column(JsonText(), default=list)
    discretion_reasoning: Mapped[str] = mapped_column(Text, default="")
    outcome: Mapped[str | None] = mapped_column(String(20), default=None)  # proposed, then decided
    fine_fen: Mapped[int] = mapped_column(Integer, default=0)
    other_penalties: Mapped[list] = mapped_column(JsonText(), default=list)
    review_required: Mapped[bool] = mapped_column(Boolean, default=False)
    discussion_required: Mapped[bool] = mapped_column(Boolean, default=False)
    # Filing
    filed_on: Mapped[date | None] = mapped_column(Date, default=None)
    filing_approved_on: Mapped[date | None] = mapped_column(Date, default=None)
    # Prior notice, statement, hearing
    notice_served_on: Mapped[date | None] = mapped_column(Date, default=None)
    notified_fine_fen: Mapped[int | None] = mapped_column(Integer, default=None)
    notified_penalties: Mapped[list] = mapped_column(JsonText(), default=list)
    # SHA-256 of the facts, reasons and basis as notified; a change after notice needs a new notice.
    notified_digest: Mapped[str] = mapped_column(String(64), default="")
    hearing_offered: Mapped[bool] = mapped_column(Boolean, default=False)
    statement_received_on: Mapped[date | None] = mapped_column(Date, default=None)
    statement_summary: Mapped[str] = mapped_column(Text, default="")
    statement_waived: Mapped[bool] = mapped_column(Boolean, default=False)
    recheck_opinion: Mapped[str] = mapped_column(Text, default="")  # 复核意见 (Art. 45)
    hearing_requested_on: Mapped[date | None] = mapped_column(Date, default=None)
    hearing_waived: Mapped[bool] = mapped_column(Boolean, default=False)
    hearing_notice_on: Mapped[date | None] = mapped_column(Date, default=None)
    hearing_on: Mapped[date | None] = mapped_column(Date, default=None)
    hearing_held: Mapped[bool] = mapped_column(Boolean, default=False)
    hearing_presider_id: Mapped[str | None] = mapped_column(String(36), default=None)
    education_note: Mapped[str] = mapped_column(Text, default="")  # Art. 33 education record
    # Decision and service
    decision_number: Mapped[str | None] = mapped_column(String(60), default=None)
    decided_on: Mapped[date | None] = mapped_column(Date, default=None)
    party_present_at_decision: Mapped[bool] = mapped_column(Boolean, default=False)
    service_method: Mapped[str | None] = mapped_column(String(20), default=None)
    served_on: Mapped[date | None] = mapped_column(Date, default=None)
    transfer_sent_on: Mapped[date | None] = mapped_column(Date, default=None)
    # Simple procedure (当场处罚)
    form_number: Mapped[str] = mapped_column(String(40), default="")
    certificate_shown: Mapped[bool] = mapped_column(Boolean, default=False)
    rights_informed: Mapped[bool] = mapped_column(Boolean, default=False)
    reconsideration_first_notified: Mapped[bool] = mapped_column(Boolean, default=False)
    on_spot_recorded_on: Mapped[date | None] = mapped_column(Date, default=None)
    # Execution, closing, archive
    enforcement_applied_on: Mapped[date | None] = mapped_column(Date, default=None)
    closed_on: Mapped[date | None] = mapped_column(Date, default=None)
    closing_summary: Mapped[str] = mapped_column(Text, default="")
    archived_on: Mapped[date | None] = mapped_column(Date, default=None)
    archive_number: Mapped[str | None] = mapped_column(String(20), default=None)
    ended_reason: Mapped[str] = mapped_column(Text, default="")  # 不予立案 / 撤销立案 reason


class Party(Synced, Base):
    """A party (当事人): a person, an organisation, or an individual business (个体工商户)."""

    __tablename__ = "parties"

    kind: Mapped[str] = mapped_column(String(10))  # person | org | indiv_biz
    name: Mapped[str] = mapped_column(String(200), index=True)
    id_type: Mapped[str] = mapped_column(String(20), default="")  # resident_id | credit_code | legacy_reg | other
    id_number: Mapped[str] = mapped_column(String(40), default="", index=True)
    trade_name: Mapped[str] = mapped_column(String(200), default="")  # 字号 of an individual business
    operator_name: Mapped[str] = mapped_column(String(60), default="")  # 经营者 of an individual business
    legal_representative: Mapped[str] = mapped_column(String(60), default="")
    address: Mapped[str] = mapped_column(String(300), default="")
    phone: Mapped[str] = mapped_column(String(30), default="")
    sex: Mapped[str] = mapped_column(String(2), default="")
    birth_date: Mapped[date | None] = mapped_column(Date, default=None)


class CaseParty(Synced, Base):
    __tablename__ = "case_parties"

    case_id: Mapped[str] = mapped_column(ForeignKey("cases.id"), index=True)
    party_id: Mapped[str] = mapped_column(ForeignKey("parties.id"), index=True)
    role: Mapped[str] = mapped_column(String(20), default="当事人")


class InvestigativeAct(Synced, Base):
    """现场检查, 询问, 先行登记保存, 抽样取证, 查封扣押 …: who, when, where; at least two officers."""

    __tablename__ = "investigative_acts"

    case_id: Mapped[str] = mapped_column(ForeignKey("cases.id"), index=True)
    kind: Mapped[str] = mapped_column(String(20))
    started_at: Mapped[datetime] = mapped_column(UtcDateTime())
    ended_at: Mapped[datetime | None] = mapped_column(UtcDateTime(), default=None)
    place: Mapped[str] = mapped_column(String(200), default="")
    officer_ids: Mapped[list] = mapped_column(JsonText(), default=list)
    helpers: Mapped[str] = mapped_column(String(200), default="")  # 协助人员/见证人
    notes: Mapped[str] = mapped_column(Text, default="")
    certificate_shown: Mapped[bool] = mapped_column(Boolean, default=True)
    approval_id: Mapped[str | None] = mapped_column(String(36), default=None)
    emergency: Mapped[bool] = mapped_column(Boolean, default=False)
    has_recording: Mapped[bool] = mapped_column(Boolean, default=False)
    handled_on: Mapped[date | None] = mapped_column(Date, default=None)  # 先行登记保存 handling
    handling: Mapped[str] = mapped_column(Text, default="")


class Approval(Synced, Base):
    """An internal approval (立案, 调查终结, 法制审核, 集体讨论, 决定, 延期, 结案, 暂缓分期 …)."""

    __tablename__ = "approvals"

    case_id: Mapped[str] = mapped_column(ForeignKey("cases.id"), index=True)
    kind: Mapped[str] = mapped_column(String(20))
    decision: Mapped[str] = mapped_column(String(10))  # approved | rejected
    by_user: Mapped[str] = mapped_column(String(64))
    role: Mapped[str] = mapped_column(String(20))
    at: Mapped[datetime] = mapped_column(UtcDateTime())
    on: Mapped[date] = mapped_column(Date)  # the date the approval counts from (China time)
    opinion: Mapped[str] = mapped_column(Text, default="")
    attendees: Mapped[list] = mapped_column(JsonText(), default=list)  # 集体讨论 participants


class ClockEvent(Synced, Base):
    """An extension of the decision period, or an interval not counted in it (听证, 鉴定, 中止…)."""

    __tablename__ = "clock_events"

    case_id: Mapped[str] = mapped_column(ForeignKey("cases.id"), index=True)
    kind: Mapped[str] = mapped_column(String(10))  # extension | pause
    days: Mapped[int] = mapped_column(Integer, default=0)
    start: Mapped[date | None] = mapped_column(Date, default=None)
    end: Mapped[date | None] = mapped_column(Date, default=None)
    reason: Mapped[str] = mapped_column(Text, default="")
    approval_id: Mapped[str | None] = mapped_column(String(36), default=None)


class Evidence(Synced, Base):
    """One evidence file, stored once by SHA-256 under the data folder and never modified."""

    __tablename__ = "evidence"

    case_id: Mapped[str] = mapped_column(ForeignKey("cases.id"), index=True)
    sha256: Mapped[str] = mapped_column(String(64), index=True)
    file_name: Mapped[str] = mapped_column(String(260))
    evidence_type: Mapped[str] = mapped_column(String(20))  # Art. 46 kinds
    description: Mapped[str] = mapped_column(Text, default="")
    captured_at: Mapped[datetime | None] = mapped_column(UtcDateTime(), default=None)
    place: Mapped[str] = mapped_column(String(200), default="")
    officer_ids: Mapped[list] = mapped_column(JsonText(), default=list)
    device: Mapped[str] = mapped_column(String(60), default="")  # body camera id
    act_id: Mapped[str | None] = mapped_column(String(36), default=None)
    size: Mapped[int] = mapped_column(Integer)
    mime: Mapped[str] = mapped_column(String(100), default="")


class Payment(Synced, Base):
    """A fine instalment (one row when paid at once) and how it was paid (罚缴分离: the bank)."""

    __tablename__ = "payments"

    case_id: Mapped[str] = mapped_column(ForeignKey("cases.id"), index=True)
    instalment: Mapped[int] = mapped_column(Integer, default=1)
    due_on: Mapped[date | None] = mapped_column(Date, default=None)
    amount_fen: Mapped[int] = mapped_column(Integer)
    paid_on: Mapped[date | None] = mapped_column(Date, default=None)
    paid_fen: Mapped[int] = mapped_column(Integer, default=0)
    surcharge_fen: Mapped[int] = mapped_column(Integer, default=0)
    channel: Mapped[str] = mapped_column(String(20), default="")  # bank | online | on_spot
    receipt_number: Mapped[str] = mapped_column(String(60), default="")
    deferred: Mapped[bool] = mapped_column(Boolean, default=False)  # 暂缓/分期 plan row
    handed_over_on: Mapped[date | None] = mapped_column(Date, default=None)  # 当场收缴 → agency (Art. 71)


class PublicityRecord(Synced, Base):
    """A decision published (行政执法公示 / 双公示), with the masked payload sent to the county."""

    __tablename__ = "publicity_records"

    case_id: Mapped[str] = mapped_column(ForeignKey("cases.id"), index=True)
    decision_number: Mapped[str] = mapped_column(String(60), default="")
    queued_on: Mapped[date] = mapped_column(Date)
    published_on: Mapped[date | None] = mapped_column(Date, default=None)
    channel: Mapped[str] = mapped_column(String(60), default="")
    severity: Mapped[str] = mapped_column(String(10), default="一般")  # 轻微 | 一般 | 严重
    min_end: Mapped[date | None] = mapped_column(Date, default=None)
    max_end: Mapped[date | None] = mapped_column(Date, default=None)
    withdrawn_on: Mapped[date | None] = mapped_column(Date, default=None)
    withdraw_reason: Mapped[str] = mapped_column(Text, default="")
    payload: Mapped[dict] = mapped_column(JsonText(), default=dict)


class BenchmarkVersion(Synced, Base):
    """A discretion benchmark document (裁量基准) issued by the county. Reference data."""

    __tablename__ = "benchmark_versions"
    __push__ = False

    field: Mapped[str] = mapped_column(String(60), default="")
    issuer: Mapped[str] = mapped_column(String(100), default="")
    doc_no: Mapped[str] = mapped_column(String(100), default="")
    title: Mapped[str] = mapped_column(String(200), default="")
    valid_from: Mapped[date | None] = mapped_column(Date, default=None)
    valid_to: Mapped[date | None] = mapped_column(Date, default=None)
    published_url: Mapped[str] = mapped_column(String(300), default="")
    supersedes: Mapped[str | None] = mapped_column(String(36), default=None)


class ViolationItemRef(Synced, Base):
    """One row of the power list (权责清单) with its tiers. Reference data from the county."""

    __tablename__ = "violation_items"
    __push__ = False

    benchmark_id: Mapped[str] = mapped_column(ForeignKey("benchmark_versions.id"), index=True)
    code: Mapped[str] = mapped_column(String(40), index=True)
    name: Mapped[str] = mapped_column(String(200))
    violated_basis: Mapped[str] = mapped_column(Text, default="")
    penalty_basis: Mapped[str] = mapped_column(Text, default="")
    party_kinds: Mapped[list] = mapped_column(JsonText(), default=list)
    legal_min_fen: Mapped[int | None] = mapped_column(Integer, default=None)
    legal_max_fen: Mapped[int | None] = mapped_column(Integer, default=None)
    other_penalties: Mapped[list] = mapped_column(JsonText(), default=list)
    tiers: Mapped[list] = mapped_column(JsonText(), default=list)
    source: Mapped[dict] = mapped_column(JsonText(), default=dict)  # the item as the county sent it
