"""The procedure state machine: one test per rule of DOMAIN §1 that it enforces."""

from __future__ import annotations

from dataclasses import replace
from datetime import date

import pytest

from app.domain.procedure import (
    WARNING,
    Action,
    ActFacts,
    CaseFacts,
    Outcome,
    Procedure,
    ServiceMethod,
    Stage,
    check,
    next_actions,
    pending_step,
    target_stage,
)
from app.domain.procedure_rules import check_investigative_act

TODAY = date(2026, 11, 27)


def lead(**kw) -> CaseFacts:
    base = CaseFacts(
        procedure=Procedure.ORDINARY, stage=Stage.LEAD, today=TODAY, has_party=True,
        has_violation_item=True, has_facts_text=True, has_legal_basis=True,
        violation_date=date(2026, 11, 1),
    )
    return replace(base, **kw)


def ready_to_decide(**kw) -> CaseFacts:
    """A penalty case after notice, with every period elapsed and nothing outstanding."""
    base = lead(
        stage=Stage.NOTIFIED, filing_approved=True, filed_on=date(2026, 10, 1),
        investigative_acts=2, evidence_count=3, investigation_end_approved=True,
        outcome=Outcome.PENALTY, fine_fen=50_000, notified_fine_fen=50_000,
        notice_served_on=date(2026, 11, 16), statement_deadline=date(2026, 11, 19),
        hearing_request_deadline=date(2026, 11, 23), hearing_offered=True,
        decision_approved=True, decision_deadline=date(2026, 12, 30),
    )
    return replace(base, **kw)


def reasons(facts: CaseFacts, action: Action) -> list[str]:
    return check(facts, action)[0]


def warnings(facts: CaseFacts, action: Action) -> list[str]:
    return check(facts, action)[1]


def assert_refused(facts: CaseFacts, action: Action, fragment: str) -> None:
    got = reasons(facts, action)
    assert any(fragment in r for r in got), got


# --- stage and procedure gates -------------------------------------------------------------------

def test_an_action_outside_its_stage_is_refused_naming_the_stage():
    assert_refused(lead(), Action.DECIDE, "“案源登记”阶段，不能作出处理决定")


def test_ordinary_actions_do_not_apply_to_a_simple_case():
    assert_refused(lead(procedure=Procedure.SIMPLE), Action.FILE, "简易程序案件不适用")


def test_next_actions_lists_only_actions_of_the_current_stage_with_reasons():
    actions = {a.action: a for a in next_actions(lead())}
    assert set(actions) == {Action.FILE, Action.REFUSE_FILING, Action.RECORD_ACT}
    assert not actions[Action.FILE].allowed
    assert "立案须经行政机关负责人批准（第五十四条）" in actions[Action.FILE].reasons
    assert actions[Action.FILE].target is Stage.INVESTIGATING


# --- filing (Arts. 36, 54) ------------------------------------------------------------------------

def test_filing_needs_the_heads_approval():
    assert_refused(lead(), Action.FILE, "立案须经行政机关负责人批准")
    assert reasons(lead(filing_approved=True), Action.FILE) == []


def test_filing_needs_a_party_and_a_violation():
    facts = lead(filing_approved=True, has_party=False, has_violation_item=False)
    assert_refused(facts, Action.FILE, "尚未登记当事人")
    assert_refused(facts, Action.FILE, "案由")


def test_filing_after_the_two_year_limitation_is_refused():
    facts = lead(filing_approved=True, limitation_expired=True, limitation_end=date(2026, 1, 5))
    assert_refused(facts, Action.FILE, "二年内未被发现，截至2026年1月5日，不再给予行政处罚（第三十六条）")


def test_five_year_limitation_is_named_when_it_applies():
    facts = lead(filing_approved=True, limitation_expired=True, limitation_years=5)
    assert_refused(facts, Action.FILE, "五年内未被发现")


def test_late_filing_is_allowed_with_a_warning_to_explain_it():
    facts = lead(filing_approved=True, filing_check_deadline=date(2026, 11, 20))
    assert reasons(facts, Action.FILE) == []
    assert any("第七十六条" in w for w in warnings(facts, Action.FILE))


