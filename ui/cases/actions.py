"""What each "next lawful action" button asks for, and which case service it calls.

`ACTIONS[action]` gives the form fields (dates, approver's opinion, officers, fine …) and a `run`
function that calls the service with the clerk's values. `run` executes on the database thread
inside the caller's `store.write` block; the dialog itself knows nothing of the database.
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from dataclasses import dataclass, replace
from datetime import date, datetime
from typing import Any

from PySide6.QtCore import QT_TRANSLATE_NOOP, QCoreApplication
from sqlalchemy.orm import Session

from app.cases import clocks, decision, lifecycle
from app.cases.env import CaseEnv
from app.clock import CHINA_TZ
from app.context import Actor
from app.domain.procedure import SERVICE_LABELS, Action, Outcome
from app.errors import Invalid
from ui.cases.forms import Field

Run = Callable[[Session, Actor, str, CaseEnv, dict[str, Any]], Any]
ACT_KINDS = (
    QT_TRANSLATE_NOOP("CaseActions", "现场检查"), QT_TRANSLATE_NOOP("CaseActions", "询问"),
    QT_TRANSLATE_NOOP("CaseActions", "勘验"), QT_TRANSLATE_NOOP("CaseActions", "抽样取证"),
    QT_TRANSLATE_NOOP("CaseActions", "先行登记保存"), QT_TRANSLATE_NOOP("CaseActions", "查封"),
    QT_TRANSLATE_NOOP("CaseActions", "扣押"), QT_TRANSLATE_NOOP("CaseActions", "调取书证"),
)
OUTCOMES = (
    (Outcome.PENALTY.value, QT_TRANSLATE_NOOP("CaseActions", "给予行政处罚")),
    (Outcome.NO_PENALTY_MINOR.value, QT_TRANSLATE_NOOP("CaseActions", "违法行为轻微，不予行政处罚")),
    (Outcome.NOT_ESTABLISHED.value,
     QT_TRANSLATE_NOOP("CaseActions", "违法事实不能成立，不予行政处罚")),
    (Outcome.TRANSFER.value, QT_TRANSLATE_NOOP("CaseActions", "涉嫌犯罪，移送司法机关")),
)
# The tier is stored as its Chinese name, so the value is the untranslated text.
TIERS = (("", QT_TRANSLATE_NOOP("CaseActions", "（未选）")), *((t, t) for t in (
    QT_TRANSLATE_NOOP("CaseActions", "不予处罚"), QT_TRANSLATE_NOOP("CaseActions", "减轻"),
    QT_TRANSLATE_NOOP("CaseActions", "从轻"), QT_TRANSLATE_NOOP("CaseActions", "一般"),
    QT_TRANSLATE_NOOP("CaseActions", "从重"))))
CHANNELS = (("bank", QT_TRANSLATE_NOOP("CaseActions", "银行代收")),
            ("online", QT_TRANSLATE_NOOP("CaseActions", "网上缴款")),
            ("on_spot", QT_TRANSLATE_NOOP("CaseActions", "当场收缴")))


@dataclass(frozen=True)
class ActionForm:
    title: str
    fields: Callable[[date, Sequence[tuple[str, str]]], list[Field]]
    run: Run
    intro: str = ""


FieldMaker = Callable[[date, Sequence[tuple[str, str]]], Field]


def _date(key: str = "on", label: str = QT_TRANSLATE_NOOP("CaseActions", "日期(&D)")) -> FieldMaker:
    return lambda today, _officers: Field(key, label, "date", default=today)


def _form(title: str, run: Run, *fields: FieldMaker | Field, intro: str = "") -> ActionForm:
    """Fields are given as-is, or as makers that need today's date and the officer choices."""

    def build(today: date, officers: Sequence[tuple[str, str]]) -> list[Field]:
        return [_translated(f if isinstance(f, Field) else f(today, officers)) for f in fields]

    return ActionForm(title, build, run, intro)


def tr_text(text: str) -> str:
    """A text of this module (form title, intro, label …) in the user's language."""
    return QCoreApplication.translate("CaseActions", text) if text else text


