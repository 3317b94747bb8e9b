"""The progress callable that long core functions accept; the UI's version may raise Cancelled."""

from __future__ import annotations

from typing import Protocol


class Progress(Protocol):
    def __call__(self, done: int, total: int, /) -> None: ...


def no_progress(done: int, total: int, /) -> None:
    """Default progress sink: long work called from scripts and tests reports nowhere."""
