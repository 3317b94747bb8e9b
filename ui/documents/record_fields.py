"""Field editors of the 生成文书 dialog for records typed while someone talks: text, paragraphs,
date-times, 性别, relation, and the ID number (the 问答 transcript is in ui.documents.qa_editor,
tables in ui.documents.grid_editor). Every editor offers `value()` (what goes into the draft's
context) and `state()` / `restore()` (what the session keeps when the dialog is closed before
generating).
"""

from __future__ import annotations

from datetime import date, datetime
from typing import Any

from PySide6.QtCore import (
    QT_TRANSLATE_NOOP,
    QCoreApplication,
    QDate,
    QDateTime,
    QEvent,
    QObject,
    QRect,
    Qt,
    QTime,
    Signal,
)
from PySide6.QtGui import QKeyEvent
from PySide6.QtWidgets import (
    QComboBox,
    QDateEdit,
    QDateTimeEdit,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QPlainTextEdit,
    QPushButton,
    QSizePolicy,
    QVBoxLayout,
    QWidget,
)

from app.documents.record_input import check_person_id
from app.domain.identifiers import ResidentId
from app.errors import Invalid

# Words written into the record itself (always Chinese); the list shows them translated.
SEXES = (QT_TRANSLATE_NOOP("ChoiceField", "男"), QT_TRANSLATE_NOOP("ChoiceField", "女"))
RELATIONS = (QT_TRANSLATE_NOOP("ChoiceField", "当事人本人"),
             QT_TRANSLATE_NOOP("ChoiceField", "当事人的法定代表人（负责人）"),
             QT_TRANSLATE_NOOP("ChoiceField", "当事人的经营者"),
             QT_TRANSLATE_NOOP("ChoiceField", "当事人的委托代理人"),
             QT_TRANSLATE_NOOP("ChoiceField", "当事人的工作人员"),
             QT_TRANSLATE_NOOP("ChoiceField", "证人"), QT_TRANSLATE_NOOP("ChoiceField", "其他"))
ENTER_KEYS = (Qt.Key.Key_Return, Qt.Key.Key_Enter)
_BLANK_DATE = QDate(1800, 1, 1)   # the minimum of a date editor: shown as 未填写


def focus_next_outside(container: QWidget, forward: bool) -> None:
    """Tab out of a composite editor: the next widget in the dialog's focus chain that is not
    inside `container` (the transcript's own rows are stepped through by hand)."""
    widget = container
    for _ in range(500):
        widget = widget.nextInFocusChain() if forward else widget.previousInFocusChain()
        if widget is None or widget is container:
            return
        inside = container.isAncestorOf(widget)
        if (not inside and widget.isVisible() and widget.isEnabled()
                and widget.focusPolicy() & Qt.FocusPolicy.TabFocus):
            widget.setFocus(Qt.FocusReason.TabFocusReason if forward else Qt.FocusReason.BacktabFocusReason)
            return


