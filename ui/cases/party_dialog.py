"""The two forms a case starts with: 登记案源 (register a lead) and 当事人 (add, or correct, a party).

Both validate as the clerk types: the ID number or credit code is checked by
`app.cases.parties.validate_party` (GB 11643 / GB 32100 via app.domain.identifiers) on every
keystroke, the reason appears in red under the field and 确定 stays disabled until it is right.
"""

from __future__ import annotations

from collections.abc import Sequence
from datetime import date
from typing import Any

from PySide6.QtCore import QT_TRANSLATE_NOOP, QCoreApplication
from PySide6.QtWidgets import QLabel, QWidget

from app.cases.parties import validate_party
from app.cases.views import PartyView
from app.errors import Invalid
from ui.cases.forms import Field, FormDialog

PARTY_KINDS = (("person", QT_TRANSLATE_NOOP("PartyDialog", "自然人")),
               ("org", QT_TRANSLATE_NOOP("PartyDialog", "法人或其他组织")),
               ("indiv_biz", QT_TRANSLATE_NOOP("PartyDialog", "个体工商户")))
# The source is stored as its Chinese name: the value stays untranslated, only the label is.
SOURCES = (QT_TRANSLATE_NOOP("PartyDialog", "巡查发现"), QT_TRANSLATE_NOOP("PartyDialog", "投诉举报"),
           QT_TRANSLATE_NOOP("PartyDialog", "上级交办"), QT_TRANSLATE_NOOP("PartyDialog", "部门移送"),
           QT_TRANSLATE_NOOP("PartyDialog", "媒体曝光"), QT_TRANSLATE_NOOP("PartyDialog", "其他"))
ID_LABELS = {"person": QT_TRANSLATE_NOOP("PartyDialog", "身份证号码"),
             "org": QT_TRANSLATE_NOOP("PartyDialog", "统一社会信用代码"),
             "indiv_biz": QT_TRANSLATE_NOOP("PartyDialog", "统一社会信用代码/注册号")}


def _tr(text: str) -> str:
    return QCoreApplication.translate("PartyDialog", text)


def party_kind_label(kind: str) -> str:
    """自然人 / 法人或其他组织 / 个体工商户 in the user's language; an unknown kind as stored."""
    return _tr(dict(PARTY_KINDS)[kind]) if kind in dict(PARTY_KINDS) else kind


def _representative(party: PartyView) -> str:
    return {"org": party.legal_representative, "indiv_biz": party.operator_name}.get(party.kind, "")


