"""The case list's read model: one narrow row per case, derived by triggers (migration 0005).

Local only (no synced-row contract: never pushed, never audited, rebuilt from the cases at will).
Rows are written by the triggers of migration 0005_case_search and by
`app.cases.listing.refresh_due`; nothing else writes them. `doc` feeds the trigram FTS5 table
`case_search_fts` (raw SQL, no model).
"""

from __future__ import annotations

from sqlalchemy import Boolean, Computed, Index, Integer, String, Text
from sqlalchemy.orm import Mapped, mapped_column

from app.db.base import Base

NO_DUE = "9999-12-31"  # next_due of a case with no running clock: sorts last
SORT_COLUMNS = ("registered_on", "number", "party_names", "violation_name", "stage", "next_due",
                "officer_name")


def number_key_sql(column: str) -> str:
    """The natural sort key of a 案号 held in `column` (a column or a bound parameter), as one
    SQLite text expression: 〔2026〕9号 before 〔2026〕10号.

    The part up to the first 〕 (机关代字 + 类别 + 〔year〕), a separator below every character so a
    shorter head sorts first, the length zero-padded (within one prefix and year the serials differ
    only in their digits, so the shorter number is the smaller), then the number itself. Numbers
    without 〕 (案源编号 before filing) have an empty head and come first, by length then text.
    Deterministic built-ins only: it backs a generated column and its index (migration 0010)."""
    return (f"substr({column}, 1, instr({column}, '〕')) || char(1) || "
            f"substr('000000' || length({column}), -6, 6) || {column}")


class CaseSearchRow(Base):
    __tablename__ = "case_search_fts_doc"

    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    case_id: Mapped[str] = mapped_column(String(36), unique=True)
    squad_id: Mapped[str] = mapped_column(String(36), server_default="")
    deleted: Mapped[bool] = mapped_column(Boolean, server_default="0")
    number: Mapped[str] = mapped_column(Text, server_default="")
    party_names: Mapped[str] = mapped_column(Text, server_default="")
    violation_name: Mapped[str] = mapped_column(Text, server_default="")
    violation_code: Mapped[str] = mapped_column(Text, server_default="")
    stage: Mapped[str] = mapped_column(Text, server_default="")
    officer_id: Mapped[str] = mapped_column(Text, server_default="", index=True)
    officer_name: Mapped[str] = mapped_column(Text, server_default="")
    officer_ids: Mapped[str] = mapped_column(Text, server_default="[]")
    registered_on: Mapped[str] = mapped_column(Text, server_default="")
    next_due: Mapped[str] = mapped_column(Text, server_default=NO_DUE)
    warn_on: Mapped[str] = mapped_column(Text, server_default=NO_DUE, index=True)
    next_due_label: Mapped[str] = mapped_column(Text, server_default="")
    due_stale: Mapped[bool] = mapped_column(Boolean, server_default="1", index=True)
    doc: Mapped[str] = mapped_column(Text, server_default="")
    number_key: Mapped[str] = mapped_column(Text, Computed(number_key_sql("number"),
                                                           persisted=False))

    __table_args__ = (
        *(Index(f"ix_case_search_fts_doc_{column}_id", column, "id") for column in SORT_COLUMNS),
        Index("ix_case_search_fts_doc_number_key_id", "number_key", "id"),
    )
