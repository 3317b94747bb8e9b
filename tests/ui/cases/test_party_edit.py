"""修改当事人 / 移除当事人 on the case pane's party table, by keyboard, menu and buttons: the same
live-validating form as adding, identity fields locked once the law fixes them, removal confirmed
by name, refusals shown in Chinese."""

from __future__ import annotations

from datetime import date

import pytest
from PySide6.QtCore import Qt, QTimer
from PySide6.QtWidgets import QApplication, QMessageBox
from sqlalchemy import func, select

from app.cases import lifecycle
from app.cases.env import CaseEnv, two_distinct_officers
from app.cases.parties import add_party
from app.db.models.core import AuditEntry
from app.settings import Preferences
from tests.app.cases.helpers import decided
from tests.ui.cases.walk import SHOTS, fill_next_dialog, make_page, type_into
from ui.cases.party_dialog import PartyDialog

ENV = CaseEnv(prefs=Preferences(), eligibility=two_distinct_officers, check_presider=None,
              check_reviewer=None, today=date(2026, 5, 6))
WRONG_ID = "11010519491231002X"
RIGHT_ID = "440524188001010014"


@pytest.fixture
def refusals(monkeypatch) -> list[str]:
    """What show_error told the clerk (QMessageBox.warning, as the refusal box)."""
    import ui.errors

    shown: list[str] = []
    monkeypatch.setattr(ui.errors.QMessageBox, "warning", lambda _parent, _title, text: shown.append(text))
    return shown


def open_case(qtbot, store, actor, tmp_path, case_id: str):
    page = make_page(qtbot, store, actor, tmp_path)
    qtbot.waitUntil(lambda: page.detail.view is not None and page.detail.case_id == case_id, timeout=10_000)
    return page


def lead(store, actor, *parties: tuple[str, str]) -> str:
    with store.write(actor, "case.register_lead") as s:
        case = lifecycle.register_lead(
            s, actor, env=ENV, source="巡查发现", discovered_on=date(2026, 5, 4),
            violation_name="擅自占用道路堆放物料", facts="占道堆放建筑材料约20平方米。",
            legal_basis="《城市市容和环境卫生管理条例》第十四条")
        for name, id_number in parties:
            add_party(s, actor, case.id, kind="person", name=name, id_number=id_number,
                      address="崇州市怀远镇正街12号", phone="13800001234")
    return case.id


def replace_text(qtbot, dialog, key: str, text: str) -> None:
    edit = dialog.widget(key)
    edit.setFocus()
    qtbot.keyClick(edit, Qt.Key.Key_A, Qt.KeyboardModifier.ControlModifier)
    qtbot.keyClick(edit, Qt.Key.Key_Delete)
    type_into(qtbot, dialog, key, text)


def answer_next_box(qtbot, answer) -> list[QMessageBox]:
    """When the next message box opens, let `answer` press something in it."""
    seen: list[QMessageBox] = []
    timer = QTimer(QApplication.instance())

    def poll() -> None:
        box = QApplication.activeModalWidget()
        if not isinstance(box, QMessageBox) or seen or QApplication.activeWindow() is not box:
            return
        timer.stop()
        timer.deleteLater()
        seen.append(box)
        try:
            answer(box)
        except BaseException:
            box.reject()  # fail the test rather than hang on an open box
            raise

    timer.timeout.connect(poll)
    timer.start(20)
    return seen


def focus_table(qtbot, page):
    """Back in the case window (a closed dialog hands activation back to it, as the window
    manager does on a desktop) with the party table focused."""
    page.activateWindow()
    qtbot.waitUntil(lambda: QApplication.activeWindow() is page.window(), timeout=2000)
    table = page.detail.parties_table
    table.setFocus()
    return table


def audit_count(store) -> int:
    with store.read() as s:
        return s.scalar(select(func.count()).select_from(AuditEntry))


def test_f2_corrects_a_mistyped_id_number_in_the_same_checked_form(qtbot, store, actor, tmp_path, officers):
    case_id = lead(store, actor, ("王伟", WRONG_ID))
    page = open_case(qtbot, store, actor, tmp_path, case_id)
    table = page.detail.parties_table
    assert table.item(0, 2).text() == WRONG_ID and page.detail.party_panel.edit_button.isEnabled()

    def correct(d: PartyDialog) -> None:
        assert d.windowTitle() == "修改当事人" and d.widget("name").text() == "王伟"
        assert d.widget("id_number").isEnabled()
        replace_text(qtbot, d, "id_number", RIGHT_ID[:-1] + "5")      # a wrong check digit
        assert not d.ok_button.isEnabled()
        assert d.error_text("id_number") == "身份证号码校验位错误：应为 4，实为 5"
        qtbot.keyClick(d.widget("id_number"), Qt.Key.Key_Backspace)
        qtbot.keyClicks(d.widget("id_number"), "4")
        if SHOTS:
            d.grab().save(str(SHOTS / "party_edit_dialog.png"))

    seen = fill_next_dialog(qtbot, correct)
    table.setFocus()
    with qtbot.waitSignal(page.detail.loaded, timeout=10_000):
        qtbot.keyClick(table, Qt.Key.Key_F2)
    assert seen and seen[0].changes == {"id_number": RIGHT_ID}
    assert table.item(0, 2).text() == RIGHT_ID
    (party,) = page.detail.view.detail.parties
    assert (party.id_number, party.sex, party.birth_date) == (RIGHT_ID, "男", date(1880, 1, 1))
    top = page.detail.view.timeline[0]
    assert top.action == "case.correct_party"
    assert f"证件号码“{WRONG_ID}”→“{RIGHT_ID}”" in top.summary
    if SHOTS:
        page.grab().save(str(SHOTS / "party_table.png"))


