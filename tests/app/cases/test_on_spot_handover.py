"""当场收缴 money handed over to the agency in one step per case (Art. 71), before closing."""

from __future__ import annotations

from dataclasses import replace
from datetime import date

import pytest
from sqlalchemy import select

from app.cases import decision, lifecycle
from app.cases.parties import add_party
from app.db.models.cases import Payment
from app.errors import Invalid
from tests.app.cases.conftest import OFFICER_A, OFFICER_B

DAY = date(2026, 5, 6)  # a Wednesday


def on_spot_case(store, clerk, env) -> str:
    with store.write(clerk, "case.on_spot") as s:
        lead = lifecycle.register_lead(
            s, clerk, env=env, source="巡查发现", discovered_on=DAY, procedure="simple",
            violation_name="乱扔垃圾", violation_date=DAY, facts="当事人在文化广场随地丢弃垃圾。",
            legal_basis="《城市市容和环境卫生管理条例》第三十四条")
        add_party(s, clerk, lead.id, kind="person", name="李四", id_number="440524188001010014")
        decision.on_spot_penalty(
            s, clerk, lead.id, env=env, on=DAY, officer_ids=[OFFICER_A, OFFICER_B], form_number="0012345",
            fine_fen=50_00, certificate_shown=True, rights_informed=True, reconsideration_first_notified=True)
        decision.record_payment(s, clerk, lead.id, env=env, paid_on=DAY, amount_fen=30_00, channel="on_spot",
                                receipt_number="财政票据000123")
        decision.record_payment(s, clerk, lead.id, env=env, paid_on=DAY, amount_fen=20_00, channel="on_spot",
                                receipt_number="财政票据000124")
        decision.record_on_spot_filing(s, clerk, lead.id, env=env, on=DAY)
    return lead.id


def test_every_collection_of_the_case_is_handed_over_at_once_and_then_it_may_close(store, env, clerk, leader):
    cid = on_spot_case(store, clerk, env)
    with store.write(clerk, "case.handover") as s:
        assert lifecycle.hand_over_collections(s, clerk, cid, env=env, on=DAY) == ()
    with store.read() as s:
        assert s.scalars(select(Payment.handed_over_on).where(Payment.case_id == cid)).all() == [DAY, DAY]
    with pytest.raises(Invalid, match="没有待上缴"):
        with store.write(clerk, "case.handover") as s:
            lifecycle.hand_over_collections(s, clerk, cid, env=env, on=DAY)
    with store.write(leader, "case.close") as s:
        assert decision.close_case(s, leader, cid, env=env, summary="当场缴纳罚款50元").stage == "closed"


def test_a_late_hand_over_is_recorded_with_one_warning(store, env, clerk):
    cid = on_spot_case(store, clerk, env)
    late = replace(env, today=date(2026, 5, 12))
    with store.write(clerk, "case.handover") as s:
        warnings = lifecycle.hand_over_collections(s, clerk, cid, env=late, on=date(2026, 5, 12))
    assert len(warnings) == 1 and "第七十一条" in warnings[0] and "已逾期" in warnings[0]
