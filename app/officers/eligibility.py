"""Who may act: the one place that decides whether officers may investigate, sign and decide.

Every case action calls these checks (Art. 42: at least two officers, each holding a valid
enforcement certificate on the day of the act; auxiliary staff only help or serve documents).
Nothing else in the app re-implements these rules. All checks only read; the caller owns the
session and its transaction. Refusals raise `EligibilityRefused` (an `Invalid`) whose message
names each officer and the reason, one per line, ready to show the clerk.
"""

from __future__ import annotations

import enum
from collections.abc import Iterable
from dataclasses import dataclass
from datetime import date

from sqlalchemy import select
from sqlalchemy.orm import Session, selectinload

from app.clock import format_cn_date
from app.db.models.officers import (
    KIND_AUXILIARY,
    STATUS_CANCELLED,
    STATUS_EXPIRED,
    STATUS_LOST,
    STATUS_REVOKED,
    STATUS_SUSPENDED,
    STATUS_VALID,
    Certificate,
    Officer,
)
from app.errors import Invalid

MIN_HANDLING_OFFICERS = 2          # Art. 42: 执法人员不得少于两人（法律另有规定的除外）
HELPER_ROLES = ("协助", "送达")     # what auxiliary staff may do in a case (Zhejiang Art. 30)
DEFAULT_WINDOW_DAYS = 60


class CertStatus(str, enum.Enum):
    VALID = "有效"
    RENEWAL_DUE = "待年审/待换证"
    NOT_YET_VALID = "未生效"
    EXPIRED = "过期"
    SUSPENDED = "暂扣"
    REVOKED = "吊销"
    CANCELLED = "注销"
    REPLACED = "遗失补办"      # the old card after a loss: declared void, a new number issued
    NONE = "无执法证"

    @property
    def may_act(self) -> bool:
        return self in (CertStatus.VALID, CertStatus.RENEWAL_DUE)

    @property
    def label(self) -> str:
        return _LABELS.get(self, self.value)


_LABELS = {
    CertStatus.REPLACED: "已挂失作废",
    CertStatus.RENEWAL_DUE: "有效（临近到期）",
}
_RECORDED = {
    STATUS_EXPIRED: CertStatus.EXPIRED,
    STATUS_SUSPENDED: CertStatus.SUSPENDED,
    STATUS_REVOKED: CertStatus.REVOKED,
    STATUS_CANCELLED: CertStatus.CANCELLED,
    STATUS_LOST: CertStatus.REPLACED,
}


class EligibilityRefused(Invalid):
    """The listed officers may not do the act; `problems` holds one line per reason."""

    def __init__(self, problems: list[str]) -> None:
        super().__init__("\n".join(problems))
        self.problems = list(problems)


@dataclass(frozen=True)
class OfficerStatus:
    """An officer as seen on one day: plain values, safe to hand to another thread or the UI."""

    officer_id: str
    name: str
    unit: str
    kind: str
    is_active: bool
    certificate_id: str | None
    certificate_number: str
    status: CertStatus
    issued_on: date | None
    valid_until: date | None
    fields: tuple[str, ...]
    may_act: bool
    reason: str                # why not, in Chinese; "" when the officer may act
    renewal_issued: bool = False   # a later card is already issued: no renewal to chase


def recorded_status_on(cert: Certificate, day: date) -> str:
    """The status recorded by the county that applied on `day` (history first, then the row)."""
    events = [e for e in cert.events if not e.deleted]
    if events:
        before = [e for e in events if e.effective_on <= day]
        return before[-1].status if before else STATUS_VALID
    if cert.status_since is not None and day < cert.status_since:
        return STATUS_VALID
    return cert.status or STATUS_VALID


def certificate_status_on(
    cert: Certificate, day: date, window_days: int = DEFAULT_WINDOW_DAYS
) -> CertStatus:
    """The certificate's status on `day`: a recorded block (暂扣, 吊销, 注销, 遗失) wins, then the
    dates (未生效, 过期), then the renewal window (待年审/待换证, still valid)."""
    recorded = recorded_status_on(cert, day)
    if recorded in _RECORDED:
        return _RECORDED[recorded]
    if day < cert.issued_on:
        return CertStatus.NOT_YET_VALID
    if day > cert.valid_until:
        return CertStatus.EXPIRED
    if (cert.valid_until - day).days <= window_days:
        return CertStatus.RENEWAL_DUE
    return CertStatus.VALID