def test_refusing_to_file_needs_a_reason_and_approval():
    assert_refused(lead(), Action.REFUSE_FILING, "不予立案须写明理由")
    assert_refused(lead(reason_given=True), Action.REFUSE_FILING, "负责人批准")
    assert reasons(lead(reason_given=True, filing_refusal_approved=True), Action.REFUSE_FILING) == []


# --- investigation (Arts. 42, 55, 56; 行政强制法 18, 19, 47) ---------------------------------------

def test_an_act_by_one_officer_is_refused():
    got, _ = check_investigative_act(Stage.INVESTIGATING, ActFacts(kind="现场检查", officers=1))
    assert "调查取证须由两名以上执法人员进行（第四十二条）" in got


def test_an_act_without_showing_certificates_is_refused():
    got, _ = check_investigative_act(
        Stage.INVESTIGATING, ActFacts(kind="询问", officers=2, certificate_shown=False)
    )
    assert any("第五十五条" in r for r in got)


def test_advance_preservation_needs_the_heads_approval():
    act = ActFacts(kind="先行登记保存", officers=2)
    got, _ = check_investigative_act(Stage.INVESTIGATING, act)
    assert any("第五十六条" in r for r in got)
    assert check_investigative_act(Stage.INVESTIGATING, replace(act, approved=True))[0] == []


def test_seizure_needs_prior_approval_unless_urgent_and_asks_for_video():
    act = ActFacts(kind="查封扣押", officers=2)
    got, warn = check_investigative_act(Stage.INVESTIGATING, act)
    assert any("第十八条" in r for r in got)
    got, warn = check_investigative_act(Stage.INVESTIGATING, replace(act, emergency=True))
    assert got == [] and any("二十四小时" in w for w in warn) and any("音像" in w for w in warn)


def test_coercive_measures_are_refused_before_filing():
    act = ActFacts(kind="先行登记保存", officers=2, approved=True)
    assert any("请先立案" in r for r in check_investigative_act(Stage.LEAD, act)[0])


def test_investigation_cannot_end_without_any_act():
    facts = lead(stage=Stage.INVESTIGATING, investigation_end_approved=True)
    assert_refused(facts, Action.END_INVESTIGATION, "尚未记录任何调查取证活动")


def test_investigation_cannot_end_with_acts_by_fewer_than_two_officers():
    facts = lead(stage=Stage.INVESTIGATING, investigative_acts=2, acts_missing_officers=1,
                 investigation_end_approved=True)
    assert_refused(facts, Action.END_INVESTIGATION, "（第四十二条）")


def test_investigation_cannot_end_with_preserved_evidence_undecided():
    facts = lead(stage=Stage.INVESTIGATING, investigative_acts=1, pending_preservations=1,
                 investigation_end_approved=True)
    assert_refused(facts, Action.END_INVESTIGATION, "七个工作日内作出，第五十六条")


def test_investigation_end_needs_the_heads_review_and_warns_without_evidence():
    facts = lead(stage=Stage.INVESTIGATING, investigative_acts=1)
    assert_refused(facts, Action.END_INVESTIGATION, "调查终结报告须经行政机关负责人审查")
    ok = replace(facts, investigation_end_approved=True)
    assert reasons(ok, Action.END_INVESTIGATION) == []
    assert any("第四十六条" in w for w in warnings(ok, Action.END_INVESTIGATION))


# --- legal review and collective discussion (Arts. 57, 58) ----------------------------------------

def test_decision_without_required_legal_review_is_refused():
    assert_refused(ready_to_decide(review_required=True), Action.DECIDE,
                   "重大执法决定未经法制审核，不得作出决定（《行政处罚法》第五十八条）")


def test_decision_after_failed_legal_review_is_refused():
    assert_refused(ready_to_decide(review_required=True, review_passed=False), Action.DECIDE,
                   "法制审核未通过")


def test_first_time_reviewer_needs_legal_qualification():
    facts = ready_to_decide(reviewer_qualified=False)
    assert_refused(facts, Action.LEGAL_REVIEW, "法律职业资格")


def test_legal_review_waits_for_a_requested_hearing():
    facts = ready_to_decide(stage=Stage.HEARING, hearing_requested=True)
    assert_refused(facts, Action.LEGAL_REVIEW, "依据听证笔录")


