"""Long work off the UI thread, with progress and cancel.

`run_in_background(parent, work, label=..., on_success=...)`: `work(progress)` runs on a pool
thread; `progress(done, total)` updates a modal QProgressDialog and raises Cancelled once the
clerk presses 取消. Results and errors come back through signals to a relay QObject living on the
GUI thread, so the callbacks run there (bound slots, never lambdas across threads).

Anything touching the database runs on one pool with a single thread (one writer at a time);
network-only work may pass `pool=QThreadPool.globalInstance()`.
"""

from __future__ import annotations

import functools
import itertools
import logging
import threading
from collections.abc import Callable
from typing import Any

import shiboken6
from PySide6.QtCore import QCoreApplication, QObject, QThreadPool, Qt, Signal, Slot
from PySide6.QtWidgets import QProgressDialog, QWidget

from app.errors import Cancelled
from app.progress import Progress
from ui.errors import show_error

log = logging.getLogger(__name__)
_db_pool: QThreadPool | None = None


def db_pool() -> QThreadPool:
    global _db_pool
    if _db_pool is None:
        _db_pool = QThreadPool()
        _db_pool.setMaxThreadCount(1)
    return _db_pool


class _Relay(QObject):
    """One relay for the whole app, living on the GUI thread and never deleted. Workers emit on it
    with their job number; its queued slots hand the outcome to the job's BackgroundTask.

    Workers never hold a Qt object of their own: a QObject (or QRunnable) made in Python and
    reachable from a pool thread could be collected or deleted on the wrong thread, which crashed
    in tests. Plain callables, ints and events cross threads; Qt objects stay home.
    """

    progressed = Signal(int, int, int)   # job, done, total
    succeeded = Signal(int, object)
    failed = Signal(int, object)

    def __init__(self) -> None:
        super().__init__()
        self.tasks: dict[int, BackgroundTask] = {}
        self.progressed.connect(self._on_progressed)
        self.succeeded.connect(self._on_succeeded)
        self.failed.connect(self._on_failed)

    # A task whose window was closed while its job ran was deleted with it (it is a child of
    # that window): its outcome has nobody left to show it to, so it is dropped (and logged).

    @Slot(int, int, int)
    def _on_progressed(self, job: int, done: int, total: int) -> None:
        task = self.tasks.get(job)
        if task is not None and shiboken6.isValid(task):
            task.report_progress(done, total)

    @Slot(int, object)
    def _on_succeeded(self, job: int, result: Any) -> None:
        task = self.tasks.pop(job, None)
        if task is not None and shiboken6.isValid(task):
            task.finish(result)

    @Slot(int, object)
    def _on_failed(self, job: int, exc: BaseException) -> None:
        task = self.tasks.pop(job, None)
        if task is not None and shiboken6.isValid(task):
            task.fail(exc)
        elif not isinstance(exc, Cancelled):
            log.warning("background job %d failed after its window closed: %r", job, exc)


_relay: _Relay | None = None
_job_numbers = itertools.count(1)


def _the_relay() -> _Relay:
    global _relay
    if _relay is None:
        _relay = _Relay()
    return _relay


def _run_job(job: int, work: Callable[[Progress], Any], cancel: threading.Event) -> None:
    """Runs on a pool thread; talks to the GUI thread only through the relay's signals."""
    relay = _the_relay()

    def progress(done: int, total: int, /) -> None:
        if cancel.is_set():
            raise Cancelled(QCoreApplication.translate("BackgroundTask", "已取消"))
        relay.progressed.emit(job, done, total)

    try:
        result = work(progress)
    except BaseException as exc:  # noqa: BLE001 - handed to the GUI thread, which reports it
        relay.failed.emit(job, exc)
    else:
        relay.succeeded.emit(job, result)


class BackgroundTask(QObject):
    """The GUI-thread side of one job: the progress dialog, and the outcome forwarded to the
    caller's callbacks. Kept alive by the relay until the job ends."""

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
            self.dialog = QProgressDialog(label, self.tr("取消"), 0, 0, parent)
            self.dialog.setWindowTitle(self.tr("请稍候"))
            self.dialog.setWindowModality(Qt.WindowModality.WindowModal)
            self.dialog.setMinimumDuration(400)
            self.dialog.canceled.connect(self._on_cancel_clicked)
        job = next(_job_numbers)
        _the_relay().tasks[job] = self
        (pool or db_pool()).start(functools.partial(_run_job, job, work, self.cancel_flag))

    def cancel(self) -> None:
        self.cancel_flag.set()

    @Slot()
    def _on_cancel_clicked(self) -> None:
        self.cancel_flag.set()

    def report_progress(self, done: int, total: int) -> None:
        if self.dialog is not None:
            self.dialog.setMaximum(max(total, 0))
            self.dialog.setValue(done)

    def _close_dialog(self) -> None:
        if self.dialog is not None:
            self.dialog.canceled.disconnect(self._on_cancel_clicked)
            self.dialog.reset()
            self.dialog.close()
            self.dialog.setParent(None)
            self.dialog = None

    def finish(self, result: Any) -> None:
        self._close_dialog()
        if self._on_success is not None:
            self._on_success(result)
        self.finished.emit(result)
        self._release()

    def fail(self, exc: BaseException) -> None:
        self._close_dialog()
        if self._on_error is not None:
            self._on_error(exc)
        else:
            show_error(self._parent, exc)
        self.errored.emit(exc)
        self._release()

    def _release(self) -> None:
        # No deleteLater: PySide and a pending DeferredDelete on a Python-made QObject crashed
        # (seen in tests). Detached from its parent, it is freed by Python, on this thread, once
        # the caller lets go of it.
        self.setParent(None)


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
