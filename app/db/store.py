"""The Store: one engine, a writer and a reader session factory, and the journal installed.

One user action = one `store.write(actor, action)` block = one transaction holding the rows, the
outbox entries and the audit entries. Sessions and ORM objects never cross threads: each worker
opens its own block and returns plain values.
"""

from __future__ import annotations

from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path

from sqlalchemy import Engine
from sqlalchemy.orm import Session, sessionmaker

from app.context import Actor
from app.db.engine import make_engine, reader_engine
from app.db.errors import store_errors
from app.db.journal import install_journal


class Store:
    def __init__(self, engine: Engine) -> None:
        self.engine = engine
        self._writer = sessionmaker(engine, expire_on_commit=False)
        self._reader = sessionmaker(reader_engine(engine), expire_on_commit=False)
        install_journal(self._writer)
        install_journal(self._reader)  # a stray write through a reader is still journaled

    @classmethod
    def open(cls, path: Path, *, key: bytes | None = None) -> "Store":
        return cls(make_engine(path, key=key))

    @contextmanager
    def write(
        self, actor: Actor, action: str, *, summary: str = "", origin: str = "local"
    ) -> Iterator[Session]:
        """A writing transaction. Commits on success; rolls back everything on any exception.
        A full disk, a lock held past the busy timeout or a corrupt file become a Chinese
        StoreError (app.db.errors); nothing half-written stays.

        `origin="sync"` marks changes that came from the county: audited, not pushed back.
        """
        with store_errors(), self._writer.begin() as session:
            session.info.update(actor=actor, action=action, summary=summary, origin=origin)
            yield session

    @contextmanager
    def read(self) -> Iterator[Session]:
        with store_errors(), self._reader() as session:
            yield session

    def dispose(self) -> None:
        self.engine.dispose()
