"""Officers, their enforcement certificates (行政执法证) and the certificates' history (DOMAIN §3).

Officers and certificates are issued and managed by the county: on the township PC they are
read-only reference data (`__push__ = False`, written with `origin="sync"`). The only thing the
squad writes about an officer is a local note (`OfficerNote`, pushed like any business row).
Quick checks are logged in `certificate_checks`, a local append-only table.
"""

from __future__ import annotations

from datetime import date, datetime

from sqlalchemy import Boolean, Date, Float, ForeignKey, Integer, LargeBinary, String, Text
from sqlalchemy.orm import Mapped, deferred, mapped_column, relationship

from app.db.base import Base, Synced
from app.db.types import JsonText, UtcDateTime

KIND_OFFICER = "在编执法人员"
KIND_AUXILIARY = "辅助人员"
OFFICER_KINDS = (KIND_OFFICER, KIND_AUXILIARY)

# Recorded (stored) certificate statuses. 待年审/待换证 and 过期 are computed from dates.
STATUS_VALID = "有效"
STATUS_EXPIRED = "过期"
STATUS_SUSPENDED = "暂扣"
STATUS_REVOKED = "吊销"
STATUS_CANCELLED = "注销"
STATUS_LOST = "遗失补办"
RECORDED_STATUSES = (
    STATUS_VALID, STATUS_EXPIRED, STATUS_SUSPENDED, STATUS_REVOKED, STATUS_CANCELLED, STATUS_LOST,
)
DEFAULT_ISSUER = "四川省人民政府监制"


class Officer(Synced, Base):
    """A person on the squad's roster: a certified officer (在编) or auxiliary staff (辅助人员)."""

    __tablename__ = "officers"
    __push__ = False

    name: Mapped[str] = mapped_column(String(50), index=True)
    sex: Mapped[str] = mapped_column(String(2), default="")
    id_number: Mapped[str] = mapped_column(String(18), index=True)
    unit: Mapped[str] = mapped_column(String(100), default="")
    squad: Mapped[str] = mapped_column(String(100), default="")
    post: Mapped[str] = mapped_column(String(50), default="")
    kind: Mapped[str] = mapped_column(String(10), default=KIND_OFFICER)
    # Deferred: a 10,000-row roster never loads photos it does not show.
    photo: Mapped[bytes | None] = deferred(mapped_column(LargeBinary, default=None))
    # 法制审核 needs 法律职业资格 (Art. 58): the flag plus the qualification certificate number.
    is_legal_reviewer: Mapped[bool] = mapped_column(Boolean, default=False)
    legal_qualification_no: Mapped[str | None] = mapped_column(String(40), default=None)
    # 听证主持人 qualification: optional credential (Shandong Art. 11).
    is_hearing_presider: Mapped[bool] = mapped_column(Boolean, default=False)
    is_active: Mapped[bool] = mapped_column(Boolean, default=True)
    left_on: Mapped[date | None] = mapped_column(Date, default=None)

    certificates: Mapped[list["Certificate"]] = relationship(
        back_populates="officer", order_by="Certificate.issued_on",
    )


class Certificate(Synced, Base):
    """One enforcement certificate. `status` is the recorded status since `status_since`; the
    full history is in `events`. Use app.officers.eligibility.certificate_status_on to read it."""

    __tablename__ = "certificates"
    __push__ = False

    officer_id: Mapped[str] = mapped_column(ForeignKey("officers.id"), index=True)
    number: Mapped[str] = mapped_column(String(40), unique=True)
    issuing_authority: Mapped[str] = mapped_column(String(100), default=DEFAULT_ISSUER)
    fields: Mapped[list] = mapped_column(JsonText(), default=list)   # 执法类别/领域
    issued_on: Mapped[date] = mapped_column(Date)
    valid_until: Mapped[date] = mapped_column(Date, index=True)      # inclusive
    status: Mapped[str] = mapped_column(String(10), default=STATUS_VALID)
    status_since: Mapped[date | None] = mapped_column(Date, default=None)
    no_reapply_until: Mapped[date | None] = mapped_column(Date, default=None)
    replaced_by_id: Mapped[str | None] = mapped_column(String(36), default=None)
    replaces_id: Mapped[str | None] = mapped_column(String(36), default=None)

    officer: Mapped[Officer] = relationship(back_populates="certificates")
    events: Mapped[list["CertificateStatusEvent"]] = relationship(
        order_by=lambda: [CertificateStatusEvent.effective_on, CertificateStatusEvent.recorded_at],
    )


class CertificateStatusEvent(Synced, Base):
    """History: the certificate entered `status` on `effective_on`, decided by `decided_by`."""

    __tablename__ = "certificate_status_events"
    __push__ = False

    certificate_id: Mapped[str] = mapped_column(ForeignKey("certificates.id"), index=True)
    status: Mapped[str] = mapped_column(String(10))
    effective_on: Mapped[date] = mapped_column(Date)
    reason: Mapped[str] = mapped_column(Text, default="")
    decided_by: Mapped[str] = mapped_column(String(100), default="")
    recorded_at: Mapped[datetime] = mapped_column(UtcDateTime())
    no_reapply_until: Mapped[date | None] = mapped_column(Date, default=None)
    related_certificate_id: Mapped[str | None] = mapped_column(String(36), default=None)


class AnnualReview(Synced, Base):
    """A yearly review (年审/验审) of a certificate, where the province runs one."""

    __tablename__ = "certificate_reviews"
    __push__ = False

    certificate_id: Mapped[str] = mapped_column(ForeignKey("certificates.id"), index=True)
    year: Mapped[int] = mapped_column(Integer)
    reviewed_on: Mapped[date] = mapped_column(Date)
    passed: Mapped[bool] = mapped_column(Boolean, default=True)
    remark: Mapped[str] = mapped_column(Text, default="")


class TrainingRecord(Synced, Base):
    """Training attended: hours count towards the yearly target (settings.training_hours_target)."""

    __tablename__ = "training_records"
    __push__ = False

    officer_id: Mapped[str] = mapped_column(ForeignKey("officers.id"), index=True)
    year: Mapped[int] = mapped_column(Integer, index=True)
    held_on: Mapped[date] = mapped_column(Date)
    course: Mapped[str] = mapped_column(String(200))
    hours: Mapped[float] = mapped_column(Float)
    provider: Mapped[str] = mapped_column(String(100), default="")


class OfficerNote(Synced, Base):
    """The squad's own note on an officer: the one officer-related row the township writes."""

    __tablename__ = "officer_notes"

    officer_id: Mapped[str] = mapped_column(ForeignKey("officers.id"), index=True)
    text: Mapped[str] = mapped_column(Text)


class CertificateCheck(Base):
    """One quick check at the counter or in the field (local, append-only, never synced).

    What was typed or scanned, what it resolved to, the verdict, who asked, and how fresh the
    county data was — so "we checked and it was valid" can be shown later.
    """

    __tablename__ = "certificate_checks"

    seq: Mapped[int] = mapped_column(Integer, primary_key=True, autoincrement=True)
    typed: Mapped[str] = mapped_column(Text)
    number: Mapped[str] = mapped_column(String(40))
    certificate_id: Mapped[str | None] = mapped_column(String(36), default=None)
    result: Mapped[str] = mapped_column(String(20))
    detail: Mapped[str] = mapped_column(Text, default="")
    checked_at: Mapped[datetime] = mapped_column(UtcDateTime())
    checked_by: Mapped[str] = mapped_column(String(64))
    device_id: Mapped[str] = mapped_column(String(36), default="")
    data_as_of: Mapped[datetime | None] = mapped_column(UtcDateTime(), default=None)
