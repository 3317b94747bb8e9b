"""A clerk walks a case from lead to closure through the cases page: every step by its button and
its dialog, waiting for the database thread with waitSignal / waitUntil (never sleep)."""

from __future__ import annotations

from dataclasses import replace
from datetime import date, datetime, timezone

from PySide6.QtCore import Qt

from app.cases.env import CaseEnv, two_distinct_officers
from app.domain.procedure import Action
from app.settings import Preferences
from tests.ui.cases.walk import (
    SHOTS,
    TODAY,
    choose,
    fill_next_dialog,
    make_page,
    press,
    set_date,
    set_moment,
    stage,
    tick_all,
    type_into,
)
from ui.cases.forms import FormDialog


def test_a_case_walks_from_lead_to_closure_through_the_ui(qtbot, page):
    # 登记案源
    def lead(d: FormDialog) -> None:
        set_date(d, "discovered_on", date(2026, 5, 6))
        type_into(qtbot, d, "violation_name", "未经批准擅自占道经营")
        type_into(qtbot, d, "violation_place", "怀远镇正街12号门前")
        type_into(qtbot, d, "facts", "当事人在正街12号门前占道摆摊经营水果。")
        type_into(qtbot, d, "legal_basis", "《城市市容和环境卫生管理条例》第十四条")
        type_into(qtbot, d, "penalty_basis", "《城市市容和环境卫生管理条例》第三十六条")
        tick_all(d, "officer_ids")

    fill_next_dialog(qtbot, lead)
    with qtbot.waitSignal(page.detail.loaded, timeout=10_000):
        qtbot.mouseClick(page.register_button, Qt.MouseButton.LeftButton)
    assert stage(page) == "lead"
    file_button = page.detail.action_buttons[Action.FILE]
    assert not file_button.isEnabled()
    assert "尚未登记当事人" in file_button.toolTip()
    assert "尚未登记当事人" in page.detail.reason_labels[Action.FILE].text()

    # 添加当事人
    def party(d: FormDialog) -> None:
        type_into(qtbot, d, "name", "王伟")
        type_into(qtbot, d, "id_number", "11010519491231002X")
        type_into(qtbot, d, "address", "崇州市怀远镇正街12号")

    fill_next_dialog(qtbot, party)
    with qtbot.waitSignal(page.detail.loaded, timeout=10_000):
        qtbot.mouseClick(page.detail.add_party_button, Qt.MouseButton.LeftButton)
    assert [p.name for p in page.detail.view.detail.parties] == ["王伟"]

    def filing(d: FormDialog) -> None:
        set_date(d, "on", date(2026, 5, 6))
        type_into(qtbot, d, "case_number", "崇综执立〔2026〕7号")

    press(qtbot, page, Action.FILE, filing)
    assert stage(page) == "investigating"

    def act(d: FormDialog) -> None:
        set_moment(d, "started_at", datetime(2026, 5, 7, 9, 30))
        tick_all(d, "officer_ids")
        type_into(qtbot, d, "place", "怀远镇正街12号")

    press(qtbot, page, Action.RECORD_ACT, act)
    assert len(page.detail.view.detail.acts) == 1

    def proposal(d: FormDialog) -> None:
        choose(d, "outcome", "penalty")
        type_into(qtbot, d, "fine", "500")
        choose(d, "tier", "一般")
        type_into(qtbot, d, "reasoning", "初次违法，占道面积较小")

    fill_next_dialog(qtbot, proposal)
    with qtbot.waitSignal(page.detail.loaded, timeout=10_000):
        qtbot.mouseClick(page.detail.propose_button, Qt.MouseButton.LeftButton)
    assert page.detail.view.detail.summary.fine_fen == 500_00

    press(qtbot, page, Action.END_INVESTIGATION, lambda d: set_date(d, "on", date(2026, 5, 8)))
    assert stage(page) == "investigated"
    press(qtbot, page, Action.SEND_NOTICE, lambda d: set_date(d, "served_on", date(2026, 5, 11)))
    assert stage(page) == "notified"

    def statement(d: FormDialog) -> None:
        set_date(d, "on", date(2026, 5, 12))
        d.widget("waived").setChecked(True)

    press(qtbot, page, Action.RECORD_STATEMENT, statement)
    press(qtbot, page, Action.DECIDE, lambda d: set_date(d, "on", date(2026, 5, 18)))
    assert stage(page) == "decided"

    def service(d: FormDialog) -> None:
        set_date(d, "served_on", date(2026, 5, 18))
        choose(d, "method", "direct")

    press(qtbot, page, Action.SERVE, service)
    assert stage(page) == "executing"

    def payment(d: FormDialog) -> None:
        set_date(d, "paid_on", date(2026, 5, 19))
        type_into(qtbot, d, "amount", "500")
        type_into(qtbot, d, "receipt", "NB-0001")

    press(qtbot, page, Action.RECORD_PAYMENT, payment)
    assert page.detail.view.detail.amount_owed_fen == 0

    def closing(d: FormDialog) -> None:
        set_date(d, "on", date(2026, 5, 20))
        type_into(qtbot, d, "summary", "当事人已缴清罚款500元")

    press(qtbot, page, Action.CLOSE, closing)
    assert stage(page) == "closed"

    view = page.detail.view
    kinds = [a.kind for a in view.detail.approvals]
    assert kinds[:2] == ["立案", "调查终结"] and "结案" in kinds
    actions = [t.action for t in view.timeline]
    assert actions[0] == "case.close" and "case.register_lead" in actions
    assert [t.at for t in view.timeline] == sorted((t.at for t in view.timeline), reverse=True)
    qtbot.waitUntil(lambda: page.model.rowCount() == 1 and page.model.row_at(0).stage == "closed")
    assert page.model.row_at(0).number == "崇综执立〔2026〕7号"
    assert page.model.row_at(0).party_names == "王伟"
    if SHOTS:
        page.grab().save(str(SHOTS / "cases_page_closed.png"))
        page.detail.tabs.setCurrentIndex(3)
        page.grab().save(str(SHOTS / "cases_page_timeline.png"))


