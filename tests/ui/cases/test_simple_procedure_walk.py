"""A clerk walks an on-the-spot case (简易程序, 当场处罚, Arts. 51–52, 68–71) through the cases page by
keyboard and clicks: register it as 简易程序, add the party, decide on the spot (one refusal over
the limit first), collect on the spot, file the record with the agency, hand the money over,
close — checking at each step what the pane shows."""

from __future__ import annotations

import pytest
from PySide6.QtCore import Qt
from PySide6.QtWidgets import QCheckBox, QComboBox, QListWidget

from app.domain.procedure import Action
from tests.ui.cases.walk import SHOTS, TODAY, fill_next_dialog, press, stage, type_into
from ui.cases.forms import FormDialog

PERSON_ID = "440524188001010014"
ORG_CODE = "91350100M000100Y43"


@pytest.fixture
def refusals(monkeypatch) -> list[str]:
    import ui.errors

    shown: list[str] = []
    monkeypatch.setattr(ui.errors.QMessageBox, "warning", lambda _parent, _title, text: shown.append(text))
    return shown


def pick(qtbot, dialog: FormDialog, key: str, value: str) -> None:
    """Choose in a drop-down with the arrow keys."""
    combo = dialog.widget(key)
    assert isinstance(combo, QComboBox)
    combo.setFocus()
    for _ in range(combo.count()):
        if combo.currentData() == value:
            return
        qtbot.keyClick(combo, Qt.Key.Key_Down)
    assert combo.currentData() == value


def tick_officers(qtbot, dialog: FormDialog, count: int = 2) -> None:
    """Tick the first `count` officers: Space on each row, Down to the next."""
    officers = dialog.widget("officer_ids")
    assert isinstance(officers, QListWidget)
    officers.setFocus()
    officers.setCurrentRow(0)
    for row in range(count):
        if row:
            qtbot.keyClick(officers, Qt.Key.Key_Down)
        qtbot.keyClick(officers, Qt.Key.Key_Space)
    assert [officers.item(i).checkState() == Qt.CheckState.Checked for i in range(count)] == [True] * count


def tick(qtbot, dialog: FormDialog, key: str) -> None:
    box = dialog.widget(key)
    assert isinstance(box, QCheckBox) and not box.isChecked()
    box.setFocus()
    qtbot.keyClick(box, Qt.Key.Key_Space)
    assert box.isChecked()


def register_simple_case(qtbot, page, violation: str) -> None:
    def lead(d: FormDialog) -> None:
        type_into(qtbot, d, "violation_name", violation)
        type_into(qtbot, d, "violation_place", "怀远镇文化广场")
        type_into(qtbot, d, "facts", "当事人在文化广场随地丢弃垃圾，经劝阻后承认。")
        type_into(qtbot, d, "legal_basis", "《城市市容和环境卫生管理条例》第三十四条")
        type_into(qtbot, d, "penalty_basis", "《城市市容和环境卫生管理条例》第三十四条")
        tick_officers(qtbot, d)
        pick(qtbot, d, "procedure", "simple")

    fill_next_dialog(qtbot, lead)
    with qtbot.waitSignal(page.detail.loaded, timeout=10_000):
        qtbot.mouseClick(page.register_button, Qt.MouseButton.LeftButton)


def add_party(qtbot, page, fill) -> None:  # noqa: ANN001
    fill_next_dialog(qtbot, fill)
    with qtbot.waitSignal(page.detail.loaded, timeout=10_000):
        qtbot.mouseClick(page.detail.add_party_button, Qt.MouseButton.LeftButton)


def on_spot_form(qtbot, fine: str, form_number: str = "0012345"):  # noqa: ANN202
    def fill(d: FormDialog) -> None:
        assert "二百元以下" in d.intro_text and "三千元以下" in d.intro_text
        tick_officers(qtbot, d)
        type_into(qtbot, d, "form_number", form_number)
        type_into(qtbot, d, "fine", fine)
    return fill


def visible_actions(page) -> set[Action]:
    return {a for a, b in page.detail.action_buttons.items() if b.isVisible()}


