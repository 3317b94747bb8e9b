"""Full service-level walks: an ordinary case with a hearing, and an on-the-spot case."""

from __future__ import annotations

from datetime import date, datetime, timezone

from sqlalchemy import select

from app.cases import decision, lifecycle
from app.cases.parties import add_party
from app.cases.queries import case_detail
import pytest

from app.db.models.cases import Approval, Payment
from app.errors import Invalid
from app.db.models.core import AuditEntry, OutboxEntry
from app.domain.procedure import Stage

from tests.app.cases.conftest import OFFICER_A, OFFICER_B, OFFICER_C

PERSON_ID = "11010519491231002X"


def at(day: date, hour: int = 9) -> datetime:
    return datetime(day.year, day.month, day.day, hour - 8, tzinfo=timezone.utc)


def test_ordinary_case_with_hearing_from_lead_to_archive(store, env, clerk, leader, reviewer):
    with store.write(clerk, "case.register") as s:
        lead = lifecycle.register_lead(
            s, clerk, env=env, source="巡查发现", discovered_on=date(2026, 3, 2),
            violation_name="擅自占用道路堆放物料", violation_code="CG-001",
            violation_date=date(2026, 3, 1), violation_place="怀远镇正街12号门前",
            facts="当事人在正街12号门前占道堆放建筑材料约20平方米。",
            legal_basis="《城市市容和环境卫生管理条例》第十四条",
            penalty_basis="《城市市容和环境卫生管理条例》第三十六条",
            officer_ids=[OFFICER_A, OFFICER_B],
        )
        party = add_party(s, clerk, lead.id, kind="person", name="张三", id_number=PERSON_ID,
                          address="崇州市怀远镇正街12号", phone="13800001234")
    assert lead.stage == Stage.LEAD.value and party.sex == "女"
    cid = lead.id
    with store.write(leader, "case.approve_filing") as s:
        filed = lifecycle.approve_filing(s, leader, cid, env=env, on=date(2026, 3, 3),
                                         case_number="崇综执立〔2026〕1号")
    assert filed.stage == Stage.INVESTIGATING.value and filed.title == "张三擅自占用道路堆放物料案"
    with store.write(clerk, "case.record_act") as s:
        lifecycle.record_act(s, clerk, cid, env=env, kind="现场检查", started_at=at(date(2026, 3, 3)),
                             officer_ids=[OFFICER_A, OFFICER_B], place="怀远镇正街12号")
        lifecycle.record_act(s, clerk, cid, env=env, kind="询问", started_at=at(date(2026, 3, 4)),
                             officer_ids=[OFFICER_A, OFFICER_B])
        lifecycle.propose(s, clerk, cid, env=env, outcome="penalty", fine_fen=5_000_00, tier="一般",
                          discretion_reasoning="占道面积20平方米，属一般情节")
    with store.write(leader, "case.end_investigation") as s:
        lifecycle.end_investigation(s, leader, cid, env=env, on=date(2026, 3, 10))
    with store.write(clerk, "case.notice") as s:
        notified = lifecycle.send_notice(s, clerk, cid, env=env, served_on=date(2026, 3, 11))
    assert notified.stage == Stage.NOTIFIED.value
    with store.write(clerk, "case.hearing") as s:
        lifecycle.request_hearing(s, clerk, cid, env=env, on=date(2026, 3, 13))
        lifecycle.schedule_hearing(s, clerk, cid, env=env, notice_on=date(2026, 3, 16),
                                   hearing_on=date(2026, 3, 25), presider_id=OFFICER_C)
        lifecycle.hold_hearing(s, clerk, cid, env=env, on=date(2026, 3, 25))
        lifecycle.record_statement(s, clerk, cid, env=env, on=date(2026, 3, 25),
                                   summary="当事人称系临时堆放，已于次日清理")
        lifecycle.record_recheck(s, clerk, cid, env=env, opinion="经复核，清理属实，但不影响违法事实认定")
    with store.write(reviewer, "case.legal_review") as s:
        lifecycle.legal_review(s, reviewer, cid, env=env, passed=True, on=date(2026, 3, 27),
                               opinion="事实清楚，证据确凿，程序合法，裁量适当")
    with store.write(leader, "case.collective") as s:
        lifecycle.collective_discussion(s, leader, cid, env=env, on=date(2026, 3, 30),
                                        attendees=["王队长", "刘副队长", "陈副队长"], conclusion="同意罚款5000元")
        decided = decision.decide(s, leader, cid, env=env, on=date(2026, 3, 31),
                                  decision_number="崇综执罚决字〔2026〕1号")
    assert decided.stage == Stage.DECIDED.value
    with store.write(clerk, "case.serve") as s:
        decision.serve_decision(s, clerk, cid, env=env, served_on=date(2026, 4, 1), method="direct")
        decision.record_payment(s, clerk, cid, env=env, paid_on=date(2026, 4, 10), amount_fen=5_000_00,
                                receipt_number="NB-0001")
    with store.write(leader, "case.close") as s:
        closed = decision.close_case(s, leader, cid, env=env, on=date(2026, 4, 13),
                                     summary="当事人已于2026年4月10日缴清罚款")
    assert closed.stage == Stage.CLOSED.value
    with store.write(clerk, "case.archive") as s:
        archived = decision.archive_case(s, clerk, cid, env=env, on=date(2026, 4, 20))
    assert archived.stage == Stage.ARCHIVED.value
    with store.read() as s:
        detail = case_detail(s, cid, env=env)
        kinds = [a.kind for a in detail.approvals]
        roles = {a.kind: a.role for a in detail.approvals}
        audited = s.scalars(select(AuditEntry.action).where(AuditEntry.entity == "cases")).all()
        pushed = s.scalars(select(OutboxEntry.entity).distinct()).all()
        approvals = s.scalars(select(Approval)).all()
    assert kinds == ["立案", "调查终结", "法制审核", "集体讨论", "决定", "结案"]
    assert roles["法制审核"] == "法制审核员" and roles["决定"] == "中队长"
    assert all(a.by_user and a.at for a in approvals)
    assert detail.fields["archive_number"] == "20260001"
    assert detail.amount_owed_fen == 0
    assert "case.decide" not in audited and "case.collective" in audited
    assert {"cases", "approvals", "parties", "investigative_acts"} <= set(pushed)


