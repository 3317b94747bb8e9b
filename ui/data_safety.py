"""数据安全 (on the settings page): back up now, and restore from a backup after a preview.

A restore replaces the live data with the backup while keeping every change that has not yet
reached the county (app.db.restore); the program then restarts so no page shows stale rows.
"""

from __future__ import annotations

from PySide6.QtCore import Signal, Slot
from PySide6.QtWidgets import QGroupBox, QHBoxLayout, QLabel, QMessageBox, QPushButton, QWidget

from app.db import backup as bk
from app.db.restore import diff_against_current, restore
from app.security.roles import Permission, allowed
from ui.context import UiContext
from ui.tasks import run_in_background


class DataSafetyBox(QGroupBox):
    restored = Signal()

    def __init__(self, ctx: UiContext, *, key: bytes | None, parent: QWidget | None = None) -> None:
        super().__init__(self.tr("数据安全"), parent)
        self._ctx = ctx
        self._key = key
        self.status_label = QLabel()
        self.backup_button = QPushButton(self.tr("立即备份(&B)"))
        self.restore_button = QPushButton(self.tr("从备份恢复(&R)…"))
        self.restore_button.setEnabled(allowed(ctx.actor, Permission.RESTORE_BACKUP))
        if not self.restore_button.isEnabled():
            self.restore_button.setToolTip(self.tr("恢复备份须由管理员操作"))
        self.backup_button.clicked.connect(self._on_backup_clicked)
        self.restore_button.clicked.connect(self._on_restore_clicked)
        row = QHBoxLayout(self)
        row.addWidget(self.status_label, 1)
        row.addWidget(self.backup_button)
        row.addWidget(self.restore_button)
        self._refresh()

    def _refresh(self) -> None:
        backups = bk.list_backups(self._ctx.paths.backups)
        if backups:
            self.status_label.setText(self.tr("最新备份：{0}，共 {1} 份（保存在本机 {2}）").format(
                backups[0].label, len(backups), self._ctx.paths.backups))
        else:
            self.status_label.setText(self.tr("尚无备份"))

    @Slot()
    def _on_backup_clicked(self) -> None:
        store, folder, key = self._ctx.store, self._ctx.paths.backups, self._key

        def work(_progress):  # noqa: ANN001, ANN202
            taken = bk.make_backup(store, folder, key=key, kind="manual")
            bk.rotate(folder)
            return taken

        run_in_background(self, work, label=self.tr("正在备份…"), on_success=self._on_backed_up)

    def _on_backed_up(self, taken: bk.BackupInfo) -> None:
        self._refresh()
        QMessageBox.information(self, self.tr("备份"), self.tr("已备份并校验：{0}").format(taken.label))

    @Slot()
    def _on_restore_clicked(self) -> None:
        from ui.security.restore_dialog import RestoreDialog  # noqa: PLC0415

        backups = bk.list_backups(self._ctx.paths.backups)
        if not backups:
            QMessageBox.information(self, self.tr("恢复"), self.tr("本机还没有备份。"))
            return
        store, key = self._ctx.store, self._key
        dialog = RestoreDialog(backups, preview=lambda b: diff_against_current(store, b, key=key),
                               parent=self)
        if not dialog.exec() or dialog.chosen_backup is None:
            return
        chosen, actor, folder = dialog.chosen_backup, self._ctx.actor, self._ctx.paths.backups

        def work(_progress):  # noqa: ANN001, ANN202
            return restore(store, chosen, key=key, actor=actor, folder=folder)

        run_in_background(self, work, label=self.tr("正在恢复备份…"), on_success=self._on_restored)

    def _on_restored(self, _result) -> None:  # noqa: ANN001
        QMessageBox.information(self, self.tr("恢复完成"), self.tr(
            "已从备份恢复。尚未上传县局的修改已保留。程序将重新登录以载入恢复后的数据。"))
        self.restored.emit()
