"""The statutory part of discretion: penalty-law circumstances (Arts. 30–33) and fixed vocabularies.

These are law, not local data, so they live in code and a county benchmark file cannot redefine
them; the file adds its own fact predicates (area bands, repeat offences, obstruction…).
"""

from __future__ import annotations

from dataclasses import dataclass

LEVELS = ("不予处罚", "减轻", "从轻", "一般", "从重")
MITIGATING_LEVELS = ("不予处罚", "减轻", "从轻")  # most lenient first
REQUIREMENTS = ("法制审核", "集体讨论", "听证告知")
EFFECTS = ("不予", "可以不予", "应当从轻减轻", "可以从轻减轻", "应当从重", "可以从重", "事实")
# Penalty types that always carry the right to a hearing (《行政处罚法》第六十三条第一款).
HEARING_PENALTIES = (
    "没收较大数额违法所得", "没收较大价值非法财物", "降低资质等级", "吊销许可证件",
    "责令停产停业", "责令关闭", "限制从业",
)


@dataclass(frozen=True)
class Circumstance:
    code: str
    name: str
    effect: str  # one of EFFECTS; '事实' is a plain fact used only to pick a tier
    legal_basis: str = ""


_LAW = "《行政处罚法》"

STATUTORY_CIRCUMSTANCES: tuple[Circumstance, ...] = (
    Circumstance("under_14", "不满十四周岁", "不予", f"{_LAW}第三十条"),
    Circumstance("age_14_to_18", "已满十四周岁不满十八周岁", "应当从轻减轻", f"{_LAW}第三十条"),
    Circumstance("mental_no_capacity", "精神病人、智力残疾人在不能辨认或者不能控制自己行为时实施违法行为",
                 "不予", f"{_LAW}第三十一条"),
    Circumstance("mental_limited", "尚未完全丧失辨认或者控制自己行为能力的精神病人、智力残疾人",
                 "可以从轻减轻", f"{_LAW}第三十一条"),
    Circumstance("voluntary_elimination", "主动消除或者减轻违法行为危害后果", "应当从轻减轻",
                 f"{_LAW}第三十二条第一项"),
    Circumstance("coerced", "受他人胁迫或者诱骗实施违法行为", "应当从轻减轻", f"{_LAW}第三十二条第二项"),
    Circumstance("confessed", "主动供述行政机关尚未掌握的违法行为", "应当从轻减轻", f"{_LAW}第三十二条第三项"),
    Circumstance("meritorious", "配合行政机关查处违法行为有立功表现", "应当从轻减轻", f"{_LAW}第三十二条第四项"),
    Circumstance("minor_violation", "违法行为轻微", "事实", f"{_LAW}第三十三条第一款"),
    Circumstance("corrected_in_time", "及时改正", "事实", f"{_LAW}第三十三条第一款"),
    Circumstance("no_harm", "没有造成危害后果", "事实", f"{_LAW}第三十三条第一款"),
    Circumstance("first_offence", "初次违法", "事实", f"{_LAW}第三十三条第一款"),
    Circumstance("minor_harm", "危害后果轻微", "事实", f"{_LAW}第三十三条第一款"),
    Circumstance("no_fault", "有证据足以证明没有主观过错", "不予", f"{_LAW}第三十三条第二款"),
)

# Combinations the penalty law attaches an effect to: (all of these, effect, basis).
STATUTORY_RULES: tuple[tuple[frozenset[str], str, str], ...] = (
    (frozenset({"under_14"}), "不予", f"{_LAW}第三十条"),
    (frozenset({"mental_no_capacity"}), "不予", f"{_LAW}第三十一条"),
    (frozenset({"no_fault"}), "不予", f"{_LAW}第三十三条第二款"),
    (frozenset({"minor_violation", "corrected_in_time", "no_harm"}), "不予", f"{_LAW}第三十三条第一款"),
    (frozenset({"first_offence", "minor_harm", "corrected_in_time"}), "可以不予", f"{_LAW}第三十三条第一款"),
    (frozenset({"age_14_to_18"}), "应当从轻减轻", f"{_LAW}第三十条"),
    (frozenset({"mental_limited"}), "可以从轻减轻", f"{_LAW}第三十一条"),
    (frozenset({"voluntary_elimination"}), "应当从轻减轻", f"{_LAW}第三十二条第一项"),
    (frozenset({"coerced"}), "应当从轻减轻", f"{_LAW}第三十二条第二项"),
    (frozenset({"confessed"}), "应当从轻减轻", f"{_LAW}第三十二条第三项"),
    (frozenset({"meritorious"}), "应当从轻减轻", f"{_LAW}第三十二条第四项"),
)