def test_an_on_the_spot_fine_collected_on_the_spot_walks_to_closure(qtbot, page, refusals):
    register_simple_case(qtbot, page, "乱扔垃圾")
    detail = page.detail
    assert stage(page) == "lead" and detail.view.detail.summary.procedure == "simple"
    # No filing in the simple procedure: the pane offers 当场处罚, refused until a party is known.
    assert Action.FILE not in visible_actions(page) and Action.ON_SPOT_PENALTY in visible_actions(page)
    assert not detail.action_buttons[Action.ON_SPOT_PENALTY].isEnabled()
    assert "当事人" in detail.reason_labels[Action.ON_SPOT_PENALTY].text()

    def person(d: FormDialog) -> None:
        type_into(qtbot, d, "name", "李四")
        type_into(qtbot, d, "id_number", PERSON_ID)
        type_into(qtbot, d, "address", "崇州市怀远镇正街8号")

    add_party(qtbot, page, person)
    assert detail.parties_table.item(0, 1).text() == "李四"
    assert detail.title.text().endswith("李四乱扔垃圾案")
    qtbot.waitUntil(detail.action_buttons[Action.ON_SPOT_PENALTY].isEnabled)

    # 300 yuan for a citizen is over the Art. 51 limit: refused in Chinese, nothing saved.
    fill_next_dialog(qtbot, on_spot_form(qtbot, "300"))
    qtbot.mouseClick(detail.action_buttons[Action.ON_SPOT_PENALTY], Qt.MouseButton.LeftButton)
    qtbot.waitUntil(lambda: bool(refusals), timeout=10_000)
    assert "当场处罚仅限对公民处以二百元以下罚款或者警告（第五十一条），本案应适用普通程序" in refusals[0]
    assert "Traceback" not in refusals[0]
    with page._ctx.store.read() as s:  # noqa: SLF001
        from app.db.models.cases import Case

        case = s.get(Case, detail.case_id)
        assert (case.stage, case.fine_fen, case.form_number) == ("lead", 0, "")

    # 当场处罚决定 for 50 yuan: decided and handed over on the spot, now to be paid.
    press(qtbot, page, Action.ON_SPOT_PENALTY, on_spot_form(qtbot, "50"))
    assert stage(page) == "executing"
    assert detail.view.detail.fields["decision_number"] == "0012345"
    assert detail.subtitle.text() == "阶段：执行（待缴纳罚款）；罚款 50.00元，尚欠 50.00元"
    assert not detail.action_buttons[Action.CLOSE].isEnabled()

    # 当场收缴 (≤ 100 yuan, Art. 68) with the finance department's receipt.
    def pay(d: FormDialog) -> None:
        type_into(qtbot, d, "amount", "50")
        pick(qtbot, d, "channel", "on_spot")
        type_into(qtbot, d, "receipt", "财政票据000123")

    press(qtbot, page, Action.RECORD_PAYMENT, pay)
    assert detail.view.detail.amount_owed_fen == 0
    assert detail.subtitle.text().endswith("罚款 50.00元，尚欠 0.00元")
    qtbot.waitUntil(detail.handover_button.isVisible)
    close_reasons = detail.reason_labels[Action.CLOSE].text()
    assert "第七十一条" in close_reasons and "备案" in close_reasons
    assert not detail.action_buttons[Action.CLOSE].isEnabled()

    press(qtbot, page, Action.FILE_ON_SPOT_RECORD, lambda d: None)
    assert detail.view.detail.fields["on_spot_recorded_on"] == TODAY.isoformat()
    assert "备案" not in detail.reason_labels[Action.CLOSE].text()

    def handover(d: FormDialog) -> None:
        assert d.windowTitle() == "当场收缴罚款上缴" and "第七十一条" in d.intro_text

    fill_next_dialog(qtbot, handover)
    with qtbot.waitSignal(detail.loaded, timeout=10_000):
        qtbot.mouseClick(detail.handover_button, Qt.MouseButton.LeftButton)
    qtbot.waitUntil(lambda: not detail.handover_button.isVisible())
    states = [detail.clocks_table.item(r, 4).text() for r in range(detail.clocks_table.rowCount())
              if detail.clocks_table.item(r, 0).text().startswith("当场收缴罚款交至行政机关")]
    assert states == [f"已于{TODAY:%Y-%m-%d}完成"]

    press(qtbot, page, Action.CLOSE, lambda d: type_into(qtbot, d, "summary", "当场缴纳罚款50元，已上缴"))
    assert stage(page) == "closed"
    assert detail.subtitle.text().startswith("阶段：结案（待归档）")
    assert [a.kind for a in detail.view.detail.approvals] == ["结案"]
    # A closed case takes no new facts, parties, proposals or evidence; its documents still come.
    assert [b.isEnabled() for b in (detail.edit_button, detail.add_party_button,
                                    detail.propose_button, detail.add_evidence_button,
                                    detail.documents_button)] == [False, False, False, False, True]
    assert not detail.party_panel.edit_button.isEnabled()
    actions = list(dict.fromkeys(t.action for t in detail.view.timeline))   # newest first
    assert actions[:4] == ["case.close", "case.handover", "case.on_spot_record", "case.record_payment"]
    qtbot.waitUntil(lambda: page.model.rowCount() == 1 and page.model.row_at(0).stage == "closed")
    if SHOTS:
        page.grab().save(str(SHOTS / "simple_case_closed.png"))