def test_review_done_before_the_hearing_must_be_redone_after_it():
    facts = ready_to_decide(
        stage=Stage.HEARING, review_required=True, review_passed=True, review_on=date(2026, 11, 10),
        hearing_requested=True, hearing_held=True, hearing_on=date(2026, 11, 25),
    )
    assert_refused(facts, Action.DECIDE, "听证后依据听证笔录进行法制审核")


def test_serious_case_needs_collective_discussion_before_penalty():
    assert_refused(ready_to_decide(discussion_required=True), Action.DECIDE, "集体讨论决定（第五十七条）")
    assert reasons(ready_to_decide(discussion_required=True, discussion_done=True), Action.DECIDE) == []


def test_collective_discussion_before_review_only_warns():
    facts = ready_to_decide(stage=Stage.INVESTIGATED, review_required=True)
    assert reasons(facts, Action.COLLECTIVE_DISCUSSION) == []
    assert warnings(facts, Action.COLLECTIVE_DISCUSSION)


# --- prior notice, statement, hearing (Arts. 44, 45, 62–65) ---------------------------------------

def test_penalty_without_prior_notice_is_refused():
    facts = ready_to_decide(stage=Stage.INVESTIGATED, notice_served_on=None)
    assert_refused(facts, Action.DECIDE, "未履行事先告知程序，不得作出处罚决定（第六十二条）")


def test_notice_needs_a_complete_proposal_with_legal_basis():
    facts = lead(stage=Stage.INVESTIGATED, outcome=Outcome.PENALTY, has_legal_basis=False)
    assert_refused(facts, Action.SEND_NOTICE, "尚未拟定处罚种类和幅度")
    assert_refused(facts, Action.SEND_NOTICE, "第三十八条")


def test_notice_is_only_for_a_proposed_penalty():
    facts = lead(stage=Stage.INVESTIGATED, outcome=Outcome.NOT_ESTABLISHED)
    assert_refused(facts, Action.SEND_NOTICE, "仅适用于拟给予行政处罚")


def test_fine_outside_the_benchmark_blocks_the_notice_unless_approved():
    facts = lead(stage=Stage.INVESTIGATED, outcome=Outcome.PENALTY, fine_fen=10_000,
                 discretion_problems=("罚款低于法定最低限额",))
    assert_refused(facts, Action.SEND_NOTICE, "罚款低于法定最低限额")
    assert reasons(replace(facts, deviation_approved=True), Action.SEND_NOTICE) == []


def test_decision_waits_for_the_statement_period():
    facts = ready_to_decide(act_on=date(2026, 11, 18))
    assert_refused(facts, Action.DECIDE, "当事人陈述申辩期限未届满（截至2026年11月19日）")


def test_an_express_waiver_ends_the_statement_period():
    facts = ready_to_decide(act_on=date(2026, 11, 18), statement_waived=True, hearing_waived=True)
    assert reasons(facts, Action.DECIDE) == []


def test_decision_waits_for_the_hearing_request_period():
    facts = ready_to_decide(act_on=date(2026, 11, 20), statement_waived=True)
    assert_refused(facts, Action.DECIDE, "当事人申请听证期限未届满（截至2026年11月23日）")


def test_statement_must_be_rechecked_before_deciding():
    facts = ready_to_decide(statement_received=True)
    assert_refused(facts, Action.DECIDE, "应当进行复核（第四十五条）")
    assert reasons(replace(facts, statement_rechecked=True), Action.DECIDE) == []


def test_penalty_cannot_be_increased_because_of_the_defence():
    facts = ready_to_decide(statement_received=True, statement_rechecked=True, fine_fen=80_000)
    assert_refused(facts, Action.DECIDE, "不得因当事人陈述申辩而加重处罚（第四十五条）")


def test_a_heavier_penalty_than_notified_needs_a_new_notice():
    facts = ready_to_decide(penalties=frozenset({"没收违法所得"}))
    assert_refused(facts, Action.DECIDE, "重新履行事先告知程序")
    assert reasons(ready_to_decide(fine_fen=30_000), Action.DECIDE) == []


def test_renotice_restarts_the_periods_with_a_warning():
    facts = ready_to_decide()
    assert reasons(facts, Action.SEND_NOTICE) == []
    assert any("重新计算" in w for w in warnings(facts, Action.SEND_NOTICE))


def test_statement_before_notice_is_served_is_refused():
    facts = ready_to_decide(notice_served_on=None)
    assert_refused(facts, Action.RECORD_STATEMENT, "事先告知书尚未送达")


