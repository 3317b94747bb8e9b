"""Publicity: masked package queued as an outbox row, display periods, minors, withdrawal."""

from __future__ import annotations

from datetime import date

import pytest
from sqlalchemy import select

from app.cases.publicity import mark_published, queue_publicity, withdraw_publicity
from app.db.models.core import OutboxEntry
from app.errors import Invalid
from tests.app.cases.helpers import ORG_CODE, decided, investigated


def test_publicity_package_masks_personal_data_and_goes_to_the_outbox(store, env, clerk, leader):
    cid = decided(store, clerk, leader, env)
    with store.write(clerk, "case.publicity") as s:
        view = queue_publicity(s, clerk, cid, env=env, on=date(2026, 3, 24))
    party = view.payload["行政相对人"][0]
    assert party["名称"] == "张某" and party["证件号码"] == "1101**********002X"
    assert "12号" not in party["地址"] and "13800001234" not in str(view.payload)
    assert view.payload["决定书文号"] == "崇综执罚决字〔2026〕7号"
    assert view.payload["处罚结果"] == "罚款1,000.00元"
    assert (view.min_end, view.max_end) == (date(2026, 6, 24), date(2027, 3, 24))
    with store.read() as s:
        pushed = s.scalars(select(OutboxEntry).where(OutboxEntry.entity == "publicity_records")).all()
    assert len(pushed) == 1 and pushed[0].fields["payload"]["行政相对人"][0]["名称"] == "张某"


def test_an_organisation_is_published_by_name_and_credit_code(store, env, clerk, leader):
    cid = decided(store, clerk, leader, env, party_id=ORG_CODE, kind="org", name="某建材有限公司")
    with store.write(clerk, "case.publicity") as s:
        view = queue_publicity(s, clerk, cid, env=env, on=date(2026, 3, 24), severity="严重")
    party = view.payload["行政相对人"][0]
    assert party["名称"] == "某建材有限公司" and party["统一社会信用代码"] == ORG_CODE
    assert view.max_end == date(2029, 3, 24)


def test_late_publicity_is_flagged_and_minor_severity_is_not_published(store, env, clerk, leader):
    cid = decided(store, clerk, leader, env)
    with pytest.raises(Invalid, match="轻微失信信息"):
        with store.write(clerk, "case.publicity") as s:
            queue_publicity(s, clerk, cid, env=env, severity="轻微")
    with store.write(clerk, "case.publicity") as s:
        view = queue_publicity(s, clerk, cid, env=env, on=date(2026, 4, 20))
    assert any("已逾期" in w for w in view.warnings)


def test_undecided_cases_are_not_published(store, env, clerk, leader):
    cid = investigated(store, clerk, leader, env)
    with pytest.raises(Invalid, match="已作出的行政处罚决定"):
        with store.write(clerk, "case.publicity") as s:
            queue_publicity(s, clerk, cid, env=env)


def test_minors_are_not_published(store, env, clerk, leader):
    cid = decided(store, clerk, leader, env, party_id="510184201001011232", name="小明")
    with pytest.raises(Invalid, match="未满十八周岁"):
        with store.write(clerk, "case.publicity") as s:
            queue_publicity(s, clerk, cid, env=env)


def test_withdrawal_within_three_working_days(store, env, clerk, leader):
    cid = decided(store, clerk, leader, env)
    with store.write(clerk, "case.publicity") as s:
        view = queue_publicity(s, clerk, cid, env=env, on=date(2026, 3, 24))
        mark_published(s, clerk, view.id, published_on=date(2026, 3, 25))
        done = withdraw_publicity(s, clerk, view.id, env=env, changed_on=date(2026, 4, 1),
                                  withdrawn_on=date(2026, 4, 3), reason="复议决定撤销原处罚决定")
    assert done.withdrawn_on == date(2026, 4, 3) and done.warnings == ()
    with store.write(clerk, "case.publicity") as s:
        again = queue_publicity(s, clerk, cid, env=env, on=date(2026, 4, 10))
        late = withdraw_publicity(s, clerk, again.id, env=env, changed_on=date(2026, 4, 10),
                                  withdrawn_on=date(2026, 4, 20), reason="决定被确认无效")
    assert any("第四十八条" in w for w in late.warnings)
