"""The table editor of the 生成文书 dialog: a list field a template draws as a grid (清单, 证据).
Like every record editor it offers `value()`, `state()` and `restore()`.
"""

from __future__ import annotations

from typing import Any

from PySide6.QtCore import QEvent, QObject, Qt
from PySide6.QtWidgets import (
    QAbstractItemView,
    QHBoxLayout,
    QHeaderView,
    QPushButton,
    QTableWidget,
    QTableWidgetItem,
    QVBoxLayout,
    QWidget,
)

from app.documents.record_input import grid_items


class GridEditor(QWidget):
    """Rows of a list field a template draws as a table (保全物品, 证据…), one column per template
    column; a blank row is always kept at the end, and blank rows are left out."""

    def __init__(self, columns: list[tuple[str, str]], parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.columns = columns
        self.table = QTableWidget(0, len(columns))
        self.table.setHorizontalHeaderLabels([title for _key, title in columns])
        self.table.horizontalHeader().setSectionResizeMode(QHeaderView.ResizeMode.Stretch)
        self.table.setEditTriggers(QAbstractItemView.EditTrigger.AllEditTriggers)
        self.table.setMinimumHeight(140)
        self.table.installEventFilter(self)
        self.add_button = QPushButton(self.tr("添加一行"))
        self.add_button.setToolTip(self.tr("在当前行之后插入（Ctrl+Insert）"))
        self.delete_button = QPushButton(self.tr("删除此行"))
        self.delete_button.setToolTip(self.tr("删除当前行（Ctrl+Delete）"))
        self.up_button = QPushButton(self.tr("上移"))
        self.down_button = QPushButton(self.tr("下移"))
        for button in (self.add_button, self.delete_button, self.up_button, self.down_button):
            button.setAutoDefault(False)
        self.add_button.clicked.connect(lambda: self.insert_row(self.table.currentRow() + 1))
        self.delete_button.clicked.connect(lambda: self.delete_row(self.table.currentRow()))
        self.up_button.clicked.connect(lambda: self.move_row(self.table.currentRow(), -1))
        self.down_button.clicked.connect(lambda: self.move_row(self.table.currentRow(), 1))
        bar = QHBoxLayout()
        bar.addStretch(1)
        for button in (self.add_button, self.delete_button, self.up_button, self.down_button):
            bar.addWidget(button)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.addWidget(self.table, 1)
        layout.addLayout(bar)
        self.setFocusProxy(self.table)
        self.table.itemChanged.connect(self._keep_blank_row)
        self.set_rows([])

    def rows(self) -> list[list[str]]:
        out = []
        for r in range(self.table.rowCount()):
            out.append([(self.table.item(r, c).text() if self.table.item(r, c) else "")
                        for c in range(len(self.columns))])
        return out

    def value(self) -> list[dict[str, str]]:
        return grid_items(self.rows(), self.columns)

    def set_rows(self, rows: list[list[str]]) -> None:
        self.table.blockSignals(True)
        self.table.setRowCount(0)
        for values in rows:
            self._append(values)
        self.table.blockSignals(False)
        self._keep_blank_row()

    def state(self) -> list[list[str]]:
        return self.rows()

    def restore(self, state: Any) -> None:
        self.set_rows([list(map(str, row)) for row in (state or [])])

    def flag_row(self, index: int | None) -> None:
        if index is not None and 0 <= index < self.table.rowCount():
            self.table.setCurrentCell(index, 0)
            self.table.setFocus()

    def insert_row(self, index: int) -> None:
        index = max(0, min(index, self.table.rowCount()))
        self.table.insertRow(index)
        self.table.setCurrentCell(index, 0)

    def delete_row(self, index: int) -> None:
        if 0 <= index < self.table.rowCount():
            self.table.removeRow(index)
            self._keep_blank_row()

    def move_row(self, index: int, delta: int) -> None:
        target = index + delta
        rows = self.rows()
        if not (0 <= index < len(rows) and 0 <= target < len(rows)):
            return
        rows[index], rows[target] = rows[target], rows[index]
        column = max(self.table.currentColumn(), 0)
        self.set_rows(rows)
        self.table.setCurrentCell(target, column)

    def _append(self, values: list[str]) -> None:
        r = self.table.rowCount()
        self.table.insertRow(r)
        for c, text in enumerate(values[: len(self.columns)]):
            self.table.setItem(r, c, QTableWidgetItem(text))

    def _keep_blank_row(self, *_args: object) -> None:
        rows = self.rows()
        if not rows or any(v.strip() for v in rows[-1]):
            self.table.blockSignals(True)
            self._append([""] * len(self.columns))
            self.table.blockSignals(False)

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:  # noqa: N802 - Qt name
        if watched is self.table and event.type() == QEvent.Type.KeyPress:
            mods = event.modifiers() & ~Qt.KeyboardModifier.KeypadModifier
            row = self.table.currentRow()
            if mods == Qt.KeyboardModifier.ControlModifier and event.key() == Qt.Key.Key_Insert:
                self.insert_row(row + 1)
                return True
            if mods == Qt.KeyboardModifier.ControlModifier and event.key() == Qt.Key.Key_Delete:
                self.delete_row(row)
                return True
            if mods == Qt.KeyboardModifier.AltModifier and event.key() in (Qt.Key.Key_Up, Qt.Key.Key_Down):
                self.move_row(row, -1 if event.key() == Qt.Key.Key_Up else 1)
                return True
        return super().eventFilter(watched, event)
