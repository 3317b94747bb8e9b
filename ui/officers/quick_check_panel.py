"""证件速查: one field for a typed or scanned certificate number, and the answer beside a photo.

A barcode/QR scanner acts as a keyboard: it types the payload and presses Enter. The panel
emits `check_requested(text)`; the page runs the service and hands back a CheckResult through
`show_result`. After each answer the field's text is selected so the next scan replaces it.
The panel knows nothing about the database.
"""

from __future__ import annotations

from PySide6.QtCore import Qt, Signal, Slot
from PySide6.QtGui import QFont, QPixmap
from PySide6.QtWidgets import (
    QFormLayout,
    QFrame,
    QGroupBox,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QVBoxLayout,
    QWidget,
)

from app.officers.quick_check import CheckResult

PHOTO_W, PHOTO_H = 96, 128
VALID_STYLE = "color: #1b5e20; background: #e3f4e4; border-radius: 4px; padding: 6px;"
WARN_STYLE = "color: #8a4b00; background: #ffe8c2; border-radius: 4px; padding: 6px;"
INVALID_STYLE = "color: #9b1c1c; background: #f8d7da; border-radius: 4px; padding: 6px;"


class QuickCheckPanel(QGroupBox):
    check_requested = Signal(str)

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(self.tr("证件速查"), parent)
        self.number_edit = QLineEdit()
        self.number_edit.setObjectName("quickCheckNumber")
        self.number_edit.setPlaceholderText(self.tr("输入或扫描执法证号，按回车查询"))
        self.number_edit.setClearButtonEnabled(True)
        big = self.number_edit.font()
        big.setPointSizeF(big.pointSizeF() * 1.3)
        self.number_edit.setFont(big)

        self.photo_label = QLabel()
        self.photo_label.setFixedSize(PHOTO_W, PHOTO_H)
        self.photo_label.setFrameShape(QFrame.Shape.Box)
        self.photo_label.setAlignment(Qt.AlignmentFlag.AlignCenter)
        self.name_label = QLabel()
        self.name_label.setObjectName("quickCheckName")
        name_font = QFont(self.name_label.font())
        name_font.setPointSizeF(name_font.pointSizeF() * 1.6)
        name_font.setBold(True)
        self.name_label.setFont(name_font)
        self.verdict_label = QLabel()
        self.verdict_label.setObjectName("quickCheckVerdict")
        self.verdict_label.setWordWrap(True)
        verdict_font = QFont(self.verdict_label.font())
        verdict_font.setPointSizeF(verdict_font.pointSizeF() * 1.2)
        verdict_font.setBold(True)
        self.verdict_label.setFont(verdict_font)

        head = QVBoxLayout()
        head.addWidget(self.name_label)
        head.addWidget(self.verdict_label)
        head.addStretch(1)
        top = QHBoxLayout()
        top.addWidget(self.photo_label)
        top.addLayout(head, 1)

        self.number_value = QLabel()
        self.unit_value = QLabel()
        self.fields_value = QLabel()
        self.validity_value = QLabel()
        self.issuer_value = QLabel()
        for label in (self.number_value, self.unit_value, self.fields_value, self.validity_value,
                      self.issuer_value):
            label.setWordWrap(True)
            label.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
        form = QFormLayout()
        form.addRow(self.tr("证号"), self.number_value)
        form.addRow(self.tr("单位"), self.unit_value)
        form.addRow(self.tr("执法类别"), self.fields_value)
        form.addRow(self.tr("有效期"), self.validity_value)
        form.addRow(self.tr("监制"), self.issuer_value)
        self.history_label = QLabel()
        self.history_label.setObjectName("quickCheckHistory")
        self.history_label.setWordWrap(True)
        self.history_label.setStyleSheet("color: #444;")
        self.history_label.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
        self.as_of_label = QLabel()
        self.as_of_label.setObjectName("quickCheckAsOf")
        self.as_of_label.setStyleSheet("color: #666;")

        layout = QVBoxLayout(self)
        layout.addWidget(self.number_edit)
        layout.addLayout(top)
        layout.addLayout(form)
        layout.addWidget(self.history_label)
        layout.addWidget(self.as_of_label)
        layout.addStretch(1)
        self.number_edit.returnPressed.connect(self._on_number_return_pressed)
        self.clear_result()

    @Slot()
    def _on_number_return_pressed(self) -> None:
        text = self.number_edit.text()
        if text.strip():
            self.check_requested.emit(text)

    def clear_result(self) -> None:
        self.photo_label.setText(self.tr("照片"))
        self.name_label.setText("")
        self.verdict_label.setText(self.tr("扫描执法证二维码或输入证号"))
        self.verdict_label.setStyleSheet("color: #666; padding: 6px;")
        for label in (self.number_value, self.unit_value, self.fields_value, self.validity_value,
                      self.issuer_value, self.history_label):
            label.setText("")
        self.as_of_label.setText("")

    def show_result(self, result: CheckResult) -> None:
        self.name_label.setText(result.name or self.tr("—"))
        self.verdict_label.setText(result.verdict)
        if not result.is_valid:
            style = INVALID_STYLE
        elif result.verdict != "有效":  # app's verdict word, not shown text
            style = WARN_STYLE
        else:
            style = VALID_STYLE
        self.verdict_label.setStyleSheet(style)
        self.number_value.setText(result.number)
        self.unit_value.setText(result.unit)
        self.fields_value.setText(self.tr("、").join(result.fields))
        self.validity_value.setText(result.validity_text)
        issuer = result.issuing_authority
        if result.replaced_by_number:
            issuer += self.tr("（已补办新证：{0}）").format(result.replaced_by_number)
        self.issuer_value.setText(issuer)
        self.history_label.setText(
            self.tr("证件记录：") + "\n" + "\n".join(result.history) if result.history else "")
        self._show_photo(result.photo)
        self.as_of_label.setText(result.as_of_text)
        self.number_edit.selectAll()   # the next scan replaces this one

    def _show_photo(self, data: bytes | None) -> None:
        pixmap = QPixmap()
        if data and pixmap.loadFromData(data):
            self.photo_label.setPixmap(pixmap.scaled(
                PHOTO_W, PHOTO_H, Qt.AspectRatioMode.KeepAspectRatio,
                Qt.TransformationMode.SmoothTransformation))
        else:
            self.photo_label.clear()
            self.photo_label.setText(self.tr("无照片"))
