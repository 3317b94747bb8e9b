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


def update_party(session: Session, actor: Actor, party_id: str, **changes) -> PartyView:
    """Change a party's details; identifiers are re-validated. Keyword names are PartyView fields."""
    require(actor, Permission.EDIT_CASE)
    party = session.get(Party, party_id)
    if party is None or party.deleted:
        raise NotFound("当事人不存在或已被删除")
    allowed = {"name", "id_number", "trade_name", "operator_name", "legal_representative", "address",
               "phone", "sex", "birth_date"}
    unknown = set(changes) - allowed
    if unknown:
        raise Invalid(f"不能修改当事人的这些字段：{'、'.join(sorted(unknown))}")
    merged = {k: getattr(party, k) for k in allowed} | changes
    checked = validate_party(
        kind=party.kind, name=merged["name"], id_number=merged["id_number"], sex=merged["sex"],
        birth_date=merged["birth_date"], legal_representative=merged["legal_representative"],
        operator_name=merged["operator_name"],
    )
    warnings = checked.pop("warnings")
    for key in ("trade_name", "operator_name", "legal_representative", "address", "phone"):
        setattr(party, key, (merged[key] or "").strip())
    for key, value in checked.items():
        setattr(party, key, value)
    return party_view(party, warnings)


def remove_party(session: Session, actor: Actor, case_id: str, party_id: str) -> None:
    """Unlink a party from a case (tombstone on the link; the party row stays for other cases)."""
    require(actor, Permission.EDIT_CASE)
    case = get_case(session, case_id)
    if Stage(case.stage) not in EDITABLE_STAGES:
        raise Invalid(f"案件处于“{Stage(case.stage).label}”阶段，不能再变更当事人")
    links = session.scalars(
        select(CaseParty).where(
            CaseParty.case_id == case_id, CaseParty.party_id == party_id, CaseParty.deleted.is_(False)
        )
    ).all()
    if not links:
        raise NotFound("该当事人不在本案中")
    for link in links:
        link.deleted = True
    session.flush()
    _retitle(session, case)


def _retitle(session: Session, case: Case, extra: Party | None = None) -> None:
    """案件名称 = the party's full name + the violation + "案" (DOMAIN §2.5), while not fixed."""
    if case.decided_on is not None:
        return
    names = [p.name for p in case_parties(session, case.id)]
    if extra is not None and extra.name not in names:
        names.append(extra.name)
    if names and case.violation_name:
        first = names[0] + ("等" if len(names) > 1 else "")
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
