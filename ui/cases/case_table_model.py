"""The case list: a table model that pages through the cases in SQL, sorted in SQL.

The model never sees a Session: it is handed a `fetch` callable (see `store_fetcher`) that runs
one keyset query through the store's reader and returns plain `CaseRow`s. Qt asks for more rows
(`canFetchMore`/`fetchMore`) when the view scrolls near the end of what is loaded, so opening the
list costs one page, whatever the number of cases. A page is an indexed keyset query (~1–3 ms at
100k cases), cheap enough to run on the GUI thread: scrolling then stays in step with the
scrollbar instead of showing empty rows while a worker catches up. Counting and writes still go
to the database thread.
"""

from __future__ import annotations

from collections.abc import Callable
from datetime import date
from typing import Any

from PySide6.QtCore import (
    QT_TRANSLATE_NOOP,
    QAbstractTableModel,
    QCoreApplication,
    QModelIndex,
    QPersistentModelIndex,
    Qt,
)
from PySide6.QtGui import QBrush, QColor

from app.cases.search import PAGE_SIZE, CaseQuery, CaseRow, search_cases
from app.clock import china_today
from app.db.store import Store

Fetch = Callable[[CaseQuery, str, bool, "tuple[str, int] | None", int], list[CaseRow]]

COLUMNS: tuple[tuple[str, str], ...] = (
    ("number", QT_TRANSLATE_NOOP("CaseTableModel", "案号")),
    ("party_names", QT_TRANSLATE_NOOP("CaseTableModel", "当事人")),
    ("violation_name", QT_TRANSLATE_NOOP("CaseTableModel", "案由")),
    ("stage", QT_TRANSLATE_NOOP("CaseTableModel", "阶段")),
    ("next_due", QT_TRANSLATE_NOOP("CaseTableModel", "下一期限")),
    ("officer_name", QT_TRANSLATE_NOOP("CaseTableModel", "承办人")),
)
DUE_COLUMN = 4
SEVERITY_COLOURS = {"overdue": QColor("#c62828"), "due_soon": QColor("#ef6c00")}
SEVERITY_BACKGROUNDS = {"overdue": QColor("#fdecea"), "due_soon": QColor("#fff3e0")}
SEVERITY_WORDS = {"overdue": QT_TRANSLATE_NOOP("CaseTableModel", "已超期"),
                  "due_soon": QT_TRANSLATE_NOOP("CaseTableModel", "即将到期"), "ok": "", "": ""}
CaseRowRole = Qt.ItemDataRole.UserRole + 1
_DISPLAY = int(Qt.ItemDataRole.DisplayRole)
_FOREGROUND = int(Qt.ItemDataRole.ForegroundRole)
_BACKGROUND = int(Qt.ItemDataRole.BackgroundRole)
_TOOLTIP = int(Qt.ItemDataRole.ToolTipRole)
_CASE_ROW = int(CaseRowRole)
_FOREGROUNDS = {k: QBrush(v) for k, v in SEVERITY_COLOURS.items()}
_BACKGROUNDS = {k: QBrush(v) for k, v in SEVERITY_BACKGROUNDS.items()}

Index = QModelIndex | QPersistentModelIndex


def _severity_word(severity: str) -> str:
    word = SEVERITY_WORDS[severity]
    return QCoreApplication.translate("CaseTableModel", word) if word else ""


def store_fetcher(store: Store, today: Callable[[], date] = china_today) -> Fetch:
    """A `Fetch` that reads one page through the store's reader; `today` decides the colours."""

    def fetch(query: CaseQuery, sort: str, descending: bool, after, limit: int) -> list[CaseRow]:  # noqa: ANN001
        with store.read() as session:
            return search_cases(session, query, today=today(), sort=sort,
                                descending=descending, after=after, limit=limit)

    return fetch


