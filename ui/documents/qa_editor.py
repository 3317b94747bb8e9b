"""The 问答 transcript editor of the 生成文书 dialog, typed while someone talks.

Keyboard first: Enter goes 问 → 答 → next 问 (a new one at the end), Shift+Enter breaks a line
inside an answer, Tab / Shift+Tab step through the cells and out of the transcript, Ctrl+Insert /
Ctrl+Delete add and remove a 问答, Alt+↑ / Alt+↓ move it, Ctrl+↑ / Ctrl+↓ jump between rows.
Like every record editor it offers `value()`, `state()` and `restore()`.
"""

from __future__ import annotations

from typing import Any

from PySide6.QtCore import (
    QEvent,
    QObject,
    Qt,
    Signal,
)
from PySide6.QtGui import QKeyEvent
from PySide6.QtWidgets import (
    QFrame,
    QGridLayout,
    QHBoxLayout,
    QLabel,
    QMessageBox,
    QPushButton,
    QScrollArea,
    QVBoxLayout,
    QWidget,
)

from app.documents.record_input import qa_items

from ui.documents.record_fields import ENTER_KEYS, GrowingText, focus_next_outside


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
        if key in ENTER_KEYS:
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
                focus_next_outside(self, True)
            return True
        if key == Qt.Key.Key_Backtab:
            if column == 1:
                self.focus_cell(index, 0)
            elif index > 0:
                self.focus_cell(index - 1, 1)
            else:
                focus_next_outside(self, False)
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
