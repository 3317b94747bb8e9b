"""Pull: "everything after cursor N" in pages; each page applied and its cursor saved in one
transaction (`store.write(actor, "sync.pull", origin="sync")`: audited, never pushed back).

Field-level merge against local changes not yet pushed: a field with a pending local change is
never overwritten. If the server's value is one this PC itself had on the way (the value before
the pending change, or one of the pending values), the server is simply behind and the push will
carry the change; otherwise both sides changed it: a conflict is recorded, the local value kept,
and the push that follows lets the server judge it too.

Reference data (roster, certificates, power list…) is handed to the applier registered for its
kind (app.sync.reference) in the same transaction, inside a SAVEPOINT, and its version
remembered. A publication whose applier fails (bad data from the county) is rolled back alone and
parked verbatim in `sync_parked` too (entity "publication:<kind>", entity_id its version) with a
reason the county administrator can act on; its version is remembered all the same, so the county
does not send it again and the pull goes on. Every later pull retries it (the newest parked one of
a kind first); it leaves the list when it applied or a newer publication of its kind applied.

One change that cannot be written here (a local row holds the same unique value, its parent row
never arrived or is itself parked, a value this version cannot read) never stops the pull: each
change is applied inside a SAVEPOINT; a failing one is rolled back alone and parked verbatim in
`sync_parked` (app.db.models.sync.ParkedChange) with the reason in Chinese, the cursor moves on,
and every later pull retries it (it applies once the blocking row changed). It leaves the list
only when it applied or a newer revision of the same record applied.

Echo: the request names the records of this PC's acknowledged pushes as it holds them
(state.held_records), so the county leaves out those whose state there is exactly that one
(app.server.sync_service._echoes says why nothing weaker is safe).
"""

from __future__ import annotations

import json
import logging
import re
from dataclasses import dataclass, field
from typing import Any

from sqlalchemy import and_, delete, select, text
from sqlalchemy.exc import IntegrityError, OperationalError, StatementError
from sqlalchemy.orm import Session

from app.clock import utc_now
from app.context import Actor
from app.db.models.core import OutboxEntry
from app.db.models.sync import ParkedChange, SyncConflict
from app.db.store import Store
from app.errors import AppError, SyncFailed, SyncFailure
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
AFTER_FIX = "改正后下次同步会自动写入。"
PARKED_UNIQUE = "本机已有另一条记录（编号 {blocker}）与它的唯一内容重复。请核对本机的那条记录，" + AFTER_FIX
PARKED_UNIQUE_UNKNOWN = "本机已有另一条记录与它的唯一内容重复。请核对本机的数据，" + AFTER_FIX
PARKED_ORPHAN = "它所属的上级记录在本机不存在，或也未能写入（数据关联不完整）。上级记录写入后会自动写入。"
PARKED_RULE = "它不符合本机数据库的规则（可能县局的软件版本较新）。升级本机软件后会自动写入。"
PARKED_FORMAT = "它的内容本机无法识别（可能县局的软件版本较新）。升级本机软件后会自动写入。"


@dataclass
class PullReport:
    pages: int = 0
    changes: int = 0
    applied: int = 0
    conflicts: int = 0
    unknown: int = 0
    reference: list[str] = field(default_factory=list)
    cursor: int = 0
    parked: int = 0          # incoming changes parked by this pull
    unparked: int = 0        # parked changes that finally applied
    waiting: int = 0         # parked changes still waiting after this pull

    def add(self, other: "PullReport") -> None:
        self.changes += other.changes
        self.applied += other.applied
        self.conflicts += other.conflicts
        self.unknown += other.unknown
        self.reference += other.reference
        self.parked += other.parked
        self.unparked += other.unparked


class _Orphans(Exception):
    """Incoming rows that would leave a foreign key dangling at commit: park them and redo."""

    def __init__(self, keys: set[tuple[str, str]]) -> None:
        super().__init__(f"{len(keys)} orphans")
        self.keys = keys


