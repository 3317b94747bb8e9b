"""Importing the county roster: validate every row, report every problem, import all or nothing.

`check_roster` reads and validates without writing (the preview the clerk sees); `import_roster`
does the same checks and then writes inside a savepoint of the caller's transaction — if any row
is wrong, nothing is imported and `RosterInvalid` carries the full report. Sync hands its rows to
`import_table` so the county's data passes the same checks.

The county's roster is authoritative for who belongs to the squad. A complete roster (a file, or
the county's "roster" publication) marks every officer in post here who is not on it as gone
(调离: out of post from the import day, row kept — cases and documents name them), each with its
own audit entry. The preview lists those officers (`RosterReport.departures`) before anything is
written; a partial roster (`complete=False`: a supplement, or certificates travelling as roster
rows) marks nobody.

The caller opens the session with `store.write(actor, IMPORT_ACTION)` (or origin="sync").
"""

from __future__ import annotations

import re
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass, field
from datetime import date
from pathlib import Path

from sqlalchemy import func, select
from sqlalchemy.orm import Session, selectinload

from app.clock import format_cn_date
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

__all__ = ["DEPARTURE_ACTION", "IMPORT_ACTION", "Departure", "RosterInvalid", "RosterReport",
           "check_roster", "import_roster", "import_table", "validate_table"]

# The audit action of each officer a complete roster marks as gone (one entry per officer).
DEPARTURE_ACTION = "officers.roster_departure"

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


@dataclass(frozen=True)
class Departure:
    """An officer in post here whom the new roster no longer lists: plain values for the preview."""

    officer_id: str
    name: str
    unit: str
    post: str
    kind: str
    certificate_number: str

    def __str__(self) -> str:
        details = [d for d in (self.unit, self.post or self.kind) if d]
        if self.certificate_number:
            details.append(f"执法证号 {self.certificate_number}")
        return f"{self.name}（{' · '.join(details)}）" if details else self.name


@dataclass
class RosterReport:
    rows: int = 0
    errors: list[RowError] = field(default_factory=list)
    warnings: list[str] = field(default_factory=list)
    created: int = 0
    updated: int = 0
    entries: list[Entry] = field(default_factory=list, repr=False)
    complete: bool = True                 # a whole roster: who is missing has left
    departures: list[Departure] = field(default_factory=list)   # to mark (check) / marked (import)
    departed: int = 0                     # marked by the import

    @property
    def ok(self) -> bool:
        return not self.errors

    def lines(self) -> list[str]:
        return [str(e) for e in self.errors]

    def summary(self) -> str:
        if self.errors:
            return f"名册共 {self.rows} 行，发现 {len(self.errors)} 处错误，未导入任何数据。"
        if self.created or self.updated or self.departed:
            tail = f"，标记已调离 {self.departed} 人" if self.departed else ""
            return (f"已导入名册 {self.rows} 行：新增 {self.created} 人，"
                    f"更新 {self.updated} 人{tail}。")
        if self.departures:
            return (f"名册共 {self.rows} 行，检查通过。本机名册中有 {len(self.departures)} 人"
                    "不在此名册中，导入后将标记为已调离。")
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


def check_roster(session: Session, path: Path, *, pattern: str, today: date,
                 complete: bool = True) -> RosterReport:
    """Read and validate a roster file; writes nothing. Raises Invalid only for unreadable files.

    For a complete roster the report lists who would be marked as gone (`departures`)."""
    return _validated(session, read_roster_file(path), pattern=pattern, today=today,
                      complete=complete)


def _validated(session: Session, table: RosterTable, *, pattern: str, today: date,
               complete: bool) -> RosterReport:
    report = validate_table(table, pattern=pattern, today=today)
    report.complete = complete
    if report.ok:
        _check_against_store(session, report)
    if report.ok and complete:
        report.departures = _departures(session, report)
        if report.departures and len(report.departures) * 2 > _in_post(session):
            report.warnings.append(
                f"注意：本机在岗的人员中有一半以上（{len(report.departures)} 人）不在此名册中，"
                "请确认这是县局下发的完整名册；如只是增补或变更名册，请选择“部分名册”。")
    return report


