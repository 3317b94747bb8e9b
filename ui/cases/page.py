"""The 案件 page: search box and filters, the 已超期/即将到期 strip, the case list and the detail.

Typing searches as you type (a short pause first); filters and the dashboard narrow the same
query. The list pages itself in SQL (ui.cases.case_table_model); counts, deadline refreshes and
every write run on the database thread.
"""

from __future__ import annotations

from PySide6.QtCore import QItemSelectionModel, Qt, QTimer, Signal, Slot
from PySide6.QtGui import QKeySequence, QShortcut
from PySide6.QtWidgets import (
    QAbstractItemView,
    QComboBox,
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QLineEdit,
    QPushButton,
    QSplitter,
    QTableView,
    QVBoxLayout,
    QWidget,
)

from app.cases import lifecycle
from app.cases.env import CaseEnv
from app.reference import case_env_for
from app.cases.listing import (
    mark_all_stale,
    officer_choices,
    refresh_due,
    stale_count,
    violation_choices,
)
from app.cases.search import CaseQuery, count_cases, deadline_counts
from app.domain.procedure import STAGE_LABELS
from ui.cases.case_detail import CaseDetailPane
from ui.cases.case_table_model import CaseTableModel, store_fetcher
from ui.cases.dashboard import DeadlineDashboard
from ui.cases.party_dialog import RegisterLeadDialog
from ui.context import UiContext
from ui.tasks import run_in_background

SEARCH_DELAY_MS = 180
ROW_HEIGHT = 24
REFRESH_BATCH = 500
RELOAD_KEEP_MAX = 2000  # rows re-read after a save: the loaded part of the list, up to this


