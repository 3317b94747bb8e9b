"""The wizard without a mouse: arrows pick the choice, Tab walks the fields in reading order,
Enter presses the page's main button."""

from __future__ import annotations

from PySide6.QtCore import Qt

from ui.firstrun import FirstRunWizard
from ui.firstrun.common import ADMIN, DONE, ENROLL


def _wizard(qtbot, opened) -> FirstRunWizard:  # noqa: ANN001
    wizard = FirstRunWizard(opened)
    qtbot.addWidget(wizard)
    wizard.show()
    qtbot.waitExposed(wizard)
    wizard.activateWindow()
    qtbot.waitUntil(wizard.isActiveWindow, timeout=2000)     # keys go where the focus is
    return wizard


def test_the_demo_is_reached_with_arrow_and_enter(qtbot, opened):
    wizard = _wizard(qtbot, opened)
    page = wizard.choice_page
    page.enroll_radio.setFocus()
    qtbot.keyClick(page.enroll_radio, Qt.Key.Key_Down)
    assert page.demo_radio.isChecked()
    qtbot.keyClick(page.demo_radio, Qt.Key.Key_Return)
    qtbot.waitUntil(lambda: wizard.currentId() == DONE, timeout=30_000)


def test_enrollment_and_the_account_by_keyboard_alone(qtbot, opened, county):
    wizard = _wizard(qtbot, opened)
    qtbot.keyClick(wizard.choice_page.enroll_radio, Qt.Key.Key_Return)
    assert wizard.currentId() == ENROLL
    page = wizard.enroll_page
    assert wizard.focusWidget() is page.server_edit
    qtbot.keyClicks(page.server_edit, county.url)
    qtbot.keyClick(page.server_edit, Qt.Key.Key_Tab)
    assert wizard.focusWidget() is page.ca_edit
    qtbot.keyClicks(page.ca_edit, str(county.ca_file))
    qtbot.keyClick(page.ca_edit, Qt.Key.Key_Tab)
    assert wizard.focusWidget() is page.browse_button
    qtbot.keyClick(page.browse_button, Qt.Key.Key_Tab)
    assert wizard.focusWidget() is page.code_edit
    qtbot.keyClicks(page.code_edit, county.enroll_code())
    qtbot.keyClick(page.code_edit, Qt.Key.Key_Return)
    qtbot.waitUntil(lambda: wizard.currentId() == ADMIN, timeout=30_000)

    admin = wizard.admin_page
    order = [admin.login_edit, admin.name_edit, admin.password_edit, admin.confirm_edit]
    texts = ["wangwu", "wang wu", "Baitou-2026-xuncha", "Baitou-2026-xuncha"]
    qtbot.waitUntil(lambda: wizard.focusWidget() is admin.login_edit, timeout=2000)
    for edit, text in zip(order, texts):
        assert wizard.focusWidget() is edit
        qtbot.keyClicks(edit, text)
        qtbot.keyClick(edit, Qt.Key.Key_Tab)
    assert wizard.focusWidget() is admin.clerk_box
    qtbot.keyClick(admin.confirm_edit, Qt.Key.Key_Return)
    qtbot.waitUntil(lambda: wizard.currentId() == DONE, timeout=30_000)
