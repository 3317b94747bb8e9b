"""The roster validation report: every bad row with its number and reason, or the go-ahead.

Takes the report in `__init__`; `confirmed` says whether the clerk chose to import. With errors
the only way out is 关闭: nothing is imported from a file that has any error.
"""

from __future__ import annotations

from PySide6.QtWidgets import (
    QDialog,
    QDialogButtonBox,
    QLabel,
    QPlainTextEdit,
    QVBoxLayout,
    QWidget,
)

from app.officers.roster_import import RosterReport


class RosterReportDialog(QDialog):
    def __init__(self, report: RosterReport, *, file_name: str,
                 parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setWindowTitle(self.tr("名册检查结果 — {0}").format(file_name))
        self.resize(640, 420)
        self._confirmed = False
        summary = QLabel(report.summary())
        summary.setWordWrap(True)
        summary.setObjectName("reportSummary")
        layout = QVBoxLayout(self)
        layout.addWidget(summary)
        self.details = QPlainTextEdit()
        self.details.setReadOnly(True)
        lines = report.lines() or [self.tr("所有行均已通过检查。")]
        if report.warnings:
            lines += ["", *report.warnings]
        self.details.setPlainText("\n".join(lines))
        layout.addWidget(self.details, 1)
        buttons = QDialogButtonBox()
        if report.ok:
            summary.setStyleSheet("color: #1b5e20; font-weight: bold;")
            self.import_button = buttons.addButton(self.tr("导入"), QDialogButtonBox.ButtonRole.AcceptRole)
            buttons.addButton(self.tr("取消"), QDialogButtonBox.ButtonRole.RejectRole)
        else:
            summary.setStyleSheet("color: #9b1c1c; font-weight: bold;")
            self.import_button = None
            buttons.addButton(self.tr("关闭"), QDialogButtonBox.ButtonRole.RejectRole)
        buttons.accepted.connect(self.accept)
        buttons.rejected.connect(self.reject)
        layout.addWidget(buttons)

    def accept(self) -> None:
        self._confirmed = True
        super().accept()

    @property
    def confirmed(self) -> bool:
        return self._confirmed
