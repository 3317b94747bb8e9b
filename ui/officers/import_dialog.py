"""The roster validation report: every bad row with its number and reason, or the go-ahead.

Takes the report in `__init__`; `confirmed` says whether the clerk chose to import. With errors
the only way out is 关闭: nothing is imported from a file that has any error. When the file is
good and some officers here are not on it, they are listed under "将标记为已调离的人员" before the
clerk confirms, so nobody leaves the roster by surprise; a clerk holding only a supplement
(部分名册) ticks the box and nobody is marked.
"""

from __future__ import annotations

from PySide6.QtWidgets import (
    QCheckBox,
    QDialog,
    QDialogButtonBox,
    QGroupBox,
    QLabel,
    QListWidget,
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
        self.resize(640, 520 if report.ok and report.departures else 420)
        self._confirmed = False
        self._report = report
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
        self.departures_box: QGroupBox | None = None
        self.departures_list: QListWidget | None = None
        self.partial_check: QCheckBox | None = None
        if report.ok and report.departures:
            self._add_departures(layout, report)
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

    def _add_departures(self, layout: QVBoxLayout, report: RosterReport) -> None:
        box = QGroupBox(self.tr("将标记为已调离的人员（{0} 人）").format(len(report.departures)))
        box.setObjectName("departuresBox")
        inner = QVBoxLayout(box)
        note = QLabel(self.tr(
            "以下人员在本机名册中，但县局名册中已没有。导入后将标记为已调离：记录保留，"
            "已办案件和文书不受影响，但自今日起不能再参与执法。"))
        note.setWordWrap(True)
        inner.addWidget(note)
        self.departures_list = QListWidget()
        self.departures_list.addItems([str(d) for d in report.departures])
        inner.addWidget(self.departures_list, 1)
        self.partial_check = QCheckBox(self.tr(
            "这只是部分名册（增补或变更）：只导入名册中的人员，不标记任何人调离"))
        self.partial_check.toggled.connect(self.departures_list.setDisabled)
        inner.addWidget(self.partial_check)
        box.setStyleSheet("QGroupBox { font-weight: bold; color: #8a4b00; }"
                          " QGroupBox QLabel, QGroupBox QListWidget, QGroupBox QCheckBox"
                          " { font-weight: normal; color: palette(text); }")
        layout.addWidget(box, 2)     # the people matter more than the "all rows passed" line
        self.departures_box = box

    def accept(self) -> None:
        self._confirmed = True
        super().accept()

    @property
    def confirmed(self) -> bool:
        return self._confirmed

    @property
    def complete(self) -> bool:
        """False when the clerk said the file is only part of the roster."""
        return not (self.partial_check is not None and self.partial_check.isChecked())

    @property
    def expected_departures(self) -> frozenset[str] | None:
        """The officers the clerk was shown as leaving: the import must mark exactly these."""
        if not self.complete:
            return None
        return frozenset(d.officer_id for d in self._report.departures)
