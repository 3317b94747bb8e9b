"""Document numbers (文号): the pattern, and serials that two offline PCs can never both mint.

Pattern (DOMAIN §2.4): 机关代字 + 类别代字 + 字 + 〔full year〕 + serial + 号, e.g.
``崇综执罚决字〔2026〕12号``; "第" and zero padding are configurable per deployment and per
document type (``Preferences.extra["numbering"]``).

Serials are gap-free and never reused per (squad, type, year) *within each leased block*: a PC
numbers only from blocks leased to it through a `BlockSource`. `LocalBlockSource` is the
county-less counter file; the squad's one source — for case numbers and documents alike — is
`app.cases.numbers.squad_block_source` (the county server's blocks once enrolled). A serial
is taken inside the caller's transaction, so a failed issue gives it back.
"""

from __future__ import annotations

import json
import os
import tempfile
import threading
from dataclasses import dataclass
from pathlib import Path
from typing import Any, Protocol

from sqlalchemy import select
from sqlalchemy.orm import Session

from app.clock import utc_now
from app.db.models.documents import NumberBlock
from app.errors import AppError, Invalid
from app.settings import Preferences

DEFAULT_BLOCK_SIZE = 20


@dataclass(frozen=True)
class NumberFormat:
    prefix: str                 # 机关代字, e.g. 崇综执
    word: str = "字"
    with_di: bool = False       # 第12号
    pad: int = 0                # 0012号

    def format(self, category: str, year: int, serial: int) -> str:
        digits = str(serial).zfill(self.pad) if self.pad else str(serial)
        di = "第" if self.with_di else ""
        return f"{self.prefix}{category}{self.word}〔{year}〕{di}{digits}号"


def number_format(prefs: Preferences, doc_type: str) -> NumberFormat:
    """The deployment's format, with per-type overrides from prefs.extra["numbering"]."""
    conf: dict[str, Any] = dict(prefs.extra.get("numbering", {}).get("default", {}))
    conf.update(prefs.extra.get("numbering", {}).get(doc_type, {}))
    return NumberFormat(
        prefix=conf.get("prefix", prefs.authority_short),
        word=conf.get("word", "字"),
        with_di=bool(conf.get("with_di", False)),
        pad=int(conf.get("pad", 0)),
    )


class BlockSource(Protocol):
    def lease(self, squad: str, doc_type: str, year: int, size: int) -> tuple[int, int]:
        """Reserve `size` fresh serials for one PC; return (first, last). Never hands out a
        serial twice. May raise SyncFailed when the county cannot be reached."""
        ...


class LocalBlockSource:
    """The default source without a county server: one counter per (squad, type, year) in a JSON
    file, written atomically. Every PC that shares this source gets disjoint blocks."""

    def __init__(self, path: Path) -> None:
        self.path = path
        self._lock = threading.Lock()

    def lease(self, squad: str, doc_type: str, year: int, size: int) -> tuple[int, int]:
        if size < 1:
            raise Invalid("文号段大小必须大于零。")
        with self._lock, _file_lock(self.path):
            data = json.loads(self.path.read_text("utf-8")) if self.path.exists() else {}
            key = f"{squad}/{doc_type}/{year}"
            first = int(data.get(key, 0)) + 1
            last = first + size - 1
            data[key] = last
            self.path.parent.mkdir(parents=True, exist_ok=True)
            fd, tmp = tempfile.mkstemp(dir=self.path.parent, prefix=".leases-")
            with os.fdopen(fd, "w", encoding="utf-8") as out:
                json.dump(data, out, ensure_ascii=False, indent=1, sort_keys=True)
                out.flush()
                os.fsync(out.fileno())
            os.replace(tmp, self.path)
        return first, last


