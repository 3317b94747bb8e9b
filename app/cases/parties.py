"""Parties (当事人): adding them to a case with their identifiers checked, and repeat violations.

Identifiers are validated before anything is added to the session, so a refused party leaves
nothing half-saved. A party already known by the same identifier is reused, not duplicated, so
the repeat-violation lookup sees one person across cases.
"""

from __future__ import annotations

from datetime import date, timedelta

from sqlalchemy import select
from sqlalchemy.orm import Session

from app.cases.common import case_parties, get_case
from app.cases.views import CaseSummary, PartyView
from app.context import Actor
from app.db.models.cases import Case, CaseParty, Party
from app.domain.identifiers import (
    check_credit_code,
    check_resident_id,
    is_legacy_registration_number,
)
from app.domain.procedure import Outcome, Stage
from app.errors import Invalid, NotFound
from app.security.roles import Permission, require

KINDS = {"person": "自然人", "org": "法人或其他组织", "indiv_biz": "个体工商户"}
SEXES = ("男", "女")
# Parties may change until the decision; after that the decision names them and is immutable.
EDITABLE_STAGES = {Stage.LEAD, Stage.INVESTIGATING, Stage.INVESTIGATED, Stage.NOTIFIED, Stage.HEARING}
REPEAT_WINDOW_DAYS = 365


def party_view(p: Party, warnings: tuple[str, ...] = ()) -> PartyView:
    return PartyView(
        id=p.id, kind=p.kind, name=p.name, id_type=p.id_type, id_number=p.id_number,
        trade_name=p.trade_name, operator_name=p.operator_name,
        legal_representative=p.legal_representative, address=p.address, phone=p.phone,
        sex=p.sex, birth_date=p.birth_date, warnings=warnings,
    )


def validate_party(
    *,
    kind: str,
    name: str,
    id_number: str = "",
    sex: str = "",
    birth_date: date | None = None,
    legal_representative: str = "",
    operator_name: str = "",
) -> dict:
    """Checked and normalised party fields, plus warnings; raises Invalid with the reason."""
    if kind not in KINDS:
        raise Invalid(f"当事人类型“{kind}”无效，应为自然人、法人或其他组织、个体工商户之一")
    name = (name or "").strip()
    if not name:
        raise Invalid("请填写当事人姓名或名称")
    warnings: list[str] = []
    out: dict = {"kind": kind, "name": name, "id_type": "", "id_number": "", "sex": sex, "birth_date": birth_date}
    text = (id_number or "").strip()
    if kind == "person":
        if text:
            rid = check_resident_id(text)
            if sex and sex != rid.sex:
                raise Invalid(f"性别“{sex}”与身份证号码不符（号码显示为{rid.sex}）")
            if birth_date and birth_date != rid.birth_date:
                raise Invalid("出生日期与身份证号码不符")
            out.update(id_type="resident_id", id_number=rid.number, sex=rid.sex, birth_date=rid.birth_date)
        else:
            warnings.append("未填写身份证号码；作出处罚决定前应核实当事人身份")
        if out["sex"] and out["sex"] not in SEXES:
            raise Invalid("性别应为“男”或“女”")
    else:
        if text and kind == "indiv_biz" and is_legacy_registration_number(text):
            out.update(id_type="legacy_reg", id_number=text)
            warnings.append("使用2016年前的15位注册号，未作校验；请核对营业执照")
        elif text:
            code = check_credit_code(text)
            out.update(id_type="credit_code", id_number=code.number)
            warnings.extend(code.warnings)
        else:
            warnings.append("未填写统一社会信用代码；作出处罚决定前应核实当事人主体资格")
        if kind == "org" and not legal_representative.strip():
            warnings.append("未填写法定代表人（负责人）")
        if kind == "indiv_biz" and not operator_name.strip():
            warnings.append("未填写个体工商户经营者姓名")
    out["warnings"] = tuple(warnings)
    return out


