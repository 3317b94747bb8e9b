"""Local user accounts of this PC: who may log in, with which roles.

Accounts are synced-contract rows that are never pushed (`__push__ = False`): every change to an
account (created, roles changed, password changed, failed login, lock-out) goes through the journal
and so lands in the hash-chained audit log, but password hashes never leave the PC.
"""

from __future__ import annotations

from datetime import datetime

from sqlalchemy import Boolean, Integer, String
from sqlalchemy.orm import Mapped, mapped_column

from app.db.base import Base, Synced
from app.db.types import JsonText, UtcDateTime


class User(Synced, Base):
    __tablename__ = "users"
    __push__ = False

    login: Mapped[str] = mapped_column(String(64), unique=True)
    display_name: Mapped[str] = mapped_column(String(64))
    roles: Mapped[list] = mapped_column(JsonText(), default=list)   # app.security.roles.Role values
    # "scrypt$<log2 n>$<r>$<p>$<salt b64>$<hash b64>"; see app.security.passwords
    password_hash: Mapped[str] = mapped_column(String(200))
    password_changed_at: Mapped[datetime | None] = mapped_column(UtcDateTime(), default=None)
    failed_count: Mapped[int] = mapped_column(Integer, default=0)
    locked_until: Mapped[datetime | None] = mapped_column(UtcDateTime(), default=None)
    active: Mapped[bool] = mapped_column(Boolean, default=True)
