"""The 同步 page tests' shared ground: a store enrolled with a county server (no server runs), and a
runner whose engine must never be called."""

from __future__ import annotations

import pytest

from app.paths import AppPaths
from app.settings import Preferences
from app.sync import state
from ui.context import UiContext
from ui.sync.status import SyncRunner


class IdleEngine:
    def run(self, progress):  # noqa: ANN001, ANN201
        raise AssertionError("no sync in this test")


@pytest.fixture
def ctx(store, actor, tmp_path) -> UiContext:  # noqa: ANN001
    with store.write(actor, "test.enroll", origin="sync") as session:
        state.put(session, state.K_SERVER, "https://county.example")
        state.put(session, state.K_DEVICE, actor.device_id)
        state.put(session, state.K_SQUAD, actor.squad_id)
    return UiContext(paths=AppPaths.in_folder(tmp_path), prefs=Preferences(), store=store, actor=actor)


@pytest.fixture
def idle_runner(ctx: UiContext) -> SyncRunner:
    return SyncRunner(ctx, engine=IdleEngine())
