"""County → township reference data: versioned publications per kind (roster, certificates, power
list, discretion benchmarks, templates, seal spec, holidays). A publication is never edited; a
new version replaces it for every squad it applies to (squad_id NULL = every squad)."""

from __future__ import annotations

import csv
import io
from typing import Any

from sqlalchemy import func, select
from sqlalchemy.orm import Session

from app.clock import utc_now
from app.errors import Invalid
from app.server.accounts import find_squad
from app.server.audit import record_event
from app.server.models import ReferencePublication
from app.sync import protocol

# CSV headers accepted for the roster, Chinese or English; the payload uses the English keys.
ROSTER_COLUMNS = {
    "姓名": "name", "name": "name",
    "执法证号": "certificate_no", "certificate_no": "certificate_no",
    "证件有效期至": "certificate_valid_until", "certificate_valid_until": "certificate_valid_until",
    "中队": "squad", "squad": "squad",
    "职务": "title", "title": "title",
    "角色": "roles", "roles": "roles",
    "身份证号": "id_number", "id_number": "id_number",
    "电话": "phone", "phone": "phone",
    "编号": "officer_id", "officer_id": "officer_id",
}


def publish(
    session: Session, kind: str, payload: Any, *, squad_id: str | None = None, actor: str = "admin"
) -> ReferencePublication:
    if kind not in protocol.REFERENCE_KINDS:
        raise Invalid(f"未知的下发数据类别“{kind}”，可用：{'、'.join(protocol.REFERENCE_KINDS)}。")
    if payload in (None, {}, []):
        # A new version replaces the old one on every PC: an empty file would wipe it everywhere.
        raise Invalid(f"{kind} 的内容是空的，未发布（发布空内容会清空各中队电脑上的数据）。")
    # Versions are numbered per kind across all squads; the unique constraint catches a race.
    version = (session.scalar(
        select(func.max(ReferencePublication.version)).where(ReferencePublication.kind == kind)
    ) or 0) + 1
    row = ReferencePublication(
        kind=kind, version=version, squad_id=squad_id, published_at=utc_now(),
        published_by=actor, payload=payload,
    )
    session.add(row)
    session.flush()
    record_event(session, "reference.publish", actor=actor, squad_id=squad_id, kind=kind, version=version)
    return row


def parse_roster_csv(text: str) -> list[dict[str, str]]:
    """Rows as published: the few columns the county needs (name, squad) under English keys, every
    other column kept under its own header — the township's roster import (the same one a CSV
    file goes through) validates ID numbers, certificate numbers, kinds, fields and dates."""
    reader = csv.DictReader(io.StringIO(text.lstrip("\ufeff")))
    if reader.fieldnames is None:
        raise Invalid("花名册文件是空的。")
    officers = []
    for line, row in enumerate(reader, start=2):
        officer = {ROSTER_COLUMNS.get(k.strip(), k.strip()): (v or "").strip()
                   for k, v in row.items() if k and k.strip()}
        if not officer.get("name"):
            raise Invalid(f"花名册第 {line} 行缺少姓名。")
        officers.append(officer)
    return officers


def latest(session: Session, kind: str, squad_id: str | None) -> ReferencePublication | None:
    """The newest publication of `kind` addressed exactly to `squad_id` (None: county-wide)."""
    scope = ReferencePublication.squad_id.is_(None) if squad_id is None else (
        ReferencePublication.squad_id == squad_id)
    return session.scalar(
        select(ReferencePublication).where(ReferencePublication.kind == kind, scope)
        .order_by(ReferencePublication.version.desc()).limit(1)
    )


def import_officers(
    session: Session, text: str, *, squad: str | None = None, allow_shrink: bool = False,
    actor: str = "admin",
) -> list[ReferencePublication]:
    """One roster publication per squad named in the CSV (or for `squad`, or county-wide).

    A roster that would drop more than half of the officers the squad has now is refused unless
    `allow_shrink`: a truncated or wrong file must not wipe rosters on the township PCs."""
    officers = parse_roster_csv(text)
    if not officers:
        raise Invalid("花名册里没有人员，未发布。")
    groups: dict[str | None, list[dict[str, str]]] = {}
    for officer in officers:
        name = squad or officer.get("squad") or None
        groups.setdefault(name, []).append(officer)
    published = []
    for name, members in groups.items():
        squad_id = find_squad(session, name).id if name else None
        previous = latest(session, "roster", squad_id)
        before = len((previous.payload or {}).get("officers", [])) if previous else 0
        if not allow_shrink and len(members) * 2 < before:
            raise Invalid(f"{name or '全县'}花名册将从 {before} 人减少到 {len(members)} 人，"
                          "疑似文件不完整，未发布；确认无误请加 --allow-shrink。")
        published.append(publish(session, "roster", {"officers": members}, squad_id=squad_id, actor=actor))
    return published
