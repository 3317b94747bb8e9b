"""Writing county reference data: officers, certificates and their status history, training.

The county issues and manages certificates; the township PC never edits them by hand. These
functions are for the two paths that bring county data in — the roster import and sync (sessions
opened with `origin="sync"`, or the import action) — and refuse any other caller. The one thing
the squad writes itself is a note (`add_note`). The caller owns the transaction.
"""

from __future__ import annotations

import re
import unicodedata
from datetime import date

from sqlalchemy import select
from sqlalchemy.orm import Session

from app.clock import utc_now
from app.db.base import Synced
from app.db.models.officers import (
    DEFAULT_ISSUER,
    KIND_OFFICER,
    OFFICER_KINDS,
    STATUS_CANCELLED,
    STATUS_EXPIRED,
    STATUS_LOST,
    STATUS_REVOKED,
    STATUS_SUSPENDED,
    STATUS_VALID,
    AnnualReview,
    Certificate,
    CertificateStatusEvent,
    Officer,
    OfficerNote,
    TrainingRecord,
)
from app.errors import Forbidden, Invalid, NotFound

IMPORT_ACTION = "officers.import_roster"

# Which recorded status may follow which (DOMAIN §3.3). 吊销, 注销 and 遗失补办 are final.
TRANSITIONS: dict[str, frozenset[str]] = {
    STATUS_VALID: frozenset({STATUS_SUSPENDED, STATUS_REVOKED, STATUS_CANCELLED, STATUS_LOST,
                             STATUS_EXPIRED}),
    STATUS_SUSPENDED: frozenset({STATUS_VALID, STATUS_REVOKED, STATUS_CANCELLED}),
    STATUS_EXPIRED: frozenset({STATUS_CANCELLED, STATUS_VALID}),
    STATUS_REVOKED: frozenset(),
    STATUS_CANCELLED: frozenset(),
    STATUS_LOST: frozenset(),
}


def _county_only(session: Session) -> None:
    if session.info.get("origin") == "sync" or session.info.get("action") == IMPORT_ACTION:
        return
    raise Forbidden("执法人员和执法证信息由县局统一管理，本机不能修改。"
                    "如有错误请联系县局更正，或导入县局下发的名册。")


def _stamp(session: Session, row: Synced) -> None:
    """Rows written with origin="sync" are not stamped by the journal: the county's copy is the
    original. Data we bring in ourselves (demo, a county file) is stamped here instead."""
    if session.info.get("origin") != "sync":
        return
    actor = session.info["actor"]
    row.squad_id = row.squad_id or actor.squad_id
    row.revision = (row.revision or 0) + 1
    row.updated_at = utc_now()
    row.updated_by = actor.user


def mark_departed(session: Session, officer: Officer, *, on: date) -> None:
    """The county's roster no longer lists the officer: out of post from `on` (调离).

    The row stays — cases, records and issued documents name the officer — and eligibility
    refuses acts dated from `on`, while earlier acts stand.
    """
    _county_only(session)
    if not officer.is_active:
        return
    officer.is_active = False
    officer.left_on = on
    _stamp(session, officer)


def normalize_number(text: str) -> str:
    """Certificate numbers as stored: NFKC (full-width → ASCII), no spaces, upper case."""
    return re.sub(r"\s+", "", unicodedata.normalize("NFKC", text or "")).upper()


def check_certificate_number(text: str, pattern: str) -> str:
    number = normalize_number(text)
    if not number:
        raise Invalid("执法证号不能为空")
    if not re.fullmatch(pattern, number):
        raise Invalid(f"执法证号「{number}」不符合本省证号格式")
    return number


def upsert_officer(session: Session, *, id_number: str, name: str, **values: object) -> Officer:
    """Create the officer with this ID number, or update the one on file. Returns the row."""
    _county_only(session)
    kind = values.get("kind", KIND_OFFICER)
    if kind not in OFFICER_KINDS:
        raise Invalid(f"人员类别「{kind}」不正确，应为：{'、'.join(OFFICER_KINDS)}")
    officer = session.scalar(
        select(Officer).where(Officer.id_number == id_number, Officer.deleted.is_(False))
    )
    if officer is None:
        officer = Officer(id_number=id_number, name=name)
        session.add(officer)
    officer.name = name
    for key, value in values.items():
        setattr(officer, key, value)
    if session.is_modified(officer) or officer in session.new:
        _stamp(session, officer)
    return officer


def add_certificate(
    session: Session,
    officer: Officer,
    *,
    number: str,
    fields: list[str],
    issued_on: date,
    valid_until: date,
    issuing_authority: str = DEFAULT_ISSUER,
    decided_by: str = "县司法局",
) -> Certificate:
    """Issue a certificate to `officer`, with its 有效 event on the issue date."""
    _county_only(session)
    if valid_until < issued_on:
        raise Invalid(f"执法证{number}的有效期截止日早于发证日期")
    if officer.id is None:
        session.flush()
    # The foreign key is set by hand, not left to the relationship: the journal digests the row
    # before SQLAlchemy would copy officer.id into it, and the audit must match the stored row.
    cert = Certificate(
        officer_id=officer.id, officer=officer, number=number, fields=list(fields), issued_on=issued_on,
        valid_until=valid_until, issuing_authority=issuing_authority, status=STATUS_VALID,
        status_since=issued_on,
    )
    _stamp(session, cert)
    session.add(cert)
    session.flush()   # the event refers to the certificate's id
    _add_event(session, cert, STATUS_VALID, effective_on=issued_on, reason="发证",
               decided_by=decided_by)
    return cert


