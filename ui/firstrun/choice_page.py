"""First page: enroll this PC with the county server (real work), or open the demo (practice).
Choosing the demo seeds it here, in the background, before the wizard moves on."""

from __future__ import annotations

from typing import Any

from PySide6.QtCore import QCoreApplication, Slot
from PySide6.QtWidgets import QButtonGroup, QLabel, QRadioButton, QVBoxLayout, QWizard

from app.firstrun import open_demo
from app.progress import Progress
from ui.firstrun.common import (
    DONE,
    ENROLL,
    NOTE_STYLE,
    UNEXPECTED,
    BackgroundStepPage,
    log_unexpected,
    message_label,
    show_message,
)
from ui.tasks import db_pool


class ChoicePage(BackgroundStepPage):
    def __init__(self, opened) -> None:  # noqa: ANN001 - app.bootstrap.Opened
        super().__init__()
        self._opened = opened
        self.demo_summary = ""
        self.setTitle(self.tr("欢迎使用 squaddesk"))
        self.setSubTitle(self.tr("本机还没有任何账户。请选择如何开始："))
        self.enroll_radio = QRadioButton(self.tr("登记到县局服务器，正式使用(&E)"))
        self.enroll_radio.setObjectName("chooseEnroll")
        self.enroll_radio.setChecked(True)
        enroll_note = QLabel(self.tr("需要县局管理员发放的一次性登记码；如县局使用自己的证书，还需要县局提供的 "
                                     "CA 证书文件。登记后再建立本机的管理员账户。"))
        self.demo_radio = QRadioButton(self.tr("打开演示模式，先熟悉一下(&D)"))
        self.demo_radio.setObjectName("chooseDemo")
        demo_note = QLabel(self.tr("写入一个虚构的演示中队（怀远中队）、执法人员和十几个案件，供练习使用，"
                           "不会上传县局。注意：演示数据与正式数据不能混用，选择演示后，本机的这个 "
                           "Windows 用户不能再登记到县局。"))
        for note in (enroll_note, demo_note):
            note.setWordWrap(True)
            note.setStyleSheet(NOTE_STYLE + " margin-left: 22px;")
        self._group = QButtonGroup(self)
        self._group.addButton(self.enroll_radio)
        self._group.addButton(self.demo_radio)
        self.demo_radio.toggled.connect(self._on_demo_toggled)
        self.error_label = message_label("choiceError", boxed=True)
        layout = QVBoxLayout(self)
        layout.addWidget(self.enroll_radio)
        layout.addWidget(enroll_note)
        layout.addSpacing(12)
        layout.addWidget(self.demo_radio)
        layout.addWidget(demo_note)
        layout.addStretch(1)
        layout.addWidget(self.error_label)
        self.setButtonText(QWizard.WizardButton.CommitButton, self.tr("打开演示(&O)"))

    @property
    def wants_demo(self) -> bool:
        return self.demo_radio.isChecked()

    def nextId(self) -> int:  # noqa: N802 - Qt name
        return DONE if self.wants_demo else ENROLL

    def validatePage(self) -> bool:  # noqa: N802 - Qt name
        if not self.wants_demo:
            return True
        return super().validatePage()

    def input_widgets(self) -> list:
        return [self.enroll_radio, self.demo_radio]

    @Slot(bool)
    def _on_demo_toggled(self, demo: bool) -> None:
        # Seeding the demo cannot be taken back: 下一步 becomes 打开演示, and there is no way back.
        self.setCommitPage(demo)
        show_message(self.error_label, "")

    def start_step(self) -> None:
        opened = self._opened

        def work(progress: Progress) -> str:
            progress(0, 0)
            return open_demo(opened)

        self.run_step(work, label=self.tr("正在写入演示数据…"), pool=db_pool(), cancellable=False)

    def step_succeeded(self, result: Any) -> None:
        self.demo_summary = str(result)

    def step_failed(self, exc: BaseException) -> None:
        from app.errors import AppError, Cancelled  # noqa: PLC0415

        if isinstance(exc, Cancelled):
            show_message(self.error_label, self.tr("已取消。"))
        elif isinstance(exc, AppError):
            show_message(self.error_label, str(exc))
        else:
            log_unexpected("demo seeding", exc)
            show_message(self.error_label, QCoreApplication.translate("FirstRun", UNEXPECTED))