class GrowingText(QPlainTextEdit):
    """A wrapped text box that grows with what is typed, from `min_lines` up to `max_lines`
    (then it scrolls): a long answer stays readable without a scroll bar per row."""

    def __init__(self, *, min_lines: int = 1, max_lines: int = 8, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self._min, self._max = min_lines, max_lines
        self.setLineWrapMode(QPlainTextEdit.LineWrapMode.WidgetWidth)
        self.setHorizontalScrollBarPolicy(Qt.ScrollBarPolicy.ScrollBarAlwaysOff)
        self.setSizePolicy(QSizePolicy.Policy.Expanding, QSizePolicy.Policy.Fixed)
        self.document().documentLayout().documentSizeChanged.connect(self._fit)
        self._fit()

    # the QLineEdit-like face the rest of the dialog (and older tests) use
    def text(self) -> str:
        return self.toPlainText()

    def setText(self, text: str) -> None:  # noqa: N802 - QLineEdit's name
        self.setPlainText(text)
        self.moveCursor(self.textCursor().MoveOperation.End)

    def value(self) -> str:
        return self.toPlainText().strip()

    def _fit(self, *_args: object) -> None:
        # Measured from the text and the box's width, not from the document's layout: a plain-text
        # document lays out lazily, so its line count lags behind a resize or a setText.
        metrics = self.fontMetrics()
        doc_margin = self.document().documentMargin()
        width = max(int(self.viewport().width() - 2 * doc_margin - 4), 40)
        spacing = max(metrics.lineSpacing(), 1)
        lines = 0
        for paragraph in self.toPlainText().split("\n"):
            rect = metrics.boundingRect(QRect(0, 0, width, 100_000),
                                        int(Qt.TextFlag.TextWrapAnywhere), paragraph or " ")
            lines += max(1, round(rect.height() / spacing))
        shown = min(max(lines, self._min), self._max)
        self.setVerticalScrollBarPolicy(Qt.ScrollBarPolicy.ScrollBarAsNeeded if lines > self._max
                                        else Qt.ScrollBarPolicy.ScrollBarAlwaysOff)
        margins = self.contentsMargins()
        height = (shown * self.fontMetrics().lineSpacing() + 2 * doc_margin
                  + margins.top() + margins.bottom() + 2)
        self.setFixedHeight(int(height))

    def resizeEvent(self, event) -> None:  # noqa: N802, ANN001 - Qt name
        super().resizeEvent(event)
        self._fit()


class TextField(QLineEdit):
    """One line. Enter steps to the next field, as on the paper form: it never generates."""

    def value(self) -> str:
        return self.text().strip()

    def state(self) -> str:
        return self.text()

    def restore(self, state: Any) -> None:
        self.setText(str(state or ""))

    def keyPressEvent(self, event: QKeyEvent) -> None:  # noqa: N802 - Qt name
        if event.key() in ENTER_KEYS and not event.modifiers() & ~Qt.KeyboardModifier.KeypadModifier:
            self.focusNextChild()
            return
        super().keyPressEvent(event)


class ParagraphField(GrowingText):
    """A paragraph of prose (陈述申辩内容, 现场检查情况): Enter starts a new line, Tab moves on."""

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(min_lines=4, max_lines=12, parent=parent)
        self.setTabChangesFocus(True)

    def state(self) -> str:
        return self.toPlainText()

    def restore(self, state: Any) -> None:
        self.setText(str(state or ""))


class ChoiceField(QComboBox):
    """A choice from a short list; with `free_text` anything else may be typed (与本案关系).

    With `translated`, each option is shown in the user's language while `value()` still gives the
    option itself (the word the record prints)."""

    def __init__(self, options: tuple[str, ...], *, free_text: bool, translated: bool = False,
                 parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setEditable(free_text)
        for option in ["", *options] if not free_text else list(options):
            shown = QCoreApplication.translate("ChoiceField", option) if translated and option else option
            self.addItem(shown, option)
        if free_text:
            self.setCurrentIndex(-1)
            self.lineEdit().setPlaceholderText(self.tr("选择或直接输入"))
            self.setInsertPolicy(QComboBox.InsertPolicy.NoInsert)

    def value(self) -> str:
        index = self.currentIndex()
        if index >= 0 and self.itemText(index) == self.currentText():
            return str(self.itemData(index)).strip()
        return self.currentText().strip()

    def set_value(self, text: str) -> None:
        index = self.findData(text)
        index = index if index >= 0 else self.findText(text)
        if index >= 0:
            self.setCurrentIndex(index)
        elif self.isEditable():
            self.setEditText(text)

    def state(self) -> str:
        return self.currentText()

    def restore(self, state: Any) -> None:
        self.set_value(str(state or ""))

    def keyPressEvent(self, event: QKeyEvent) -> None:  # noqa: N802 - Qt name
        if event.key() in ENTER_KEYS and not event.modifiers() & ~Qt.KeyboardModifier.KeypadModifier:
            self.focusNextChild()
            return
        super().keyPressEvent(event)


class DateTimeField(QWidget):
    """A date and time of the record (询问开始/结束时间). May start blank (未填写): the first key
    typed into a blank one starts from now; 现在 sets it to the current minute."""

    def __init__(self, *, now_by_default: bool, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.edit = QDateTimeEdit()
        self.edit.setDisplayFormat(self.tr("yyyy年M月d日 HH:mm"))
        self.edit.setCalendarPopup(True)
        self.edit.setMinimumDateTime(QDateTime(QDate(2000, 1, 1), QTime(0, 0)))
        self.edit.setSpecialValueText(self.tr("未填写"))
        self.now_button = QPushButton(self.tr("现在"))
        self.now_button.setToolTip(self.tr("填入当前时间"))
        self.now_button.setAutoDefault(False)
        self.now_button.clicked.connect(self.set_now)
        layout = QHBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.addWidget(self.edit, 1)
        layout.addWidget(self.now_button)
        self.setFocusProxy(self.edit)
        self.edit.installEventFilter(self)
        if now_by_default:
            self.set_now()
        else:
            self.clear()

    def clear(self) -> None:
        self.edit.setDateTime(self.edit.minimumDateTime())

    def set_now(self) -> None:
        now = QDateTime.currentDateTime()
        self.edit.setDateTime(QDateTime(now.date(), QTime(now.time().hour(), now.time().minute())))

    def is_blank(self) -> bool:
        return self.edit.dateTime() == self.edit.minimumDateTime()

    def moment(self) -> datetime | None:
        if self.is_blank():
            return None
        value = self.edit.dateTime()
        d, t = value.date(), value.time()
        return datetime(d.year(), d.month(), d.day(), t.hour(), t.minute())

    def set_moment(self, moment: datetime | None) -> None:
        if moment is None:
            self.clear()
            return
        self.edit.setDateTime(QDateTime(QDate(moment.year, moment.month, moment.day),
                                        QTime(moment.hour, moment.minute)))

    def state(self) -> str | None:
        moment = self.moment()
        return moment.isoformat() if moment else None

    def restore(self, state: Any) -> None:
        self.set_moment(datetime.fromisoformat(state) if state else None)

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:  # noqa: N802 - Qt name
        if watched is self.edit and event.type() == QEvent.Type.KeyPress:
            key = event.key()
            if key in ENTER_KEYS and not event.modifiers() & ~Qt.KeyboardModifier.KeypadModifier:
                self.now_button.focusNextChild()  # past the 现在 button, like Enter elsewhere
                return True
            if self.is_blank() and key not in (Qt.Key.Key_Tab, Qt.Key.Key_Backtab, Qt.Key.Key_Escape,
                                               Qt.Key.Key_Shift, Qt.Key.Key_Control, Qt.Key.Key_Alt,
                                               Qt.Key.Key_Meta):
                self.set_now()
        return super().eventFilter(watched, event)


class DateField(QDateEdit):
    """A date (出生日期), blank until set; filled from a valid ID number."""

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setDisplayFormat(self.tr("yyyy年M月d日"))
        self.setCalendarPopup(True)
        self.setMinimumDate(_BLANK_DATE)
        self.setSpecialValueText(self.tr("未填写"))
        self.setDate(_BLANK_DATE)

    def day(self) -> date | None:
        value = self.date()
        if value == _BLANK_DATE:
            return None
        return date(value.year(), value.month(), value.day())

    def set_day(self, day: date | None) -> None:
        self.setDate(QDate(day.year, day.month, day.day) if day else _BLANK_DATE)

    def state(self) -> str | None:
        day = self.day()
        return day.isoformat() if day else None

    def restore(self, state: Any) -> None:
        self.set_day(date.fromisoformat(state) if state else None)

    def keyPressEvent(self, event: QKeyEvent) -> None:  # noqa: N802 - Qt name
        if event.key() in ENTER_KEYS and not event.modifiers() & ~Qt.KeyboardModifier.KeypadModifier:
            self.focusNextChild()
            return
        super().keyPressEvent(event)


class PersonIdField(QWidget):
    """A citizen ID number checked by GB 11643 as it is typed; a valid number announces the birth
    date and sex it encodes (`person_found`) so the form fills them."""

    person_found = Signal(object)   # ResidentId

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.edit = TextField()
        self.edit.setPlaceholderText(self.tr("18位居民身份证号码"))
        self.edit.setMaxLength(24)
        self.status = QLabel()
        self.status.setObjectName("idStatus")
        self.status.setWordWrap(True)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.setSpacing(2)
        layout.addWidget(self.edit)
        layout.addWidget(self.status)
        self.setFocusProxy(self.edit)
        self.edit.textChanged.connect(self._on_text_changed)
        self._on_text_changed(self.edit.text())

    def text(self) -> str:
        return self.edit.text()

    def setText(self, text: str) -> None:  # noqa: N802 - QLineEdit's name
        self.edit.setText(text)

    def value(self) -> str:
        return self.edit.text().strip()

    def state(self) -> str:
        return self.edit.text()

    def restore(self, state: Any) -> None:
        self.edit.setText(str(state or ""))

    def person(self) -> ResidentId | None:
        try:
            return check_person_id(self.value()) if self.value() else None
        except Invalid:
            return None

    def _on_text_changed(self, text: str) -> None:
        cleaned = text.strip()
        if not cleaned:
            self.status.setText("")
            return
        try:
            person = check_person_id(cleaned)
        except Invalid as exc:
            # While fewer than 15 characters are typed, say only how far along it is.
            if len(cleaned) < 15:
                self.status.setStyleSheet("color: #666;")
                self.status.setText(self.tr("已输入 {0} 位").format(len(cleaned)))
            else:
                self.status.setStyleSheet("color: #b00020;")
                self.status.setText(str(exc))
            return
        self.status.setStyleSheet("color: #1b6e20;")
        self.status.setText(self.tr("✓ 号码有效：{0}年{1}月{2}日出生，{3}").format(
            person.birth_date.year, person.birth_date.month, person.birth_date.day, person.sex))
        self.person_found.emit(person)


# --- the transcript -------------------------------------------------------------------------------
