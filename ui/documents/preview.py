"""In-app PDF preview (Qt PDF): shows a document's PDF bytes with page and zoom controls."""

from __future__ import annotations

from PySide6.QtCore import QBuffer, QByteArray, QIODevice, Signal
from PySide6.QtPdf import QPdfDocument
from PySide6.QtPdfWidgets import QPdfView
from PySide6.QtWidgets import QHBoxLayout, QLabel, QPushButton, QVBoxLayout, QWidget


class PdfPreview(QWidget):
    """A PDF viewer. `set_pdf(data)` loads bytes; `print_requested` asks the owner to print."""

    print_requested = Signal()

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.document = QPdfDocument(self)
        self.view = QPdfView(self)
        self.view.setDocument(self.document)
        self.view.setPageMode(QPdfView.PageMode.MultiPage)
        self.view.setZoomMode(QPdfView.ZoomMode.FitToWidth)
        self._buffer: QBuffer | None = None

        self.pages_label = QLabel(self.tr("无文书"))
        self.fit_button = QPushButton(self.tr("适合宽度"))
        self.whole_button = QPushButton(self.tr("整页"))
        self.print_button = QPushButton(self.tr("打印…"))
        self.print_button.setEnabled(False)
        self.fit_button.clicked.connect(self._on_fit_clicked)
        self.whole_button.clicked.connect(self._on_whole_clicked)
        self.print_button.clicked.connect(self.print_requested)

        bar = QHBoxLayout()
        bar.addWidget(self.pages_label)
        bar.addStretch(1)
        bar.addWidget(self.fit_button)
        bar.addWidget(self.whole_button)
        bar.addWidget(self.print_button)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.addLayout(bar)
        layout.addWidget(self.view, 1)

    @property
    def page_count(self) -> int:
        return self.document.pageCount()

    def set_pdf(self, data: bytes, note: str = "") -> None:
        """Show `data` (with `note` beside the page count, e.g. that it is only a draft). The
        buffer is kept alive as long as the document uses it."""
        self.document.close()
        buffer = QBuffer(self)
        buffer.setData(QByteArray(data))
        buffer.open(QIODevice.OpenModeFlag.ReadOnly)
        self.document.load(buffer)
        if self._buffer is not None:
            self._buffer.deleteLater()
        self._buffer = buffer
        ok = self.document.status() == QPdfDocument.Status.Ready
        pages = self.tr("共 %n 页", "", self.page_count)
        self.pages_label.setText((pages + (self.tr("　{0}").format(note) if note else "")) if ok else self.tr("无法显示该文书"))
        self.print_button.setEnabled(ok)

    def clear(self) -> None:
        self.document.close()
        self.pages_label.setText(self.tr("无文书"))
        self.print_button.setEnabled(False)

    def _on_fit_clicked(self) -> None:
        self.view.setZoomMode(QPdfView.ZoomMode.FitToWidth)

    def _on_whole_clicked(self) -> None:
        self.view.setZoomMode(QPdfView.ZoomMode.FitInView)
