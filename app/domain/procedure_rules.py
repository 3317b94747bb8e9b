"""The rules of each procedural action: preconditions over `CaseFacts`, with the article they rest on.

Each rule appends refusal reasons (the action must not happen) and warnings (it may happen, but
the file should explain why). Articles without a law name are 《中华人民共和国行政处罚法》 (2021).
"""

from __future__ import annotations

from collections.abc import Callable
from datetime import date

from app.clock import format_cn_date as cn
from app.domain.procedure import (
    WARNING,
    Action,
    ActFacts,
    CaseFacts,
    Outcome,
    Procedure,
    ServiceMethod,
    Stage,
)

Rule = Callable[[CaseFacts, list[str], list[str]], None]
RULES: dict[Action, Rule] = {}

TWO_OFFICERS = "调查取证须由两名以上执法人员进行（第四十二条）"
NO_BASIS = "没有法定依据的，不得给予行政处罚（第三十八条）"
APPROVAL_KINDS_NEEDING_HEAD = ("先行登记保存", "查封", "扣押")


def rule(action: Action) -> Callable[[Rule], Rule]:
    def register(fn: Rule) -> Rule:
        RULES[action] = fn
        return fn

    return register


def _not_before(f: CaseFacts, reasons: list[str], day: date | None, what: str) -> None:
    if day is not None and f.on < day:
        reasons.append(f"日期{cn(f.on)}早于{what}（{cn(day)}），请核对，不得倒签")


def _limitation(f: CaseFacts, reasons: list[str]) -> None:
    if f.limitation_expired:
        since = f"，截至{cn(f.limitation_end)}" if f.limitation_end else ""
        reasons.append(
            f"违法行为在{'五' if f.limitation_years == 5 else '二'}年内未被发现{since}，"
            "不再给予行政处罚（第三十六条）"
        )


@rule(Action.FILE)
def _file(f: CaseFacts, reasons: list[str], warnings: list[str]) -> None:
    if not f.has_party:
        reasons.append("尚未登记当事人，不得立案")
    if not f.has_violation_item:
        reasons.append("尚未确定涉嫌的违法行为（案由），不得立案")
    _limitation(f, reasons)
    if not f.filing_approved:
        reasons.append("立案须经行政机关负责人批准（第五十四条）")
    _not_before(f, reasons, f.discovered_on, "发现违法行为的日期")
    if f.filing_check_deadline and f.on > f.filing_check_deadline:
        warnings.append(
            f"案源核查期限已于{cn(f.filing_check_deadline)}届满，应在立案审批表中说明未及时立案的原因"
            "（第五十四条、第七十六条）"
        )


@rule(Action.REFUSE_FILING)
def _refuse_filing(f: CaseFacts, reasons: list[str], warnings: list[str]) -> None:
    if not f.reason_given:
        reasons.append("不予立案须写明理由")
    if not f.filing_refusal_approved:
        reasons.append("不予立案须经行政机关负责人批准")


def check_investigative_act(stage: Stage, act: ActFacts) -> tuple[list[str], list[str]]:
    """Rules for one investigative act (Arts. 42, 55, 56; 行政强制法 Arts. 18, 19)."""
    reasons: list[str] = []
    warnings: list[str] = []
    if act.officers < 2:
        reasons.append(TWO_OFFICERS)
    if not act.certificate_shown:
        reasons.append("执法人员调查或者进行检查时应当主动出示执法证件（第五十五条）")
    needs_head = any(word in act.kind for word in APPROVAL_KINDS_NEEDING_HEAD)
    if needs_head and not act.approved:
        if "先行登记保存" in act.kind:
            reasons.append("先行登记保存证据须经行政机关负责人批准（第五十六条）")
        elif act.emergency:
            warnings.append(
                "情况紧急当场实施行政强制措施的，应当在二十四小时内向负责人报告并补办批准手续"
                "（《行政强制法》第十九条）"
            )
        else:
            reasons.append("实施查封、扣押等行政强制措施须事先经行政机关负责人批准（《行政强制法》第十八条）")
    if ("查封" in act.kind or "扣押" in act.kind) and not act.has_recording:
        warnings.append("查封、扣押等直接涉及重大财产权益的现场执法活动应当全程音像记录（第四十七条）")
    if stage is Stage.LEAD and needs_head:
        reasons.append("立案前的核查不得采取先行登记保存或行政强制措施，请先立案")
    return reasons, warnings


