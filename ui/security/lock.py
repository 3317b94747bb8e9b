"""Idle screen lock: after 15 minutes without keyboard or mouse input the window is hidden and the
signed-in user's password is asked for, so a PC left on in the squad office shows no case files.

`IdleLock` is an application-wide event filter; it only watches for input, it never consumes an
event. `verify(password)` is supplied by the caller (ui/main.py wires it to
`app.security.accounts.authenticate`, so wrong passwords count toward the account lock-out) and
raises AppError with the message to show, or returns normally when the password is right.
"""

from __future__ import annotations

from collections.abc import Callable

from PySide6.QtCore import QEvent, QObject, Qt, QTimer, Signal, Slot
from PySide6.QtWidgets import (
    QApplication,
    QDialog,
    QLabel,
    QLineEdit,
    QPushButton,
    QVBoxLayout,
    QWidget,
)

from app.errors import AppError

IDLE_TIMEOUT_MS = 15 * 60 * 1000
_INPUT_EVENTS = frozenset({
    QEvent.Type.KeyPress, QEvent.Type.MouseButtonPress, QEvent.Type.MouseMove,
    QEvent.Type.Wheel, QEvent.Type.TouchBegin, QEvent.Type.TabletPress,
})


class LockDialog(QDialog):
    """Asks the signed-in user's password; closes only when `verify` accepts it."""

    unlocked = Signal()
    logout_requested = Signal()

    def __init__(self, *, user_label: str, verify: Callable[[str], None], idle_minutes: int,
                 parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self._verify = verify
        self.setWindowTitle(self.tr("屏幕已锁定"))
        self.setWindowFlag(Qt.WindowType.WindowCloseButtonHint, False)
        self.setModal(True)
        self.message_label = QLabel(self.tr(
            "已超过 {0} 分钟无操作，为保护案件和当事人信息，屏幕已锁定。\n"
            "请输入 {1} 的密码解锁。").format(idle_minutes, user_label))
        self.message_label.setWordWrap(True)
        self.password_edit = QLineEdit()
        self.password_edit.setObjectName("lockPassword")
        self.password_edit.setEchoMode(QLineEdit.EchoMode.Password)
        self.error_label = QLabel("")
        self.error_label.setObjectName("lockError")
        self.error_label.setStyleSheet("color: #b00020;")
        self.error_label.setWordWrap(True)
        self.unlock_button = QPushButton(self.tr("解锁"))
        self.unlock_button.setDefault(True)
        self.unlock_button.clicked.connect(self._on_unlock_clicked)
        self.logout_button = QPushButton(self.tr("切换用户"))
        self.logout_button.clicked.connect(self._on_logout_clicked)
        layout = QVBoxLayout(self)
        for widget in (self.message_label, self.password_edit, self.error_label,
                       self.unlock_button, self.logout_button):
            layout.addWidget(widget)
        self.password_edit.setFocus()

    def reject(self) -> None:  # Esc must not unlock
        return

    @Slot()
    def _on_unlock_clicked(self) -> None:
        # Enter in the password field presses the default button (QDialog), so this is the one path.
        password = self.password_edit.text()
        self.password_edit.clear()
        try:
            self._verify(password)
        except AppError as exc:
            self.error_label.setText(str(exc))
            self.password_edit.setFocus()
            return
        self.error_label.clear()
        self.accept()
        self.unlocked.emit()

    @Slot()
    def _on_logout_clicked(self) -> None:
        self.accept()
        self.logout_requested.emit()


class IdleLock(QObject):
    """Locks `window` after `timeout_ms` without user input. Start it after login."""

    locked = Signal()
    unlocked = Signal()
    logout_requested = Signal()

    def __init__(self, window: QWidget, *, user_label: str, verify: Callable[[str], None],
                 timeout_ms: int = IDLE_TIMEOUT_MS) -> None:
        super().__init__(window)
        self._window = window
        self._user_label = user_label
        self._verify = verify
        self._timeout_ms = timeout_ms
        self._dialog: LockDialog | None = None   # created on first lock, then reused
        self._is_locked = False
        self._timer = QTimer(self)
        self._timer.setSingleShot(True)
        self._timer.setTimerType(Qt.TimerType.PreciseTimer)  # remainingTime() must be exact
        self._timer.setInterval(timeout_ms)
        self._timer.timeout.connect(self.lock)
        app = QApplication.instance()
        assert app is not None, "create the QApplication first"
        app.installEventFilter(self)
        self._timer.start()

    @property
    def is_locked(self) -> bool:
        return self._is_locked

    @property
    def dialog(self) -> LockDialog | None:
        return self._dialog

    def remaining_ms(self) -> int:
        return self._timer.remainingTime()

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:  # noqa: N802
        if not self._is_locked and event.type() in _INPUT_EVENTS:
            self._timer.start()  # restart the idle countdown
        return False

    @Slot()
    def lock(self) -> None:
        if self._is_locked:
            return
        self._timer.stop()
        if self._dialog is None:
            # A top-level window of its own (the main window is hidden while locked), reused:
            # deleting it from inside its own key handler would free a widget Qt is still using.
            minutes = max(1, round(self._timeout_ms / 60000))
            self._dialog = LockDialog(user_label=self._user_label, verify=self._verify,
                                      idle_minutes=minutes)
            self._dialog.unlocked.connect(self._on_dialog_unlocked)
            self._dialog.logout_requested.connect(self._on_dialog_logout)
        self._dialog.error_label.clear()
        self._is_locked = True
        self._window.hide()  # nothing of the case files stays on screen
        self._dialog.show()
        self.locked.emit()

    @Slot()
    def _on_dialog_unlocked(self) -> None:
        self._close_dialog()
        self._window.show()
        self._timer.start()
        self.unlocked.emit()

    @Slot()
    def _on_dialog_logout(self) -> None:
        self._close_dialog()
        self.logout_requested.emit()

    def _close_dialog(self) -> None:
        self._is_locked = False
        if self._dialog is not None:
            self._dialog.hide()

    def stop(self) -> None:
        """At logout: stop watching (the next login creates a new IdleLock)."""
        self._timer.stop()
        app = QApplication.instance()
        if app is not None:
            app.removeEventFilter(self)
        if self._dialog is not None:
            self._dialog.hide()
            self._dialog.deleteLater()
            self._dialog = None
