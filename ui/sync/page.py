"""同步 page: sync now (background, progress, cancel), the status, the "需要处理" list of changes
the county refused, the list of county changes this PC could not write yet (retried on every
sync), and the conflict panel (both values side by side; the choice becomes a new local change
that reaches every PC)."""

from __future__ import annotations

import json
from typing import Any

from PySide6.QtCore import QT_TRANSLATE_NOOP, QCoreApplication, Qt, Slot
from PySide6.QtWidgets import (
    QAbstractItemView, QGridLayout, QGroupBox, QHBoxLayout, QHeaderView, QLabel, QMessageBox, QPushButton,
    QTableWidget, QTableWidgetItem, QTabWidget, QTextEdit, QVBoxLayout, QWidget,
)

from app.clock import to_china
from app.errors import AppError, Cancelled
from app.sync import conflicts as svc
from app.sync import state
from app.sync.reference import parked_kind
from ui.context import UiContext
from ui.errors import show_error
from ui.sync.status import SyncRunner, runner_for

# Words for the codes the sync tables hold; marked here, translated where shown (`_label`).
NEWER = {"local": QT_TRANSLATE_NOOP("SyncPage", "本机较新"),
         "server": QT_TRANSLATE_NOOP("SyncPage", "县局较新"),
         "": QT_TRANSLATE_NOOP("SyncPage", "先后不明")}
OPS = {"insert": QT_TRANSLATE_NOOP("SyncPage", "新建"),
       "update": QT_TRANSLATE_NOOP("SyncPage", "修改"),
       "delete": QT_TRANSLATE_NOOP("SyncPage", "删除")}
ENTITIES = {"cases": QT_TRANSLATE_NOOP("SyncPage", "案件"),
            "parties": QT_TRANSLATE_NOOP("SyncPage", "当事人"),
            "case_parties": QT_TRANSLATE_NOOP("SyncPage", "案件当事人"),
            "evidence": QT_TRANSLATE_NOOP("SyncPage", "证据"),
            "investigative_acts": QT_TRANSLATE_NOOP("SyncPage", "调查取证"),
            "approvals": QT_TRANSLATE_NOOP("SyncPage", "审批"),
            "clock_events": QT_TRANSLATE_NOOP("SyncPage", "期限事件"),
            "payments": QT_TRANSLATE_NOOP("SyncPage", "缴款"),
            "publicity_records": QT_TRANSLATE_NOOP("SyncPage", "公示"),
            "documents": QT_TRANSLATE_NOOP("SyncPage", "文书"),
            "seal_uses": QT_TRANSLATE_NOOP("SyncPage", "用印"),
            "print_logs": QT_TRANSLATE_NOOP("SyncPage", "打印记录"),
            "officer_notes": QT_TRANSLATE_NOOP("SyncPage", "人员备注"),
            "certificate_checks": QT_TRANSLATE_NOOP("SyncPage", "证件核验")}
# Reference publications from the county, parked under "publication:<kind>" (app.sync.reference).
PUBLICATIONS = {"roster": QT_TRANSLATE_NOOP("SyncPage", "执法人员名册"),
                "certificates": QT_TRANSLATE_NOOP("SyncPage", "执法证件信息"),
                "power_list": QT_TRANSLATE_NOOP("SyncPage", "权力清单"),
                "benchmarks": QT_TRANSLATE_NOOP("SyncPage", "行政处罚裁量基准"),
                "templates": QT_TRANSLATE_NOOP("SyncPage", "文书模板"),
                "seal_spec": QT_TRANSLATE_NOOP("SyncPage", "印章规格"),
                "holidays": QT_TRANSLATE_NOOP("SyncPage", "节假日安排")}


def _label(text: str) -> str:
    """A word of the tables above in the user's language (an unknown code is shown as it is)."""
    return QCoreApplication.translate("SyncPage", text) if text else text


def _record(entity: str, entity_id: str) -> str:
    kind = parked_kind(entity)
    if kind is not None:          # a county publication: its version, not a record id
        name = _label(PUBLICATIONS[kind]) if kind in PUBLICATIONS else kind
        return QCoreApplication.translate("SyncPage", "{0}（第 {1} 版）").format(name, entity_id)
    name = _label(ENTITIES[entity]) if entity in ENTITIES else entity
    return f"{name} {entity_id[:8]}"