def test_late_statement_is_still_heard_with_a_warning():
    facts = ready_to_decide(act_on=date(2026, 11, 25))
    assert reasons(facts, Action.RECORD_STATEMENT) == []
    assert any("仍应听取并复核" in w for w in warnings(facts, Action.RECORD_STATEMENT))


def test_hearing_request_after_five_working_days_is_refused():
    facts = ready_to_decide(act_on=date(2026, 11, 24))
    assert_refused(facts, Action.REQUEST_HEARING, "已于2026年11月23日届满")
    assert reasons(replace(facts, act_on=date(2026, 11, 23)), Action.REQUEST_HEARING) == []


def test_decision_waits_until_a_requested_hearing_is_held():
    facts = ready_to_decide(stage=Stage.HEARING, hearing_requested=True)
    assert_refused(facts, Action.DECIDE, "听证结束后方可依据听证笔录作出决定")
    held = replace(facts, hearing_held=True, hearing_on=date(2026, 11, 26))
    assert reasons(held, Action.DECIDE) == []


def test_absence_from_the_hearing_counts_as_waiver():
    facts = ready_to_decide(stage=Stage.HEARING, hearing_requested=True, hearing_waived=True)
    assert reasons(facts, Action.DECIDE) == []


def test_hearing_needs_seven_days_notice():
    facts = ready_to_decide(stage=Stage.HEARING, hearing_requested=True, hearing_notice_on=None)
    assert_refused(facts, Action.HOLD_HEARING, "尚未通知当事人听证")
    facts = replace(facts, hearing_notice_on=date(2026, 11, 20), hearing_earliest=date(2026, 12, 1))
    assert_refused(facts, Action.HOLD_HEARING, "最早可于2026年12月1日举行听证")
    assert reasons(replace(facts, act_on=date(2026, 12, 1)), Action.HOLD_HEARING) == []


def test_hearing_presider_cannot_be_an_investigator():
    facts = ready_to_decide(stage=Stage.HEARING, hearing_notice_on=date(2026, 11, 1),
                            presider_is_investigator=True)
    assert_refused(facts, Action.HOLD_HEARING, "非本案调查人员主持")


# --- decision (Arts. 33, 57, 59, 60) ---------------------------------------------------------------

def test_decision_needs_the_heads_approval_and_an_outcome():
    assert_refused(ready_to_decide(decision_approved=False), Action.DECIDE, "负责人审查决定（第五十七条）")
    assert_refused(ready_to_decide(outcome=None), Action.DECIDE, "尚未拟定处理意见")


@pytest.mark.parametrize("outcome", [Outcome.NOT_ESTABLISHED, Outcome.TRANSFER])
def test_no_penalty_outcomes_need_no_prior_notice(outcome):
    facts = ready_to_decide(stage=Stage.INVESTIGATED, outcome=outcome, notice_served_on=None)
    assert reasons(facts, Action.DECIDE) == []


def test_minor_violation_not_penalised_needs_an_education_record():
    facts = ready_to_decide(stage=Stage.INVESTIGATED, outcome=Outcome.NO_PENALTY_MINOR)
    assert_refused(facts, Action.DECIDE, "教育并记录（第三十三条）")
    assert reasons(replace(facts, education_recorded=True), Action.DECIDE) == []


def test_deciding_after_ninety_days_is_flagged():
    facts = ready_to_decide(act_on=date(2027, 1, 4))
    assert any("第六十条" in w for w in warnings(facts, Action.DECIDE))


def test_first_extension_needs_head_later_ones_collective_discussion():
    facts = ready_to_decide(reason_given=True)
    assert_refused(facts, Action.EXTEND, "延长办案期限须经行政机关负责人批准")
    assert reasons(replace(facts, approval_given=True), Action.EXTEND) == []
    again = replace(facts, approval_given=True, extensions_granted=1)
    assert_refused(again, Action.EXTEND, "集体讨论")
    assert reasons(replace(again, by_collective_discussion=True), Action.EXTEND) == []


def test_extension_after_the_deadline_is_refused():
    facts = ready_to_decide(reason_given=True, approval_given=True, act_on=date(2027, 1, 2))
    assert_refused(facts, Action.EXTEND, "应在期限届满前批准")


# --- service (Art. 61; 民事诉讼法 89, 95) ------------------------------------------------------------