def _in_post(session: Session) -> int:
    return session.scalar(select(func.count()).select_from(Officer).where(
        Officer.deleted.is_(False), Officer.is_active.is_(True))) or 0


def _departures(session: Session, report: RosterReport) -> list[Departure]:
    """Officers in post here whose ID number the roster does not list (by name)."""
    listed = {e.officer["id_number"] for e in report.entries}
    # The whole roster (thousands of rows at most) is read at once: a NOT IN over every listed
    # ID number would outgrow SQLite's parameter limit.
    gone = [row for row in session.execute(
        select(Officer.id, Officer.id_number, Officer.name, Officer.unit, Officer.post,
               Officer.kind)
        .where(Officer.deleted.is_(False), Officer.is_active.is_(True))
        .order_by(Officer.name, Officer.id)
    ) if row.id_number not in listed]
    numbers: dict[str, str] = {}
    ids = [row.id for row in gone]
    for chunk in range(0, len(ids), 500):
        for officer_id, number in session.execute(
            select(Certificate.officer_id, Certificate.number)
            .where(Certificate.officer_id.in_(ids[chunk:chunk + 500]),
                   Certificate.deleted.is_(False))
            .order_by(Certificate.issued_on)
        ):
            numbers[officer_id] = number          # the latest card names the officer
    return [Departure(row.id, row.name, row.unit or "", row.post or "", row.kind or "",
                      numbers.get(row.id, "")) for row in gone]


def import_roster(session: Session, path: Path, *, pattern: str, today: date,
                  progress: Progress = no_progress, complete: bool = True,
                  expected_departures: frozenset[str] | None = None) -> RosterReport:
    """Validate and import a roster file, all or nothing (see module docstring)."""
    return import_table(session, read_roster_file(path), pattern=pattern, today=today,
                        progress=progress, complete=complete,
                        expected_departures=expected_departures)


def import_table(session: Session, table: RosterTable, *, pattern: str, today: date,
                 progress: Progress = no_progress, complete: bool = True,
                 expected_departures: frozenset[str] | None = None) -> RosterReport:
    """`complete`: the table is the squad's whole roster, so officers in post here that it does
    not list are marked as gone. `expected_departures`: the officer ids the clerk saw in the
    preview; if the roster here changed since (a sync in between), nothing is imported rather
    than marking someone the clerk was not shown."""
    actor = session.info.get("actor")
    if session.info.get("origin") != "sync":
        if actor is None:
            raise Invalid("导入名册须在写入事务中进行")
        require(actor, Permission.IMPORT_ROSTER)
    report = _validated(session, table, pattern=pattern, today=today, complete=complete)
    if not report.ok:
        raise RosterInvalid(report)
    if (expected_departures is not None
            and frozenset(d.officer_id for d in report.departures) != expected_departures):
        raise Invalid("检查名册之后，本机名册已有变化（可能刚与县局同步过），"
                      "将标记为已调离的人员与检查结果不同。请重新检查名册后再导入。")
    with session.begin_nested():   # all rows or none, even if the caller goes on afterwards
        total = len(report.entries) + len(report.departures)
        for done, entry in enumerate(report.entries, 1):
            _apply(session, entry, report, today=today)
            progress(done, total)
        session.flush()            # the roster's own rows are audited under the import's action
        for done, departure in enumerate(report.departures, len(report.entries) + 1):
            _mark_departed(session, departure, today=today)
            report.departed += 1
            progress(done, total)
    return report


def _mark_departed(session: Session, departure: Departure, *, today: date) -> None:
    officer = session.get(Officer, departure.officer_id)
    registry.mark_departed(session, officer, on=today)
    summary = (f"县局名册中已无{officer.name}：自{format_cn_date(today)}起标记为已调离，"
               "不能再参与执法")
    with _audited_as(session, DEPARTURE_ACTION, summary):
        session.flush()


@contextmanager
def _audited_as(session: Session, action: str, summary: str) -> Iterator[None]:
    """Flush under its own audit action and summary, so each departure says what happened to
    whom; the transaction's own action is restored afterwards (registry checks it)."""
    saved = session.info.get("action"), session.info.get("summary")
    session.info.update(action=action, summary=summary)
    try:
        yield
    finally:
        session.info["action"], session.info["summary"] = saved


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

