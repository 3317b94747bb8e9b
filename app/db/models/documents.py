"""Issued documents, the seal-use register (用印登记), the print log, and this PC's number blocks.

A Document is a draft until approved, and immutable once issued: the PDF is stored by its
SHA-256 under AppPaths.documents and never re-rendered; a correction is a new Document whose
`corrects_document_id` points at the old one. Numbers (文号) come only from blocks leased to this
PC (`NumberBlock`, device-local, never pushed), so two offline PCs cannot mint the same number.
"""

from __future__ import annotations

from datetime import date, datetime

from sqlalchemy import Boolean, Date, ForeignKey, Integer, String, Text, UniqueConstraint
from sqlalchemy.orm import Mapped, mapped_column

from app.db.base import Base, Synced
from app.db.types import JsonText, UtcDateTime
from app.ids import new_id


class Document(Synced, Base):
    __tablename__ = "documents"
    __table_args__ = (UniqueConstraint("squad_id", "number", name="squad_number"),)

    case_id: Mapped[str | None] = mapped_column(String(36), default=None, index=True)
    doc_type: Mapped[str] = mapped_column(String(60), index=True)
    template_id: Mapped[str] = mapped_column(String(60))
    template_version: Mapped[int] = mapped_column(Integer)
    title: Mapped[str] = mapped_column(String(100), default="")
    number: Mapped[str | None] = mapped_column(String(80), default=None)   # 文号, set at issue
    serial: Mapped[int | None] = mapped_column(Integer, default=None)
    state: Mapped[str] = mapped_column(String(12), default="draft", index=True)  # draft/approved/issued
    context: Mapped[dict] = mapped_column(JsonText(), default=dict)
    issue_date: Mapped[date | None] = mapped_column(Date, default=None)
    seal_mode: Mapped[str] = mapped_column(String(12), default="box")  # box/electronic/none
    pdf_sha256: Mapped[str | None] = mapped_column(String(64), default=None, index=True)
    payload_digest: Mapped[str | None] = mapped_column(String(64), default=None)
    pages: Mapped[int] = mapped_column(Integer, default=0)
    corrects_document_id: Mapped[str | None] = mapped_column(
        String(36), ForeignKey("documents.id"), default=None
    )
    approved_at: Mapped[datetime | None] = mapped_column(UtcDateTime(), default=None)
    approved_by: Mapped[str] = mapped_column(String(64), default="")
    issued_at: Mapped[datetime | None] = mapped_column(UtcDateTime(), default=None)
    issued_by: Mapped[str] = mapped_column(String(64), default="")


class SealUse(Synced, Base):
    """One application of a seal (国发〔1999〕25号 item 25; DOMAIN §4.4)."""

    __tablename__ = "seal_uses"

    register_no: Mapped[str] = mapped_column(String(40), index=True)   # 用印登记号
    used_at: Mapped[datetime] = mapped_column(UtcDateTime())
    seal_id: Mapped[str] = mapped_column(String(60))
    document_id: Mapped[str] = mapped_column(String(36), ForeignKey("documents.id"), index=True)
    document_number: Mapped[str] = mapped_column(String(80), default="")
    document_title: Mapped[str] = mapped_column(String(100), default="")
    copies: Mapped[int] = mapped_column(Integer, default=1)
    requester: Mapped[str] = mapped_column(String(64))
    purpose: Mapped[str] = mapped_column(String(200), default="")
    approver: Mapped[str] = mapped_column(String(64))
    keeper: Mapped[str] = mapped_column(String(64), default="")       # 监印人
    mode: Mapped[str] = mapped_column(String(16))                     # electronic / hand_stamp
    returned_at: Mapped[datetime | None] = mapped_column(UtcDateTime(), default=None)
    note: Mapped[str] = mapped_column(Text, default="")


class PrintLog(Synced, Base):
    __tablename__ = "print_logs"

    document_id: Mapped[str] = mapped_column(String(36), ForeignKey("documents.id"), index=True)
    printed_at: Mapped[datetime] = mapped_column(UtcDateTime())
    printed_by: Mapped[str] = mapped_column(String(64))
    copies: Mapped[int] = mapped_column(Integer, default=1)
    printer: Mapped[str] = mapped_column(String(120), default="")
    is_reprint: Mapped[bool] = mapped_column(Boolean, default=False)


class NumberBlock(Base):
    """A block of serials leased to this PC for (squad, document type, year). Device-local state:
    the county keeps its own record of the lease, so this row is neither journaled nor pushed."""

    __tablename__ = "number_blocks"
    __table_args__ = (UniqueConstraint("squad_id", "doc_type", "year", "first", name="block"),)

    id: Mapped[str] = mapped_column(String(36), primary_key=True, default=new_id)
    squad_id: Mapped[str] = mapped_column(String(36), index=True)
    doc_type: Mapped[str] = mapped_column(String(60))
    year: Mapped[int] = mapped_column(Integer)
    first: Mapped[int] = mapped_column(Integer)
    last: Mapped[int] = mapped_column(Integer)
    next_serial: Mapped[int] = mapped_column(Integer)
    leased_at: Mapped[datetime] = mapped_column(UtcDateTime())