def served(**kw) -> CaseFacts:
    return ready_to_decide(**{"stage": Stage.DECIDED, "decided_on": date(2026, 11, 25), **kw})


def test_service_needs_a_method():
    assert_refused(served(), Action.SERVE, "尚未选择送达方式")


def test_electronic_service_needs_signed_consent():
    assert_refused(served(service_method=ServiceMethod.ELECTRONIC), Action.SERVE, "确认书（第六十一条）")


def test_left_behind_service_needs_a_witness_or_video():
    assert_refused(served(service_method=ServiceMethod.LEFT), Action.SERVE, "第八十九条")


def test_public_notice_only_when_other_methods_fail():
    assert_refused(served(service_method=ServiceMethod.PUBLIC_NOTICE), Action.SERVE, "第九十五条")


def test_service_later_than_seven_working_days_is_flagged():
    facts = served(service_method=ServiceMethod.POSTAL, service_deadline=date(2026, 12, 4),
                   act_on=date(2026, 12, 7))
    assert reasons(facts, Action.SERVE) == []
    assert any("七日内送达" in w for w in warnings(facts, Action.SERVE))


def test_service_before_the_decision_date_is_refused():
    facts = served(service_method=ServiceMethod.DIRECT, act_on=date(2026, 11, 24))
    assert_refused(facts, Action.SERVE, "不得早于决定日期")


# --- execution and closing (Arts. 66–72) -------------------------------------------------------------

def executing(**kw) -> CaseFacts:
    return served(stage=Stage.EXECUTING, served_on=date(2026, 11, 25), **kw)


def test_officers_may_not_collect_fines_in_the_ordinary_procedure():
    facts = executing(fine_outstanding_fen=50_000, collected_on_spot=True, special_receipt=True)
    assert_refused(facts, Action.RECORD_PAYMENT, "不得自行收缴罚款（第六十七条、第六十八条）")


def test_on_spot_collection_needs_the_finance_receipt():
    facts = executing(procedure=Procedure.SIMPLE, fine_outstanding_fen=5_000, collected_on_spot=True,
                      on_spot_collection_allowed=True)
    assert_refused(facts, Action.RECORD_PAYMENT, "专用票据（第七十条）")


def test_deferral_needs_an_application_and_approval():
    facts = executing(fine_outstanding_fen=50_000)
    assert_refused(facts, Action.DEFER_PAYMENT, "当事人申请（第六十六条）")
    assert_refused(facts, Action.DEFER_PAYMENT, "行政机关批准（第六十六条）")
    assert reasons(replace(facts, party_applied=True, approval_given=True), Action.DEFER_PAYMENT) == []


def test_closing_with_unpaid_fine_is_refused_unless_enforcement_was_applied_for():
    facts = executing(fine_outstanding_fen=50_000, closing_approved=True)
    assert_refused(facts, Action.CLOSE, "尚未缴清")
    assert reasons(replace(facts, enforcement_applied=True), Action.CLOSE) == []


def test_closing_needs_approval():
    assert_refused(executing(), Action.CLOSE, "结案须经行政机关负责人批准")


def test_undelivered_decision_cannot_be_closed_but_a_sent_transfer_can():
    facts = served(closing_approved=True)
    assert_refused(facts, Action.CLOSE, "尚未送达")
    transfer = replace(facts, outcome=Outcome.TRANSFER)
    assert_refused(transfer, Action.CLOSE, "移送司法机关（第二十七条）")
    assert reasons(replace(transfer, transfer_sent=True), Action.CLOSE) == []


def test_revoking_a_filing_needs_reason_and_approval():
    facts = lead(stage=Stage.INVESTIGATING)
    assert_refused(facts, Action.REVOKE_FILING, "撤销立案须写明理由")
    assert reasons(replace(facts, reason_given=True, approval_given=True), Action.REVOKE_FILING) == []
    assert target_stage(facts, Action.REVOKE_FILING) is Stage.REVOKED


# --- simple procedure (Arts. 51, 52, 68–70; 行政复议法 23) -------------------------------------------

def on_spot(**kw) -> CaseFacts:
    base = lead(
        procedure=Procedure.SIMPLE, fine_fen=20_000, simple_limit_fen=20_000, officers_present=2,
        certificate_shown=True, form_number="0001234", rights_informed=True,
        reconsideration_first_notified=True, outcome=Outcome.PENALTY,
    )
    return replace(base, **kw)


