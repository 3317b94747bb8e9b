"""Small keyboard-friendly forms that validate as the clerk types.

`FormDialog(title, fields)` builds a form from `Field` specs: labels carry mnemonics (Alt+letter
jumps to the field), the tab order follows the form, Enter accepts and Esc cancels, and 确定 stays
disabled until every field is valid; the reason of the first invalid field is shown in red under
it. A dialog knows nothing about the database: `values` returns plain Python values and the caller
runs the service.
"""

from __future__ import annotations

import re
from collections.abc import Callable, Sequence
from dataclasses import dataclass, field
from datetime import date, datetime
from typing import Any

from PySide6.QtCore import QCoreApplication, QDate, QDateTime, Qt, Slot
from PySide6.QtWidgets import (
    QCheckBox,
    QComboBox,
    QDateEdit,
    QDateTimeEdit,
    QDialog,
    QDialogButtonBox,
    QFormLayout,
    QLabel,
    QLineEdit,
    QListWidget,
    QListWidgetItem,
    QPlainTextEdit,
    QVBoxLayout,
    QWidget,
)

from app.clock import CHINA_TZ
from app.domain.money import parse_yuan
from app.errors import Invalid

ERROR_STYLE = "color: #c62828;"


@dataclass(frozen=True)
class Field:
    """One input. kind: text | multiline | date | datetime | money | choice | check | officers.

    `check(value)` raises Invalid with a Chinese message (or returns nothing) to refuse a value;
    money fields give fen. `choices` are (value, label) pairs for choice and officers fields.
    """

    key: str
    label: str
    kind: str = "text"
    required: bool = True
    default: Any = None
    choices: Sequence[tuple[str, str]] = ()
    check: Callable[[Any], None] | None = None
    placeholder: str = ""
    minimum: int = 0  # officers: how many must be ticked


@dataclass
class _Bound:
    spec: Field
    widget: QWidget
    error: QLabel
    read: Callable[[], Any] = field(default=lambda: None)


def plain_label(label: str) -> str:
    """"违法事实(&F)" → "违法事实": the label without its mnemonic, for messages."""
    return re.sub(r"\(&.\)$", "", label).replace("&", "")


def _qdate(day: date) -> QDate:
    return QDate(day.year, day.month, day.day)


def _make(spec: Field) -> tuple[QWidget, Callable[[], Any]]:
    """Build the editor for `spec` and the function that reads its value."""
    if spec.kind == "multiline":
        edit = QPlainTextEdit(spec.default or "")
        edit.setTabChangesFocus(True)  # Tab leaves the box: the form stays keyboard-driven
        edit.setFixedHeight(72)
        edit.setPlaceholderText(spec.placeholder)
        return edit, lambda: edit.toPlainText().strip()
    if spec.kind == "date":
        edit = QDateEdit(_qdate(spec.default or date.today()))
        edit.setCalendarPopup(True)
        edit.setDisplayFormat("yyyy-MM-dd")
        return edit, lambda: edit.date().toPython()
    if spec.kind == "datetime":
        moment: datetime = spec.default or datetime.now(CHINA_TZ)
        edit = QDateTimeEdit(QDateTime(_qdate(moment.date()), moment.time()))
        edit.setCalendarPopup(True)
        edit.setDisplayFormat("yyyy-MM-dd HH:mm")
        return edit, lambda: edit.dateTime().toPython().replace(tzinfo=CHINA_TZ)
    if spec.kind == "choice":
        combo = QComboBox()
        for value, label in spec.choices:
            combo.addItem(label, value)
        if spec.default is not None:
            combo.setCurrentIndex(max(0, combo.findData(spec.default)))
        return combo, lambda: combo.currentData()
    if spec.kind == "check":
        box = QCheckBox()
        box.setChecked(bool(spec.default))
        return box, box.isChecked
    if spec.kind == "officers":
        lst = QListWidget()
        lst.setFixedHeight(min(120, 22 * max(3, len(spec.choices)) + 4))
        for value, label in spec.choices:
            item = QListWidgetItem(label)
            item.setData(Qt.ItemDataRole.UserRole, value)
            item.setFlags(item.flags() | Qt.ItemFlag.ItemIsUserCheckable)
            item.setCheckState(Qt.CheckState.Checked if value in (spec.default or ())
                               else Qt.CheckState.Unchecked)
            lst.addItem(item)
        return lst, lambda: [lst.item(i).data(Qt.ItemDataRole.UserRole) for i in range(lst.count())
                             if lst.item(i).checkState() == Qt.CheckState.Checked]
    edit = QLineEdit("" if spec.default is None else str(spec.default))
    edit.setPlaceholderText(spec.placeholder or (
        QCoreApplication.translate("FormDialog", "例如 500 或 1,200.50") if spec.kind == "money" else ""))
    if spec.kind == "money":
        return edit, lambda: edit.text().strip()
    return edit, lambda: edit.text().strip()


