"""The first-run wizard: choose (enroll / demo) → 登记本机 → 建立管理员账户 → 完成.

Shown by ui.main.run_gui when the data folder has no accounts. Each page's step runs in the
background and cannot be undone, so each is a commit page: once it is done there is no way back.
A PC that was enrolled but never got its administrator starts straight at the account page.
"""

from __future__ import annotations

from PySide6.QtCore import QT_TRANSLATE_NOOP, QCoreApplication, Qt
from PySide6.QtGui import QCloseEvent, QIcon, QKeyEvent
from PySide6.QtWidgets import QLabel, QVBoxLayout, QWidget, QWizard, QWizardPage

from app.demo import DEMO_HINT
from app.firstrun import enrolled_squad_name
from app.paths import RESOURCES
from ui.firstrun.admin_page import AdminPage
from ui.firstrun.choice_page import ChoicePage
from ui.firstrun.common import ADMIN, CHOICE, DONE, ENROLL, BackgroundStepPage
from ui.firstrun.enroll_page import CancellableSession, EnrollPage, SessionFactory

BUTTON_TEXTS = {
    QWizard.WizardButton.BackButton: QT_TRANSLATE_NOOP("FirstRun", "< 上一步(&B)"),
    QWizard.WizardButton.NextButton: QT_TRANSLATE_NOOP("FirstRun", "下一步(&N) >"),
    QWizard.WizardButton.CommitButton: QT_TRANSLATE_NOOP("FirstRun", "确定(&O)"),
    QWizard.WizardButton.FinishButton: QT_TRANSLATE_NOOP("FirstRun", "完成，去登录(&F)"),
    QWizard.WizardButton.CancelButton: QT_TRANSLATE_NOOP("FirstRun", "退出"),
    QWizard.WizardButton.HelpButton: QT_TRANSLATE_NOOP("FirstRun", "帮助(&H)"),
}


class DonePage(QWizardPage):
    def __init__(self) -> None:
        super().__init__()
        self.setTitle(self.tr("设置完成"))
        self.summary_label = QLabel("")
        self.summary_label.setObjectName("doneSummary")
        self.summary_label.setWordWrap(True)
        self.summary_label.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
        layout = QVBoxLayout(self)
        layout.addWidget(self.summary_label)
        layout.addStretch(1)

    def initializePage(self) -> None:  # noqa: N802 - Qt name
        wizard = self.wizard()
        assert isinstance(wizard, FirstRunWizard)
        if wizard.mode == "demo":
            self.setSubTitle(self.tr("本机现在是演示模式。"))
            self.summary_label.setText(self.tr(
                "演示数据已写入：{0}。\n\n点击“完成，去登录”后进入登录窗口；"
                "演示账户（内勤、中队长、执法队员、法制审核员、管理员）和密码显示在登录窗口下方。")
                .format(wizard.demo_summary))
        else:
            self.setSubTitle(self.tr("本机已可以使用。"))
            self.summary_label.setText(self.tr(
                "本机已登记到：{0}。\n管理员账户“{1}”已建立。\n\n"
                "点击“完成，去登录”后用该账户登录。登录后可在“同步”页查看与县局服务器的同步情况，"
                "管理员可为中队其他人员建立账户。").format(wizard.squad_name, wizard.admin_login))

    def nextId(self) -> int:  # noqa: N802 - Qt name
        return -1


class FirstRunWizard(QWizard):
    def __init__(self, opened, *, session_factory: SessionFactory = CancellableSession,  # noqa: ANN001
                 parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self._opened = opened
        self._enrolled_before = enrolled_squad_name(opened)
        self.setWindowTitle(self.tr("squaddesk 首次设置"))
        self.setWindowIcon(QIcon(str(RESOURCES / "icons" / "squaddesk.ico")))
        self.setWizardStyle(QWizard.WizardStyle.ModernStyle)
        self.setOption(QWizard.WizardOption.NoBackButtonOnStartPage, True)
        self.setOption(QWizard.WizardOption.NoCancelButtonOnLastPage, True)
        for button, text in BUTTON_TEXTS.items():
            self.setButtonText(button, QCoreApplication.translate("FirstRun", text))
        self.choice_page = ChoicePage(opened)
        self.enroll_page = EnrollPage(opened, session_factory=session_factory)
        self.admin_page = AdminPage(opened)
        self.done_page = DonePage()
        self.setPage(CHOICE, self.choice_page)
        self.setPage(ENROLL, self.enroll_page)
        self.setPage(ADMIN, self.admin_page)
        self.setPage(DONE, self.done_page)
        self.setStartId(ADMIN if self._enrolled_before else CHOICE)
        self.setMinimumSize(680, 500)

    # ---- what happened -------------------------------------------------------------------

    @property
    def mode(self) -> str | None:
        """'demo', 'enrolled' (with its administrator), or None while not finished."""
        if self.choice_page.wants_demo and self.choice_page.step_done:
            return "demo"
        if self.admin_page.step_done:
            return "enrolled"
        return None

    @property
    def login_hint(self) -> str:
        return DEMO_HINT if self.mode == "demo" else ""

    @property
    def demo_summary(self) -> str:
        return self.choice_page.demo_summary

    @property
    def squad_name(self) -> str:
        if self.enroll_page.enrolled is not None:
            return self.enroll_page.enrolled.squad_name
        return self._enrolled_before or ""

    @property
    def admin_login(self) -> str:
        return self.admin_page.created_login

    # ---- no closing while a step runs ----------------------------------------------------

    def is_busy(self) -> bool:
        return any(isinstance(self.page(i), BackgroundStepPage) and self.page(i).is_busy
                   for i in self.pageIds())

    def reject(self) -> None:
        if not self.is_busy():
            super().reject()

    def closeEvent(self, event: QCloseEvent) -> None:  # noqa: N802 - Qt name
        if self.is_busy():
            event.ignore()
            return
        super().closeEvent(event)

    def keyPressEvent(self, event: QKeyEvent) -> None:  # noqa: N802 - Qt name
        if event.key() == Qt.Key.Key_Escape and self.is_busy():
            event.accept()
            return
        super().keyPressEvent(event)