def test_on_spot_penalty_with_everything_in_place_is_allowed():
    assert reasons(on_spot(), Action.ON_SPOT_PENALTY) == []
    assert target_stage(on_spot(), Action.ON_SPOT_PENALTY) is Stage.EXECUTING


def test_on_spot_fine_above_two_hundred_yuan_for_a_citizen_is_refused():
    assert_refused(on_spot(fine_fen=20_100), Action.ON_SPOT_PENALTY,
                   "当场处罚仅限对公民处以二百元以下罚款或者警告（第五十一条）")


def test_on_spot_limit_for_an_organisation_is_three_thousand():
    facts = on_spot(party_is_organisation=True, fine_fen=300_100, simple_limit_fen=300_000)
    assert_refused(facts, Action.ON_SPOT_PENALTY, "法人或者其他组织处以三千元以下")


def test_on_spot_penalty_other_than_fine_or_warning_is_refused():
    facts = on_spot(penalties=frozenset({WARNING, "没收违法所得"}))
    assert_refused(facts, Action.ON_SPOT_PENALTY, "本案应适用普通程序")


def test_a_warning_alone_may_be_given_on_the_spot():
    assert reasons(on_spot(fine_fen=0, penalties=frozenset({WARNING})), Action.ON_SPOT_PENALTY) == []


@pytest.mark.parametrize(
    ("change", "fragment"),
    [
        ({"officers_present": 1}, "第四十二条"),
        ({"certificate_shown": False}, "出示执法证件（第五十二条）"),
        ({"form_number": " "}, "预定格式、编有号码"),
        ({"rights_informed": False}, "第四十四条"),
        ({"reconsideration_first_notified": False}, "先申请行政复议（《行政复议法》第二十三条）"),
        ({"has_legal_basis": False}, "法定依据（第五十一条）"),
        ({"limitation_expired": True}, "第三十六条"),
    ],
)
def test_on_spot_penalty_rules(change, fragment):
    assert_refused(on_spot(**change), Action.ON_SPOT_PENALTY, fragment)


def test_on_spot_decision_must_be_recorded_with_the_agency_before_closing():
    facts = on_spot(stage=Stage.EXECUTING, closing_approved=True)
    assert_refused(facts, Action.CLOSE, "备案（第五十二条）")
    assert reasons(replace(facts, on_spot_recorded=True), Action.CLOSE) == []


def test_pending_step_names_the_missing_review():
    assert pending_step(ready_to_decide(review_required=True)) == "待法制审核"
    assert pending_step(ready_to_decide(discussion_required=True)) == "待集体讨论"
    assert pending_step(lead()) == "待立案审批"


# --- chronology (no back-dating) ---------------------------------------------------------------------

def test_filing_cannot_be_dated_before_the_discovery():
    facts = lead(filing_approved=True, discovered_on=date(2026, 11, 20), act_on=date(2026, 11, 19))
    assert_refused(facts, Action.FILE, "早于发现违法行为的日期（2026年11月20日），请核对，不得倒签")


def test_notice_and_review_cannot_predate_the_end_of_investigation():
    facts = ready_to_decide(stage=Stage.INVESTIGATED, investigation_ended_on=date(2026, 11, 10),
                            act_on=date(2026, 11, 9))
    assert_refused(facts, Action.SEND_NOTICE, "早于调查终结")
    assert_refused(facts, Action.LEGAL_REVIEW, "早于调查终结")


def test_decision_cannot_predate_the_last_recorded_step():
    facts = ready_to_decide(last_event_on=date(2026, 11, 26), act_on=date(2026, 11, 25))
    assert_refused(facts, Action.DECIDE, "早于本案已记录的上一环节（2026年11月26日）")


def test_facts_changed_after_notice_need_a_new_notice():
    assert_refused(ready_to_decide(changed_since_notice=True), Action.DECIDE, "应当重新履行事先告知程序（第四十四条）")


def test_on_spot_collections_must_be_handed_over_before_closing():
    facts = on_spot(stage=Stage.EXECUTING, closing_approved=True, on_spot_recorded=True,
                    collections_not_handed_over=1)
    assert_refused(facts, Action.CLOSE, "二日内交至行政机关（第七十一条）")