def test_an_organisation_fined_three_thousand_on_the_spot_pays_at_the_bank(qtbot, page, refusals):
    register_simple_case(qtbot, page, "占道堆放物料")

    def company(d: FormDialog) -> None:
        pick(qtbot, d, "kind", "org")
        type_into(qtbot, d, "name", "崇州市某建材有限公司")
        type_into(qtbot, d, "id_number", ORG_CODE)
        type_into(qtbot, d, "legal_representative", "王五")
        type_into(qtbot, d, "address", "崇州市工业园区8号")

    add_party(qtbot, page, company)
    detail = page.detail
    qtbot.waitUntil(detail.action_buttons[Action.ON_SPOT_PENALTY].isEnabled)
    fill_next_dialog(qtbot, on_spot_form(qtbot, "3000.01"))
    qtbot.mouseClick(detail.action_buttons[Action.ON_SPOT_PENALTY], Qt.MouseButton.LeftButton)
    qtbot.waitUntil(lambda: bool(refusals), timeout=10_000)
    assert "当场处罚仅限对法人或者其他组织处以三千元以下罚款或者警告（第五十一条）" in refusals[0]

    def warning_and_fine(d: FormDialog) -> None:
        on_spot_form(qtbot, "3000", form_number="0012346")(d)
        tick(qtbot, d, "warning")

    press(qtbot, page, Action.ON_SPOT_PENALTY, warning_and_fine)
    assert stage(page) == "executing" and detail.view.detail.summary.fine_fen == 3_000_00
    assert detail.view.detail.fields["other_penalties"] == ["警告"]

    # 3,000 yuan may not be collected on the spot (Art. 68): refused, then paid at the bank.
    def on_spot_cash(d: FormDialog) -> None:
        type_into(qtbot, d, "amount", "3000")
        pick(qtbot, d, "channel", "on_spot")
        type_into(qtbot, d, "receipt", "NB-0002")

    fill_next_dialog(qtbot, on_spot_cash)
    qtbot.mouseClick(detail.action_buttons[Action.RECORD_PAYMENT], Qt.MouseButton.LeftButton)
    qtbot.waitUntil(lambda: len(refusals) == 2, timeout=10_000)
    assert "不得自行收缴罚款（第六十七条、第六十八条）" in refusals[1]

    def bank(d: FormDialog) -> None:
        type_into(qtbot, d, "amount", "3000")
        pick(qtbot, d, "channel", "bank")
        type_into(qtbot, d, "receipt", "NB-0002")

    press(qtbot, page, Action.RECORD_PAYMENT, bank)
    assert detail.view.detail.amount_owed_fen == 0 and not detail.handover_button.isVisible()
    press(qtbot, page, Action.FILE_ON_SPOT_RECORD, lambda d: None)
    press(qtbot, page, Action.CLOSE, lambda d: type_into(qtbot, d, "summary", "当事人已通过银行缴清罚款3000元"))
    assert stage(page) == "closed"
