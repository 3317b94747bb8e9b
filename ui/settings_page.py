"""设置: the deployment's preferences (issuing authority, periods, thresholds) as a keyboard form.

Facts DOMAIN.md marks unconfirmed are settings; the county's values are entered here (or arrive by
sync). Saved atomically to settings.json in the data folder.
"""

from __future__ import annotations

from dataclasses import fields

from PySide6.QtCore import QT_TRANSLATE_NOOP, Signal, Slot
from PySide6.QtWidgets import (
    QFormLayout,
    QLineEdit,
    QMessageBox,
    QPushButton,
    QScrollArea,
    QSpinBox,
    QVBoxLayout,
    QWidget,
)

from app.settings import Preferences
from ui.context import UiContext

LABELS = {
    "issuing_authority": QT_TRANSLATE_NOOP("SettingsPage", "执法主体（文书落款机关）"),
    "authority_short": QT_TRANSLATE_NOOP("SettingsPage", "机关代字"),
    "squad_name": QT_TRANSLATE_NOOP("SettingsPage", "中队名称"),
    "review_body": QT_TRANSLATE_NOOP("SettingsPage", "行政复议机关"),
    "court": QT_TRANSLATE_NOOP("SettingsPage", "管辖人民法院"),
    "payment_bank": QT_TRANSLATE_NOOP("SettingsPage", "罚款代收银行"),
    "payment_account": QT_TRANSLATE_NOOP("SettingsPage", "代收账号"),
    "verify_url": QT_TRANSLATE_NOOP("SettingsPage", "文书核验网址"),
    "statement_reply_workdays": QT_TRANSLATE_NOOP("SettingsPage", "陈述申辩期限（工作日）"),
    "hearing_request_workdays": QT_TRANSLATE_NOOP("SettingsPage", "申请听证期限（工作日）"),
    "hearing_threshold_person_yuan": QT_TRANSLATE_NOOP("SettingsPage", "较大数额罚款：个人（元）"),
    "hearing_threshold_org_yuan": QT_TRANSLATE_NOOP("SettingsPage", "较大数额罚款：单位（元）"),
    "major_fine_person_yuan": QT_TRANSLATE_NOOP("SettingsPage", "重大执法决定：个人罚款（元）"),
    "major_fine_org_yuan": QT_TRANSLATE_NOOP("SettingsPage", "重大执法决定：单位罚款（元）"),
    "collective_discussion_person_yuan": QT_TRANSLATE_NOOP("SettingsPage", "集体讨论：个人罚款（元）"),
    "collective_discussion_org_yuan": QT_TRANSLATE_NOOP("SettingsPage", "集体讨论：单位罚款（元）"),
    "filing_check_workdays": QT_TRANSLATE_NOOP("SettingsPage", "案源核查期限（工作日）"),
    "certificate_pattern": QT_TRANSLATE_NOOP("SettingsPage", "执法证号格式（正则表达式）"),
    "renewal_window_days": QT_TRANSLATE_NOOP("SettingsPage", "证件到期预警（天）"),
    "training_hours_target": QT_TRANSLATE_NOOP("SettingsPage", "年度培训学时目标"),
    "server_url": QT_TRANSLATE_NOOP("SettingsPage", "县局服务器地址"),
    "ca_bundle": QT_TRANSLATE_NOOP("SettingsPage", "县局CA证书文件"),
    "sync_interval_minutes": QT_TRANSLATE_NOOP("SettingsPage", "自动同步间隔（分钟）"),
}


class SettingsPage(QWidget):
    saved = Signal()
    restart_requested = Signal()

    def __init__(self, ctx: UiContext) -> None:
        super().__init__()
        self._ctx = ctx
        self._editors: dict[str, QLineEdit | QSpinBox] = {}
        form_host = QWidget()
        form = QFormLayout(form_host)
        for f in fields(Preferences):
            if f.name not in LABELS:
                continue
            value = getattr(ctx.prefs, f.name)
            if isinstance(value, int):
                editor: QLineEdit | QSpinBox = QSpinBox()
                editor.setRange(0, 10_000_000)
                editor.setValue(value)
            else:
                editor = QLineEdit(str(value))
            editor.setObjectName(f.name)
            self._editors[f.name] = editor
            form.addRow(self.tr(LABELS[f.name]), editor)
        scroll = QScrollArea()
        scroll.setWidgetResizable(True)
        scroll.setWidget(form_host)
        self.save_button = QPushButton(self.tr("保存设置"))
        self.save_button.clicked.connect(self._on_save_clicked)
        from ui.data_safety import DataSafetyBox  # noqa: PLC0415

        self.data_safety = DataSafetyBox(ctx, key=ctx.key)
        self.data_safety.restored.connect(self.restart_requested)
        layout = QVBoxLayout(self)
        layout.addWidget(scroll)
        layout.addWidget(self.save_button)
        layout.addWidget(self.data_safety)

    @Slot()
    def _on_save_clicked(self) -> None:
        prefs = self._ctx.prefs
        for name, editor in self._editors.items():
            value = editor.value() if isinstance(editor, QSpinBox) else editor.text().strip()
            setattr(prefs, name, value)
        prefs.save(self._ctx.paths.settings_file)
        QMessageBox.information(self, self.tr("设置"), self.tr("设置已保存。"))
        self.saved.emit()
