"""The order a clerk sees at start-up: the main window paints before the store layer is even
imported, the folder opens behind its start panel, the pages fill the same window after the login,
and signing in again empties it first."""

from __future__ import annotations

import argparse
import os
import subprocess
import sys
from pathlib import Path

import pytest
import shiboken6
from PySide6.QtCore import QCoreApplication, QEvent, QTimer
from PySide6.QtWidgets import QApplication, QWidget

import ui.main
from app.cli import main as cli_main
from app.demo import DEMO_PASSWORD
from app.security.accounts import actor_for, authenticate
from ui.main_window import MainWindow, PageSpec

ROOT = Path(__file__).resolve().parents[2]

# Prints, at each start-up mark, whether the store layer had been imported by then.
PROBE = """
import sys
import ui.main
def mark(args, name):
    return lambda: print(name, "sqlalchemy" in sys.modules, "app.bootstrap" in sys.modules, flush=True)
ui.main._mark = mark
from ui.launcher import main
sys.exit(main())
"""


@pytest.fixture
def demo_folder(tmp_path: Path, secret_service) -> Path:  # noqa: ANN001
    folder = tmp_path / "data"
    assert cli_main(["--data-dir", str(folder), "demo-data", "--cases", "3"]) == 0
    return folder


def test_the_window_paints_before_the_store_layer_is_imported(demo_folder: Path):
    result = subprocess.run(
        [sys.executable, "-c", PROBE, "--data-dir", str(demo_folder), "--login", "wenshu",
         "--password-stdin", "--exit-after-paint"],
        input=DEMO_PASSWORD + "\n", capture_output=True, text=True, cwd=ROOT, timeout=120,
        env=dict(os.environ, QT_QPA_PLATFORM="offscreen"))
    assert result.returncode == 0, result.stderr[-2000:]
    marks = [line.split() for line in result.stdout.splitlines()]
    assert marks == [["PAINTED", "False", "False"], ["READY", "True", "True"]]


def _pages(built: list[str]) -> list[PageSpec]:
    def page(key: str):  # noqa: ANN202
        def build() -> QWidget:
            built.append(key)
            widget = QWidget()
            widget.setObjectName(f"page-{key}")
            return widget
        return build
    return [PageSpec("cases", "案件", page("cases")), PageSpec("sync", "同步", page("sync"))]


def test_signing_in_again_empties_the_window_before_the_next_user(qtbot):
    window = MainWindow(squad_name="怀远中队")
    qtbot.addWidget(window)
    window.show()
    assert window.stack.currentWidget() is window.start_panel and window.nav.count() == 0
    assert "怀远中队" in window.windowTitle()

    built: list[str] = []
    window.set_pages(_pages(built), user_label="wenshu")
    first_page = window.stack.currentWidget()
    assert built == ["cases"] and first_page.objectName() == "page-cases"
    assert window.user_label.text() == "当前用户：wenshu" and "同步" in window.sync_label.text()
    actions = len(window.actions())

    window.clear_pages(status="请登录。")
    QCoreApplication.sendPostedEvents(None, QEvent.Type.DeferredDelete)
    assert not shiboken6.isValid(first_page)          # nothing of the last user stays behind
    assert window.stack.currentWidget() is window.start_panel and window.nav.count() == 0
    assert window.user_label.text() == "" and window.start_panel.status_label.text() == "请登录。"

    window.set_pages(_pages(built), user_label="duiyuan")
    assert built == ["cases", "cases"] and window.nav.count() == 2
    assert len(window.actions()) == actions            # Ctrl+1… not doubled
    window.show_page("sync")
    assert window.stack.currentWidget().objectName() == "page-sync"


def test_relogin_reuses_the_window_and_shows_the_login_over_its_start_panel(
        demo_folder: Path, qapp, monkeypatch):  # noqa: ANN001
    seen: list[tuple[str, object, bool]] = []

    def sign_in(opened, _args, *, parent=None):  # noqa: ANN001, ANN202
        seen.append(("login", parent, parent.has_pages))
        if len(seen) > 1:
            return None                                # the clerk closes the second login
        user = authenticate(opened.store, "wenshu", DEMO_PASSWORD, device_id=opened.device_id)

        def log_out_when_ready() -> None:
            if getattr(parent, "sync_status", None) is not None:
                QApplication.exit(ui.main.RELOGIN)
            else:
                QTimer.singleShot(20, log_out_when_ready)

        QTimer.singleShot(20, log_out_when_ready)
        return actor_for(user, opened.device_id, opened.squad_id)

    monkeypatch.setattr(ui.main, "_sign_in", sign_in)
    monkeypatch.setattr(ui.main, "_warm_up_fonts", lambda window: None)
    args = argparse.Namespace(data_dir=str(demo_folder), demo=False, login=None,
                              password_stdin=False, exit_after_paint=False)
    assert ui.main.run_gui(args) == 0
    assert [step for step, _, _ in seen] == ["login", "login"]
    first_window, second_window = seen[0][1], seen[1][1]
    assert first_window is second_window and isinstance(first_window, MainWindow)
    assert seen[0][2] is False and seen[1][2] is False   # the login always stands on an empty window


def test_closing_the_window_while_the_folder_opens_quits_cleanly(demo_folder, qapp, monkeypatch):  # noqa: ANN001
    import threading

    import app.bootstrap

    entered, release = threading.Event(), threading.Event()
    opened_stores = []
    real_open = app.bootstrap.open_data_folder

    def slow_open(paths, **kwargs):  # noqa: ANN001, ANN003, ANN202
        entered.set()
        release.wait(30)
        opened = real_open(paths, **kwargs)
        opened_stores.append(opened.store)
        return opened

    def close_when_opening() -> None:
        if entered.is_set():
            for widget in QApplication.topLevelWidgets():
                if isinstance(widget, MainWindow):
                    widget.close()
            release.set()
        else:
            QTimer.singleShot(10, close_when_opening)

    monkeypatch.setattr(app.bootstrap, "open_data_folder", slow_open)
    monkeypatch.setattr(ui.main, "_sign_in", lambda *a, **k: pytest.fail("no login after closing"))
    QTimer.singleShot(10, close_when_opening)
    args = argparse.Namespace(data_dir=str(demo_folder), demo=False, login=None,
                              password_stdin=False, exit_after_paint=False)
    assert ui.main.run_gui(args) == 0
    assert len(opened_stores) == 1        # the folder finished opening and was closed again