def status_reason(name: str, cert: Certificate | None, status: CertStatus) -> str:
    """The clerk-facing sentence for a blocking status ("张三 执法证已于2026年3月1日过期")."""
    if cert is None or status is CertStatus.NONE:
        return f"{name} 未持有执法证"
    if status is CertStatus.EXPIRED:
        return f"{name} 执法证已于{format_cn_date(cert.valid_until)}过期"
    if status is CertStatus.SUSPENDED:
        return f"{name} 执法证已暂扣"
    if status is CertStatus.REVOKED:
        tail = (f"，{format_cn_date(cert.no_reapply_until)}前不得重新申领"
                if cert.no_reapply_until else "")
        return f"{name} 执法证已吊销{tail}"
    if status is CertStatus.CANCELLED:
        return f"{name} 执法证已注销"
    if status is CertStatus.REPLACED:
        return f"{name} 执法证（证号{cert.number}）已挂失作废，补办的新证尚未下发"
    if status is CertStatus.NOT_YET_VALID:
        return f"{name} 执法证自{format_cn_date(cert.issued_on)}起才生效"
    return ""


def pick_certificate(
    certs: Iterable[Certificate], day: date, window_days: int = DEFAULT_WINDOW_DAYS,
    field: str | None = None,
) -> tuple[Certificate | None, CertStatus]:
    """The certificate that speaks for the officer on `day`: a valid one covering `field` if any,
    else any valid one, else the most recently issued (its status explains the refusal)."""
    live = [c for c in certs if not c.deleted]
    if not live:
        return None, CertStatus.NONE
    rated = [(c, certificate_status_on(c, day, window_days)) for c in live]
    valid = [(c, s) for c, s in rated if s.may_act]
    if valid:
        covering = [(c, s) for c, s in valid if field is None or field in (c.fields or [])]
        pool = covering or valid
        return max(pool, key=lambda cs: (cs[0].valid_until, cs[0].issued_on))
    issued = [(c, s) for c, s in rated if c.issued_on <= day] or rated
    return max(issued, key=lambda cs: (cs[0].issued_on, cs[0].valid_until))


def _load(session: Session, officer_ids: Iterable[str]) -> dict[str, Officer]:
    ids = list(dict.fromkeys(officer_ids))
    if not ids:
        return {}
    rows = session.scalars(
        select(Officer)
        .where(Officer.id.in_(ids), Officer.deleted.is_(False))
        .options(selectinload(Officer.certificates).selectinload(Certificate.events))
    ).all()
    return {o.id: o for o in rows}


def _person_problem(officer: Officer | None, officer_id: str, on: date) -> str:
    if officer is None:
        return f"所选人员（编号 {officer_id}）不在执法人员名册中"
    if officer.left_on is not None:
        # Known departure date: acts dated before it stand (a case may be written up later).
        if officer.left_on <= on:
            return f"{officer.name} 已于{format_cn_date(officer.left_on)}离岗，不能参与执法"
    elif not officer.is_active:
        return f"{officer.name} 已离岗，不能参与执法"
    return ""


def _enforcer_problem(officer: Officer, *, on: date, field: str | None) -> str:
    cert, status = pick_certificate(officer.certificates, on, field=field)
    if not status.may_act:
        return status_reason(officer.name, cert, status)
    if field and field not in (cert.fields or []):
        return f"{officer.name} 执法证的执法类别不含「{field}」"
    return ""


def check_handling_officers(
    session: Session,
    officer_ids: Iterable[str],
    *,
    on: date,
    field: str | None,
    act: str,
    min_officers: int = MIN_HANDLING_OFFICERS,
) -> None:
    """Refuse unless at least `min_officers` distinct officers may do `act` on `on`.

    Each must be on the roster, in post, 在编 (not auxiliary), and hold a certificate valid on
    that day whose 执法类别 covers `field` (None: any field). `act` names the action in the
    refusal ("调查取证", "现场检查", "作出处罚决定"). Every problem is reported, not just the first.
    """
    ids = list(dict.fromkeys(i for i in officer_ids if i))
    officers = _load(session, ids)
    problems: list[str] = []
    qualified = 0
    for officer_id in ids:
        officer = officers.get(officer_id)
        problem = _person_problem(officer, officer_id, on)
        if not problem and officer.kind == KIND_AUXILIARY:
            problem = f"{officer.name} 为辅助人员，不能作为承办人"
        if not problem:
            problem = _enforcer_problem(officer, on=on, field=field)
        if problem:
            problems.append(problem)
        else:
            qualified += 1
    if qualified < min_officers:
        problems.append(
            f"{act}须由两名以上持有效执法证的执法人员进行（《行政处罚法》第四十二条）"
            if min_officers == MIN_HANDLING_OFFICERS else
            f"{act}须由至少{min_officers}名持有效执法证的执法人员进行"
        )
    if problems:
        raise EligibilityRefused(problems)


