"""建立管理员账户: the first local account of an enrolled PC. The password rules are shown as the
clerk types (app.security.passwords.password_problem), the confirmation is compared live, and
the account is created in the background (scrypt and a database write)."""

from __future__ import annotations

from typing import Any

from PySide6.QtCore import QT_TRANSLATE_NOOP, QCoreApplication, Slot
from PySide6.QtWidgets import (
    QCheckBox,
    QFormLayout,
    QLabel,
    QLineEdit,
    QVBoxLayout,
    QWidget,
    QWizard,
)

from app.errors import AppError, Cancelled
from app.firstrun import create_first_admin
from app.progress import Progress
from app.security.passwords import MIN_LENGTH, password_problem
from ui.firstrun.common import (
    ERROR_STYLE,
    NOTE_STYLE,
    OK_STYLE,
    UNEXPECTED,
    BackgroundStepPage,
    log_unexpected,
    message_label,
    show_message,
)
from ui.tasks import db_pool

RULES = QT_TRANSLATE_NOOP("FirstRun", "密码规则：至少 {0} 个字符；不能是常见密码；不能包含用户名或姓名；"
                          "首尾不能有空格。可以用一句好记的话。")
PASSWORD_OK = QT_TRANSLATE_NOOP("FirstRun", "✓ 密码符合要求")
MISMATCH = QT_TRANSLATE_NOOP("FirstRun", "两次输入的密码不一致")
CONFIRM_OK = QT_TRANSLATE_NOOP("FirstRun", "✓ 两次输入一致")


