"""The 文书 page: documents made in this office and template samples, previewed in place, printed
one by one or in a batch through the system print dialog; every print is logged."""

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
    QVBoxLayout,
    QWidget,
)

from app.clock import china_today, format_cn_date
from app.documents.archive import build_volume, deployment_order, precheck
from app.documents.case_link import case_archive_items, case_volume_facts
from app.documents.render import layout_document, render_document
from app.documents.samples import SAMPLE_ISSUE_DATE, sample_context, sample_number
from app.documents.service import layout_stored, list_documents, pdf_path, record_print
from app.documents.templates import available, load
from ui.context import UiContext
from ui.documents.preview import PdfPreview
from ui.documents.printing import PrintJob, make_printer, print_batch
from ui.errors import show_error
from ui.tasks import run_in_background

SAMPLE_ID = "00000000-0000-4000-8000-5a3b1e000000"
_KIND = Qt.ItemDataRole.UserRole
_KEY = Qt.ItemDataRole.UserRole + 1


class DocumentsPage(QWidget):
    def __init__(self, ctx: UiContext) -> None:
        super().__init__()
        self._ctx = ctx
        self.list = QListWidget()
        self.list.setSelectionMode(QAbstractItemView.SelectionMode.ExtendedSelection)
        self.preview = PdfPreview()
        self.batch_button = QPushButton(self.tr("批量打印所选…"))
        self.refresh_button = QPushButton(self.tr("刷新"))
        self.volume_button = QPushButton(self.tr("导出卷宗…"))
        self.status = QLabel()

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
        split.setStretchFactor(1, 3)
        layout = QVBoxLayout(self)
        layout.addWidget(split, 1)
        layout.addWidget(self.status)

        self.list.currentItemChanged.connect(self._on_current_changed)
        self.preview.print_requested.connect(self._on_print_clicked)
        self.batch_button.clicked.connect(self._on_batch_clicked)
        self.refresh_button.clicked.connect(self.reload)
        self.volume_button.clicked.connect(self._on_volume_clicked)
        self.reload()

    @Slot()
    def reload(self) -> None:
        self.list.clear()
        with self._ctx.store.read() as session:
            rows = list_documents(session)
        header = QListWidgetItem(self.tr("— 本机文书 —"))
        header.setFlags(Qt.ItemFlag.NoItemFlags)
        self.list.addItem(header)
        for row in rows:
            item = QListWidgetItem(row.label)
            item.setData(_KIND, "stored")
            item.setData(_KEY, row.id)
            self.list.addItem(item)
        header = QListWidgetItem(self.tr("— 模板样张 —"))
        header.setFlags(Qt.ItemFlag.NoItemFlags)
        self.list.addItem(header)
        for doc_type in available():
            item = QListWidgetItem(self.tr("样张：") + load(doc_type).title)
            item.setData(_KIND, "sample")
            item.setData(_KEY, doc_type)
            self.list.addItem(item)
        self.status.setText(self.tr("本机文书 %n 份", "", len(rows)))

    def _pdf_for(self, kind: str, key: str) -> bytes:
        if kind == "sample":
            return render_document(load(key), sample_context(key), doc_id=SAMPLE_ID,
                                   issue_date=SAMPLE_ISSUE_DATE, number=sample_number(key),
                                   prefs=self._ctx.prefs, seal_mode="box").pdf
        with self._ctx.store.read() as session:
            rows = {r.id: r for r in list_documents(session)}
            row = rows[key]
            if row.pdf_sha256:
                return pdf_path(self._ctx.paths, row.pdf_sha256).read_bytes()
            laid, _ = layout_stored(session, key, prefs=self._ctx.prefs)
        return render_document(laid.template, laid.ctx, doc_id=key, issue_date=laid.issue_date,
                               prefs=self._ctx.prefs, seal_mode="none").pdf

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
        if current is None or current.data(_KIND) is None:
            self.preview.clear()
            return
        kind, key = current.data(_KIND), current.data(_KEY)
        run_in_background(self, lambda progress: self._pdf_for(kind, key), label=self.tr("正在生成预览…"),
                          on_success=self._on_pdf_ready, show_dialog=False)

    @Slot(object)
    def _on_pdf_ready(self, pdf: bytes) -> None:
        self.preview.set_pdf(pdf)

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
                with self._ctx.store.write(actor, "document.print",
                                           summary=f"打印文书 {len(stored)} 份") as session:
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
            cases = {r.case_id: r for r in list_documents(session) if r.case_id and r.state == "issued"}
        if not cases:
            QMessageBox.information(self, self.tr("导出卷宗"), self.tr("没有已签发且属于案件的文书。"))
            return
        case_id = next(iter(cases))
        if len(cases) > 1:
            labels = {f"{r.title} {r.number}（案件 {cid[:8]}）": cid for cid, r in cases.items()}
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
                                                str(self._ctx.paths.root / "卷宗.pdf"), "PDF (*.pdf)")
        if not target:
            return
        volume = build_volume(items, case=facts, volume="main", order=order, prefs=self._ctx.prefs)
        Path(target).write_bytes(volume.pdf)
        self.status.setText(self.tr("卷宗已导出：%1（%2 页）").replace("%1", target)
                            .replace("%2", str(volume.pages)))
