"""The GUI half of `squaddesk self-test`: Qt's plugins load, the main window builds offscreen."""

from __future__ import annotations

import os
from pathlib import Path

from app.selftest import SelfTestFailed


def gui_self_test(tmp: Path) -> None:
    os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")
    from PySide6.QtCore import QCoreApplication  # noqa: PLC0415
    from PySide6.QtPdf import QPdfDocument  # noqa: PLC0415
    from PySide6.QtWidgets import QApplication, QMainWindow  # noqa: PLC0415

    app = QApplication.instance() or QApplication(["squaddesk-selftest"])
    window = QMainWindow()
    window.resize(800, 600)
    window.show()
    app.processEvents()
    pdf = QPdfDocument()
    pdf.load(str(tmp / "selftest.pdf"))
    if pdf.status() != QPdfDocument.Status.Ready or pdf.pageCount() < 1:
        raise SelfTestFailed(QCoreApplication.translate("SelfTest", "自检失败：Qt PDF 无法打开生成的文书（{0}）")
                             .format(pdf.status()))
    image = pdf.render(0, window.size())
    if image.isNull():
        raise SelfTestFailed(QCoreApplication.translate("SelfTest", "自检失败：Qt PDF 无法绘制文书页面"))
    window.close()
