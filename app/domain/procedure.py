"""The lawful case lifecycle as a state machine: stages, actions and the facts they are checked on.

Pure rules (no database). A service builds a `CaseFacts` snapshot — dates, approvals present,
periods already computed by the caller from the working-day calendar — and asks `check(facts,
action)` or `next_actions(facts)`. Every refusal is a Chinese sentence naming the article of
《行政处罚法》 (2021) or the other law it rests on, so the clerk sees *why*, not just "no".

The rules themselves live in `app.domain.procedure_rules`; this module holds the vocabulary.
"""

from __future__ import annotations

import enum
from dataclasses import dataclass, field
from datetime import date


class Procedure(str, enum.Enum):
    SIMPLE = "simple"        # 简易程序（当场处罚）
    ORDINARY = "ordinary"    # 普通程序

    @property
    def label(self) -> str:
        return "简易程序" if self is Procedure.SIMPLE else "普通程序"


class Stage(str, enum.Enum):
    LEAD = "lead"                        # 案源登记 (and 核查)
    NOT_FILED = "not_filed"              # 不予立案 (terminal)
    INVESTIGATING = "investigating"      # 立案后调查取证
    INVESTIGATED = "investigated"        # 调查终结 (法制审核 / 集体讨论 happen here when required)
    NOTIFIED = "notified"                # 事先告知已送达, 陈述申辩期间
    HEARING = "hearing"                  # 当事人申请听证
    DECIDED = "decided"                  # 已作出决定, 待送达
    EXECUTING = "executing"              # 已送达, 执行中
    CLOSED = "closed"                    # 结案
    ARCHIVED = "archived"                # 归档
    REVOKED = "revoked"                  # 撤销立案

    @property
    def label(self) -> str:
        return STAGE_LABELS[self]


STAGE_LABELS = {
    Stage.LEAD: "案源登记",
    Stage.NOT_FILED: "不予立案",
    Stage.INVESTIGATING: "调查取证",
    Stage.INVESTIGATED: "调查终结",
    Stage.NOTIFIED: "事先告知",
    Stage.HEARING: "听证",
    Stage.DECIDED: "已决定待送达",
    Stage.EXECUTING: "执行",
    Stage.CLOSED: "结案",
    Stage.ARCHIVED: "归档",
    Stage.REVOKED: "撤销立案",
}

TERMINAL_STAGES = frozenset({Stage.NOT_FILED, Stage.ARCHIVED})
# Stages in which the case is filed and undecided: the 90-day decision clock runs.
PENDING_DECISION = frozenset(
    {Stage.INVESTIGATING, Stage.INVESTIGATED, Stage.NOTIFIED, Stage.HEARING}
)


class Outcome(str, enum.Enum):
    """The four outcomes of Art. 57 para 1."""

    PENALTY = "penalty"                  # 给予行政处罚
    NO_PENALTY_MINOR = "minor"           # 违法行为轻微，依法不予行政处罚
    NOT_ESTABLISHED = "not_established"  # 违法事实不能成立，不予行政处罚
    TRANSFER = "transfer"                # 违法行为涉嫌犯罪，移送司法机关

    @property
    def label(self) -> str:
        return OUTCOME_LABELS[self]


OUTCOME_LABELS = {
    Outcome.PENALTY: "给予行政处罚",
    Outcome.NO_PENALTY_MINOR: "违法行为轻微，不予行政处罚",
    Outcome.NOT_ESTABLISHED: "违法事实不能成立，不予行政处罚",
    Outcome.TRANSFER: "涉嫌犯罪，移送司法机关",
}


class ServiceMethod(str, enum.Enum):
    """送达方式 (Art. 61 and 民事诉讼法 Arts. 87–95)."""

    DIRECT = "direct"            # 直接送达（当场交付）
    LEFT = "left"                # 留置送达
    ELECTRONIC = "electronic"    # 电子送达（传真、电子邮件等）
    POSTAL = "postal"            # 邮寄送达
    ENTRUSTED = "entrusted"      # 委托送达
    PUBLIC_NOTICE = "public"     # 公告送达

    @property
    def label(self) -> str:
        return SERVICE_LABELS[self]


SERVICE_LABELS = {
    ServiceMethod.DIRECT: "直接送达",
    ServiceMethod.LEFT: "留置送达",
    ServiceMethod.ELECTRONIC: "电子送达",
    ServiceMethod.POSTAL: "邮寄送达",
    ServiceMethod.ENTRUSTED: "委托送达",
    ServiceMethod.PUBLIC_NOTICE: "公告送达",
}