class CasesPage(QWidget):
    case_selected = Signal(str)
    counts_updated = Signal()

    def __init__(self, ctx: UiContext, *, env: CaseEnv | None = None) -> None:
        super().__init__()
        self._ctx = ctx
        self._env = env or case_env_for(ctx.store, ctx.paths, ctx.prefs)

        self.search_edit = QLineEdit()
        self.search_edit.setObjectName("caseSearch")
        self.search_edit.setPlaceholderText(
            self.tr("搜索案号、当事人、证件号码、地址、案情（单字亦可）  Ctrl+F"))
        self.search_edit.setClearButtonEnabled(True)
        self.stage_combo = QComboBox()
        self.stage_combo.addItem(self.tr("全部阶段"), "")
        for stage, label in STAGE_LABELS.items():
            self.stage_combo.addItem(label, stage.value)
        self.officer_combo = QComboBox()
        self.violation_combo = QComboBox()
        self.violation_combo.setMinimumContentsLength(12)
        self.register_button = QPushButton(self.tr("登记案源(&N)…"))
        self.register_button.setObjectName("registerLead")
        top = QHBoxLayout()
        top.addWidget(self.search_edit, 3)
        for label, combo in ((self.tr("阶段(&J)"), self.stage_combo),
                             (self.tr("承办人(&H)"), self.officer_combo),
                             (self.tr("案由(&Y)"), self.violation_combo)):
            caption = QLabel(label)
            caption.setBuddy(combo)
            top.addWidget(caption)
            top.addWidget(combo, 1)
        top.addWidget(self.register_button)

        self.dashboard = DeadlineDashboard()
        self.count_label = QLabel("")
        strip = QHBoxLayout()
        strip.addWidget(self.dashboard, 1)
        strip.addWidget(self.count_label)

        self.model = CaseTableModel(store_fetcher(ctx.store, self._today), parent=self)
        self.table = QTableView()
        self.table.setObjectName("caseTable")
        self.table.setModel(self.model)
        # No indicator at first: the list opens newest registration first, which is no column.
        self.table.horizontalHeader().setSortIndicator(-1, Qt.SortOrder.DescendingOrder)
        self.table.setSortingEnabled(True)
        self.table.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        self.table.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
        self.table.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        self.table.setWordWrap(False)
        self.table.setAlternatingRowColors(True)
        self.table.verticalHeader().setVisible(False)
        # Fixed row heights: the view never measures rows, so 100k rows scroll like 100.
        self.table.verticalHeader().setSectionResizeMode(QHeaderView.ResizeMode.Fixed)
        self.table.verticalHeader().setDefaultSectionSize(ROW_HEIGHT)
        header = self.table.horizontalHeader()
        header.setSectionResizeMode(QHeaderView.ResizeMode.Interactive)
        header.setStretchLastSection(True)
        for column, width in enumerate((170, 110, 150, 76, 140)):
            header.resizeSection(column, width)

        self.detail = CaseDetailPane(ctx, self._env)
        splitter = QSplitter(Qt.Orientation.Horizontal)
        splitter.addWidget(self.table)
        splitter.addWidget(self.detail)
        splitter.setStretchFactor(0, 3)
        splitter.setStretchFactor(1, 2)
        splitter.setSizes([720, 560])
        self.splitter = splitter

        layout = QVBoxLayout(self)
        layout.addLayout(top)
        layout.addLayout(strip)
        layout.addWidget(splitter, 1)

        self._search_timer = QTimer(self)
        self._search_timer.setSingleShot(True)
        self._search_timer.setInterval(SEARCH_DELAY_MS)
        self._search_timer.timeout.connect(self.apply_query)
        self.search_edit.textChanged.connect(self._on_search_text_changed)
        self.search_edit.returnPressed.connect(self.apply_query)
        self.stage_combo.currentIndexChanged.connect(self.apply_query)
        self.officer_combo.currentIndexChanged.connect(self.apply_query)
        self.violation_combo.currentIndexChanged.connect(self.apply_query)
        self.dashboard.filter_chosen.connect(self.apply_query)
        self.register_button.clicked.connect(self._on_register_clicked)
        self.table.selectionModel().currentRowChanged.connect(self._on_current_row_changed)
        self.detail.case_changed.connect(self._on_case_changed)
        self.detail.documents_requested.connect(self._on_documents_requested)
        QShortcut(QKeySequence.StandardKey.Find, self, activated=self.search_edit.setFocus)
        QShortcut(QKeySequence("Ctrl+N"), self, activated=self._on_register_clicked)

        self._shown_once = False
        self._fill_choices()
        self.apply_query()
        self.refresh_deadlines()

    def _today(self):  # noqa: ANN202
        return self._env.day

    def refresh(self) -> None:
        """Bring the page up to date after changes made elsewhere (sync, another page): stale
        deadlines are recomputed, the list and the counts re-read, the selection kept."""
        self.refresh_deadlines()
        self.reload(keep_selection=True)
        if self.detail.case_id:
            self.detail.show_case(self.detail.case_id)

    def showEvent(self, event) -> None:  # noqa: N802, ANN001 - Qt name
        # Coming back to 案件 after 同步 or 文书: show what changed meanwhile.
        if self._shown_once:
            self.refresh()
        self._shown_once = True
        super().showEvent(event)

    def set_env(self, env: CaseEnv) -> None:
        """New settings, calendar or day (after midnight): every deadline is recomputed."""
        self._env = env
        self.detail.set_env(env)
        store, actor = self._ctx.store, self._ctx.actor
        with store.write(actor, "case.mark_stale", summary=self.tr("重新计算办案期限")) as session:
            mark_all_stale(session)
        self.refresh_deadlines()
        if self.detail.case_id:
            self.detail.show_case(self.detail.case_id)

    # --- query --------------------------------------------------------------------------------
    def _fill_choices(self) -> None:
        """Officer and violation filters; read on the database thread (the violation list groups
        every case, ~tens of ms at 100k)."""
        store = self._ctx.store

        def work(_progress):  # noqa: ANN001, ANN202
            with store.read() as session:
                return officer_choices(session), violation_choices(session)

        run_in_background(self, work, label=self.tr("读取筛选项…"), on_success=self._on_choices_read,
                          show_dialog=False)

    def _on_choices_read(self, result) -> None:  # noqa: ANN001
        officers, violations = result
        for combo, everything, choices in ((self.officer_combo, self.tr("全部承办人"), officers),
                                          (self.violation_combo, self.tr("全部案由"), violations)):
            current = combo.currentData()
            combo.blockSignals(True)
            combo.clear()
            combo.addItem(everything, "")
            for c in choices:
                combo.addItem(c.label, c.key)
            combo.setCurrentIndex(max(0, combo.findData(current)))
            combo.blockSignals(False)

    def current_query(self) -> CaseQuery:
        stage = self.stage_combo.currentData()
        return CaseQuery(
            text=self.search_edit.text().strip(),
            stages=(stage,) if stage else (),
            deadline=self.dashboard._current(),  # noqa: SLF001 - the strip's own state
            officer_id=self.officer_combo.currentData() or "",
            violation_code=self.violation_combo.currentData() or "",
        )

    @Slot()
    def _on_search_text_changed(self) -> None:
        self._search_timer.start()

    @Slot()
    def apply_query(self) -> None:
        self._search_timer.stop()
        self.model.set_query(self.current_query())
        self._update_counts()
        if self.model.rowCount() and self.table.currentIndex().row() < 0:
            self.table.selectRow(0)

    def _update_counts(self) -> None:
        query, store, today = self.current_query(), self._ctx.store, self._env.day

        def work(_progress):  # noqa: ANN001, ANN202
            with store.read() as session:
                return count_cases(session, query, today=today), deadline_counts(session, today=today)

        run_in_background(self, work, label=self.tr("统计案件…"), on_success=self._on_counted,
                          show_dialog=False)

    def _on_counted(self, result) -> None:  # noqa: ANN001
        total, counts = result
        self.count_label.setText(self.tr("共 {0} 件").format(total))
        self.dashboard.set_counts(counts)
        self.counts_updated.emit()

    def refresh_deadlines(self) -> None:
        """Recompute stale deadline rows (after sync, or a new day's calendar) in batches."""
        store, env, actor = self._ctx.store, self._env, self._ctx.actor
        summary = self.tr("更新办案期限")

        def work(progress):  # noqa: ANN001, ANN202
            done = 0
            with store.read() as session:
                total = stale_count(session)
            while done < total:
                with store.write(actor, "case.refresh_due", summary=summary) as session:
                    n = refresh_due(session, env=env, limit=REFRESH_BATCH)
                if n == 0:
                    break
                done += n
                progress(done, total)
            return done

        run_in_background(self, work, label=self.tr("正在更新办案期限…"),
                          on_success=self._on_deadlines_refreshed, show_dialog=False)

    def _on_deadlines_refreshed(self, refreshed: int) -> None:
        if refreshed:
            self.reload(keep_selection=True)

    def reload(self, *, keep_selection: bool = True) -> None:
        selected = self.detail.case_id if keep_selection else None
        self.model.reload(keep=min(self.model.rowCount(), RELOAD_KEEP_MAX))
        self._update_counts()
        if selected:
            self.select_case(selected)

    def select_case(self, case_id: str) -> bool:
        row = self.model.row_of(case_id)
        if row < 0:
            return False
        index = self.model.index(row, 0)
        self.table.selectionModel().setCurrentIndex(
            index, QItemSelectionModel.SelectionFlag.ClearAndSelect
            | QItemSelectionModel.SelectionFlag.Rows)
        self.table.scrollTo(index)
        return True

    @Slot()
    def _on_current_row_changed(self) -> None:
        row = self.model.row_at(self.table.currentIndex().row())
        if row is not None and row.case_id != self.detail.case_id:
            self.detail.show_case(row.case_id)
            self.case_selected.emit(row.case_id)

    @Slot(str)
    def _on_case_changed(self, case_id: str) -> None:
        self.model.reload(keep=min(self.model.rowCount(), RELOAD_KEEP_MAX))
        self._update_counts()
        self.select_case(case_id)

    # --- 登记案源 -------------------------------------------------------------------------------
    @Slot(str)
    def _on_documents_requested(self, case_id: str) -> None:
        """Switch to the 文书 page for this case (through the main window's public show_page)."""
        window = self.window()
        if hasattr(window, "show_page"):
            window.show_page("documents").show_case(case_id)

    def open_register_dialog(self) -> RegisterLeadDialog:
        with self._ctx.store.read() as session:
            officers = [(c.key, c.label) for c in officer_choices(session)]
        return RegisterLeadDialog(officers, today=self._env.day, parent=self)

    @Slot()
    def _on_register_clicked(self) -> None:
        dialog = self.open_register_dialog()
        if dialog.exec() == RegisterLeadDialog.DialogCode.Accepted:
            self.register_lead(dialog.lead)

    def register_lead(self, lead: dict) -> None:
        store, env, actor = self._ctx.store, self._env, self._ctx.actor
        summary_text = self.tr("登记案源：{0}").format(lead["violation_name"])

        def work(_progress):  # noqa: ANN001, ANN202
            with store.write(actor, "case.register_lead", summary=summary_text) as session:
                summary = lifecycle.register_lead(session, actor, env=env, **lead)
                session.flush()
                refresh_due(session, env=env, case_ids=[summary.id])
            return summary.id

        run_in_background(self, work, label=self.tr("正在登记案源…"),
                          on_success=self._on_lead_registered)

    def _on_lead_registered(self, case_id: str) -> None:
        self._fill_choices()
        self.search_edit.clear()
        self.stage_combo.setCurrentIndex(0)
        self.dashboard.overdue_button.setChecked(False)
        self.dashboard.due_soon_button.setChecked(False)
        self.apply_query()
        if not self.select_case(case_id):
            self.detail.show_case(case_id)
