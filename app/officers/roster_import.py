"""Importing the county roster: validate every row, report every problem, import all or nothing.

`check_roster` reads and validates without writing (the preview the clerk sees); `import_roster`
does the same checks and then writes inside a savepoint of the caller's transaction — if any row
is wrong, nothing is imported and `RosterInvalid` carries the full report. Sync hands its rows to
`import_table` so the county's data passes the same checks.

The caller opens the session with `store.write(actor, IMPORT_ACTION)` (or origin="sync").
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from datetime import date
from pathlib import Path

from sqlalchemy import select
from sqlalchemy.orm import Session, selectinload

from app.db.models.officers import (
    DEFAULT_ISSUER,
    KIND_AUXILIARY,
    KIND_OFFICER,
    STATUS_CANCELLED,
    STATUS_EXPIRED,
    STATUS_REVOKED,
    STATUS_SUSPENDED,
    STATUS_VALID,
    Certificate,
    Officer,
)
from app.domain.identifiers import check_resident_id
from app.errors import Invalid
from app.officers import registry
from app.officers.registry import IMPORT_ACTION, TRANSITIONS
from app.officers.roster_file import (
    RosterTable,
    parse_date,
    parse_yes_no,
    read_roster_file,
    split_fields,
    text,
)
from app.progress import Progress, no_progress
from app.security.roles import Permission, require

__all__ = ["IMPORT_ACTION", "RosterInvalid", "RosterReport", "check_roster", "import_roster",
           "import_table", "validate_table"]

KIND_ALIASES = {
    KIND_OFFICER: KIND_OFFICER, "在编": KIND_OFFICER, "执法人员": KIND_OFFICER,
    "行政执法人员": KIND_OFFICER,
    KIND_AUXILIARY: KIND_AUXILIARY, "辅助": KIND_AUXILIARY, "协管员": KIND_AUXILIARY,
    "执法辅助人员": KIND_AUXILIARY, "行政执法辅助人员": KIND_AUXILIARY,
}
IMPORTABLE_STATUSES = (STATUS_VALID, STATUS_SUSPENDED, STATUS_REVOKED, STATUS_CANCELLED,
                       STATUS_EXPIRED)


@dataclass(frozen=True)
class RowError:
    row: int          # as the clerk sees it in the spreadsheet (header is row 1)
    column: str       # our column name, "" for the whole row or file
    message: str

    def __str__(self) -> str:
        where = f"第{self.row}行" if self.row else "文件"
        return f"{where}{f'「{self.column}」' if self.column else ''}：{self.message}"


@dataclass
class Entry:
    """One valid row, parsed."""

    row: int
    officer: dict[str, object]
    certificate: dict[str, object] | None
    status: str = STATUS_VALID
    status_on: date | None = None
    no_reapply_until: date | None = None


@dataclass
class RosterReport:
    rows: int = 0
    errors: list[RowError] = field(default_factory=list)
    warnings: list[str] = field(default_factory=list)
    created: int = 0
    updated: int = 0
    entries: list[Entry] = field(default_factory=list, repr=False)

    @property
    def ok(self) -> bool:
        return not self.errors

    def lines(self) -> list[str]:
        return [str(e) for e in self.errors]

    def summary(self) -> str:
        if self.errors:
            return f"名册共 {self.rows} 行，发现 {len(self.errors)} 处错误，未导入任何数据。"
        if self.created or self.updated:
            return f"已导入名册 {self.rows} 行：新增 {self.created} 人，更新 {self.updated} 人。"
        return f"名册共 {self.rows} 行，检查通过，可以导入。"


class RosterInvalid(Invalid):
    def __init__(self, report: RosterReport) -> None:
        head = report.summary()
        shown = report.lines()[:10]
        more = len(report.errors) - len(shown)
        tail = [f"……另有 {more} 处错误"] if more > 0 else []
        super().__init__("\n".join([head, *shown, *tail]))
        self.report = report


def validate_table(table: RosterTable, *, pattern: str, today: date) -> RosterReport:
    """Check every row without touching the database. Never raises for bad content."""
    report = RosterReport(rows=len(table.rows))
    try:
        re.compile(pattern)
    except re.error:
        report.errors.append(RowError(0, "", f"设置中的执法证号格式「{pattern}」不是有效的正则表达式，"
                                             "请管理员更正设置"))
        return report
    if table.unknown_headers:
        report.warnings.append("以下列不属于名册格式，未导入：" + "、".join(table.unknown_headers))
    if table.missing:
        report.errors.append(RowError(1, "", "缺少必需的列：" + "、".join(table.missing)))
        return report
    if not table.rows:
        report.errors.append(RowError(1, "", "名册没有数据行"))
        return report
    seen_ids: dict[str, int] = {}
    seen_numbers: dict[str, int] = {}
    for row, cells in table.rows:
        errors: list[RowError] = []
        entry = _parse_row(table, row, cells, pattern=pattern, today=today, errors=errors)
        if entry is not None:
            id_number = entry.officer["id_number"]
            if id_number in seen_ids:
                errors.append(RowError(row, "身份证号码",
                                       f"与第{seen_ids[id_number]}行重复（每人一行）"))
            seen_ids.setdefault(id_number, row)
            number = entry.certificate["number"] if entry.certificate else None
            if number:
                if number in seen_numbers:
                    errors.append(RowError(row, "执法证号",
                                           f"执法证号{number}与第{seen_numbers[number]}行重复"))
                seen_numbers.setdefault(number, row)
        report.errors.extend(errors)
        if entry is not None and not errors:
            report.entries.append(entry)
    return report


def _cell(table: RosterTable, cells: list[object], column: str) -> str:
    return text(table.value(cells, column))


def _parse_row(table: RosterTable, row: int, cells: list[object], *, pattern: str, today: date,
               errors: list[RowError]) -> Entry | None:
    def fail(column: str, message: str) -> None:
        errors.append(RowError(row, column, message))

    def attempt(column: str, parse, value):  # noqa: ANN001, ANN202
        try:
            return parse(value)
        except Invalid as exc:
            fail(column, str(exc))
            return None

    name = _cell(table, cells, "姓名")
    if not name:
        fail("姓名", "姓名不能为空")
    elif len(name) > 50:
        fail("姓名", "姓名过长")
    resident = attempt("身份证号码", lambda v: check_resident_id(v, today=today),
                       _cell(table, cells, "身份证号码"))
    unit = _cell(table, cells, "单位")
    if not unit:
        fail("单位", "单位不能为空")
    raw_kind = _cell(table, cells, "人员类别")
    kind = KIND_ALIASES.get(raw_kind)
    if kind is None:
        fail("人员类别", f"人员类别「{raw_kind}」无法识别，应为“在编执法人员”或“辅助人员”")
    sex = _cell(table, cells, "性别")
    if sex and sex not in ("男", "女"):
        fail("性别", f"性别「{sex}」应为“男”或“女”")
    elif resident is not None and sex and sex != resident.sex:
        fail("性别", f"性别「{sex}」与身份证号码不符")
    reviewer = attempt("法制审核", parse_yes_no, table.value(cells, "法制审核")) or False
    legal_no = _cell(table, cells, "法律职业资格证号")
    if reviewer and not legal_no:
        fail("法律职业资格证号", "法制审核人员须填写法律职业资格证号")
    presider = attempt("听证主持人", parse_yes_no, table.value(cells, "听证主持人")) or False
    on_post = _cell(table, cells, "在岗状态") or "在岗"
    if on_post not in ("在岗", "离岗"):
        fail("在岗状态", f"在岗状态「{on_post}」应为“在岗”或“离岗”")
    certificate, status, status_on, no_reapply = _parse_certificate(
        table, cells, kind=kind, pattern=pattern, fail=fail, attempt=attempt)
    if errors or resident is None or kind is None:
        return None
    officer = dict(
        id_number=resident.number, name=name, sex=sex or resident.sex, unit=unit,
        squad=_cell(table, cells, "中队"), post=_cell(table, cells, "岗位"), kind=kind,
        is_legal_reviewer=reviewer, legal_qualification_no=legal_no or None,
        is_hearing_presider=presider, is_active=on_post == "在岗",
    )
    return Entry(row, officer, certificate, status, status_on, no_reapply)


def _parse_certificate(table, cells, *, kind, pattern, fail, attempt):  # noqa: ANN001, ANN202
    number_text = _cell(table, cells, "执法证号")
    if kind == KIND_AUXILIARY:
        if number_text:
            fail("执法证号", "辅助人员不能持有行政执法证，请核对人员类别")
        return None, STATUS_VALID, None, None
    if kind is None:
        return None, STATUS_VALID, None, None
    number = attempt("执法证号", lambda v: registry.check_certificate_number(v, pattern),
                     number_text)
    fields = split_fields(table.value(cells, "执法类别"))
    if not fields:
        fail("执法类别", "在编执法人员须填写执法类别")
    issued = attempt("发证日期", parse_date, table.value(cells, "发证日期"))
    until = attempt("有效期至", parse_date, table.value(cells, "有效期至"))
    if issued and until and until < issued:
        fail("有效期至", "有效期截止日早于发证日期")
    status = _cell(table, cells, "证件状态") or STATUS_VALID
    if status not in IMPORTABLE_STATUSES:
        fail("证件状态", f"证件状态「{status}」无法识别，应为：{'、'.join(IMPORTABLE_STATUSES)}")
    status_on = None
    if table.value(cells, "状态日期") not in (None, ""):
        status_on = attempt("状态日期", parse_date, table.value(cells, "状态日期"))
    no_reapply = None
    if table.value(cells, "不得重新申领至") not in (None, ""):
        no_reapply = attempt("不得重新申领至", parse_date, table.value(cells, "不得重新申领至"))
    if no_reapply and status != STATUS_REVOKED:
        fail("不得重新申领至", "只有吊销的执法证才填写不得重新申领日期")
    cert = dict(number=number, fields=fields, issued_on=issued, valid_until=until,
                issuing_authority=_cell(table, cells, "发证机关") or DEFAULT_ISSUER)
    return cert, status, status_on, no_reapply


def _check_against_store(session: Session, report: RosterReport) -> None:
    """Rows that are fine on their own but clash with what the county sent before."""
    numbers = [e.certificate["number"] for e in report.entries if e.certificate]
    owners: dict[str, tuple[str, str, str]] = {}
    for chunk in range(0, len(numbers), 500):
        for number, id_number, name, status in session.execute(
            select(Certificate.number, Officer.id_number, Officer.name, Certificate.status)
            .join(Officer, Certificate.officer_id == Officer.id)
            .where(Certificate.number.in_(numbers[chunk:chunk + 500]))
        ):
            owners[number] = (id_number, name, status)
    kept: list[Entry] = []
    for entry in report.entries:
        problem = ""
        if entry.certificate and entry.certificate["number"] in owners:
            id_number, name, current = owners[entry.certificate["number"]]
            if id_number != entry.officer["id_number"]:
                problem = f"执法证号{entry.certificate['number']}已登记在{name}名下"
            elif entry.status != current and entry.status not in TRANSITIONS.get(current, ()):
                problem = f"执法证当前为「{current}」，不能变更为「{entry.status}」"
        if problem:
            report.errors.append(RowError(entry.row, "执法证号" if "名下" in problem else "证件状态",
                                          problem))
        else:
            kept.append(entry)
    report.entries = kept
    report.errors.sort(key=lambda e: e.row)


def check_roster(session: Session, path: Path, *, pattern: str, today: date) -> RosterReport:
    """Read and validate a roster file; writes nothing. Raises Invalid only for unreadable files."""
    return _validated(session, read_roster_file(path), pattern=pattern, today=today)


def _validated(session: Session, table: RosterTable, *, pattern: str, today: date) -> RosterReport:
    report = validate_table(table, pattern=pattern, today=today)
    if report.ok:
        _check_against_store(session, report)
    return report


def import_roster(session: Session, path: Path, *, pattern: str, today: date,
                  progress: Progress = no_progress) -> RosterReport:
    """Validate and import a roster file, all or nothing (see module docstring)."""
    return import_table(session, read_roster_file(path), pattern=pattern, today=today,
                        progress=progress)


def import_table(session: Session, table: RosterTable, *, pattern: str, today: date,
                 progress: Progress = no_progress) -> RosterReport:
    actor = session.info.get("actor")
    if session.info.get("origin") != "sync":
        if actor is None:
            raise Invalid("导入名册须在写入事务中进行")
        require(actor, Permission.IMPORT_ROSTER)
    report = _validated(session, table, pattern=pattern, today=today)
    if not report.ok:
        raise RosterInvalid(report)
    with session.begin_nested():   # all rows or none, even if the caller goes on afterwards
        for done, entry in enumerate(report.entries, 1):
            _apply(session, entry, report, today=today)
            progress(done, len(report.entries))
    return report


def _apply(session: Session, entry: Entry, report: RosterReport, *, today: date) -> None:
    existing = session.scalar(select(Officer).where(
        Officer.id_number == entry.officer["id_number"], Officer.deleted.is_(False)))
    values = dict(entry.officer)
    if existing is not None and existing.is_active and not values["is_active"]:
        values["left_on"] = today          # the roster says they left: from today on
    elif values["is_active"]:
        values["left_on"] = None
    officer = registry.upsert_officer(session, **values)
    session.flush()
    if existing:
        report.updated += 1
    else:
        report.created += 1
    if entry.certificate is None:
        return
    c = entry.certificate
    cert = session.scalar(select(Certificate).where(Certificate.number == c["number"])
                          .options(selectinload(Certificate.events)))
    if cert is None:
        cert = registry.add_certificate(session, officer, number=c["number"], fields=c["fields"],
                                        issued_on=c["issued_on"], valid_until=c["valid_until"],
                                        issuing_authority=c["issuing_authority"])
    else:
        for key in ("fields", "issued_on", "valid_until", "issuing_authority"):
            setattr(cert, key, c[key])
        if session.is_modified(cert):
            registry._stamp(session, cert)  # noqa: SLF001 - same package
    if entry.status != cert.status:
        registry.record_status(
            session, cert, entry.status, effective_on=entry.status_on or today,
            reason="县局名册导入", no_reapply_until=entry.no_reapply_until)