def test_a_refused_action_says_why_on_the_button(qtbot, page):
    fill_next_dialog(qtbot, lambda d: type_into(qtbot, d, "violation_name", "露天焚烧垃圾"))
    with qtbot.waitSignal(page.detail.loaded, timeout=10_000):
        qtbot.mouseClick(page.register_button, Qt.MouseButton.LeftButton)
    button = page.detail.action_buttons[Action.FILE]
    assert not button.isEnabled()
    assert "当事人" in page.detail.reason_labels[Action.FILE].text()
    qtbot.waitUntil(page.detail.reason_labels[Action.FILE].isVisible)
    if SHOTS:
        page.grab().save(str(SHOTS / "cases_page_lead.png"))


def test_attaching_evidence_files_lists_them_by_hash(qtbot, page, tmp_path, secret_service):
    fill_next_dialog(qtbot, lambda d: type_into(qtbot, d, "violation_name", "露天焚烧垃圾"))
    with qtbot.waitSignal(page.detail.loaded, timeout=10_000):
        qtbot.mouseClick(page.register_button, Qt.MouseButton.LeftButton)
    photo = tmp_path / "现场照片1.jpg"
    photo.write_bytes(b"\xff\xd8\xff" + b"photo" * 100)
    with qtbot.waitSignal(page.detail.loaded, timeout=10_000):
        page.detail.attach_evidence([photo], "视听资料")
    (evidence,) = page.detail.view.detail.evidence
    assert evidence.file_name == "现场照片1.jpg" and evidence.evidence_type == "视听资料"
    assert page.detail.evidence_table.item(0, 1).text() == "现场照片1.jpg"
    assert any(t.action == "case.add_evidence" for t in page.detail.view.timeline)
    stored = [f for f in page._ctx.paths.evidence.rglob("*") if f.is_file()]
    assert stored and all(b"photo" not in f.read_bytes() for f in stored)  # encrypted at rest


def test_a_refused_service_call_is_shown_to_the_clerk(qtbot, page, monkeypatch):
    """A clerk without the leader's role presses 立案: the service refuses, show_error says why."""
    import ui.errors

    shown: list[str] = []
    monkeypatch.setattr(ui.errors.QMessageBox, "warning",
                        lambda _parent, _title, text: shown.append(text))
    fill_next_dialog(qtbot, lambda d: type_into(qtbot, d, "violation_name", "露天焚烧垃圾"))
    with qtbot.waitSignal(page.detail.loaded, timeout=10_000):
        qtbot.mouseClick(page.register_button, Qt.MouseButton.LeftButton)
    fill_next_dialog(qtbot, lambda d: type_into(qtbot, d, "name", "李四"))
    with qtbot.waitSignal(page.detail.loaded, timeout=10_000):
        qtbot.mouseClick(page.detail.add_party_button, Qt.MouseButton.LeftButton)
    page._ctx.actor = replace(page._ctx.actor, roles=frozenset({"clerk"}))  # noqa: SLF001
    fill_next_dialog(qtbot, lambda d: None)
    qtbot.mouseClick(page.detail.action_buttons[Action.FILE], Qt.MouseButton.LeftButton)
    qtbot.waitUntil(lambda: bool(shown), timeout=10_000)
    assert shown[0] and "Traceback" not in shown[0]
    assert "审批立案" in shown[0] or "立案" in shown[0], shown
    assert stage(page) == "lead"


