"""Case search and the case list's paged query: Chinese substring search, filters, SQL sorting.

Read-only; every function takes a `Session` (use `store.read()`) and returns plain `CaseRow`s.

Where the rows come from: `case_search_fts_doc` (model `CaseSearchRow`, migration 0005), one narrow
row per case kept current by triggers, with an index on (column, id) for each sortable column.
Pages are keyset pages: `after=(value, id)` of the last row shown, so page 1,000 costs what page 1
costs (no OFFSET walk).

How text is matched (substring, like the clerk expects of 王伟 or 〔2026〕12号), measured on 100k
synthetic cases (avg. 97 characters of text each; see tests/bench/bench_cases.py):

* 3+ characters: the trigram FTS5 index (`MATCH '"…"'`), a few ms.
* 1–2 characters: the trigram tokenizer cannot MATCH them, but the index still knows them: the
  searchable text ends with two U+001F, so *every* character starts a trigram, and a document
  contains the 2-character string "王伟" exactly when one of its trigrams begins with "王伟". The
  fts5vocab 'instance' table answers `term >= '王伟' AND term < '王伟\U0010ffff'` from the index
  (0.03 ms for 王伟 at 100k, exact, never silently empty).
  Measured against the alternatives: a LIKE/instr scan in sort order costs 120+ ms when the
  string is rare (it reads every row before giving up), a sequential scan about 30 ms; a bigram
  side table would need maintaining from Python (SQLite triggers cannot split text) and doubles
  the index.
* Strings that occur in thousands of cases (罚〔, 占道, a common surname): any index path has to
  sort tens of thousands of hits (30+ ms), while a LIKE scan in the list's order stops after one
  page (< 5 ms). The fts5vocab 'row' table gives each term's document count in microseconds: an
  upper bound of the hits. Below `INDEX_LIMIT` the index is used; between it and
  `PROBE_CEILING` the index is probed for `INDEX_LIMIT + 1` hits (a 6-character string can be
  far rarer than its rarest trigram: 安西路21号 has 66 hits where 路21 has 3,027, and scanning
  for it would read all 100k rows); above the ceiling, or when the probe overflows, LIKE scans
  in sort order. Every plan returns the same rows; only the speed differs (tests prove it).

Case folding: the trigram tokenizer folds case and LIKE folds ASCII, so "ab" finds "AB".

Sorting by 案号 is natural, not textual: 〔2026〕9号 before 〔2026〕10号. The projection carries the
key as a generated column, `number_key` (`app.db.models.case_search.number_key_sql`, migration
0010), indexed with the id like every other sort column, so a page sorted by 案号 is an index walk;
the cursor's key is computed by SQLite from the last number by the same expression.
"""

from __future__ import annotations

import json
from dataclasses import dataclass
from datetime import date
from typing import Literal

from sqlalchemy import text
from sqlalchemy.orm import Session

from app.db.models.case_search import NO_DUE, SORT_COLUMNS, number_key_sql
from app.domain.procedure import STAGE_LABELS, Stage

DeadlineFilter = Literal["", "due_soon", "overdue"]
Severity = Literal["overdue", "due_soon", "ok", ""]

INDEX_LIMIT = 3000     # hits above which a LIKE scan in sort order is faster than the index
PROBE_CEILING = 30000  # estimates above this go straight to LIKE (probing them costs ~15 ms)
PAGE_SIZE = 100       # a screenful is ~30 rows; the list fetches more as it scrolls
_TOP = "\U0010ffff"


@dataclass(frozen=True)
class CaseQuery:
    """What the clerk asked for: text plus filters. Empty fields do not filter."""

    text: str = ""
    stages: tuple[str, ...] = ()
    deadline: DeadlineFilter = ""
    officer_id: str = ""
    violation_code: str = ""
    include_deleted: bool = False


@dataclass(frozen=True)
class CaseRow:
    key: int                  # row id of the projection: the keyset tiebreak
    case_id: str
    number: str               # 案号, or the 案源编号 before filing
    party_names: str
    violation_name: str
    stage: str
    stage_label: str
    next_due: date | None
    next_due_label: str
    severity: Severity
    officer_name: str
    registered_on: date | None

    def sort_value(self, column: str) -> str:
        """The raw value of `column` as stored, for `after=` keyset paging."""
        if column == "next_due":
            return self.next_due.isoformat() if self.next_due else NO_DUE
        if column == "registered_on":
            return self.registered_on.isoformat() if self.registered_on else ""
        return getattr(self, column)


