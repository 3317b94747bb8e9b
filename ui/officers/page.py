"""执法人员 page: the roster with who may act today, the certificate quick check, import and lists.

The roster reads synchronously (an indexed SQL query of plain rows; 10,000 rows open well under a
second). Writing work — a logged quick check, the roster import, PDF exports — runs on the
database pool through `run_in_background`, and results come back as plain values.
"""

from __future__ import annotations

from collections.abc import Callable
from datetime import date
from pathlib import Path

from PySide6.QtCore import QT_TRANSLATE_NOOP, QItemSelection, Qt, QTimer, QUrl, Signal, Slot
from PySide6.QtGui import QAction, QDesktopServices
from PySide6.QtWidgets import (
    QAbstractItemView,
    QComboBox,
    QFileDialog,
    QHBoxLayout,
    QHeaderView,
    QInputDialog,
    QLabel,
    QLineEdit,
    QMenu,
    QMessageBox,
    QPushButton,
    QSplitter,
    QTableView,
    QToolButton,
    QVBoxLayout,
    QWidget,
)

from app.clock import china_today
from app.officers import registry
from app.officers.quick_check import CheckResult, log_check, quick_check
from app.officers.reports import (
    export_certificate_attention,
    export_publicity_roster,
    export_training_summary,
)
from app.officers.roster_import import IMPORT_ACTION, RosterReport, check_roster, import_roster
from app.officers.roster_view import FILTERS, RosterRow, roster_rows
from app.progress import Progress
from ui.context import UiContext
from ui.errors import show_error
from ui.officers.import_dialog import RosterReportDialog
from ui.officers.quick_check_panel import QuickCheckPanel
from ui.officers.roster_model import COLUMN_WIDTHS, STATUS_COLUMN, RosterTableModel
from ui.tasks import run_in_background

ROW_HEIGHT = 26
FILTER_DELAY_MS = 200
EXPORTS = {  # kind: (menu title, file name stem), translated where shown
    "publicity": (QT_TRANSLATE_NOOP("OfficersPage", "行政执法人员公示名单"),
                  QT_TRANSLATE_NOOP("OfficersPage", "执法人员公示")),
    "attention": (QT_TRANSLATE_NOOP("OfficersPage", "证件到期及异常情况表"),
                  QT_TRANSLATE_NOOP("OfficersPage", "证件到期及异常")),
    "training": (QT_TRANSLATE_NOOP("OfficersPage", "培训学时统计表"),
                 QT_TRANSLATE_NOOP("OfficersPage", "培训学时统计")),
}