def test_escape_leaves_the_party_as_it_was(qtbot, store, actor, tmp_path, officers):
    case_id = lead(store, actor, ("王伟", WRONG_ID))
    page = open_case(qtbot, store, actor, tmp_path, case_id)
    before = audit_count(store)
    dialog = page.detail.edit_party_dialog(page.detail.view.detail.parties[0].id)
    qtbot.addWidget(dialog)
    dialog.show()
    replace_text(qtbot, dialog, "name", "王五")
    with qtbot.waitSignal(dialog.rejected, timeout=2000):
        qtbot.keyClick(dialog, Qt.Key.Key_Escape)
    assert audit_count(store) == before


def test_after_the_decision_enter_opens_the_form_with_identity_locked_and_corrects_the_address(
        qtbot, store, actor, tmp_path, officers, refusals):
    case_id = decided(store, actor, actor, ENV)
    page = open_case(qtbot, store, actor, tmp_path, case_id)
    table = page.detail.parties_table

    def contact(d: PartyDialog) -> None:
        assert d.locked and "作出处罚决定" in d.intro_text
        assert [d.widget(k).isEnabled() for k in ("kind", "name", "id_number")] == [False, False, False]
        assert d.focusWidget() is d.widget("address")
        replace_text(qtbot, d, "address", "崇州市崇阳街道蜀州路1号")
        if SHOTS:
            d.grab().save(str(SHOTS / "party_edit_dialog_locked.png"))

    seen = fill_next_dialog(qtbot, contact)
    table.setFocus()
    with qtbot.waitSignal(page.detail.loaded, timeout=10_000):
        qtbot.keyClick(table, Qt.Key.Key_Return)
    assert seen[0].changes == {"address": "崇州市崇阳街道蜀州路1号"}
    assert table.item(0, 3).text() == "崇州市崇阳街道蜀州路1号" and table.item(0, 1).text() == "张三"
    assert page.detail.view.timeline[0].summary == \
        "更正当事人张三：住址“崇州市怀远镇正街12号”→“崇州市崇阳街道蜀州路1号”"

    # Delete: refused before any confirmation, in Chinese, naming the party.
    before = audit_count(store)
    focus_table(qtbot, page)
    qtbot.keyClick(table, Qt.Key.Key_Delete)
    assert refusals == ["本案已作出处罚决定，不能再变更当事人（不能移除张三）"]
    assert audit_count(store) == before


def test_delete_asks_by_name_escape_keeps_the_party_and_remove_takes_it_off(
        qtbot, store, actor, tmp_path, officers, refusals):
    case_id = lead(store, actor, ("王伟", WRONG_ID), ("李四", RIGHT_ID))
    with store.write(actor, "case.approve_filing") as s:
        lifecycle.approve_filing(s, actor, case_id, env=ENV, on=date(2026, 5, 5))
    page = open_case(qtbot, store, actor, tmp_path, case_id)
    table = page.detail.parties_table
    assert [a.text() for a in table.actions()] == ["添加当事人…", "修改当事人…", "移除当事人…"]
    table.setFocus()
    qtbot.keyClick(table, Qt.Key.Key_Down)
    assert page.detail.party_panel.current_party().name == "李四"

    before = audit_count(store)
    asked = answer_next_box(qtbot, lambda box: qtbot.keyClick(box, Qt.Key.Key_Escape))
    qtbot.keyClick(table, Qt.Key.Key_Delete)
    assert asked and asked[0].text() == "确定从本案中移除当事人“李四”吗？"
    assert RIGHT_ID in asked[0].informativeText()
    assert audit_count(store) == before and table.rowCount() == 2

    def remove(box: QMessageBox) -> None:
        (button,) = [b for b in box.buttons() if b.text() == "移除(&R)"]
        qtbot.mouseClick(button, Qt.MouseButton.LeftButton)

    answer_next_box(qtbot, remove)
    with qtbot.waitSignal(page.detail.loaded, timeout=10_000):
        qtbot.mouseClick(page.detail.party_panel.remove_button, Qt.MouseButton.LeftButton)
    assert [p.name for p in page.detail.view.detail.parties] == ["王伟"]
    assert table.rowCount() == 1
    assert page.detail.view.timeline[0].action == "case.remove_party"
    assert page.detail.view.detail.summary.title == "王伟擅自占用道路堆放物料案"

    focus_table(qtbot, page)
    qtbot.keyClick(table, Qt.Key.Key_Delete)   # the last party of a filed case stays
    assert len(refusals) == 1 and "至少应保留一名当事人" in refusals[0]
