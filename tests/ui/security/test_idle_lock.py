"""The screen locks after idle time and opens only with the right password."""

from __future__ import annotations

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QLabel

from app.errors import Forbidden
from ui.security.lock import IdleLock


def _verify(password: str) -> None:
    if password != "xuncha-3ci-budaochi-2026":
        raise Forbidden("用户名或密码不正确。再输错 4 次，账户将被锁定 15 分钟。")


def _window(qtbot):
    window = QLabel("当事人：张三 11010519491231002X")
    qtbot.addWidget(window)
    window.show()
    return window


def test_idle_window_locks_and_hides_its_content(qtbot):
    window = _window(qtbot)
    lock = IdleLock(window, user_label="李四", verify=_verify, timeout_ms=150)
    with qtbot.waitSignal(lock.locked, timeout=3000):
        pass
    assert lock.is_locked and not window.isVisible()
    assert lock.dialog.isVisible() and "屏幕已锁定" in lock.dialog.message_label.text()
    lock.stop()


def test_wrong_password_keeps_it_locked_and_says_why(qtbot):
    window = _window(qtbot)
    lock = IdleLock(window, user_label="李四", verify=_verify, timeout_ms=60_000)
    lock.lock()
    qtbot.keyClicks(lock.dialog.password_edit, "wrong")
    qtbot.mouseClick(lock.dialog.unlock_button, Qt.MouseButton.LeftButton)
    assert lock.is_locked and "再输错 4 次" in lock.dialog.error_label.text()
    assert lock.dialog.password_edit.text() == ""
    qtbot.keyClick(lock.dialog, Qt.Key.Key_Escape)  # Esc does not unlock
    assert lock.is_locked
    lock.stop()


def test_right_password_unlocks_and_restarts_the_countdown(qtbot):
    window = _window(qtbot)
    lock = IdleLock(window, user_label="李四", verify=_verify, timeout_ms=60_000)
    lock.lock()
    qtbot.keyClicks(lock.dialog.password_edit, "xuncha-3ci-budaochi-2026")
    with qtbot.waitSignal(lock.unlocked, timeout=2000):
        qtbot.keyClick(lock.dialog.password_edit, Qt.Key.Key_Return)
    assert not lock.is_locked and window.isVisible()
    assert lock.remaining_ms() > 50_000
    lock.stop()


def test_user_input_restarts_the_idle_countdown(qtbot):
    window = _window(qtbot)
    lock = IdleLock(window, user_label="李四", verify=_verify, timeout_ms=2_000)
    qtbot.waitUntil(lambda: lock.remaining_ms() < 1_900, timeout=3000)
    qtbot.keyClick(window, Qt.Key.Key_A)
    assert lock.remaining_ms() > 1_900 and not lock.is_locked
    lock.stop()


def test_switch_user_from_the_lock_screen(qtbot):
    window = _window(qtbot)
    lock = IdleLock(window, user_label="李四", verify=_verify, timeout_ms=60_000)
    lock.lock()
    with qtbot.waitSignal(lock.logout_requested, timeout=2000):
        qtbot.mouseClick(lock.dialog.logout_button, Qt.MouseButton.LeftButton)
    assert not lock.is_locked
    lock.stop()
