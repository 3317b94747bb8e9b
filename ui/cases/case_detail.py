"""The case detail pane: parties, facts and legal basis, evidence, clocks, timeline, next actions.

`CaseDetailPane.show_case(case_id)` reads a `CaseView` on the database thread and fills the pane.
Each lawful next action is a button: enabled when the state machine allows it, otherwise disabled
with the refusal reasons both as tooltip and as visible text beside it. A button opens the small
form its transition needs (ui.cases.actions); 确定 runs the service in one `store.write` on the
database thread, refreshes the row's deadline cache, and emits `case_changed`. Errors go through
show_error (via run_in_background).
"""

from __future__ import annotations

from pathlib import Path

from PySide6.QtCore import QT_TRANSLATE_NOOP, Qt, QTimer, Signal, Slot
from PySide6.QtGui import QBrush, QColor
from PySide6.QtWidgets import (
    QAbstractItemView,
    QFileDialog,
    QGridLayout,
    QGroupBox,
    QHBoxLayout,
    QHeaderView,
    QInputDialog,
    QLabel,
    QMessageBox,
    QPushButton,
    QTableWidget,
    QTableWidgetItem,
    QTabWidget,
    QVBoxLayout,
    QWidget,
)

from app.cases.case_view import CaseView, load_case_view
from app.cases.env import CaseEnv
from app.cases.listing import officer_choices, refresh_due
from app.cases.parties import add_party, correct_party, identity_lock, removal_refusal, remove_party
from app.cases.views import PartyView
from app.clock import to_china
from app.domain import deadlines
from app.domain.money import yuan
from app.domain.procedure import OUTCOME_LABELS, Action, ActionState, Outcome
from app.errors import AppError, Invalid
from ui.cases.actions import ACTIONS, HANDOVER, PROPOSE, SCHEDULE_HEARING, ActionForm, edit_form, tr_text
from ui.cases.forms import FormDialog
from ui.cases.party_dialog import PartyDialog
from ui.cases.party_panel import PartyPanel
from ui.errors import show_error
from ui.context import UiContext
from ui.tasks import run_in_background

CLOCK_COLOURS = {"overdue": "#c62828", "due_soon": "#ef6c00"}
ENTITY_LABELS = {"cases": QT_TRANSLATE_NOOP("CaseDetailPane", "案件"),
                 "parties": QT_TRANSLATE_NOOP("CaseDetailPane", "当事人"),
                 "case_parties": QT_TRANSLATE_NOOP("CaseDetailPane", "当事人关联"),
                 "investigative_acts": QT_TRANSLATE_NOOP("CaseDetailPane", "调查取证"),
                 "approvals": QT_TRANSLATE_NOOP("CaseDetailPane", "审批"),
                 "clock_events": QT_TRANSLATE_NOOP("CaseDetailPane", "办案期限"),
                 "evidence": QT_TRANSLATE_NOOP("CaseDetailPane", "证据"),
                 "payments": QT_TRANSLATE_NOOP("CaseDetailPane", "缴款"),
                 "publicity_records": QT_TRANSLATE_NOOP("CaseDetailPane", "公示")}
REASON_STYLE = "color: #7a7a7a;"
EMPTY = QT_TRANSLATE_NOOP("CaseDetailPane", '<span style="color:#999">（未填写）</span>')


def _table(headers: list[str]) -> QTableWidget:
    table = QTableWidget(0, len(headers))
    table.setHorizontalHeaderLabels(headers)
    table.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
    table.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
    table.verticalHeader().setVisible(False)
    table.verticalHeader().setSectionResizeMode(QHeaderView.ResizeMode.Fixed)
    table.verticalHeader().setDefaultSectionSize(24)
    table.horizontalHeader().setStretchLastSection(True)
    table.setWordWrap(False)
    return table


