"""The 文书 page: for the selected case (or all), documents are generated from the case, approved,
issued, sealed and corrected (ui.documents.workflow), previewed in place, printed one by one or in
a batch (every print is logged) and exported as the 卷宗; template samples; the 用印登记."""

from __future__ import annotations

from pathlib import Path

from PySide6.QtCore import Qt, Slot
from PySide6.QtPrintSupport import QPrintDialog
from PySide6.QtWidgets import (
    QAbstractItemView,
    QFileDialog,
    QInputDialog,
    QMessageBox,
    QHBoxLayout,
    QLabel,
    QListWidget,
    QListWidgetItem,
    QPushButton,
    QSplitter,
    QTabWidget,
    QVBoxLayout,
    QWidget,
)

from app.clock import china_today, format_cn_date
from app.documents.archive import build_volume, deployment_order, precheck
from app.documents.case_link import CaseHeading, case_archive_items, case_heading, case_volume_facts
from app.documents.render import layout_document, render_document
from app.documents.samples import SAMPLE_ISSUE_DATE, sample_context, sample_number
from app.documents.service import (
    DRAFT,
    DocumentRow,
    layout_stored,
    list_documents,
    list_seal_uses,
    pdf_path,
    record_print,
)
from app.documents.templates import available, load
from ui.context import UiContext
from ui.documents.preview import PdfPreview
from ui.documents.printing import PrintJob, make_printer, print_batch
from ui.documents.seal_register import SealRegisterView
from ui.documents.workflow import DocumentActionBar
from ui.errors import show_error
from ui.tasks import run_in_background

SAMPLE_ID = "00000000-0000-4000-8000-5a3b1e000000"
_KIND = Qt.ItemDataRole.UserRole
_KEY = Qt.ItemDataRole.UserRole + 1
_ROW = Qt.ItemDataRole.UserRole + 2
CASE_PICK_LIMIT = 200