_MOVED = object()      # another sync moved the cursor meanwhile: start again from it
_HOLD = object()       # a parent row may be in the next page: fetch it into this transaction


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
        with self.store.read() as session:
            mine, echo_top = state.held_records(session)
        claims = [p.HeldRecord(**one) for one in mine]     # the county leaves out their echo
        while True:
            with self.store.read() as session:
                cursor = state.cursor(session)
                versions = state.reference_versions(session)
            asked = held[-1].next_cursor if held else cursor
            page = self.client.pull(p.PullRequest(cursor=asked, limit=self.page_size,
                                                  reference_versions=versions,
                                                  held=claims))
            held.append(page)
            last = not page.has_more or page.next_cursor <= asked
            attempt = self._commit(held, cursor, asked, last, echo_top)
            if attempt is _MOVED:
                held = []
                continue
            if attempt is _HOLD:
                continue
            report.pages += len(held)
            report.add(attempt)
            report.waiting = attempt.waiting
            report.cursor = max(cursor, page.next_cursor)
            held = []
            progress(report.changes, report.changes + (1 if page.has_more else 0))
            if last:
                return report

    def _commit(self, held: list[p.PullResponse], cursor: int, asked: int, last: bool,
                echo_top: int) -> Any:
        """Apply the held pages (and, on the last page, retry the parked changes) in one
        transaction. A foreign key left dangling at commit first fetches the next page (the
        parent may be there); when there is none, the rows left without a parent are parked and
        the transaction is redone without them."""
        page = held[-1]
        forced: set[tuple[str, str]] = set()
        checking = False
        while True:
            attempt = PullReport()
            try:
                with self.store.write(self.actor, "sync.pull", origin="sync") as session:
                    if state.cursor(session) != cursor:     # another sync got here first
                        return _MOVED
                    # Compaction can put a child row before its parent (the parent changed
                    # later): foreign keys are checked at commit, and if the parent is in a later
                    # page, that page is fetched and applied in the same transaction.
                    session.execute(text("PRAGMA defer_foreign_keys = ON"))
                    seen: set[tuple[str, str]] = set()
                    retried: set[tuple[str, str]] = set()
                    for one in held:
                        apply_page(session, one, attempt, forced, seen)
                    if last:
                        retry_publications(session, attempt)
                        retry_parked(session, attempt, forced, seen, retried)
                    if checking:
                        found = orphans(session, seen | retried) - forced
                        if found:
                            raise _Orphans(found)
                    state.put(session, state.K_CURSOR, str(max(cursor, page.next_cursor)))
                    if last and echo_top:
                        state.put(session, state.K_ECHO_MARK, str(echo_top))
                    attempt.waiting = state.parked_incoming(session)
                return attempt
            except _Orphans as exc:
                forced |= exc.keys
                continue
            except IntegrityError as exc:
                if "FOREIGN KEY" in str(exc.orig):
                    if page.has_more and page.next_cursor > asked and len(held) < MAX_HELD_PAGES:
                        return _HOLD
                    if not checking:
                        checking = True
                        continue
                log.error("pull: page after cursor %d cannot be applied: %s", cursor,
                          type(exc.orig).__name__)
                raise SyncFailed(APPLY_FAILED, kind=SyncFailure.SERVER) from None


def apply_page(session: Session, page: p.PullResponse, report: PullReport,
               forced: set[tuple[str, str]] | None = None,
               seen: set[tuple[str, str]] | None = None) -> None:
    if page.reference:
        apply_publications(session, page.reference, report)
    for change in page.changes:
        report.changes += 1
        if seen is not None:
            seen.add((change.entity, change.entity_id))
    if _apply_all(session, page.changes, report, forced or set()):
        return
    for change in page.changes:               # something in it was refused: one by one
        if not apply_or_park(session, change, report, forced or set()):
            report.parked += 1


def apply_publications(session: Session, publications: list[p.ReferencePublication],
                       report: PullReport) -> None:
    """Each publication applied, or parked when its applier fails; either way its version is
    remembered (the parked copy is retried here, so the county need not send it again). A kind
    without an applier is not remembered: it comes again once one exists."""
    versions = state.reference_versions(session)
    for publication in publications:
        if versions.get(publication.kind, 0) >= publication.version:
            continue          # the same publication rides on every page held in this transaction
        outcome = apply_publication(session, publication, report)
        if outcome is None:
            continue
        versions[publication.kind] = publication.version
        if not outcome:
            report.parked += 1
    state.put(session, state.K_REFERENCE, json.dumps(versions, sort_keys=True))


def apply_publication(session: Session, publication: p.ReferencePublication,
                      report: PullReport) -> bool | None:
    """Run the applier inside a SAVEPOINT: True when it applied (older parked publications of
    its kind, and its own parked copy, go), False when it failed and was parked with nothing of
    it kept, None when no applier is registered for its kind."""
    session.info.setdefault("sync_publications_tried", set()).add(
        (publication.kind, publication.version))
    try:
        with session.begin_nested():
            if not reference.apply(session, publication):
                return None
            session.flush()
    except OperationalError:
        raise                      # locked, disk full, I/O: never the publication's fault
    except Exception as exc:  # noqa: BLE001 - bad county data of any shape must not stop the pull
        if not isinstance(exc, (AppError, *_REFUSED)):
            log.warning("pull: reference %s v%d applier failed", publication.kind,
                        publication.version, exc_info=True)
        park_publication(session, publication, exc)
        return False
    report.reference.append(publication.kind)
    report.unparked += session.execute(delete(ParkedChange).where(
        ParkedChange.entity == reference.parked_entity(publication.kind),
        ParkedChange.seq <= publication.version)).rowcount or 0
    return True


