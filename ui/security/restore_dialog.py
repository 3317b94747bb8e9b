"""恢复备份: choose a backup, see what a restore would change, confirm.

The dialog knows nothing about the database. The caller gives it the backups and a `preview`
callable (wired to `app.db.backup.diff_against_current`); the chosen backup is `chosen_backup`
after `exec()` returns Accepted, and the caller runs `app.db.backup.restore` on the database worker.
"""

from __future__ import annotations

from collections.abc import Callable, Sequence

from PySide6.QtCore import (
    QT_TRANSLATE_NOOP,
    QAbstractTableModel,
    QCoreApplication,
    QModelIndex,
    QPersistentModelIndex,
    Qt,
    Slot,
)
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
    "cases": QT_TRANSLATE_NOOP("RestoreDialog", "案件"), "parties": QT_TRANSLATE_NOOP("RestoreDialog", "当事人"),
    "case_parties": QT_TRANSLATE_NOOP("RestoreDialog", "案件当事人"),
    "evidence": QT_TRANSLATE_NOOP("RestoreDialog", "证据"), "documents": QT_TRANSLATE_NOOP("RestoreDialog", "文书"),
    "approvals": QT_TRANSLATE_NOOP("RestoreDialog", "审批"), "payments": QT_TRANSLATE_NOOP("RestoreDialog", "缴款"),
    "officers": QT_TRANSLATE_NOOP("RestoreDialog", "执法人员"), "squads": QT_TRANSLATE_NOOP("RestoreDialog", "中队"),
    "users": QT_TRANSLATE_NOOP("RestoreDialog", "用户"), "outbox": QT_TRANSLATE_NOOP("RestoreDialog", "待上报变更"),
    "audit_log": QT_TRANSLATE_NOOP("RestoreDialog", "审计记录"),
    "meta": QT_TRANSLATE_NOOP("RestoreDialog", "设置信息"), "devices": QT_TRANSLATE_NOOP("RestoreDialog", "本机"),
}
COLUMNS = (QT_TRANSLATE_NOOP("RestoreDialog", "数据"), QT_TRANSLATE_NOOP("RestoreDialog", "备份中"),
           QT_TRANSLATE_NOOP("RestoreDialog", "当前"), QT_TRANSLATE_NOOP("RestoreDialog", "将移除"),
           QT_TRANSLATE_NOOP("RestoreDialog", "将恢复"), QT_TRANSLATE_NOOP("RestoreDialog", "内容不同"))


def _tr(text: str) -> str:
    return QCoreApplication.translate("RestoreDialog", text)


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
            return _tr(COLUMNS[section])
        return None

    def data(self, index: QModelIndex | QPersistentModelIndex,
             role: int = Qt.ItemDataRole.DisplayRole):  # noqa: ANN201
        if not index.isValid():
            return None
        row = self._rows[index.row()]
        values = (_tr(TABLE_LABELS[row.table]) if row.table in TABLE_LABELS else row.table, row.in_backup, row.in_current,
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
            "恢复到 {0}。尚未上报县局的 {1} 条变更（涉及 {2} 行数据）会保留，不会丢失；"
            "此后的 {3} 条审计记录随当前数据一起另存为“恢复前”备份。").format(
                backup.label, preview.carried_changes, preview.carried_rows, preview.audit_entries_dropped))

    @Slot(bool)
    def _on_confirm_toggled(self, checked: bool) -> None:
        self.ok_button.setEnabled(checked and self._selected() is not None)

    @Slot()
    def _on_restore_clicked(self) -> None:
        self._chosen = self._selected()
        if self._chosen is not None:
            self.accept()
