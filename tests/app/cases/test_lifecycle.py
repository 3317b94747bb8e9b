"""Service-level refusals: every transition goes through the state machine and the role check,
and a refusal leaves nothing behind."""

from __future__ import annotations

from datetime import date

import pytest
from sqlalchemy import func, select

from app.cases import decision, lifecycle
from app.cases.clocks import case_clocks, due_items, extend_decision_period, pause_decision_period
from app.cases.facts import amount_owed
from app.cases.queries import case_actions, case_detail, list_cases
from app.db.models.cases import Case, InvestigativeAct
from app.domain.procedure import Action, Stage
from app.errors import Forbidden, Invalid
from tests.app.cases.conftest import OFFICER_A, OFFICER_B
from tests.app.cases.helpers import at, decided, investigated, new_lead


def test_a_clerk_cannot_approve_filing(store, env, clerk):
    cid = new_lead(store, clerk, env)
    with pytest.raises(Forbidden, match="无权审批立案"):
        with store.write(clerk, "case.approve_filing") as s:
            lifecycle.approve_filing(s, clerk, cid, env=env)


def test_a_squad_leader_cannot_do_the_legal_review(store, env, clerk, leader):
    cid = investigated(store, clerk, leader, env)
    with pytest.raises(Forbidden, match="无权法制审核"):
        with store.write(leader, "case.legal_review") as s:
            lifecycle.legal_review(s, leader, cid, env=env, passed=True, opinion="同意")


def test_filing_after_the_limitation_period_is_refused(store, env, clerk, leader):
    cid = new_lead(store, clerk, env, violation=date(2023, 1, 10))
    with pytest.raises(Invalid, match="第三十六条"):
        with store.write(leader, "case.approve_filing") as s:
            lifecycle.approve_filing(s, leader, cid, env=env, on=date(2026, 3, 3))
    with store.read() as s:
        assert s.get(Case, cid).stage == Stage.LEAD.value


def test_an_act_by_one_officer_is_refused_and_not_recorded(store, env, clerk, leader):
    cid = new_lead(store, clerk, env)
    with pytest.raises(Invalid, match="第四十二条"):
        with store.write(clerk, "case.act") as s:
            lifecycle.record_act(s, clerk, cid, env=env, kind="现场检查", started_at=at(date(2026, 3, 3)),
                                 officer_ids=[OFFICER_A, OFFICER_A])
    with store.read() as s:
        assert s.scalar(select(func.count()).select_from(InvestigativeAct)) == 0


def test_preservation_needs_approval_and_a_handling_decision_before_investigation_ends(
    store, env, clerk, leader,
):
    cid = new_lead(store, clerk, env)
    with store.write(leader, "case.approve_filing") as s:
        lifecycle.approve_filing(s, leader, cid, env=env, on=date(2026, 3, 3))
    with pytest.raises(Invalid, match="第五十六条"):
        with store.write(clerk, "case.act") as s:
            lifecycle.record_act(s, clerk, cid, env=env, kind="先行登记保存", started_at=at(date(2026, 3, 4)),
                                 officer_ids=[OFFICER_A, OFFICER_B])
    with store.write(leader, "case.approve_measure") as s:
        approval = lifecycle.approve_measure(s, leader, cid, env=env, kind="先行登记保存", on=date(2026, 3, 4))
    with store.write(clerk, "case.act") as s:
        act_id, _ = lifecycle.record_act(
            s, clerk, cid, env=env, kind="先行登记保存", started_at=at(date(2026, 3, 4)),
            officer_ids=[OFFICER_A, OFFICER_B], approval_id=approval,
        )
    with pytest.raises(Invalid, match="尚未作出处理决定"):
        with store.write(leader, "case.end_investigation") as s:
            lifecycle.end_investigation(s, leader, cid, env=env, on=date(2026, 3, 10))
    with store.read() as s:
        keys = [c.key for c in case_clocks(s, cid, env=env)]
    assert "preservation" in keys and "decision" in keys
    with store.write(clerk, "case.handle") as s:
        lifecycle.handle_preserved(s, clerk, act_id, env=env, handled_on=date(2026, 3, 9), handling="解除保存，退还当事人")
    with store.write(leader, "case.end_investigation") as s:
        assert lifecycle.end_investigation(s, leader, cid, env=env, on=date(2026, 3, 10)).stage == "investigated"


def test_deciding_a_penalty_without_notice_is_refused(store, env, clerk, leader):
    cid = investigated(store, clerk, leader, env)
    with pytest.raises(Invalid, match="未履行事先告知程序，不得作出处罚决定（第六十二条）"):
        with store.write(leader, "case.decide") as s:
            decision.decide(s, leader, cid, env=env, on=date(2026, 3, 12))


