"""Helpers for walking a case through the cases page as a clerk would: forms filled by keys and
input-method commits, 确定 by Enter, and each write awaited with waitSignal (never sleep)."""

from __future__ import annotations

import os
from collections.abc import Callable
from datetime import date, datetime
from pathlib import Path

from PySide6.QtCore import QDate, QDateTime, QTime, Qt, QTimer
from PySide6.QtGui import QInputMethodEvent
from PySide6.QtWidgets import QApplication, QComboBox, QDateEdit, QDateTimeEdit, QListWidget

from app.cases.env import CaseEnv, two_distinct_officers
from app.domain.procedure import Action
from app.paths import AppPaths
from app.settings import Preferences
from ui.cases.forms import FormDialog
from ui.cases.page import CasesPage
from ui.context import UiContext

TODAY = date(2026, 5, 20)
SHOTS = Path(os.environ["SQUADDESK_SHOTS"]) if os.environ.get("SQUADDESK_SHOTS") else None


def make_page(qtbot, store, actor, tmp_path, today: date = TODAY) -> CasesPage:
    ctx = UiContext(paths=AppPaths.in_folder(tmp_path / "data").ensure(), prefs=Preferences(),
                    store=store, actor=actor)
    widget = CasesPage(ctx, env=CaseEnv(prefs=Preferences(), eligibility=two_distinct_officers,
                                        today=today))
    qtbot.addWidget(widget)
    widget.resize(1400, 850)
    widget.show()
    return widget


def fill_next_dialog(qtbot, fill: Callable[[FormDialog], None]) -> list[FormDialog]:
    """When the next modal form opens, let `fill` type into it and press 确定 (Enter)."""
    seen: list[FormDialog] = []
    timer = QTimer(QApplication.instance())  # owned by Qt: a collected Python timer would crash

    def poll() -> None:
        dialog = QApplication.activeModalWidget()
        # Type only once the form has the keyboard, as a person would: before that, keys still go
        # to whatever had focus behind it.
        if not isinstance(dialog, FormDialog) or seen or QApplication.activeWindow() is not dialog:
            return
        timer.stop()
        timer.deleteLater()
        seen.append(dialog)
        try:
            fill(dialog)
            assert dialog.ok_button.isEnabled(), {k: dialog.error_text(k) for k in dialog.values}
        except BaseException:
            dialog.reject()  # a failed check fails the test; a dialog left open would hang it
            raise
        qtbot.keyClick(dialog, Qt.Key.Key_Return)  # Enter accepts

    timer.timeout.connect(poll)
    timer.start(20)
    return seen


def set_date(dialog: FormDialog, key: str, day: date) -> None:
    edit = dialog.widget(key)
    assert isinstance(edit, QDateEdit)
    edit.setDate(QDate(day.year, day.month, day.day))


def set_moment(dialog: FormDialog, key: str, moment: datetime) -> None:
    edit = dialog.widget(key)
    assert isinstance(edit, QDateTimeEdit)
    edit.setDateTime(QDateTime(QDate(moment.year, moment.month, moment.day),
                               QTime(moment.hour, moment.minute)))


def tick_all(dialog: FormDialog, key: str) -> None:
    officers = dialog.widget(key)
    assert isinstance(officers, QListWidget)
    for i in range(officers.count()):
        officers.item(i).setCheckState(Qt.CheckState.Checked)


def choose(dialog: FormDialog, key: str, value: str) -> None:
    combo = dialog.widget(key)
    assert isinstance(combo, QComboBox)
    combo.setCurrentIndex(combo.findData(value))


def type_into(qtbot, dialog: FormDialog, key: str, text: str) -> None:
    """Type as the clerk does: ASCII by key presses, Chinese as an input method commits it
    (QTest cannot press keys for characters outside Latin-1)."""
    widget = dialog.widget(key)
    widget.setFocus()
    if text.isascii():
        qtbot.keyClicks(widget, text)
        return
    event = QInputMethodEvent()
    event.setCommitString(text)
    QApplication.sendEvent(widget, event)


def press(qtbot, page: CasesPage, action: Action, fill: Callable[[FormDialog], None]) -> None:
    """Click the action's button, fill its form, and wait until the pane shows the result."""
    button = page.detail.action_buttons[action]
    assert button.isEnabled(), page.detail.reason_labels[action].text()
    seen = fill_next_dialog(qtbot, fill)
    with qtbot.waitSignal(page.detail.loaded, timeout=10_000):
        qtbot.mouseClick(button, Qt.MouseButton.LeftButton)
    assert seen, "no form opened"


def stage(page: CasesPage) -> str:
    return page.detail.view.detail.summary.stage