@rule(Action.RECORD_ACT)
def _record_act(f: CaseFacts, reasons: list[str], warnings: list[str]) -> None:
    """The act's own rules are in `check_investigative_act`; here only what the case needs."""


@rule(Action.END_INVESTIGATION)
def _end_investigation(f: CaseFacts, reasons: list[str], warnings: list[str]) -> None:
    if f.investigative_acts == 0:
        reasons.append("尚未记录任何调查取证活动，不能调查终结（第五十四条）")
    if f.acts_missing_officers:
        reasons.append(f"有{f.acts_missing_officers}项调查取证活动执法人员不足两名。{TWO_OFFICERS}")
    if f.pending_preservations:
        reasons.append(
            f"有{f.pending_preservations}项先行登记保存的证据尚未作出处理决定"
            "（应在七个工作日内作出，第五十六条）"
        )
    if f.evidence_count == 0:
        warnings.append("尚未登记任何证据材料（第四十六条）")
    if not f.investigation_end_approved:
        reasons.append("调查终结报告须经行政机关负责人审查（第五十七条）")
    latest = max((d for d in (f.filed_on, f.last_act_on) if d), default=None)
    _not_before(f, reasons, latest, "立案或最后一次调查取证")


@rule(Action.LEGAL_REVIEW)
def _legal_review(f: CaseFacts, reasons: list[str], warnings: list[str]) -> None:
    _not_before(f, reasons, f.investigation_ended_on, "调查终结")
    if not f.reviewer_qualified:
        reasons.append("初次从事行政处罚决定法制审核的人员，应当取得法律职业资格（第五十八条）")
    if f.hearing_requested and not f.hearing_held and not f.hearing_waived:
        reasons.append("当事人已申请听证，法制审核应在听证结束后依据听证笔录进行（第五十八条、第六十五条）")


@rule(Action.COLLECTIVE_DISCUSSION)
def _collective(f: CaseFacts, reasons: list[str], warnings: list[str]) -> None:
    _not_before(f, reasons, f.investigation_ended_on, "调查终结")
    if f.review_required and f.review_passed is None:
        warnings.append("通常先经法制审核，再提交负责人集体讨论")


@rule(Action.EXTEND)
def _extend(f: CaseFacts, reasons: list[str], warnings: list[str]) -> None:
    if f.decision_deadline and f.on > f.decision_deadline:
        reasons.append(f"办案期限已于{cn(f.decision_deadline)}届满，延期应在期限届满前批准（第六十条）")
    if not f.reason_given:
        reasons.append("延长办案期限须写明理由")
    if f.extensions_granted == 0:
        if not f.approval_given:
            reasons.append("延长办案期限须经行政机关负责人批准")
    elif not (f.approval_given and f.by_collective_discussion):
        reasons.append("再次延长办案期限须经行政机关负责人集体讨论决定")


def _proposal_complete(f: CaseFacts, reasons: list[str]) -> None:
    if f.fine_fen <= 0 and not f.penalties:
        reasons.append("尚未拟定处罚种类和幅度")
    if not f.has_legal_basis:
        reasons.append(NO_BASIS)
    if not f.has_facts_text:
        reasons.append("尚未写明违法事实")
    if f.discretion_problems and not f.deviation_approved:
        reasons.extend(f.discretion_problems)


