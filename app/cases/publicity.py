"""Publicity of penalty decisions (行政执法公示, Art. 48; 国办发〔2018〕118号): a masked package
queued for the county as an outbox-carried row, its display period, and its withdrawal."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date

from sqlalchemy import select
from sqlalchemy.orm import Session

from app.cases.common import add_months, case_parties, get_case, require_text
from app.cases.env import CaseEnv
from app.clock import format_cn_date
from app.context import Actor
from app.db.models.cases import Case, Party, PublicityRecord
from app.domain import deadlines, money
from app.domain.identifiers import mask_address, mask_id_number
from app.domain.procedure import WARNING, Outcome
from app.errors import Invalid, NotFound
from app.security.roles import Permission, require

# 《信用修复管理办法》(2026-04-01): display periods by severity, in months (min, max).
DISPLAY_MONTHS = {"一般": (3, 12), "严重": (12, 36)}
SEVERITIES = ("轻微", "一般", "严重")


@dataclass(frozen=True)
class PublicityView:
    id: str
    case_id: str
    decision_number: str
    queued_on: date
    published_on: date | None
    channel: str
    severity: str
    min_end: date | None
    max_end: date | None
    withdrawn_on: date | None
    withdraw_reason: str
    payload: dict
    warnings: tuple[str, ...] = ()


def _view(r: PublicityRecord, warnings: tuple[str, ...] = ()) -> PublicityView:
    return PublicityView(
        r.id, r.case_id, r.decision_number, r.queued_on, r.published_on, r.channel, r.severity,
        r.min_end, r.max_end, r.withdrawn_on, r.withdraw_reason, dict(r.payload), warnings,
    )


def _masked_name(p: Party) -> str:
    # A natural person's name is reduced to the surname (张某); organisations are published in full.
    if p.kind == "person":
        return (p.name[:1] + "某") if p.name else ""
    if p.kind == "indiv_biz":
        return p.trade_name or f"{p.operator_name[:1]}某（个体工商户）"
    return p.name


def publicity_payload(case: Case, parties: list[Party]) -> dict:
    """The "双公示" fields, with personal data masked (address, phone, ID number, person names)."""
    kinds = (["罚款"] if case.fine_fen else []) + list(case.other_penalties)
    result = "；".join(
        ([f"罚款{money.yuan(case.fine_fen)}"] if case.fine_fen else []) + list(case.other_penalties)
    )
    return {
        "决定书文号": case.decision_number or "",
        "处罚名称": case.title,
        "处罚类别": "、".join(kinds) or WARNING,
        "处罚事由": case.violation_name,
        "处罚依据": case.penalty_basis or case.legal_basis,
        "行政相对人": [
            {
                "名称": _masked_name(p),
                "类别": {"person": "自然人", "org": "法人及非法人组织", "indiv_biz": "个体工商户"}[p.kind],
                "统一社会信用代码": p.id_number if p.id_type in ("credit_code", "legacy_reg") else "",
                "证件号码": mask_id_number(p.id_number) if p.id_type == "resident_id" else "",
                "法定代表人": p.legal_representative if p.kind == "org" else "",
                "地址": mask_address(p.address) if p.kind == "person" else p.address,
            }
            for p in parties
        ],
        "处罚结果": result,
        "处罚决定日期": case.decided_on.isoformat() if case.decided_on else "",
        "处罚机关": case.issuing_authority,
    }


def queue_publicity(
    session: Session,
    actor: Actor,
    case_id: str,
    *,
    env: CaseEnv,
    severity: str = "一般",
    channel: str = "县级行政执法公示平台",
    on: date | None = None,
) -> PublicityView:
    """Prepare the masked publicity package for the county (pushed through the outbox)."""
    require(actor, Permission.ISSUE_DOCUMENT)
    case = get_case(session, case_id)
    on = on or env.day
    if case.decided_on is None or case.outcome != Outcome.PENALTY.value:
        raise Invalid("仅对已作出的行政处罚决定进行公示")
    if severity not in SEVERITIES:
        raise Invalid(f"失信程度应为：{'、'.join(SEVERITIES)}")
    if severity == "轻微":
        raise Invalid("轻微失信信息原则上不予公示（《信用修复管理办法》）")
    existing = session.scalars(
        select(PublicityRecord).where(PublicityRecord.case_id == case.id,
                                      PublicityRecord.deleted.is_(False),
                                      PublicityRecord.withdrawn_on.is_(None))
    ).first()
    if existing is not None:
        raise Invalid("本案处罚决定已在公示队列中")
    parties = case_parties(session, case.id)
    for p in parties:
        if p.kind == "person" and p.birth_date and add_months(p.birth_date, 18 * 12) > case.decided_on:
            raise Invalid(f"当事人{p.name[:1]}某作出决定时未满十八周岁，依法不予公开")
    warnings: list[str] = []
    clock = deadlines.publication_clock(case.decided_on, today=on, calendar=env.calendar, published_on=on)
    if clock.status == "overdue":
        warnings.append(f"处罚决定应在{format_cn_date(clock.due)}前公示，已逾期")
    low, high = DISPLAY_MONTHS[severity]
    row = PublicityRecord(
        case_id=case.id, decision_number=case.decision_number or "", queued_on=on, channel=channel,
        severity=severity, min_end=add_months(on, low), max_end=add_months(on, high),
        payload=publicity_payload(case, parties),
    )
    session.add(row)
    session.flush()
    return _view(row, tuple(warnings))


def _record(session: Session, record_id: str) -> PublicityRecord:
    row = session.get(PublicityRecord, record_id)
    if row is None or row.deleted:
        raise NotFound("公示记录不存在")
    return row


def mark_published(session: Session, actor: Actor, record_id: str, *, published_on: date) -> PublicityView:
    """The county confirmed publication on `published_on`; display periods run from that day."""
    require(actor, Permission.ISSUE_DOCUMENT)
    row = _record(session, record_id)
    if published_on < row.queued_on:
        raise Invalid("公示日期不得早于提交日期")
    low, high = DISPLAY_MONTHS[row.severity]
    row.published_on = published_on
    row.min_end, row.max_end = add_months(published_on, low), add_months(published_on, high)
    return _view(row)


def withdraw_publicity(
    session: Session, actor: Actor, record_id: str, *, env: CaseEnv, changed_on: date, reason: str,
    withdrawn_on: date | None = None,
) -> PublicityView:
    """Withdraw a published decision that was changed, revoked, or found illegal or void — within
    3 working days of the change (Art. 48), publishing the reason."""
    require(actor, Permission.ISSUE_DOCUMENT)
    row = _record(session, record_id)
    if row.withdrawn_on is not None:
        raise Invalid("该公示已撤回")
    withdrawn_on = withdrawn_on or env.day
    row.withdraw_reason = require_text(reason, "撤回理由（决定被变更、撤销或确认违法、无效）")
    clock = deadlines.withdrawal_clock(changed_on, today=withdrawn_on, calendar=env.calendar,
                                       withdrawn_on=withdrawn_on)
    row.withdrawn_on = withdrawn_on
    warnings = ()
    if clock.status == "overdue":
        warnings = (f"应在{format_cn_date(clock.due)}前撤回（第四十八条），已逾期",)
    return _view(row, warnings)


def case_publicity(session: Session, case_id: str) -> list[PublicityView]:
    rows = session.scalars(
        select(PublicityRecord).where(PublicityRecord.case_id == case_id,
                                      PublicityRecord.deleted.is_(False))
        .order_by(PublicityRecord.queued_on)
    ).all()
    return [_view(r) for r in rows]
