"""Document services: drafts, approval, issue (number + render + store by hash), corrections, the
seal-use register, the print log, and verifying a PDF someone hands in.

Services take the caller's Session (the caller owns the transaction) and the acting `Actor`;
roles are checked here with `require`. An issued document is immutable: its row refuses changes
(see `_guard_issued`) and its PDF, stored under AppPaths.documents by SHA-256, is never
re-rendered. A correction is a new draft whose `corrects_document_id` names the old one.
"""

from __future__ import annotations

import enum
import hashlib
import io
import os
import tempfile
from dataclasses import dataclass
from datetime import date, datetime
from pathlib import Path
from typing import Any

from sqlalchemy import event, func, inspect, select
from sqlalchemy.orm import Session

from app.clock import china_today, utc_now
from app.context import Actor
from app.db.models.documents import Document, PrintLog, SealUse
from app.documents.numbering import BlockSource, number_format, take_serial
from app.documents.render import build_context, render_document
from app.documents.seal import SealSpec
from app.documents.templates import load, require_complete
from app.errors import Invalid, NotFound
from app.paths import AppPaths
from app.security.roles import Permission, require
from app.settings import Preferences

DRAFT, APPROVED, ISSUED = "draft", "approved", "issued"
STATE_LABELS = {DRAFT: "草稿", APPROVED: "已审批", ISSUED: "已签发"}
SEAL_MODES = {"electronic": "电子印章", "hand_stamp": "手工盖章"}
UNNUMBERED = "（签发时编号）"


def _get(session: Session, doc_id: str) -> Document:
    doc = session.get(Document, doc_id)
    if doc is None or doc.deleted:
        raise NotFound("该文书不存在或已被删除。")
    return doc


def create_draft(session: Session, actor: Actor, *, doc_type: str, context: dict[str, Any],
                 case_id: str | None = None, version: int | None = None) -> Document:
    require(actor, Permission.EDIT_CASE)
    template = load(doc_type, version)
    doc = Document(squad_id=actor.squad_id, case_id=case_id, doc_type=doc_type,
                   template_id=template.id, template_version=template.version,
                   title=template.title, state=DRAFT, context=dict(context))
    session.add(doc)
    session.flush()
    return doc


def update_draft(session: Session, actor: Actor, doc_id: str, context: dict[str, Any]) -> Document:
    require(actor, Permission.EDIT_CASE)
    doc = _get(session, doc_id)
    if doc.state != DRAFT:
        raise Invalid(f"《{doc.title}》已{STATE_LABELS[doc.state]}，不能再修改；如需更正，请制作更正文书。")
    doc.context = dict(context)
    return doc


def approve(session: Session, actor: Actor, doc_id: str, *, prefs: Preferences | None = None) -> Document:
    """The head's approval: the document is complete and may now be sealed and issued."""
    require(actor, Permission.DECIDE)
    doc = _get(session, doc_id)
    if doc.state != DRAFT:
        raise Invalid(f"《{doc.title}》当前为{STATE_LABELS[doc.state]}状态，不需要再审批。")
    template = load(doc.template_id, doc.template_version)
    ctx = build_context(template, doc.context, prefs=prefs or Preferences(), number="待编号",
                        issue_date=china_today())
    require_complete(template, ctx)
    doc.state = APPROVED
    doc.approved_at = utc_now()
    doc.approved_by = actor.user
    return doc


@dataclass(frozen=True)
class SealRequest:
    """Who asked for the seal and why (用印登记). `mode` is electronic or hand_stamp."""

    requester: str
    purpose: str
    approver: str
    keeper: str = ""
    copies: int = 1
    mode: str = "hand_stamp"


