"""数据安全 on the settings page: a manual backup is taken and verified; only admins may restore."""

from __future__ import annotations

import dataclasses

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QMessageBox

from app.db import backup as bk
from app.paths import AppPaths
from app.settings import Preferences
from ui.context import UiContext
from ui.data_safety import DataSafetyBox


def _box(qtbot, store, actor, tmp_path):
    ctx = UiContext(paths=AppPaths.in_folder(tmp_path).ensure(), prefs=Preferences(), store=store,
                    actor=actor)
    box = DataSafetyBox(ctx, key=None)
    qtbot.addWidget(box)
    return box, ctx


def test_backup_now_writes_a_verified_backup(qtbot, store, actor, tmp_path, monkeypatch):
    box, ctx = _box(qtbot, store, actor, tmp_path)
    assert box.status_label.text() == "尚无备份"
    shown = []
    monkeypatch.setattr(QMessageBox, "information", lambda *a: shown.append(a[2]))
    qtbot.mouseClick(box.backup_button, Qt.MouseButton.LeftButton)
    qtbot.waitUntil(lambda: bool(shown), timeout=10_000)
    backups = bk.list_backups(ctx.paths.backups)
    assert len(backups) == 1 and bk.verify_backup(backups[0].path, None)
    assert "已备份并校验" in shown[0] and "最新备份" in box.status_label.text()


def test_restore_needs_the_admin_role(qtbot, store, actor, tmp_path):
    clerk = dataclasses.replace(actor, roles=frozenset({"clerk"}))
    box, _ = _box(qtbot, store, clerk, tmp_path)
    assert not box.restore_button.isEnabled()
    assert "管理员" in box.restore_button.toolTip()
