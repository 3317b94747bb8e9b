""""Is this certificate genuine and valid?" in seconds, offline: look a number up, log the check.

The number may be typed, or come from a barcode/QR scanner acting as a keyboard; scanners send
full-width characters, stray spaces, lower case, or a whole QR payload (a verification URL, or
"证号:XXXX|姓名:…"). `normalise_scanned` extracts the number. The lookup uses the unique index on
`certificates.number`. The answer always says how fresh the county data is ("数据截至 …"), since
the PC may not have synced for days; every check is logged in `certificate_checks`.
"""

from __future__ import annotations

import re
import unicodedata
from dataclasses import dataclass
from datetime import date, datetime, timezone
from urllib.parse import parse_qsl, urlsplit

from sqlalchemy import select
from sqlalchemy.orm import Session, joinedload

from app.clock import format_cn_date, to_china, utc_now
from app.db.models.core import Meta
from app.db.models.officers import Certificate, CertificateCheck, Officer
from app.officers.eligibility import (
    DEFAULT_WINDOW_DAYS,
    CertStatus,
    certificate_status_on,
    status_reason,
)

LAST_SYNC_KEY = "last_sync_at"
NOT_SYNCED = "尚未与县局同步"
_KEYED = re.compile(
    r"(?:执法证号|证件号码?|证号|编号|cert_?no|number|no)\s*[:：=]\s*([0-9A-Za-z\-]+)", re.IGNORECASE
)
_URL_KEYS = ("certno", "cert_no", "number", "no", "zh", "zjh", "zsbh", "bh", "code", "id")


@dataclass(frozen=True)
class CheckResult:
    """What the clerk sees after a check. Plain values only (safe across threads)."""

    typed: str
    number: str
    found: bool
    is_valid: bool
    verdict: str                    # one line: "有效", "无效：执法证已暂扣", "查无此证"
    status: CertStatus | None
    certificate_id: str | None = None
    name: str = ""
    sex: str = ""
    unit: str = ""
    kind: str = ""
    fields: tuple[str, ...] = ()
    issued_on: date | None = None
    valid_until: date | None = None
    issuing_authority: str = ""
    photo: bytes | None = None
    replaced_by_number: str = ""
    history: tuple[str, ...] = ()   # "2026年5月1日 暂扣（新法考试未通过）— 县司法局", oldest first
    as_of: datetime | None = None
    as_of_text: str = NOT_SYNCED

    @property
    def validity_text(self) -> str:
        if self.issued_on is None or self.valid_until is None:
            return ""
        return f"{format_cn_date(self.issued_on)} 至 {format_cn_date(self.valid_until)}"


def normalise_scanned(text: str) -> str:
    """The certificate number inside whatever a person typed or a scanner sent."""
    raw = unicodedata.normalize("NFKC", text or "").strip()
    keyed = _KEYED.search(raw)
    if keyed:
        return keyed.group(1).replace("-", "").upper()
    if "://" in raw or raw.lower().startswith("www."):
        parts = urlsplit(raw if "://" in raw else f"http://{raw}")
        params = {k.lower(): v for k, v in parse_qsl(parts.query)}
        for key in _URL_KEYS:
            if params.get(key):
                return _alnum(params[key])
        segments = [s for s in parts.path.split("/") if s]
        if segments:
            return _alnum(segments[-1])
        return _alnum(parts.fragment)
    return _alnum(raw)


def _alnum(text: str) -> str:
    return re.sub(r"[^0-9A-Za-z]", "", text).upper()


def last_sync_at(session: Session) -> datetime | None:
    """When data last came down from the county (meta `last_sync_at`), or None."""
    value = session.scalar(select(Meta.value).where(Meta.key == LAST_SYNC_KEY))
    if not value:
        return None
    try:
        moment = datetime.fromisoformat(value)
    except ValueError:
        return None
    return moment if moment.tzinfo else moment.replace(tzinfo=timezone.utc)


def as_of_text(as_of: datetime | None) -> str:
    if as_of is None:
        return NOT_SYNCED
    local = to_china(as_of)
    return f"数据截至 {format_cn_date(local.date())} {local:%H:%M}"


