"""The main window: navigation on the left (案件, 文书, 执法人员, 同步, 设置), pages on the right, and a
status bar whose right side carries the sync state and the certificate warnings count."""

from __future__ import annotations

from collections.abc import Callable
from typing import TYPE_CHECKING, NamedTuple

from PySide6.QtCore import QSettings, Signal, Slot
from PySide6.QtWidgets import (
    QLabel,
    QHBoxLayout,
    QListWidget,
    QListWidgetItem,
    QMainWindow,
    QStackedWidget,
    QWidget,
)

from app import __version__
from ui.start_panel import StartPanel

if TYPE_CHECKING:
    from PySide6.QtGui import QAction


NAV_STYLE = """
QListWidget#navigation { background: #24364f; border: none; font-size: 13pt; outline: 0; }
QListWidget#navigation::item { color: #e8eef6; padding: 14px 18px; }
QListWidget#navigation::item:selected { background: #c0392b; color: white; }
QListWidget#navigation::item:hover:!selected { background: #34496a; }
"""


class PageSpec(NamedTuple):      # not a dataclass: `dataclasses` costs 3 ms before the first paint
    key: str
    title: str
    build: Callable[[], QWidget]


class MainWindow(QMainWindow):
    page_changed = Signal(str)
    page_built = Signal(str, QWidget)    # a page was built on first visit: wire its signals
    closed = Signal()                    # the clerk closed the window (also before app.exec runs)

    def __init__(self, pages: list[PageSpec] | None = None, *, squad_name: str,
                 user_label: str = "") -> None:
        """Without pages the window opens on its start panel (opening the data folder, then the
        login over it); `set_pages` fills it once someone has signed in."""
        super().__init__()
        self.resize(1280, 800)
        self._specs: list[PageSpec] = []
        self._built: dict[str, QWidget] = {}
        self._jumps: list[QAction] = []

        self.nav = QListWidget()
        self.nav.setObjectName("navigation")
        self.nav.setFixedWidth(132)
        self.nav.setUniformItemSizes(True)
        self.nav.setStyleSheet(NAV_STYLE)
        self.stack = QStackedWidget()
        self.start_panel = StartPanel(squad_name)
        self.stack.addWidget(self.start_panel)

        central = QWidget()
        row = QHBoxLayout(central)
        row.setContentsMargins(0, 0, 0, 0)
        row.setSpacing(6)
        row.addWidget(self.nav)
        row.addWidget(self.stack, 1)
        self.setCentralWidget(central)

        self.user_label = QLabel("")
        self.user_label.setObjectName("currentUser")
        self.sync_label = QLabel("")      # the sync controller fills it once someone signed in
        self.sync_label.setObjectName("syncStatus")
        self.warning_label = QLabel("")
        self.warning_label.setObjectName("certificateWarnings")
        self.statusBar().addWidget(self.user_label)
        self.statusBar().addPermanentWidget(self.warning_label)
        self.statusBar().addPermanentWidget(self.sync_label)
        self.statusBar().addPermanentWidget(QLabel(f"v{__version__}"))

        self.nav.currentRowChanged.connect(self._on_nav_row_changed)
        self.set_squad_name(squad_name)
        if pages is not None:
            self.set_pages(pages, user_label=user_label)

    def set_squad_name(self, squad_name: str) -> None:
        title = self.tr("squaddesk 综合行政执法中队办公系统")
        self.setWindowTitle(f"{title} — {squad_name}" if squad_name else title)
        self.start_panel.set_squad_name(squad_name)

    @property
    def has_pages(self) -> bool:
        return bool(self._specs)

    def set_pages(self, pages: list[PageSpec], *, user_label: str) -> None:
        """Fill the window for a signed-in user: the areas in the navigation, each page built on
        first visit (start-up stays fast), Ctrl+1… to jump."""
        from PySide6.QtCore import Qt  # noqa: PLC0415 - not before the first paint (see ui.start_panel)
        from PySide6.QtGui import QAction, QKeySequence  # noqa: PLC0415

        self.clear_pages()
        self._specs = list(pages)
        self.nav.blockSignals(True)
        for index, spec in enumerate(self._specs):
            item = QListWidgetItem(spec.title)
            item.setData(Qt.ItemDataRole.UserRole, spec.key)
            self.nav.addItem(item)
            self.stack.addWidget(QWidget())  # placeholder until the first visit
            jump = QAction(self)
            jump.setShortcut(QKeySequence(f"Ctrl+{index + 1}"))
            jump.triggered.connect(self._make_jump(index))
            self.addAction(jump)
            self._jumps.append(jump)
        self.nav.blockSignals(False)
        self.user_label.setText(self.tr("当前用户：{0}").format(user_label))
        self.sync_label.setText(self.tr("同步：未连接县局服务器"))
        self.nav.setCurrentRow(0)

    def clear_pages(self, status: str = "") -> None:
        """Back to the start panel (signing in again): the pages of the last user are deleted,
        so nothing of theirs stays on screen or in memory behind the login."""
        self.nav.blockSignals(True)
        self.nav.clear()
        self.nav.blockSignals(False)
        for jump in self._jumps:
            self.removeAction(jump)
            jump.deleteLater()
        self._jumps.clear()
        while self.stack.count() > 1:
            widget = self.stack.widget(1)
            self.stack.removeWidget(widget)
            widget.deleteLater()
        self._specs = []
        self._built.clear()
        self.stack.setCurrentWidget(self.start_panel)
        self.start_panel.show_status(status)
        self.user_label.setText("")
        self.sync_label.setText("")
        self.set_warning_count(0)

    def _make_jump(self, index: int) -> Callable[[], None]:
        def jump() -> None:
            self.nav.setCurrentRow(index)
        return jump

    def page(self, key: str) -> QWidget:
        """The page widget for `key`, building it on first use."""
        for index, spec in enumerate(self._specs):
            if spec.key == key:
                if key not in self._built:
                    widget = spec.build()
                    placeholder = self.stack.widget(index + 1)    # 0 is the start panel
                    self.stack.removeWidget(placeholder)
                    placeholder.deleteLater()
                    self.stack.insertWidget(index + 1, widget)
                    self._built[key] = widget
                    self.page_built.emit(key, widget)
                return self._built[key]
        raise KeyError(key)

    @property
    def built_pages(self) -> dict[str, QWidget]:
        return dict(self._built)

    def show_page(self, key: str) -> QWidget:
        for index, spec in enumerate(self._specs):
            if spec.key == key:
                self.nav.setCurrentRow(index)
                return self.page(key)
        raise KeyError(key)

    @Slot(int)
    def _on_nav_row_changed(self, row: int) -> None:
        if row < 0:
            return
        spec = self._specs[row]
        widget = self.page(spec.key)
        self.stack.setCurrentWidget(widget)
        self.page_changed.emit(spec.key)

    def set_sync_status(self, text: str) -> None:
        self.sync_label.setText(text)

    def set_warning_count(self, count: int) -> None:
        self.warning_label.setText(self.tr("证件预警：{0}").format(count) if count else "")
        self.warning_label.setStyleSheet("color: #b00020; font-weight: bold;" if count else "")

    def restore_geometry(self, settings: QSettings) -> None:
        geometry = settings.value("main/geometry")
        if geometry is not None:
            self.restoreGeometry(geometry)

    def closeEvent(self, event) -> None:  # noqa: N802, ANN001 - Qt name
        QSettings("squaddesk", "squaddesk").setValue("main/geometry", self.saveGeometry())
        super().closeEvent(event)
        if event.isAccepted():
            self.closed.emit()
