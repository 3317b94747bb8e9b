"""A pushable synced model that exists only in the crash harness's databases.

It is mapped on its own declarative base, so it never joins `app.db.base.Base.metadata` (the
migrations test would rightly object); the journal treats it like any synced row because it only
looks for the `Synced` mixin.
"""

from __future__ import annotations

from sqlalchemy import ForeignKey, Integer, String, Text
from sqlalchemy.orm import DeclarativeBase, Mapped, mapped_column

from app.db.base import NAMING_CONVENTION, Synced
from sqlalchemy import MetaData


class HarnessBase(DeclarativeBase):
    metadata = MetaData(naming_convention=NAMING_CONVENTION)


class Note(Synced, HarnessBase):
    """Stands in for a case record: pushed to the county, so every change gets an outbox entry."""

    __tablename__ = "harness_notes"

    title: Mapped[str] = mapped_column(String(100))
    body: Mapped[str] = mapped_column(Text, default="")
    counter: Mapped[int] = mapped_column(Integer, default=0)


class NoteLink(Synced, HarnessBase):
    """A row that references a Note (like a case's party link), for restore's foreign-key closure."""

    __tablename__ = "harness_links"

    note_id: Mapped[str] = mapped_column(String(36), ForeignKey("harness_notes.id"))
    label: Mapped[str] = mapped_column(String(50), default="")
