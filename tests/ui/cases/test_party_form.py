"""Forms validate as the clerk types: a wrong ID number disables 确定 and says why, in Chinese."""

from __future__ import annotations

from datetime import date

from PySide6.QtCore import Qt
from PySide6.QtGui import QInputMethodEvent
from PySide6.QtWidgets import QApplication

from ui.cases.party_dialog import PartyDialog, RegisterLeadDialog


def commit_text(widget, text: str) -> None:
    event = QInputMethodEvent()
    event.setCommitString(text)
    QApplication.sendEvent(widget, event)


def test_an_invalid_id_number_disables_ok_and_shows_the_reason(qtbot):
    dialog = PartyDialog()
    qtbot.addWidget(dialog)
    dialog.show()
    commit_text(dialog.widget("name"), "王伟")
    assert dialog.ok_button.isEnabled()          # the ID number is optional
    qtbot.keyClicks(dialog.id_edit, "110105194912310021")
    assert not dialog.ok_button.isEnabled()
    assert dialog.error_text("id_number") == "身份证号码校验位错误：应为 X，实为 1"
    qtbot.waitUntil(dialog.findChild(type(dialog.warning_label), "id_number_error").isVisible)
    qtbot.keyClick(dialog.id_edit, Qt.Key.Key_Backspace)
    assert "应为18位" in dialog.error_text("id_number")
    qtbot.keyClicks(dialog.id_edit, "X")
    assert dialog.ok_button.isEnabled()
    assert dialog.error_text("id_number") == ""
    assert dialog.party["id_number"] == "11010519491231002X"


def test_a_credit_code_is_checked_for_an_organisation(qtbot):
    dialog = PartyDialog(kind="org")
    qtbot.addWidget(dialog)
    commit_text(dialog.widget("name"), "崇州市鑫源餐饮有限公司")
    qtbot.keyClicks(dialog.id_edit, "91510184MA61XXXX0A")
    assert not dialog.ok_button.isEnabled()
    assert "统一社会信用代码" in dialog.error_text("id_number")


def test_enter_does_nothing_while_invalid_and_escape_cancels(qtbot):
    dialog = PartyDialog()
    qtbot.addWidget(dialog)
    dialog.show()
    qtbot.keyClicks(dialog.id_edit, "123")
    qtbot.keyClick(dialog.id_edit, Qt.Key.Key_Return)
    assert dialog.isVisible() and dialog.result() == 0
    with qtbot.waitSignal(dialog.rejected, timeout=2000):
        qtbot.keyClick(dialog, Qt.Key.Key_Escape)


def test_register_lead_needs_the_violation_and_not_a_future_date(qtbot):
    dialog = RegisterLeadDialog([("a", "李明"), ("b", "王强")], today=date(2026, 5, 20))
    qtbot.addWidget(dialog)
    assert not dialog.ok_button.isEnabled()
    commit_text(dialog.widget("violation_name"), "露天焚烧垃圾")
    assert dialog.ok_button.isEnabled()
    dialog.widget("discovered_on").setDate(date(2026, 5, 21))
    assert not dialog.ok_button.isEnabled()
    assert dialog.error_text("discovered_on") == "日期不能晚于今天"