def _translated(spec: Field) -> Field:
    """The texts above are marked with QT_TRANSLATE_NOOP when the module loads (before any
    translator is installed); they are translated here, when a dialog is built. Choice values stay
    untranslated: they are what the services store. Labels that are not in the catalogue (officer
    names, app's own labels) come back unchanged."""
    text_default = spec.kind in ("text", "multiline") and isinstance(spec.default, str)
    default = tr_text(spec.default) if text_default else spec.default
    choices = [(value, tr_text(label)) for value, label in spec.choices] if spec.kind == "choice" \
        else spec.choices
    return replace(spec, label=tr_text(spec.label), placeholder=tr_text(spec.placeholder),
                   default=default, choices=choices)


def _officers(today: date, officers: Sequence[tuple[str, str]]) -> Field:
    return Field("officer_ids", QT_TRANSLATE_NOOP("CaseActions", "执法人员(&R)"), "officers", choices=officers,
                 minimum=2)


def _positive(value: str) -> None:
    if not value.isdigit() or int(value) <= 0:
        raise Invalid(QCoreApplication.translate("CaseActions", "请输入正整数天数"))


ACTIONS: dict[Action, ActionForm] = {
    Action.FILE: _form(
        QT_TRANSLATE_NOOP("CaseActions", "立案审批"),
        lambda s, a, c, env, v: lifecycle.approve_filing(
            s, a, c, env=env, on=v["on"], opinion=v["opinion"], case_number=v["case_number"] or None),
        _date("on", QT_TRANSLATE_NOOP("CaseActions", "批准日期(&D)")),
        Field("case_number", QT_TRANSLATE_NOOP("CaseActions", "立案编号(&N)"),
              required=False, placeholder=QT_TRANSLATE_NOOP("CaseActions", "留空则自动编号")),
        Field("opinion", QT_TRANSLATE_NOOP("CaseActions", "负责人意见(&P)"),
              default=QT_TRANSLATE_NOOP("CaseActions", "同意立案")),
        intro=QT_TRANSLATE_NOOP("CaseActions", "立案须经行政机关负责人批准（《行政处罚法》第五十四条）。"),
    ),
    Action.REFUSE_FILING: _form(
        QT_TRANSLATE_NOOP("CaseActions", "不予立案"),
        lambda s, a, c, env, v: lifecycle.refuse_filing(s, a, c, env=env, reason=v["reason"], on=v["on"]),
        _date("on", QT_TRANSLATE_NOOP("CaseActions", "批准日期(&D)")),
        Field("reason", QT_TRANSLATE_NOOP("CaseActions", "不予立案理由(&R)"), "multiline"),
    ),
    Action.RECORD_ACT: _form(
        QT_TRANSLATE_NOOP("CaseActions", "记录调查取证"),
        lambda s, a, c, env, v: lifecycle.record_act(
            s, a, c, env=env, kind=v["kind"], started_at=v["started_at"],
            officer_ids=v["officer_ids"], place=v["place"] or "", notes=v["notes"] or "",
            certificate_shown=v["certificate_shown"], has_recording=v["has_recording"]),
        Field("kind", QT_TRANSLATE_NOOP("CaseActions", "取证方式(&K)"),
              "choice", choices=[(k, k) for k in ACT_KINDS]),
        lambda today, _officers: Field("started_at", QT_TRANSLATE_NOOP("CaseActions", "开始时间(&T)"), "datetime",
                                       default=datetime.combine(today, datetime.now(CHINA_TZ).time(),
                                                                CHINA_TZ).replace(second=0, microsecond=0)),
        _officers,
        Field("place", QT_TRANSLATE_NOOP("CaseActions", "地点(&P)"), required=False),
        Field("certificate_shown", QT_TRANSLATE_NOOP("CaseActions", "已出示执法证件(&C)"), "check", default=True),
        Field("has_recording", QT_TRANSLATE_NOOP("CaseActions", "全程音像记录(&V)"), "check", default=True),
        Field("notes", QT_TRANSLATE_NOOP("CaseActions", "记录摘要(&N)"), "multiline", required=False),
    ),
    Action.END_INVESTIGATION: _form(
        QT_TRANSLATE_NOOP("CaseActions", "调查终结"),
        lambda s, a, c, env, v: lifecycle.end_investigation(s, a, c, env=env, on=v["on"],
                                                            opinion=v["opinion"]),
        _date("on", QT_TRANSLATE_NOOP("CaseActions", "审查日期(&D)")),
        Field("opinion", QT_TRANSLATE_NOOP("CaseActions", "负责人意见(&P)"),
              default=QT_TRANSLATE_NOOP("CaseActions", "同意调查终结")),
    ),
    Action.LEGAL_REVIEW: _form(
        QT_TRANSLATE_NOOP("CaseActions", "法制审核"),
        lambda s, a, c, env, v: lifecycle.legal_review(
            s, a, c, env=env, passed=v["passed"] == "yes", opinion=v["opinion"], on=v["on"]),
        _date("on", QT_TRANSLATE_NOOP("CaseActions", "审核日期(&D)")),
        Field("passed", QT_TRANSLATE_NOOP("CaseActions", "审核结论(&R)"),
              "choice", choices=(("yes", QT_TRANSLATE_NOOP("CaseActions", "通过")),
                                 ("no", QT_TRANSLATE_NOOP("CaseActions", "不通过")))),
        Field("opinion", QT_TRANSLATE_NOOP("CaseActions", "审核意见(&P)"),
              "multiline", default=QT_TRANSLATE_NOOP("CaseActions", "事实清楚，证据确凿，程序合法，裁量适当")),
    ),
    Action.COLLECTIVE_DISCUSSION: _form(
        QT_TRANSLATE_NOOP("CaseActions", "集体讨论"),
        lambda s, a, c, env, v: lifecycle.collective_discussion(
            s, a, c, env=env, attendees=[x.strip() for x in v["attendees"].replace("，", "、").split("、")
                                         if x.strip()],
            conclusion=v["conclusion"], on=v["on"]),
        _date("on", QT_TRANSLATE_NOOP("CaseActions", "讨论日期(&D)")),
        Field("attendees", QT_TRANSLATE_NOOP("CaseActions", "参加人员(&A)"),
              placeholder=QT_TRANSLATE_NOOP("CaseActions", "用顿号分隔，如：王队长、刘副队长、陈副队长")),
        Field("conclusion", QT_TRANSLATE_NOOP("CaseActions", "讨论结论(&C)"), "multiline"),
    ),
    Action.EXTEND: _form(
        QT_TRANSLATE_NOOP("CaseActions", "延长办案期限"),
        lambda s, a, c, env, v: clocks.extend_decision_period(
            s, a, c, env=env, days=int(v["days"]), reason=v["reason"], on=v["on"]),
        _date("on", QT_TRANSLATE_NOOP("CaseActions", "批准日期(&D)")),
        Field("days", QT_TRANSLATE_NOOP("CaseActions", "延长天数(&N)"), default="30", check=_positive),
        Field("reason", QT_TRANSLATE_NOOP("CaseActions", "延期理由(&R)"), "multiline"),
    ),
    Action.SEND_NOTICE: _form(
        QT_TRANSLATE_NOOP("CaseActions", "事先告知"),
        lambda s, a, c, env, v: lifecycle.send_notice(s, a, c, env=env, served_on=v["served_on"]),
        _date("served_on", QT_TRANSLATE_NOOP("CaseActions", "告知书送达日期(&D)")),
        intro=QT_TRANSLATE_NOOP(
            "CaseActions",
            "告知当事人拟作出的行政处罚内容及事实、理由、依据，并告知陈述、申辩、要求听证的权利（第四十四条）。"),
    ),
    Action.RECORD_STATEMENT: _form(
        QT_TRANSLATE_NOOP("CaseActions", "陈述申辩"),
        lambda s, a, c, env, v: lifecycle.record_statement(
            s, a, c, env=env, on=v["on"], summary=v["summary"] or "",
            waived=v["waived"], hearing_waived=v["waived"]),
        _date("on", QT_TRANSLATE_NOOP("CaseActions", "日期(&D)")),
        Field("waived", QT_TRANSLATE_NOOP("CaseActions", "当事人明确放弃陈述申辩(&W)"), "check", default=False),
        Field("summary", QT_TRANSLATE_NOOP("CaseActions", "陈述申辩要点(&S)"), "multiline", required=False),
    ),
    Action.REQUEST_HEARING: _form(
        QT_TRANSLATE_NOOP("CaseActions", "申请听证"),
        lambda s, a, c, env, v: lifecycle.request_hearing(s, a, c, env=env, on=v["on"]),
        _date("on", QT_TRANSLATE_NOOP("CaseActions", "申请日期(&D)")),
    ),
    Action.HOLD_HEARING: _form(
        QT_TRANSLATE_NOOP("CaseActions", "举行听证"),
        lambda s, a, c, env, v: lifecycle.hold_hearing(s, a, c, env=env, on=v["on"],
                                                       party_absent=v["party_absent"]),
        _date("on", QT_TRANSLATE_NOOP("CaseActions", "听证日期(&D)")),
        Field("party_absent", QT_TRANSLATE_NOOP("CaseActions", "当事人无正当理由未到场(&A)"), "check", default=False),
    ),
    Action.DECIDE: _form(
        QT_TRANSLATE_NOOP("CaseActions", "作出处理决定"),
        lambda s, a, c, env, v: decision.decide(
            s, a, c, env=env, on=v["on"], opinion=v["opinion"],
            decision_number=v["decision_number"] or None, party_present=v["party_present"]),
        _date("on", QT_TRANSLATE_NOOP("CaseActions", "决定日期(&D)")),
        Field("decision_number", QT_TRANSLATE_NOOP("CaseActions", "决定书文号(&N)"),
              required=False, placeholder=QT_TRANSLATE_NOOP("CaseActions", "留空则自动编号")),
        Field("opinion", QT_TRANSLATE_NOOP("CaseActions", "负责人意见(&P)"),
              default=QT_TRANSLATE_NOOP("CaseActions", "同意")),
        Field("party_present", QT_TRANSLATE_NOOP("CaseActions", "当事人在场，宣告后当场交付(&T)"), "check", default=False),
    ),
    Action.SERVE: _form(
        QT_TRANSLATE_NOOP("CaseActions", "送达决定书"),
        lambda s, a, c, env, v: decision.serve_decision(
            s, a, c, env=env, served_on=v["served_on"], method=v["method"],
            electronic_consent=v["consent"], witness_or_video=v["witness"]),
        _date("served_on", QT_TRANSLATE_NOOP("CaseActions", "送达日期(&D)")),
        Field("method", QT_TRANSLATE_NOOP("CaseActions", "送达方式(&M)"), "choice",
              choices=[(m.value, label) for m, label in SERVICE_LABELS.items()]),
        Field("consent", QT_TRANSLATE_NOOP("CaseActions", "当事人已签署电子送达确认书(&C)"), "check", default=False),
        Field("witness", QT_TRANSLATE_NOOP("CaseActions", "留置送达有见证人或拍照录像(&W)"), "check", default=False),
    ),
    Action.RECORD_PAYMENT: _form(
        QT_TRANSLATE_NOOP("CaseActions", "登记缴款"),
        lambda s, a, c, env, v: decision.record_payment(
            s, a, c, env=env, paid_on=v["paid_on"], amount_fen=v["amount"], channel=v["channel"],
            receipt_number=v["receipt"] or "", hard_to_collect=v["hard_to_collect"],
            remote_area_request=v["remote_area_request"]),
        _date("paid_on", QT_TRANSLATE_NOOP("CaseActions", "缴款日期(&D)")),
        Field("amount", QT_TRANSLATE_NOOP("CaseActions", "缴款金额（元）(&A)"), "money"),
        Field("channel", QT_TRANSLATE_NOOP("CaseActions", "缴款方式(&C)"), "choice", choices=CHANNELS),
        Field("receipt", QT_TRANSLATE_NOOP("CaseActions", "票据号码(&R)"), required=False),
        Field("hard_to_collect", QT_TRANSLATE_NOOP("CaseActions", "当场收缴：不当场收缴事后难以执行(&H)"),
              "check", default=False),
        Field("remote_area_request", QT_TRANSLATE_NOOP(
            "CaseActions", "当场收缴：边远、水上、交通不便地区，当事人提出(&Y)"), "check", default=False),
        intro=QT_TRANSLATE_NOOP("CaseActions",
                                "罚款由当事人到指定银行或通过电子支付系统缴纳（罚缴分离，第六十七条）。"
                                "当场收缴仅限当场处罚且罚款一百元以下，或事后难以执行、边远地区当事人提出的情形，"
                                "并须出具财政部门统一制发的专用票据（第六十八条至第七十条）。"),
    ),
    Action.DEFER_PAYMENT: _form(
        QT_TRANSLATE_NOOP("CaseActions", "暂缓/分期缴纳"),
        lambda s, a, c, env, v: decision.defer_payment(
            s, a, c, env=env, applied_on=v["applied_on"], on=v["on"],
            plan=[(v["until"], v["amount"])], opinion=v["opinion"]),
        _date("applied_on", QT_TRANSLATE_NOOP("CaseActions", "当事人申请日期(&A)")),
        _date("on", QT_TRANSLATE_NOOP("CaseActions", "批准日期(&D)")),
        _date("until", QT_TRANSLATE_NOOP("CaseActions", "缓缴至(&U)")),
        Field("amount", QT_TRANSLATE_NOOP("CaseActions", "缓缴金额（元）(&M)"), "money"),
        Field("opinion", QT_TRANSLATE_NOOP("CaseActions", "批准意见(&P)"),
              default=QT_TRANSLATE_NOOP("CaseActions", "同意暂缓缴纳")),
        intro=QT_TRANSLATE_NOOP("CaseActions",
                                "当事人确有经济困难的，经申请和行政机关批准，可以暂缓或者分期缴纳（第六十六条）。"
                                "分期缴纳请逐期登记。"),
    ),
    Action.CLOSE: _form(
        QT_TRANSLATE_NOOP("CaseActions", "结案"),
        lambda s, a, c, env, v: decision.close_case(s, a, c, env=env, summary=v["summary"], on=v["on"]),
        _date("on", QT_TRANSLATE_NOOP("CaseActions", "结案日期(&D)")),
        Field("summary", QT_TRANSLATE_NOOP("CaseActions", "执行情况(&S)"), "multiline"),
    ),
    Action.ARCHIVE: _form(
        QT_TRANSLATE_NOOP("CaseActions", "归档"),
        lambda s, a, c, env, v: decision.archive_case(s, a, c, env=env, on=v["on"]),
        _date("on", QT_TRANSLATE_NOOP("CaseActions", "归档日期(&D)")),
    ),
    Action.REVOKE_FILING: _form(
        QT_TRANSLATE_NOOP("CaseActions", "撤销立案"),
        lambda s, a, c, env, v: lifecycle.revoke_filing(s, a, c, env=env, reason=v["reason"], on=v["on"]),
        _date("on", QT_TRANSLATE_NOOP("CaseActions", "批准日期(&D)")),
        Field("reason", QT_TRANSLATE_NOOP("CaseActions", "撤销理由(&R)"), "multiline"),
    ),
    Action.ON_SPOT_PENALTY: _form(
        QT_TRANSLATE_NOOP("CaseActions", "当场处罚"),
        lambda s, a, c, env, v: decision.on_spot_penalty(
            s, a, c, env=env, on=v["on"], officer_ids=v["officer_ids"], form_number=v["form_number"],
            fine_fen=v["fine"] or 0, warning=v["warning"], certificate_shown=v["certificate_shown"],
            rights_informed=v["rights_informed"],
            reconsideration_first_notified=v["reconsideration_first_notified"]),
        _date("on", QT_TRANSLATE_NOOP("CaseActions", "处罚日期(&D)")), _officers,
        Field("form_number", QT_TRANSLATE_NOOP("CaseActions", "决定书编号(&N)")),
        Field("fine", QT_TRANSLATE_NOOP("CaseActions", "罚款（元）(&F)"), "money", required=False),
        Field("warning", QT_TRANSLATE_NOOP("CaseActions", "警告(&W)"), "check", default=False),
        Field("certificate_shown", QT_TRANSLATE_NOOP("CaseActions", "已出示执法证件(&C)"), "check", default=True),
        Field("rights_informed", QT_TRANSLATE_NOOP("CaseActions", "已告知陈述申辩权利(&R)"), "check", default=True),
        Field("reconsideration_first_notified", QT_TRANSLATE_NOOP("CaseActions", "已告知须先申请行政复议(&Q)"),
              "check", default=True),
        intro=QT_TRANSLATE_NOOP("CaseActions",
                                "违法事实确凿并有法定依据，对公民处二百元以下、对法人或者其他组织处三千元以下罚款"
                                "或者警告的，可以当场作出行政处罚决定（第五十一条）；使用预定格式、编有号码的决定书，"
                                "当场交付当事人（第五十二条）。"),
    ),
    Action.FILE_ON_SPOT_RECORD: _form(
        QT_TRANSLATE_NOOP("CaseActions", "当场处罚备案"),
        lambda s, a, c, env, v: decision.record_on_spot_filing(s, a, c, env=env, on=v["on"]),
        _date("on", QT_TRANSLATE_NOOP("CaseActions", "备案日期(&D)")),
    ),
}

