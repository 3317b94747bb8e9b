"""Reading the county's roster file (CSV or XLSX) into plain rows, and parsing its cells.

The county sends the roster as a spreadsheet; clerks may also re-save it as CSV from WPS, which
writes GB18030 rather than UTF-8. Nothing here validates meaning (see roster_import); it only
turns the file into (row number, {column: text}) pairs, with row numbers as the clerk sees them.
"""

from __future__ import annotations

import csv
import io
import re
import unicodedata
from dataclasses import dataclass, field
from datetime import date, datetime, timedelta
from pathlib import Path

from app.errors import Invalid

# Column → accepted header spellings (normalised: NFKC, no spaces).
# Column → accepted header spellings (normalised: NFKC, no spaces). The English keys are those of
# the county server's roster publication (app.server.reference) and of sync payloads.
COLUMNS: dict[str, tuple[str, ...]] = {
    "姓名": ("姓名", "name"),
    "性别": ("性别", "sex"),
    "身份证号码": ("身份证号码", "身份证号", "公民身份号码", "id_number"),
    "单位": ("单位", "所在单位", "工作单位", "unit"),
    "中队": ("中队", "所属中队", "squad"),
    "岗位": ("岗位", "职务", "title", "post"),
    "人员类别": ("人员类别", "类别", "人员类型", "kind"),
    "执法证号": ("执法证号", "证号", "行政执法证号", "certificate_no"),
    "发证机关": ("发证机关", "监制机关", "issuing_authority"),
    "执法类别": ("执法类别", "执法领域", "执法类别/领域", "fields"),
    "发证日期": ("发证日期", "certificate_issued_on", "issued_on"),
    "有效期至": ("有效期至", "有效期限", "有效期截止", "证件有效期至", "certificate_valid_until",
             "valid_until"),
    "证件状态": ("证件状态", "状态", "certificate_status", "status"),
    "状态日期": ("状态日期", "状态变更日期", "status_since"),
    "不得重新申领至": ("不得重新申领至", "禁止申领至", "no_reapply_until"),
    "法制审核": ("法制审核", "法制审核人员", "legal_reviewer"),
    "法律职业资格证号": ("法律职业资格证号", "法律职业资格证书编号", "legal_qualification_no"),
    "听证主持人": ("听证主持人", "hearing_presider"),
    "在岗状态": ("在岗状态", "在岗", "on_post"),
}
REQUIRED_COLUMNS = ("姓名", "身份证号码", "单位", "人员类别", "执法证号", "执法类别", "发证日期",
                    "有效期至")
_EXCEL_EPOCH = date(1899, 12, 30)
_DATE = re.compile(r"^(\d{4})\s*[-/.年]\s*(\d{1,2})\s*[-/.月]\s*(\d{1,2})\s*日?$")


@dataclass
class RosterTable:
    """The file's header mapped to our column names, and its data rows with file row numbers."""

    columns: dict[str, int]                           # our column name → position in the file
    rows: list[tuple[int, list[object]]] = field(default_factory=list)
    missing: list[str] = field(default_factory=list)  # required columns not found
    unknown_headers: list[str] = field(default_factory=list)

    def value(self, cells: list[object], column: str) -> object:
        pos = self.columns.get(column)
        if pos is None or pos >= len(cells):
            return None
        return cells[pos]


def _norm_header(text: object) -> str:
    return re.sub(r"\s+", "", unicodedata.normalize("NFKC", str(text or "")))


def table_from_rows(raw_rows: list[list[object]]) -> RosterTable:
    """Build a RosterTable from the file's rows (the first non-empty row is the header)."""
    start = next((i for i, r in enumerate(raw_rows) if any(text(c) for c in r)), None)
    if start is None:
        raise Invalid("名册文件是空的，没有表头也没有数据")
    header = [_norm_header(c) for c in raw_rows[start]]
    spelling = {alias: col for col, aliases in COLUMNS.items() for alias in aliases}
    columns: dict[str, int] = {}
    unknown: list[str] = []
    for pos, name in enumerate(header):
        col = spelling.get(name)
        if col is not None and col not in columns:
            columns[col] = pos
        elif name:
            unknown.append(name)
    table = RosterTable(columns=columns, unknown_headers=unknown,
                        missing=[c for c in REQUIRED_COLUMNS if c not in columns])
    for offset, cells in enumerate(raw_rows[start + 1:], start=start + 2):
        if any(text(c) for c in cells):
            table.rows.append((offset, list(cells)))
    return table


