"""The background-task runner: results and errors come back on the GUI thread; cancel works."""

from __future__ import annotations

import threading
import time

import pytest
from PySide6.QtWidgets import QApplication, QWidget

from app.errors import Cancelled
from ui.tasks import run_in_background


@pytest.fixture
def parent(qtbot):
    widget = QWidget()
    qtbot.addWidget(widget)
    return widget


def test_result_arrives_on_the_gui_thread(qtbot, parent):
    seen = {}

    def work(progress):
        seen["worker"] = threading.current_thread()
        for i in range(3):
            progress(i + 1, 3)
        return 42

    def done(result):
        seen["result"] = result
        seen["callback_thread"] = threading.current_thread()

    task = run_in_background(parent, work, label="计算中", on_success=done)
    with qtbot.waitSignal(task.finished, timeout=5000):
        pass
    assert seen["result"] == 42
    assert seen["worker"] is not threading.main_thread()
    assert seen["callback_thread"] is threading.main_thread()


def test_cancel_stops_the_work_at_its_next_progress_report(qtbot, parent):
    started = threading.Event()
    errors = []

    def work(progress):
        started.set()
        for i in range(1000):
            progress(i, 1000)
            time.sleep(0.005)
        return "not cancelled"

    task = run_in_background(parent, work, label="长任务", on_error=errors.append)
    started.wait(2)
    task.cancel()
    with qtbot.waitSignal(task.errored, timeout=5000):
        pass
    assert isinstance(errors[0], Cancelled)


def test_unexpected_error_goes_to_the_error_path(qtbot, parent):
    errors = []

    def work(progress):
        raise ValueError("boom")

    task = run_in_background(parent, work, label="x", on_error=errors.append, show_dialog=False)
    with qtbot.waitSignal(task.errored, timeout=5000):
        pass
    assert isinstance(errors[0], ValueError)
    QApplication.processEvents()


def test_signal_emission_does_not_leak_references(qtbot):
    """PySide6 6.12.0 dropped a reference to True on every emit: the app crashed after enough
    signals. Guard the pinned version (and any upgrade) against that."""
    import sys

    from PySide6.QtCore import QObject, Signal

    class Emitter(QObject):
        ticked = Signal(int)
        carried = Signal(object)

    emitter = Emitter()
    received = []
    emitter.ticked.connect(received.append)
    emitter.carried.connect(received.append)
    true_before, none_before = sys.getrefcount(True), sys.getrefcount(None)
    for i in range(20_000):
        emitter.ticked.emit(i)
        emitter.carried.emit(None)
    assert len(received) == 40_000
    assert abs(sys.getrefcount(True) - true_before) < 100
    assert abs(sys.getrefcount(None) - none_before) < 20_100  # `received` holds 20,000 Nones


def test_void_qt_calls_do_not_leak_references_to_none(qtbot):
    """PySide6 6.12 on Python 3.11 also took a reference from None on every void call
    (setText, repaint…): ~900 case selections and the app aborted with none_dealloc."""
    import sys

    from PySide6.QtWidgets import QLabel

    label = QLabel()
    qtbot.addWidget(label)
    before = sys.getrefcount(None)
    for i in range(20_000):
        label.setText(str(i))
    assert abs(sys.getrefcount(None) - before) < 100


def test_a_job_that_outlives_its_window_is_dropped_not_delivered(qtbot):
    """Closing a page while its job runs must not run the page's callback on deleted widgets."""
    from PySide6.QtWidgets import QLineEdit

    window = QWidget()
    edit = QLineEdit(window)
    release = threading.Event()
    delivered = []

    def work(progress):
        release.wait(5)
        return "late"

    task = run_in_background(window, work, label="x", show_dialog=False,
                             on_success=lambda result: delivered.append(edit.text()))
    window.deleteLater()
    qtbot.waitUntil(lambda: not __import__("shiboken6").isValid(task), timeout=5000)
    release.set()
    from ui.tasks import db_pool

    db_pool().waitForDone(5000)
    for _ in range(20):
        QApplication.processEvents()
    assert delivered == []
