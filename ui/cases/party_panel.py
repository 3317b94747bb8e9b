"""The case's party table with what a clerk does to a row: add, correct (修改), remove (移除).

Keyboard first: in the table Enter or F2 corrects the current party, Delete removes it, Insert
adds one; the same actions are on the right-click menu and on the two buttons above the table,
and a double click corrects. The panel only says what was asked (signals with the party's id);
the case pane reads the lawful limits, asks for confirmation and runs the service.
"""

from __future__ import annotations

from collections.abc import Sequence

from PySide6.QtCore import Qt, Signal, Slot
from PySide6.QtGui import QAction, QKeySequence
from PySide6.QtWidgets import (
    QAbstractItemView,
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QPushButton,
    QTableWidget,
    QTableWidgetItem,
    QVBoxLayout,
    QWidget,
)

from app.cases.views import PartyView
from ui.cases.party_dialog import party_kind_label


class PartyPanel(QWidget):
    add_requested = Signal()
    edit_requested = Signal(str)     # party id
    remove_requested = Signal(str)   # party id

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.parties: tuple[PartyView, ...] = ()
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        head = QHBoxLayout()
        self.heading = QLabel(self.tr("当事人"))
        head.addWidget(self.heading)
        head.addStretch(1)
        self.edit_button = QPushButton(self.tr("修改当事人(&M)…"))
        self.edit_button.setToolTip(self.tr("更正所选当事人的信息（Enter 或 F2）"))
        self.remove_button = QPushButton(self.tr("移除当事人(&R)…"))
        self.remove_button.setToolTip(self.tr("从本案中移除所选当事人（Delete）"))
        head.addWidget(self.edit_button)
        head.addWidget(self.remove_button)
        layout.addLayout(head)

        self.table = QTableWidget(0, 5)
        self.table.setObjectName("parties_table")
        self.table.setHorizontalHeaderLabels([self.tr("类型"), self.tr("姓名/名称"), self.tr("证件号码"),
                                              self.tr("住址"), self.tr("电话")])
        self.table.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        self.table.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        self.table.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
        self.table.verticalHeader().setVisible(False)
        self.table.verticalHeader().setSectionResizeMode(QHeaderView.ResizeMode.Fixed)
        self.table.verticalHeader().setDefaultSectionSize(24)
        self.table.horizontalHeader().setStretchLastSection(True)
        self.table.setWordWrap(False)
        self.table.setMaximumHeight(130)
        layout.addWidget(self.table)

        self.add_action = self._action(self.tr("添加当事人…"), [QKeySequence(Qt.Key.Key_Insert)])
        self.edit_action = self._action(self.tr("修改当事人…"), [
            QKeySequence(Qt.Key.Key_F2), QKeySequence(Qt.Key.Key_Return), QKeySequence(Qt.Key.Key_Enter)])
        self.remove_action = self._action(self.tr("移除当事人…"), [QKeySequence(Qt.Key.Key_Delete)])
        self.table.setContextMenuPolicy(Qt.ContextMenuPolicy.ActionsContextMenu)

        self.add_action.triggered.connect(self.add_requested)
        self.edit_action.triggered.connect(self._on_edit_triggered)
        self.remove_action.triggered.connect(self._on_remove_triggered)
        self.edit_button.clicked.connect(self._on_edit_triggered)
        self.remove_button.clicked.connect(self._on_remove_triggered)
        self.table.doubleClicked.connect(self._on_edit_triggered)
        self.table.itemSelectionChanged.connect(self._update_enabled)
        self.set_editable(False)

    def _action(self, text: str, keys: Sequence[QKeySequence]) -> QAction:
        action = QAction(text, self.table)
        action.setShortcuts(list(keys))
        # Only while the table (or its viewport) has focus: Enter elsewhere still accepts forms.
        action.setShortcutContext(Qt.ShortcutContext.WidgetWithChildrenShortcut)
        self.table.addAction(action)
        return action

    def set_editable(self, editable: bool) -> None:
        """Whether a case is shown (no case, nothing to add to)."""
        self._editable = editable
        self.add_action.setEnabled(editable)
        self._update_enabled()

    def set_parties(self, parties: Sequence[PartyView]) -> None:
        """Show `parties`, keeping the current party selected when it is still there."""
        keep = self.current_party()
        self.parties = tuple(parties)
        self.table.setRowCount(len(self.parties))
        for r, p in enumerate(self.parties):
            for c, value in enumerate((party_kind_label(p.kind), p.name, p.id_number, p.address, p.phone)):
                item = QTableWidgetItem(value)
                item.setToolTip(value)
                self.table.setItem(r, c, item)
        self.table.resizeColumnsToContents()
        ids = [p.id for p in self.parties]
        if self.parties:
            self.table.selectRow(ids.index(keep.id) if keep is not None and keep.id in ids else 0)
        self._update_enabled()

    def current_party(self) -> PartyView | None:
        rows = self.table.selectionModel().selectedRows()
        row = rows[0].row() if rows else self.table.currentRow()
        return self.parties[row] if 0 <= row < len(self.parties) else None

    @Slot()
    def _update_enabled(self) -> None:
        chosen = self._editable and self.current_party() is not None
        for widget in (self.edit_button, self.remove_button, self.edit_action, self.remove_action):
            widget.setEnabled(chosen)

    @Slot()
    def _on_edit_triggered(self) -> None:
        party = self.current_party()
        if party is not None and self._editable:
            self.edit_requested.emit(party.id)

    @Slot()
    def _on_remove_triggered(self) -> None:
        party = self.current_party()
        if party is not None and self._editable:
            self.remove_requested.emit(party.id)