class Action(str, enum.Enum):
    FILE = "file"                              # 立案
    REFUSE_FILING = "refuse_filing"            # 不予立案
    RECORD_ACT = "record_act"                  # 调查取证活动
    END_INVESTIGATION = "end_investigation"    # 调查终结
    LEGAL_REVIEW = "legal_review"              # 法制审核
    COLLECTIVE_DISCUSSION = "collective"       # 集体讨论
    EXTEND = "extend"                          # 延长办案期限
    SEND_NOTICE = "send_notice"                # 事先告知
    RECORD_STATEMENT = "record_statement"      # 陈述申辩（或放弃）
    REQUEST_HEARING = "request_hearing"        # 申请听证
    HOLD_HEARING = "hold_hearing"              # 举行听证
    DECIDE = "decide"                          # 作出决定
    SERVE = "serve"                            # 送达决定书
    ON_SPOT_PENALTY = "on_spot"                # 当场处罚
    FILE_ON_SPOT_RECORD = "on_spot_record"     # 当场处罚备案
    RECORD_PAYMENT = "record_payment"          # 缴纳罚款
    DEFER_PAYMENT = "defer_payment"            # 暂缓/分期缴纳
    CLOSE = "close"                            # 结案
    ARCHIVE = "archive"                        # 归档
    REVOKE_FILING = "revoke_filing"            # 撤销立案

    @property
    def label(self) -> str:
        return ACTION_LABELS[self]


ACTION_LABELS = {
    Action.FILE: "立案",
    Action.REFUSE_FILING: "不予立案",
    Action.RECORD_ACT: "记录调查取证",
    Action.END_INVESTIGATION: "调查终结",
    Action.LEGAL_REVIEW: "法制审核",
    Action.COLLECTIVE_DISCUSSION: "集体讨论",
    Action.EXTEND: "延长办案期限",
    Action.SEND_NOTICE: "事先告知",
    Action.RECORD_STATEMENT: "陈述申辩",
    Action.REQUEST_HEARING: "申请听证",
    Action.HOLD_HEARING: "举行听证",
    Action.DECIDE: "作出处理决定",
    Action.SERVE: "送达决定书",
    Action.ON_SPOT_PENALTY: "当场处罚",
    Action.FILE_ON_SPOT_RECORD: "当场处罚备案",
    Action.RECORD_PAYMENT: "登记缴款",
    Action.DEFER_PAYMENT: "暂缓/分期缴纳",
    Action.CLOSE: "结案",
    Action.ARCHIVE: "归档",
    Action.REVOKE_FILING: "撤销立案",
}

# Penalty kinds of Art. 9 beyond the fine, as stored in `penalties`.
WARNING = "警告"


