"""The context dict the document renderer fills templates from, built from a case's rows.

Keys follow `app.documents.samples.CASE` (party_*, case_cause, facts, officers, …) plus the
per-document keys this area can know (decision, notice, hearing, review, payment, closing, archive).
Values are display strings (dates as 2026年3月1日, money in words and figures); keys whose facts
are not recorded yet are left out so the renderer's own checks report what is missing.
"""

from __future__ import annotations

from datetime import date
from typing import Any

from sqlalchemy import select
from sqlalchemy.orm import Session

from app.cases.common import case_parties, get_case, latest_approval
from app.cases.env import CaseEnv
from app.cases.facts import payment_due
from app.clock import format_cn_date
from app.db.models.cases import Case, Evidence, InvestigativeAct, Party
from app.domain import money
from app.domain.procedure import SERVICE_LABELS, WARNING, Outcome, ServiceMethod

ID_LABELS = {"resident_id": "居民身份证号码", "credit_code": "统一社会信用代码", "legacy_reg": "注册号"}


def _d(day: date | None) -> str | None:
    return format_cn_date(day) if day else None


def _amount(fen: int) -> str:
    return f"人民币{money.to_chinese_uppercase(fen)}（¥{money.yuan(fen).removesuffix('元')}）"


def _officers(session: Session, ids: list[str], on: date) -> list[dict[str, str]]:
    """Names and certificate numbers from the roster; an unknown id is shown as-is."""
    from app.db.models.officers import Officer  # noqa: PLC0415
    from app.officers.eligibility import pick_certificate  # noqa: PLC0415

    out = []
    for officer_id in ids:
        officer = session.get(Officer, officer_id)
        if officer is None:
            out.append({"name": officer_id, "cert_no": ""})
            continue
        cert, _status = pick_certificate(officer.certificates, on)
        out.append({"name": officer.name, "cert_no": cert.number if cert else ""})
    return out


def _party_fields(parties: list[Party]) -> dict[str, Any]:
    if not parties:
        return {}
    p = parties[0]
    name = p.name + ("等" if len(parties) > 1 else "")
    representative = p.legal_representative if p.kind == "org" else p.operator_name if p.kind == "indiv_biz" else ""
    return {
        "party_name": name, "party_id_label": ID_LABELS.get(p.id_type, "证件号码"),
        "party_id_no": p.id_number, "party_representative": representative,
        "party_address": p.address, "party_phone": p.phone,
        "parties": [
            {"name": q.name, "kind": q.kind, "id_label": ID_LABELS.get(q.id_type, "证件号码"),
             "id_no": q.id_number, "address": q.address, "phone": q.phone, "sex": q.sex,
             "birth": _d(q.birth_date) or ""}
            for q in parties
        ],
    }


def _penalty_text(case: Case) -> str:
    parts = []
    if case.fine_fen:
        parts.append(f"罚款{_amount(case.fine_fen)}")
    parts += list(case.other_penalties)
    return "；".join(parts) + "。" if parts else ""


