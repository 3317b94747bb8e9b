"""Case numbers (案号) from the documents numbering, and decision numbers taken from the issued
decision document.

- Filing without an explicit number: the case is numbered from the 立案审批表's serials
  (doc type ``filing_approval``, category 立 → ``崇综执立字〔2026〕N号`` in the deployment's
  `number_format`), through the squad's `BlockSource` (`CaseEnv.block_source`). Sharing the
  document type's counter means a case number can never equal another filing document's number.
  The serial is taken inside the caller's transaction, so a refused or rolled-back filing gives
  it back (gap-free).
- Issuing a 行政处罚决定书 / 不予行政处罚决定书 that belongs to a case writes its number into the
  case's ``decision_number`` (a session hook, so every issue path is covered; the change is
  journaled in the next flush of the same transaction, under the issue's action). Rows arriving
  through sync are left alone: the issuing PC's own write-back comes with them.
"""

from __future__ import annotations

from datetime import date
from typing import Any

from sqlalchemy import event, inspect
from sqlalchemy.orm import Session

from app.documents.numbering import BlockSource, LocalBlockSource, number_format, remaining, take_serial

FILING_DOC_TYPE = "filing_approval"
DECISION_DOC_TYPES = frozenset({"penalty_decision", "no_penalty_decision"})
LOCAL_LEASES_FILE = "number_leases.json"
_PENDING = "_case_decision_numbers"


def filing_category() -> str:
    from app.documents.templates import load  # noqa: PLC0415

    return load(FILING_DOC_TYPE).category or "立"


def next_case_number(session: Session, env: Any, *, squad_id: str, on: date) -> str | None:  # noqa: ANN401
    """The next 案号 for a case filed on `on`, or None when this PC has no block of filing
    serials and no block source to lease one from (the case then stays unnumbered)."""
    source: BlockSource | None = env.block_source
    year = on.year
    if source is None and remaining(session, squad_id=squad_id, doc_type=FILING_DOC_TYPE, year=year) <= 0:
        return None
    serial = take_serial(session, source, squad_id=squad_id, doc_type=FILING_DOC_TYPE, year=year)
    return number_format(env.prefs, FILING_DOC_TYPE).format(filing_category(), year, serial)


def squad_block_source(paths, store=None) -> BlockSource:  # noqa: ANN001 - AppPaths, Store
    """The squad's block source: the county server's once this PC is enrolled, else one
    `LocalBlockSource` counter file in the data folder (the same file for every document type).
    Decided at the first lease, so opening a page does not load the sync client."""
    return _SquadBlockSource(paths, store)


class _SquadBlockSource:
    def __init__(self, paths, store) -> None:  # noqa: ANN001
        self._paths, self._store = paths, store
        self._source: BlockSource | None = None

    def resolve(self) -> BlockSource:
        if self._source is None:
            self._source = _resolve_block_source(self._paths, self._store)
        return self._source

    def lease(self, squad: str, doc_type: str, year: int, size: int) -> tuple[int, int]:
        return self.resolve().lease(squad, doc_type, year, size)


def _resolve_block_source(paths, store) -> BlockSource:  # noqa: ANN001
    if store is not None:
        from app.errors import SyncFailed  # noqa: PLC0415
        from app.sync.blocks import block_source_for  # noqa: PLC0415

        try:
            return block_source_for(store)
        except SyncFailed:  # not enrolled: a county-less PC numbers from its own counter file
            pass
    return LocalBlockSource(paths.root / LOCAL_LEASES_FILE)


@event.listens_for(Session, "after_flush")
def _note_issued_decisions(session: Session, _ctx: Any) -> None:  # noqa: ANN401
    if session.info.get("origin") == "sync":
        return  # the issuing PC wrote the number back itself; its case row arrives through sync
    from app.db.models.documents import Document  # noqa: PLC0415

    for obj in (*session.new, *session.dirty):
        if not isinstance(obj, Document) or obj.doc_type not in DECISION_DOC_TYPES:
            continue
        if obj.state != "issued" or not obj.case_id or not obj.number:
            continue
        if obj not in session.new and not inspect(obj).attrs.number.history.has_changes():
            continue
        session.info.setdefault(_PENDING, []).append((obj.case_id, obj.number))


@event.listens_for(Session, "after_flush_postexec")
def _write_decision_numbers(session: Session, _ctx: Any) -> None:  # noqa: ANN401
    pending = session.info.pop(_PENDING, None)
    if not pending:
        return
    from app.db.models.cases import Case  # noqa: PLC0415

    with session.no_autoflush:
        for case_id, number in pending:
            case = session.get(Case, case_id)
            if case is not None and not case.deleted and case.decision_number != number:
                case.decision_number = number  # flushed (and journaled) by the next flush / commit
