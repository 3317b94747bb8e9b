"""The main window as a clerk meets it: navigation by mouse and keyboard, status bar, settings."""

from __future__ import annotations

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QMessageBox

from app.errors import Invalid
from app.paths import AppPaths
from app.settings import Preferences
from ui.context import UiContext
from ui.main import build_main_window


def _window(qtbot, store, actor, tmp_path):
    ctx = UiContext(paths=AppPaths.in_folder(tmp_path), prefs=Preferences(), store=store, actor=actor)
    window = build_main_window(ctx)
    qtbot.addWidget(window)
    with qtbot.waitExposed(window):
        window.show()
    return window, ctx


def test_navigation_lists_the_five_areas_in_chinese(qtbot, store, actor, tmp_path):
    window, _ = _window(qtbot, store, actor, tmp_path)
    titles = [window.nav.item(i).text() for i in range(window.nav.count())]
    assert titles == ["案件", "文书", "执法人员", "同步", "设置"]


def test_clicking_and_shortcuts_switch_pages(qtbot, store, actor, tmp_path):
    window, _ = _window(qtbot, store, actor, tmp_path)
    with qtbot.waitSignal(window.page_changed) as blocker:
        rect = window.nav.visualItemRect(window.nav.item(4))
        qtbot.mouseClick(window.nav.viewport(), Qt.MouseButton.LeftButton, pos=rect.center())
    assert blocker.args == ["settings"]
    assert window.stack.currentWidget() is window.page("settings")
    with qtbot.waitActive(window):  # window shortcuts fire only in the active window
        window.activateWindow()
    with qtbot.waitSignal(window.page_changed) as blocker:
        qtbot.keyClick(window, Qt.Key.Key_3, Qt.KeyboardModifier.ControlModifier)
    assert blocker.args == ["officers"]


def test_status_bar_shows_sync_state_and_warning_count(qtbot, store, actor, tmp_path):
    window, _ = _window(qtbot, store, actor, tmp_path)
    assert "同步" in window.sync_label.text()
    window.set_warning_count(3)
    assert window.warning_label.text() == "证件预警：3"


def test_settings_are_saved_to_the_data_folder(qtbot, store, actor, tmp_path, monkeypatch):
    window, ctx = _window(qtbot, store, actor, tmp_path)
    page = window.show_page("settings")
    monkeypatch.setattr(QMessageBox, "information", lambda *a, **k: None)
    editor = page.findChild(type(page._editors["issuing_authority"]), "issuing_authority")
    editor.clear()
    editor.insert("崇州市怀远镇人民政府")  # QTest cannot type CJK; an IME would insert it like this
    qtbot.keyClick(editor, Qt.Key.Key_End)
    qtbot.mouseClick(page.save_button, Qt.MouseButton.LeftButton)
    assert Preferences.load(ctx.paths.settings_file).issuing_authority == "崇州市怀远镇人民政府"


def test_app_error_is_shown_as_a_plain_message(qtbot, monkeypatch):
    from ui.errors import show_error

    shown = {}
    monkeypatch.setattr(QMessageBox, "warning", lambda parent, title, text: shown.update(t=text))
    show_error(None, Invalid("身份证号码校验位错误"))
    assert shown["t"] == "身份证号码校验位错误"
