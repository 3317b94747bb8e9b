"""Roster import: a good file imports whole; a bad file imports nothing and reports every error."""

from __future__ import annotations

import csv
from datetime import date
from pathlib import Path

import openpyxl
import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from sqlalchemy import func, select

from app.db.models.officers import Certificate, CertificateStatusEvent, Officer
from app.errors import Forbidden, Invalid
from app.officers.roster_file import table_from_rows
from app.officers.roster_import import (
    IMPORT_ACTION,
    RosterInvalid,
    check_roster,
    import_roster,
    import_table,
)
from app.settings import Preferences

from officer_builders import make_id_number

TODAY = date(2026, 6, 1)
PATTERN = Preferences().certificate_pattern
HEADER = ["姓名", "性别", "身份证号码", "单位", "人员类别", "执法证号", "执法类别", "发证日期",
          "有效期至", "证件状态", "法制审核", "法律职业资格证号"]
ID_A, ID_B, ID_C = make_id_number("19800101"), make_id_number("19900202"), make_id_number("19950303")


def good_rows() -> list[list[str]]:
    return [
        HEADER,
        ["张三", "", ID_A, "崇州市综合行政执法局", "在编执法人员", "51010000001",
         "城市管理、市场监管", "2022-01-01", "2027-12-31", "有效", "否", ""],
        ["李明", "", ID_B, "崇州市综合行政执法局", "在编", "５１０１００００００２",
         "城市管理", "2022/1/1", "2026年7月1日", "暂扣", "是", "A20165101000123"],
        ["王小二", "", ID_C, "崇州市怀远镇人民政府", "辅助人员", "", "", "", "", "", "", ""],
    ]


def write_csv(path: Path, rows, encoding="utf-8-sig") -> Path:
    with path.open("w", newline="", encoding=encoding) as out:
        csv.writer(out).writerows(rows)
    return path


def write_xlsx(path: Path, rows) -> Path:
    book = openpyxl.Workbook()
    for row in rows:
        book.active.append(row)
    book.save(path)
    return path


def counts(store) -> tuple[int, int]:
    with store.read() as s:
        return (s.scalar(select(func.count()).select_from(Officer)),
                s.scalar(select(func.count()).select_from(Certificate)))


def run_import(store, actor, path):
    with store.write(actor, IMPORT_ACTION, summary="导入县局名册") as s:
        return import_roster(s, path, pattern=PATTERN, today=TODAY)


@pytest.mark.parametrize("writer", [write_csv, write_xlsx])
def test_good_file_imports_every_row(store, actor, tmp_path, writer):
    path = writer(tmp_path / f"roster.{'csv' if writer is write_csv else 'xlsx'}", good_rows())
    report = run_import(store, actor, path)
    assert (report.created, report.updated, report.ok) == (3, 0, True)
    assert counts(store) == (3, 2)
    with store.read() as s:
        li = s.scalar(select(Officer).where(Officer.name == "李明"))
        assert li.sex == "男" or li.sex == "女"
        assert li.is_legal_reviewer and li.legal_qualification_no == "A20165101000123"
        [cert] = li.certificates
        assert (cert.number, cert.status, cert.valid_until) == ("51010000002", "暂扣", date(2026, 7, 1))
        assert [e.status for e in cert.events] == ["有效", "暂扣"]


def test_reimport_updates_and_records_status_changes(store, actor, tmp_path):
    run_import(store, actor, write_csv(tmp_path / "a.csv", good_rows()))
    rows = good_rows()
    rows[2][9] = "有效"           # 李明 reinstated
    rows[1][8] = "2031-12-31"     # 张三 renewed
    report = run_import(store, actor, write_csv(tmp_path / "b.csv", rows))
    assert (report.created, report.updated) == (0, 3)
    assert counts(store) == (3, 2)
    with store.read() as s:
        assert s.scalar(select(func.count()).select_from(CertificateStatusEvent)) == 4
        cert = s.scalar(select(Certificate).where(Certificate.number == "51010000001"))
        assert cert.valid_until == date(2031, 12, 31)