def issue(
    session: Session,
    actor: Actor,
    doc_id: str,
    *,
    paths: AppPaths,
    prefs: Preferences,
    source: BlockSource | None,
    issue_date: date | None = None,
    seal: SealSpec | None = None,
    seal_request: SealRequest | None = None,
) -> Document:
    """Number, render and store an approved document; it is immutable from here on.

    With `seal` the agency's electronic seal is drawn: that needs APPLY_SEAL and a
    `seal_request`, and is written to the register. Without it the PDF carries the dashed box
    for a hand stamp (registered later with `register_seal_use`). Call `ensure_block` in a
    transaction of its own first, so a failed issue does not lose a leased block.
    """
    require(actor, Permission.ISSUE_DOCUMENT)
    doc = _get(session, doc_id)
    if doc.state != APPROVED:
        raise Invalid(f"《{doc.title}》尚未审批（当前：{STATE_LABELS[doc.state]}），不能签发。")
    template = load(doc.template_id, doc.template_version)
    day = issue_date or china_today()
    number = _case_number_reused(session, doc) if template.category else ""
    serial = None
    if template.category and not number:
        serial = take_serial(session, source, squad_id=doc.squad_id, doc_type=doc.doc_type, year=day.year)
        number = number_format(prefs, doc.doc_type).format(template.category, day.year, serial)
    if seal is not None:
        require(actor, Permission.APPLY_SEAL)
        if seal_request is None:
            raise Invalid("加盖电子印章须填写用印登记（申请人、事由、批准人）。")
    seal_mode = ("electronic" if seal is not None else "box") if template.seal != "none" else "none"
    rendered = render_document(template, doc.context, doc_id=doc.id, issue_date=day, number=number,
                               prefs=prefs, seal_mode=seal_mode, seal=seal)
    store_pdf(paths, rendered.pdf)
    doc.number = number or None
    doc.serial = serial
    doc.issue_date = day
    doc.seal_mode = seal_mode
    doc.pdf_sha256 = rendered.sha256
    doc.payload_digest = rendered.payload_digest
    doc.pages = rendered.pages
    doc.state = ISSUED
    doc.issued_at = utc_now()
    doc.issued_by = actor.user
    session.flush()
    if seal is not None and seal_request is not None:
        _register(session, actor, doc, seal_id=seal.id, request=SealRequest(
            **{**seal_request.__dict__, "mode": "electronic"}))
    return doc


def _case_number_reused(session: Session, doc: Document) -> str:
    """A case's 立案审批表 carries the case's 案号, and its 行政处罚决定书 (or 不予行政处罚决定书) the
    decision number the case was given when decided: both came from the same serials
    (app.cases.numbers), so taking another serial would give one act two numbers and leave a gap.
    "" when the case has no such number yet, or an issued document already carries it (a
    correction gets a fresh number: 文号 are unique)."""
    from app.cases.numbers import DECISION_DOC_TYPES, FILING_DOC_TYPE  # noqa: PLC0415
    from app.db.models.cases import Case  # noqa: PLC0415

    if not doc.case_id or (doc.doc_type != FILING_DOC_TYPE and doc.doc_type not in DECISION_DOC_TYPES):
        return ""
    case = session.get(Case, doc.case_id)
    if case is None or case.deleted:
        return ""
    number = case.case_number if doc.doc_type == FILING_DOC_TYPE else case.decision_number
    if not number:
        return ""
    taken = session.scalar(select(Document.id).where(
        Document.squad_id == doc.squad_id, Document.number == number, Document.id != doc.id))
    return "" if taken else number


def register_seal_use(session: Session, actor: Actor, doc_id: str, *, seal_id: str,
                      request: SealRequest) -> SealUse:
    """Register a hand stamp (or any seal use) on an approved or issued document."""
    require(actor, Permission.APPLY_SEAL)
    doc = _get(session, doc_id)
    if doc.state == DRAFT:
        raise Invalid(f"《{doc.title}》尚未审批，不得用印。")
    return _register(session, actor, doc, seal_id=seal_id, request=request)


