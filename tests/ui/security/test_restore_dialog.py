"""The restore dialog previews the change per table and restores only after confirmation."""

from __future__ import annotations

from datetime import datetime, timezone
from pathlib import Path

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QDialog

from app.db.backup import BackupInfo
from app.db.restore import RestorePreview, TableDiff
from app.errors import StoreError
from ui.security.restore_dialog import RestoreDialog

GOOD = BackupInfo(Path("squaddesk-daily-20261127T010000000000Z.db"), "daily",
                  datetime(2026, 11, 27, 1, tzinfo=timezone.utc))
BROKEN = BackupInfo(Path("squaddesk-daily-20261126T010000000000Z.db"), "daily",
                    datetime(2026, 11, 26, 1, tzinfo=timezone.utc))


def _preview(backup: BackupInfo) -> RestorePreview:
    if backup is BROKEN:
        raise StoreError("备份“2026-11-26 09:00（每日自动）”已损坏或无法解密，不能用于恢复。")
    return RestorePreview(backup, tables=[
        TableDiff("cases", 10, 12, 2, 0, 1), TableDiff("squads", 1, 1, 0, 0, 0),
        TableDiff("outbox", 3, 6, 3, 0, 0),
    ], carried_changes=3, carried_rows=2, audit_entries_dropped=5)


def test_preview_lists_changed_tables_and_what_is_kept(qtbot):
    dialog = RestoreDialog([GOOD, BROKEN], preview=_preview)
    qtbot.addWidget(dialog)
    dialog.backup_list.setCurrentRow(0)
    model = dialog.model
    assert model.rowCount() == 2  # the unchanged squads table is not listed
    assert model.index(0, 0).data() == "案件" and model.index(0, 3).data() == "2"
    assert model.headerData(3, Qt.Orientation.Horizontal) == "将移除"
    assert "2026-11-27 09:00" in dialog.summary_label.text()
    assert "3 条变更" in dialog.summary_label.text() and "不会丢失" in dialog.summary_label.text()


def test_restore_needs_the_confirmation_and_returns_the_choice(qtbot):
    dialog = RestoreDialog([GOOD, BROKEN], preview=_preview)
    qtbot.addWidget(dialog)
    dialog.backup_list.setCurrentRow(0)
    assert not dialog.ok_button.isEnabled()
    dialog.confirm_box.click()
    assert dialog.ok_button.isEnabled()
    with qtbot.waitSignal(dialog.finished, timeout=2000) as blocker:
        qtbot.mouseClick(dialog.ok_button, Qt.MouseButton.LeftButton)
    assert blocker.args == [QDialog.DialogCode.Accepted.value]
    assert dialog.chosen_backup is GOOD


def test_a_broken_backup_shows_why_and_cannot_be_confirmed(qtbot):
    dialog = RestoreDialog([GOOD, BROKEN], preview=_preview)
    qtbot.addWidget(dialog)
    dialog.backup_list.setCurrentRow(0)
    dialog.confirm_box.click()
    dialog.backup_list.setCurrentRow(1)
    assert "已损坏" in dialog.summary_label.text()
    assert not dialog.confirm_box.isEnabled() and not dialog.ok_button.isEnabled()
    assert dialog.model.rowCount() == 0


def test_dialog_over_a_real_backup_of_a_real_store(qtbot, store, actor, tmp_path):
    from app.db import backup as bk
    from app.db.models import Squad

    info = bk.make_backup(store, tmp_path / "backups", key=None)
    with store.write(actor, "squad.create") as s:
        s.add(Squad(name="怀远中队", issuing_authority="局"))
    dialog = RestoreDialog(bk.list_backups(tmp_path / "backups"),
                           preview=lambda b: bk.diff_against_current(store, b, key=None))
    qtbot.addWidget(dialog)
    dialog.backup_list.setCurrentRow(0)
    labels = {dialog.model.index(r, 0).data(): dialog.model.index(r, 3).data()
              for r in range(dialog.model.rowCount())}
    assert labels["中队"] == "1" and labels["审计记录"] == "1"
    assert info.label in dialog.summary_label.text()
