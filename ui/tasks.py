"""Long work off the UI thread, with progress and cancel.

`run_in_background(parent, work, label=..., on_success=...)`: `work(progress)` runs on a pool
thread; `progress(done, total)` updates a modal QProgressDialog and raises Cancelled once the
clerk presses 取消. Results and errors come back through signals to a relay QObject living on the
GUI thread, so the callbacks run there (bound slots, never lambdas across threads).

Anything touching the database runs on one pool with a single thread (one writer at a time);
network-only work may pass `pool=QThreadPool.globalInstance()`.
"""

from __future__ import annotations

import threading
from collections.abc import Callable
from typing import Any

from PySide6.QtCore import QObject, QRunnable, QThreadPool, Qt, Signal, Slot
from PySide6.QtWidgets import QProgressDialog, QWidget

from app.errors import Cancelled
from app.progress import Progress
from ui.errors import show_error

_db_pool: QThreadPool | None = None


def db_pool() -> QThreadPool:
    global _db_pool
    if _db_pool is None:
        _db_pool = QThreadPool()
        _db_pool.setMaxThreadCount(1)
    return _db_pool


class _Signals(QObject):
    progressed = Signal(int, int)
    succeeded = Signal(object)
    failed = Signal(object)


class _Job(QRunnable):
    def __init__(self, work: Callable[[Progress], Any], cancel_flag: threading.Event) -> None:
        super().__init__()
        self.signals = _Signals()
        self._work = work
        self._cancel = cancel_flag

    def _progress(self, done: int, total: int, /) -> None:
        if self._cancel.is_set():
            raise Cancelled("已取消")
        self.signals.progressed.emit(done, total)

    def run(self) -> None:  # runs on a pool thread
        try:
            result = self._work(self._progress)
        except BaseException as exc:  # noqa: BLE001 - handed to the GUI thread, which reports it
            self.signals.failed.emit(exc)
        else:
            self.signals.succeeded.emit(result)


class BackgroundTask(QObject):
    """Relay on the GUI thread: owns the progress dialog and forwards the outcome."""

    finished = Signal(object)   # result
    errored = Signal(object)    # exception

    def __init__(
        self,
        parent: QWidget,
        work: Callable[[Progress], Any],
        *,
        label: str,
        on_success: Callable[[Any], None] | None = None,
        on_error: Callable[[BaseException], None] | None = None,
        show_dialog: bool = True,
        pool: QThreadPool | None = None,
    ) -> None:
        super().__init__(parent)
        self._parent = parent
        self._on_success = on_success
        self._on_error = on_error
        self.cancel_flag = threading.Event()
        self.dialog: QProgressDialog | None = None
        if show_dialog:
            self.dialog = QProgressDialog(label, "取消", 0, 0, parent)
            self.dialog.setWindowTitle("请稍候")
            self.dialog.setWindowModality(Qt.WindowModality.WindowModal)
            self.dialog.setMinimumDuration(400)
            self.dialog.canceled.connect(self._on_cancel_clicked)
        self._job = _Job(work, self.cancel_flag)
        self._job.setAutoDelete(False)
        self._job.signals.progressed.connect(self._on_progressed)
        self._job.signals.succeeded.connect(self._on_succeeded)
        self._job.signals.failed.connect(self._on_failed)
        (pool or db_pool()).start(self._job)

    def cancel(self) -> None:
        self.cancel_flag.set()

    @Slot()
    def _on_cancel_clicked(self) -> None:
        self.cancel_flag.set()

    @Slot(int, int)
    def _on_progressed(self, done: int, total: int) -> None:
        if self.dialog is not None:
            self.dialog.setMaximum(max(total, 0))
            self.dialog.setValue(done)

    def _close_dialog(self) -> None:
        if self.dialog is not None:
            self.dialog.canceled.disconnect(self._on_cancel_clicked)
            self.dialog.reset()
            self.dialog.close()

    @Slot(object)
    def _on_succeeded(self, result: Any) -> None:
        self._close_dialog()
        if self._on_success is not None:
            self._on_success(result)
        self.finished.emit(result)
        self.deleteLater()

    @Slot(object)
    def _on_failed(self, exc: BaseException) -> None:
        self._close_dialog()
        if self._on_error is not None:
            self._on_error(exc)
        else:
            show_error(self._parent, exc)
        self.errored.emit(exc)
        self.deleteLater()


def run_in_background(
    parent: QWidget,
    work: Callable[[Progress], Any],
    *,
    label: str,
    on_success: Callable[[Any], None] | None = None,
    on_error: Callable[[BaseException], None] | None = None,
    show_dialog: bool = True,
    pool: QThreadPool | None = None,
) -> BackgroundTask:
    return BackgroundTask(
        parent, work, label=label, on_success=on_success, on_error=on_error,
        show_dialog=show_dialog, pool=pool,
    )