HANDOVER = _form(
    QT_TRANSLATE_NOOP("CaseActions", "当场收缴罚款上缴"),
    lambda s, a, c, env, v: lifecycle.hand_over_collections(s, a, c, env=env, on=v["on"]),
    _date("on", QT_TRANSLATE_NOOP("CaseActions", "交至行政机关日期(&D)")),
    intro=QT_TRANSLATE_NOOP("CaseActions",
                            "执法人员当场收缴的罚款，应当自收缴之日起二日内交至行政机关（第七十一条）。"
                            "本案尚未上缴的当场收缴罚款一并登记。"),
)

SCHEDULE_HEARING = _form(
    QT_TRANSLATE_NOOP("CaseActions", "安排听证"),
    lambda s, a, c, env, v: lifecycle.schedule_hearing(
        s, a, c, env=env, notice_on=v["notice_on"], hearing_on=v["hearing_on"],
        presider_id=v["presider"]),
    _date("notice_on", QT_TRANSLATE_NOOP("CaseActions", "听证通知送达日期(&N)")),
    _date("hearing_on", QT_TRANSLATE_NOOP("CaseActions", "听证日期(&D)")),
    lambda _today, officers: Field("presider", QT_TRANSLATE_NOOP("CaseActions", "听证主持人(&P)"), "choice",
                                   choices=officers),
    intro=QT_TRANSLATE_NOOP("CaseActions", "听证七日前通知当事人时间、地点；主持人由非本案调查人员担任（第六十四条）。"),
)

