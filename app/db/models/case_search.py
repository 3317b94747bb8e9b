"""The case list's read model: one narrow row per case, derived by triggers (migration 0005).

Local only (no synced-row contract: never pushed, never audited, rebuilt from the cases at will).
Rows are written by the triggers of migration 0005_case_search and by
`app.cases.listing.refresh_due`; nothing else writes them. `doc` feeds the trigram FTS5 table
`case_search_fts` (raw SQL, no model).
"""

from __future__ import annotations

from sqlalchemy import Boolean, Index, Integer, String, Text
from sqlalchemy.orm import Mapped, mapped_column

from app.db.base import Base

NO_DUE = "9999-12-31"  # next_due of a case with no running clock: sorts last
SORT_COLUMNS = ("registered_on", "number", "party_names", "violation_name", "stage", "next_due",
                "officer_name")


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

    __table_args__ = tuple(
        Index(f"ix_case_search_fts_doc_{column}_id", column, "id") for column in SORT_COLUMNS
    )
