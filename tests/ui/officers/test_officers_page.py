"""The 执法人员 page as the clerk uses it: a scanner types into the check field, the roster shows
who may not act in red and who is due in orange, and a bad roster file imports nothing."""

from __future__ import annotations

import csv
from datetime import date
from types import SimpleNamespace

import pytest
from PySide6.QtCore import QPoint, Qt
from PySide6.QtWidgets import QMessageBox

from app.officers.demo import seed_demo_officers
from app.officers.roster_view import roster_rows
from app.paths import AppPaths
from app.settings import Preferences
from ui.context import UiContext
from ui.officers import page as page_module
from ui.officers.page import OfficersPage
from ui.officers.roster_model import ORANGE_BG, RED_BG, STATUS_COLUMN, TRAINING_COLUMN

TODAY = date(2026, 11, 28)


@pytest.fixture
def page(qtbot, store, actor, tmp_path):
    seed_demo_officers(SimpleNamespace(store=store), actor, today=TODAY)
    ctx = UiContext(paths=AppPaths.in_folder(tmp_path), prefs=Preferences(), store=store,
                    actor=actor)
    widget = OfficersPage(ctx, today=lambda: TODAY)
    qtbot.addWidget(widget)
    widget.resize(1280, 720)
    widget.show()
    return widget


def number_of(store, name):
    with store.read() as s:
        rows = roster_rows(s, today=TODAY, window_days=60, training_target=60)
    return next(r.number for r in rows if r.name == name)


def scan(qtbot, page, text):
    field = page.check_panel.number_edit
    field.setFocus()
    field.selectAll()
    with qtbot.waitSignal(page.check_finished, timeout=5000) as blocker:
        qtbot.keyClicks(field, text)          # a scanner acting as a keyboard…
        qtbot.keyClick(field, Qt.Key.Key_Return)   # …ends with Enter
    return blocker.args[0]


def test_scanned_qr_url_shows_the_officer_at_once(qtbot, page, store):
    number = number_of(store, "李明")
    result = scan(qtbot, page, f"https://zfj.sc.example/verify?certNo={number.lower()}")
    panel = page.check_panel
    assert result.number == number
    assert panel.name_label.text() == "李明"
    assert panel.verdict_label.text() == "有效"
    assert panel.unit_value.text() == "崇州市综合行政执法局"
    assert "城市管理" in panel.fields_value.text()
    assert panel.as_of_label.text() == "尚未与县局同步"
    assert not panel.photo_label.pixmap().isNull()
    assert panel.number_edit.selectedText() == panel.number_edit.text()   # next scan replaces


def test_second_scan_replaces_the_first_and_shows_a_suspension(qtbot, page, store):
    scan(qtbot, page, number_of(store, "李明"))
    scan(qtbot, page, f" {number_of(store, '杨帆')} ")
    assert page.check_panel.name_label.text() == "杨帆"
    assert page.check_panel.verdict_label.text() == "无效：执法证已暂扣"


def test_unknown_number_says_so(qtbot, page):
    result = scan(qtbot, page, "SC000000")
    assert not result.found
    assert page.check_panel.verdict_label.text().startswith("查无此证")


def test_roster_colours_red_blocked_orange_due_and_training_marker(page):
    model = page.model
    by_name = {model.row_at(r).name: r for r in range(model.rowCount())}
    bg = lambda name: model.index(by_name[name], 0).data(Qt.ItemDataRole.BackgroundRole)  # noqa: E731
    assert bg("陈磊").color() == RED_BG          # expired
    assert bg("杨帆").color() == RED_BG          # suspended
    assert bg("刘洋").color() == ORANGE_BG       # due within 60 days
    assert bg("李明") is None and bg("赵小龙") is None
    assert model.index(by_name["刘洋"], STATUS_COLUMN).data() == "有效（临近到期）"
    assert "▲未达标" in model.index(by_name["黄伟"], TRAINING_COLUMN).data()
    assert "▲" not in model.index(by_name["李明"], TRAINING_COLUMN).data()
    assert page.summary_label.text().startswith("今日可执法 5 人")


def test_header_click_sorts_in_sql_and_filter_narrows(qtbot, page):
    header = page.table.horizontalHeader()
    pos = header.rect().topLeft() + QPoint(header.sectionViewportPosition(0) + 10, 8)
    with qtbot.waitSignal(page.roster_loaded):
        qtbot.mouseClick(header.viewport(), Qt.MouseButton.LeftButton, pos=pos)
    names = [page.model.row_at(r).name for r in range(page.model.rowCount())]
    assert names == sorted(names)
    with qtbot.waitSignal(page.roster_loaded):
        qtbot.mouseClick(header.viewport(), Qt.MouseButton.LeftButton, pos=pos)
    names = [page.model.row_at(r).name for r in range(page.model.rowCount())]
    assert names == sorted(names, reverse=True)
    with qtbot.waitSignal(page.roster_loaded, timeout=2000):
        qtbot.keyClicks(page.filter_edit, "51018422021")
    assert [page.model.row_at(r).name for r in range(page.model.rowCount())] == ["陈磊"]