def test_deciding_inside_the_hearing_request_period_is_refused_with_the_date(store, env, clerk, leader):
    cid = investigated(store, clerk, leader, env, fine_fen=3_000_00)
    with store.write(clerk, "case.notice") as s:
        lifecycle.send_notice(s, clerk, cid, env=env, served_on=date(2026, 3, 11))
        lifecycle.record_statement(s, clerk, cid, env=env, on=date(2026, 3, 12), waived=True)
    with pytest.raises(Invalid, match="当事人申请听证期限未届满（截至2026年3月18日）"):
        with store.write(leader, "case.decide") as s:
            decision.decide(s, leader, cid, env=env, on=date(2026, 3, 16))
    with pytest.raises(Invalid, match="已于2026年3月18日届满"):
        with store.write(clerk, "case.hearing") as s:
            lifecycle.request_hearing(s, clerk, cid, env=env, on=date(2026, 3, 19))


def test_a_major_fine_needs_legal_review_before_the_decision(store, env, clerk, leader, reviewer):
    cid = investigated(store, clerk, leader, env, fine_fen=20_000_00)
    with store.write(clerk, "case.notice") as s:
        lifecycle.send_notice(s, clerk, cid, env=env, served_on=date(2026, 3, 11))
        lifecycle.record_statement(s, clerk, cid, env=env, on=date(2026, 3, 12), waived=True, hearing_waived=True)
    with store.write(leader, "case.collective") as s:
        lifecycle.collective_discussion(s, leader, cid, env=env, attendees=["王队长", "刘副队长"],
                                        conclusion="同意", on=date(2026, 3, 13))
    with pytest.raises(Invalid, match="重大执法决定未经法制审核，不得作出决定"):
        with store.write(leader, "case.decide") as s:
            decision.decide(s, leader, cid, env=env, on=date(2026, 3, 16))
    with store.write(reviewer, "case.legal_review") as s:
        lifecycle.legal_review(s, reviewer, cid, env=env, passed=False, opinion="证据不足", on=date(2026, 3, 16))
    with pytest.raises(Invalid, match="法制审核未通过"):
        with store.write(leader, "case.decide") as s:
            decision.decide(s, leader, cid, env=env, on=date(2026, 3, 17))


def test_the_penalty_cannot_rise_after_the_defence(store, env, clerk, leader):
    cid = investigated(store, clerk, leader, env)
    with store.write(clerk, "case.notice") as s:
        lifecycle.send_notice(s, clerk, cid, env=env, served_on=date(2026, 3, 11))
        lifecycle.record_statement(s, clerk, cid, env=env, on=date(2026, 3, 12), summary="不服", hearing_waived=True)
        lifecycle.record_recheck(s, clerk, cid, env=env, opinion="申辩理由不成立")
        lifecycle.propose(s, clerk, cid, env=env, outcome="penalty", fine_fen=1_500_00, discretion_reasoning="x")
    with pytest.raises(Invalid, match="不得因当事人陈述申辩而加重处罚（第四十五条）"):
        with store.write(leader, "case.decide") as s:
            decision.decide(s, leader, cid, env=env, on=date(2026, 3, 20))


def test_late_payment_draws_the_surcharge_and_blocks_closing(store, env, clerk, leader):
    cid = decided(store, clerk, leader, env)
    with store.write(clerk, "case.serve") as s:
        decision.serve_decision(s, clerk, cid, env=env, served_on=date(2026, 3, 20), method="direct")
    with store.read() as s:
        case = s.get(Case, cid)
        due = date(2026, 4, 7)  # 3-20 + 15 = 4-4, a 清明 holiday: the period runs to the next working day
        assert decision.payment_due(case, env) == due
        assert amount_owed(s, case, env, on=due) == 1_000_00
        assert amount_owed(s, case, env, on=date(2026, 4, 17)) == 1_300_00
        assert amount_owed(s, case, env, on=date(2026, 6, 1)) == 2_000_00  # capped at the fine
    with pytest.raises(Invalid, match="不得自行收缴罚款"):
        with store.write(clerk, "case.pay") as s:
            decision.record_payment(s, clerk, cid, env=env, paid_on=date(2026, 4, 17), amount_fen=1_300_00,
                                    channel="on_spot", receipt_number="X1")
    with store.write(clerk, "case.pay") as s:
        view = decision.record_payment(s, clerk, cid, env=env, paid_on=date(2026, 4, 17), amount_fen=1_000_00)
    assert any("加处罚款" in w for w in view.warnings)
    with pytest.raises(Invalid, match="尚未缴清"):
        with store.write(leader, "case.close") as s:
            decision.close_case(s, leader, cid, env=env, summary="结案")
    with store.write(clerk, "case.pay") as s:
        decision.record_payment(s, clerk, cid, env=env, paid_on=date(2026, 4, 18), amount_fen=300_00)
    with store.write(leader, "case.close") as s:
        assert decision.close_case(s, leader, cid, env=env, summary="已缴清").stage == "closed"


