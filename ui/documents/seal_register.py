"""The 用印登记 view: a read-only table of seal uses, newest first."""

from __future__ import annotations

from PySide6.QtCore import QT_TRANSLATE_NOOP
from PySide6.QtWidgets import (
    QAbstractItemView,
    QHeaderView,
    QTableWidget,
    QTableWidgetItem,
    QWidget,
)

from app.clock import to_china
from app.documents.service import SealUseRow

HEADERS = [QT_TRANSLATE_NOOP("SealRegisterView", "登记号"), QT_TRANSLATE_NOOP("SealRegisterView", "时间"),
           QT_TRANSLATE_NOOP("SealRegisterView", "文书"), QT_TRANSLATE_NOOP("SealRegisterView", "文号"),
           QT_TRANSLATE_NOOP("SealRegisterView", "份数"), QT_TRANSLATE_NOOP("SealRegisterView", "申请人"),
           QT_TRANSLATE_NOOP("SealRegisterView", "审批人"), QT_TRANSLATE_NOOP("SealRegisterView", "方式"),
           QT_TRANSLATE_NOOP("SealRegisterView", "事由")]


class SealRegisterView(QTableWidget):
    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(0, len(HEADERS), parent)
        self.setHorizontalHeaderLabels([self.tr(h) for h in HEADERS])
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
        """The cells under `column`, named by its untranslated header."""
        c = HEADERS.index(column)
        return [self.item(r, c).text() for r in range(self.rowCount())]