def park_publication(session: Session, publication: p.ReferencePublication,
                     exc: BaseException) -> None:
    """Keep the publication verbatim (seq and revision: its version) with the reason."""
    now = utc_now()
    reason = reference.failure_reason(publication.kind, publication.version, exc)
    detail = _detail(exc)
    entity = reference.parked_entity(publication.kind)
    row = session.scalar(select(ParkedChange).where(
        ParkedChange.entity == entity, ParkedChange.entity_id == str(publication.version)))
    log.warning("pull: reference %s v%d parked: %s", publication.kind, publication.version, detail)
    if row is None:
        session.add(ParkedChange(entity=entity, entity_id=str(publication.version),
                                 seq=publication.version, revision=publication.version,
                                 change=publication.model_dump(mode="json"), reason=reason,
                                 detail=detail, parked_at=now, tried_at=now, attempts=1))
        return
    row.reason, row.detail = reason, detail
    row.tried_at, row.attempts = now, (row.attempts or 0) + 1


def retry_publications(session: Session, report: PullReport) -> None:
    """Try the parked publications again, newest of each kind first: once one applies, the older
    ones of its kind are superseded. Those this transaction already tried are not tried twice."""
    tried = session.info.setdefault("sync_publications_tried", set())
    rows = session.scalars(select(ParkedChange)
                           .where(ParkedChange.entity.startswith(reference.PARKED_PREFIX))
                           .order_by(ParkedChange.entity, ParkedChange.seq.desc())).all()
    settled: set[str] = set()
    for row in rows:
        kind = reference.parked_kind(row.entity)
        if kind in settled:
            continue
        try:
            publication = p.ReferencePublication.model_validate(row.change)
        except ValueError:          # kept by another version of this program: keep it
            log.warning("pull: parked publication %s v%s unreadable", row.entity, row.entity_id)
            continue
        if (publication.kind, publication.version) in tried:
            continue
        if apply_publication(session, publication, report):
            settled.add(publication.kind)


# What the database or a column type says about one change's values (a unique clash, a value it
# cannot bind or convert). OperationalError (locked, disk full, I/O) is never the change's fault:
# it propagates and the whole pull is retried later.
_REFUSED = (StatementError, ValueError, TypeError, ArithmeticError)


def _apply_all(session: Session, changes: list[p.Change], report: PullReport,
               forced: set[tuple[str, str]]) -> bool:
    """The whole page in one SAVEPOINT (a savepoint per change costs twice the time of the
    apply itself). False, with nothing of it kept, when the database refused any of it."""
    if any((c.entity, c.entity_id) in forced for c in changes):
        return False
    attempt = PullReport()
    try:
        with session.begin_nested():
            for change in changes:
                apply_change(session, change, attempt)
            session.flush()
    except OperationalError:
        raise
    except _REFUSED:
        return False
    report.add(attempt)
    for change in changes:
        _unpark(session, change)
    return True


def _parked_keys(session: Session) -> set[tuple[str, str]]:
    """The records with a parked change, read once per transaction (kept current by park and
    _unpark), so applying a change costs no extra statement when none is parked."""
    keys = session.info.get("sync_parked_keys")
    if keys is None:
        keys = {(entity, entity_id) for entity, entity_id in session.execute(
            select(ParkedChange.entity, ParkedChange.entity_id))}
        session.info["sync_parked_keys"] = keys
    return keys


def _unpark(session: Session, change: p.Change) -> None:
    """`change` applied: a parked copy of it, or of an older revision of its record, goes."""
    key = (change.entity, change.entity_id)
    keys = _parked_keys(session)
    if key not in keys:
        return
    row = session.scalar(select(ParkedChange).where(
        ParkedChange.entity == change.entity, ParkedChange.entity_id == change.entity_id))
    if row is not None and row.seq <= change.seq:
        session.delete(row)
        keys.discard(key)


def apply_or_park(session: Session, change: p.Change, report: PullReport,
                  forced: set[tuple[str, str]], *, count: bool = True) -> bool:
    """Apply one change inside a SAVEPOINT; if the database refuses it, roll back only that
    change and park it. True when it applied (any older parked copy of it is then dropped).
    `count=False`: a second try within one pull, not counted as another attempt."""
    if (change.entity, change.entity_id) in forced:
        park(session, change, PARKED_ORPHAN, "FOREIGN KEY constraint failed", count=count)
        return False
    attempt = PullReport()
    try:
        with session.begin_nested():
            apply_change(session, change, attempt)
            session.flush()
    except OperationalError:
        raise
    except IntegrityError as exc:
        park(session, change, *_explain(session, change, exc), count=count)
        return False
    except _REFUSED as exc:
        park(session, change, PARKED_FORMAT, _detail(exc), count=count)
        return False
    report.add(attempt)
    _unpark(session, change)
    return True


