"""Pull: "everything after cursor N" in pages; each page applied and its cursor saved in one
transaction (`store.write(actor, "sync.pull", origin="sync")`: audited, never pushed back).

Field-level merge against local changes not yet pushed: a field with a pending local change is
never overwritten. If the server's value is one this PC itself had on the way (the value before
the pending change, or one of the pending values), the server is simply behind and the push will
carry the change; otherwise both sides changed it: a conflict is recorded, the local value kept,
and the push that follows lets the server judge it too.

Reference data (roster, certificates, power list…) is handed to the applier registered for its
kind (app.sync.reference) in the same transaction, and its version remembered.
"""

from __future__ import annotations

import json
import logging
from dataclasses import dataclass, field
from typing import Any

from sqlalchemy import select, text
from sqlalchemy.exc import IntegrityError
from sqlalchemy.orm import Session

from app.clock import utc_now
from app.context import Actor
from app.db.models.core import OutboxEntry
from app.db.models.sync import SyncConflict
from app.db.store import Store
from app.errors import SyncFailed, SyncFailure
from app.progress import Progress, no_progress
from app.sync import protocol as p
from app.sync import reference, state
from app.sync.client import SyncClient
from app.sync.entities import data_columns, entity_class, same, to_python
from app.sync.push import upsert_conflict

log = logging.getLogger(__name__)

COUNTY_USER = "县局"
MAX_HELD_PAGES = 50
APPLY_FAILED = ("县局下发的数据无法写入本机（数据关联不完整）。已下载的部分未写入，下次同步会重试；"
                "如多次出现，请联系县局技术人员。")


@dataclass
class PullReport:
    pages: int = 0
    changes: int = 0
    applied: int = 0
    conflicts: int = 0
    unknown: int = 0
    reference: list[str] = field(default_factory=list)
    cursor: int = 0


class Puller:
    def __init__(self, client: SyncClient, store: Store, actor: Actor,
                 page_size: int = p.PULL_PAGE_DEFAULT) -> None:
        self.client = client
        self.store = store
        self.actor = actor
        self.page_size = page_size

    def run(self, progress: Progress = no_progress) -> PullReport:
        report = PullReport()
        held: list[p.PullResponse] = []       # pages waiting for a parent row in a later page
        while True:
            with self.store.read() as session:
                cursor = state.cursor(session)
                versions = state.reference_versions(session)
            asked = held[-1].next_cursor if held else cursor
            page = self.client.pull(p.PullRequest(cursor=asked, limit=self.page_size,
                                                  reference_versions=versions))
            held.append(page)
            attempt = PullReport()
            try:
                with self.store.write(self.actor, "sync.pull", origin="sync") as session:
                    if state.cursor(session) != cursor:     # another sync got here first
                        held = []
                        continue
                    # Compaction can put a child row before its parent (the parent changed
                    # later): foreign keys are checked at commit, and if the parent is in a later
                    # page, that page is fetched and applied in the same transaction.
                    session.execute(text("PRAGMA defer_foreign_keys = ON"))
                    for one in held:
                        apply_page(session, one, attempt)
                    state.put(session, state.K_CURSOR, str(max(cursor, page.next_cursor)))
            except IntegrityError as exc:
                if "FOREIGN KEY" in str(exc.orig) and page.has_more and page.next_cursor > asked \
                        and len(held) < MAX_HELD_PAGES:
                    continue
                log.error("pull: page after cursor %d cannot be applied: %s", cursor,
                          type(exc.orig).__name__)
                raise SyncFailed(APPLY_FAILED, kind=SyncFailure.SERVER) from None
            report.pages += len(held)
            report.changes += attempt.changes
            report.applied += attempt.applied
            report.conflicts += attempt.conflicts
            report.unknown += attempt.unknown
            report.reference += attempt.reference
            report.cursor = max(cursor, page.next_cursor)
            held = []
            progress(report.changes, report.changes + (1 if page.has_more else 0))
            if not page.has_more or page.next_cursor <= asked:
                return report


def apply_page(session: Session, page: p.PullResponse, report: PullReport) -> None:
    if page.reference:
        versions = state.reference_versions(session)
        for publication in page.reference:
            if reference.apply(session, publication):
                versions[publication.kind] = publication.version
                report.reference.append(publication.kind)
        state.put(session, state.K_REFERENCE, json.dumps(versions, sort_keys=True))
    for change in page.changes:
        report.changes += 1
        apply_change(session, change, report)


def pending_chains(session: Session, entity_id: str) -> dict[str, list[Any]]:
    """field → the values this PC had on the way for it: base of the first pending change, then
    each pending value. A server value among them means the server is behind, not in conflict."""
    chains: dict[str, list[Any]] = {}
    for entry in session.scalars(select(OutboxEntry).where(
            OutboxEntry.entity_id == entity_id, OutboxEntry.state == "pending")
            .order_by(OutboxEntry.seq)):
        for name, value in entry.fields.items():
            chain = chains.setdefault(name, [])
            if not chain and name in entry.base:
                chain.append(entry.base[name])
            chain.append(value)
    return chains


def apply_change(session: Session, change: p.Change, report: PullReport) -> None:
    cls = entity_class(change.entity)
    if cls is None:
        report.unknown += 1
        log.warning("pull: unknown entity %s skipped (newer county version?)", change.entity)
        return
    columns = data_columns(cls)
    data = dict(change.data)
    data["deleted"] = change.deleted
    obj = session.get(cls, change.entity_id)
    who = change.updated_by or COUNTY_USER
    if obj is None:
        values = {k: to_python(columns[k], v) for k, v in data.items() if k in columns}
        values["id"] = change.entity_id
        obj = cls(**values)
        obj.revision, obj.updated_at, obj.updated_by = change.revision, change.updated_at, who
        session.add(obj)
        report.applied += 1
        return
    chains = pending_chains(session, change.entity_id)
    changed = False
    for name, server_value in data.items():
        column = columns.get(name)
        if column is None or name == "id":
            continue
        local_value = getattr(obj, name)
        if same(column, local_value, server_value):
            continue
        if name in chains:
            if any(same(column, v, server_value) for v in chains[name]):
                continue                       # the server has not seen our change yet
            from app.db.journal import plain  # noqa: PLC0415

            upsert_conflict(session, entity=change.entity, entity_id=change.entity_id,
                            field_name=name, local=plain(local_value), server=server_value,
                            base=chains[name][0], local_at=None, source="pull", now=utc_now(),
                            server_revision=change.revision)
            report.conflicts += 1
            continue
        setattr(obj, name, to_python(column, server_value))
        changed = True
    if changed:
        obj.revision, obj.updated_at, obj.updated_by = change.revision, change.updated_at, who
        report.applied += 1
    elif change.revision > (obj.revision or 0):
        # Same values, newer county revision: adopt the revision so ours never lags behind.
        obj.revision = change.revision
    _date_conflicts(session, change)


def _date_conflicts(session: Session, change: p.Change) -> None:
    """Open conflicts on this record learn when the county's side last changed: 'which newer'."""
    for row in session.scalars(select(SyncConflict).where(
            SyncConflict.entity == change.entity, SyncConflict.entity_id == change.entity_id,
            SyncConflict.resolved_at.is_(None))):
        row.server_at = change.updated_at
        row.server_by = change.updated_by or COUNTY_USER
        if row.local_at is not None:
            row.newer = "server" if change.updated_at > row.local_at else "local"
        else:
            row.newer = "local"    # a pending local change is by definition the later edit