@dataclass(frozen=True)
class TextPlan:
    """How a text query will run: 'none', 'match' (trigram), 'vocab' (1–2 chars) or 'like'."""

    kind: str
    estimate: int
    sql: str = ""
    params: dict | None = None


def _like_pattern(q: str) -> str:
    return "%" + q.replace("\\", "\\\\").replace("%", "\\%").replace("_", "\\_") + "%"


def _fold(q: str) -> str:
    # The trigram tokenizer folds case (case_sensitive 0); its vocabulary holds folded terms.
    return q.lower()


def plan_text(session: Session, q: str) -> TextPlan:
    """Choose how to find `q` (see the module docstring).

    The vocabulary's counts are an upper bound only (a 6-character string is rarer than its
    rarest trigram; a document with 王 five times counts once per distinct trigram). When the
    bound is above `INDEX_LIMIT`, the index is probed for at most `INDEX_LIMIT + 1` hits: fewer
    means the exact hit list is known and used; more means the string is common and a LIKE scan
    in sort order finds a page quickly. `estimate` is the bound, or the exact count if probed.
    """
    q = q.strip()
    if not q:
        return TextPlan("none", 0)
    folded = _fold(q)
    if len(q) >= 3:
        grams = sorted({folded[i:i + 3] for i in range(len(folded) - 2)})
        counts = session.execute(
            text("SELECT term, doc FROM case_search_fts_vrow WHERE term IN "
                 f"({', '.join(f':g{i}' for i in range(len(grams)))})"),
            {f"g{i}": g for i, g in enumerate(grams)},
        ).all()
        # A trigram no document has: nothing matches, and the (instant) index will say so.
        estimate = 0 if len(counts) < len(grams) else min(n for _t, n in counts)
        hits_sql = "SELECT rowid FROM case_search_fts WHERE case_search_fts MATCH :q_match"
        params: dict = {"q_match": '"' + q.replace('"', '""') + '"'}
        kind = "match"
    else:
        params = {"q_lo": folded, "q_hi": folded + _TOP}
        estimate = session.execute(
            text("SELECT COALESCE(SUM(doc), 0) FROM case_search_fts_vrow "
                 "WHERE term >= :q_lo AND term < :q_hi"),
            params,
        ).scalar_one()
        hits_sql = "SELECT DISTINCT doc FROM case_search_fts_vinst WHERE term >= :q_lo AND term < :q_hi"
        kind = "vocab"
    like = TextPlan("like", estimate, "d.doc LIKE :q_like ESCAPE '\\'", {"q_like": _like_pattern(q)})
    if estimate > PROBE_CEILING:
        return like   # every trigram of it is everywhere: the string almost surely is too
    if estimate > INDEX_LIMIT:
        hits = session.execute(text(f"{hits_sql} LIMIT {INDEX_LIMIT + 1}"), params).scalars().all()
        if len(hits) > INDEX_LIMIT:
            return like
        return TextPlan(f"{kind}-probed", len(hits),
                        "d.id IN (SELECT value FROM json_each(:q_hits))",
                        {"q_hits": json.dumps(hits)})
    return TextPlan(kind, estimate, f"d.id IN ({hits_sql})", params)


def _where(session: Session, query: CaseQuery, today: date) -> tuple[list[str], dict, TextPlan]:
    clauses: list[str] = []
    params: dict = {}
    if not query.include_deleted:
        clauses.append("d.deleted = 0")
    plan = plan_text(session, query.text)
    if plan.sql:
        clauses.append(plan.sql)
        params.update(plan.params or {})
    if query.stages:
        names = [f":stage{i}" for i in range(len(query.stages))]
        clauses.append(f"d.stage IN ({', '.join(names)})")
        params.update({f"stage{i}": s for i, s in enumerate(query.stages)})
    if query.deadline == "overdue":
        clauses.append("d.next_due < :today")
        params["today"] = today.isoformat()
    elif query.deadline == "due_soon":
        clauses.append("d.warn_on <= :today AND d.next_due >= :today AND d.next_due < :no_due")
        params.update(today=today.isoformat(), no_due=NO_DUE)
    if query.officer_id:
        # Any of the case's officers; ids are UUIDs, so a substring test is exact.
        clauses.append("instr(d.officer_ids, :officer) > 0")
        params["officer"] = f'"{query.officer_id}"'
    if query.violation_code:
        clauses.append("d.violation_code = :violation")
        params["violation"] = query.violation_code
    return clauses, params, plan