@rule(Action.SEND_NOTICE)
def _send_notice(f: CaseFacts, reasons: list[str], warnings: list[str]) -> None:
    if f.outcome is not Outcome.PENALTY:
        reasons.append("事先告知仅适用于拟给予行政处罚的案件（第四十四条）")
        return
    _proposal_complete(f, reasons)
    _not_before(f, reasons, f.investigation_ended_on, "调查终结")
    if f.stage is not Stage.INVESTIGATED:
        warnings.append("重新告知后，陈述申辩和听证期限自新告知书送达之日重新计算")


@rule(Action.RECORD_STATEMENT)
def _record_statement(f: CaseFacts, reasons: list[str], warnings: list[str]) -> None:
    if f.notice_served_on is None:
        reasons.append("事先告知书尚未送达，无法登记陈述申辩")
    if f.statement_deadline and f.on > f.statement_deadline:
        warnings.append(
            f"陈述申辩期限已于{cn(f.statement_deadline)}届满；逾期提出的意见仍应听取并复核（第四十五条）"
        )


@rule(Action.REQUEST_HEARING)
def _request_hearing(f: CaseFacts, reasons: list[str], warnings: list[str]) -> None:
    if not f.hearing_offered:
        warnings.append("本案拟作出的处罚不属于应当告知听证权利的范围（第六十三条），仍可依申请组织听证")
    if f.hearing_request_deadline and f.on > f.hearing_request_deadline:
        reasons.append(
            f"当事人申请听证的期限已于{cn(f.hearing_request_deadline)}届满（告知后五日内提出，第六十四条）"
        )


@rule(Action.HOLD_HEARING)
def _hold_hearing(f: CaseFacts, reasons: list[str], warnings: list[str]) -> None:
    if f.hearing_held:
        reasons.append("听证已经举行")
    if f.hearing_notice_on is None:
        reasons.append("尚未通知当事人听证的时间、地点（第六十四条）")
    elif f.hearing_earliest and f.on < f.hearing_earliest:
        reasons.append(
            f"应当在举行听证的七日前通知当事人，最早可于{cn(f.hearing_earliest)}举行听证（第六十四条）"
        )
    if f.presider_is_investigator:
        reasons.append("听证由非本案调查人员主持（第六十四条）")


def _notice_and_hearing(f: CaseFacts, reasons: list[str]) -> None:
    if f.notice_served_on is None:
        reasons.append("未履行事先告知程序，不得作出处罚决定（第六十二条）")
        return
    if f.changed_since_notice:
        reasons.append("事先告知后违法事实、理由或依据发生变化，应当重新履行事先告知程序（第四十四条）")
    if not (f.statement_received or f.statement_waived) and f.statement_deadline:
        if f.on <= f.statement_deadline:
            reasons.append(f"当事人陈述申辩期限未届满（截至{cn(f.statement_deadline)}）")
    if f.statement_received and not f.statement_rechecked:
        reasons.append("对当事人提出的事实、理由和证据应当进行复核（第四十五条）")
    if f.hearing_offered and not f.hearing_requested and not f.hearing_waived:
        if f.hearing_request_deadline and f.on <= f.hearing_request_deadline:
            reasons.append(f"当事人申请听证期限未届满（截至{cn(f.hearing_request_deadline)}）")
    if f.hearing_requested and not f.hearing_held and not f.hearing_waived:
        reasons.append("当事人已申请听证，听证结束后方可依据听证笔录作出决定（第六十五条）")
    heavier = (f.notified_fine_fen is not None and f.fine_fen > f.notified_fine_fen) or not (
        f.penalties <= f.notified_penalties
    )
    if heavier:
        if f.statement_received or f.hearing_held:
            reasons.append("不得因当事人陈述申辩而加重处罚（第四十五条）")
        reasons.append("拟作出的处罚重于事先告知的内容，应当重新履行事先告知程序（第四十四条）")


