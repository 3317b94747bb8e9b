"""Declarative base with named constraints, and the synced-row contract every business row obeys.

The contract (ARCHITECTURE "Data"): a client-made UUID, the squad it belongs to, a revision
number, who and when last changed it (UTC), and a tombstone instead of deletion. Rows never set
these by hand: app.db.journal stamps them at flush time and writes the outbox and audit entries in
the same transaction.
"""

from __future__ import annotations

from datetime import datetime

from sqlalchemy import Boolean, Integer, MetaData, String
from sqlalchemy.orm import DeclarativeBase, Mapped, mapped_column

from app.db.types import UtcDateTime
from app.ids import new_id

NAMING_CONVENTION = {
    "ix": "ix_%(column_0_label)s",
    "uq": "uq_%(table_name)s_%(column_0_name)s",
    "ck": "ck_%(table_name)s_%(constraint_name)s",
    "fk": "fk_%(table_name)s_%(column_0_name)s_%(referred_table_name)s",
    "pk": "pk_%(table_name)s",
}


class Base(DeclarativeBase):
    metadata = MetaData(naming_convention=NAMING_CONVENTION)


class Synced:
    """Mixin for rows that travel to the county server. See module docstring."""

    # Entities whose changes are pushed to the county. Reference data that comes *down* from the
    # county sets this False: it is journaled (audited) but never put in the outbox.
    __push__: bool = True

    id: Mapped[str] = mapped_column(String(36), primary_key=True, default=new_id)
    squad_id: Mapped[str] = mapped_column(String(36), index=True)
    revision: Mapped[int] = mapped_column(Integer, default=0)
    updated_at: Mapped[datetime] = mapped_column(UtcDateTime())
    updated_by: Mapped[str] = mapped_column(String(64))
    deleted: Mapped[bool] = mapped_column(Boolean, default=False)
