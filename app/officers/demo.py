"""Demo roster of 怀远中队: certified officers in every certificate state, two auxiliary staff, a
legal reviewer, training hours — written as county data (origin="sync"), idempotent."""

from __future__ import annotations

import struct
import zlib
from datetime import date, timedelta

from sqlalchemy import func, select

from app.db.models.officers import KIND_AUXILIARY, KIND_OFFICER, STATUS_SUSPENDED, Officer
from app.domain.identifiers import resident_id_check_char
from app.officers import registry

UNIT = "崇州市综合行政执法局"
SQUAD = "怀远中队"
FIELDS_ALL = ["城市管理", "市场监管", "生态环境", "农业农村"]

# name, sex digit, birth, post, kind, certificate (days valid from today) or None, extra
_PEOPLE = [
    ("张建国", 1, "19760412", "中队长", KIND_OFFICER, 900, {"is_hearing_presider": True}),
    ("李明", 3, "19850923", "执法队员", KIND_OFFICER, 1200, {}),
    ("王芳", 2, "19880305", "法制审核员", KIND_OFFICER, 1500,
     {"is_legal_reviewer": True, "legal_qualification_no": "A20185101840012"}),
    ("刘洋", 5, "19900617", "执法队员", KIND_OFFICER, 40, {}),
    ("陈磊", 7, "19830130", "执法队员", KIND_OFFICER, -20, {}),
    ("杨帆", 9, "19920811", "执法队员", KIND_OFFICER, 700, {"suspended": True}),
    ("黄伟", 1, "19870225", "执法队员", KIND_OFFICER, 1100, {}),
    ("赵小龙", 3, "19960714", "协管员", KIND_AUXILIARY, None, {}),
    ("周晓梅", 4, "19941102", "协管员", KIND_AUXILIARY, None, {}),
]
_TRAINING_HOURS = {"张建国": 64, "李明": 60, "王芳": 72, "刘洋": 36, "陈磊": 12, "杨帆": 24,
                   "黄伟": 48}


def _id_number(seq: int, sex_digit: int, birth: str) -> str:
    first17 = f"510184{birth}{seq:02d}{sex_digit}"
    return first17 + resident_id_check_char(first17)


def seed_demo_officers(opened, actor, *, today: date, cases: int = 0) -> str:  # noqa: ANN001, ARG001
    """Write the demo roster unless officers are already on file. Returns a summary fragment."""
    with opened.store.read() as session:
        if session.scalar(select(func.count()).select_from(Officer)):
            return "执法人员已存在，未重复写入"
    with opened.store.write(actor, "demo.officers", summary="写入演示执法人员名册",
                            origin="sync") as session:
        for seq, (name, sex_digit, birth, post, kind, days, extra) in enumerate(_PEOPLE, 10):
            extra = dict(extra)
            suspended = extra.pop("suspended", False)
            officer = registry.upsert_officer(
                session, id_number=_id_number(seq, sex_digit, birth), name=name,
                sex="男" if sex_digit % 2 else "女", unit=UNIT, squad=SQUAD, post=post, kind=kind,
                photo=placeholder_photo(seq), **extra,
            )
            session.flush()
            if days is None:
                continue
            until = today + timedelta(days=days)
            issued = until - timedelta(days=5 * 365 + 1)  # a five-year card
            cert = registry.add_certificate(
                session, officer, number=f"5101842{issued.year}{seq:04d}",
                fields=FIELDS_ALL[:2] if seq % 2 else FIELDS_ALL, issued_on=issued,
                valid_until=until,
            )
            if suspended:
                registry.record_status(session, cert, STATUS_SUSPENDED,
                                       effective_on=today - timedelta(days=10),
                                       reason="新法考试未通过，暂扣执法证并离岗培训")
            hours = _TRAINING_HOURS.get(name, 0)
            for i, part in enumerate(_split_hours(hours)):
                held_on = max(date(today.year, 1, 1), today - timedelta(days=40 * (i + 1)))
                registry.add_training(session, officer, held_on=held_on,
                                      course=("行政处罚法专题培训", "执法文书规范化", "案卷评查")[i % 3],
                                      hours=part, provider="崇州市司法局")
    return f"执法人员 {len(_PEOPLE)} 名"


def _split_hours(hours: int) -> list[int]:
    parts = []
    while hours > 0:
        parts.append(min(hours, 24))
        hours -= parts[-1]
    return parts


def placeholder_photo(seed: int, width: int = 96, height: int = 128) -> bytes:
    """A plain head-and-shoulders silhouette as PNG (stands in for the county's ID photos)."""
    bg = (70 + seed * 13 % 60, 110 + seed * 7 % 50, 180)
    fg = (235, 235, 240)
    rows = []
    for y in range(height):
        row = bytearray([0])
        for x in range(width):
            head = (x - width / 2) ** 2 + (y - height * 0.38) ** 2 <= (width * 0.22) ** 2
            body = y > height * 0.66 and (x - width / 2) ** 2 + (y - height * 1.05) ** 2 <= (width * 0.5) ** 2
            row.extend(fg if head or body else bg)
        rows.append(bytes(row))
    raw = zlib.compress(b"".join(rows), 9)

    def chunk(kind: bytes, data: bytes) -> bytes:
        return struct.pack(">I", len(data)) + kind + data + struct.pack(
            ">I", zlib.crc32(kind + data) & 0xFFFFFFFF)

    header = struct.pack(">IIBBBBB", width, height, 8, 2, 0, 0, 0)
    return b"\x89PNG\r\n\x1a\n" + chunk(b"IHDR", header) + chunk(b"IDAT", raw) + chunk(b"IEND", b"")
