"""Printing documents through Qt: one or many laid-out documents onto a QPrinter, with progress
and cancel, drawn by the same renderer that wrote the issued PDF (see qt_canvas)."""

from __future__ import annotations

from dataclasses import dataclass

from PySide6.QtCore import QCoreApplication, QMarginsF
from PySide6.QtGui import QImage, QPageLayout, QPageSize, QPainter
from PySide6.QtPrintSupport import QPrinter
from PySide6.QtWidgets import QApplication, QProgressDialog, QWidget

from app.documents.fonts import FontMap, default_font_map
from app.documents.layout import PAGE_H, PAGE_W
from app.documents.render import LaidOut, draw_document
from app.documents.seal import SealSpec
from app.errors import Cancelled, Invalid
from app.progress import Progress, no_progress
from ui.documents.qt_canvas import QtCanvas


@dataclass(frozen=True)
class PrintJob:
    laid: LaidOut
    seal_mode: str = "box"
    copies: int = 1

    @property
    def title(self) -> str:
        return self.laid.display_title


def make_printer(name: str | None = None) -> QPrinter:
    """An A4 portrait, full-page, high-resolution printer (the named queue, or the default)."""
    printer = QPrinter(QPrinter.PrinterMode.HighResolution)
    if name:
        printer.setPrinterName(name)
    printer.setFullPage(True)
    printer.setPageLayout(QPageLayout(QPageSize(QPageSize.PageSizeId.A4),
                                      QPageLayout.Orientation.Portrait, QMarginsF(0, 0, 0, 0)))
    return printer


def paint_jobs(printer: QPrinter, jobs: list[PrintJob], *, seal: SealSpec | None = None,
               fonts: FontMap | None = None, progress: Progress = no_progress) -> int:
    """Paint every job (each copy) onto `printer` as one print job; return pages painted.
    `progress` may raise Cancelled: the printer job is then aborted and nothing is printed."""
    if not jobs:
        raise Invalid(QCoreApplication.translate("Printing", "没有要打印的文书。"))
    fonts = fonts or default_font_map()
    if not printer.docName():
        printer.setDocName(jobs[0].title if len(jobs) == 1 else QCoreApplication.translate(
            "Printing", "{0} 等{1}份").format(jobs[0].title, len(jobs)))
    painter = QPainter()
    if not painter.begin(printer):
        raise Invalid(QCoreApplication.translate("Printing", "无法开始打印：打印机“{0}”不可用。").format(
            printer.printerName() or QCoreApplication.translate("Printing", "默认打印机")))
    canvas = QtCanvas(painter, dpi=printer.resolution(), new_page=printer.newPage)
    total = sum(job.copies for job in jobs)
    done = 0
    try:
        for job in jobs:
            for _ in range(job.copies):
                draw_document(canvas, job.laid, fonts=fonts, seal_mode=job.seal_mode, seal=seal)
                done += 1
                progress(done, total)
    except Cancelled:
        printer.abort()
        painter.end()
        raise
    painter.end()
    return canvas.pages_started


def print_batch(parent: QWidget | None, printer: QPrinter, jobs: list[PrintJob], *,
                seal: SealSpec | None = None) -> bool:
    """Print with a modal progress dialog on the GUI thread (QPainter on a printer stays on
    one thread); 取消 aborts the whole job. Returns False when cancelled."""
    dialog = QProgressDialog(QCoreApplication.translate("Printing", "正在打印…"),
                             QCoreApplication.translate("Printing", "取消"), 0, sum(j.copies for j in jobs),
                             parent)
    dialog.setWindowTitle(QCoreApplication.translate("Printing", "打印文书"))
    dialog.setMinimumDuration(300)

    def progress(done: int, total: int, /) -> None:
        dialog.setValue(done)
        QApplication.processEvents()
        if dialog.wasCanceled():
            raise Cancelled(QCoreApplication.translate("Printing", "已取消打印"))

    try:
        paint_jobs(printer, jobs, seal=seal, progress=progress)
    except Cancelled:
        return False
    finally:
        dialog.close()
    return True


def page_image(laid: LaidOut, page: int = 0, *, dpi: float = 60.0, seal_mode: str = "box",
               seal: SealSpec | None = None, fonts: FontMap | None = None) -> QImage:
    """One page painted through Qt into an image (thumbnails, and tests of the Qt path)."""
    from app.documents.render import LaidOut as _LaidOut

    single = _LaidOut(template=laid.template, ctx=laid.ctx, pages=[laid.pages[page]],
                      doc_id=laid.doc_id if page == 0 else "", number=laid.number,
                      issue_date=laid.issue_date, payload_digest=laid.payload_digest,
                      verify_url=laid.verify_url)
    image = QImage(round(PAGE_W * dpi / 72), round(PAGE_H * dpi / 72), QImage.Format.Format_RGB32)
    image.fill(0xFFFFFFFF)
    painter = QPainter(image)
    draw_document(QtCanvas(painter, dpi=dpi), single, fonts=fonts or default_font_map(),
                  seal_mode=seal_mode, seal=seal)
    painter.end()
    return image


