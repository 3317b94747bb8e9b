"""The one error path of the UI: AppError → plain Chinese message box; anything else → logged with
its traceback and shown as "程序出现意外错误" with the details folded away. Never a raw traceback."""

from __future__ import annotations

import logging
import sys
import traceback
from types import TracebackType

from PySide6.QtCore import QCoreApplication
from PySide6.QtWidgets import QMessageBox, QWidget

from app.errors import AppError, Cancelled

log = logging.getLogger("squaddesk.ui")


def show_error(parent: QWidget | None, exc: BaseException) -> None:
    if isinstance(exc, Cancelled):
        return
    if isinstance(exc, AppError):
        log.info("refused: %s", exc)
        QMessageBox.warning(parent, QCoreApplication.translate("Errors", "无法完成操作"), str(exc))
        return
    details = "".join(traceback.format_exception(type(exc), exc, exc.__traceback__))
    log.error("unexpected error\n%s", details)
    box = QMessageBox(parent)
    box.setIcon(QMessageBox.Icon.Critical)
    box.setWindowTitle(QCoreApplication.translate("Errors", "程序出现意外错误"))
    box.setText(QCoreApplication.translate("Errors", "程序出现意外错误，刚才的操作没有完成，已保存的数据不受影响。\n"
                                           "错误详情已记录在日志中，请联系县局信息管理员。"))
    box.setDetailedText(f"{type(exc).__name__}: {exc}")
    box.exec()


def install_excepthook() -> None:
    """Route uncaught exceptions (including those raised in Qt slots) through show_error."""

    def hook(kind: type[BaseException], exc: BaseException, tb: TracebackType | None) -> None:
        if exc.__traceback__ is None and tb is not None:
            exc = exc.with_traceback(tb)
        show_error(None, exc)

    sys.excepthook = hook