class _file_lock:
    """An advisory lock beside the file, so two processes on one PC do not lease the same block."""

    def __init__(self, path: Path) -> None:
        self.lock_path = path.with_name(path.name + ".lock")
        self._fh: Any = None

    def __enter__(self) -> None:
        self.lock_path.parent.mkdir(parents=True, exist_ok=True)
        self._fh = open(self.lock_path, "a+b")
        try:
            import fcntl

            fcntl.flock(self._fh, fcntl.LOCK_EX)
        except ImportError:  # Windows
            import msvcrt

            self._fh.seek(0)
            msvcrt.locking(self._fh.fileno(), msvcrt.LK_LOCK, 1)

    def __exit__(self, *exc: object) -> None:
        try:
            import fcntl

            fcntl.flock(self._fh, fcntl.LOCK_UN)
        except ImportError:
            import msvcrt

            self._fh.seek(0)
            msvcrt.locking(self._fh.fileno(), msvcrt.LK_UNLCK, 1)
        self._fh.close()


def remaining(session: Session, *, squad_id: str, doc_type: str, year: int) -> int:
    blocks = session.scalars(
        select(NumberBlock).where(NumberBlock.squad_id == squad_id, NumberBlock.doc_type == doc_type,
                                  NumberBlock.year == year)
    ).all()
    return sum(b.last - b.next_serial + 1 for b in blocks)


def lease_block(session: Session, source: BlockSource, *, squad_id: str, doc_type: str, year: int,
                size: int = DEFAULT_BLOCK_SIZE) -> NumberBlock:
    """Lease a block now (while online) and keep it on this PC."""
    first, last = source.lease(squad_id, doc_type, year, size)
    if first < 1 or last < first:
        raise Invalid(f"文号段 {first}–{last} 无效，已拒绝。")
    overlapping = session.scalars(
        select(NumberBlock).where(NumberBlock.squad_id == squad_id, NumberBlock.doc_type == doc_type,
                                  NumberBlock.year == year, NumberBlock.first <= last,
                                  NumberBlock.last >= first)
    ).first()
    if overlapping is not None:
        raise Invalid(f"文号段 {first}–{last} 与本机已有的文号段重叠，已拒绝，请联系县局管理员。")
    block = NumberBlock(squad_id=squad_id, doc_type=doc_type, year=year, first=first, last=last,
                        next_serial=first, leased_at=utc_now())
    session.add(block)
    session.flush()
    return block


def ensure_block(session: Session, source: BlockSource | None, *, squad_id: str, doc_type: str,
                 year: int, block_size: int = DEFAULT_BLOCK_SIZE) -> None:
    """Lease a block if this PC has no serial left; quietly does nothing when offline (the
    issue itself then refuses if it needs a number)."""
    if source is None or remaining(session, squad_id=squad_id, doc_type=doc_type, year=year) > 0:
        return
    try:
        lease_block(session, source, squad_id=squad_id, doc_type=doc_type, year=year, size=block_size)
    except AppError:
        return


def take_serial(session: Session, source: BlockSource | None, *, squad_id: str, doc_type: str,
                year: int, block_size: int = DEFAULT_BLOCK_SIZE) -> int:
    """The next serial from this PC's blocks, leasing a new block when they are used up.
    The caller's transaction owns the change: roll back and the serial is not consumed. A block
    leased here is lost with a rollback too (a gap at the source), so services call
    `ensure_block` in a transaction of its own first."""
    block = session.scalars(
        select(NumberBlock)
        .where(NumberBlock.squad_id == squad_id, NumberBlock.doc_type == doc_type,
               NumberBlock.year == year, NumberBlock.next_serial <= NumberBlock.last)
        .order_by(NumberBlock.first)
        .limit(1)
    ).first()
    if block is None:
        if source is None:
            raise Invalid("本机的文号段已用完，请联网后领取新的文号段。")
        try:
            block = lease_block(session, source, squad_id=squad_id, doc_type=doc_type, year=year,
                                size=block_size)
        except Invalid:
            raise
        except AppError as exc:
            raise Invalid(f"本机的文号段已用完，且无法领取新的文号段（{exc}）。请联网后重试。") from exc
    serial = block.next_serial
    block.next_serial = serial + 1
    session.flush()
    return serial