def handling_officers(
    session: Session,
    officer_ids: Iterable[str],
    *,
    on: date,
    field: str | None,
    act: str,
) -> list[OfficerStatus]:
    """`check_handling_officers`, then the officers in the order given with the certificate that
    qualifies each — for printing "执法证号分别是…" on the record (Art. 55)."""
    ids = list(dict.fromkeys(i for i in officer_ids if i))
    check_handling_officers(session, ids, on=on, field=field, act=act)
    officers = _load(session, ids)
    return [officer_status(officers[i], on, field=field) for i in ids]


def check_helpers(
    session: Session, officer_ids: Iterable[str], *, on: date, role: str = "协助"
) -> None:
    """Refuse unless everyone listed may help (协助) or serve documents (送达) on `on`.

    Auxiliary staff are allowed here and only here; the listed people must be on the roster and
    in post. Any other role for auxiliary staff is refused.
    """
    if role not in HELPER_ROLES:
        raise Invalid(f"辅助人员只能协助执法或送达文书，不能担任「{role}」")
    ids = list(dict.fromkeys(i for i in officer_ids if i))
    officers = _load(session, ids)
    problems = [p for p in (_person_problem(officers.get(i), i, on) for i in ids) if p]
    if problems:
        raise EligibilityRefused(problems)


def check_legal_reviewer(session: Session, officer_id: str, on: date) -> None:
    """Refuse unless the officer is a designated 法制审核 reviewer holding 法律职业资格 (Art. 58)."""
    officer = _load(session, [officer_id]).get(officer_id)
    problem = _person_problem(officer, officer_id, on)
    if not problem and not (officer.is_legal_reviewer and (officer.legal_qualification_no or "").strip()):
        problem = (f"{officer.name} 未登记法律职业资格，不能担任法制审核人员"
                   "（《行政处罚法》第五十八条）")
    if problem:
        raise EligibilityRefused([problem])


def check_hearing_presider(
    session: Session,
    officer_id: str,
    *,
    on: date,
    investigator_ids: Iterable[str] = (),
    require_credential: bool = False,
) -> None:
    """Refuse a presider who investigated the case (Art. 64), is auxiliary staff, or — where the
    province requires it (`require_credential`) — lacks the 听证主持人 qualification."""
    officer = _load(session, [officer_id]).get(officer_id)
    problem = _person_problem(officer, officer_id, on)
    if not problem and officer.kind == KIND_AUXILIARY:
        problem = f"{officer.name} 为辅助人员，不能主持听证"
    if not problem and officer_id in set(investigator_ids):
        problem = f"{officer.name} 是本案调查人员，不能主持听证（《行政处罚法》第六十四条）"
    if not problem and require_credential and not officer.is_hearing_presider:
        problem = f"{officer.name} 未取得听证主持人资格"
    if problem:
        raise EligibilityRefused([problem])


def officer_status(
    officer: Officer, on: date, *, field: str | None = None,
    window_days: int = DEFAULT_WINDOW_DAYS,
) -> OfficerStatus:
    cert, status = pick_certificate(officer.certificates, on, window_days, field)
    reason = _person_problem(officer, officer.id, on)
    if not reason and officer.kind == KIND_AUXILIARY:
        reason = f"{officer.name} 为辅助人员，只能协助执法或送达文书"
    if not reason:
        reason = _enforcer_problem(officer, on=on, field=field)
    return OfficerStatus(
        officer_id=officer.id, name=officer.name, unit=officer.unit, kind=officer.kind,
        is_active=officer.is_active,
        certificate_id=cert.id if cert else None,
        certificate_number=cert.number if cert else "",
        status=status,
        issued_on=cert.issued_on if cert else None,
        valid_until=cert.valid_until if cert else None,
        fields=tuple(cert.fields or ()) if cert else (),
        may_act=not reason, reason=reason,
        renewal_issued=cert is not None and any(
            c is not cert and not c.deleted and c.status == STATUS_VALID
            and c.issued_on > cert.issued_on and c.valid_until > cert.valid_until
            for c in officer.certificates),
    )


def officer_statuses(
    session: Session, on: date, *, field: str | None = None,
    window_days: int = DEFAULT_WINDOW_DAYS,
) -> list[OfficerStatus]:
    """Every officer on the roster (auxiliary staff and those who left included), by name."""
    officers = session.scalars(
        select(Officer)
        .where(Officer.deleted.is_(False))
        .order_by(Officer.name)
        .options(selectinload(Officer.certificates).selectinload(Certificate.events))
    ).all()
    return [officer_status(o, on, field=field, window_days=window_days) for o in officers]


def who_may_act(
    session: Session, on: date, field: str | None = None, *,
    window_days: int = DEFAULT_WINDOW_DAYS,
) -> list[OfficerStatus]:
    """The officers who may investigate, sign and decide on `on` (in `field`, if given)."""
    return [s for s in officer_statuses(session, on, field=field, window_days=window_days)
            if s.may_act]