def test_instalments_need_approval_and_cover_what_is_owed(store, env, clerk, leader):
    cid = decided(store, clerk, leader, env)
    with store.write(clerk, "case.serve") as s:
        decision.serve_decision(s, clerk, cid, env=env, served_on=date(2026, 3, 20), method="direct")
    with pytest.raises(Forbidden):
        with store.write(clerk, "case.defer") as s:
            decision.defer_payment(s, clerk, cid, env=env, applied_on=date(2026, 3, 25),
                                   plan=[(date(2026, 4, 30), 1_000_00)], opinion="经济困难", on=date(2026, 3, 26))
    with pytest.raises(Invalid, match="合计应等于"):
        with store.write(leader, "case.defer") as s:
            decision.defer_payment(s, leader, cid, env=env, applied_on=date(2026, 3, 25),
                                   plan=[(date(2026, 4, 30), 500_00)], opinion="经济困难", on=date(2026, 3, 26))
    with store.write(leader, "case.defer") as s:
        decision.defer_payment(s, leader, cid, env=env, applied_on=date(2026, 3, 25), opinion="经济困难",
                               plan=[(date(2026, 4, 30), 500_00), (date(2026, 5, 30), 500_00)], on=date(2026, 3, 26))
    with store.write(clerk, "case.pay") as s:
        decision.record_payment(s, clerk, cid, env=env, paid_on=date(2026, 4, 28), amount_fen=500_00)
    with store.read() as s:
        assert amount_owed(s, s.get(Case, cid), env, on=date(2026, 5, 6)) == 500_00


def test_extensions_first_by_the_head_then_by_collective_discussion(store, env, clerk, leader):
    cid = investigated(store, clerk, leader, env)
    with store.write(leader, "case.extend") as s:
        first = extend_decision_period(s, leader, cid, env=env, days=30, reason="案情复杂", on=date(2026, 5, 6))
    assert "延长30日" in " ".join(first.notes)
    with pytest.raises(Invalid, match="集体讨论"):
        with store.write(leader, "case.extend") as s:
            extend_decision_period(s, leader, cid, env=env, days=30, reason="仍需鉴定", on=date(2026, 5, 6))
    with store.write(leader, "case.extend") as s:
        second = extend_decision_period(s, leader, cid, env=env, days=30, reason="仍需鉴定",
                                        on=date(2026, 5, 6), attendees=["王队长", "刘副队长", "陈副队长"])
    assert second.due > first.due
    with store.read() as s:
        detail = case_detail(s, cid, env=env)
    assert [a.kind for a in detail.approvals].count("延期") == 2
    assert "集体讨论" not in [a.kind for a in detail.approvals]


def test_dashboard_lists_overdue_and_due_soon_clocks(store, env, clerk, leader):
    old = investigated(store, clerk, leader, env)  # filed 3-3; paused below, so not flagged
    lead = new_lead(store, clerk, env, discovered=date(2026, 4, 1), violation=date(2026, 3, 30))
    with store.write(clerk, "case.pause") as s:
        pause_decision_period(s, clerk, old, env=env, start=date(2026, 3, 20), reason="鉴定")
    with store.read() as s:
        items = due_items(s, env=env)
    keyed = {(i.case_id, i.clock.key): i.severity for i in items}
    assert keyed[(lead, "filing_check")] == "overdue"
    assert (old, "decision") not in keyed  # paused clocks are not flagged


def test_case_actions_explain_what_is_missing(store, env, clerk, leader):
    cid = investigated(store, clerk, leader, env)
    with store.read() as s:
        actions = {a.action: a for a in case_actions(s, cid, env=env)}
        listed = list_cases(s, text="张三")
    assert actions[Action.SEND_NOTICE].allowed
    assert not actions[Action.DECIDE].allowed
    assert "未履行事先告知程序，不得作出处罚决定（第六十二条）" in actions[Action.DECIDE].reasons
    assert [c.id for c in listed] == [cid]