def add_party(
    session: Session,
    actor: Actor,
    case_id: str,
    *,
    kind: str,
    name: str,
    id_number: str = "",
    trade_name: str = "",
    operator_name: str = "",
    legal_representative: str = "",
    address: str = "",
    phone: str = "",
    sex: str = "",
    birth_date: date | None = None,
) -> PartyView:
    """Validate a party and link it to the case; an identifier already on file reuses that party."""
    require(actor, Permission.EDIT_CASE)
    case = get_case(session, case_id)
    if Stage(case.stage) not in EDITABLE_STAGES:
        raise Invalid(f"案件处于“{Stage(case.stage).label}”阶段，不能再变更当事人")
    checked = validate_party(
        kind=kind, name=name, id_number=id_number, sex=sex, birth_date=birth_date,
        legal_representative=legal_representative, operator_name=operator_name,
    )
    warnings = checked.pop("warnings")
    details = {
        "trade_name": trade_name.strip(), "operator_name": operator_name.strip(),
        "legal_representative": legal_representative.strip(), "address": address.strip(),
        "phone": phone.strip(),
    }
    party = None
    if checked["id_number"]:
        party = session.scalars(
            select(Party).where(Party.id_number == checked["id_number"], Party.deleted.is_(False))
        ).first()
    if party is not None:
        if any(p.id == party.id for p in case_parties(session, case.id)):
            raise Invalid(f"当事人{party.name}（{party.id_number}）已在本案中")
        if party.name != checked["name"]:
            warnings = (*warnings, f"该证件号码已登记为“{party.name}”，已更新为“{checked['name']}”")
        for key, value in {**checked, **details}.items():
            if value not in ("", None):
                setattr(party, key, value)
    else:
        party = Party(**checked, **details)
        session.add(party)
        session.flush()
    session.add(CaseParty(case_id=case.id, party_id=party.id))
    _retitle(session, case, extra=party)
    return party_view(party, warnings)


# Who the party is: fixed once a decision or an issued document names the party. The rest are
# contact details, which may always be corrected (the correction is audited old -> new).
IDENTITY_FIELDS = ("kind", "name", "id_number", "trade_name", "sex", "birth_date")
CONTACT_FIELDS = ("address", "phone", "legal_representative", "operator_name")
FIELD_LABELS = {
    "kind": "类型", "name": "姓名（名称）", "id_number": "证件号码", "trade_name": "字号", "sex": "性别",
    "birth_date": "出生日期", "address": "住址", "phone": "联系电话",
    "legal_representative": "法定代表人（负责人）", "operator_name": "经营者",
}
ISSUED = "issued"  # app.documents.service.ISSUED; not imported: documents builds on cases


def _linked_cases(session: Session, party_id: str) -> list[Case]:
    return list(session.scalars(
        select(Case).join(CaseParty, CaseParty.case_id == Case.id)
        .where(CaseParty.party_id == party_id, CaseParty.deleted.is_(False), Case.deleted.is_(False))
    ).unique())


def _names_party(value: object, party: Party) -> bool:
    """Whether a document context names the party: a field holding exactly its name (or "name等"
    when several are listed) or its identifier. Substrings are not enough: "李" is in "李明"."""
    if isinstance(value, dict):
        return any(_names_party(v, party) for v in value.values())
    if isinstance(value, list):
        return any(_names_party(v, party) for v in value)
    if isinstance(value, str):
        text = value.strip()
        return text in (party.name, f"{party.name}等") or bool(party.id_number and text.upper() == party.id_number)
    return False


def _case_lock(session: Session, case: Case, party: Party) -> str:
    """Why this case fixes the party's identity (a decision, or an issued document naming the
    party), in Chinese; "" when nothing does."""
    from app.db.models.documents import Document  # noqa: PLC0415

    number = case.case_number or case.lead_number
    if case.decided_on is not None:
        return f"案件{number}已于{case.decided_on.isoformat()}作出处罚决定"
    issued = session.scalars(
        select(Document).where(Document.case_id == case.id, Document.state == ISSUED,
                               Document.deleted.is_(False)).order_by(Document.issued_at)
    ).all()
    for doc in issued:
        if _names_party(doc.context, party):
            return f"案件{number}已签发载明该当事人的《{doc.title or doc.doc_type}》{f'（{doc.number}）' if doc.number else ''}"
    return ""


def identity_lock(session: Session, party_id: str, case_id: str | None = None) -> str:
    """Why the party's name and identifier can no longer be changed, or "".

    The party row is shared by every case that names the same person, so a decision or an issued
    document in any of them fixes it; the case at hand (`case_id`) is checked first so its own
    reason is the one shown.
    """
    party = session.get(Party, party_id)
    if party is None or party.deleted:
        raise NotFound("当事人不存在或已被删除")
    cases = sorted(_linked_cases(session, party_id), key=lambda c: c.id != case_id)
    for case in cases:
        reason = _case_lock(session, case, party)
        if reason:
            return reason
    return ""


