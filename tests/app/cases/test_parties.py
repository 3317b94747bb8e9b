"""Parties: identifiers checked with Chinese refusals, nothing half-saved, reuse, repeat lookup."""

from __future__ import annotations

from datetime import date

import pytest
from sqlalchemy import func, select

from app.cases import lifecycle
from app.cases.parties import add_party, remove_party, repeat_violations, update_party
from app.db.models.cases import CaseParty, Party
from app.db.models.core import AuditEntry
from app.errors import Forbidden, Invalid
from tests.app.cases.helpers import ORG_CODE, PERSON_ID, decided, new_lead


def count(store, model) -> int:
    with store.read() as s:
        return s.scalar(select(func.count()).select_from(model))


def test_a_wrong_id_check_digit_is_refused_and_nothing_is_saved(store, env, clerk):
    cid = new_lead(store, clerk, env)
    parties, links, audit = count(store, Party), count(store, CaseParty), count(store, AuditEntry)
    with pytest.raises(Invalid, match="校验"):
        with store.write(clerk, "case.add_party") as s:
            add_party(s, clerk, cid, kind="person", name="李四", id_number="510184199001011234")
    assert (count(store, Party), count(store, CaseParty), count(store, AuditEntry)) == (parties, links, audit)


def test_a_wrong_credit_code_is_refused_with_the_expected_check_character(store, env, clerk):
    cid = new_lead(store, clerk, env)
    with pytest.raises(Invalid, match="应为 M"):
        with store.write(clerk, "case.add_party") as s:
            add_party(s, clerk, cid, kind="org", name="某公司", id_number="911100001000013741")


def test_sex_and_birth_date_come_from_the_id_number_and_must_agree(store, env, clerk):
    cid = new_lead(store, clerk, env, party_id="440524188001010014", name="老王")
    with pytest.raises(Invalid, match="性别“女”与身份证号码不符"):
        with store.write(clerk, "case.add_party") as s:
            add_party(s, clerk, cid, kind="person", name="王某", id_number="11010519491231002X", sex="女")
            add_party(s, clerk, cid, kind="person", name="赵某", id_number="440524188001010014", sex="女")


def test_lower_case_x_is_normalised_and_the_party_is_reused_across_cases(store, env, clerk):
    first = new_lead(store, clerk, env)
    second = new_lead(store, clerk, env, party_id=PERSON_ID.lower())
    with store.read() as s:
        rows = s.scalars(select(Party)).all()
        linked = s.scalars(select(CaseParty.case_id).where(CaseParty.party_id == rows[0].id)).all()
    assert len(rows) == 1 and rows[0].id_number == PERSON_ID
    assert set(linked) == {first, second}


def test_organisation_gets_warnings_not_refusals_for_missing_details(store, env, clerk):
    cid = new_lead(store, clerk, env)
    with store.write(clerk, "case.add_party") as s:
        view = add_party(s, clerk, cid, kind="org", name="某建材公司", id_number=ORG_CODE)
    assert view.id_type == "credit_code" and any("法定代表人" in w for w in view.warnings)


def test_legacy_registration_number_is_accepted_for_an_individual_business(store, env, clerk):
    cid = new_lead(store, clerk, env)
    with store.write(clerk, "case.add_party") as s:
        view = add_party(s, clerk, cid, kind="indiv_biz", name="某某小吃店", id_number="510184600123456",
                         operator_name="钱六", trade_name="某某小吃店")
    assert view.id_type == "legacy_reg" and any("15位注册号" in w for w in view.warnings)


def test_the_same_party_twice_in_one_case_is_refused(store, env, clerk):
    cid = new_lead(store, clerk, env)
    with pytest.raises(Invalid, match="已在本案中"):
        with store.write(clerk, "case.add_party") as s:
            add_party(s, clerk, cid, kind="person", name="张三", id_number=PERSON_ID)


def test_parties_are_fixed_once_decided(store, env, clerk, leader):
    cid = decided(store, clerk, leader, env)
    with store.read() as s:
        party_id = s.scalars(select(CaseParty.party_id).where(CaseParty.case_id == cid)).first()
    with pytest.raises(Invalid, match="不能再变更当事人"):
        with store.write(clerk, "case.remove_party") as s:
            remove_party(s, clerk, cid, party_id)


def test_update_party_revalidates_the_identifier(store, env, clerk):
    new_lead(store, clerk, env)
    with store.read() as s:
        party_id = s.scalars(select(Party.id)).first()
    with pytest.raises(Invalid):
        with store.write(clerk, "case.update_party") as s:
            update_party(s, clerk, party_id, id_number="510184199001011234")
    with store.write(clerk, "case.update_party") as s:
        view = update_party(s, clerk, party_id, phone="13900002222")
    assert view.phone == "13900002222"


def test_reviewer_may_not_edit_parties(store, env, clerk, reviewer):
    cid = new_lead(store, clerk, env)
    with pytest.raises(Forbidden, match="无权编辑案件"):
        with store.write(reviewer, "case.add_party") as s:
            add_party(s, reviewer, cid, kind="person", name="李四", id_number="440524188001010014")


def test_repeat_violation_within_twelve_months_is_found_and_warned(store, env, clerk, leader):
    earlier = decided(store, clerk, leader, env)
    later = new_lead(store, clerk, env, discovered=date(2026, 5, 1), violation=date(2026, 4, 30))
    other_code = new_lead(store, clerk, env, code="CG-002", discovered=date(2026, 5, 1),
                          violation=date(2026, 4, 30))
    with store.read() as s:
        found = repeat_violations(s, id_number=PERSON_ID, violation_code="CG-001",
                                  on=date(2026, 4, 30), exclude_case_id=later)
        none_later = repeat_violations(s, id_number=PERSON_ID, violation_code="CG-001",
                                       on=date(2027, 3, 2), exclude_case_id=later)
    assert [c.id for c in found] == [earlier]
    assert earlier not in [c.id for c in none_later]
    with store.write(leader, "case.approve_filing") as s:
        lifecycle.approve_filing(s, leader, later, env=env, on=date(2026, 5, 2))
    with store.write(clerk, "case.propose") as s:
        proposed = lifecycle.propose(s, clerk, later, env=env, outcome="minor")
    assert any("12个月内有同类违法记录" in w and "首违不罚" in w for w in proposed.warnings)
    assert other_code != later


def test_a_case_found_not_established_is_no_repeat(store, env, clerk, leader):
    cid = new_lead(store, clerk, env)
    with store.write(leader, "case.approve_filing") as s:
        lifecycle.approve_filing(s, leader, cid, env=env, on=date(2026, 3, 3))
    with store.write(clerk, "case.propose") as s:
        lifecycle.propose(s, clerk, cid, env=env, outcome="not_established")
    with store.read() as s:
        assert repeat_violations(s, id_number=PERSON_ID, violation_code="CG-001", on=date(2026, 4, 1)) == []