def test_gb18030_csv_from_wps_is_read(store, actor, tmp_path):
    report = run_import(store, actor, write_csv(tmp_path / "wps.csv", good_rows(), "gb18030"))
    assert report.created == 3


def test_bad_file_imports_nothing_and_reports_every_error(store, actor, tmp_path):
    rows = good_rows()
    valid = make_id_number()
    wrong = valid[:-1] + ("0" if valid[-1] != "0" else "1")
    rows.append(["赵六", "", wrong, "局", "在编执法人员", "51010000009",
                 "城市管理", "2022-01-01", "2027-01-01", "", "", ""])         # bad check digit
    rows.append(["钱七", "", make_id_number(), "局", "合同工", "", "", "", "", "", "", ""])
    rows.append(["孙八", "", make_id_number(), "局", "在编执法人员", "51-0x", "城市管理",
                 "2022-01-01", "2027-01-01", "", "", ""])                      # bad pattern
    rows.append(["周九", "", make_id_number(), "局", "在编执法人员", "51010000001", "城市管理",
                 "2022-01-01", "2027-01-01", "", "", ""])                      # duplicate number
    rows.append(["吴十", "", make_id_number(), "局", "在编执法人员", "51010000011", "城市管理",
                 "2024-01-01", "2023-01-01", "", "", ""])                      # until < issued
    rows.append(["郑一", "", make_id_number(), "局", "在编执法人员", "51010000012", "",
                 "某天", "2027-01-01", "作废", "是", ""])
    path = write_csv(tmp_path / "bad.csv", rows)
    with pytest.raises(RosterInvalid) as err:
        run_import(store, actor, path)
    lines = err.value.report.lines()
    assert lines == [
        f"第5行「身份证号码」：身份证号码校验位错误：应为 {valid[-1]}，实为 {wrong[-1]}",
        "第6行「人员类别」：人员类别「合同工」无法识别，应为“在编执法人员”或“辅助人员”",
        "第7行「执法证号」：执法证号「51-0X」不符合本省证号格式",
        "第8行「执法证号」：执法证号51010000001与第2行重复",
        "第9行「有效期至」：有效期截止日早于发证日期",
        "第10行「法律职业资格证号」：法制审核人员须填写法律职业资格证号",
        "第10行「执法类别」：在编执法人员须填写执法类别",
        "第10行「发证日期」：「某天」不是有效日期",
        "第10行「证件状态」：证件状态「作废」无法识别，应为：有效、暂扣、吊销、注销、过期",
    ]
    assert str(err.value).startswith("名册共 9 行，发现 9 处错误，未导入任何数据。")
    assert counts(store) == (0, 0)


def test_missing_columns_are_named(store, actor, tmp_path):
    path = write_xlsx(tmp_path / "cols.xlsx", [["姓名", "单位"], ["张三", "局"]])
    with store.read() as s:
        report = check_roster(s, path, pattern=PATTERN, today=TODAY)
    assert report.lines() == ["第1行：缺少必需的列：身份证号码、人员类别、执法证号、执法类别、发证日期、有效期至"]


def test_number_already_held_by_someone_else_is_refused(store, actor, tmp_path, county):
    county.officer("老周", number="51010000001")
    with pytest.raises(RosterInvalid, match="第2行「执法证号」：执法证号51010000001已登记在老周名下"):
        run_import(store, actor, write_csv(tmp_path / "r.csv", good_rows()))
    assert counts(store) == (1, 1)


def test_import_needs_the_import_permission(store, actor, tmp_path):
    from app.context import Actor

    clerk = Actor(user="文书", squad_id=actor.squad_id, device_id=actor.device_id,
                  roles=frozenset({"clerk"}))
    with pytest.raises(Forbidden):
        run_import(store, clerk, write_csv(tmp_path / "r.csv", good_rows()))


def test_unsupported_or_broken_files_say_so(store, actor, tmp_path):
    (tmp_path / "r.txt").write_text("x")
    (tmp_path / "r.xlsx").write_bytes(b"not a zip")
    with store.read() as s:
        with pytest.raises(Invalid, match="不支持的名册文件格式"):
            check_roster(s, tmp_path / "r.txt", pattern=PATTERN, today=TODAY)
        with pytest.raises(Invalid, match="不是有效的 Excel 文件"):
            check_roster(s, tmp_path / "r.xlsx", pattern=PATTERN, today=TODAY)


