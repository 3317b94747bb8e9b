"""The "已超期 / 即将到期" strip at the top of the cases page: two counts, red and orange.

Each count is a checkable button: pressing it filters the list to those cases (pressing again
clears the filter). The counts come from the list's deadline cache (`deadline_counts`).
"""

from __future__ import annotations

from PySide6.QtCore import Signal, Slot
from PySide6.QtWidgets import QHBoxLayout, QLabel, QPushButton, QWidget

from app.cases.search import DeadlineCounts

STYLE = """
QPushButton#{name} {{ background: {bg}; color: {fg}; border: 1px solid {fg}; border-radius: 4px;
                      padding: 6px 14px; font-size: 14px; font-weight: bold; }}
QPushButton#{name}:checked {{ background: {fg}; color: white; }}
"""
OVERDUE = ("#fdecea", "#c62828")
DUE_SOON = ("#fff3e0", "#ef6c00")


class DeadlineDashboard(QWidget):
    filter_chosen = Signal(str)   # "overdue", "due_soon" or "" (no deadline filter)

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        layout = QHBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        self.overdue_button = self._button("overdueCount", *OVERDUE)
        self.due_soon_button = self._button("dueSoonCount", *DUE_SOON)
        layout.addWidget(self.overdue_button)
        layout.addWidget(self.due_soon_button)
        self.note = QLabel("")
        self.note.setStyleSheet("color: #7a7a7a;")
        layout.addWidget(self.note)
        layout.addStretch(1)
        self.overdue_button.toggled.connect(self._on_overdue_toggled)
        self.due_soon_button.toggled.connect(self._on_due_soon_toggled)
        self.set_counts(None)

    def _button(self, name: str, bg: str, fg: str) -> QPushButton:
        button = QPushButton()
        button.setObjectName(name)
        button.setCheckable(True)
        button.setStyleSheet(STYLE.format(name=name, bg=bg, fg=fg))
        return button

    def set_counts(self, counts: DeadlineCounts | None) -> None:
        if counts is None:
            self.overdue_button.setText(self.tr("已超期 …"))
            self.due_soon_button.setText(self.tr("即将到期 …"))
            return
        self.overdue_button.setText(self.tr("已超期 {0} 件").format(counts.overdue))
        self.due_soon_button.setText(self.tr("即将到期 {0} 件").format(counts.due_soon))
        self.overdue_button.setToolTip(self.tr("办案期限已经届满、相应程序尚未完成的案件；点击只看这些案件"))
        self.due_soon_button.setToolTip(self.tr("三个工作日内（时效为30日内）到期的案件；点击只看这些案件"))

    def set_note(self, text: str) -> None:
        self.note.setText(text)

    @Slot(bool)
    def _on_overdue_toggled(self, checked: bool) -> None:
        if checked:
            self.due_soon_button.setChecked(False)
        self.filter_chosen.emit("overdue" if checked else self._current())

    @Slot(bool)
    def _on_due_soon_toggled(self, checked: bool) -> None:
        if checked:
            self.overdue_button.setChecked(False)
        self.filter_chosen.emit("due_soon" if checked else self._current())

    def _current(self) -> str:
        if self.overdue_button.isChecked():
            return "overdue"
        if self.due_soon_button.isChecked():
            return "due_soon"
        return ""
