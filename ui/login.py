"""登录: who is at the keyboard decides what the services allow. Errors show under the fields,
in Chinese; a locked account says until when."""

from __future__ import annotations

from PySide6.QtCore import Qt, Slot
from PySide6.QtWidgets import (
    QDialog,
    QDialogButtonBox,
    QFormLayout,
    QLabel,
    QLineEdit,
    QVBoxLayout,
)

from app.context import Actor
from app.db.store import Store
from app.errors import AppError
from app.security.accounts import actor_for, authenticate


class LoginDialog(QDialog):
    def __init__(self, store: Store, *, device_id: str, squad_id: str, squad_name: str,
                 hint: str = "", parent=None, show_squad_name: bool = True) -> None:  # noqa: ANN001
        """`show_squad_name=False` over the main window's start panel, which already shows it."""
        super().__init__(parent)
        self._store = store
        self._device_id = device_id
        self._squad_id = squad_id
        self._actor: Actor | None = None
        self.setWindowTitle(self.tr("登录 squaddesk"))
        self.setMinimumWidth(400)         # the demo hint wraps into a column otherwise
        self.login_edit = QLineEdit()
        self.login_edit.setObjectName("login")
        self.password_edit = QLineEdit()
        self.password_edit.setObjectName("password")
        self.password_edit.setEchoMode(QLineEdit.EchoMode.Password)
        self.error_label = QLabel("")
        self.error_label.setObjectName("loginError")
        self.error_label.setStyleSheet("color: #b00020;")
        self.error_label.setWordWrap(True)
        form = QFormLayout()
        form.addRow(self.tr("用户名(&U)"), self.login_edit)
        form.addRow(self.tr("密码(&P)"), self.password_edit)
        self.buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Ok
                                        | QDialogButtonBox.StandardButton.Cancel)
        self.buttons.button(QDialogButtonBox.StandardButton.Ok).setText(self.tr("登录"))
        self.buttons.button(QDialogButtonBox.StandardButton.Cancel).setText(self.tr("退出"))
        self.buttons.accepted.connect(self._on_login_clicked)
        self.buttons.rejected.connect(self.reject)
        layout = QVBoxLayout(self)
        if show_squad_name:
            title = QLabel(squad_name)
            title.setAlignment(Qt.AlignmentFlag.AlignCenter)
            title.setStyleSheet("font-size: 16pt; font-weight: bold; margin: 8px;")
            layout.addWidget(title)
        layout.addLayout(form)
        layout.addWidget(self.error_label)
        if hint:
            hint_label = QLabel(hint)
            hint_label.setObjectName("demoHint")
            hint_label.setStyleSheet("color: #555;")
            hint_label.setWordWrap(True)
            layout.addWidget(hint_label)
        layout.addWidget(self.buttons)
        self.login_edit.setFocus()

    @property
    def actor(self) -> Actor | None:
        return self._actor

    @Slot()
    def _on_login_clicked(self) -> None:
        try:
            user = authenticate(self._store, self.login_edit.text(), self.password_edit.text(),
                                device_id=self._device_id)
            self._actor = actor_for(user, self._device_id, self._squad_id)
        except AppError as exc:
            self.error_label.setText(str(exc))
            self.password_edit.clear()
            self.password_edit.setFocus()
            return
        self.accept()