@dataclass(frozen=True)
class CaseFacts:
    """Everything the rules look at, as plain values. Periods are computed by the caller.

    `act_on` is the date of the act being checked (an approval, a notice served, a decision);
    it defaults to `today`. Approvals are True only when an approving record exists.
    """

    procedure: Procedure
    stage: Stage
    today: date
    act_on: date | None = None
    # Party and violation
    has_party: bool = False
    party_is_organisation: bool = False
    has_violation_item: bool = False
    has_facts_text: bool = False
    has_legal_basis: bool = False
    violation_date: date | None = None
    limitation_expired: bool = False
    limitation_years: int = 2
    limitation_end: date | None = None
    # Filing
    filing_approved: bool = False
    filing_refusal_approved: bool = False
    filing_check_deadline: date | None = None
    filed_on: date | None = None
    reason_given: bool = False
    # Investigation
    investigative_acts: int = 0
    acts_missing_officers: int = 0
    pending_preservations: int = 0
    evidence_count: int = 0
    investigation_end_approved: bool = False
    # Chronology: steps may not be dated before the steps they follow (no back-dating, 倒签).
    discovered_on: date | None = None
    last_act_on: date | None = None
    investigation_ended_on: date | None = None
    last_event_on: date | None = None
    # Review and discussion
    review_required: bool = False
    review_passed: bool | None = None          # None: not reviewed; False: review failed
    review_on: date | None = None
    reviewer_qualified: bool = True
    discussion_required: bool = False
    discussion_done: bool = False
    approval_given: bool = False               # the approval this action needs (extension, deferral…)
    extensions_granted: int = 0
    by_collective_discussion: bool = False
    decision_deadline: date | None = None
    # Proposal (what the squad intends) and prior notice
    outcome: Outcome | None = None
    fine_fen: int = 0
    penalties: frozenset[str] = field(default_factory=frozenset)
    discretion_problems: tuple[str, ...] = ()
    deviation_approved: bool = False
    education_recorded: bool = False
    hearing_eligible: bool = False
    notice_served_on: date | None = None
    notified_fine_fen: int | None = None
    notified_penalties: frozenset[str] = field(default_factory=frozenset)
    hearing_offered: bool = False
    changed_since_notice: bool = False      # facts, reasons or basis edited after the notice
    # Statement and hearing
    statement_deadline: date | None = None
    statement_received: bool = False
    statement_waived: bool = False
    statement_rechecked: bool = False
    hearing_request_deadline: date | None = None
    hearing_requested: bool = False
    hearing_waived: bool = False
    hearing_notice_on: date | None = None
    hearing_earliest: date | None = None
    hearing_on: date | None = None
    hearing_held: bool = False
    presider_is_investigator: bool = False
    # Decision, service, execution
    decision_approved: bool = False
    decided_on: date | None = None
    service_method: ServiceMethod | None = None
    service_deadline: date | None = None
    party_present_at_decision: bool = False
    electronic_consent: bool = False
    witness_or_video: bool = False
    other_methods_failed: bool = False
    served_on: date | None = None
    fine_outstanding_fen: int = 0
    enforcement_applied: bool = False
    collected_on_spot: bool = False
    on_spot_collection_allowed: bool = False
    special_receipt: bool = False
    collections_not_handed_over: int = 0    # 当场收缴 not yet paid in to the agency (Art. 71)
    party_applied: bool = False
    transfer_sent: bool = False
    closing_approved: bool = False
    # Simple procedure
    officers_present: int = 0
    certificate_shown: bool = False
    form_number: str = ""
    rights_informed: bool = False
    reconsideration_first_notified: bool = False
    simple_limit_fen: int = 0
    on_spot_recorded: bool = False

    @property
    def on(self) -> date:
        return self.act_on or self.today

    @property
    def is_penalty(self) -> bool:
        return self.outcome is Outcome.PENALTY


@dataclass(frozen=True)
class ActFacts:
    """One investigative act (现场检查, 询问, 先行登记保存, 查封扣押…) before it is recorded."""

    kind: str
    officers: int
    certificate_shown: bool = True
    approved: bool = False          # head's approval (先行登记保存, 查封扣押)
    emergency: bool = False         # 行政强制法 Art. 19: act first, approval within 24 hours
    has_recording: bool = False     # uninterrupted audio/video


@dataclass(frozen=True)
class ActionState:
    """One row of "what can be done next": the label, whether it is allowed now, and why not."""

    action: Action
    label: str
    allowed: bool
    reasons: tuple[str, ...] = ()
    warnings: tuple[str, ...] = ()
    target: Stage | None = None


# Which stages each action starts from, per procedure, and the stage it leads to (None: stays).
TRANSITIONS: dict[Action, tuple[frozenset[Procedure], frozenset[Stage], Stage | None]] = {}


def _t(action: Action, procs: set[Procedure], stages: set[Stage], target: Stage | None) -> None:
    TRANSITIONS[action] = (frozenset(procs), frozenset(stages), target)