def find_certificate(session: Session, number: str) -> Certificate | None:
    """Indexed exact lookup; the officer (with photo) and the status history come in the same
    single query, so a scan is one round trip."""
    if not number:
        return None
    return session.scalars(
        select(Certificate)
        .where(Certificate.number == number, Certificate.deleted.is_(False))
        .options(joinedload(Certificate.events),
                 joinedload(Certificate.officer).undefer(Officer.photo))
    ).unique().first()


def quick_check(
    session: Session,
    number: str,
    *,
    today: date,
    as_of: datetime | None = None,
    window_days: int = DEFAULT_WINDOW_DAYS,
    log: bool = True,
) -> CheckResult:
    """Check a typed or scanned certificate number against the local copy of the county roster.

    `as_of` is when the roster was last synced; None reads it from the meta table. The check is
    logged (who, when, what, result, data-as-of) in the caller's session, which must therefore be
    a writing one (`store.write`) unless `log=False`. The caller commits.
    """
    typed = number
    normalised = normalise_scanned(number)
    if as_of is None:
        as_of = last_sync_at(session)
    cert = find_certificate(session, normalised)
    result = _result(typed, normalised, cert, today=today, as_of=as_of, window_days=window_days)
    if log:
        log_check(session, result)
    return result


def _result(typed: str, number: str, cert: Certificate | None, *, today: date,
            as_of: datetime | None, window_days: int) -> CheckResult:
    freshness = as_of_text(as_of)
    if cert is None:
        verdict = "查无此证：本机名册中没有这个证号" if number else "未识别到证号"
        return CheckResult(typed=typed, number=number, found=False, is_valid=False,
                           verdict=verdict, status=None, as_of=as_of, as_of_text=freshness)
    officer = cert.officer
    status = certificate_status_on(cert, today, window_days)
    reason = status_reason(officer.name, cert, status)
    if status.may_act and not officer.is_active:
        reason = f"{officer.name} 已离岗"
    if reason:
        verdict = "无效：" + reason.removeprefix(officer.name).strip()
    elif status is CertStatus.RENEWAL_DUE:
        verdict = f"有效（{(cert.valid_until - today).days}天后到期）"
    else:
        verdict = "有效"
    replaced_by = ""
    if cert.replaced_by_id:
        new = next((c for c in officer.certificates if c.id == cert.replaced_by_id), None)
        replaced_by = new.number if new else ""
    return CheckResult(
        typed=typed, number=number, found=True, is_valid=not reason, verdict=verdict,
        status=status, certificate_id=cert.id, name=officer.name, sex=officer.sex, unit=officer.unit, kind=officer.kind,
        fields=tuple(cert.fields or ()), issued_on=cert.issued_on, valid_until=cert.valid_until,
        issuing_authority=cert.issuing_authority, photo=officer.photo,
        replaced_by_number=replaced_by, history=_history(cert), as_of=as_of,
        as_of_text=freshness,
    )


def _history(cert: Certificate) -> tuple[str, ...]:
    lines = []
    for event in cert.events:
        if event.deleted:
            continue
        reason = f"（{event.reason}）" if event.reason else ""
        by = f" — {event.decided_by}" if event.decided_by else ""
        lines.append(f"{format_cn_date(event.effective_on)} {event.status}{reason}{by}")
    return tuple(lines)


def log_check(session: Session, result: CheckResult) -> None:
    """Record a check already shown (the UI answers from a read, then logs in the background so
    a busy writer never delays the answer). Needs a writing session; the caller commits."""
    actor = session.info.get("actor")
    session.add(CertificateCheck(
        typed=result.typed[:500], number=result.number[:40],
        certificate_id=result.certificate_id,
        result="有效" if result.is_valid else ("无效" if result.found else "查无此证"),
        detail=f"{result.name} {result.verdict}".strip(),
        checked_at=utc_now(), checked_by=actor.user if actor else "unknown",
        device_id=actor.device_id if actor else "", data_as_of=result.as_of,
    ))