def _fill(table: QTableWidget, rows: list[list[str]], colours: list[str | None] | None = None) -> None:
    table.setRowCount(len(rows))
    for r, values in enumerate(rows):
        for c, value in enumerate(values):
            item = QTableWidgetItem(value)
            item.setToolTip(value)
            if colours and colours[r]:
                item.setForeground(QBrush(QColor(colours[r])))
            table.setItem(r, c, item)
    table.resizeColumnsToContents()


# Stages after which a case is only read, documented and archived.
FINISHED_STAGES = frozenset({"closed", "archived", "not_filed", "revoked"})

class CaseDetailPane(QWidget):
    case_changed = Signal(str)   # a write succeeded for this case id
    loaded = Signal(str)         # the pane shows this case now
    documents_requested = Signal(str)  # 生成文书…: open the 文书 page for this case

    def __init__(self, ctx: UiContext, env: CaseEnv, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self._ctx, self._env = ctx, env
        self.case_id: str | None = None
        self.view: CaseView | None = None
        self.action_buttons: dict[Action, QPushButton] = {}
        self._party_dialog_open = False
        self.reason_labels: dict[Action, QLabel] = {}

        layout = QVBoxLayout(self)
        self.title = QLabel(self.tr("请在左侧选择案件"))
        self.title.setObjectName("caseTitle")
        self.title.setStyleSheet("font-size: 15px; font-weight: bold;")
        self.title.setWordWrap(True)
        self.subtitle = QLabel("")
        self.subtitle.setWordWrap(True)
        layout.addWidget(self.title)
        layout.addWidget(self.subtitle)

        self.actions_box = QGroupBox(self.tr("下一步（依法可办理的事项）"))
        self.actions_grid = QGridLayout(self.actions_box)
        self.actions_grid.setColumnStretch(1, 1)
        self._build_action_rows()
        tools = QHBoxLayout()
        self.add_party_button = QPushButton(self.tr("添加当事人(&P)…"))
        self.propose_button = QPushButton(self.tr("拟处理意见(&I)…"))
        self.add_evidence_button = QPushButton(self.tr("添加证据(&E)…"))
        self.edit_button = QPushButton(self.tr("编辑案情(&Q)…"))
        self.schedule_button = QPushButton(self.tr("安排听证(&H)…"))
        self.handover_button = QPushButton(self.tr("登记上缴(&U)…"))
        self.handover_button.setToolTip(self.tr("当场收缴的罚款交至行政机关（第七十一条）"))
        self.documents_button = QPushButton(self.tr("生成文书(&D)…"))
        self.documents_button.setToolTip(self.tr("到文书页为本案生成、审批、签发文书"))
        self._tool_buttons = (self.edit_button, self.add_party_button, self.propose_button,
                              self.add_evidence_button, self.schedule_button, self.handover_button,
                              self.documents_button)
        for button in self._tool_buttons:
            button.setEnabled(False)
            tools.addWidget(button)
        tools.addStretch(1)
        layout.addLayout(tools)
        layout.addWidget(self.actions_box)

        self.tabs = QTabWidget()
        layout.addWidget(self.tabs, 1)
        self.party_panel = PartyPanel()
        self.parties_table = self.party_panel.table
        self.facts_label = QLabel("")
        self.facts_label.setWordWrap(True)
        self.facts_label.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
        self.facts_label.setAlignment(Qt.AlignmentFlag.AlignTop | Qt.AlignmentFlag.AlignLeft)
        overview = QWidget()
        ov = QVBoxLayout(overview)
        ov.addWidget(self.party_panel)
        ov.addWidget(self.facts_label, 1)
        self.tabs.addTab(overview, self.tr("案情与依据"))
        self.evidence_table = _table([self.tr("证据种类"), self.tr("文件"), self.tr("说明"), self.tr("大小"), "SHA-256"])
        self.tabs.addTab(self.evidence_table, self.tr("证据"))
        self.clocks_table = _table([self.tr("期限"), self.tr("依据"), self.tr("到期日"), self.tr("剩余"), self.tr("状态")])
        self.tabs.addTab(self.clocks_table, self.tr("办案期限"))
        self.timeline_table = _table([self.tr("时间（北京时间）"), self.tr("操作人"), self.tr("事项"), self.tr("对象"), self.tr("说明")])
        self.tabs.addTab(self.timeline_table, self.tr("时间线"))

        self.add_party_button.clicked.connect(self._on_add_party_clicked)
        self.propose_button.clicked.connect(self._on_propose_clicked)
        self.add_evidence_button.clicked.connect(self._on_add_evidence_clicked)
        self.edit_button.clicked.connect(self._on_edit_clicked)
        self.schedule_button.clicked.connect(self._on_schedule_clicked)
        self.documents_button.clicked.connect(self._on_documents_clicked)
        self.schedule_button.hide()
        self.handover_button.clicked.connect(self._on_handover_clicked)
        self.handover_button.hide()
        self.party_panel.add_requested.connect(self._on_add_party_clicked)
        self.party_panel.edit_requested.connect(self._on_edit_party_requested)
        self.party_panel.remove_requested.connect(self._on_remove_party_requested)

    def set_env(self, env: CaseEnv) -> None:
        self._env = env

    # --- loading -------------------------------------------------------------------------------
    def show_case(self, case_id: str | None) -> None:
        self.case_id = case_id
        if case_id is None:
            self.view = None
            self.title.setText(self.tr("请在左侧选择案件"))
            self.party_panel.set_editable(False)
            return
        env = self._env

        def work(_progress):  # noqa: ANN001, ANN202
            with self._ctx.store.read() as session:
                return load_case_view(session, case_id, env=env)

        run_in_background(self, work, label=self.tr("正在读取案件…"), on_success=self._on_view_loaded,
                          show_dialog=False)

    def _on_view_loaded(self, view: CaseView) -> None:
        if view.detail.summary.id != self.case_id:
            return  # the clerk moved on while this was loading
        self.view = view
        self._render(view)
        self.loaded.emit(view.detail.summary.id)

    def _render(self, view: CaseView) -> None:
        d, s = view.detail, view.detail.summary
        self.title.setText(self.tr("{0}　{1}").format(s.case_number or s.lead_number,
                                                      s.title or s.violation_name))
        fine = self.tr("；罚款 {0}，尚欠 {1}").format(yuan(s.fine_fen), yuan(d.amount_owed_fen)) \
            if s.fine_fen else ""
        self.subtitle.setText(self.tr("阶段：{0}（{1}）{2}").format(s.stage_label, s.pending, fine))
        finished = s.stage in FINISHED_STAGES
        for button in self._tool_buttons:
            # A finished case takes no new facts, parties, proposals or evidence (the services
            # refuse them too); its documents (结案审批表, 卷宗) are still made from it.
            button.setEnabled(not finished or button is self.documents_button)
        self.schedule_button.setVisible(s.stage == "hearing")
        self.handover_button.setVisible(any(c.key == "handover" and c.done_on is None for c in d.clocks))
        self.party_panel.set_parties(d.parties)
        self.party_panel.set_editable(not finished)
        f = d.fields
        outcome = OUTCOME_LABELS.get(Outcome(f["outcome"])) if f.get("outcome") else self.tr("尚未拟定")
        parts = [
            (self.tr("违法行为"), f"{f.get('violation_code') or ''} {f.get('violation_name') or ''}".strip()),
            (self.tr("权责清单事项"), view.violation_item or self.tr("（未关联）")),
            (self.tr("违法时间、地点"), f"{f.get('violation_date') or ''} {f.get('violation_place') or ''}".strip()),
            (self.tr("违法事实"), f.get("facts") or ""),
            (self.tr("违法依据"), f.get("legal_basis") or ""),
            (self.tr("处罚依据"), f.get("penalty_basis") or ""),
            (self.tr("处理意见"), outcome + (self.tr("，罚款 {0}").format(yuan(f["fine_fen"])) if f.get("fine_fen") else "")),
            (self.tr("裁量阶次"), f.get("tier") or ""),
            (self.tr("裁量理由"), f.get("discretion_reasoning") or ""),
        ]
        empty = self.tr(EMPTY)
        self.facts_label.setText("<br>".join(self.tr("<b>{0}：</b>{1}").format(k, _escape(v) if v else empty)
                                             for k, v in parts))
        _fill(self.evidence_table, [[e.evidence_type, e.file_name, e.description,
                                     f"{e.size / 1024:.0f} KB", e.sha256[:16] + "…"]
                                    for e in d.evidence])
        self._render_clocks(d.clocks)
        _fill(self.timeline_table, [[f"{to_china(t.at):%Y-%m-%d %H:%M}", t.actor, t.summary or t.action,
                                     self.tr(ENTITY_LABELS[t.entity]) if t.entity in ENTITY_LABELS
                                     else t.entity, t.action]
                                    for t in view.timeline])
        self._render_buttons(view.buttons)

    def _render_clocks(self, clocks: tuple[deadlines.Clock, ...]) -> None:
        today, calendar = self._env.day, self._env.calendar
        rows, colours = [], []
        for c in clocks:
            level = deadlines.severity(c, today, calendar=calendar)
            unit = self.tr("个工作日") if c.kind == "working" else self.tr("日")
            if c.status == "met":
                left, state = "", self.tr("已于{0:%Y-%m-%d}完成").format(c.done_on)
            elif c.status == "paused":
                left, state = f"{c.days_left}{unit}", self.tr("暂停计算")
            elif level == "overdue":
                left, state = self.tr("超期{0}{1}").format(-(c.days_left or 0), unit), self.tr("已超期")
            else:
                left = f"{c.days_left}{unit}"
                state = self.tr("即将到期") if level == "due_soon" else self.tr("进行中")
            rows.append([c.label, c.legal_basis, f"{c.due:%Y-%m-%d}", left, state])
            colours.append(CLOCK_COLOURS.get(level) if c.status != "met" else None)
        _fill(self.clocks_table, rows, colours)

    def _build_action_rows(self) -> None:
        """One button and one reason label per action, made once and only shown or hidden: a
        widget deleted while Qt still holds a timer or a click for it crashes the process."""
        for row, action in enumerate(Action):
            button = QPushButton(action.label)
            button.setObjectName(f"action_{action.value}")
            button.clicked.connect(self._make_action_handler(action))
            label = QLabel("")
            label.setWordWrap(True)
            self.actions_grid.addWidget(button, row, 0, Qt.AlignmentFlag.AlignTop)
            self.actions_grid.addWidget(label, row, 1)
            button.hide()
            label.hide()
            self.action_buttons[action] = button
            self.reason_labels[action] = label
        self.nothing_to_do = QLabel(self.tr("本案已无待办理的程序事项。"))
        self.actions_grid.addWidget(self.nothing_to_do, len(Action), 0, 1, 2)

    def _render_buttons(self, states: tuple[ActionState, ...]) -> None:
        shown = {state.action: state for state in states}
        for action, button in self.action_buttons.items():
            label = self.reason_labels[action]
            state = shown.get(action)
            if state is None:
                button.hide()
                label.hide()
                continue
            reasons = self.tr("；").join(state.reasons)
            note = reasons if not state.allowed else self.tr("；").join(state.warnings)
            button.setText(state.label)
            button.setEnabled(state.allowed and action in ACTIONS)
            button.setToolTip(reasons or note or self.tr("办理“{0}”").format(state.label))
            label.setText(note)
            label.setStyleSheet(REASON_STYLE if not state.allowed else "color: #8d6e00;")
            button.show()
            label.setVisible(bool(note))
        self.nothing_to_do.setVisible(not states)

    def _make_action_handler(self, action: Action):  # noqa: ANN202
        # Open the form after the click has been delivered: a reload while the form is open
        # rebuilds these buttons, and deleting the button whose clicked() is still on the stack
        # crashes Qt.
        def handler() -> None:
            QTimer.singleShot(0, self, lambda: self.start_action(action))
        return handler

    # --- writing -------------------------------------------------------------------------------
    def _officer_choices(self) -> list[tuple[str, str]]:
        with self._ctx.store.read() as session:
            return [(c.key, c.label) for c in officer_choices(session)]

    def open_form(self, form: ActionForm) -> FormDialog:
        """The dialog for `form`, not yet shown (tests drive it; start_action execs it)."""
        fields = form.fields(self._env.day, self._officer_choices())
        return FormDialog(tr_text(form.title), fields, intro=tr_text(form.intro), parent=self)

    def start_action(self, action: Action) -> None:
        self._run_form(ACTIONS[action], f"case.{action.value}")

    @Slot()
    def _on_propose_clicked(self) -> None:
        self._run_form(PROPOSE, "case.propose")

    def _run_form(self, form: ActionForm, action_name: str) -> None:
        if self.case_id is None:
            return
        dialog = self.open_form(form)
        if dialog.exec() != FormDialog.DialogCode.Accepted:
            return
        values = dialog.values
        self.write(action_name, tr_text(form.title), lambda s, a, c, env: form.run(s, a, c, env, values))

    def write(self, action_name: str, summary: str, call) -> None:  # noqa: ANN001
        """Run `call(session, actor, case_id, env)` in one write on the database thread, then
        refresh the case's deadline cache in the same transaction."""
        case_id, env, ctx = self.case_id, self._env, self._ctx
        if case_id is None:
            return

        def work(_progress):  # noqa: ANN001, ANN202
            with ctx.store.write(ctx.actor, action_name, summary=summary) as session:
                call(session, ctx.actor, case_id, env)
                session.flush()
                refresh_due(session, env=env, case_ids=[case_id])
            return case_id

        run_in_background(self, work, label=self.tr("正在保存：{0}…").format(summary), on_success=self._on_written)

    def _on_written(self, case_id: str) -> None:
        self.case_changed.emit(case_id)
        if case_id == self.case_id:
            self.show_case(case_id)

    @Slot()
    def _on_documents_clicked(self) -> None:
        if self.case_id is not None:
            self.documents_requested.emit(self.case_id)

    @Slot()
    def _on_schedule_clicked(self) -> None:
        self._run_form(SCHEDULE_HEARING, "case.schedule_hearing")

    @Slot()
    def _on_edit_clicked(self) -> None:
        if self.view is not None:
            self._run_form(edit_form(self.view.detail.fields), "case.update")

    @Slot()
    def _on_add_party_clicked(self) -> None:
        dialog = PartyDialog(self)
        if dialog.exec() != PartyDialog.DialogCode.Accepted:
            return
        party = dialog.party
        self.write("case.add_party", self.tr("添加当事人：{0}").format(party["name"]),
                   lambda s, a, c, env: add_party(s, a, c, **party))

    def _party(self, party_id: str) -> PartyView | None:
        parties = self.view.detail.parties if self.view is not None else ()
        return next((p for p in parties if p.id == party_id), None)

    def _read(self, query):  # noqa: ANN001, ANN202
        """A short read on the UI thread (like the officer choices): the limits a dialog needs."""
        with self._ctx.store.read() as session:
            return query(session)

    def edit_party_dialog(self, party_id: str) -> PartyDialog | None:
        """The 修改当事人 dialog for the party, with its identity locked when the law fixes it;
        not yet shown (tests drive it; the edit request execs it)."""
        party, case_id = self._party(party_id), self.case_id
        if party is None or case_id is None:
            return None
        locked = self._read(lambda s: identity_lock(s, party_id, case_id))
        return PartyDialog(self, party=party, locked=locked)

    @Slot(str)
    def _on_edit_party_requested(self, party_id: str) -> None:
        if self._party_dialog_open:
            return  # a second Enter or double click while the form opens: one form is enough
        dialog = self.edit_party_dialog(party_id)
        if dialog is None:
            return
        self._party_dialog_open = True
        try:
            accepted = dialog.exec() == PartyDialog.DialogCode.Accepted
        finally:
            self._party_dialog_open = False
        if not accepted:
            return
        changes = dialog.changes
        if not changes:
            return
        self.write("case.correct_party", self.tr("修改当事人：{0}").format(dialog.original.name),
                   lambda s, a, c, env: correct_party(s, a, c, party_id, **changes))

    def confirm_removal(self, party: PartyView) -> bool:
        """Ask before removing; 取消 is the default, so Enter alone removes nothing."""
        box = QMessageBox(QMessageBox.Icon.Question, self.tr("移除当事人"),
                          self.tr("确定从本案中移除当事人“{0}”吗？").format(party.name), parent=self)
        box.setObjectName("confirm_remove_party")
        box.setInformativeText(
            (self.tr("证件号码：{0}。").format(party.id_number) if party.id_number else "")
            + self.tr("移除后本案不再列出该当事人，移除记录保留在时间线中。"))
        remove = box.addButton(self.tr("移除(&R)"), QMessageBox.ButtonRole.DestructiveRole)
        cancel = box.addButton(self.tr("取消"), QMessageBox.ButtonRole.RejectRole)
        box.setDefaultButton(cancel)
        box.setEscapeButton(cancel)
        box.exec()
        return box.clickedButton() is remove

    @Slot(str)
    def _on_remove_party_requested(self, party_id: str) -> None:
        party, case_id = self._party(party_id), self.case_id
        if party is None or case_id is None:
            return
        try:
            refusal = self._read(lambda s: removal_refusal(s, case_id, party_id))
        except AppError as exc:
            show_error(self, exc)
            return
        if refusal:
            show_error(self, Invalid(refusal))
            return
        if self._party_dialog_open:
            return
        self._party_dialog_open = True
        try:
            confirmed = self.confirm_removal(party)
        finally:
            self._party_dialog_open = False
        if confirmed:
            self.write("case.remove_party", self.tr("移除当事人：{0}").format(party.name),
                       lambda s, a, c, env: remove_party(s, a, c, party_id))

    @Slot()
    def _on_handover_clicked(self) -> None:
        self._run_form(HANDOVER, "case.handover")

    @Slot()
    def _on_add_evidence_clicked(self) -> None:
        files, _ = QFileDialog.getOpenFileNames(self, self.tr("选择证据文件"))
        if not files:
            return
        from app.cases.evidence import EVIDENCE_TYPES  # noqa: PLC0415

        kind, ok = QInputDialog.getItem(self, self.tr("证据种类"), self.tr("证据种类（第四十六条）："),
                                        list(EVIDENCE_TYPES), 0, False)
        if ok:
            self.attach_evidence([Path(f) for f in files], kind)

    def attach_evidence(self, files: list[Path], evidence_type: str) -> None:
        from app.cases.evidence import add_evidence  # noqa: PLC0415
        from app.security.evidence_crypto import evidence_cipher  # noqa: PLC0415

        paths = self._ctx.paths

        def call(s, a, c, env) -> None:  # noqa: ANN001
            cipher = evidence_cipher(paths)  # evidence is encrypted at rest (key in the keyring)
            for path in files:
                add_evidence(s, a, c, path, root=paths.evidence, evidence_type=evidence_type,
                             cipher=cipher)

        self.write("case.add_evidence", self.tr("添加证据{0}件").format(len(files)), call)


def _escape(text: str) -> str:
    return (text.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;")
            .replace("\n", "<br>"))
