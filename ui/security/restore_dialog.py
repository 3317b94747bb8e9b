"""恢复备份: choose a backup, see what a restore would change, confirm.

The dialog knows nothing about the database. The caller gives it the backups and a `preview`
callable (wired to `app.db.backup.diff_against_current`); the chosen backup is `chosen_backup`
after `exec()` returns Accepted, and the caller runs `app.db.backup.restore` on the database worker.
"""

from __future__ import annotations

from collections.abc import Callable, Sequence

from PySide6.QtCore import QAbstractTableModel, QModelIndex, QPersistentModelIndex, Qt, Slot
from PySide6.QtWidgets import (
    QCheckBox,
    QDialog,
    QDialogButtonBox,
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QListWidget,
    QTableView,
    QVBoxLayout,
    QWidget,
)

from app.db.backup import BackupInfo
from app.db.restore import RestorePreview, TableDiff
from app.errors import AppError

TABLE_LABELS = {
    "cases": "案件", "parties": "当事人", "case_parties": "案件当事人", "evidence": "证据",
    "documents": "文书", "approvals": "审批", "payments": "缴款", "officers": "执法人员",
    "squads": "中队", "users": "用户", "outbox": "待上报变更", "audit_log": "审计记录",
    "meta": "设置信息", "devices": "本机",
}
COLUMNS = ("数据", "备份中", "当前", "将移除", "将恢复", "内容不同")


class RestorePreviewModel(QAbstractTableModel):
    """Rows: the tables a restore would change."""

    def __init__(self, rows: Sequence[TableDiff] = (), parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self._rows = list(rows)

    def set_rows(self, rows: Sequence[TableDiff]) -> None:
        self.beginResetModel()
        self._rows = list(rows)
        self.endResetModel()

    def rowCount(self, parent: QModelIndex | QPersistentModelIndex = QModelIndex()) -> int:  # noqa: N802, B008
        return 0 if parent.isValid() else len(self._rows)

    def columnCount(self, parent: QModelIndex | QPersistentModelIndex = QModelIndex()) -> int:  # noqa: N802, B008
        return 0 if parent.isValid() else len(COLUMNS)

    def headerData(self, section: int, orientation: Qt.Orientation,  # noqa: N802
                   role: int = Qt.ItemDataRole.DisplayRole):  # noqa: ANN201
        if role == Qt.ItemDataRole.DisplayRole and orientation == Qt.Orientation.Horizontal:
            return COLUMNS[section]
        return None

    def data(self, index: QModelIndex | QPersistentModelIndex,
             role: int = Qt.ItemDataRole.DisplayRole):  # noqa: ANN201
        if not index.isValid():
            return None
        row = self._rows[index.row()]
        values = (TABLE_LABELS.get(row.table, row.table), row.in_backup, row.in_current,
                  row.only_current, row.only_backup, row.changed)
        if role == Qt.ItemDataRole.DisplayRole:
            return str(values[index.column()])
        if role == Qt.ItemDataRole.TextAlignmentRole and index.column() > 0:
            return int(Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter)
        return None


class RestoreDialog(QDialog):
    def __init__(self, backups: Sequence[BackupInfo], *,
                 preview: Callable[[BackupInfo], RestorePreview],
                 parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self._backups = list(backups)
        self._preview = preview
        self._chosen: BackupInfo | None = None
        self.setWindowTitle(self.tr("从备份恢复"))
        self.resize(760, 460)
        self.backup_list = QListWidget()
        self.backup_list.addItems([b.label for b in self._backups])
        self.backup_list.currentRowChanged.connect(self._on_backup_selected)
        self.model = RestorePreviewModel(parent=self)
        self.table = QTableView()
        self.table.setModel(self.model)
        self.table.horizontalHeader().setSectionResizeMode(QHeaderView.ResizeMode.ResizeToContents)
        self.summary_label = QLabel(self.tr("请选择一个备份，查看恢复后会有哪些变化。"))
        self.summary_label.setObjectName("restoreSummary")
        self.summary_label.setWordWrap(True)
        self.confirm_box = QCheckBox(self.tr("我已核对以上变化，确认恢复"))
        self.confirm_box.toggled.connect(self._on_confirm_toggled)
        self.buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Ok
                                        | QDialogButtonBox.StandardButton.Cancel)
        self.ok_button = self.buttons.button(QDialogButtonBox.StandardButton.Ok)
        self.ok_button.setText(self.tr("恢复"))
        self.ok_button.setEnabled(False)
        self.buttons.button(QDialogButtonBox.StandardButton.Cancel).setText(self.tr("取消"))
        self.buttons.accepted.connect(self._on_restore_clicked)
        self.buttons.rejected.connect(self.reject)
        right = QVBoxLayout()
        right.addWidget(self.table)
        right.addWidget(self.summary_label)
        body = QHBoxLayout()
        body.addWidget(self.backup_list, 1)
        body.addLayout(right, 3)
        layout = QVBoxLayout(self)
        layout.addLayout(body)
        layout.addWidget(self.confirm_box)
        layout.addWidget(self.buttons)
        if not self._backups:
            self.summary_label.setText(self.tr("没有可用的备份。"))

    @property
    def chosen_backup(self) -> BackupInfo | None:
        return self._chosen

    def _selected(self) -> BackupInfo | None:
        row = self.backup_list.currentRow()
        return self._backups[row] if 0 <= row < len(self._backups) else None

    @Slot(int)
    def _on_backup_selected(self, _row: int) -> None:
        self.confirm_box.setChecked(False)
        backup = self._selected()
        if backup is None:
            return
        try:
            preview = self._preview(backup)
        except AppError as exc:
            self.model.set_rows([])
            self.summary_label.setText(str(exc))
            self.confirm_box.setEnabled(False)
            return
        self.confirm_box.setEnabled(True)
        self.model.set_rows(preview.changed_tables)
        self.summary_label.setText(self.tr(
            f"恢复到 {backup.label}。尚未上报县局的 {preview.carried_changes} 条变更"
            f"（涉及 {preview.carried_rows} 行数据）会保留，不会丢失；"
            f"此后的 {preview.audit_entries_dropped} 条审计记录随当前数据一起另存为“恢复前”备份。"))

    @Slot(bool)
    def _on_confirm_toggled(self, checked: bool) -> None:
        self.ok_button.setEnabled(checked and self._selected() is not None)

    @Slot()
    def _on_restore_clicked(self) -> None:
        self._chosen = self._selected()
        if self._chosen is not None:
            self.accept()