def _register(session: Session, actor: Actor, doc: Document, *, seal_id: str,
              request: SealRequest) -> SealUse:
    if request.mode not in SEAL_MODES:
        raise Invalid(f"用印方式“{request.mode}”无效。")
    if request.copies < 1:
        raise Invalid("用印份数至少为 1。")
    for value, what in ((request.requester, "申请人"), (request.approver, "批准人")):
        if not value.strip():
            raise Invalid(f"用印登记缺少{what}。")
    now = utc_now()
    year = now.year
    count = session.scalar(select(func.count()).select_from(SealUse).where(
        SealUse.squad_id == doc.squad_id, SealUse.register_no.like(f"{year}-%"))) or 0
    use = SealUse(squad_id=doc.squad_id, register_no=f"{year}-{actor.device_id[:4]}-{count + 1:04d}",
                  used_at=now, seal_id=seal_id, document_id=doc.id, document_number=doc.number or "",
                  document_title=doc.title, copies=request.copies, requester=request.requester,
                  purpose=request.purpose, approver=request.approver, keeper=request.keeper,
                  mode=request.mode)
    session.add(use)
    session.flush()
    return use


def correct(session: Session, actor: Actor, doc_id: str, context: dict[str, Any]) -> Document:
    """A new draft that corrects an issued document; the old one stays as it was."""
    old = _get(session, doc_id)
    if old.state != ISSUED:
        raise Invalid(f"《{old.title}》尚未签发，直接修改草稿即可。")
    new = create_draft(session, actor, doc_type=old.doc_type, context=context, case_id=old.case_id,
                       version=old.template_version)
    new.corrects_document_id = old.id
    return new


def record_print(session: Session, actor: Actor, doc_id: str, *, copies: int, printer: str) -> PrintLog:
    require(actor, Permission.PRINT_DOCUMENT)
    doc = _get(session, doc_id)
    earlier = session.scalar(select(func.count()).select_from(PrintLog).where(
        PrintLog.document_id == doc.id)) or 0
    log = PrintLog(squad_id=doc.squad_id, document_id=doc.id, printed_at=utc_now(),
                   printed_by=actor.user, copies=copies, printer=printer, is_reprint=earlier > 0)
    session.add(log)
    session.flush()
    return log


def pdf_path(paths: AppPaths, sha256: str) -> Path:
    return paths.documents / sha256[:2] / f"{sha256}.pdf"


def store_pdf(paths: AppPaths, pdf: bytes) -> Path:
    """Write the PDF once under its hash (atomic; an existing file is the same bytes)."""
    sha = hashlib.sha256(pdf).hexdigest()
    target = pdf_path(paths, sha)
    if target.exists():
        return target
    target.parent.mkdir(parents=True, exist_ok=True)
    fd, tmp = tempfile.mkstemp(dir=target.parent, suffix=".tmp")
    with os.fdopen(fd, "wb") as out:
        out.write(pdf)
        out.flush()
        os.fsync(out.fileno())
    os.replace(tmp, target)
    return target


class Verdict(str, enum.Enum):
    GENUINE = "genuine"
    TAMPERED = "tampered"
    UNKNOWN = "unknown"


@dataclass(frozen=True)
class Verification:
    verdict: Verdict
    document_id: str | None = None
    number: str = ""
    title: str = ""

    def message(self) -> str:
        if self.verdict is Verdict.GENUINE:
            return f"真实：本机关签发的《{self.title}》{self.number}，内容未被改动。"
        if self.verdict is Verdict.TAMPERED:
            return f"已被改动：文件自称本机关的《{self.title}》{self.number}，但内容与签发时不一致。"
        return "无法确认：本机关没有签发过与该文件一致的文书。"


def verify_pdf(session: Session, pdf: bytes) -> Verification:
    """Genuine (hash of an issued document), tampered (claims an issued document's id but the
    bytes differ), or unknown."""
    sha = hashlib.sha256(pdf).hexdigest()
    doc = session.scalars(select(Document).where(Document.pdf_sha256 == sha,
                                                 Document.state == ISSUED)).first()
    if doc is not None:
        return Verification(Verdict.GENUINE, doc.id, doc.number or "", doc.title)
    claimed = _claimed_id(pdf)
    doc = session.get(Document, claimed) if claimed else None
    if doc is not None and doc.state == ISSUED:
        return Verification(Verdict.TAMPERED, doc.id, doc.number or "", doc.title)
    return Verification(Verdict.UNKNOWN)