def severity_of(next_due: str, warn_on: str, today: date) -> Severity:
    if not next_due or next_due >= NO_DUE:
        return ""
    day = today.isoformat()
    if next_due < day:
        return "overdue"
    if warn_on <= day:
        return "due_soon"
    return "ok"


def _row(r, today: date) -> CaseRow:  # noqa: ANN001 - a Row
    try:
        stage_label = STAGE_LABELS[Stage(r.stage)]
    except ValueError:
        stage_label = r.stage
    due = None if r.next_due >= NO_DUE else date.fromisoformat(r.next_due)
    return CaseRow(
        key=r.id, case_id=r.case_id, number=r.number, party_names=r.party_names,
        violation_name=r.violation_name, stage=r.stage, stage_label=stage_label,
        next_due=due, next_due_label=r.next_due_label if due else "",
        severity=severity_of(r.next_due, r.warn_on, today), officer_name=r.officer_name,
        registered_on=date.fromisoformat(r.registered_on) if r.registered_on else None,
    )


_COLUMNS = ("d.id, d.case_id, d.number, d.party_names, d.violation_name, d.stage, d.next_due, "
            "d.warn_on, d.next_due_label, d.officer_name, d.registered_on")


def search_cases(
    session: Session,
    query: CaseQuery,
    *,
    today: date,
    sort: str = "registered_on",
    descending: bool = True,
    after: tuple[str, int] | None = None,
    limit: int = PAGE_SIZE,
) -> list[CaseRow]:
    """One page of cases matching `query`, sorted by `sort` then by row id (stable).

    `after` is `(row.sort_value(sort), row.key)` of the last row of the previous page.
    """
    if sort not in SORT_COLUMNS:
        raise ValueError(f"cannot sort by {sort!r}")
    clauses, params, _plan = _where(session, query, today)
    op, direction = ("<", "DESC") if descending else (">", "ASC")
    column, after_key = (("number_key", number_key_sql(":after_value")) if sort == "number"
                         else (sort, ":after_value"))
    if after is not None:
        clauses.append(f"(d.{column}, d.id) {op} ({after_key}, :after_id)")
        params.update(after_value=after[0], after_id=after[1])
    where = " AND ".join(clauses) or "1"
    sql = (f"SELECT {_COLUMNS} FROM case_search_fts_doc d WHERE {where} "
           f"ORDER BY d.{column} {direction}, d.id {direction} LIMIT :limit")
    params["limit"] = limit
    return [_row(r, today) for r in session.execute(text(sql), params)]


def count_cases(session: Session, query: CaseQuery, *, today: date) -> int:
    """How many cases match. A full count of a very common string scans every row (~30 ms at
    100k): call it off the GUI thread."""
    clauses, params, _plan = _where(session, query, today)
    where = " AND ".join(clauses) or "1"
    return session.execute(
        text(f"SELECT count(*) FROM case_search_fts_doc d WHERE {where}"), params
    ).scalar_one()


@dataclass(frozen=True)
class DeadlineCounts:
    overdue: int
    due_soon: int


def deadline_counts(session: Session, *, today: date) -> DeadlineCounts:
    """The dashboard figures: cases with a running deadline already passed / about to pass."""
    day = today.isoformat()
    overdue = session.execute(
        text("SELECT count(*) FROM case_search_fts_doc WHERE deleted = 0 AND next_due < :d"),
        {"d": day},
    ).scalar_one()
    soon = session.execute(
        text("SELECT count(*) FROM case_search_fts_doc WHERE deleted = 0 AND warn_on <= :d "
             "AND next_due >= :d AND next_due < :no_due"),
        {"d": day, "no_due": NO_DUE},
    ).scalar_one()
    return DeadlineCounts(overdue=overdue, due_soon=soon)
