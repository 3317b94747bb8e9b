"""Where documents meet cases: which documents a case's stage calls for, a draft filled from a
case's facts (refused with the list of what is missing), corrections refilled from the case, and a
case's issued documents as items of its 卷宗 (archive volume)."""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

from sqlalchemy import select
from sqlalchemy.orm import Session

from app.clock import china_today
from app.context import Actor
from app.db.models.documents import Document
from app.documents.archive import ArchiveItem, Problem, precheck
from app.documents.render import build_context
from app.documents.service import ISSUED, _get, correct, create_draft
from app.documents.templates import Template, load, missing_fields, require_complete
from app.errors import Invalid
from app.settings import Preferences

# The documents each stage of a case calls for (DOMAIN §2.2), in the order a clerk meets them.
_ANY_TIME = ("correction_order", "service_receipt", "service_address_confirmation")
STAGE_DOC_TYPES: dict[str, tuple[str, ...]] = {
    "lead": ("filing_approval", "inspection_record", "inquiry_record", "onsite_decision"),
    "investigating": ("filing_approval", "inspection_record", "inquiry_record",
                      "evidence_preservation_notice", "investigation_report"),
    "investigated": ("investigation_report", "legal_review_opinion", "collective_discussion",
                     "prior_notice"),
    "notified": ("prior_notice", "statement_record", "hearing_notice", "collective_discussion"),
    "hearing": ("hearing_notice", "statement_record", "collective_discussion"),
    "decided": ("penalty_decision", "no_penalty_decision", "payment_notice"),
    "executing": ("payment_notice", "demand_notice", "closing_approval"),
    "closed": ("closing_approval",),
}
# What the case calls a fact, under the name a template prints it by.
_ALIASES = {"brief_facts": "facts", "head_opinion": "filing_opinion", "head_name": "filing_by",
            "head_date": "filing_date"}


_DECISIONS = {"penalty": "penalty_decision", "minor": "no_penalty_decision",
              "not_established": "no_penalty_decision"}


def doc_types_for_stage(stage: str, procedure: str = "ordinary", outcome: str | None = None) -> list[str]:
    """Document types offered for a case in `stage` (a simple-procedure case: 当场处罚决定书);
    once the outcome is known, only the decision that matches it."""
    if procedure == "simple":
        return ["onsite_decision", *_ANY_TIME]
    chosen = list(STAGE_DOC_TYPES.get(stage, ()))
    if outcome is not None:  # the decision that matches; a fine to pay only after a penalty
        chosen = [t for t in chosen if t not in _DECISIONS.values() or t == _DECISIONS.get(outcome)]
        if outcome != "penalty":
            chosen = [t for t in chosen if t != "payment_notice"]
    return list(dict.fromkeys([*chosen, *(_ANY_TIME if chosen else ())]))


@dataclass(frozen=True)
class MissingField:
    name: str
    label: str
    is_list: bool          # a table or Q&A: filled in the case or on paper, not in one line


@dataclass(frozen=True)
class DocChoice:
    doc_type: str
    title: str
    missing: tuple[MissingField, ...]   # what the case cannot fill yet


@dataclass(frozen=True)
class CaseHeading:
    id: str
    number: str            # 案号, else the 案源 number
    title: str
    stage: str
    stage_label: str
    procedure: str
    outcome: str | None = None


def _case_context(session: Session, case_id: str) -> dict[str, Any]:
    from app.cases.document_context import case_document_context  # noqa: PLC0415

    context = case_document_context(session, case_id)
    for name, source in _ALIASES.items():
        if not context.get(name) and context.get(source):
            context[name] = context[source]
    return context


def _missing(template: Template, context: dict[str, Any], prefs: Preferences) -> list[str]:
    ctx = build_context(template, context, prefs=prefs, number="待编号", issue_date=china_today())
    return [m for m in missing_fields(template, ctx) if m != "number"]


def case_heading(session: Session, case_id: str) -> CaseHeading:
    from app.cases.common import get_case  # noqa: PLC0415
    from app.domain.procedure import STAGE_LABELS, Stage  # noqa: PLC0415

    case = get_case(session, case_id)
    return CaseHeading(case.id, case.case_number or case.lead_number, case.title or case.violation_name,
                       case.stage, STAGE_LABELS[Stage(case.stage)], case.procedure, case.outcome)