def test_rows_have_one_fixed_height(page):
    assert {page.table.rowHeight(r) for r in range(page.model.rowCount())} == {26}


def test_bad_roster_file_shows_every_error_and_imports_nothing(qtbot, page, tmp_path, monkeypatch):
    shown = []
    monkeypatch.setattr(page_module.RosterReportDialog, "exec",
                        lambda self: shown.append(self) or 0)
    path = tmp_path / "bad.csv"
    with path.open("w", newline="", encoding="utf-8-sig") as out:
        csv.writer(out).writerows([
            ["姓名", "身份证号码", "单位", "人员类别", "执法证号", "执法类别", "发证日期", "有效期至"],
            ["钱七", "123", "局", "合同工", "", "", "", ""],
        ])
    before = page.model.rowCount()
    page.check_file(path)
    qtbot.waitUntil(lambda: bool(shown), timeout=5000)
    dialog = shown[0]
    assert dialog.import_button is None
    text = dialog.details.toPlainText()
    assert "第2行「身份证号码」" in text and "第2行「人员类别」" in text
    assert page.model.rowCount() == before


def test_good_roster_file_imports_after_confirmation(qtbot, page, tmp_path, monkeypatch):
    monkeypatch.setattr(page_module.RosterReportDialog, "exec",
                        lambda self: self.accept() or 1)
    monkeypatch.setattr(QMessageBox, "information", lambda *a, **k: None)
    from app.domain.identifiers import resident_id_check_char

    first17 = "51018419910101777"
    path = tmp_path / "good.csv"
    with path.open("w", newline="", encoding="utf-8-sig") as out:
        csv.writer(out).writerows([
            ["姓名", "身份证号码", "单位", "人员类别", "执法证号", "执法类别", "发证日期", "有效期至"],
            ["新同志", first17 + resident_id_check_char(first17), "崇州市综合行政执法局",
             "在编执法人员", "5101842026999", "城市管理", "2026-01-01", "2031-01-01"],
        ])
    with qtbot.waitSignal(page.roster_imported, timeout=5000) as blocker:
        page.check_file(path)
    assert blocker.args[0].created == 1
    assert "新同志" in [page.model.row_at(r).name for r in range(page.model.rowCount())]


def test_refresh_reports_the_warning_count_for_the_status_bar(qtbot, page):
    with qtbot.waitSignal(page.warning_count_changed) as blocker:
        page.refresh()
    assert blocker.args == [3]     # 刘洋 due, 陈磊 expired, 杨帆 suspended


def test_selecting_a_row_shows_the_card_without_logging_a_check(qtbot, page, store):
    from sqlalchemy import func, select

    from app.db.models.officers import CertificateCheck

    row = next(r for r in range(page.model.rowCount()) if page.model.row_at(r).name == "陈磊")
    page.table.selectRow(row)
    assert page.check_panel.name_label.text() == "陈磊"
    assert page.check_panel.verdict_label.text().startswith("无效：执法证已于")
    assert page.note_button.isEnabled()
    with store.read() as s:
        assert s.scalar(select(func.count()).select_from(CertificateCheck)) == 0


def test_the_check_field_has_the_focus_so_a_scan_lands_there(qtbot, page):
    with qtbot.waitActive(page):
        page.activateWindow()
    qtbot.waitUntil(lambda: page.check_panel.number_edit.hasFocus())


def test_an_empty_roster_says_how_to_get_one(qtbot, store, actor, tmp_path):
    ctx = UiContext(paths=AppPaths.in_folder(tmp_path), prefs=Preferences(), store=store,
                    actor=actor)
    empty = OfficersPage(ctx, today=lambda: TODAY)
    qtbot.addWidget(empty)
    assert "导入县局名册" in empty.summary_label.text()


def test_each_scan_is_logged_after_it_is_answered(qtbot, page, store):
    from sqlalchemy import select

    from app.db.models.officers import CertificateCheck

    number = number_of(store, "李明")
    scan(qtbot, page, number)
    with store.read() as s:
        [log] = s.scalars(select(CertificateCheck)).all()
    assert (log.number, log.result, log.checked_by) == (number, "有效", "clerk")
    assert log.certificate_id is not None and log.detail == "李明 有效"