class FormDialog(QDialog):
    def __init__(self, title: str, fields: Sequence[Field], *, intro: str = "",
                 parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setWindowTitle(title)
        self.setMinimumWidth(460)
        layout = QVBoxLayout(self)
        self.intro_text = intro
        if intro:
            note = QLabel(intro)
            note.setObjectName("intro")
            note.setWordWrap(True)
            layout.addWidget(note)
        form = QFormLayout()
        form.setFieldGrowthPolicy(QFormLayout.FieldGrowthPolicy.ExpandingFieldsGrow)
        layout.addLayout(form)
        self._fields: dict[str, _Bound] = {}
        for spec in fields:
            widget, read = _make(spec)
            widget.setObjectName(spec.key)
            label = QLabel(spec.label + ("" if spec.required or spec.kind == "check" else self.tr("（选填）")))
            label.setBuddy(widget)
            error = QLabel("")
            error.setObjectName(f"{spec.key}_error")
            error.setStyleSheet(ERROR_STYLE)
            error.setWordWrap(True)
            error.hide()
            box = QWidget()
            inner = QVBoxLayout(box)
            inner.setContentsMargins(0, 0, 0, 0)
            inner.setSpacing(2)
            inner.addWidget(widget)
            inner.addWidget(error)
            form.addRow(label, box)
            self._fields[spec.key] = _Bound(spec, widget, error, read)
            self._connect(widget)
        self.buttons = QDialogButtonBox(
            QDialogButtonBox.StandardButton.Ok | QDialogButtonBox.StandardButton.Cancel)
        self.ok_button = self.buttons.button(QDialogButtonBox.StandardButton.Ok)
        self.ok_button.setText(self.tr("确定(&O)"))
        self.ok_button.setDefault(True)  # Enter accepts from any single-line field
        self.buttons.button(QDialogButtonBox.StandardButton.Cancel).setText(self.tr("取消"))
        self.buttons.accepted.connect(self.accept)
        self.buttons.rejected.connect(self.reject)  # Esc as well
        layout.addWidget(self.buttons)
        self._values: dict[str, Any] = {}
        self.revalidate()

    def _connect(self, widget: QWidget) -> None:
        if isinstance(widget, QLineEdit):
            widget.textChanged.connect(self._on_input_changed)
        elif isinstance(widget, QPlainTextEdit):
            widget.textChanged.connect(self._on_input_changed)
        elif isinstance(widget, QComboBox):
            widget.currentIndexChanged.connect(self._on_input_changed)
        elif isinstance(widget, QCheckBox):
            widget.toggled.connect(self._on_input_changed)
        elif isinstance(widget, QListWidget):
            widget.itemChanged.connect(self._on_input_changed)
        elif isinstance(widget, (QDateEdit, QDateTimeEdit)):
            widget.dateTimeChanged.connect(self._on_input_changed)

    def widget(self, key: str) -> QWidget:
        return self._fields[key].widget

    def error_text(self, key: str) -> str:
        bound = self._fields[key]
        return bound.error.text() if not bound.error.isHidden() else ""

    @property
    def values(self) -> dict[str, Any]:
        """The checked values (money in fen), valid once the dialog was accepted."""
        return dict(self._values)

    def extra_check(self, values: dict[str, Any]) -> dict[str, str]:
        """Cross-field checks for subclasses: {key: message}."""
        return {}

    @Slot()
    def _on_input_changed(self) -> None:
        self.revalidate()

    def revalidate(self) -> bool:
        values: dict[str, Any] = {}
        errors: dict[str, str] = {}
        for key, bound in self._fields.items():
            spec, value = bound.spec, bound.read()
            try:
                if spec.kind == "money":
                    value = parse_yuan(value) if value else (None if not spec.required else
                                                             parse_yuan(value))
                if spec.kind == "officers" and len(value) < spec.minimum:
                    raise Invalid(self.tr("请至少选择{0}名执法人员（《行政处罚法》第四十二条）")
                                  .format(spec.minimum))
                if spec.required and value in ("", None, []):
                    raise Invalid(self.tr("请填写{0}").format(plain_label(spec.label)))
                if spec.check is not None and value not in ("", None):
                    spec.check(value)
            except Invalid as exc:
                errors[key] = str(exc)
            values[key] = value
        if not errors:
            errors = self.extra_check(values)
        for key, bound in self._fields.items():
            # An empty required field is not an error to shout about; it only keeps 确定 off.
            message = errors.get(key, "")
            empty = bound.read() in ("", None, []) and bound.spec.kind != "officers"
            bound.error.setText(message)
            bound.error.setVisible(bool(message) and not empty)
        self._values = values
        self.ok_button.setEnabled(not errors)
        return not errors

    def accept(self) -> None:
        if self.revalidate():
            super().accept()