def case_document_context(session: Session, case_id: str, *, env: CaseEnv | None = None) -> dict:
    """Everything a document about this case may print, as plain strings, lists and dicts."""
    env = env or CaseEnv()
    case = get_case(session, case_id)
    acts = session.scalars(
        select(InvestigativeAct).where(InvestigativeAct.case_id == case.id, InvestigativeAct.deleted.is_(False))
        .order_by(InvestigativeAct.started_at)
    ).all()
    evidence = session.scalars(
        select(Evidence).where(Evidence.case_id == case.id, Evidence.deleted.is_(False))
        .order_by(Evidence.captured_at)
    ).all()
    officer_ids = list(dict.fromkeys([*case.officer_ids, *(o for a in acts for o in a.officer_ids)]))
    officers = _officers(session, officer_ids, case.filed_on or case.decided_on or env.day)
    ctx: dict[str, Any] = {
        **_party_fields(case_parties(session, case.id)),
        "case_id": case.id,
        "case_title": case.title,
        "case_cause": case.violation_name,
        "case_number": case.case_number or "",
        "lead_number": case.lead_number,
        "issuing_authority": case.issuing_authority or env.prefs.issuing_authority,
        "procedure": "简易程序" if case.procedure == "simple" else "普通程序",
        "officers": officers,
        "handler_names": "、".join(o["name"] for o in officers),
        "case_source": case.source,
        "violation_place": case.violation_place,
        "facts": case.facts,
        "violated_provision": case.legal_basis,
        "penalty_basis": case.penalty_basis,
        "legal_basis": "、".join(x for x in (case.legal_basis, case.penalty_basis) if x),
        "discretion_reasoning": case.discretion_reasoning,
        "evidence_text": "；".join(
            f"{i}.{e.description or e.file_name}（{e.evidence_type}）" for i, e in enumerate(evidence, 1)
        ) + ("。" if evidence else ""),
        "review_body": env.prefs.review_body,
        "court": env.prefs.court,
        "payment_bank": env.prefs.payment_bank,
        "payment_account": env.prefs.payment_account,
        "reply_days": str(env.prefs.statement_reply_workdays),
        "hearing_days": str(env.prefs.hearing_request_workdays),
    }
    optional = {
        "discovered_at": _d(case.discovered_on),
        "violation_date": _d(case.violation_date),
        "filing_date": _d(case.filed_on),
        "notice_date": _d(case.notice_served_on),
        "decision_number": case.decision_number,
        "decision_date": _d(case.decided_on),
        "served_date": _d(case.served_on),
        "service_method": SERVICE_LABELS[ServiceMethod(case.service_method)] if case.service_method else None,
        "closing_date": _d(case.closed_on),
        "archive_no": case.archive_number,
        "payment_deadline": _d(payment_due(case, env)),
        "hearing_request_date": _d(case.hearing_requested_on),
        "hearing_time": _d(case.hearing_on),
    }
    ctx.update({k: v for k, v in optional.items() if v})
    if case.outcome == Outcome.PENALTY.value:
        ctx["penalty_text"] = _penalty_text(case)
        ctx["proposed_penalty"] = ctx["penalty_text"]
        ctx["hearing_applicable"] = case.hearing_offered
        if case.fine_fen:
            ctx["fine_amount_text"] = ctx["amount_text"] = _amount(case.fine_fen)
        ctx["warning_only"] = not case.fine_fen and case.other_penalties == [WARNING]
        ctx["statement_handling"] = _statement_handling(case)
    elif case.outcome in (Outcome.NO_PENALTY_MINOR.value, Outcome.NOT_ESTABLISHED.value):
        ctx["no_penalty_ground"] = Outcome(case.outcome).label
        if case.education_note:
            ctx["education"] = case.education_note
    for kind, key in (("法制审核", "legal_review"), ("集体讨论", "collective_discussion"),
                      ("结案", "closing"), ("立案", "filing")):
        approval = latest_approval(session, case.id, kind)
        if approval is not None:
            ctx[f"{key}_opinion"] = approval.opinion
            ctx[f"{key}_by"] = approval.by_user
            ctx[f"{key}_date"] = format_cn_date(approval.on)
            if approval.attendees:
                ctx[f"{key}_attendees"] = "、".join(approval.attendees)
    if case.closing_summary:
        ctx["execution_result"] = case.closing_summary
    if case.procedure == "simple":
        ctx["collected_on_spot"] = False
        ctx["form_number"] = case.form_number
    return ctx


def _statement_handling(case: Case) -> str:
    if case.notice_served_on is None:
        return ""
    text = f"本机关于{format_cn_date(case.notice_served_on)}向当事人送达了《行政处罚事先告知书》，告知其拟作出行政处罚的事实、理由、依据及其依法享有的陈述、申辩"
    text += "、要求听证的权利。" if case.hearing_offered else "权利。"
    if case.hearing_held:
        text += f"当事人申请听证，本机关于{format_cn_date(case.hearing_on)}依法举行了听证。"
    if case.statement_received_on:
        text += f"当事人提出陈述、申辩：{case.statement_summary}。经复核，{case.recheck_opinion}。"
    elif case.statement_waived:
        text += "当事人书面表示放弃陈述、申辩。"
    else:
        text += "当事人在法定期限内未提出陈述、申辩。"
    return text

