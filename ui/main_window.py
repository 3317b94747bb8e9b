"""The main window: navigation on the left (案件, 文书, 执法人员, 同步, 设置), pages on the right, and a
status bar whose right side carries the sync state and the certificate warnings count."""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass

from PySide6.QtCore import QSettings, Qt, Signal, Slot
from PySide6.QtGui import QAction, QKeySequence
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


NAV_STYLE = """
QListWidget#navigation { background: #24364f; border: none; font-size: 13pt; outline: 0; }
QListWidget#navigation::item { color: #e8eef6; padding: 14px 18px; }
QListWidget#navigation::item:selected { background: #c0392b; color: white; }
QListWidget#navigation::item:hover:!selected { background: #34496a; }
"""


@dataclass(frozen=True)
class PageSpec:
    key: str
    title: str
    build: Callable[[], QWidget]


class MainWindow(QMainWindow):
    page_changed = Signal(str)
    page_built = Signal(str, QWidget)    # a page was built on first visit: wire its signals

    def __init__(self, pages: list[PageSpec], *, squad_name: str, user_label: str) -> None:
        super().__init__()
        self.setWindowTitle(self.tr("squaddesk 综合行政执法中队办公系统 — {0}").format(squad_name))
        self.resize(1280, 800)
        self._specs = pages
        self._built: dict[str, QWidget] = {}

        self.nav = QListWidget()
        self.nav.setObjectName("navigation")
        self.nav.setFixedWidth(132)
        self.nav.setUniformItemSizes(True)
        self.nav.setStyleSheet(NAV_STYLE)
        self.stack = QStackedWidget()
        for index, spec in enumerate(pages):
            item = QListWidgetItem(spec.title)
            item.setData(Qt.ItemDataRole.UserRole, spec.key)
            self.nav.addItem(item)
            self.stack.addWidget(QWidget())  # built lazily on first visit: start-up stays fast
            shortcut = QAction(self)
            shortcut.setShortcut(QKeySequence(f"Ctrl+{index + 1}"))
            shortcut.triggered.connect(self._make_jump(index))
            self.addAction(shortcut)

        central = QWidget()
        row = QHBoxLayout(central)
        row.setContentsMargins(0, 0, 0, 0)
        row.setSpacing(6)
        row.addWidget(self.nav)
        row.addWidget(self.stack, 1)
        self.setCentralWidget(central)

        self.sync_label = QLabel(self.tr("同步：未连接县局服务器"))
        self.sync_label.setObjectName("syncStatus")
        self.warning_label = QLabel("")
        self.warning_label.setObjectName("certificateWarnings")
        self.statusBar().addWidget(QLabel(self.tr("当前用户：{0}").format(user_label)))
        self.statusBar().addPermanentWidget(self.warning_label)
        self.statusBar().addPermanentWidget(self.sync_label)
        self.statusBar().addPermanentWidget(QLabel(f"v{__version__}"))

        self.nav.currentRowChanged.connect(self._on_nav_row_changed)
        self.nav.setCurrentRow(0)

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
                    placeholder = self.stack.widget(index)
                    self.stack.removeWidget(placeholder)
                    placeholder.deleteLater()
                    self.stack.insertWidget(index, widget)
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
