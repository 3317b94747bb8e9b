"""What the main window shows before anyone has signed in: the squad's name, and what is happening
(opening the data folder, waiting for the login). The window itself appears at once; the store
layer is loaded behind this panel, so the clerk never looks at an empty screen wondering whether
the program started.

It is built before the first paint, so it avoids `Qt.` enums: the first touch of PySide6's `Qt`
namespace builds all of its enums (13 ms here); centring is done with stretches instead."""

from __future__ import annotations

from PySide6.QtWidgets import QHBoxLayout, QLabel, QProgressBar, QVBoxLayout, QWidget


class StartPanel(QWidget):
    def __init__(self, squad_name: str) -> None:
        super().__init__()
        self.setObjectName("startPanel")
        self.title_label = title = QLabel(squad_name)
        title.setObjectName("startSquadName")
        title.setStyleSheet("font-size: 20pt; font-weight: bold; color: #24364f;")
        subtitle = QLabel(self.tr("综合行政执法中队办公系统"))
        subtitle.setStyleSheet("font-size: 12pt; color: #555;")
        self.status_label = QLabel("")
        self.status_label.setObjectName("startStatus")
        self.busy_bar = QProgressBar()
        self.busy_bar.setObjectName("startBusy")
        self.busy_bar.setRange(0, 0)               # "working", no percentage to promise
        self.busy_bar.setTextVisible(False)
        self.busy_bar.setFixedWidth(280)
        self.busy_bar.setVisible(False)
        layout = QVBoxLayout(self)
        # High on the panel: the login dialog is centred on the window and must not cover it.
        layout.addStretch(1)
        for widget in (title, subtitle, self.status_label, self.busy_bar):
            layout.addLayout(_centred(widget))
            if widget is subtitle:
                layout.addSpacing(24)
        layout.addStretch(4)

    def set_squad_name(self, squad_name: str) -> None:
        self.title_label.setText(squad_name)

    def show_status(self, text: str, *, busy: bool = False) -> None:
        self.status_label.setText(text)
        self.busy_bar.setVisible(busy)


def _centred(widget: QWidget) -> QHBoxLayout:
    row = QHBoxLayout()
    row.addStretch(1)
    row.addWidget(widget)
    row.addStretch(1)
    return row