def read_roster_file(path: Path) -> RosterTable:
    """Read a .csv or .xlsx roster. Raises Invalid for an unreadable or unsupported file."""
    suffix = path.suffix.lower()
    try:
        data = path.read_bytes()
    except OSError as exc:
        raise Invalid(f"无法读取名册文件 {path.name}：{exc.strerror or exc}") from exc
    if suffix == ".csv":
        return table_from_rows(_csv_rows(data))
    if suffix in (".xlsx", ".xlsm"):
        return table_from_rows(_xlsx_rows(data, path.name))
    raise Invalid(f"不支持的名册文件格式「{suffix or path.name}」，请使用 .xlsx 或 .csv")


def _csv_rows(data: bytes) -> list[list[object]]:
    for encoding in ("utf-8-sig", "gb18030"):
        try:
            decoded = data.decode(encoding)
        except UnicodeDecodeError:
            continue
        try:
            return [list(r) for r in csv.reader(io.StringIO(decoded))]
        except csv.Error as exc:
            raise Invalid(f"名册 CSV 文件格式有误：{exc}") from exc
    raise Invalid("名册 CSV 文件编码无法识别，请另存为 UTF-8 或 Excel 文件")


def _xlsx_rows(data: bytes, name: str) -> list[list[object]]:
    import zlib  # noqa: PLC0415
    from zipfile import BadZipFile  # noqa: PLC0415

    import openpyxl  # noqa: PLC0415 - only needed for Excel files
    from openpyxl.utils.exceptions import InvalidFileException  # noqa: PLC0415

    # A damaged workbook fails in many ways (zip, XML, cell values); each means the same thing
    # to the clerk. SyntaxError covers the XML parser's ParseError.
    broken = (BadZipFile, InvalidFileException, KeyError, ValueError, TypeError, IndexError,
              OSError, EOFError, SyntaxError, zlib.error)
    try:
        book = openpyxl.load_workbook(io.BytesIO(data), read_only=True, data_only=True)
        try:
            if not book.worksheets:
                raise Invalid(f"名册文件 {name} 中没有工作表")
            return [list(r) for r in book.worksheets[0].iter_rows(values_only=True)]
        finally:
            book.close()
    except broken as exc:
        raise Invalid(f"名册文件 {name} 不是有效的 Excel 文件或已损坏：{exc}") from exc


def text(value: object) -> str:
    """A cell as clean text: NFKC (full-width → ASCII), trimmed; numbers without '.0'."""
    if value is None:
        return ""
    if isinstance(value, float) and value.is_integer():
        value = int(value)
    return unicodedata.normalize("NFKC", str(value)).strip()


def parse_date(value: object) -> date:
    """A date cell: a real date, an Excel serial, or 2026-03-01 / 2026/3/1 / 2026年3月1日 / 20260301."""
    if isinstance(value, datetime):
        return value.date()
    if isinstance(value, date):
        return value
    if isinstance(value, (int, float)) and not isinstance(value, bool) and 1 <= value < 2958466:
        if 19000101 <= value <= 29991231:
            return parse_date(str(int(value)))
        return _EXCEL_EPOCH + timedelta(days=int(value))
    raw = text(value)
    if not raw:
        raise Invalid("日期为空")
    match = _DATE.match(raw)
    try:
        if match:
            return date(int(match[1]), int(match[2]), int(match[3]))
        if re.fullmatch(r"\d{8}", raw):
            return date(int(raw[:4]), int(raw[4:6]), int(raw[6:]))
    except ValueError:
        pass
    raise Invalid(f"「{raw}」不是有效日期")


def parse_yes_no(value: object) -> bool:
    raw = text(value)
    if raw in ("", "否", "无", "N", "n", "0", "FALSE", "false"):
        return False
    if raw in ("是", "有", "Y", "y", "1", "TRUE", "true", "√"):
        return True
    raise Invalid(f"「{raw}」应填“是”或“否”")


def split_fields(value: object) -> list[str]:
    parts = re.split(r"[、,，;；/|\n]+", text(value))
    return list(dict.fromkeys(p.strip() for p in parts if p.strip()))