def test_a_hearing_is_requested_scheduled_and_held_through_the_ui(qtbot, store, actor, tmp_path,
                                                                  officers):
    """Set up a notified case with a 5,000-yuan fine by the services, then drive the hearing."""
    from app.cases import lifecycle
    from app.cases.parties import add_party

    env = CaseEnv(prefs=Preferences(), eligibility=two_distinct_officers, today=date(2026, 5, 11))
    with store.write(actor, "test.setup") as s:
        lead = lifecycle.register_lead(
            s, actor, env=env, source="巡查发现", discovered_on=date(2026, 5, 4),
            violation_name="擅自占用道路堆放物料", facts="占道堆放建筑材料约20平方米。",
            legal_basis="《城市市容和环境卫生管理条例》第十四条", officer_ids=officers[:2])
        add_party(s, actor, lead.id, kind="person", name="张三", id_number="11010519491231002X")
        lifecycle.approve_filing(s, actor, lead.id, env=env, on=date(2026, 5, 5))
        lifecycle.record_act(s, actor, lead.id, env=env, kind="现场检查", officer_ids=officers[:2],
                             started_at=datetime(2026, 5, 5, 2, tzinfo=timezone.utc))
        lifecycle.propose(s, actor, lead.id, env=env, outcome="penalty", fine_fen=5_000_00)
        lifecycle.end_investigation(s, actor, lead.id, env=env, on=date(2026, 5, 6))
        lifecycle.send_notice(s, actor, lead.id, env=env, served_on=date(2026, 5, 11))
    # The clerk enters the hearing file on 5 June: the request of 13 May was in time (5 working
    # days after the notice), so 申请听证 stays enabled and is recorded for its real date.
    page = make_page(qtbot, store, actor, tmp_path, today=date(2026, 6, 5))
    qtbot.waitUntil(lambda: page.detail.view is not None, timeout=10_000)
    assert stage(page) == "notified"
    assert not page.detail.schedule_button.isVisible()

    press(qtbot, page, Action.REQUEST_HEARING, lambda d: set_date(d, "on", date(2026, 5, 13)))
    assert stage(page) == "hearing"
    qtbot.waitUntil(page.detail.schedule_button.isVisible)
    hold = page.detail.action_buttons[Action.HOLD_HEARING]
    assert not hold.isEnabled() and "通知" in hold.toolTip()

    def schedule(d: FormDialog) -> None:
        set_date(d, "notice_on", date(2026, 5, 14))
        set_date(d, "hearing_on", date(2026, 5, 27))
        choose(d, "presider", officers[2])

    fill_next_dialog(qtbot, schedule)
    with qtbot.waitSignal(page.detail.loaded, timeout=10_000):
        qtbot.mouseClick(page.detail.schedule_button, Qt.MouseButton.LeftButton)
    press(qtbot, page, Action.HOLD_HEARING, lambda d: set_date(d, "on", date(2026, 5, 27)))
    assert page.detail.view.detail.fields["hearing_held"] is True


def test_coming_back_to_the_page_shows_cases_written_elsewhere(qtbot, page, store, actor):
    from app.cases import lifecycle

    page.hide()
    env = CaseEnv(prefs=Preferences(), eligibility=two_distinct_officers, today=TODAY)
    with store.write(actor, "case.register_lead") as s:   # another page, or another window
        lifecycle.register_lead(s, actor, env=env, source="上级交办", discovered_on=TODAY,
                                violation_name="擅自设置大型户外广告")
    assert page.model.rowCount() == 0
    page.show()
    qtbot.waitUntil(lambda: page.model.rowCount() == 1, timeout=10_000)
    qtbot.waitUntil(lambda: page.model.row_at(0).next_due is not None, timeout=10_000)
    assert page.model.row_at(0).violation_name == "擅自设置大型户外广告"
