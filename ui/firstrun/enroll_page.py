"""登记本机: the county server's address, its CA file if the county uses its own, and the one-time
code from the county administrator. Enrollment (app.sync.enroll via app.firstrun) runs in the
background with progress and 取消; a refusal is explained on the page in plain words."""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

import requests
from PySide6.QtCore import QT_TRANSLATE_NOOP, QCoreApplication, QThreadPool, QTimer, Slot
from PySide6.QtWidgets import (
    QFileDialog,
    QFormLayout,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QPushButton,
    QVBoxLayout,
    QWidget,
    QWizard,
)

from app.errors import AppError, Cancelled
from app.firstrun import EnrollInput, check_enroll_input, enroll_this_pc, explain_enrollment_failure
from app.progress import Progress
from app.sync import protocol
from ui.firstrun.common import (
    NOTE_STYLE,
    UNEXPECTED,
    BackgroundStepPage,
    log_unexpected,
    message_label,
    show_message,
)

CANCELLED = QT_TRANSLATE_NOOP("FirstRun", "已取消登记。登记码还没有使用，可以改正后重新登记。")
STEPS = 3   # /info, /enroll, /token


class CancellableSession(requests.Session):
    """Asks whether the clerk pressed 取消 before each request that may still be abandoned.

    Once /enroll has been sent the one-time code is spent on the server, so from then on the step
    is finished rather than abandoned (the client's own timeouts bound the wait)."""

    def __init__(self, check: Callable[[int], None]) -> None:
        super().__init__()
        self._check = check
        self._sent = 0
        self._committed = False

    def request(self, method: str, url: str, *args: Any, **kwargs: Any) -> requests.Response:  # type: ignore[override]
        if not self._committed:
            self._check(self._sent)
            self._committed = url.endswith(protocol.PATH_ENROLL)
        self._sent += 1
        return super().request(method, url, *args, **kwargs)


SessionFactory = Callable[[Callable[[int], None]], requests.Session]


class EnrollPage(BackgroundStepPage):
    def __init__(self, opened, *, session_factory: SessionFactory = CancellableSession) -> None:  # noqa: ANN001
        super().__init__()
        self._opened = opened
        self._session_factory = session_factory
        self.enrolled = None           # app.sync.enroll.Enrolled once done
        self._entered: EnrollInput | None = None
        self.setTitle(self.tr("登记到县局服务器"))
        self.setSubTitle(self.tr("请填写县局管理员提供的信息。登记码只能使用一次，登记成功后本机即属于该中队。"))
        self.setCommitPage(True)
        self.setButtonText(QWizard.WizardButton.CommitButton, self.tr("登记本机(&E)"))

        self.server_edit = QLineEdit(opened.prefs.server_url)
        self.server_edit.setObjectName("serverUrl")
        self.server_edit.setPlaceholderText("https://county.example:8443")
        self.ca_edit = QLineEdit(opened.prefs.ca_bundle)
        self.ca_edit.setObjectName("caFile")
        self.ca_edit.setPlaceholderText(self.tr("县局使用自己的证书时才需要（.pem / .crt）"))
        self.browse_button = QPushButton(self.tr("选择文件(&L)…"))
        self.browse_button.setObjectName("browseCa")
        self.browse_button.clicked.connect(self._on_browse_clicked)
        ca_row = QWidget()
        ca_layout = QHBoxLayout(ca_row)
        ca_layout.setContentsMargins(0, 0, 0, 0)
        ca_layout.addWidget(self.ca_edit, 1)
        ca_layout.addWidget(self.browse_button)
        self.code_edit = QLineEdit()
        self.code_edit.setObjectName("enrollCode")
        self.code_edit.setPlaceholderText("ABCD-EFGH-JKLM")
        for edit in (self.server_edit, self.code_edit):
            edit.textChanged.connect(self._on_text_changed)

        form = QFormLayout()
        form.addRow(self.tr("服务器地址(&S)："), self.server_edit)
        form.addRow(self.tr("CA 证书(&A)（可选）："), ca_row)
        form.addRow(self.tr("登记码(&C)："), self.code_edit)
        # QFormLayout gives the CA label the row widget as buddy; Alt+A should reach the field.
        ca_label = form.labelForField(ca_row)
        if isinstance(ca_label, QLabel):
            ca_label.setBuddy(self.ca_edit)
        note = QLabel(self.tr("登记码由县局管理员在县局服务器上生成（squaddesk-server enroll-code），"
                      "有效期内只能使用一次。CA 证书文件会复制到本机数据文件夹保存，U 盘可以拔下。"))
        note.setWordWrap(True)
        note.setStyleSheet(NOTE_STYLE)
        self.error_label = message_label("enrollError", boxed=True)
        layout = QVBoxLayout(self)
        layout.addLayout(form)
        layout.addWidget(self.error_label)      # right under the fields it is about
        layout.addWidget(note)
        layout.addStretch(1)

    def initializePage(self) -> None:  # noqa: N802 - Qt name
        (self.code_edit if self.server_edit.text() else self.server_edit).setFocus()

    def fields_complete(self) -> bool:
        return bool(self.server_edit.text().strip() and self.code_edit.text().strip())

    def input_widgets(self) -> list:
        return [self.server_edit, self.ca_edit, self.browse_button, self.code_edit]

    @Slot()
    def _on_text_changed(self) -> None:
        self.completeChanged.emit()

    @Slot()
    def _on_browse_clicked(self) -> None:
        path, _ = QFileDialog.getOpenFileName(
            self, self.tr("选择县局提供的 CA 证书"), self.ca_edit.text(),
            self.tr("证书文件 (*.pem *.crt *.cer);;所有文件 (*)"))
        if path:
            self.ca_edit.setText(path)

    def start_step(self) -> None:
        try:
            entered = check_enroll_input(self.server_edit.text(), self.code_edit.text(),
                                         self.ca_edit.text())
        except AppError as exc:
            show_message(self.error_label, str(exc))
            return
        show_message(self.error_label, "")
        self.server_edit.setText(entered.server_url)
        self._entered = entered
        opened, make_session = self._opened, self._session_factory

        def work(progress: Progress) -> Any:
            session = make_session(lambda sent: progress(sent, STEPS))
            try:
                return enroll_this_pc(opened, entered, session=session)
            finally:
                session.close()

        self.run_step(work, label=self.tr("正在连接县局服务器并登记本机…"),
                      pool=QThreadPool.globalInstance())

    def step_succeeded(self, result: Any) -> None:
        self.enrolled = result

    def step_failed(self, exc: BaseException) -> None:
        if isinstance(exc, Cancelled):
            show_message(self.error_label, QCoreApplication.translate("FirstRun", CANCELLED))
            return
        server_url = self._entered.server_url if self._entered else ""
        words = explain_enrollment_failure(exc, server_url)
        if words is None:
            log_unexpected("enrollment", exc)
            words = QCoreApplication.translate("FirstRun", UNEXPECTED)
        show_message(self.error_label, words)
        self._focus_for(words)

    def _focus_for(self, words: str) -> None:
        # Which field app's (Chinese) explanation is about.
        if "登记码" in words:
            field = self.code_edit
        elif "证书" in words:
            field = self.ca_edit
        else:
            field = self.server_edit
        # After the progress dialog closes Qt hands focus back to where it was; take it after that.
        # The field is the timer's context, so a wizard closed meanwhile cancels it.
        QTimer.singleShot(0, field, lambda: (field.setFocus(), field.selectAll()))
