"""The roster table model: plain RosterRow dataclasses in, colours for who may not act out.

Red rows: a certified officer in post who may not act today (过期, 暂扣, 吊销, 注销, 无证…).
Orange rows: certificate inside the renewal window. The training column carries a marker when
the year's hours are below target. Sorting is done in SQL: `sort()` only asks for it through
`sort_requested`, and the page re-queries and calls `set_rows`.
"""

from __future__ import annotations

from PySide6.QtCore import (
    QT_TRANSLATE_NOOP,
    QAbstractTableModel,
    QCoreApplication,
    QModelIndex,
    QPersistentModelIndex,
    Qt,
    Signal,
)
from PySide6.QtGui import QBrush, QColor

from app.clock import format_cn_date
from app.officers.eligibility import CertStatus
from app.officers.roster_view import RosterRow

RED_BG = QColor("#f8d7da")
RED_FG = QColor("#9b1c1c")
ORANGE_BG = QColor("#ffe8c2")
ORANGE_FG = QColor("#8a4b00")
GREY_FG = QColor("#8a8a8a")
TRAINING_MARK = "▲"

# header, sort key (None: not sortable). What decides "may act" comes first.
COLUMNS: list[tuple[str, str | None]] = [
    (QT_TRANSLATE_NOOP("RosterTableModel", "姓名"), "name"),
    (QT_TRANSLATE_NOOP("RosterTableModel", "证件状态"), "status"),
    (QT_TRANSLATE_NOOP("RosterTableModel", "有效期至"), "valid_until"),
    (QT_TRANSLATE_NOOP("RosterTableModel", "执法证号"), "number"),
    (QT_TRANSLATE_NOOP("RosterTableModel", "执法类别"), None),
    (QT_TRANSLATE_NOOP("RosterTableModel", "本年培训学时"), "training"),
    (QT_TRANSLATE_NOOP("RosterTableModel", "人员类别"), "kind"),
    (QT_TRANSLATE_NOOP("RosterTableModel", "岗位"), None),
    (QT_TRANSLATE_NOOP("RosterTableModel", "资格"), None),
    (QT_TRANSLATE_NOOP("RosterTableModel", "单位"), "unit"),
]
STATUS_COLUMN = 1
TRAINING_COLUMN = 5
COLUMN_WIDTHS = (70, 128, 112, 136, 168, 128, 96, 80, 90, 170)
_Index = QModelIndex | QPersistentModelIndex


class RosterTableModel(QAbstractTableModel):
    sort_requested = Signal(str, bool)   # sort key, descending

    def __init__(self, parent=None) -> None:  # noqa: ANN001
        super().__init__(parent)
        self._rows: list[RosterRow] = []

    def set_rows(self, rows: list[RosterRow]) -> None:
        self.beginResetModel()
        self._rows = list(rows)
        self.endResetModel()

    def row_at(self, row: int) -> RosterRow:
        return self._rows[row]

    def rowCount(self, parent: _Index = QModelIndex()) -> int:  # noqa: N802, B008
        return 0 if parent.isValid() else len(self._rows)

    def columnCount(self, parent: _Index = QModelIndex()) -> int:  # noqa: N802, B008
        return 0 if parent.isValid() else len(COLUMNS)

    def headerData(self, section: int, orientation: Qt.Orientation,  # noqa: N802
                   role: int = Qt.ItemDataRole.DisplayRole):
        if orientation == Qt.Orientation.Horizontal and role == Qt.ItemDataRole.DisplayRole:
            return self.tr(COLUMNS[section][0])
        return None

    def sort(self, column: int, order: Qt.SortOrder = Qt.SortOrder.AscendingOrder) -> None:
        key = COLUMNS[column][1]
        if key is not None:
            self.sort_requested.emit(key, order == Qt.SortOrder.DescendingOrder)

    def data(self, index: _Index, role: int = Qt.ItemDataRole.DisplayRole):
        if not index.isValid():
            return None
        row = self._rows[index.row()]
        col = index.column()
        if role == Qt.ItemDataRole.DisplayRole:
            return self._text(row, col)
        if role == Qt.ItemDataRole.BackgroundRole:
            if row.is_blocked:
                return QBrush(RED_BG)
            if row.is_due:
                return QBrush(ORANGE_BG)
            return None
        if role == Qt.ItemDataRole.ForegroundRole:
            return self._foreground(row, col)
        if role == Qt.ItemDataRole.ToolTipRole:
            return self._tooltip(row, col)
        if role == Qt.ItemDataRole.UserRole:
            return row.officer_id
        return None

    @staticmethod
    def status_text(row: RosterRow) -> str:
        if not row.is_active:
            return QCoreApplication.translate("RosterTableModel", "已离岗")
        if row.is_auxiliary:
            return QCoreApplication.translate("RosterTableModel", "辅助人员（不持证）")
        if row.status is CertStatus.RENEWAL_DUE and row.renewal_issued:
            return QCoreApplication.translate("RosterTableModel", "有效（新证已下发）")
        return row.status.label

    def _text(self, row: RosterRow, col: int) -> str:
        if col == STATUS_COLUMN:
            return self.status_text(row)
        if col == TRAINING_COLUMN:
            if row.is_auxiliary:
                return f"{row.training_hours:g}"
            mark = self.tr(" {0}未达标").format(TRAINING_MARK) if row.training_short else ""
            return f"{row.training_hours:g} / {row.training_target:g}{mark}"
        if col == 2:
            return format_cn_date(row.valid_until) if row.valid_until else ""
        if col == 8:
            return self.tr("、").join(q for q, has in ((self.tr("法制审核"), row.is_legal_reviewer),
                                                      (self.tr("听证主持"), row.is_hearing_presider)) if has)
        return {0: row.name, 3: row.number, 4: self.tr("、").join(row.fields), 6: row.kind, 7: row.post,
                9: row.unit}[col]

    @staticmethod
    def _foreground(row: RosterRow, col: int) -> QBrush | None:
        if not row.is_active:
            return QBrush(GREY_FG)
        if col == STATUS_COLUMN and row.is_blocked:
            return QBrush(RED_FG)
        if col == STATUS_COLUMN and row.is_due:
            return QBrush(ORANGE_FG)
        if col == TRAINING_COLUMN and row.training_short:
            return QBrush(ORANGE_FG)
        return None

    @staticmethod
    def _tooltip(row: RosterRow, col: int) -> str | None:
        if col == STATUS_COLUMN and row.is_blocked:
            return QCoreApplication.translate("RosterTableModel", "{0} 今日不能作为承办人：证件状态为「{1}」").format(
                row.name, row.status.value)
        if col == STATUS_COLUMN and row.status is CertStatus.RENEWAL_DUE:
            return QCoreApplication.translate("RosterTableModel", "证件即将到期，请提醒本人办理年审或换证")
        if col == TRAINING_COLUMN and row.training_short:
            missing = row.training_target - row.training_hours
            return QCoreApplication.translate("RosterTableModel", "本年度培训学时未达标，还差 {0:g} 学时").format(missing)
        if col == 4 and row.fields:     # the column is narrow; the full list on hover
            return QCoreApplication.translate("RosterTableModel", "、").join(row.fields)
        return None