@rule(Action.DECIDE)
def _decide(f: CaseFacts, reasons: list[str], warnings: list[str]) -> None:
    if f.outcome is None:
        reasons.append("尚未拟定处理意见（第五十七条）")
        return
    if f.stage is Stage.INVESTIGATED and f.is_penalty:
        reasons.append("未履行事先告知程序，不得作出处罚决定（第六十二条）")
    if f.is_penalty:
        _proposal_complete(f, reasons)
        if f.stage is not Stage.INVESTIGATED:
            _notice_and_hearing(f, reasons)
        if f.discussion_required and not f.discussion_done:
            reasons.append("对情节复杂或者重大违法行为给予行政处罚，应当经行政机关负责人集体讨论决定（第五十七条）")
        if not f.has_party:
            reasons.append("决定书应当载明当事人的姓名或者名称、地址（第五十九条）")
    if f.outcome is Outcome.NO_PENALTY_MINOR and not f.education_recorded:
        reasons.append("对不予行政处罚的当事人，应当对其进行教育并记录（第三十三条）")
    if f.review_required:
        if f.review_passed is None:
            reasons.append("重大执法决定未经法制审核，不得作出决定（《行政处罚法》第五十八条）")
        elif f.review_passed is False:
            reasons.append("法制审核未通过，不得作出决定（第五十八条）")
        elif f.hearing_held and f.review_on and f.hearing_on and f.review_on < f.hearing_on:
            reasons.append("经过听证的案件，应当在听证后依据听证笔录进行法制审核（第五十八条、第六十五条）")
    if not f.decision_approved:
        reasons.append("处理决定须经行政机关负责人审查决定（第五十七条）")
    _not_before(f, reasons, f.last_event_on, "本案已记录的上一环节")
    if f.decision_deadline and f.on > f.decision_deadline:
        warnings.append(f"已超过作出决定的期限（{cn(f.decision_deadline)}，第六十条），应说明超期原因")


@rule(Action.SERVE)
def _serve(f: CaseFacts, reasons: list[str], warnings: list[str]) -> None:
    if f.service_method is None:
        reasons.append("尚未选择送达方式")
        return
    if f.decided_on and f.on < f.decided_on:
        reasons.append("送达日期不得早于决定日期")
    if f.service_method is ServiceMethod.ELECTRONIC and not f.electronic_consent:
        reasons.append("采用传真、电子邮件等方式送达，须经当事人同意并签订确认书（第六十一条）")
    if f.service_method is ServiceMethod.LEFT and not f.witness_or_video:
        reasons.append("留置送达应当邀请见证人到场或者采用拍照、录像等方式记录送达过程（《民事诉讼法》第八十九条）")
    if f.service_method is ServiceMethod.PUBLIC_NOTICE and not f.other_methods_failed:
        reasons.append("仅在受送达人下落不明或者用其他方式无法送达时，方可公告送达（《民事诉讼法》第九十五条）")
    if f.service_deadline and f.on > f.service_deadline and not f.party_present_at_decision:
        warnings.append(f"决定书应在作出后七日内送达（截至{cn(f.service_deadline)}，第六十一条），已逾期")


@rule(Action.ON_SPOT_PENALTY)
def _on_spot(f: CaseFacts, reasons: list[str], warnings: list[str]) -> None:
    if not (f.has_party and f.has_violation_item and f.has_facts_text):
        reasons.append("当场处罚须违法事实确凿，并写明当事人和违法行为（第五十一条）")
    if not f.has_legal_basis:
        reasons.append("当场处罚须有法定依据（第五十一条）")
    _limitation(f, reasons)
    whom = "法人或者其他组织" if f.party_is_organisation else "公民"
    limit = "三千元" if f.party_is_organisation else "二百元"
    other = f.penalties - {WARNING}
    if f.fine_fen > f.simple_limit_fen or other:
        reasons.append(
            f"当场处罚仅限对{whom}处以{limit}以下罚款或者警告（第五十一条），本案应适用普通程序"
        )
    if f.fine_fen <= 0 and WARNING not in f.penalties:
        reasons.append("尚未拟定处罚种类和幅度")
    if f.officers_present < 2:
        reasons.append("执法人员不得少于两人（第四十二条）")
    if not f.certificate_shown:
        reasons.append("执法人员当场作出行政处罚决定的，应当向当事人出示执法证件（第五十二条）")
    if not f.form_number.strip():
        reasons.append("当场处罚决定书应当使用预定格式、编有号码的决定书（第五十二条）")
    if not f.rights_informed:
        reasons.append("作出处罚决定前，应当告知当事人违法事实、理由、依据及陈述申辩权利（第四十四条）")
    if not f.reconsideration_first_notified:
        reasons.append("应当告知当事人对当场处罚不服须先申请行政复议（《行政复议法》第二十三条）")
    if f.discretion_problems and not f.deviation_approved:
        reasons.extend(f.discretion_problems)


