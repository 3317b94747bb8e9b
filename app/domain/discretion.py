"""Applying discretion benchmarks to a case: the version in force, the suggested tier and its
裁量理由, the fines allowed, and the procedure a proposed penalty triggers.

The benchmark data and its loader live in app.domain.benchmarks; both are re-exported here.
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping
from dataclasses import dataclass
from datetime import date
from typing import Protocol

from app.clock import format_cn_date
from app.domain.benchmarks import (
    Basis,
    Benchmark,
    BenchmarkSource,
    Tier,
    ViolationItem,
    load_benchmarks,
)
from app.domain.discretion_rules import (
    HEARING_PENALTIES,
    MITIGATING_LEVELS,
    STATUTORY_CIRCUMSTANCES,
    STATUTORY_RULES,
    Circumstance,
)
from app.domain.identifiers import PARTY_KIND_LABELS, check_party_kind
from app.domain.money import yuan
from app.errors import Invalid

__all__ = [
    "Basis", "Benchmark", "BenchmarkSource", "Circumstance", "Suggestion", "ThresholdSettings",
    "Thresholds", "Tier", "ViolationItem", "check_fine", "circumstance_choices", "item_in_force",
    "load_benchmarks", "suggest", "thresholds",
]


@dataclass(frozen=True)
class Suggestion:
    tier: Tier
    fine_min: int | None  # fen; None for a percentage item when no base was given
    fine_max: int | None
    range_text: str
    reasoning_text: str
    requires: tuple[str, ...]
    circumstances: tuple[Circumstance, ...]
    notes: tuple[str, ...] = ()


@dataclass(frozen=True)
class Thresholds:
    hearing_right: bool
    legal_review: bool
    collective_discussion: bool
    reasons: tuple[str, ...]


class ThresholdSettings(Protocol):
    """The fields of app.settings.Preferences these rules read (the domain may not import it)."""

    hearing_threshold_person_yuan: int
    hearing_threshold_org_yuan: int
    major_fine_person_yuan: int
    major_fine_org_yuan: int
    collective_discussion_person_yuan: int
    collective_discussion_org_yuan: int


def item_in_force(benchmarks: Iterable[Benchmark], code: str, violation_date: date) -> ViolationItem:
    """The item from the benchmark version in force on the day of the violation."""
    found = [
        item for b in benchmarks if b.in_force_on(violation_date) for item in b.items if item.code == code
    ]
    if not found:
        raise Invalid(f"违法行为发生日{format_cn_date(violation_date)}没有包含事项 {code} 的有效裁量基准")
    if len(found) > 1:
        docs = "、".join(i.source.doc_no for i in found)
        raise Invalid(f"事项 {code} 在{format_cn_date(violation_date)}同时见于多个有效基准（{docs}），请县局确认适用哪一个")
    return found[0]


def circumstance_choices(item: ViolationItem) -> tuple[Circumstance, ...]:
    """What the clerk can tick for this item: the statutory circumstances and the benchmark facts
    its tiers use, in the order the benchmark defines them."""
    used = {c for t in item.tiers for c in t.conditions + t.any_of}
    return tuple(
        c for c in item.circumstances if c in STATUTORY_CIRCUMSTANCES or c.code in used or c.effect != "事实"
    )


def _matches(tier: Tier, ticked: frozenset[str], party_kind: str) -> bool:
    return (
        party_kind in tier.party_kinds
        and all(c in ticked for c in tier.conditions)
        and (not tier.any_of or any(c in ticked for c in tier.any_of))
    )


def _specificity(tier: Tier, ticked: frozenset[str]) -> int:
    return len(tier.conditions) + sum(1 for c in tier.any_of if c in ticked)


def suggest(
    item: ViolationItem, ticked_circumstances: Iterable[str], party_kind: str, *, base_fen: int | None = None
) -> Suggestion:
    """Suggest a tier for the facts ticked, with the 裁量理由 text for the decision.

    Order of precedence: a statutory no-penalty circumstance (Arts. 30, 31, 33) wins; a statutory
    "应当从轻或者减轻" circumstance (Arts. 30, 32) rules out 从重 and guarantees at least 从轻;
    mitigating and aggravating tiers matched together cancel out to 一般 (the clerk weighs them);
    otherwise the most lenient mitigating tier, else the most specific 从重 tier, else the most
    specific 一般 tier. The suggestion is advice: the officer may deviate with approval.
    """
    check_party_kind(party_kind)
    if party_kind not in item.party_kinds:
        allowed = "、".join(PARTY_KIND_LABELS[k] for k in item.party_kinds)
        raise Invalid(f"事项“{item.name}”只适用于{allowed}，不适用于{PARTY_KIND_LABELS[party_kind]}")
    ticked = frozenset(ticked_circumstances)
    found = tuple(item.circumstance(code) for code in sorted(ticked))
    notes: list[str] = []
    applied = [(effect, basis) for codes, effect, basis in STATUTORY_RULES if codes <= ticked]
    effects = {effect for effect, _ in applied}
    if "可以不予" in effects:
        notes.append("符合《行政处罚法》第三十三条第一款“首违不罚”条件，可以不予行政处罚")

    matched = [t for t in item.tiers if _matches(t, ticked, party_kind)]
    pick = lambda tiers: max(tiers, key=lambda t: _specificity(t, ticked))  # noqa: E731
    ordinary = pick([t for t in matched if t.level == "一般"])
    mitigating = [t for t in matched if t.level in MITIGATING_LEVELS and not t.is_default]
    aggravating = [t for t in matched if t.level == "从重"]
    must_mitigate = "应当从轻减轻" in effects
    if "不予" in effects:
        tier = next(
            (t for t in item.tiers if t.level == "不予处罚" and party_kind in t.party_kinds), None
        ) or Tier("不予处罚", (), (), 0, 0, (), item.party_kinds, "依法不予行政处罚")
    elif must_mitigate:
        aggravating = []
        tier = _most_lenient(mitigating) or next(
            (t for t in item.tiers if t.level == "从轻" and party_kind in t.party_kinds), ordinary
        )
        if tier is ordinary:
            notes.append("具有法定应当从轻或者减轻处罚情节，但本事项未设从轻阶次，请在一般阶次下限附近裁量")
    elif mitigating and aggravating:
        tier = ordinary
        notes.append("同时具有从轻（减轻）和从重情节，建议按一般阶次综合裁量")
    elif mitigating:
        tier = _most_lenient(mitigating)
    elif aggravating:
        tier = pick(aggravating)
    else:
        tier = ordinary

    fine_min, fine_max = _to_fen(item, tier.fine_min, base_fen), _to_fen(item, tier.fine_max, base_fen)
    range_text = (
        "不予罚款" if tier.level == "不予处罚" else f"{item.amount_text(tier.fine_min)}至{item.amount_text(tier.fine_max)}"
    )
    if item.unit == "percent" and base_fen is not None and tier.level != "不予处罚":
        range_text += f"（即{yuan(fine_min)}至{yuan(fine_max)}）"
    names = "、".join(c.name for c in found)
    facts = f"当事人具有以下情节：{names}" if found else "未发现法定或者基准规定的从轻、减轻、从重或者不予处罚情节"
    statutory = "".join(f"依照{basis}，{_EFFECT_TEXT[effect]}。" for effect, basis in applied)
    if tier.level == "不予处罚":
        notes.append("依法不予行政处罚的，应当对当事人进行教育（《行政处罚法》第三十三条第三款）")
    source = item.source
    reasoning = (
        f"依据{source.issuer}《{source.title}》（{source.doc_no}）第 {item.code} 项“{item.name}”，"
        f"{facts}。{statutory}适用“{tier.level}”阶次，"
        + ("依法不予行政处罚。" if tier.level == "不予处罚" else f"罚款幅度为{range_text}。")
    )
    return Suggestion(
        tier=tier, fine_min=fine_min, fine_max=fine_max, range_text=range_text, reasoning_text=reasoning,
        requires=tier.requires, circumstances=found, notes=tuple(notes),
    )


_EFFECT_TEXT = {
    "不予": "不予行政处罚",
    "可以不予": "可以不予行政处罚",
    "应当从轻减轻": "应当从轻或者减轻行政处罚",
    "可以从轻减轻": "可以从轻或者减轻行政处罚",
}


def _most_lenient(tiers: list[Tier]) -> Tier | None:
    return min(tiers, key=lambda t: (MITIGATING_LEVELS.index(t.level), t.fine_max), default=None)


def _to_fen(item: ViolationItem, value: int, base_fen: int | None) -> int | None:
    if item.unit == "yuan":
        return value
    if base_fen is None:
        return None
    return base_fen * value // 10_000


def check_fine(
    item: ViolationItem, tier: Tier, fine_fen: int, reduction_approved: bool, *, base_fen: int | None = None
) -> None:
    """Refuse a fine the law or the benchmark does not allow.

    Above the legal maximum: never. Below the legal minimum: only in the 减轻 tier and with the
    approval recorded. Outside the chosen tier's range: only with approval (deviating from a
    benchmark needs the head's approval or collective discussion).
    """
    if fine_fen < 0:
        raise Invalid(f"罚款金额不能为负数：{yuan(fine_fen)}")
    if item.unit == "percent" and base_fen is None:
        raise Invalid(f"事项“{item.name}”按{item.base_label}的百分比处罚，请先填写{item.base_label}")
    if tier.level == "不予处罚":
        if fine_fen:
            raise Invalid(f"适用“不予处罚”阶次时不能处以罚款（拟罚 {yuan(fine_fen)}）")
        return
    legal_lo, legal_hi = _to_fen(item, item.legal_min, base_fen), _to_fen(item, item.legal_max, base_fen)
    basis = item.penalty_basis.text
    if fine_fen > legal_hi:
        raise Invalid(f"罚款 {yuan(fine_fen)} 超过{basis}规定的上限 {yuan(legal_hi)}，不能作出")
    if fine_fen < legal_lo:
        if tier.level != "减轻":
            raise Invalid(
                f"罚款 {yuan(fine_fen)} 低于{basis}规定的下限 {yuan(legal_lo)}；"
                "低于法定下限只能适用“减轻”阶次并经批准"
            )
        if not reduction_approved:
            raise Invalid(f"罚款 {yuan(fine_fen)} 低于法定下限 {yuan(legal_lo)}，减轻处罚须经负责人批准或集体讨论决定")
    lo, hi = _to_fen(item, tier.fine_min, base_fen), _to_fen(item, tier.fine_max, base_fen)
    if not lo <= fine_fen <= hi and not reduction_approved:
        raise Invalid(
            f"罚款 {yuan(fine_fen)} 不在“{tier.level}”阶次的幅度 {yuan(lo)} 至 {yuan(hi)} 内，"
            "偏离裁量基准须经负责人批准或集体讨论决定，并在案卷中说明理由"
        )


def thresholds(
    item: ViolationItem,
    fine_fen: int,
    party_kind: str,
    settings: ThresholdSettings,
    *,
    tier: Tier | None = None,
    other_penalties: Iterable[str] = (),
) -> Thresholds:
    """Flags for the procedure a proposed penalty triggers.

    Amounts "X元以上" include X. A 个体工商户 is measured against the citizen figures: they are the
    lower ones, and offering a hearing or a review that was not strictly required costs little,
    while omitting a required one makes the decision void (Art. 38).
    """
    check_party_kind(party_kind)
    person = party_kind != "org"
    reasons: list[str] = []

    def limit(own: Mapping[str, int] | None, person_yuan: int, org_yuan: int) -> int:
        if own is not None and party_kind in own:
            return own[party_kind]
        return (person_yuan if person else org_yuan) * 100

    hearing_at = limit(item.hearing_at_least, settings.hearing_threshold_person_yuan,
                       settings.hearing_threshold_org_yuan)
    hearing = fine_fen >= hearing_at
    if hearing:
        reasons.append(f"罚款 {yuan(fine_fen)} 达到较大数额标准 {yuan(hearing_at)}，应告知听证权利（《行政处罚法》第六十三条）")
    for penalty in other_penalties:
        if any(kind in penalty for kind in HEARING_PENALTIES):
            hearing = True
            reasons.append(f"拟{penalty}，应告知听证权利（《行政处罚法》第六十三条）")
    requires = tier.requires if tier is not None else ()
    if "听证告知" in requires and not hearing:
        hearing = True
        reasons.append(f"裁量基准要求“{tier.level}”阶次告知听证权利")

    major_at = limit(item.major_at_least, settings.major_fine_person_yuan, settings.major_fine_org_yuan)
    review = fine_fen >= major_at
    if review:
        reasons.append(f"罚款 {yuan(fine_fen)} 达到重大执法决定标准 {yuan(major_at)}，须法制审核（《行政处罚法》第五十八条）")
    if "法制审核" in requires and not review:
        review = True
        reasons.append(f"裁量基准要求“{tier.level}”阶次进行法制审核")
    if hearing and not review:
        reasons.append("如经听证程序，作出决定前须法制审核（《行政处罚法》第五十八条第一款第二项）")

    collective_at = limit(item.collective_at_least, settings.collective_discussion_person_yuan,
                          settings.collective_discussion_org_yuan)
    collective = fine_fen >= collective_at
    if collective:
        reasons.append(f"罚款 {yuan(fine_fen)} 达到集体讨论标准 {yuan(collective_at)}（《行政处罚法》第五十七条第二款）")
    if "集体讨论" in requires and not collective:
        collective = True
        reasons.append(f"裁量基准要求“{tier.level}”阶次集体讨论决定")
    return Thresholds(hearing, review, collective, tuple(reasons))
