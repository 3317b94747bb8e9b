"""The 用印登记 view: a read-only table of seal uses, newest first."""

from __future__ import annotations

from PySide6.QtWidgets import (
    QAbstractItemView,
    QHeaderView,
    QTableWidget,
    QTableWidgetItem,
    QWidget,
)

from app.clock import to_china
from app.documents.service import SealUseRow

HEADERS = ["登记号", "时间", "文书", "文号", "份数", "申请人", "审批人", "方式", "事由"]


class SealRegisterView(QTableWidget):
    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(0, len(HEADERS), parent)
        self.setHorizontalHeaderLabels(HEADERS)
        self.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        self.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        self.setAlternatingRowColors(True)
        self.setWordWrap(False)
        self.verticalHeader().setVisible(False)
        self.verticalHeader().setSectionResizeMode(QHeaderView.ResizeMode.Fixed)
        self.verticalHeader().setDefaultSectionSize(24)
        self.horizontalHeader().setStretchLastSection(True)

    def set_rows(self, rows: list[SealUseRow]) -> None:
        self.setRowCount(len(rows))
        for r, use in enumerate(rows):
            values = [use.register_no, f"{to_china(use.used_at):%Y-%m-%d %H:%M}", use.document_title,
                      use.document_number, str(use.copies), use.requester, use.approver,
                      use.mode_label, use.purpose]
            for c, value in enumerate(values):
                item = QTableWidgetItem(value)
                item.setToolTip(value)
                self.setItem(r, c, item)
        self.resizeColumnsToContents()

    def column_values(self, column: str) -> list[str]:
        c = HEADERS.index(column)
        return [self.item(r, c).text() for r in range(self.rowCount())]
