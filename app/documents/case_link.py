"""Where documents meet cases: a draft filled from a case's facts, and a case's issued documents
as items of its 卷宗 (archive volume)."""

from __future__ import annotations

from typing import Any

from sqlalchemy import select
from sqlalchemy.orm import Session

from app.context import Actor
from app.db.models.documents import Document
from app.documents.archive import ArchiveItem, Problem, precheck
from app.documents.service import ISSUED, create_draft


def draft_from_case(session: Session, actor: Actor, case_id: str, doc_type: str, *,
                    extra: dict[str, Any] | None = None) -> Document:
    """A draft of `doc_type` filled with everything the case knows (cases area's
    `case_document_context`), plus `extra` — what only this document says (times of an
    interview, its Q&A, items preserved…). Missing facts surface when the draft is approved."""
    from app.cases.document_context import case_document_context  # noqa: PLC0415

    context = case_document_context(session, case_id)
    context.update(extra or {})
    return create_draft(session, actor, doc_type=doc_type, context=context, case_id=case_id)


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