def _describe(key: str, value: object) -> str:
    if key == "kind":
        return KINDS.get(str(value), str(value))
    if value in (None, ""):
        return "（空）"
    return value.isoformat() if isinstance(value, date) else str(value)


def correct_party(session: Session, actor: Actor, case_id: str, party_id: str, **changes) -> PartyView:
    """修改当事人 from a case: correct the party's details (keyword names are PartyView fields).

    Identity (type, name, identifier) may change only while no decision and no issued document
    names the party, in this or any other case it is in; contact details (address, phone,
    representative) may always be corrected. Identifiers are re-validated (GB 11643 / GB 32100)
    before anything changes, so a refusal leaves nothing behind. The audit entry, and so the case
    timeline, says what changed from what to what. Returns the party with validation warnings.
    """
    require(actor, Permission.EDIT_CASE)
    case = get_case(session, case_id)
    if not _links(session, case_id, party_id):
        raise NotFound("该当事人不在本案中")
    return _correct(session, party_id, changes, case=case)


def update_party(session: Session, actor: Actor, party_id: str, **changes) -> PartyView:
    """Change a party's details outside a case; the same limits as `correct_party`."""
    require(actor, Permission.EDIT_CASE)
    return _correct(session, party_id, changes, case=None)


def _correct(session: Session, party_id: str, changes: dict, *, case: Case | None) -> PartyView:
    party = session.get(Party, party_id)
    if party is None or party.deleted:
        raise NotFound("当事人不存在或已被删除")
    allowed = set(IDENTITY_FIELDS) | set(CONTACT_FIELDS)
    unknown = set(changes) - allowed
    if unknown:
        raise Invalid(f"不能修改当事人的这些字段：{'、'.join(sorted(unknown))}")
    merged = {k: getattr(party, k) for k in allowed} | changes
    if "id_number" in changes and not {"sex", "birth_date"} & set(changes):
        # A corrected ID number brings its own sex and birth date; the old ones came from the
        # mistyped number and would only be reported as contradicting it.
        merged["sex"], merged["birth_date"] = "", None
    checked = validate_party(
        kind=merged["kind"], name=merged["name"], id_number=merged["id_number"] or "",
        sex=merged["sex"] or "", birth_date=merged["birth_date"],
        legal_representative=merged["legal_representative"] or "",
        operator_name=merged["operator_name"] or "",
    )
    warnings = list(checked.pop("warnings"))
    new = {**checked, "trade_name": (merged["trade_name"] or "").strip()}
    new |= {key: (merged[key] or "").strip() for key in CONTACT_FIELDS}
    changed = {k: v for k, v in new.items() if v != getattr(party, k)}
    if not changed:
        return party_view(party, tuple(warnings))
    identity = [k for k in IDENTITY_FIELDS if k in changed and k != "id_type"]
    if "id_number" not in changed:
        changed.pop("id_type", None)
    if identity:
        lock = identity_lock(session, party.id, case.id if case is not None else None)
        if lock:
            # Sex and birth date changed only because the number did: name the number alone.
            shown = [k for k in identity if "id_number" not in identity or k not in ("sex", "birth_date")]
            what = "、".join(FIELD_LABELS[k] for k in shown)
            raise Invalid(f"{lock}，当事人的{what}不能再更改；只能更正住址、联系电话和法定代表人（经营者）。"
                          "如登记的当事人有误，应在作出决定、签发文书前更正")
        if changed.get("id_number"):
            other = session.scalars(
                select(Party).where(Party.id_number == changed["id_number"], Party.id != party.id,
                                    Party.deleted.is_(False))
            ).first()
            if other is not None:
                raise Invalid(f"证件号码{other.id_number}已登记为当事人“{other.name}”；"
                              "如本案当事人是该人（单位），请移除后重新添加")
    elif case is not None and _case_lock(session, case, party):
        warnings.append("已签发的文书不会随之改变；如文书载明的联系方式有误，请制作更正文书")
    summary = "；".join(
        f"{FIELD_LABELS[k]}“{_describe(k, getattr(party, k))}”→“{_describe(k, v)}”"
        for k, v in changed.items() if k in FIELD_LABELS
    )
    for key, value in changed.items():
        setattr(party, key, value)
    _flush_as(session, f"更正当事人{party.name}：{summary}")
    if "name" in changed:
        for linked in _linked_cases(session, party.id):
            _retitle(session, linked)
    return party_view(party, tuple(warnings))