def _claimed_id(pdf: bytes) -> str | None:
    from pypdf import PdfReader
    from pypdf.errors import PyPdfError

    try:
        meta = PdfReader(io.BytesIO(pdf)).metadata
    except (PyPdfError, ValueError, OSError):
        return None
    subject = str(meta.get("/Subject", "")) if meta else ""
    return subject if len(subject) == 36 else None


_IMMUTABLE = ("context", "number", "serial", "pdf_sha256", "payload_digest", "issue_date",
              "template_id", "template_version", "doc_type", "case_id", "state", "deleted",
              "seal_mode", "pages", "issued_at", "issued_by")


@event.listens_for(Document, "before_update")
def _guard_issued(mapper: Any, connection: Any, target: Document) -> None:
    """Refuse any change to an issued document, whichever code path tries it."""
    state = inspect(target)
    was = state.attrs.state.history.deleted
    if (was and was[0] == ISSUED) or (not was and target.state == ISSUED and
                                      state.attrs.state.history.unchanged):
        for name in _IMMUTABLE:
            if state.attrs[name].history.has_changes():
                raise Invalid(f"《{target.title}》已签发，不能修改；如需更正，请制作更正文书。")


@dataclass(frozen=True)
class DocumentRow:
    """What a list of documents shows; plain values, safe to hand to the UI thread."""

    id: str
    title: str
    number: str
    state: str
    issue_date: date | None
    case_id: str | None
    pdf_sha256: str | None
    doc_type: str = ""
    seal_mode: str = "none"
    corrects_document_id: str | None = None
    party_name: str = ""

    @property
    def label(self) -> str:
        return f"{self.title} {self.number}".strip() + f"（{STATE_LABELS.get(self.state, self.state)}）"


def list_documents(session: Session, *, case_id: str | None = None) -> list[DocumentRow]:
    query = select(Document).where(Document.deleted.is_(False))
    if case_id is not None:
        query = query.where(Document.case_id == case_id)
    docs = session.scalars(query.order_by(Document.issue_date.desc(), Document.title)).all()
    return [DocumentRow(d.id, d.title, d.number or "", d.state, d.issue_date, d.case_id, d.pdf_sha256,
                        d.doc_type, d.seal_mode, d.corrects_document_id, str(d.context.get("party_name") or ""))
            for d in docs]


@dataclass(frozen=True)
class SealUseRow:
    """One line of the 用印登记, as plain values."""

    register_no: str
    used_at: datetime
    document_id: str
    document_title: str
    document_number: str
    copies: int
    requester: str
    approver: str
    keeper: str
    purpose: str
    mode: str

    @property
    def mode_label(self) -> str:
        return SEAL_MODES.get(self.mode, self.mode)


def list_seal_uses(session: Session, *, case_id: str | None = None, limit: int = 500) -> list[SealUseRow]:
    """The seal-use register, newest first (optionally one case's documents only)."""
    query = select(SealUse).where(SealUse.deleted.is_(False))
    if case_id is not None:
        query = query.where(SealUse.document_id.in_(
            select(Document.id).where(Document.case_id == case_id)))
    uses = session.scalars(query.order_by(SealUse.used_at.desc(), SealUse.register_no.desc())
                           .limit(limit)).all()
    return [SealUseRow(u.register_no, u.used_at, u.document_id, u.document_title, u.document_number,
                       u.copies, u.requester, u.approver, u.keeper, u.purpose, u.mode) for u in uses]


def layout_stored(session: Session, doc_id: str, *, prefs: Preferences) -> tuple[Any, str]:
    """(LaidOut, seal mode) of a stored document, from its stored inputs: for printing and the
    卷宗. For an issued document this is exactly the layout of its PDF."""
    from app.documents.render import layout_document  # noqa: PLC0415

    doc = _get(session, doc_id)
    template = load(doc.template_id, doc.template_version)
    # A draft has no 文号 yet: its preview or proof print says where the number will go.
    number = doc.number or ("" if doc.state == ISSUED or not template.category else UNNUMBERED)
    laid = layout_document(template, doc.context, doc_id=doc.id, issue_date=doc.issue_date or china_today(),
                           number=number, prefs=prefs)
    return laid, doc.seal_mode if doc.state == ISSUED else "none"
