"""What every window and page is handed at construction: no globals to reach for."""

from __future__ import annotations

from dataclasses import dataclass

from app.context import Actor
from app.db.store import Store
from app.paths import AppPaths
from app.settings import Preferences


@dataclass
class UiContext:
    paths: AppPaths
    prefs: Preferences
    store: Store
    actor: Actor
    key: bytes | None = None          # the store's key: backups are encrypted with it