class PartyDialog(FormDialog):
    """当事人: kind, name, ID number or credit code (checked live), address, phone.

    With `party` it is 修改当事人: the fields start from the party as registered and `changes`
    gives only what the clerk changed. With `locked` (the service's reason why the party's
    identity is fixed) the type, name and ID number are shown but cannot be edited, and the
    reason is said at the top.
    """

    IDENTITY_KEYS = ("kind", "name", "id_number")

    def __init__(self, parent: QWidget | None = None, *, kind: str = "person",
                 party: PartyView | None = None, locked: str = "") -> None:
        self.original = party
        current = {"kind": party.kind, "name": party.name, "id_number": party.id_number,
                   "legal_representative": _representative(party), "address": party.address,
                   "phone": party.phone} if party is not None else {"kind": kind}
        fields = [
            Field("kind", self.tr("类型(&T)"), "choice",
                  choices=[(value, _tr(label)) for value, label in PARTY_KINDS], default=current["kind"]),
            Field("name", self.tr("姓名/名称(&N)"), default=current.get("name")),
            Field("id_number", self.tr("证件号码(&I)"), required=False, default=current.get("id_number"),
                  placeholder=self.tr("身份证号码（自然人）或统一社会信用代码")),
            Field("legal_representative", self.tr("法定代表人/经营者(&L)"), required=False,
                  default=current.get("legal_representative")),
            Field("address", self.tr("住址/住所(&A)"), required=False, default=current.get("address")),
            Field("phone", self.tr("联系电话(&P)"), required=False, default=current.get("phone")),
        ]
        intro = ""
        if locked:
            intro = self.tr("{0}。当事人的类型、姓名（名称）和证件号码不能再更改；"
                            "可以更正住址、联系电话和法定代表人（经营者），更正前后的内容记入时间线。").format(locked)
        elif party is not None:
            intro = self.tr("作出处罚决定或签发载明当事人的文书前，可以更正当事人的全部信息；更正前后的内容记入时间线。")
        title = self.tr("修改当事人") if party is not None else self.tr("添加当事人")
        super().__init__(title, fields, intro=intro, parent=parent)
        self.locked = bool(locked)
        for key in self.IDENTITY_KEYS if locked else ():
            self.widget(key).setEnabled(False)   # shown as registered; Tab skips them
        self.warning_label = QLabel("")
        self.warning_label.setObjectName("party_warnings")
        self.warning_label.setStyleSheet("color: #8d6e00;")
        self.warning_label.setWordWrap(True)
        self.layout().insertWidget(self.layout().count() - 1, self.warning_label)
        self.revalidate()
        if locked:
            self.widget("address").setFocus()

    @property
    def id_edit(self):  # noqa: ANN201 - QLineEdit
        return self.widget("id_number")

    def extra_check(self, values: dict[str, Any]) -> dict[str, str]:
        kind = values.get("kind") or "person"
        rep = values.get("legal_representative") or ""
        try:
            checked = validate_party(
                kind=kind, name=values.get("name") or "", id_number=values.get("id_number") or "",
                legal_representative=rep, operator_name=rep,
            )
        except Invalid as exc:
            message = str(exc)
            # Which field the service's (Chinese) message is about, to show it under that field.
            key = "name" if "姓名" in message or "名称" in message else "id_number"
            self._set_warnings(())
            return {key: message}
        self._set_warnings(checked["warnings"])
        return {}

    def _set_warnings(self, warnings: Sequence[str]) -> None:
        label = getattr(self, "warning_label", None)
        if label is not None:
            label.setText("\n".join(self.tr("提示：{0}").format(w) for w in warnings))

    @property
    def party(self) -> dict[str, Any]:
        """Keyword arguments for `app.cases.parties.add_party`."""
        v = self.values
        out = {"kind": v["kind"], "name": v["name"], "id_number": v["id_number"] or "",
               "address": v["address"] or "", "phone": v["phone"] or ""}
        if v["kind"] == "org":
            out["legal_representative"] = v["legal_representative"] or ""
        elif v["kind"] == "indiv_biz":
            out["operator_name"] = v["legal_representative"] or ""
        return out

    @property
    def changes(self) -> dict[str, Any]:
        """What the clerk changed, as keyword arguments for `app.cases.parties.correct_party`
        (empty when nothing was); identity fields are left out while locked."""
        p = self.original
        if p is None:
            return self.party
        before = {"kind": p.kind, "name": p.name, "id_number": p.id_number, "address": p.address,
                  "phone": p.phone, "legal_representative": p.legal_representative,
                  "operator_name": p.operator_name}
        out = {k: v for k, v in self.party.items() if v != before[k]}
        if self.locked:
            out = {k: v for k, v in out.items() if k not in self.IDENTITY_KEYS}
        return out


class RegisterLeadDialog(FormDialog):
    """登记案源: where the lead came from, what and where, who handles it."""

    def __init__(self, officers: Sequence[tuple[str, str]], *, today: date,
                 parent: QWidget | None = None) -> None:
        fields = [
            Field("source", self.tr("案源(&S)"), "choice", choices=[(s, _tr(s)) for s in SOURCES]),
            Field("discovered_on", self.tr("发现日期(&D)"), "date", default=today,
                  check=_not_future(today)),
            Field("violation_name", self.tr("涉嫌违法行为(&V)"),
                  placeholder=self.tr("如：未经批准擅自占道经营")),
            Field("violation_code", self.tr("权责清单编码(&C)"), required=False),
            Field("violation_place", self.tr("违法地点(&P)"), required=False),
            Field("facts", self.tr("基本情况(&F)"), "multiline", required=False),
            Field("legal_basis", self.tr("违法依据(&B)"), required=False,
                  placeholder=self.tr("如：《城市市容和环境卫生管理条例》第十四条")),
            Field("penalty_basis", self.tr("处罚依据(&E)"), required=False),
            Field("officer_ids", self.tr("承办人员(&R)"), "officers", required=False, choices=officers),
            Field("procedure", self.tr("程序(&G)"), "choice",
                  choices=(("ordinary", self.tr("普通程序")), ("simple", self.tr("简易程序（当场处罚）")))),
        ]
        super().__init__(self.tr("登记案源"), fields, parent=parent)

    @property
    def lead(self) -> dict[str, Any]:
        """Keyword arguments for `app.cases.lifecycle.register_lead`."""
        v = self.values
        return {"source": v["source"], "discovered_on": v["discovered_on"],
                "violation_name": v["violation_name"], "violation_code": v["violation_code"] or "",
                "violation_place": v["violation_place"] or "", "facts": v["facts"] or "",
                "legal_basis": v["legal_basis"] or "", "penalty_basis": v["penalty_basis"] or "",
                "officer_ids": list(v["officer_ids"] or ()), "procedure": v["procedure"]}


def _not_future(today: date):  # noqa: ANN202
    def check(day: date) -> None:
        if day > today:
            raise Invalid(QCoreApplication.translate("PartyDialog", "日期不能晚于今天"))
    return check
