"""Checking the audit chain: nobody can quietly change history, or data behind history's back.

`verify_chain(session)` recomputes every audit entry's hash in order and checks that each links to
the one before (an edited entry breaks its own hash; a deleted one breaks the next link and leaves a
gap in the sequence). Then, for every synced row, it compares the row's current digest with the
digest recorded by its latest audit entry: a row edited with raw SQL (or an audit entry
rewritten to hide it) shows up as a mismatch; a row with no audit entry at all, and an audited row
that has vanished (synced rows are never deleted, only tombstoned), are reported too.

Limits, stated plainly: someone holding the key who rewrites the *whole* chain consistently from
some point on cannot be caught locally. That is what `chain_head` is for: the sync client sends
(head hash, entry count) to the county, and the county notices a head that does not extend the
one it saw before.
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass, field

from sqlalchemy import func, select
from sqlalchemy.orm import Mapper, Session

from app.db.base import Base, Synced
from app.db.journal import GENESIS_HASH, audit_hash, row_digest
from app.db.models.core import AuditEntry

BATCH = 2000
MAX_PROBLEMS = 200


@dataclass(frozen=True)
class Problem:
    kind: str        # edited_entry | broken_link | missing_entries | row_changed | row_unaudited | row_missing
    seq: int | None
    entity: str
    entity_id: str
    message: str     # Chinese, for the clerk / the county technician


@dataclass
class ChainReport:
    entries: int = 0
    rows_checked: int = 0
    head: str = GENESIS_HASH
    first_broken_seq: int | None = None
    problems: list[Problem] = field(default_factory=list)
    problem_count: int = 0

    @property
    def ok(self) -> bool:
        return self.problem_count == 0

    def add(self, problem: Problem) -> None:
        self.problem_count += 1
        if len(self.problems) < MAX_PROBLEMS:
            self.problems.append(problem)
        if problem.seq is not None and problem.kind in {"edited_entry", "broken_link", "missing_entries"}:
            if self.first_broken_seq is None or problem.seq < self.first_broken_seq:
                self.first_broken_seq = problem.seq

    def summary(self) -> str:
        if self.ok:
            return f"审计链完整：共 {self.entries} 条记录，核对数据行 {self.rows_checked} 行，均与审计记录一致。"
        where = f"，自第 {self.first_broken_seq} 条起链条断开" if self.first_broken_seq else ""
        return (
            f"发现 {self.problem_count} 处异常{where}：数据或审计记录可能被绕过程序直接改动。"
            "请勿继续修改，立即联系县局技术人员核查。"
        )


def synced_mappers(extra: Iterable[type] = ()) -> list[Mapper]:
    """Every mapped class holding synced rows (those on Base, plus `extra` models)."""
    mappers = [m for m in Base.registry.mappers if issubclass(m.class_, Synced)]
    from sqlalchemy import inspect

    mappers += [inspect(model) for model in extra]
    return sorted(mappers, key=lambda m: m.class_.__tablename__)


def _check_links(session: Session, report: ChainReport) -> None:
    expected_prev = GENESIS_HASH
    expected_seq: int | None = None
    last_seq = 0
    while True:
        batch = session.scalars(
            select(AuditEntry).where(AuditEntry.seq > last_seq).order_by(AuditEntry.seq).limit(BATCH)
        ).all()
        if not batch:
            break
        for entry in batch:
            report.entries += 1
            if expected_seq is not None and entry.seq != expected_seq:
                report.add(Problem("missing_entries", expected_seq, entry.entity, entry.entity_id,
                                   f"审计记录第 {expected_seq}–{entry.seq - 1} 条缺失（被删除）。"))
            if entry.prev_hash != expected_prev:
                report.add(Problem("broken_link", entry.seq, entry.entity, entry.entity_id,
                                   f"审计记录第 {entry.seq} 条与前一条接不上（前面的记录被删除或改动）。"))
            if audit_hash(entry) != entry.hash:
                report.add(Problem("edited_entry", entry.seq, entry.entity, entry.entity_id,
                                   f"审计记录第 {entry.seq} 条的内容被改动（{entry.entity}）。"))
            expected_prev = entry.hash
            expected_seq = entry.seq + 1
            last_seq = entry.seq
        session.expunge_all()
    report.head = expected_prev


def _check_rows(session: Session, report: ChainReport, mappers: list[Mapper]) -> None:
    for mapper in mappers:
        model = mapper.class_
        entity = model.__tablename__
        latest_seq = (
            select(func.max(AuditEntry.seq))
            .where(AuditEntry.entity == entity)
            .group_by(AuditEntry.entity_id)
            .scalar_subquery()
        )
        latest = dict(
            session.execute(
                select(AuditEntry.entity_id, AuditEntry.row_digest).where(
                    AuditEntry.entity == entity, AuditEntry.seq.in_(latest_seq)
                )
            ).all()
        )
        last_id = ""
        seen: set[str] = set()
        while True:
            rows = session.scalars(
                select(model).where(model.id > last_id).order_by(model.id).limit(BATCH)
            ).all()
            if not rows:
                break
            for row in rows:
                report.rows_checked += 1
                recorded = latest.get(row.id)
                if recorded is None:
                    report.add(Problem("row_unaudited", None, entity, row.id,
                                       f"{entity} 中的一行（{row.id}）没有任何审计记录（绕过程序写入）。"))
                elif recorded != row_digest(row):
                    report.add(Problem("row_changed", None, entity, row.id,
                                       f"{entity} 中的一行（{row.id}）与其最后一条审计记录不符（被直接改动）。"))
                last_id = row.id
                seen.add(row.id)
            session.expunge_all()
        for gone in sorted(set(latest) - seen):
            report.add(Problem("row_missing", None, entity, gone,
                               f"{entity} 中有审计记录的一行（{gone}）不见了（被直接删除；正常删除只做标记）。"))


def verify_chain(session: Session, *, models: Iterable[type] = ()) -> ChainReport:
    """Recompute the whole chain and compare every synced row with its latest audit entry.

    Read-only; run it in `store.read()`. `models` adds synced models mapped outside `Base` (the
    crash harness uses one). Cost is linear in entries + rows, in batches of 2,000.
    """
    report = ChainReport()
    _check_links(session, report)
    _check_rows(session, report, synced_mappers(models))
    return report


def chain_head(session: Session) -> tuple[str, int]:
    """(hash of the newest audit entry, number of entries): what the sync client reports upward."""
    head = session.scalar(select(AuditEntry.hash).order_by(AuditEntry.seq.desc()).limit(1))
    count = session.scalar(select(func.count()).select_from(AuditEntry)) or 0
    return head or GENESIS_HASH, count