class _Rollback(Exception):
    pass


cell = st.one_of(
    st.none(), st.text(max_size=30), st.integers(-10**12, 10**12),
    st.floats(allow_nan=True, allow_infinity=True), st.dates(), st.booleans(),
    st.sampled_from(["在编执法人员", "辅助人员", "有效", "吊销", "是", "2027-01-01", "51010000001",
                     ID_A, "城市管理"]),
)
valid_row = st.sampled_from(good_rows()[1:])
garbage_row = st.lists(cell, max_size=len(HEADER) + 2)
header = st.one_of(st.just(HEADER), st.permutations(HEADER),
                   st.lists(st.sampled_from(HEADER + ["备注", "", "姓 名"]), max_size=14))


@settings(max_examples=60, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(head=header, rows=st.one_of(
    st.lists(st.one_of(valid_row, garbage_row), max_size=8),
    st.lists(valid_row, min_size=1, max_size=3, unique_by=lambda r: r[2]),
))
def test_random_rows_never_import_partially_and_never_crash(store, actor, head, rows):
    try:
        table = table_from_rows([head, *rows])
    except Invalid:   # nothing in the file at all: refused before anything is read
        return
    try:
        with store.write(actor, IMPORT_ACTION) as s:
            report = import_table(s, table, pattern=PATTERN, today=TODAY)
            assert report.ok and report.created + report.updated == len(table.rows)
            raise _Rollback
    except RosterInvalid as exc:
        assert not exc.report.ok and counts(store) == (0, 0)
    except _Rollback:
        assert not table.missing
    assert counts(store) == (0, 0)


def test_roster_marking_someone_left_dates_the_departure_today(store, actor, tmp_path):
    rows = [r + [""] for r in good_rows()]
    rows[0][-1] = "在岗状态"
    run_import(store, actor, write_csv(tmp_path / "a.csv", rows))
    rows[1][-1] = "离岗"
    run_import(store, actor, write_csv(tmp_path / "b.csv", rows))
    with store.read() as s:
        zhang = s.scalar(select(Officer).where(Officer.name == "张三"))
        assert (zhang.is_active, zhang.left_on) == (False, TODAY)


@settings(max_examples=60, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(data=st.binary(max_size=400), suffix=st.sampled_from([".csv", ".xlsx"]))
def test_random_file_bytes_give_a_report_or_invalid_never_a_crash(store, tmp_path, data, suffix):
    path = tmp_path / f"roster{suffix}"
    path.write_bytes(data)
    with store.read() as s:
        try:
            report = check_roster(s, path, pattern=PATTERN, today=TODAY)
        except Invalid:
            return
    assert not report.ok or report.rows == len(report.entries)


def test_a_workbook_with_a_damaged_sheet_says_so(store, tmp_path):
    import io
    import zipfile

    good = write_xlsx(tmp_path / "ok.xlsx", good_rows()).read_bytes()
    out = io.BytesIO()
    with zipfile.ZipFile(io.BytesIO(good)) as zin, zipfile.ZipFile(out, "w") as zout:
        for item in zin.infolist():
            body = zin.read(item.filename)
            zout.writestr(item, b"<broken" if "worksheets/sheet1" in item.filename else body)
    (tmp_path / "bad.xlsx").write_bytes(out.getvalue())
    with store.read() as s, pytest.raises(Invalid, match="不是有效的 Excel 文件或已损坏"):
        check_roster(s, tmp_path / "bad.xlsx", pattern=PATTERN, today=TODAY)


def test_extra_columns_are_named_as_not_imported(store, tmp_path):
    rows = [r + ["x"] for r in good_rows()]
    rows[0][-1] = "备注"
    with store.read() as s:
        report = check_roster(s, write_csv(tmp_path / "r.csv", rows), pattern=PATTERN, today=TODAY)
    assert report.ok and report.warnings == ["以下列不属于名册格式，未导入：备注"]
