"""Importing a roster that leaves people out: the preview names them under "将标记为已调离的人员"
before the clerk confirms; confirming marks them 已离岗, ticking "部分名册" marks nobody."""

from __future__ import annotations

import csv
from datetime import date

import pytest
from PySide6.QtWidgets import QLabel, QMessageBox
from sqlalchemy import select

from app.db.models.officers import Officer
from app.domain.identifiers import resident_id_check_char
from app.officers.roster_file import table_from_rows
from app.officers.roster_import import IMPORT_ACTION, import_table
from app.paths import AppPaths
from app.settings import Preferences
from ui.context import UiContext
from ui.officers import page as page_module
from ui.officers.page import OfficersPage
from ui.officers.roster_model import STATUS_COLUMN

TODAY = date(2026, 11, 28)
HEADER = ["姓名", "身份证号码", "单位", "岗位", "人员类别", "执法证号", "执法类别", "发证日期",
          "有效期至"]
UNIT = "崇州市综合行政执法局"


def row(name: str, serial: int) -> list[str]:
    first17 = f"51018419900101{serial:03d}"
    return [name, first17 + resident_id_check_char(first17), UNIT, "执法队员", "在编执法人员",
            f"51018420260{serial:02d}", "城市管理", "2026-01-01", "2031-01-01"]


SQUAD = [row("张三", 11), row("李四", 12), row("王五", 13), row("孙八", 14)]


@pytest.fixture
def page(qtbot, store, actor, tmp_path):
    with store.write(actor, IMPORT_ACTION) as s:
        import_table(s, table_from_rows([HEADER, *SQUAD]),
                     pattern=Preferences().certificate_pattern, today=date(2026, 1, 5))
    ctx = UiContext(paths=AppPaths.in_folder(tmp_path), prefs=Preferences(), store=store,
                    actor=actor)
    widget = OfficersPage(ctx, today=lambda: TODAY)
    qtbot.addWidget(widget)
    widget.resize(1280, 720)
    widget.show()
    return widget


def roster_file(tmp_path, rows):
    path = tmp_path / "县局名册2026-11.csv"
    with path.open("w", newline="", encoding="utf-8-sig") as out:
        csv.writer(out).writerows([HEADER, *rows])
    return path


def in_post(store) -> set[str]:
    with store.read() as s:
        return set(s.scalars(select(Officer.name).where(Officer.is_active.is_(True))))


def preview(qtbot, page, path, monkeypatch, answer):
    """Check `path` on the page; `answer(dialog)` plays the clerk. Returns the dialog."""
    shown = []

    def exec_(dialog):
        shown.append(dialog)
        return answer(dialog)

    monkeypatch.setattr(page_module.RosterReportDialog, "exec", exec_)
    monkeypatch.setattr(QMessageBox, "information", lambda *a, **k: None)
    page.check_file(path)
    qtbot.waitUntil(lambda: bool(shown), timeout=5000)
    return shown[0]


def test_preview_names_who_will_be_marked_before_anything_changes(qtbot, page, store, tmp_path,
                                                                  monkeypatch):
    path = roster_file(tmp_path, SQUAD[:2])
    dialog = preview(qtbot, page, path, monkeypatch, lambda d: 0)     # the clerk cancels
    assert dialog.departures_box.title() == "将标记为已调离的人员（2 人）"
    items = [dialog.departures_list.item(i).text() for i in range(dialog.departures_list.count())]
    assert items == [f"孙八（{UNIT} · 执法队员 · 执法证号 5101842026014）",
                     f"王五（{UNIT} · 执法队员 · 执法证号 5101842026013）"]
    summary = dialog.findChild(QLabel, "reportSummary").text()
    assert "2 人不在此名册中，导入后将标记为已调离" in summary
    assert dialog.import_button is not None and dialog.complete
    assert in_post(store) == {"张三", "李四", "王五", "孙八"}


def test_confirming_marks_them_gone_and_the_roster_shows_it(qtbot, page, store, tmp_path,
                                                            monkeypatch):
    path = roster_file(tmp_path, SQUAD[:2])
    with qtbot.waitSignal(page.roster_imported, timeout=5000) as blocker:
        preview(qtbot, page, path, monkeypatch, lambda d: d.accept() or 1)
    assert blocker.args[0].departed == 2
    assert in_post(store) == {"张三", "李四"}
    model = page.model
    status = {model.row_at(r).name: model.index(r, STATUS_COLUMN).data()
              for r in range(model.rowCount())}
    assert status["王五"] == status["孙八"] == "已离岗"
    assert status["张三"] != "已离岗"


def test_ticking_partial_roster_marks_nobody(qtbot, page, store, tmp_path, monkeypatch):
    path = roster_file(tmp_path, [SQUAD[0], row("新同志", 15)])

    def partial(dialog):
        dialog.partial_check.setChecked(True)
        assert not dialog.departures_list.isEnabled()
        dialog.accept()
        return 1

    with qtbot.waitSignal(page.roster_imported, timeout=5000) as blocker:
        dialog = preview(qtbot, page, path, monkeypatch, partial)
    assert not dialog.complete and dialog.expected_departures is None
    assert (blocker.args[0].created, blocker.args[0].departed) == (1, 0)
    assert in_post(store) == {"张三", "李四", "王五", "孙八", "新同志"}


def test_a_complete_roster_shows_no_departures_section(qtbot, page, tmp_path, monkeypatch):
    dialog = preview(qtbot, page, roster_file(tmp_path, SQUAD), monkeypatch, lambda d: 0)
    assert dialog.departures_box is None and dialog.partial_check is None
    assert dialog.complete and dialog.expected_departures == frozenset()