def _flush_as(session: Session, summary: str) -> None:
    """Flush under this summary, so the audit entry (and the case timeline) says what changed;
    the transaction's own summary is restored for whatever it writes next."""
    saved = session.info.get("summary", "")
    session.info["summary"] = summary
    try:
        session.flush()
    finally:
        session.info["summary"] = saved


def _links(session: Session, case_id: str, party_id: str) -> list[CaseParty]:
    return list(session.scalars(
        select(CaseParty).where(
            CaseParty.case_id == case_id, CaseParty.party_id == party_id, CaseParty.deleted.is_(False)
        )
    ).all())


def removal_refusal(session: Session, case_id: str, party_id: str) -> str:
    """Why the party may not be removed from the case (Chinese), or "" — for the UI to say so
    before asking the clerk to confirm; `remove_party` refuses with the same words."""
    case = get_case(session, case_id)
    if not _links(session, case_id, party_id):
        raise NotFound("该当事人不在本案中")
    party = session.get(Party, party_id)
    if case.decided_on is not None:
        return f"本案已作出处罚决定，不能再变更当事人（不能移除{party.name}）"
    if Stage(case.stage) not in EDITABLE_STAGES:
        return f"案件处于“{Stage(case.stage).label}”阶段，不能再变更当事人"
    lock = _case_lock(session, case, party)
    if lock:
        return f"{lock}，不能再移除该当事人"
    others = [p for p in case_parties(session, case.id) if p.id != party_id]
    if case.filed_on is not None and not others:
        return f"案件已立案，至少应保留一名当事人；如{party.name}登记有误，请先添加正确的当事人再移除"
    return ""


def remove_party(session: Session, actor: Actor, case_id: str, party_id: str) -> None:
    """移除当事人: tombstone the case's link through the journal; the party row stays (other cases,
    or other PCs not yet synced, may name the same person).

    Refused once the decision or an issued document of this case names the party, and when it
    would leave a filed case without a party.
    """
    require(actor, Permission.EDIT_CASE)
    refusal = removal_refusal(session, case_id, party_id)
    if refusal:
        raise Invalid(refusal)
    party = session.get(Party, party_id)
    for link in _links(session, case_id, party_id):
        link.deleted = True
    _flush_as(session, f"移除当事人{party.name}" + (f"（{party.id_number}）" if party.id_number else ""))
    _retitle(session, get_case(session, case_id))


def _retitle(session: Session, case: Case, extra: Party | None = None) -> None:
    """案件名称 = the party's full name + the violation + "案" (DOMAIN §2.5), while not fixed."""
    if case.decided_on is not None:
        return
    names = [p.name for p in case_parties(session, case.id)]
    if extra is not None and extra.name not in names:
        names.append(extra.name)
    if case.violation_name:
        first = (names[0] + ("等" if len(names) > 1 else "")) if names else ""
        case.title = f"{first}{case.violation_name}案"


def repeat_violations(
    session: Session,
    *,
    id_number: str,
    violation_code: str,
    on: date,
    exclude_case_id: str | None = None,
) -> list[CaseSummary]:
    """Cases of the same party (by identifier) and violation code in the 12 months before `on`.

    A repeat within a year is a possible 从重 circumstance (and rules out 首违不罚). Cases never
    filed, revoked, or found not established are not counted.
    """
    from app.cases.queries import summaries

    if not id_number.strip() or not violation_code:
        return []
    since = on - timedelta(days=REPEAT_WINDOW_DAYS)
    rows = session.scalars(
        select(Case)
        .join(CaseParty, CaseParty.case_id == Case.id)
        .join(Party, Party.id == CaseParty.party_id)
        .where(
            Party.id_number == id_number.strip().upper(),
            CaseParty.deleted.is_(False),
            Case.deleted.is_(False),
            Case.violation_code == violation_code,
            Case.stage.not_in([Stage.NOT_FILED.value, Stage.REVOKED.value]),
            (Case.outcome.is_(None)) | (Case.outcome != Outcome.NOT_ESTABLISHED.value),
            Case.violation_date >= since,
            Case.violation_date <= on,
        )
        .order_by(Case.violation_date.desc())
    ).unique().all()
    return summaries(session, [c for c in rows if c.id != exclude_case_id])