def _when(moment: Any) -> str:
    return to_china(moment).strftime("%Y-%m-%d %H:%M") if moment else "—"


def _show(value: Any) -> str:
    if value is None:
        return QCoreApplication.translate("SyncPage", "（空）")
    if isinstance(value, bool):
        if value:
            return QCoreApplication.translate("SyncPage", "是")
        return QCoreApplication.translate("SyncPage", "否")
    if isinstance(value, (dict, list)):
        return json.dumps(value, ensure_ascii=False, indent=1)
    return str(value)


class SyncPage(QWidget):
    def __init__(self, ctx: UiContext, *, runner: SyncRunner | None = None) -> None:
        super().__init__()
        self.ctx = ctx
        self.runner = runner or runner_for(ctx)
        self.runner.changed.connect(self.refresh)
        self.runner.started.connect(self._on_started)
        self.runner.finished.connect(self._on_finished)

        layout = QVBoxLayout(self)
        top = QHBoxLayout()
        self.sync_button = QPushButton(self.tr("立即同步"))
        self.sync_button.setObjectName("syncNow")
        self.sync_button.clicked.connect(self.sync_now)
        top.addWidget(self.sync_button)
        self.result_label = QLabel("")
        self.result_label.setObjectName("syncResult")
        top.addWidget(self.result_label, 1)
        layout.addLayout(top)

        box = QGroupBox(self.tr("同步状态"))
        grid = QGridLayout(box)
        self.labels: dict[str, QLabel] = {}
        for row, (key, title) in enumerate([
            ("server", self.tr("县局服务器：")), ("last", self.tr("上次成功同步：")),
            ("pending", self.tr("等待上传：")), ("parked", self.tr("需要处理：")),
            ("incoming", self.tr("县局数据未写入：")), ("conflicts", self.tr("待确认的冲突：")),
            ("error", self.tr("上次错误：")),
        ]):
            grid.addWidget(QLabel(title), row, 0)
            label = QLabel("")
            label.setObjectName(f"status_{key}")
            label.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
            grid.addWidget(label, row, 1)
            self.labels[key] = label
        self.clock_label = QLabel("")
        self.clock_label.setObjectName("clockWarning")
        self.clock_label.setStyleSheet("color: #b00020; font-weight: bold;")
        self.clock_label.setWordWrap(True)
        grid.addWidget(self.clock_label, 7, 0, 1, 2)
        grid.setColumnStretch(1, 1)
        layout.addWidget(box)

        self.tabs = QTabWidget()
        self.tabs.addTab(self._build_parked(), self.tr("需要处理"))
        self.tabs.addTab(self._build_incoming(), self.tr("县局数据未写入"))
        self.tabs.addTab(self._build_conflicts(), self.tr("冲突"))
        layout.addWidget(self.tabs, 1)
        self.refresh()

    # ---- parked -------------------------------------------------------------------------

    def _build_parked(self) -> QWidget:
        page = QWidget()
        layout = QVBoxLayout(page)
        layout.addWidget(QLabel(self.tr("以下修改被县局拒绝，未影响其他修改的上传。请逐项查看原因：")))
        self.parked_table = _table([self.tr("时间"), self.tr("操作人"), self.tr("记录"), self.tr("操作"),
                                    self.tr("县局的答复")])
        layout.addWidget(self.parked_table, 1)
        buttons = QHBoxLayout()
        self.retry_button = QPushButton(self.tr("重新上传"))
        self.retry_button.clicked.connect(self.retry_selected)
        self.dismiss_button = QPushButton(self.tr("不再上传"))
        self.dismiss_button.clicked.connect(self.dismiss_selected)
        buttons.addWidget(self.retry_button)
        buttons.addWidget(self.dismiss_button)
        buttons.addStretch(1)
        layout.addLayout(buttons)
        return page

    # ---- county changes not written here ------------------------------------------------

    def _build_incoming(self) -> QWidget:
        page = QWidget()
        layout = QVBoxLayout(page)
        note = QLabel(self.tr("以下县局下发的数据暂未能写入本机，其余数据已正常写入。每次同步都会自动重试；"
                              "按“原因”处理好本机的相关记录后，再同步一次即可。县局下发的名册、"
                              "裁量基准等资料有误时，须由县局改正后重新下发。"))
        note.setWordWrap(True)
        layout.addWidget(note)
        self.incoming_table = _table([self.tr("首次发现"), self.tr("记录"), self.tr("县局修改人"),
                                      self.tr("已尝试"), self.tr("原因")])
        self.incoming_table.setObjectName("incomingParked")
        # The reason is a sentence or two: wrapped in full, never cut off with "…".
        self.incoming_table.setWordWrap(True)
        self.incoming_table.setTextElideMode(Qt.TextElideMode.ElideNone)
        self.incoming_table.horizontalHeader().setSectionResizeMode(4, QHeaderView.ResizeMode.Stretch)
        self.incoming_table.verticalHeader().setSectionResizeMode(
            QHeaderView.ResizeMode.ResizeToContents)
        layout.addWidget(self.incoming_table, 1)
        return page

    # ---- conflicts ----------------------------------------------------------------------

    def _build_conflicts(self) -> QWidget:
        page = QWidget()
        layout = QVBoxLayout(page)
        self.conflict_table = _table([self.tr("发现时间"), self.tr("记录"), self.tr("内容项"),
                                      self.tr("哪边较新")])
        self.conflict_table.itemSelectionChanged.connect(self._show_conflict)
        layout.addWidget(self.conflict_table, 1)
        sides = QHBoxLayout()
        self.local_box, self.local_text, self.local_meta = _side(self.tr("本机的值"))
        self.server_box, self.server_text, self.server_meta = _side(self.tr("县局的值"))
        sides.addWidget(self.local_box)
        sides.addWidget(self.server_box)
        layout.addLayout(sides, 1)
        buttons = QHBoxLayout()
        self.keep_local = QPushButton(self.tr("保留本机的值"))
        self.keep_local.setObjectName("keepLocal")
        self.keep_local.clicked.connect(lambda: self.resolve_selected("local"))
        self.keep_server = QPushButton(self.tr("采用县局的值"))
        self.keep_server.setObjectName("keepServer")
        self.keep_server.clicked.connect(lambda: self.resolve_selected("server"))
        buttons.addWidget(self.keep_local)
        buttons.addWidget(self.keep_server)
        buttons.addStretch(1)
        layout.addLayout(buttons)
        return page

    # ---- behaviour ----------------------------------------------------------------------

    @Slot()
    def sync_now(self) -> None:
        if not self.runner.enrolled():
            QMessageBox.information(self, self.tr("尚未登记"), self.tr(
                "本机尚未登记到县局服务器。请先运行 "
                "squaddesk enroll --server 地址 --code 登记码，或联系县局技术人员。"))
            return
        self.runner.start(self, show_dialog=True)

    @Slot()
    def _on_started(self) -> None:
        self.sync_button.setEnabled(False)
        self.result_label.setText(self.tr("正在同步…"))

    @Slot(object)
    def _on_finished(self, report: Any) -> None:
        self.result_label.setText(report.summary())

    @Slot()
    def refresh(self) -> None:
        self.sync_button.setEnabled(not self.runner.running)
        with self.ctx.store.read() as session:
            st = state.status(session)
            self.parked_rows = svc.parked(session)
            self.incoming_rows = svc.incoming_parked(session)
            self.conflict_rows = svc.open_conflicts(session)
        self.labels["server"].setText(st.server_url or self.tr("未登记"))
        self.labels["last"].setText(_when(st.last_success) if st.last_success else self.tr("从未成功"))
        self.labels["pending"].setText(self.tr("%n 项", "", st.pending))
        self.labels["parked"].setText(self.tr("%n 项", "", st.parked))
        self.labels["incoming"].setText(
            state.incoming_parked_line(st.incoming_parked) if st.incoming_parked else self.tr("无"))
        self.labels["conflicts"].setText(self.tr("%n 处", "", st.conflicts))
        self.labels["error"].setText(st.last_error or self.tr("无"))
        self.clock_label.setText(st.clock_warning or "")
        self.clock_label.setVisible(bool(st.clock_warning))
        if not self.runner.running and self.result_label.text() == self.tr("正在同步…"):
            self.result_label.setText(st.last_error or "")
        _fill(self.parked_table, [
            [_when(r.created_at), r.created_by, _record(r.entity, r.entity_id),
             _label(OPS[r.op]) if r.op in OPS else r.op,
             r.reason] for r in self.parked_rows])
        _fill(self.incoming_table, [
            [_when(r.parked_at), _record(r.entity, r.entity_id), r.updated_by,
             self.tr("%n 次", "", r.attempts),
             r.reason] for r in self.incoming_rows])
        for row, item in enumerate(self.incoming_rows):
            cell = self.incoming_table.item(row, 4)
            cell.setToolTip(self.tr("{0}\n（技术信息：{1}）").format(item.reason, item.detail))
        _fill(self.conflict_table, [
            [_when(r.detected_at), _record(r.entity, r.entity_id), r.field,
             _label(NEWER.get(r.newer, ""))]
            for r in self.conflict_rows])
        self.tabs.setTabText(0, self.tr("需要处理（%n）", "", len(self.parked_rows)))
        self.tabs.setTabText(1, self.tr("县局数据未写入（%n）", "", len(self.incoming_rows)))
        self.tabs.setTabText(2, self.tr("冲突（%n）", "", len(self.conflict_rows)))
        self._show_conflict()

    def _selected(self, table: QTableWidget, rows: list) -> Any:
        index = table.currentRow()
        return rows[index] if 0 <= index < len(rows) and table.selectedItems() else None

    @Slot()
    def _show_conflict(self) -> None:
        row = self._selected(self.conflict_table, getattr(self, "conflict_rows", []))
        for button in (self.keep_local, self.keep_server):
            button.setEnabled(row is not None)
        if row is None:
            for widget in (self.local_text, self.server_text):
                widget.clear()
            self.local_meta.setText("")
            self.server_meta.setText("")
            return
        self.local_text.setPlainText(_show(row.local_value))
        self.server_text.setPlainText(_show(row.server_value))
        newer = self.tr("　（较新）")
        self.local_meta.setText(self.tr("修改时间：{0}").format(_when(row.local_at))
                                + (newer if row.newer == "local" else ""))
        self.server_meta.setText(self.tr("修改时间：{0}　修改人：{1}").format(
            _when(row.server_at), row.server_by or "—") + (newer if row.newer == "server" else ""))

    def resolve_selected(self, choice: str) -> None:
        row = self._selected(self.conflict_table, self.conflict_rows)
        if row is None:
            return
        self._do(lambda: svc.resolve(self.ctx.store, self.ctx.actor, row.id, choice))

    def retry_selected(self) -> None:
        row = self._selected(self.parked_table, self.parked_rows)
        if row is not None:
            self._do(lambda: svc.retry_parked(self.ctx.store, self.ctx.actor, row.op_id))

    def dismiss_selected(self) -> None:
        row = self._selected(self.parked_table, self.parked_rows)
        if row is not None:
            self._do(lambda: svc.dismiss_parked(self.ctx.store, self.ctx.actor, row.op_id))

    def _do(self, action: Any) -> None:
        try:
            action()
        except (AppError, Cancelled) as exc:
            show_error(self, exc)
        self.refresh()


def _table(headers: list[str]) -> QTableWidget:
    table = QTableWidget(0, len(headers))
    table.setHorizontalHeaderLabels(headers)
    table.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
    table.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
    table.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
    table.horizontalHeader().setStretchLastSection(True)
    table.verticalHeader().setVisible(False)
    return table


def _fill(table: QTableWidget, rows: list[list[str]]) -> None:
    table.setRowCount(len(rows))
    for r, values in enumerate(rows):
        for c, value in enumerate(values):
            table.setItem(r, c, QTableWidgetItem(value))
    table.resizeColumnsToContents()


def _side(title: str) -> tuple[QGroupBox, QTextEdit, QLabel]:
    box = QGroupBox(title)
    layout = QVBoxLayout(box)
    text = QTextEdit()
    text.setReadOnly(True)
    meta = QLabel("")
    layout.addWidget(text, 1)
    layout.addWidget(meta)
    return box, text, meta