class AdminPage(BackgroundStepPage):
    def __init__(self, opened) -> None:  # noqa: ANN001 - app.bootstrap.Opened
        super().__init__()
        self._opened = opened
        self.created_login = ""
        self.setTitle(self.tr("建立管理员账户"))
        self.setSubTitle(
            self.tr("这是本机的第一个账户，可以管理本机的其他账户。请由负责本机的人员填写并牢记密码。"))
        self.setCommitPage(True)
        self.setButtonText(QWizard.WizardButton.CommitButton, self.tr("建立账户(&R)"))
        self.squad_label = QLabel("")
        self.squad_label.setObjectName("enrolledSquad")
        self.squad_label.setWordWrap(True)
        self.login_edit = QLineEdit()
        self.login_edit.setObjectName("adminLogin")
        self.login_edit.setPlaceholderText(self.tr("小写字母或数字，如 zhangsan"))
        self.name_edit = QLineEdit()
        self.name_edit.setObjectName("adminName")
        self.name_edit.setPlaceholderText(self.tr("如 张三"))
        self.password_edit = QLineEdit()
        self.password_edit.setObjectName("adminPassword")
        self.password_edit.setEchoMode(QLineEdit.EchoMode.Password)
        self.confirm_edit = QLineEdit()
        self.confirm_edit.setObjectName("adminConfirm")
        self.confirm_edit.setEchoMode(QLineEdit.EchoMode.Password)
        self.clerk_box = QCheckBox(self.tr("同时担任内勤/文书（登记案件、制作文书）(&K)"))
        self.clerk_box.setObjectName("alsoClerk")
        self.clerk_box.setChecked(True)
        self.password_state = QLabel("")
        self.password_state.setObjectName("passwordState")
        self.password_state.setWordWrap(True)
        self.confirm_state = QLabel("")
        self.confirm_state.setObjectName("confirmState")
        for edit in (self.login_edit, self.name_edit, self.password_edit, self.confirm_edit):
            edit.textChanged.connect(self._on_text_changed)
        form = QFormLayout()
        form.addRow(self.tr("用户名(&U)："), self.login_edit)
        form.addRow(self.tr("姓名(&N)："), self.name_edit)
        # Each password field carries its verdict underneath, in one cell: a wrapped label in a
        # row of its own makes QFormLayout leave a gap above it and jump as the text changes.
        form.addRow(self.tr("密码(&P)："), _with_verdict(self.password_edit, self.password_state))
        form.addRow(self.tr("确认密码(&C)："), _with_verdict(self.confirm_edit, self.confirm_state))
        form.addRow("", self.clerk_box)
        for edit in (self.password_edit, self.confirm_edit):
            label = form.labelForField(edit.parentWidget())
            if isinstance(label, QLabel):
                label.setBuddy(edit)
        rules = QLabel(QCoreApplication.translate("FirstRun", RULES).format(MIN_LENGTH))
        rules.setObjectName("passwordRules")
        rules.setWordWrap(True)
        rules.setStyleSheet(NOTE_STYLE)
        self.error_label = message_label("adminError", boxed=True)
        layout = QVBoxLayout(self)
        layout.addWidget(self.squad_label)
        layout.addLayout(form)
        layout.addWidget(self.error_label)
        layout.addWidget(rules)
        layout.addStretch(1)

    def initializePage(self) -> None:  # noqa: N802 - Qt name
        name = getattr(self.wizard(), "squad_name", "")
        self.squad_label.setText(self.tr("本机已登记到：{0}").format(name) if name else "")
        self.squad_label.setVisible(bool(name))
        self.login_edit.setFocus()

    # ---- live checks ---------------------------------------------------------------------

    def password_issue(self) -> str | None:
        password = self.password_edit.text()
        if not password:
            return None
        return password_problem(password, login=self.login_edit.text().strip().lower(),
                                display_name=self.name_edit.text().strip())

    def fields_complete(self) -> bool:
        password = self.password_edit.text()
        return bool(self.login_edit.text().strip() and self.name_edit.text().strip() and password
                    and self.password_issue() is None and self.confirm_edit.text() == password)

    @Slot()
    def _on_text_changed(self) -> None:
        issue = self.password_issue()
        if not self.password_edit.text():
            show_message(self.password_state, "")
            self.password_state.setVisible(True)   # keep the row's height steady
        elif issue:
            show_message(self.password_state, issue, ERROR_STYLE)
        else:
            show_message(self.password_state, QCoreApplication.translate("FirstRun", PASSWORD_OK), OK_STYLE)
        confirm = self.confirm_edit.text()
        if not confirm:
            show_message(self.confirm_state, "")
            self.confirm_state.setVisible(True)
        elif confirm != self.password_edit.text():
            show_message(self.confirm_state, QCoreApplication.translate("FirstRun", MISMATCH), ERROR_STYLE)
        else:
            show_message(self.confirm_state, QCoreApplication.translate("FirstRun", CONFIRM_OK), OK_STYLE)
        show_message(self.error_label, "")
        self.completeChanged.emit()

    def input_widgets(self) -> list:
        return [self.login_edit, self.name_edit, self.password_edit, self.confirm_edit,
                self.clerk_box]

    # ---- the step ------------------------------------------------------------------------

    def start_step(self) -> None:
        opened = self._opened
        login, name = self.login_edit.text(), self.name_edit.text()
        password, also_clerk = self.password_edit.text(), self.clerk_box.isChecked()

        def work(progress: Progress) -> str:
            progress(0, 0)
            return create_first_admin(opened, login=login, display_name=name, password=password,
                                      also_clerk=also_clerk)

        self.run_step(work, label=self.tr("正在建立管理员账户…"), pool=db_pool(), cancellable=False)

    def step_succeeded(self, result: Any) -> None:
        self.created_login = str(result)

    def step_failed(self, exc: BaseException) -> None:
        if isinstance(exc, Cancelled):
            return
        if isinstance(exc, AppError):
            show_message(self.error_label, str(exc))
            # Which field app's (Chinese) message is about.
            field = self.login_edit if "用户名" in str(exc) else (
                self.name_edit if "姓名" in str(exc) and "密码" not in str(exc) else self.password_edit)
            field.setFocus()
            return
        log_unexpected("creating the first administrator", exc)
        show_message(self.error_label, QCoreApplication.translate("FirstRun", UNEXPECTED))


def _with_verdict(edit: QLineEdit, verdict: QLabel) -> QWidget:
    cell = QWidget()
    layout = QVBoxLayout(cell)
    layout.setContentsMargins(0, 0, 0, 0)
    layout.setSpacing(2)
    layout.addWidget(edit)
    layout.addWidget(verdict)
    verdict.setMinimumHeight(verdict.fontMetrics().lineSpacing())
    return cell