def park(session: Session, change: p.Change, reason: str, detail: str, *,
         count: bool = True) -> None:
    """Keep `change` verbatim; a newer revision of the same record replaces an older one (it
    carries the record's whole state), an older one never replaces a newer."""
    now = utc_now()
    row = session.scalar(select(ParkedChange).where(
        ParkedChange.entity == change.entity, ParkedChange.entity_id == change.entity_id))
    if row is None:
        row = ParkedChange(entity=change.entity, entity_id=change.entity_id, seq=change.seq,
                           revision=change.revision, change=change.model_dump(mode="json"),
                           reason=reason, detail=detail, parked_at=now, tried_at=now, attempts=1)
        session.add(row)
        _parked_keys(session).add((change.entity, change.entity_id))
        log.warning("pull: change to %s %s parked: %s", change.entity, change.entity_id, detail)
        return
    if change.seq >= row.seq:
        row.seq, row.revision = change.seq, change.revision
        row.change = change.model_dump(mode="json")
    row.reason, row.detail = reason, detail
    if count:
        row.tried_at, row.attempts = now, (row.attempts or 0) + 1


def retry_parked(session: Session, report: PullReport, forced: set[tuple[str, str]],
                 seen: set[tuple[str, str]], tried: set[tuple[str, str]]) -> None:
    """Try every parked change again (oldest first), and again while any applied: one may
    free the value another needs. Records this pull already brought (`seen`) are settled;
    the records tried are added to `tried`."""
    while True:
        progress = False
        for row in session.scalars(select(ParkedChange).where(
                ~ParkedChange.entity.startswith(reference.PARKED_PREFIX))
                .order_by(ParkedChange.seq)).all():
            key = (row.entity, row.entity_id)
            if key in seen or (key in tried and key in forced):
                continue
            try:
                change = p.Change.model_validate(row.change)
            except ValueError:           # kept by another version of this program: keep it
                log.warning("pull: parked change %s %s unreadable", row.entity, row.entity_id)
                tried.add(key)
                continue
            if apply_or_park(session, change, report, forced, count=key not in tried):
                report.unparked += 1
                progress = True
            tried.add(key)
        if not progress:
            return


_UNIQUE = re.compile(r"UNIQUE constraint failed: (.+)$")


def _detail(exc: BaseException) -> str:
    orig = getattr(exc, "orig", None) or exc
    return f"{type(orig).__name__}: {orig}"[:500]


def _explain(session: Session, change: p.Change, exc: IntegrityError) -> tuple[str, str]:
    """The clerk's reason for a refused change, naming the local row in the way when it can."""
    message = str(exc.orig)
    detail = _detail(exc)
    if "FOREIGN KEY" in message:
        return PARKED_ORPHAN, detail
    match = _UNIQUE.search(message)
    if match is None:
        return PARKED_RULE, detail
    blocker = _unique_blocker(session, change, match.group(1))
    if blocker is None:
        return PARKED_UNIQUE_UNKNOWN, detail
    return PARKED_UNIQUE.format(blocker=blocker[:8]), f"{detail} (local row {blocker})"


def _unique_blocker(session: Session, change: p.Change, columns: str) -> str | None:
    cls = entity_class(change.entity)
    if cls is None:
        return None
    table = cls.__table__  # type: ignore[attr-defined]
    names = [part.strip().split(".", 1)[-1] for part in columns.split(",")]
    if any(name not in table.c or name not in change.data for name in names) or "id" not in table.c:
        return None
    columns_by_key = data_columns(cls)
    where = [table.c[name] == to_python(columns_by_key.get(name, table.c[name]), change.data[name])
             for name in names]
    return session.scalar(select(table.c.id).where(and_(*where), table.c.id != change.entity_id)
                          .limit(1))


def orphans(session: Session, keys: set[tuple[str, str]]) -> set[tuple[str, str]]:
    """Rows among `keys` (entity, id) whose foreign key points at no row right now."""
    session.flush()
    found: set[tuple[str, str]] = set()
    for entity in sorted({entity for entity, _ in keys}):
        cls = entity_class(entity)
        if cls is None:
            continue
        table = cls.__table__  # type: ignore[attr-defined]
        for row in session.execute(text(f'PRAGMA foreign_key_check("{table.name}")')).all():
            entity_id = session.scalar(text(f'SELECT id FROM "{table.name}" WHERE rowid = :r'),
                                       {"r": row[1]})
            if (entity, entity_id) in keys:
                found.add((entity, entity_id))
    return found


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