class DocumentsPage(QWidget):
    def __init__(self, ctx: UiContext) -> None:
        super().__init__()
        self._ctx = ctx
        self.case: CaseHeading | None = None
        self.case_label = QLabel()
        self.case_label.setObjectName("documentsCase")
        self.case_label.setStyleSheet("font-size: 14px; font-weight: bold;")
        self.pick_case_button = QPushButton(self.tr("选择案件…"))
        self.all_button = QPushButton(self.tr("全部文书"))
        self.actions = DocumentActionBar(ctx)
        self.list = QListWidget()
        self.list.setSelectionMode(QAbstractItemView.SelectionMode.ExtendedSelection)
        self.preview = PdfPreview()
        self.batch_button = QPushButton(self.tr("批量打印所选…"))
        self.refresh_button = QPushButton(self.tr("刷新"))
        self.volume_button = QPushButton(self.tr("导出卷宗…"))
        self.seal_register = SealRegisterView()
        self.status = QLabel()

        top = QHBoxLayout()
        top.addWidget(self.case_label, 1)
        top.addWidget(self.pick_case_button)
        top.addWidget(self.all_button)
        left = QWidget()
        left_layout = QVBoxLayout(left)
        left_layout.setContentsMargins(0, 0, 0, 0)
        left_layout.addWidget(self.list, 1)
        buttons = QHBoxLayout()
        buttons.addWidget(self.refresh_button)
        buttons.addWidget(self.batch_button)
        buttons.addWidget(self.volume_button)
        left_layout.addLayout(buttons)
        split = QSplitter()
        split.addWidget(left)
        split.addWidget(self.preview)
        split.setStretchFactor(0, 1)
        split.setStretchFactor(1, 3)
        split.setSizes([340, 940])
        self.tabs = QTabWidget()
        self.tabs.addTab(split, self.tr("文书"))
        self.tabs.addTab(self.seal_register, self.tr("用印登记"))
        layout = QVBoxLayout(self)
        layout.addLayout(top)
        layout.addWidget(self.actions)
        layout.addWidget(self.tabs, 1)
        layout.addWidget(self.status)

        self.list.currentItemChanged.connect(self._on_current_changed)
        self.preview.print_requested.connect(self._on_print_clicked)
        self.batch_button.clicked.connect(self._on_batch_clicked)
        self.refresh_button.clicked.connect(self._on_refresh_clicked)
        self.volume_button.clicked.connect(self._on_volume_clicked)
        self.pick_case_button.clicked.connect(self._on_pick_case_clicked)
        self.all_button.clicked.connect(self._on_all_clicked)
        self.actions.changed.connect(self._on_document_changed)
        self._shown_once = False
        self._show_heading()
        self.reload()

    def showEvent(self, event) -> None:  # noqa: N802, ANN001 - Qt name
        """Coming back to the page (after work on the case, or sync): re-read, keep the selection."""
        super().showEvent(event)
        if self._shown_once:
            row = self.current_row()
            self.reload(select_id=row.id if row else None)
        self._shown_once = True

    # --- the case ----------------------------------------------------------------------------------
    def show_case(self, case_id: str | None) -> None:
        """Show `case_id`'s documents and make it the case new documents are generated for
        (None: every document on this PC, generation off)."""
        if case_id is None:
            self.case = None
        else:
            with self._ctx.store.read() as session:
                self.case = case_heading(session, case_id)
        self._show_heading()
        self.reload()

    def _show_heading(self) -> None:
        c = self.case
        self.case_label.setText(self.tr("全部文书（未选择案件）") if c is None
                                else self.tr("{0}　{1}（{2}）").format(c.number, c.title, c.stage_label))
        self.all_button.setEnabled(c is not None)
        self._update_actions()

    @Slot()
    def _on_all_clicked(self) -> None:
        self.show_case(None)

    @Slot()
    def _on_pick_case_clicked(self) -> None:
        from app.cases.queries import list_cases  # noqa: PLC0415

        with self._ctx.store.read() as session:
            cases = list_cases(session, limit=CASE_PICK_LIMIT)
        if not cases:
            QMessageBox.information(self, self.tr("选择案件"), self.tr("本机还没有案件。"))
            return
        labels = {self.tr("{0}　{1}（{2}）").format(c.case_number or c.lead_number, c.title or c.violation_name,
                                                  c.stage_label): c.id
                  for c in cases}
        label, ok = QInputDialog.getItem(self, self.tr("选择案件"), self.tr("最近的案件："), list(labels), 0, False)
        if ok:
            self.show_case(labels[label])

    # --- the list ----------------------------------------------------------------------------------
    @Slot()
    def _on_refresh_clicked(self) -> None:
        row = self.current_row()
        self.reload(select_id=row.id if row else None)

    def reload(self, select_id: str | None = None) -> None:
        self.list.clear()
        case_id = self.case.id if self.case else None
        with self._ctx.store.read() as session:
            rows = list_documents(session, case_id=case_id)
            uses = list_seal_uses(session, case_id=case_id)
        header = QListWidgetItem(self.tr("— 本案文书 —") if case_id else self.tr("— 本机文书 —"))
        header.setFlags(Qt.ItemFlag.NoItemFlags)
        self.list.addItem(header)
        for row in rows:
            party = self.tr("　{0}").format(row.party_name) if case_id is None and row.party_name else ""  # whose, in the whole list
            item = QListWidgetItem((self.tr("更正：") if row.corrects_document_id else "") + row.label + party)
            item.setData(_KIND, "stored")
            item.setData(_KEY, row.id)
            item.setData(_ROW, row)
            self.list.addItem(item)
            if row.id == select_id:
                self.list.setCurrentItem(item)
        if not rows:
            empty = QListWidgetItem(self.tr("（还没有文书：点“生成文书…”）") if case_id else self.tr("（还没有文书）"))
            empty.setFlags(Qt.ItemFlag.NoItemFlags)
            self.list.addItem(empty)
        if case_id is None:  # samples only beside the whole list: with a case they are noise
            self._add_samples()
        self.seal_register.set_rows(uses)
        self.status.setText(self.tr("文书 %n 份", "", len(rows)) + self.tr("，用印登记 %n 条", "", len(uses)))
        self._update_actions()

    def _add_samples(self) -> None:
        header = QListWidgetItem(self.tr("— 模板样张 —"))
        header.setFlags(Qt.ItemFlag.NoItemFlags)
        self.list.addItem(header)
        for doc_type in available():
            item = QListWidgetItem(self.tr("样张：") + load(doc_type).title)
            item.setData(_KIND, "sample")
            item.setData(_KEY, doc_type)
            self.list.addItem(item)

    def current_row(self) -> DocumentRow | None:
        item = self.list.currentItem()
        return item.data(_ROW) if item is not None and item.data(_KIND) == "stored" else None

    def select_document(self, doc_id: str) -> bool:
        for i in range(self.list.count()):
            if self.list.item(i).data(_KEY) == doc_id and self.list.item(i).data(_KIND) == "stored":
                self.list.setCurrentRow(i)
                return True
        return False

    def _update_actions(self) -> None:
        case = self.case
        self.actions.set_target(self.current_row(), case.id if case else None,
                                self.tr("{0}　{1}").format(case.number, case.title) if case else "")

    @Slot(str)
    def _on_document_changed(self, doc_id: str) -> None:
        self.reload(select_id=doc_id)

    def _pdf_for(self, kind: str, key: str) -> tuple[bytes, str]:
        """(PDF, note for the preview bar): an issued document's stored PDF, else drawn now."""
        if kind == "sample":
            return render_document(load(key), sample_context(key), doc_id=SAMPLE_ID,
                                   issue_date=SAMPLE_ISSUE_DATE, number=sample_number(key),
                                   prefs=self._ctx.prefs, seal_mode="box").pdf, self.tr("样张（示例内容）")
        with self._ctx.store.read() as session:
            rows = {r.id: r for r in list_documents(session)}
            row = rows[key]
            if row.pdf_sha256:
                return pdf_path(self._ctx.paths, row.pdf_sha256).read_bytes(), self.tr("已签发的正式文书")
            laid, _ = layout_stored(session, key, prefs=self._ctx.prefs)
        pdf = render_document(laid.template, laid.ctx, doc_id=key, issue_date=laid.issue_date,
                              number=laid.number, prefs=self._ctx.prefs, seal_mode="none").pdf
        # Runs on the database thread: plain strings, no tr() here.
        return pdf, (self.tr("草稿") if row.state == DRAFT else self.tr("已审批")) + self.tr("预览：尚未签发，不是正式文书")

    def _job_for(self, kind: str, key: str) -> PrintJob:
        if kind == "sample":
            laid = layout_document(load(key), sample_context(key), doc_id=SAMPLE_ID,
                                   issue_date=SAMPLE_ISSUE_DATE, number=sample_number(key),
                                   prefs=self._ctx.prefs)
            return PrintJob(laid, seal_mode="box")
        with self._ctx.store.read() as session:
            laid, seal_mode = layout_stored(session, key, prefs=self._ctx.prefs)
        return PrintJob(laid, seal_mode=seal_mode)

    @Slot(QListWidgetItem, QListWidgetItem)
    def _on_current_changed(self, current: QListWidgetItem | None, _previous: object) -> None:
        self._update_actions()
        if current is None or current.data(_KIND) is None:
            self.preview.clear()
            return
        kind, key = current.data(_KIND), current.data(_KEY)
        run_in_background(self, lambda progress: (key, *self._pdf_for(kind, key)), label=self.tr("正在生成预览…"),
                          on_success=self._on_pdf_ready, show_dialog=False)

    @Slot(object)
    def _on_pdf_ready(self, result: tuple[str, bytes, str]) -> None:
        key, pdf, note = result
        current = self.list.currentItem()
        if current is None or current.data(_KEY) != key:
            return  # the clerk has moved on to another document
        self.preview.set_pdf(pdf, note)

    def _selected(self) -> list[tuple[str, str]]:
        return [(i.data(_KIND), i.data(_KEY)) for i in self.list.selectedItems() if i.data(_KIND)]

    @Slot()
    def _on_print_clicked(self) -> None:
        item = self.list.currentItem()
        if item is not None and item.data(_KIND):
            self._print([(item.data(_KIND), item.data(_KEY))])

    @Slot()
    def _on_batch_clicked(self) -> None:
        chosen = self._selected()
        if chosen:
            self._print(chosen)

    def _print(self, chosen: list[tuple[str, str]]) -> None:
        try:
            jobs = [self._job_for(kind, key) for kind, key in chosen]
            printer = make_printer()
            dialog = QPrintDialog(printer, self)
            if dialog.exec() != QPrintDialog.DialogCode.Accepted:
                return
            copies = max(printer.copyCount(), 1)
            printer.setCopyCount(1)  # copies are painted, so the log counts what was printed
            jobs = [PrintJob(j.laid, j.seal_mode, copies) for j in jobs]
            if not print_batch(self, printer, jobs):
                self.status.setText(self.tr("已取消打印"))
                return
            stored = [key for kind, key in chosen if kind == "stored"]
            if stored:
                actor = self._ctx.actor
                summary = self.tr("打印文书 {0} 份").format(len(stored))
                with self._ctx.store.write(actor, "document.print", summary=summary) as session:
                    for key in stored:
                        record_print(session, actor, key, copies=copies,
                                     printer=printer.printerName())
            self.status.setText(self.tr("已打印 %n 份文书", "", len(jobs)))
        except Exception as exc:  # noqa: BLE001 - shown to the clerk by the one error path
            show_error(self, exc)

    @Slot()
    def _on_volume_clicked(self) -> None:
        try:
            self._export_volume()
        except Exception as exc:  # noqa: BLE001 - shown to the clerk by the one error path
            show_error(self, exc)

    def _export_volume(self) -> None:
        with self._ctx.store.read() as session:
            cases = {r.case_id: r for r in list_documents(session, case_id=self.case.id if self.case else None)
                     if r.case_id and r.state == "issued"}
        if not cases:
            QMessageBox.information(self, self.tr("导出卷宗"), self.tr("没有已签发且属于案件的文书。"))
            return
        case_id = next(iter(cases))
        if len(cases) > 1:
            labels = {self.tr("{0} {1}（案件 {2}）").format(r.title, r.number, cid[:8]): cid
                      for cid, r in cases.items()}
            label, ok = QInputDialog.getItem(self, self.tr("导出卷宗"), self.tr("选择案件："),
                                             list(labels), 0, False)
            if not ok:
                return
            case_id = labels[label]
        with self._ctx.store.read() as session:
            items = case_archive_items(session, case_id)
            facts = case_volume_facts(session, case_id, compiler=self._ctx.actor.user,
                                      today=format_cn_date(china_today()))
        order = deployment_order(self._ctx.paths.root)
        problems = precheck(items, order=order)
        if problems:
            text = "\n".join(f"· {p.message}" for p in problems)
            answer = QMessageBox.question(
                self, self.tr("归档前自查"),
                self.tr("本案卷宗还有以下问题：") + "\n" + text + "\n\n" + self.tr("仍要导出吗？"))
            if answer != QMessageBox.StandardButton.Yes:
                return
        target, _ = QFileDialog.getSaveFileName(self, self.tr("导出卷宗"),
                                                str(self._ctx.paths.root / self.tr("卷宗.pdf")), "PDF (*.pdf)")
        if not target:
            return
        prefs = self._ctx.prefs

        def work(progress):  # noqa: ANN001, ANN202 - pure rendering, no session
            volume = build_volume(items, case=facts, volume="main", order=order, prefs=prefs,
                                  progress=progress)
            Path(target).write_bytes(volume.pdf)
            return target, volume.pages

        run_in_background(self, work, label=self.tr("正在生成卷宗…"), on_success=self._on_volume_written)

    def _on_volume_written(self, result: tuple[str, int]) -> None:
        target, pages = result
        self.status.setText(self.tr("卷宗已导出：%1（%2 页）").replace("%1", target).replace("%2", str(pages)))