@rule(Action.FILE_ON_SPOT_RECORD)
def _on_spot_record(f: CaseFacts, reasons: list[str], warnings: list[str]) -> None:
    if f.on_spot_recorded:
        reasons.append("当场处罚决定书已经备案")


@rule(Action.RECORD_PAYMENT)
def _payment(f: CaseFacts, reasons: list[str], warnings: list[str]) -> None:
    if f.fine_outstanding_fen <= 0:
        reasons.append("本案没有待缴纳的罚款")
    if f.collected_on_spot:
        if f.procedure is not Procedure.SIMPLE or not f.on_spot_collection_allowed:
            reasons.append(
                "除依法当场收缴外，作出罚款决定的行政机关及其执法人员不得自行收缴罚款（第六十七条、第六十八条）"
            )
        if not f.special_receipt:
            reasons.append("当场收缴罚款须出具财政部门统一制发的专用票据（第七十条）")


@rule(Action.DEFER_PAYMENT)
def _defer(f: CaseFacts, reasons: list[str], warnings: list[str]) -> None:
    if f.fine_outstanding_fen <= 0:
        reasons.append("本案没有待缴纳的罚款")
    if not f.party_applied:
        reasons.append("暂缓或者分期缴纳罚款须由当事人申请（第六十六条）")
    if not f.approval_given:
        reasons.append("暂缓或者分期缴纳罚款须经行政机关批准（第六十六条）")


@rule(Action.CLOSE)
def _close(f: CaseFacts, reasons: list[str], warnings: list[str]) -> None:
    if f.stage is Stage.DECIDED:
        if f.outcome is not Outcome.TRANSFER:
            reasons.append("处理决定尚未送达当事人（第六十一条）")
        elif not f.transfer_sent:
            reasons.append("尚未将案件移送司法机关（第二十七条）")
    if f.fine_outstanding_fen > 0 and not f.enforcement_applied:
        reasons.append("罚款（含加处罚款）尚未缴清，应执行完毕或依法申请人民法院强制执行后结案（第七十二条）")
    if f.collections_not_handed_over:
        reasons.append("当场收缴的罚款应当自收缴之日起二日内交至行政机关（第七十一条），请先登记上缴")
    if f.procedure is Procedure.SIMPLE and not f.on_spot_recorded:
        reasons.append("当场处罚决定书应当报所属行政机关备案（第五十二条）")
    if not f.closing_approved:
        reasons.append("结案须经行政机关负责人批准")
    _not_before(f, reasons, f.last_event_on, "本案已记录的上一环节")


@rule(Action.ARCHIVE)
def _archive(f: CaseFacts, reasons: list[str], warnings: list[str]) -> None:
    """Archiving follows closure; the file's completeness is checked by the documents service."""
    _not_before(f, reasons, f.last_event_on, "结案")


@rule(Action.REVOKE_FILING)
def _revoke(f: CaseFacts, reasons: list[str], warnings: list[str]) -> None:
    if not f.reason_given:
        reasons.append("撤销立案须写明理由")
    if not f.approval_given:
        reasons.append("撤销立案须经行政机关负责人批准")
    _not_before(f, reasons, f.filed_on, "立案")
