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