def test_transfer_to_judicial_organs_closes_after_the_hand_over(store, env, clerk, leader):
    cid = new_lead(store, clerk, env)
    with store.write(leader, "case.approve_filing") as s:
        lifecycle.approve_filing(s, leader, cid, env=env, on=date(2026, 3, 3))
    with store.write(clerk, "case.act") as s:
        lifecycle.record_act(s, clerk, cid, env=env, kind="现场检查", started_at=at(date(2026, 3, 3)),
                             officer_ids=[OFFICER_A, OFFICER_B])
        lifecycle.propose(s, clerk, cid, env=env, outcome="transfer")
    with store.write(leader, "case.decide") as s:
        lifecycle.end_investigation(s, leader, cid, env=env, on=date(2026, 3, 5))
        decision.decide(s, leader, cid, env=env, on=date(2026, 3, 6))
    with pytest.raises(Invalid, match="第二十七条"):
        with store.write(leader, "case.close") as s:
            decision.close_case(s, leader, cid, env=env, summary="移送")
    with store.write(clerk, "case.transfer") as s:
        decision.record_transfer(s, clerk, cid, env=env, on=date(2026, 3, 9), receiver="崇州市公安局")
    with store.write(leader, "case.close") as s:
        assert decision.close_case(s, leader, cid, env=env, summary="已移送").stage == "closed"


def test_not_filing_and_revoking_need_the_heads_reason(store, env, clerk, leader):
    first = new_lead(store, clerk, env)
    with pytest.raises(Invalid, match="不予立案须写明理由"):
        with store.write(leader, "case.refuse_filing") as s:
            lifecycle.refuse_filing(s, leader, first, env=env, reason=" ")
    with store.write(leader, "case.refuse_filing") as s:
        assert lifecycle.refuse_filing(s, leader, first, env=env, reason="不属于本机关管辖").stage == "not_filed"
    second = investigated(store, clerk, leader, env)
    with store.write(leader, "case.revoke") as s:
        assert lifecycle.revoke_filing(s, leader, second, env=env, reason="当事人已死亡").stage == "revoked"


def test_enforcement_only_after_the_remedy_periods_and_ten_days_after_the_demand(store, env, clerk, leader):
    from dataclasses import replace as dc_replace

    cid = decided(store, clerk, leader, env)
    with store.write(clerk, "case.serve") as s:
        decision.serve_decision(s, clerk, cid, env=env, served_on=date(2026, 3, 20), method="direct")
    late = dc_replace(env, today=date(2026, 11, 2))
    with pytest.raises(Invalid, match="第五十三条"):
        with store.write(leader, "case.enforce") as s:
            decision.apply_for_enforcement(s, leader, cid, env=late, on=date(2026, 5, 6),
                                           demand_served_on=date(2026, 4, 20))
    with pytest.raises(Invalid, match="第五十四条"):
        with store.write(leader, "case.enforce") as s:
            decision.apply_for_enforcement(s, leader, cid, env=late, on=date(2026, 10, 8),
                                           demand_served_on=date(2026, 9, 28))
    with store.write(leader, "case.enforce") as s:
        decision.apply_for_enforcement(s, leader, cid, env=late, on=date(2026, 10, 20),
                                       demand_served_on=date(2026, 9, 28))
    with store.write(leader, "case.close") as s:
        assert decision.close_case(s, leader, cid, env=late, summary="已申请法院强制执行").stage == "closed"


def test_a_decision_needs_the_partys_address(store, env, clerk, leader):
    from app.cases.parties import update_party
    from app.db.models.cases import CaseParty

    cid = investigated(store, clerk, leader, env)
    with store.write(clerk, "case.notice") as s:
        lifecycle.send_notice(s, clerk, cid, env=env, served_on=date(2026, 3, 11))
        lifecycle.record_statement(s, clerk, cid, env=env, on=date(2026, 3, 12), waived=True, hearing_waived=True)
        party_id = s.scalars(select(CaseParty.party_id).where(CaseParty.case_id == cid)).first()
        update_party(s, clerk, party_id, address="")
    with pytest.raises(Invalid, match="第五十九条"):
        with store.write(leader, "case.decide") as s:
            decision.decide(s, leader, cid, env=env, on=date(2026, 3, 20))