PROPOSE = _form(
    QT_TRANSLATE_NOOP("CaseActions", "拟处理意见"),
    lambda s, a, c, env, v: lifecycle.propose(
        s, a, c, env=env, outcome=v["outcome"], fine_fen=v["fine"] or 0, tier=v["tier"] or "",
        discretion_reasoning=v["reasoning"] or ""),
    Field("outcome", QT_TRANSLATE_NOOP("CaseActions", "处理意见(&O)"), "choice", choices=OUTCOMES),
    Field("fine", QT_TRANSLATE_NOOP("CaseActions", "罚款（元）(&F)"), "money", required=False),
    Field("tier", QT_TRANSLATE_NOOP("CaseActions", "裁量阶次(&T)"), "choice", choices=TIERS, required=False),
    Field("reasoning", QT_TRANSLATE_NOOP("CaseActions", "裁量理由(&R)"), "multiline", required=False),
    intro=QT_TRANSLATE_NOOP("CaseActions", "拟定处罚种类和幅度（调查终结前后均可修改；事先告知后不得加重）。"),
)



EDITABLE = (
    ("violation_name", QT_TRANSLATE_NOOP("CaseActions", "涉嫌违法行为(&V)"), "text"),
    ("violation_place", QT_TRANSLATE_NOOP("CaseActions", "违法地点(&P)"), "text"),
    ("facts", QT_TRANSLATE_NOOP("CaseActions", "违法事实(&F)"), "multiline"),
    ("legal_basis", QT_TRANSLATE_NOOP("CaseActions", "违法依据(&B)"), "text"),
    ("penalty_basis", QT_TRANSLATE_NOOP("CaseActions", "处罚依据(&E)"), "text"),
)


def edit_form(current: dict[str, Any]) -> ActionForm:
    """编辑案情: the case's own texts, prefilled; only changed ones are sent to update_case."""
    # Built directly, not through _form: the defaults are the case's own words, never translated.
    fields = [Field(key, tr_text(label), kind, required=key == "violation_name",
                    default=current.get(key) or "")
              for key, label, kind in EDITABLE]

    def run(s: Session, a: Actor, c: str, env: CaseEnv, v: dict[str, Any]) -> Any:
        changes = {k: v[k] or "" for k, _l, _k in EDITABLE if (v[k] or "") != (current.get(k) or "")}
        return lifecycle.update_case(s, a, c, env=env, **changes) if changes else None

    return ActionForm(QT_TRANSLATE_NOOP("CaseActions", "编辑案情"), lambda _today, _officers: fields,
                      run, QT_TRANSLATE_NOOP("CaseActions", "作出处理决定前可以修改案件事实和依据。"))
