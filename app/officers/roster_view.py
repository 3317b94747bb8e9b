"""The roster as the clerk's table shows it: one plain row per person, filtered and sorted in SQL.

Each person's *latest* certificate (by issue date) is shown; its status is computed in SQL from
the recorded status and the dates, with the same meaning as eligibility.certificate_status_on
(a status whose history is dated in the future is the one exception: the roster shows the
recorded status). Deciding whether someone may act is never done from these rows.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date, timedelta

from sqlalchemy import String, and_, case, cast, func, literal, or_, select
from sqlalchemy.orm import Session, aliased

from app.db.models.officers import (
    KIND_AUXILIARY,
    KIND_OFFICER,
    STATUS_VALID,
    Certificate,
    Officer,
    TrainingRecord,
)
from app.officers.eligibility import CertStatus

SORT_KEYS = ("name", "unit", "kind", "number", "status", "valid_until", "training")
FILTERS = {
    "all": "全部人员",
    "may_act": "今日可执法",
    "attention": "需关注（过期、暂扣、临期）",
    "auxiliary": "辅助人员",
    "left": "已离岗",
}
_BY_VALUE = {s.value: s for s in CertStatus}
# Worst first when sorting by status.
_RANK = {CertStatus.REVOKED: 0, CertStatus.SUSPENDED: 1, CertStatus.EXPIRED: 2,
         CertStatus.CANCELLED: 3, CertStatus.REPLACED: 4, CertStatus.NOT_YET_VALID: 5,
         CertStatus.NONE: 6, CertStatus.RENEWAL_DUE: 7, CertStatus.VALID: 8}


@dataclass(frozen=True)
class RosterRow:
    officer_id: str
    name: str
    sex: str
    unit: str
    post: str
    kind: str
    is_active: bool
    number: str
    fields: tuple[str, ...]
    issued_on: date | None
    valid_until: date | None
    status: CertStatus
    training_hours: float
    training_target: float
    is_legal_reviewer: bool
    is_hearing_presider: bool
    renewal_issued: bool = False    # a later card is already issued (starts when this one ends)

    @property
    def is_auxiliary(self) -> bool:
        return self.kind == KIND_AUXILIARY

    @property
    def is_blocked(self) -> bool:
        """Red in the table: a 在编 officer in post who may not act today."""
        return self.is_active and not self.is_auxiliary and not self.status.may_act

    @property
    def is_due(self) -> bool:
        return (self.is_active and self.status is CertStatus.RENEWAL_DUE
                and not self.renewal_issued)

    @property
    def training_short(self) -> bool:
        return self.is_active and not self.is_auxiliary and self.training_hours < self.training_target


def _status_expr(today: date, window_days: int):  # noqa: ANN202 - SQL expression
    due_by = today + timedelta(days=window_days)
    return case(
        (Certificate.id.is_(None), literal(CertStatus.NONE.value)),
        (Certificate.status != STATUS_VALID, cast(Certificate.status, String)),
        (Certificate.issued_on > today, literal(CertStatus.NOT_YET_VALID.value)),
        (Certificate.valid_until < today, literal(CertStatus.EXPIRED.value)),
        (Certificate.valid_until <= due_by, literal(CertStatus.RENEWAL_DUE.value)),
        else_=literal(CertStatus.VALID.value),
    )


def _rank_expr(status):  # noqa: ANN001, ANN202
    # People who left, then auxiliary staff (no certificate by design) go after every officer.
    return case((Officer.is_active.is_(False), 11), (Officer.kind == KIND_AUXILIARY, 10),
                *[(status == s.value, r) for s, r in _RANK.items()], else_=9)


def roster_rows(
    session: Session,
    *,
    today: date,
    window_days: int,
    training_target: float,
    sort: str = "name",
    descending: bool = False,
    text: str = "",
    only: str = "all",
) -> list[RosterRow]:
    """The roster, filtered by `text` (name, unit, 证号, ID number) and `only` (FILTERS keys),
    sorted by `sort` (SORT_KEYS) in SQL. Training hours are for `today`'s year."""
    if sort not in SORT_KEYS:
        raise ValueError(f"unknown sort key {sort!r}")
    latest = (
        select(Certificate.id)
        .where(Certificate.officer_id == Officer.id, Certificate.deleted.is_(False))
        .order_by(
            # As eligibility.pick_certificate: a card valid today first (an early-issued renewal
            # starting next month must not hide it), then the latest already issued.
            case((and_(Certificate.status == STATUS_VALID, Certificate.issued_on <= today,
                       Certificate.valid_until >= today), 0), else_=1),
            case((Certificate.issued_on <= today, 0), else_=1),
            Certificate.issued_on.desc(), Certificate.valid_until.desc(),
        )
        .limit(1)
        .correlate(Officer)
        .scalar_subquery()
    )
    hours = (
        select(TrainingRecord.officer_id, func.sum(TrainingRecord.hours).label("hours"))
        .where(TrainingRecord.year == today.year, TrainingRecord.deleted.is_(False))
        .group_by(TrainingRecord.officer_id)
        .subquery()
    )
    newer = aliased(Certificate)
    renewed = (
        select(newer.id)
        .where(newer.officer_id == Officer.id, newer.deleted.is_(False),
               newer.status == STATUS_VALID, newer.issued_on > Certificate.issued_on,
               newer.valid_until > Certificate.valid_until)
        .exists()
        .label("renewed")
    )
    status = _status_expr(today, window_days).label("cert_status")
    trained = func.coalesce(hours.c.hours, 0.0).label("trained")
    query = (
        select(Officer.id, Officer.name, Officer.sex, Officer.unit, Officer.post, Officer.kind,
               Officer.is_active, Officer.is_legal_reviewer, Officer.is_hearing_presider,
               Certificate.number, Certificate.fields, Certificate.issued_on,
               Certificate.valid_until, status, trained, renewed)
        .select_from(Officer)
        .outerjoin(Certificate, Certificate.id == latest)
        .outerjoin(hours, hours.c.officer_id == Officer.id)
        .where(Officer.deleted.is_(False))
    )
    if text.strip():
        like = f"%{text.strip()}%"
        query = query.where(or_(Officer.name.like(like), Officer.unit.like(like),
                                Certificate.number.like(like.upper()),
                                Officer.id_number.like(like.upper())))
    query = _filtered(query, only, status)
    order = {
        "name": Officer.name, "unit": Officer.unit, "kind": Officer.kind,
        "number": Certificate.number, "status": _rank_expr(status),
        "valid_until": Certificate.valid_until, "training": trained,
    }[sort]
    query = query.order_by(order.desc() if descending else order.asc(), Officer.name, Officer.id)
    target = float(training_target)
    return [
        RosterRow(officer_id, name, sex, unit, post, kind, is_active, number or "",
                  tuple(fields or ()), issued_on, valid_until, _BY_VALUE[cert_status],
                  float(trained), target, is_legal_reviewer, is_hearing_presider, bool(renewed))
        for (officer_id, name, sex, unit, post, kind, is_active, is_legal_reviewer,
             is_hearing_presider, number, fields, issued_on, valid_until, cert_status, trained,
             renewed)
        in session.connection().execute(query).fetchall()
    ]


def _filtered(query, only: str, status):  # noqa: ANN001, ANN202
    may_act = status.in_([CertStatus.VALID.value, CertStatus.RENEWAL_DUE.value])
    if only == "may_act":
        return query.where(Officer.is_active.is_(True), Officer.kind == KIND_OFFICER, may_act)
    if only == "attention":
        return query.where(Officer.is_active.is_(True), Officer.kind == KIND_OFFICER,
                           status != CertStatus.VALID.value)
    if only == "auxiliary":
        return query.where(Officer.kind == KIND_AUXILIARY)
    if only == "left":
        return query.where(Officer.is_active.is_(False))
    return query