def test_changing_the_facts_after_notice_needs_a_new_notice_before_deciding(store, env, clerk, leader):
    cid = investigated(store, clerk, leader, env)
    with store.write(clerk, "case.notice") as s:
        lifecycle.send_notice(s, clerk, cid, env=env, served_on=date(2026, 3, 11))
        lifecycle.record_statement(s, clerk, cid, env=env, on=date(2026, 3, 12), waived=True, hearing_waived=True)
        view = lifecycle.update_case(s, clerk, cid, env=env, facts="占道堆放建筑材料约40平方米。")
    assert any("重新履行事先告知程序" in w for w in view.warnings)
    with pytest.raises(Invalid, match="事先告知后违法事实、理由或依据发生变化"):
        with store.write(leader, "case.decide") as s:
            decision.decide(s, leader, cid, env=env, on=date(2026, 3, 20))
    with store.write(clerk, "case.notice") as s:
        lifecycle.send_notice(s, clerk, cid, env=env, served_on=date(2026, 3, 13))
        lifecycle.record_statement(s, clerk, cid, env=env, on=date(2026, 3, 13), waived=True, hearing_waived=True)
    with store.write(leader, "case.decide") as s:
        assert decision.decide(s, leader, cid, env=env, on=date(2026, 3, 20)).stage == "decided"


def test_minor_violation_not_penalised_is_decided_with_an_education_record(store, env, clerk, leader):
    cid = new_lead(store, clerk, env)
    with store.write(leader, "case.approve_filing") as s:
        lifecycle.approve_filing(s, leader, cid, env=env, on=date(2026, 3, 3))
    with store.write(clerk, "case.act") as s:
        lifecycle.record_act(s, clerk, cid, env=env, kind="现场检查", started_at=at(date(2026, 3, 3)),
                             officer_ids=[OFFICER_A, OFFICER_B])
        lifecycle.propose(s, clerk, cid, env=env, outcome="minor")
    with store.write(leader, "case.end") as s:
        lifecycle.end_investigation(s, leader, cid, env=env, on=date(2026, 3, 4))
    with pytest.raises(Invalid, match="第三十三条"):
        with store.write(leader, "case.decide") as s:
            decision.decide(s, leader, cid, env=env, on=date(2026, 3, 5))
    with store.write(leader, "case.decide") as s:
        done = decision.decide(s, leader, cid, env=env, on=date(2026, 3, 5),
                               education_note="当场对当事人进行了批评教育，当事人已清除占道物料")
    assert done.stage == "decided" and done.outcome == "minor"


def test_unpaid_fines_show_the_payment_and_enforcement_clocks(store, env, clerk, leader):
    cid = decided(store, clerk, leader, env)
    with store.write(clerk, "case.serve") as s:
        decision.serve_decision(s, clerk, cid, env=env, served_on=date(2026, 3, 20), method="direct")
    with store.read() as s:
        clocks = {c.key: c for c in case_clocks(s, cid, env=env)}
        dashboard = {(i.case_id, i.clock.key): i.severity for i in due_items(s, env=env)}
    assert clocks["payment"].status == "overdue" and clocks["payment"].due == date(2026, 4, 7)
    assert (clocks["enforcement"].start, clocks["enforcement"].due) == (date(2026, 9, 20), date(2026, 12, 20))
    assert dashboard[(cid, "payment")] == "overdue"
    assert clocks["publication"].status == "overdue"


def test_hearing_time_is_not_counted_and_a_withdrawn_request_lets_the_decision_go_ahead(
    store, env, clerk, leader,
):
    cid = investigated(store, clerk, leader, env, fine_fen=3_000_00)
    with store.write(clerk, "case.notice") as s:
        lifecycle.send_notice(s, clerk, cid, env=env, served_on=date(2026, 3, 11))
        lifecycle.record_statement(s, clerk, cid, env=env, on=date(2026, 3, 12), waived=True)
        before = case_clocks(s, cid, env=env)
        lifecycle.request_hearing(s, clerk, cid, env=env, on=date(2026, 3, 13))
        lifecycle.withdraw_hearing_request(s, clerk, cid, env=env, on=date(2026, 3, 23))
        after = case_clocks(s, cid, env=env)
    due = {c.key: c.due for c in before}["decision"]
    assert {c.key: c.due for c in after}["decision"] > due
    with store.write(leader, "case.decide") as s:
        assert decision.decide(s, leader, cid, env=env, on=date(2026, 3, 24)).stage == "decided"


def test_a_lead_discovered_in_time_shows_the_limitation_as_met(store, env, clerk):
    cid = new_lead(store, clerk, env, violation=date(2024, 4, 1), discovered=date(2026, 3, 2))
    with store.read() as s:
        clocks = {c.key: c for c in case_clocks(s, cid, env=env)}
    assert clocks["limitation"].status == "met" and clocks["limitation"].due == date(2026, 4, 1)