class CaseTableModel(QAbstractTableModel):
    def __init__(self, fetch: Fetch, *, page_size: int = PAGE_SIZE, parent=None) -> None:  # noqa: ANN001
        super().__init__(parent)
        self._fetch = fetch
        self._page_size = page_size
        self._rows: list[CaseRow] = []
        self._texts: list[tuple[str, ...]] = []
        self._query = CaseQuery()
        self._sort = "registered_on"
        self._descending = True
        self._exhausted = True

    # --- what the page drives -------------------------------------------------------------
    @property
    def query(self) -> CaseQuery:
        return self._query

    @property
    def sort_column(self) -> str:
        return self._sort

    def set_query(self, query: CaseQuery) -> None:
        """Show the cases matching `query` from the top (one page is read now)."""
        self._query = query
        self.reload()

    def reload(self, *, keep: int = 0) -> None:
        """Re-read from the top; `keep` rows at least (so a refresh does not jump the view)."""
        wanted = max(self._page_size, keep)
        self.beginResetModel()
        self._rows = self._fetch(self._query, self._sort, self._descending, None, wanted)
        self._texts = [self._display(r) for r in self._rows]
        self._exhausted = len(self._rows) < wanted
        self.endResetModel()

    def row_at(self, row: int) -> CaseRow | None:
        return self._rows[row] if 0 <= row < len(self._rows) else None

    def row_of(self, case_id: str) -> int:
        for i, r in enumerate(self._rows):
            if r.case_id == case_id:
                return i
        return -1

    # --- Qt's model interface ---------------------------------------------------------------
    def rowCount(self, parent: Index = QModelIndex()) -> int:  # noqa: N802, B008
        return 0 if parent.isValid() else len(self._rows)

    def columnCount(self, parent: Index = QModelIndex()) -> int:  # noqa: N802, B008
        return 0 if parent.isValid() else len(COLUMNS)

    def headerData(self, section: int, orientation: Qt.Orientation,  # noqa: N802
                   role: int = Qt.ItemDataRole.DisplayRole) -> Any:
        if orientation == Qt.Orientation.Horizontal and role == Qt.ItemDataRole.DisplayRole:
            return self.tr(COLUMNS[section][1])
        return None

    def canFetchMore(self, parent: Index = QModelIndex()) -> bool:  # noqa: N802, B008
        return not parent.isValid() and not self._exhausted

    def fetchMore(self, parent: Index = QModelIndex()) -> None:  # noqa: N802, B008
        if parent.isValid() or self._exhausted or not self._rows:
            return
        last = self._rows[-1]
        page = self._fetch(self._query, self._sort, self._descending,
                           (last.sort_value(self._sort), last.key), self._page_size)
        self._exhausted = len(page) < self._page_size
        if page:
            self.beginInsertRows(QModelIndex(), len(self._rows), len(self._rows) + len(page) - 1)
            self._rows.extend(page)
            self._texts.extend(self._display(r) for r in page)
            self.endInsertRows()

    def sort(self, column: int, order: Qt.SortOrder = Qt.SortOrder.AscendingOrder) -> None:
        """Sorting is a new SQL query (every sortable column has an index); nothing is sorted here.
        Column -1 (no indicator) is the default order: newest registration first."""
        if column < 0:
            self._sort, self._descending = "registered_on", True
        else:
            self._sort = COLUMNS[column][0]
            self._descending = order == Qt.SortOrder.DescendingOrder
        self.reload()

    def data(self, index: Index, role: int = Qt.ItemDataRole.DisplayRole) -> Any:
        # Called ~2,000 times per painted frame (cells x roles): plain int compares and texts
        # made once per row keep it a few microseconds a call.
        if role == _DISPLAY:
            return self._texts[index.row()][index.column()]
        if role == _FOREGROUND or role == _BACKGROUND:
            if index.column() != DUE_COLUMN:
                return None
            severity = self._rows[index.row()].severity
            return (_FOREGROUNDS if role == _FOREGROUND else _BACKGROUNDS).get(severity)
        if role == _TOOLTIP:
            row = self._rows[index.row()]
            if index.column() == DUE_COLUMN and row.next_due is not None:
                word = _severity_word(row.severity)
                return (self.tr("{0}：{1:%Y年%m月%d日}").format(row.next_due_label, row.next_due)
                        + (self.tr("（{0}）").format(word) if word else ""))
            return self._texts[index.row()][index.column()] or None
        if role == _CASE_ROW:
            return self._rows[index.row()]
        return None

    @staticmethod
    def _display(row: CaseRow) -> tuple[str, ...]:
        due = ""
        if row.next_due is not None:
            word = _severity_word(row.severity)
            due = f"{row.next_due:%Y-%m-%d}" + (f" {word}" if word else "")
        return (row.number, row.party_names, row.violation_name, row.stage_label, due,
                row.officer_name)
