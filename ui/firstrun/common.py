"""Pieces shared by the first-run pages: page ids, the red/green message line, and a page whose
"下一步" runs a step in the background and moves on only when it succeeded."""

from __future__ import annotations

import logging
from collections.abc import Callable
from typing import Any

from PySide6.QtCore import QT_TRANSLATE_NOOP, QThreadPool, Slot
from PySide6.QtWidgets import QLabel, QWizard, QWizardPage

from app.errors import Cancelled
from app.progress import Progress
from ui.tasks import BackgroundTask, run_in_background

log = logging.getLogger(__name__)

CHOICE, ENROLL, ADMIN, DONE = range(4)

ERROR_STYLE = "color: #b00020;"
OK_STYLE = "color: #1b5e20;"
NOTE_STYLE = "color: #555;"
UNEXPECTED = QT_TRANSLATE_NOOP("FirstRun", "程序出现意外错误，这一步没有完成，已保存的数据不受影响。"
                               "详情已写入日志，请联系县局技术人员。")


def log_unexpected(what: str, exc: BaseException) -> None:
    """An error nobody foresaw: its traceback goes to the log, the page shows UNEXPECTED."""
    log.error("first run: %s failed unexpectedly", what, exc_info=exc)


BOX_STYLE = ("border: 1px solid #e0a0a8; background: #fdf0f1; border-radius: 3px; "
             "padding: 6px;")


def message_label(object_name: str, style: str = ERROR_STYLE, *, boxed: bool = False) -> QLabel:
    """A hidden, word-wrapped message line; `boxed` draws a light red box round it (a refusal
    the clerk must read before trying again)."""
    label = QLabel("")
    label.setObjectName(object_name)
    label.setWordWrap(True)
    label.setProperty("boxed", boxed)
    label.setStyleSheet(style + (BOX_STYLE if boxed else ""))
    label.setVisible(False)
    return label


def show_message(label: QLabel, text: str, style: str = ERROR_STYLE) -> None:
    label.setStyleSheet(style + (BOX_STYLE if label.property("boxed") else ""))
    label.setText(text)
    label.setVisible(bool(text))


class BackgroundStepPage(QWizardPage):
    """A page whose step (enroll, seed the demo, create the account) runs off the GUI thread.

    `validatePage` starts the step and answers False; when it succeeds the page marks itself done
    and advances the wizard, whose second `validatePage` call then answers True. While it runs the
    page's fields and the wizard's buttons are disabled. Subclasses implement `start_step`.
    """

    def __init__(self) -> None:
        super().__init__()
        self.task: BackgroundTask | None = None
        self._busy = False
        self._step_done = False

    @property
    def is_busy(self) -> bool:
        return self._busy

    @property
    def step_done(self) -> bool:
        return self._step_done

    def validatePage(self) -> bool:  # noqa: N802 - Qt name
        if self._step_done:
            return True
        if not self._busy:
            self.start_step()
        return False

    def isComplete(self) -> bool:  # noqa: N802 - Qt name
        return not self.is_busy and self.fields_complete()

    def fields_complete(self) -> bool:
        return True

    def start_step(self) -> None:
        raise NotImplementedError

    def step_succeeded(self, result: Any) -> None:  # noqa: ARG002 - for subclasses
        """Called on the GUI thread before the wizard moves on."""

    def step_failed(self, exc: BaseException) -> None:
        """Called on the GUI thread; show the reason on the page."""

    def run_step(self, work: Callable[[Progress], Any], *, label: str,
                 pool: QThreadPool | None = None, cancellable: bool = True) -> None:
        self.task = run_in_background(self, work, label=label, on_success=self._on_step_succeeded,
                                      on_error=self._on_step_failed, pool=pool)
        if self.task.dialog is not None:
            self.task.dialog.setMinimumWidth(380)     # the default cuts the Chinese label short
            if not cancellable:
                self.task.dialog.setCancelButton(None)
        self._set_busy(True)

    def _set_busy(self, busy: bool) -> None:
        self._busy = busy
        for widget in self.input_widgets():
            widget.setEnabled(not busy)
        # First let the wizard update its buttons (it re-enables 上一步 from its history), then
        # hold 上一步 and 退出 while the step runs.
        self.completeChanged.emit()
        wizard = self.wizard()
        if wizard is not None:
            wizard.button(QWizard.WizardButton.BackButton).setEnabled(not busy)
            wizard.button(QWizard.WizardButton.CancelButton).setEnabled(not busy)

    def input_widgets(self) -> list:
        return []

    @Slot(object)
    def _on_step_succeeded(self, result: Any) -> None:
        self.task = None
        self._step_done = True
        self._set_busy(False)
        self.step_succeeded(result)
        wizard = self.wizard()
        if wizard is not None and wizard.currentPage() is self:
            wizard.next()

    @Slot(object)
    def _on_step_failed(self, exc: BaseException) -> None:
        self.task = None
        self._set_busy(False)
        if not isinstance(exc, Cancelled):
            log.info("first-run step refused: %s", type(exc).__name__)
        self.step_failed(exc)
