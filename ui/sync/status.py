"""Sync from the window: one `SyncRunner` per store (so the page and the timer never sync twice at
once) and `SyncStatusController`, which keeps the status bar current and syncs on start and every
N minutes when this PC is enrolled.

Start-up (ui/main.py, after the window is built):

    from ui.sync.status import SyncStatusController
    window.sync_status = SyncStatusController(window, ctx)
"""

from __future__ import annotations

import logging
from collections.abc import Callable
from typing import Any

from PySide6.QtCore import QObject, QThreadPool, QTimer, Signal, Slot
from PySide6.QtWidgets import QWidget

from app.errors import Cancelled, SyncFailed
from app.progress import Progress
from app.sync import state
from app.sync.engine import SyncEngine, enrollment
from ui.context import UiContext
from ui.tasks import BackgroundTask, run_in_background

log = logging.getLogger(__name__)

STATUS_REFRESH_MS = 30_000


class SyncRunner(QObject):
    """Starts syncs in the background, one at a time, and tells everyone when one ends."""

    started = Signal()
    finished = Signal(object)      # SyncReport
    failed = Signal(object)        # exception
    changed = Signal()             # anything the status shows may have changed

    def __init__(self, ctx: UiContext, engine: SyncEngine | None = None) -> None:
        super().__init__()
        self.ctx = ctx
        self.engine = engine or SyncEngine(ctx.store, paths=ctx.paths)
        self.task: BackgroundTask | None = None
        self.pool: QThreadPool = QThreadPool.globalInstance()   # network-bound work

    @property
    def running(self) -> bool:
        return self.task is not None

    def enrolled(self) -> bool:
        return enrollment(self.ctx.store) is not None

    def start(self, parent: QWidget, *, show_dialog: bool) -> BackgroundTask | None:
        if self.task is not None:
            return None
        engine = self.engine

        def work(progress: Progress) -> Any:
            return engine.run(progress)

        self.task = run_in_background(
            parent, work, label=self.tr("正在与县局服务器同步…"), on_success=self._on_success,
            on_error=self._on_error if not show_dialog else self._on_error_shown,
            show_dialog=show_dialog, pool=self.pool,
        )
        self.started.emit()
        return self.task

    def cancel(self) -> None:
        if self.task is not None:
            self.task.cancel()

    @Slot(object)
    def _on_success(self, report: object) -> None:
        self.task = None
        self.finished.emit(report)
        self.changed.emit()

    def _on_error(self, exc: BaseException) -> None:
        self.task = None
        if not isinstance(exc, (SyncFailed, Cancelled)):
            log.error("sync failed unexpectedly: %r", exc)
        self.failed.emit(exc)
        self.changed.emit()

    def _on_error_shown(self, exc: BaseException) -> None:
        from ui.errors import show_error  # noqa: PLC0415

        parent = self.task._parent if self.task is not None else None  # noqa: SLF001
        self._on_error(exc)
        if not isinstance(exc, Cancelled):
            show_error(parent, exc)


_runners: dict[int, SyncRunner] = {}


def runner_for(ctx: UiContext, factory: Callable[[UiContext], SyncRunner] | None = None) -> SyncRunner:
    """The one runner of this store (the page and the status bar share it)."""
    key = id(ctx.store)
    if key not in _runners:
        _runners[key] = (factory or SyncRunner)(ctx)
    return _runners[key]


def forget_runner(ctx: UiContext) -> None:
    _runners.pop(id(ctx.store), None)


class SyncStatusController(QObject):
    """Status bar text, refreshed every STATUS_REFRESH_MS and after each sync; a sync on start
    and every `prefs.sync_interval_minutes` while enrolled."""

    def __init__(self, window: Any, ctx: UiContext, *, runner: SyncRunner | None = None,
                 sync_on_start: bool = True) -> None:
        super().__init__(window)
        self.window = window
        self.ctx = ctx
        self.runner = runner or runner_for(ctx)
        self.runner.changed.connect(self.refresh)
        self.runner.started.connect(self._on_started)
        self.refresh_timer = QTimer(self)
        self.refresh_timer.setInterval(STATUS_REFRESH_MS)
        self.refresh_timer.timeout.connect(self.refresh)
        self.refresh_timer.start()
        self.sync_timer = QTimer(self)
        self.sync_timer.setInterval(max(1, int(ctx.prefs.sync_interval_minutes)) * 60_000)
        self.sync_timer.timeout.connect(self.sync_in_background)
        self.sync_timer.start()
        self.refresh()
        if sync_on_start:
            QTimer.singleShot(0, self, self.sync_in_background)

    def text(self) -> str:
        with self.ctx.store.read() as session:
            return state.status(session).line()

    @Slot()
    def refresh(self) -> None:
        try:
            line = self.text()
        except Exception as exc:  # noqa: BLE001 - the status bar must never take the app down
            log.warning("sync status unavailable: %r", exc)
            line = self.tr("同步：状态暂不可读")
        if self.runner.running:
            line = self.tr("同步：正在同步…")
        self.window.set_sync_status(line)

    @Slot()
    def _on_started(self) -> None:
        self.window.set_sync_status(self.tr("同步：正在同步…"))

    @Slot()
    def sync_in_background(self) -> None:
        if self.runner.running or not self.runner.enrolled():
            return
        self.runner.start(self.window, show_dialog=False)