def _add_event(session: Session, cert: Certificate, status: str, *, effective_on: date,
               reason: str, decided_by: str, no_reapply_until: date | None = None,
               related: str | None = None) -> CertificateStatusEvent:
    event = CertificateStatusEvent(
        certificate_id=cert.id, status=status, effective_on=effective_on, reason=reason,
        decided_by=decided_by, recorded_at=utc_now(), no_reapply_until=no_reapply_until,
        related_certificate_id=related,
    )
    _stamp(session, event)
    session.add(event)
    cert.events.append(event)
    return event


def record_status(
    session: Session,
    cert: Certificate,
    status: str,
    *,
    effective_on: date,
    reason: str,
    decided_by: str = "县司法局",
    no_reapply_until: date | None = None,
) -> CertificateStatusEvent:
    """Record a county decision on a certificate (暂扣, 恢复有效, 吊销, 注销, 过期) in its history.

    Refuses transitions out of final states (吊销, 注销, 遗失补办). A loss is `report_lost`.
    """
    _county_only(session)
    if status == STATUS_LOST:
        raise Invalid("遗失补办请登记新证号（report_lost）")
    if status not in TRANSITIONS:
        raise Invalid(f"执法证状态「{status}」不正确")
    current = cert.status or STATUS_VALID
    if status not in TRANSITIONS[current]:
        raise Invalid(f"执法证{cert.number}当前为「{current}」，不能变更为「{status}」")
    if not reason.strip():
        raise Invalid("请填写执法证状态变更的原因")
    if status == STATUS_REVOKED and no_reapply_until is not None and no_reapply_until < effective_on:
        raise Invalid("不得重新申领的截止日期早于吊销日期")
    cert.status = status
    cert.status_since = effective_on
    if status == STATUS_REVOKED:
        cert.no_reapply_until = no_reapply_until
    _stamp(session, cert)
    return _add_event(session, cert, status, effective_on=effective_on, reason=reason,
                      decided_by=decided_by, no_reapply_until=no_reapply_until)


def report_lost(
    session: Session,
    cert: Certificate,
    *,
    new_number: str,
    effective_on: date,
    reason: str = "遗失声明作废",
    decided_by: str = "县司法局",
    valid_until: date | None = None,
) -> Certificate:
    """The old card is declared void (遗失补办) and a new number issued, both linked."""
    _county_only(session)
    if cert.status not in (STATUS_VALID, STATUS_SUSPENDED):
        raise Invalid(f"执法证{cert.number}当前为「{cert.status}」，不能办理遗失补办")
    new = add_certificate(
        session, cert.officer, number=new_number, fields=list(cert.fields or []),
        issued_on=effective_on, valid_until=valid_until or cert.valid_until,
        issuing_authority=cert.issuing_authority, decided_by=decided_by,
    )
    new.replaces_id = cert.id
    cert.replaced_by_id = new.id
    cert.status = STATUS_LOST
    cert.status_since = effective_on
    _stamp(session, cert)
    _add_event(session, cert, STATUS_LOST, effective_on=effective_on, reason=reason,
               decided_by=decided_by, related=new.id)
    return new


def add_training(session: Session, officer: Officer, *, held_on: date, course: str,
                 hours: float, provider: str = "") -> TrainingRecord:
    _county_only(session)
    if hours <= 0:
        raise Invalid("培训学时应大于0")
    # float(): the column reads back as a float, and the audit digest must match what is stored.
    record = TrainingRecord(officer_id=officer.id, year=held_on.year, held_on=held_on,
                            course=course, hours=float(hours), provider=provider)
    _stamp(session, record)
    session.add(record)
    return record


def add_review(session: Session, cert: Certificate, *, reviewed_on: date, passed: bool,
               remark: str = "") -> AnnualReview:
    _county_only(session)
    review = AnnualReview(certificate_id=cert.id, year=reviewed_on.year, reviewed_on=reviewed_on,
                          passed=passed, remark=remark)
    _stamp(session, review)
    session.add(review)
    return review


def add_note(session: Session, officer_id: str, text: str) -> OfficerNote:
    """The squad's own note on an officer (pushed to the county like any local row)."""
    if not text.strip():
        raise Invalid("备注内容不能为空")
    officer = session.get(Officer, officer_id)
    if officer is None or officer.deleted:
        raise NotFound("该执法人员已不在名册中")
    note = OfficerNote(officer_id=officer_id, text=text.strip())
    session.add(note)
    return note