class OfficersPage(QWidget):
    roster_loaded = Signal(int)             # rows shown
    warning_count_changed = Signal(int)     # certificates expiring or blocked (status bar)
    check_finished = Signal(object)         # CheckResult
    roster_imported = Signal(object)        # RosterReport

    def __init__(self, ctx: UiContext, *, today: Callable[[], date] = china_today) -> None:
        super().__init__()
        self._ctx = ctx
        self._today = today
        self._sort = ("status", False)
        self._pending_import: Path | None = None

        self.filter_edit = QLineEdit()
        self.filter_edit.setObjectName("rosterFilter")
        self.filter_edit.setPlaceholderText(self.tr("搜索姓名、单位、执法证号、身份证号"))
        self.filter_edit.setClearButtonEnabled(True)
        self.scope_combo = QComboBox()
        self.scope_combo.setSizeAdjustPolicy(QComboBox.SizeAdjustPolicy.AdjustToContents)
        for key, label in FILTERS.items():
            self.scope_combo.addItem(label, key)
        self.import_button = QPushButton(self.tr("导入县局名册…"))
        self.export_button = QToolButton()
        self.export_button.setText(self.tr("打印/导出"))
        self.export_button.setPopupMode(QToolButton.ToolButtonPopupMode.InstantPopup)
        menu = QMenu(self.export_button)
        for key, (title, _) in EXPORTS.items():
            action = QAction(self.tr(title), menu)
            action.setData(key)
            menu.addAction(action)
        menu.triggered.connect(self._on_export_triggered)
        self.export_button.setMenu(menu)
        self.note_button = QPushButton(self.tr("添加备注…"))
        self.note_button.setEnabled(False)
        bar = QHBoxLayout()
        bar.addWidget(self.filter_edit, 1)
        bar.addWidget(self.scope_combo)
        bar.addWidget(self.note_button)
        bar.addWidget(self.import_button)
        bar.addWidget(self.export_button)

        self.summary_label = QLabel()
        self.summary_label.setObjectName("rosterSummary")
        self.model = RosterTableModel(self)
        self.table = QTableView()
        self.table.setObjectName("rosterTable")
        self.table.setModel(self.model)
        self.table.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        self.table.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
        self.table.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        self.table.setWordWrap(False)
        rows = self.table.verticalHeader()
        rows.setSectionResizeMode(QHeaderView.ResizeMode.Fixed)   # uniform rows: fast with 10k
        rows.setDefaultSectionSize(ROW_HEIGHT)
        rows.hide()
        header = self.table.horizontalHeader()
        header.setSectionResizeMode(QHeaderView.ResizeMode.Interactive)
        header.setStretchLastSection(True)
        for column, width in enumerate(COLUMN_WIDTHS):
            self.table.setColumnWidth(column, width)
        header.setSortIndicator(STATUS_COLUMN, Qt.SortOrder.AscendingOrder)
        self.table.setSortingEnabled(True)

        left = QWidget()
        left_layout = QVBoxLayout(left)
        left_layout.setContentsMargins(0, 0, 0, 0)
        left_layout.addLayout(bar)
        left_layout.addWidget(self.summary_label)
        left_layout.addWidget(self.table, 1)
        self.check_panel = QuickCheckPanel()
        self.check_panel.setMinimumWidth(300)
        self.check_panel.setMaximumWidth(420)
        splitter = QSplitter()
        splitter.addWidget(left)
        splitter.addWidget(self.check_panel)
        splitter.setStretchFactor(0, 1)
        splitter.setStretchFactor(1, 0)
        splitter.setSizes([4000, 310])   # the table takes what the panel does not need
        layout = QVBoxLayout(self)
        layout.addWidget(splitter)

        self._filter_timer = QTimer(self)
        self._filter_timer.setSingleShot(True)
        self._filter_timer.setInterval(FILTER_DELAY_MS)
        self._filter_timer.timeout.connect(self.refresh)
        self.filter_edit.textChanged.connect(self._on_filter_text_changed)
        self.scope_combo.currentIndexChanged.connect(self._on_scope_changed)
        self.model.sort_requested.connect(self._on_sort_requested)
        self.table.selectionModel().selectionChanged.connect(self._on_selection_changed)
        self.check_panel.check_requested.connect(self._on_check_requested)
        self.import_button.clicked.connect(self._on_import_clicked)
        self.note_button.clicked.connect(self._on_note_clicked)
        self.refresh()

    def showEvent(self, event) -> None:  # noqa: N802, ANN001 - Qt name
        # A scanner types wherever the focus is: on arrival the check field must have it.
        super().showEvent(event)
        self.check_panel.number_edit.setFocus()

    # roster -------------------------------------------------------------------------------
    @Slot()
    def refresh(self) -> None:
        prefs = self._ctx.prefs
        today = self._today()
        common = dict(today=today, window_days=prefs.renewal_window_days,
                      training_target=prefs.training_hours_target)
        key, descending = self._sort
        text = self.filter_edit.text()
        only = self.scope_combo.currentData() or "all"
        with self._ctx.store.read() as session:
            everyone = roster_rows(session, **common, sort=key, descending=descending)
            shown = everyone if (not text.strip() and only == "all") else roster_rows(
                session, **common, sort=key, descending=descending, text=text, only=only)
        self.model.set_rows(shown)
        self._show_summary(everyone)
        self.roster_loaded.emit(len(shown))

    def _show_summary(self, rows: list[RosterRow]) -> None:
        if not rows:
            self.summary_label.setText(self.tr(
                "本机还没有执法人员名册：请点击“导入县局名册…”，或等待与县局同步。"))
            self.warning_count_changed.emit(0)
            return
        may = sum(1 for r in rows if r.is_active and not r.is_auxiliary and r.status.may_act)
        due = sum(1 for r in rows if r.is_due and not r.is_auxiliary)
        blocked = sum(1 for r in rows if r.is_blocked)
        short = sum(1 for r in rows if r.training_short)
        self.summary_label.setText(self.tr(
            "今日可执法 {0} 人　|　临近到期 {1} 人　|　不能执法 {2} 人　|　培训学时未达标 {3} 人"
        ).format(may, due, blocked, short))
        self.warning_count_changed.emit(due + blocked)

    @Slot(str)
    def _on_filter_text_changed(self, _text: str) -> None:
        self._filter_timer.start()

    @Slot(int)
    def _on_scope_changed(self, _index: int) -> None:
        self.refresh()

    @Slot(str, bool)
    def _on_sort_requested(self, key: str, descending: bool) -> None:
        # QTableView.sortByColumn asks twice (once itself, once through the header's signal).
        if (key, descending) == self._sort:
            return
        self._sort = (key, descending)
        self.refresh()

    @Slot(QItemSelection, QItemSelection)
    def _on_selection_changed(self, _selected: QItemSelection, _deselected: QItemSelection) -> None:
        rows = self.table.selectionModel().selectedRows()
        self.note_button.setEnabled(bool(rows))
        if not rows:
            return
        row = self.model.row_at(rows[0].row())
        if row.number:   # show the card in the panel; browsing the roster is not a logged check
            with self._ctx.store.read() as session:
                result = quick_check(session, row.number, today=self._today(),
                                     window_days=self._ctx.prefs.renewal_window_days, log=False)
            self.check_panel.show_result(result)

    # quick check --------------------------------------------------------------------------
    @Slot(str)
    def _on_check_requested(self, text: str) -> None:
        # Answer from a read at once (indexed, ~1 ms); log the check on the database pool after,
        # so a sync holding the write lock never keeps the clerk waiting at the counter.
        with self._ctx.store.read() as session:
            result = quick_check(session, text, today=self._today(), log=False,
                                 window_days=self._ctx.prefs.renewal_window_days)
        self.check_panel.show_result(result)
        store, actor = self._ctx.store, self._ctx.actor
        summary = self.tr("执法证速查")

        def work(_progress: Progress) -> CheckResult:
            with store.write(actor, "officers.quick_check", summary=summary) as session:
                log_check(session, result)
            return result

        run_in_background(self, work, label=self.tr("正在记录查验…"), show_dialog=False,
                          on_success=self._on_check_logged)

    def _on_check_logged(self, result: CheckResult) -> None:
        self.check_finished.emit(result)

    # import -------------------------------------------------------------------------------
    @Slot()
    def _on_import_clicked(self) -> None:
        path, _ = QFileDialog.getOpenFileName(
            self, self.tr("选择县局下发的执法人员名册"), str(Path.home()),
            self.tr("执法人员名册 (*.xlsx *.csv)"))
        if path:
            self.check_file(Path(path))

    def check_file(self, path: Path) -> None:
        """Validate `path` in the background, then show the report (and import on confirm)."""
        store, prefs, today = self._ctx.store, self._ctx.prefs, self._today()
        self._pending_import = path

        def work(_progress: Progress) -> RosterReport:
            with store.read() as session:
                return check_roster(session, path, pattern=prefs.certificate_pattern, today=today)

        run_in_background(self, work, label=self.tr("正在检查名册…"),
                          on_success=self._on_roster_checked)

    def _on_roster_checked(self, report: RosterReport) -> None:
        path = self._pending_import
        dialog = RosterReportDialog(report, file_name=path.name if path else "", parent=self)
        dialog.exec()
        if dialog.confirmed and report.ok and path is not None:
            self.import_file(path, complete=dialog.complete,
                             expected_departures=dialog.expected_departures)

    def import_file(self, path: Path, *, complete: bool = True,
                    expected_departures: frozenset[str] | None = None) -> None:
        """`expected_departures`: who the preview said would be marked as gone; the import
        refuses if that changed meanwhile (e.g. a sync pulled a new roster)."""
        store, actor, prefs, today = self._ctx.store, self._ctx.actor, self._ctx.prefs, self._today()
        summary = self.tr("导入县局名册 {0}").format(path.name)

        def work(progress: Progress) -> RosterReport:
            with store.write(actor, IMPORT_ACTION, summary=summary) as session:
                return import_roster(session, path, pattern=prefs.certificate_pattern,
                                     today=today, progress=progress, complete=complete,
                                     expected_departures=expected_departures)

        run_in_background(self, work, label=self.tr("正在导入名册…"),
                          on_success=self._on_roster_imported)

    def _on_roster_imported(self, report: RosterReport) -> None:
        self.refresh()
        self.roster_imported.emit(report)
        QMessageBox.information(self, self.tr("导入完成"), report.summary())

    # notes ---------------------------------------------------------------------------------
    @Slot()
    def _on_note_clicked(self) -> None:
        rows = self.table.selectionModel().selectedRows()
        if not rows:
            return
        row = self.model.row_at(rows[0].row())
        text, ok = QInputDialog.getMultiLineText(
            self, self.tr("添加备注"), self.tr("关于 {0} 的备注（仅本中队记录，不改动县局数据）：")
            .format(row.name))
        if not ok or not text.strip():
            return
        try:
            with self._ctx.store.write(self._ctx.actor, "officers.add_note",
                                       summary=self.tr("执法人员备注：{0}").format(row.name)) as session:
                registry.add_note(session, row.officer_id, text)
        except Exception as exc:  # noqa: BLE001 - one error path: show_error decides how
            show_error(self, exc)

    # exports -------------------------------------------------------------------------------
    @Slot(QAction)
    def _on_export_triggered(self, action: QAction) -> None:
        kind = action.data()
        title, stem = (self.tr(text) for text in EXPORTS[kind])
        today = self._today()
        default = self._ctx.paths.documents / f"{stem}-{today.isoformat()}.pdf"
        path, _ = QFileDialog.getSaveFileName(self, self.tr("导出{0}").format(title),
                                              str(default), self.tr("PDF 文件 (*.pdf)"))
        if path:
            self.export_list(kind, Path(path))

    def export_list(self, kind: str, out: Path) -> None:
        store, prefs, today = self._ctx.store, self._ctx.prefs, self._today()

        def work(progress: Progress) -> Path:
            with store.read() as session:
                if kind == "publicity":
                    export_publicity_roster(session, out, today=today,
                                            authority=prefs.issuing_authority,
                                            squad_name=prefs.squad_name, progress=progress)
                elif kind == "attention":
                    export_certificate_attention(session, out, today=today,
                                                 window=prefs.renewal_window_days,
                                                 squad_name=prefs.squad_name, progress=progress)
                else:
                    export_training_summary(session, out, year=today.year,
                                            target=prefs.training_hours_target,
                                            squad_name=prefs.squad_name, progress=progress)
            return out

        run_in_background(self, work, label=self.tr("正在生成 PDF…"), on_success=self._on_exported)

    def _on_exported(self, out: Path) -> None:
        QDesktopServices.openUrl(QUrl.fromLocalFile(str(out)))
