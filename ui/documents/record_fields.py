"""Field editors of the 生成文书 dialog for records typed while someone talks: the 问答 transcript,
tables (list fields a template draws as a grid), date-times, 性别, relation, and the ID number.

Keyboard first: in the transcript Enter goes 问 → 答 → next 问 (a new one at the end), Shift+Enter
breaks a line inside an answer, Tab / Shift+Tab step through the cells and out of the transcript,
Ctrl+Insert / Ctrl+Delete add and remove a 问答, Alt+↑ / Alt+↓ move it, Ctrl+↑ / Ctrl+↓ jump
between rows. Every editor offers `value()` (what goes into the draft's context) and `state()` /
`restore()` (what the session keeps when the dialog is closed before generating).
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
    QAbstractItemView,
    QComboBox,
    QDateEdit,
    QDateTimeEdit,
    QFrame,
    QGridLayout,
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QLineEdit,
    QMessageBox,
    QPlainTextEdit,
    QPushButton,
    QScrollArea,
    QSizePolicy,
    QTableWidget,
    QTableWidgetItem,
    QVBoxLayout,
    QWidget,
)

from app.documents.record_input import check_person_id, grid_items, qa_items
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
_ENTER = (Qt.Key.Key_Return, Qt.Key.Key_Enter)
_BLANK_DATE = QDate(1800, 1, 1)   # the minimum of a date editor: shown as 未填写


def _focus_next_outside(container: QWidget, forward: bool) -> None:
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
        if event.key() in _ENTER and not event.modifiers() & ~Qt.KeyboardModifier.KeypadModifier:
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
        if event.key() in _ENTER and not event.modifiers() & ~Qt.KeyboardModifier.KeypadModifier:
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
            if key in _ENTER and not event.modifiers() & ~Qt.KeyboardModifier.KeypadModifier:
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
        if event.key() in _ENTER and not event.modifiers() & ~Qt.KeyboardModifier.KeypadModifier:
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
class _QaRow(QFrame):
    """One 问 and its 答, numbered as the clerk sees it."""

    def __init__(self, editor: "QaEditor") -> None:
        super().__init__()
        self.setObjectName("qaRow")
        self.number = QLabel()
        self.number.setAlignment(Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignTop)
        self.number.setMinimumWidth(28)
        self.question = GrowingText(max_lines=4)
        self.answer = GrowingText(max_lines=10)
        self.question.setPlaceholderText(self.tr("问"))
        self.answer.setPlaceholderText(self.tr("答"))
        q_label, a_label = QLabel(self.tr("问：")), QLabel(self.tr("答："))
        q_label.setObjectName("qaLabel")
        a_label.setObjectName("qaLabel")
        for label in (q_label, a_label):
            label.setAlignment(Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignTop)
        grid = QGridLayout(self)
        grid.setContentsMargins(4, 4, 4, 4)
        grid.setHorizontalSpacing(4)
        grid.setVerticalSpacing(3)
        grid.addWidget(self.number, 0, 0)
        grid.addWidget(q_label, 0, 1)
        grid.addWidget(self.question, 0, 2)
        grid.addWidget(a_label, 1, 1)
        grid.addWidget(self.answer, 1, 2)
        grid.setColumnStretch(2, 1)
        for edit in (self.question, self.answer):
            edit.installEventFilter(editor)
        self.set_flagged(False)

    @property
    def cells(self) -> tuple[GrowingText, GrowingText]:
        return self.question, self.answer

    def is_blank(self) -> bool:
        return not self.question.toPlainText().strip() and not self.answer.toPlainText().strip()

    def set_flagged(self, flagged: bool) -> None:
        colour = "#d32f2f" if flagged else "#d7dce2"
        self.setStyleSheet(f"QFrame#qaRow {{ border: 1px solid {colour}; border-radius: 3px; }}"
                           "QLabel#qaLabel { font-weight: bold; }")


class QaEditor(QWidget):
    """The 问答 transcript. `rows()` is what was typed, `value()` the renderer's ``qa`` list
    (RowProblem when a question has no answer), `submit_requested` is Ctrl+Enter."""

    submit_requested = Signal()

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self._rows: list[_QaRow] = []
        self._current = 0
        self.insert_button = QPushButton(self.tr("插入一问"))
        self.insert_button.setToolTip(self.tr("在当前问答之后插入一问（Ctrl+Insert）"))
        self.delete_button = QPushButton(self.tr("删除此问"))
        self.delete_button.setToolTip(self.tr("删除当前问答（Ctrl+Delete）"))
        self.up_button = QPushButton(self.tr("上移"))
        self.up_button.setToolTip(self.tr("当前问答上移（Alt+↑）"))
        self.down_button = QPushButton(self.tr("下移"))
        self.down_button.setToolTip(self.tr("当前问答下移（Alt+↓）"))
        for button in (self.insert_button, self.delete_button, self.up_button, self.down_button):
            button.setAutoDefault(False)
            button.setFocusPolicy(Qt.FocusPolicy.NoFocus)  # Tab stays in the text; keys do the same
        self.insert_button.clicked.connect(lambda: self.insert_row(self._current + 1))
        self.delete_button.clicked.connect(lambda: self.delete_row(self._current))
        self.up_button.clicked.connect(lambda: self.move_row(self._current, -1))
        self.down_button.clicked.connect(lambda: self.move_row(self._current, 1))
        hint = QLabel(self.tr("回车：问→答→下一问　Shift+回车：换行　Tab：下一格　"
                      "Ctrl+Insert/Delete：插入/删除　Alt+↑↓：移动"))
        hint.setObjectName("qaHint")
        hint.setStyleSheet("color: #666;")
        bar = QHBoxLayout()
        bar.addWidget(hint, 1)
        for button in (self.insert_button, self.delete_button, self.up_button, self.down_button):
            bar.addWidget(button)
        self._body = QWidget()
        self._body_layout = QVBoxLayout(self._body)
        self._body_layout.setContentsMargins(2, 2, 2, 2)
        self._body_layout.setSpacing(4)
        self._body_layout.addStretch(1)
        self.scroll = QScrollArea()
        self.scroll.setWidgetResizable(True)
        self.scroll.setWidget(self._body)
        self.scroll.setFocusPolicy(Qt.FocusPolicy.NoFocus)
        self.scroll.setMinimumHeight(220)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.addLayout(bar)
        layout.addWidget(self.scroll, 1)
        self.setFocusPolicy(Qt.FocusPolicy.StrongFocus)
        self.insert_row(0)
        self.setFocusProxy(self._rows[0].question)

    # --- what was typed ---------------------------------------------------------------------------
    def rows(self) -> list[tuple[str, str]]:
        return [(r.question.toPlainText(), r.answer.toPlainText()) for r in self._rows]

    def value(self) -> list[dict[str, str]]:
        return qa_items(self.rows())

    def set_rows(self, rows: list[tuple[str, str]]) -> None:
        while len(self._rows) > 1:
            self._remove(len(self._rows) - 1)
        for index, (question, answer) in enumerate(rows or [("", "")]):
            row = self._rows[index] if index < len(self._rows) else self.insert_row(index, focus=False)
            row.question.setText(question)
            row.answer.setText(answer)
        self._current = 0

    def state(self) -> list[list[str]]:
        return [list(pair) for pair in self.rows()]

    def restore(self, state: Any) -> None:
        self.set_rows([(str(q), str(a)) for q, a in (state or [])])

    def row_count(self) -> int:
        return len(self._rows)

    def current_index(self) -> int:
        return self._current

    def cell(self, index: int, column: int) -> GrowingText:
        return self._rows[index].cells[column]

    def flag_row(self, index: int | None) -> None:
        """Outline the row a refusal is about (None: no row), and put the cursor in it."""
        for i, row in enumerate(self._rows):
            row.set_flagged(i == index)
        if index is not None and 0 <= index < len(self._rows):
            row = self._rows[index]
            self.focus_cell(index, 1 if row.question.toPlainText().strip() else 0)

    # --- editing ----------------------------------------------------------------------------------
    def insert_row(self, index: int, *, focus: bool = True) -> _QaRow:
        index = max(0, min(index, len(self._rows)))
        row = _QaRow(self)
        self._rows.insert(index, row)
        self._body_layout.insertWidget(index, row)
        self._renumber()
        if focus:
            self.focus_cell(index, 0)
        return row

    def delete_row(self, index: int) -> None:
        if not 0 <= index < len(self._rows):
            return
        row = self._rows[index]
        if not row.is_blank():
            q = row.question.toPlainText().strip()
            answer = QMessageBox.question(
                self, self.tr("删除问答"),
                self.tr("删除第{0}问“{1}”及其回答？").format(index + 1, q[:20] or self.tr("（无问题）")),
                QMessageBox.StandardButton.Yes | QMessageBox.StandardButton.No,
                QMessageBox.StandardButton.No)
            if answer != QMessageBox.StandardButton.Yes:
                return
        if len(self._rows) == 1:
            row.question.clear()
            row.answer.clear()
            self.focus_cell(0, 0)
            return
        self._remove(index)
        self.focus_cell(min(index, len(self._rows) - 1), 0)

    def move_row(self, index: int, delta: int) -> None:
        """Swap a row's text with its neighbour's; the cursor goes with the moved row."""
        target = index + delta
        if not (0 <= index < len(self._rows) and 0 <= target < len(self._rows)):
            return
        focused = self.focusWidget()
        column = 1 if focused is self._rows[index].answer else 0
        a, b = self._rows[index], self._rows[target]
        a_texts = (a.question.toPlainText(), a.answer.toPlainText())
        a.question.setText(b.question.toPlainText())
        a.answer.setText(b.answer.toPlainText())
        b.question.setText(a_texts[0])
        b.answer.setText(a_texts[1])
        self.focus_cell(target, column)

    def focus_cell(self, index: int, column: int) -> None:
        index = max(0, min(index, len(self._rows) - 1))
        self._current = index
        edit = self._rows[index].cells[column]
        edit.setFocus(Qt.FocusReason.OtherFocusReason)
        edit.moveCursor(edit.textCursor().MoveOperation.End)
        self.scroll.ensureWidgetVisible(edit, 0, 24)

    def _remove(self, index: int) -> None:
        row = self._rows.pop(index)
        self._body_layout.removeWidget(row)
        row.hide()
        row.deleteLater()
        self._renumber()
        self.setFocusProxy(self._rows[0].question)

    def _renumber(self) -> None:
        for i, row in enumerate(self._rows):
            row.number.setText(f"{i + 1}.")

    def _locate(self, edit: QObject) -> tuple[int, int] | None:
        for i, row in enumerate(self._rows):
            if edit is row.question:
                return i, 0
            if edit is row.answer:
                return i, 1
        return None

    # --- keys -------------------------------------------------------------------------------------
    def eventFilter(self, watched: QObject, event: QEvent) -> bool:  # noqa: N802 - Qt name
        kind = event.type()
        if kind == QEvent.Type.FocusIn:
            where = self._locate(watched)
            if where is not None:
                self._current = where[0]
                self.scroll.ensureWidgetVisible(watched, 0, 24)
            return False
        if kind == QEvent.Type.ShortcutOverride and self._handles(event):
            event.accept()  # ours, not a menu's or the text box's
            return True
        if kind == QEvent.Type.KeyPress:
            where = self._locate(watched)
            if where is not None and self._key(event, *where):
                return True
        return super().eventFilter(watched, event)

    @staticmethod
    def _handles(event: QKeyEvent) -> bool:
        key, mods = event.key(), event.modifiers() & ~Qt.KeyboardModifier.KeypadModifier
        ctrl, alt = Qt.KeyboardModifier.ControlModifier, Qt.KeyboardModifier.AltModifier
        return ((mods == ctrl and key in (Qt.Key.Key_Insert, Qt.Key.Key_Delete, Qt.Key.Key_Up,
                                          Qt.Key.Key_Down))
                or (mods == alt and key in (Qt.Key.Key_Up, Qt.Key.Key_Down)))

    def _key(self, event: QKeyEvent, index: int, column: int) -> bool:
        key = event.key()
        mods = event.modifiers() & ~Qt.KeyboardModifier.KeypadModifier
        ctrl, alt, shift = (Qt.KeyboardModifier.ControlModifier, Qt.KeyboardModifier.AltModifier,
                            Qt.KeyboardModifier.ShiftModifier)
        last = index == len(self._rows) - 1
        if key in _ENTER:
            if mods == ctrl:
                self.submit_requested.emit()
            elif mods == shift:
                self._rows[index].cells[column].insertPlainText("\n")
            elif not mods:
                if column == 0:
                    self.focus_cell(index, 1)
                elif last:
                    self.insert_row(index + 1)
                else:
                    self.focus_cell(index + 1, 0)
            else:
                return False
            return True
        if key == Qt.Key.Key_Tab and not mods:
            if column == 0:
                self.focus_cell(index, 1)
            elif not last:
                self.focus_cell(index + 1, 0)
            else:
                _focus_next_outside(self, True)
            return True
        if key == Qt.Key.Key_Backtab:
            if column == 1:
                self.focus_cell(index, 0)
            elif index > 0:
                self.focus_cell(index - 1, 1)
            else:
                _focus_next_outside(self, False)
            return True
        if mods == ctrl and key == Qt.Key.Key_Insert:
            self.insert_row(index + 1)
            return True
        if mods == ctrl and key == Qt.Key.Key_Delete:
            self.delete_row(index)
            return True
        if mods == alt and key in (Qt.Key.Key_Up, Qt.Key.Key_Down):
            self.move_row(index, -1 if key == Qt.Key.Key_Up else 1)
            return True
        if mods == ctrl and key in (Qt.Key.Key_Up, Qt.Key.Key_Down):
            self.focus_cell(index + (-1 if key == Qt.Key.Key_Up else 1), column)
            return True
        return False


# --- tables ---------------------------------------------------------------------------------------
class GridEditor(QWidget):
    """Rows of a list field a template draws as a table (保全物品, 证据…), one column per template
    column; a blank row is always kept at the end, and blank rows are left out."""

    def __init__(self, columns: list[tuple[str, str]], parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.columns = columns
        self.table = QTableWidget(0, len(columns))
        self.table.setHorizontalHeaderLabels([title for _key, title in columns])
        self.table.horizontalHeader().setSectionResizeMode(QHeaderView.ResizeMode.Stretch)
        self.table.setEditTriggers(QAbstractItemView.EditTrigger.AllEditTriggers)
        self.table.setMinimumHeight(140)
        self.table.installEventFilter(self)
        self.add_button = QPushButton(self.tr("添加一行"))
        self.add_button.setToolTip(self.tr("在当前行之后插入（Ctrl+Insert）"))
        self.delete_button = QPushButton(self.tr("删除此行"))
        self.delete_button.setToolTip(self.tr("删除当前行（Ctrl+Delete）"))
        self.up_button = QPushButton(self.tr("上移"))
        self.down_button = QPushButton(self.tr("下移"))
        for button in (self.add_button, self.delete_button, self.up_button, self.down_button):
            button.setAutoDefault(False)
        self.add_button.clicked.connect(lambda: self.insert_row(self.table.currentRow() + 1))
        self.delete_button.clicked.connect(lambda: self.delete_row(self.table.currentRow()))
        self.up_button.clicked.connect(lambda: self.move_row(self.table.currentRow(), -1))
        self.down_button.clicked.connect(lambda: self.move_row(self.table.currentRow(), 1))
        bar = QHBoxLayout()
        bar.addStretch(1)
        for button in (self.add_button, self.delete_button, self.up_button, self.down_button):
            bar.addWidget(button)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.addWidget(self.table, 1)
        layout.addLayout(bar)
        self.setFocusProxy(self.table)
        self.table.itemChanged.connect(self._keep_blank_row)
        self.set_rows([])

    def rows(self) -> list[list[str]]:
        out = []
        for r in range(self.table.rowCount()):
            out.append([(self.table.item(r, c).text() if self.table.item(r, c) else "")
                        for c in range(len(self.columns))])
        return out

    def value(self) -> list[dict[str, str]]:
        return grid_items(self.rows(), self.columns)

    def set_rows(self, rows: list[list[str]]) -> None:
        self.table.blockSignals(True)
        self.table.setRowCount(0)
        for values in rows:
            self._append(values)
        self.table.blockSignals(False)
        self._keep_blank_row()

    def state(self) -> list[list[str]]:
        return self.rows()

    def restore(self, state: Any) -> None:
        self.set_rows([list(map(str, row)) for row in (state or [])])

    def flag_row(self, index: int | None) -> None:
        if index is not None and 0 <= index < self.table.rowCount():
            self.table.setCurrentCell(index, 0)
            self.table.setFocus()

    def insert_row(self, index: int) -> None:
        index = max(0, min(index, self.table.rowCount()))
        self.table.insertRow(index)
        self.table.setCurrentCell(index, 0)

    def delete_row(self, index: int) -> None:
        if 0 <= index < self.table.rowCount():
            self.table.removeRow(index)
            self._keep_blank_row()

    def move_row(self, index: int, delta: int) -> None:
        target = index + delta
        rows = self.rows()
        if not (0 <= index < len(rows) and 0 <= target < len(rows)):
            return
        rows[index], rows[target] = rows[target], rows[index]
        column = max(self.table.currentColumn(), 0)
        self.set_rows(rows)
        self.table.setCurrentCell(target, column)

    def _append(self, values: list[str]) -> None:
        r = self.table.rowCount()
        self.table.insertRow(r)
        for c, text in enumerate(values[: len(self.columns)]):
            self.table.setItem(r, c, QTableWidgetItem(text))

    def _keep_blank_row(self, *_args: object) -> None:
        rows = self.rows()
        if not rows or any(v.strip() for v in rows[-1]):
            self.table.blockSignals(True)
            self._append([""] * len(self.columns))
            self.table.blockSignals(False)

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:  # noqa: N802 - Qt name
        if watched is self.table and event.type() == QEvent.Type.KeyPress:
            mods = event.modifiers() & ~Qt.KeyboardModifier.KeypadModifier
            row = self.table.currentRow()
            if mods == Qt.KeyboardModifier.ControlModifier and event.key() == Qt.Key.Key_Insert:
                self.insert_row(row + 1)
                return True
            if mods == Qt.KeyboardModifier.ControlModifier and event.key() == Qt.Key.Key_Delete:
                self.delete_row(row)
                return True
            if mods == Qt.KeyboardModifier.AltModifier and event.key() in (Qt.Key.Key_Up, Qt.Key.Key_Down):
                self.move_row(row, -1 if event.key() == Qt.Key.Key_Up else 1)
                return True
        return super().eventFilter(watched, event)