def case_doc_choices(session: Session, case_id: str, *, prefs: Preferences) -> list[DocChoice]:
    """The documents the case's stage calls for, each with the fields the case cannot fill."""
    heading = case_heading(session, case_id)
    context = _case_context(session, case_id)
    out = []
    for doc_type in doc_types_for_stage(heading.stage, heading.procedure, heading.outcome):
        template = load(doc_type)
        lists = {b["source"] for b in template.blocks if b.get("source")}
        missing = tuple(MissingField(m, template.label(m), m in lists)
                        for m in _missing(template, context, prefs))
        out.append(DocChoice(doc_type, template.title, missing))
    return out


def draft_from_case(session: Session, actor: Actor, case_id: str, doc_type: str, *,
                    extra: dict[str, Any] | None = None, prefs: Preferences | None = None) -> Document:
    """A draft of `doc_type` filled with everything the case knows (cases area's
    `case_document_context`), plus `extra` — what only this document says (times of an
    interview, its Q&A, items preserved…). With `prefs` a draft that would still miss a required
    field is refused (Invalid, listing them in Chinese); without, that surfaces at approval."""
    context = _case_context(session, case_id)
    context.update({k: v for k, v in (extra or {}).items() if v not in (None, "")})
    if prefs is not None:
        template = load(doc_type)
        require_complete(template, build_context(template, context, prefs=prefs, number="待编号",
                                                 issue_date=china_today()))
    return create_draft(session, actor, doc_type=doc_type, context=context, case_id=case_id)


def correct_from_case(session: Session, actor: Actor, doc_id: str) -> Document:
    """A correction of an issued document, refilled from the case as it stands now (the clerk
    fixed the facts there); what only the old document said is kept."""
    old = _get(session, doc_id)
    if old.state != ISSUED:
        raise Invalid(f"《{old.title}》尚未签发，不需要更正。")
    context = dict(old.context)
    if old.case_id:
        context.update({k: v for k, v in _case_context(session, old.case_id).items() if v not in (None, "")})
    return correct(session, actor, doc_id, context)


def case_archive_items(session: Session, case_id: str) -> list[ArchiveItem]:
    """The case's issued documents, as they were issued, for `build_volume` and `precheck`."""
    docs = session.scalars(
        select(Document).where(Document.case_id == case_id, Document.state == ISSUED,
                               Document.deleted.is_(False))
        .order_by(Document.issue_date, Document.number)
    ).all()
    corrected = {d.corrects_document_id for d in docs if d.corrects_document_id}
    return [
        ArchiveItem(doc_type=d.doc_type, context=dict(d.context), doc_id=d.id,
                    issue_date=d.issue_date, number=d.number or "",
                    template_version=d.template_version, seal_mode=d.seal_mode)
        for d in docs if d.id not in corrected  # a corrected document is replaced by its correction
    ]


def case_precheck(session: Session, case_id: str, *, procedure: str = "ordinary") -> list[Problem]:
    return precheck(case_archive_items(session, case_id), procedure=procedure)


def case_volume_facts(session: Session, case_id: str, *, compiler: str, today: str) -> dict[str, Any]:
    """Cover and 备考表 facts of a case's volume, from the case's rows (cases area)."""
    from app.cases.document_context import case_document_context  # noqa: PLC0415

    ctx = case_document_context(session, case_id)
    title = ctx.get("case_title") or (
        f"{ctx.get('party_name', '')}{ctx.get('case_cause', '')}案" if ctx.get("party_name") else "")
    simple = ctx.get("procedure") == "简易程序"
    return {
        "case_title": title,
        "decision_number": ctx.get("decision_number", ""),
        "filing_date": ctx.get("filing_date") or ctx.get("decision_date", ""),
        "closing_date": ctx.get("closing_date", ""),
        "archive_no": ctx.get("archive_no", ""),
        "retention": "定期30年" if simple else "永久",
        "compiler": compiler,
        "compile_date": today,
    }