def test_simple_case_on_the_spot_from_lead_to_archive(store, env, clerk, leader):
    with store.write(clerk, "case.register") as s:
        lead = lifecycle.register_lead(
            s, clerk, env=env, source="巡查发现", discovered_on=date(2026, 5, 6), procedure="simple",
            violation_name="乱扔垃圾", violation_code="CG-009", violation_date=date(2026, 5, 6),
            facts="当事人在怀远镇文化广场随地丢弃垃圾。", legal_basis="《城市市容和环境卫生管理条例》第三十四条",
        )
        add_party(s, clerk, lead.id, kind="person", name="李四", id_number="440524188001010014")
        done = decision.on_spot_penalty(
            s, clerk, lead.id, env=env, on=date(2026, 5, 6), officer_ids=[OFFICER_A, OFFICER_B],
            form_number="0012345", fine_fen=50_00, certificate_shown=True, rights_informed=True,
            reconsideration_first_notified=True,
        )
        assert done.stage == Stage.EXECUTING.value
        decision.record_payment(s, clerk, lead.id, env=env, paid_on=date(2026, 5, 6), amount_fen=50_00,
                                channel="on_spot", receipt_number="财政票据000123")
        decision.record_on_spot_filing(s, clerk, lead.id, env=env, on=date(2026, 5, 6))
    with pytest.raises(Invalid, match="第七十一条"):
        with store.write(leader, "case.close") as s:
            decision.close_case(s, leader, lead.id, env=env, summary="当场缴纳罚款50元")
    with store.write(clerk, "case.handover") as s:
        payment_id = s.scalars(select(Payment.id).where(Payment.case_id == lead.id)).one()
        assert decision.record_handover(s, clerk, payment_id, env=env, on=date(2026, 5, 6)) == ()
    with store.write(leader, "case.close") as s:
        closed = decision.close_case(s, leader, lead.id, env=env, summary="当场缴纳罚款50元")
        archived = decision.archive_case(s, leader, lead.id, env=env)
    assert closed.stage == Stage.CLOSED.value and archived.stage == Stage.ARCHIVED.value


def test_document_context_of_a_decided_case_fills_the_template_keys(store, env, clerk, leader):
    from app.cases.document_context import case_document_context
    from tests.app.cases.helpers import decided

    cid = decided(store, clerk, leader, env)
    with store.read() as s:
        ctx = case_document_context(s, cid, env=env)
    assert ctx["party_name"] == "张三" and ctx["party_id_label"] == "居民身份证号码"
    assert ctx["case_cause"] == "擅自占用道路堆放物料"
    assert ctx["decision_number"] == "崇综执罚决字〔2026〕7号" and ctx["decision_date"] == "2026年3月20日"
    assert ctx["fine_amount_text"] == "人民币壹仟元整（¥1,000.00）"
    assert "书面表示放弃陈述、申辩" in ctx["statement_handling"]
    assert ctx["filing_date"] == "2026年3月3日" and len(ctx["officers"]) == 2
    assert ctx["penalty_basis"].startswith("《城市市容和环境卫生管理条例》")