_ORD = {Procedure.ORDINARY}
_BOTH = {Procedure.ORDINARY, Procedure.SIMPLE}
_BEFORE_DECISION = {Stage.INVESTIGATED, Stage.NOTIFIED, Stage.HEARING}
_t(Action.FILE, _ORD, {Stage.LEAD}, Stage.INVESTIGATING)
_t(Action.REFUSE_FILING, _ORD, {Stage.LEAD}, Stage.NOT_FILED)
_t(Action.RECORD_ACT, _ORD, {Stage.LEAD, Stage.INVESTIGATING, *_BEFORE_DECISION}, None)
_t(Action.END_INVESTIGATION, _ORD, {Stage.INVESTIGATING}, Stage.INVESTIGATED)
_t(Action.LEGAL_REVIEW, _ORD, _BEFORE_DECISION, None)
_t(Action.COLLECTIVE_DISCUSSION, _ORD, _BEFORE_DECISION, None)
_t(Action.EXTEND, _ORD, set(PENDING_DECISION), None)
_t(Action.SEND_NOTICE, _ORD, _BEFORE_DECISION, Stage.NOTIFIED)
_t(Action.RECORD_STATEMENT, _ORD, {Stage.NOTIFIED, Stage.HEARING}, None)
_t(Action.REQUEST_HEARING, _ORD, {Stage.NOTIFIED}, Stage.HEARING)
_t(Action.HOLD_HEARING, _ORD, {Stage.HEARING}, None)
_t(Action.DECIDE, _ORD, _BEFORE_DECISION, Stage.DECIDED)
_t(Action.SERVE, _ORD, {Stage.DECIDED}, Stage.EXECUTING)
_t(Action.ON_SPOT_PENALTY, {Procedure.SIMPLE}, {Stage.LEAD}, Stage.EXECUTING)
_t(Action.FILE_ON_SPOT_RECORD, {Procedure.SIMPLE}, {Stage.EXECUTING, Stage.CLOSED}, None)
_t(Action.RECORD_PAYMENT, _BOTH, {Stage.EXECUTING}, None)
_t(Action.DEFER_PAYMENT, _BOTH, {Stage.EXECUTING}, None)
_t(Action.CLOSE, _BOTH, {Stage.DECIDED, Stage.EXECUTING}, Stage.CLOSED)
_t(Action.ARCHIVE, _BOTH, {Stage.CLOSED, Stage.REVOKED}, Stage.ARCHIVED)
_t(Action.REVOKE_FILING, _ORD, {Stage.INVESTIGATING, *_BEFORE_DECISION}, Stage.REVOKED)


def check(facts: CaseFacts, action: Action) -> tuple[list[str], list[str]]:
    """(reasons it is refused, warnings). An empty reasons list means the action is allowed."""
    from app.domain.procedure_rules import RULES

    procs, stages, _target = TRANSITIONS[action]
    if facts.procedure not in procs:
        return [f"{facts.procedure.label}案件不适用“{action.label}”"], []
    if facts.stage not in stages:
        return [f"案件处于“{facts.stage.label}”阶段，不能{action.label}"], []
    reasons: list[str] = []
    warnings: list[str] = []
    RULES[action](facts, reasons, warnings)
    return reasons, warnings


def target_stage(facts: CaseFacts, action: Action) -> Stage:
    target = TRANSITIONS[action][2]
    if action is Action.SERVE and facts.outcome is Outcome.TRANSFER:
        return Stage.EXECUTING
    return target if target is not None else facts.stage


def next_actions(facts: CaseFacts) -> list[ActionState]:
    """Every action that applies to this case's procedure and stage, allowed or not, with reasons."""
    out: list[ActionState] = []
    for action, (procs, stages, _target) in TRANSITIONS.items():
        if facts.procedure not in procs or facts.stage not in stages:
            continue
        reasons, warnings = check(facts, action)
        out.append(
            ActionState(
                action=action,
                label=action.label,
                allowed=not reasons,
                reasons=tuple(reasons),
                warnings=tuple(warnings),
                target=target_stage(facts, action),
            )
        )
    return out


def pending_step(facts: CaseFacts) -> str:
    """A short "待…" label for lists: what the case is waiting for now."""
    if facts.stage is Stage.INVESTIGATED or facts.stage in (Stage.NOTIFIED, Stage.HEARING):
        if facts.review_required and facts.review_passed is not True:
            return "待法制审核"
        if facts.is_penalty and facts.discussion_required and not facts.discussion_done:
            return "待集体讨论"
    if facts.stage is Stage.INVESTIGATED:
        return "待事先告知" if facts.is_penalty else "待作出决定"
    if facts.stage is Stage.NOTIFIED:
        return "陈述申辩期间"
    if facts.stage is Stage.HEARING:
        return "待听证" if not facts.hearing_held else "待作出决定"
    if facts.stage is Stage.EXECUTING and facts.fine_outstanding_fen > 0:
        return "待缴纳罚款"
    return {
        Stage.LEAD: "待立案审批",
        Stage.INVESTIGATING: "调查取证中",
        Stage.DECIDED: "待送达",
        Stage.EXECUTING: "待结案",
        Stage.CLOSED: "待归档",
    }.get(facts.stage, facts.stage.label)
