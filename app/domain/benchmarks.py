"""Discretion benchmarks as versioned reference data: the model and its validating loader.

A benchmark file comes down from the county (resources/reference/ holds a sample). Everything is
checked on load — ranges inside the law, tiers inside their level's rules, no overlapping versions,
no condition naming a fact nobody defined — so the rules in app.domain.discretion can trust it.
Amounts are stored ×100: fen for 'yuan' items, hundredths of a percent for 'percent' items.
"""

from __future__ import annotations

import json
import re
from collections.abc import Mapping
from dataclasses import dataclass
from datetime import date
from decimal import Decimal, InvalidOperation
from typing import Any

from app.clock import format_cn_date
from app.domain.discretion_rules import EFFECTS, LEVELS, REQUIREMENTS, STATUTORY_CIRCUMSTANCES, Circumstance
from app.domain.identifiers import PARTY_KIND_LABELS, check_party_kind
from app.domain.money import yuan
from app.errors import Invalid


@dataclass(frozen=True)
class Basis:
    law: str
    article: str
    clause: str = ""

    @property
    def text(self) -> str:
        return f"{self.law}{self.article}{self.clause}"


@dataclass(frozen=True)
class Tier:
    level: str
    conditions: tuple[str, ...]  # all must be ticked
    any_of: tuple[str, ...]  # at least one must be ticked, when given
    fine_min: int
    fine_max: int
    requires: tuple[str, ...]
    party_kinds: tuple[str, ...]
    note: str = ""

    @property
    def is_default(self) -> bool:
        return not self.conditions and not self.any_of


@dataclass(frozen=True)
class BenchmarkSource:
    id: str
    title: str
    issuer: str
    doc_no: str


@dataclass(frozen=True)
class ViolationItem:
    code: str
    name: str
    violation_basis: Basis
    penalty_basis: Basis
    party_kinds: tuple[str, ...]
    unit: str  # 'yuan' (amounts in fen) or 'percent' (hundredths of a percent of base_label)
    base_label: str
    legal_min: int
    legal_max: int
    other_penalties: tuple[str, ...]
    tiers: tuple[Tier, ...]
    circumstances: tuple[Circumstance, ...]
    source: BenchmarkSource
    hearing_at_least: Mapping[str, int] | None = None
    major_at_least: Mapping[str, int] | None = None
    collective_at_least: Mapping[str, int] | None = None

    def amount_text(self, value: int) -> str:
        if self.unit == "percent":
            return f"{self.base_label}的{_percent(value)}"
        return yuan(value)

    def circumstance(self, code: str) -> Circumstance:
        for c in self.circumstances:
            if c.code == code:
                return c
        raise Invalid(f"事项 {self.code} 没有名为“{code}”的情节")


@dataclass(frozen=True)
class Benchmark:
    id: str
    field: str
    title: str
    issuer: str
    doc_no: str
    valid_from: date
    valid_to: date | None
    sample: bool
    items: tuple[ViolationItem, ...]
    circumstances: tuple[Circumstance, ...]
    published_url: str = ""
    supersedes: str = ""

    def in_force_on(self, day: date) -> bool:
        return self.valid_from <= day and (self.valid_to is None or day <= self.valid_to)


def _percent(hundredths: int) -> str:
    return f"{Decimal(hundredths) / 100:f}".rstrip("0").rstrip(".") + "%"


def load_benchmarks(json_text: str) -> list[Benchmark]:
    """Parse and validate a benchmark file; every problem is reported with where it is."""
    try:
        raw = json.loads(json_text)
    except ValueError as exc:
        raise Invalid(f"裁量基准文件不是有效的 JSON：{exc}") from None
    if not isinstance(raw, dict) or not isinstance(raw.get("benchmarks"), list):
        raise Invalid("裁量基准文件缺少“benchmarks”列表")
    benchmarks = [_load_benchmark(b, i) for i, b in enumerate(raw["benchmarks"], 1)]
    seen: set[str] = set()
    for b in benchmarks:
        if b.id in seen:
            raise Invalid(f"裁量基准编号“{b.id}”重复")
        seen.add(b.id)
    for i, a in enumerate(benchmarks):
        for b in benchmarks[i + 1 :]:
            if (a.field, a.issuer) == (b.field, b.issuer) and _overlaps(a, b):
                raise Invalid(
                    f"裁量基准“{a.id}”（{_period(a)}）与“{b.id}”（{_period(b)}）的有效期重叠，"
                    "同一机关同一领域同一天只能有一个版本有效"
                )
    return benchmarks


def _overlaps(a: Benchmark, b: Benchmark) -> bool:
    a_end, b_end = a.valid_to or date.max, b.valid_to or date.max
    return a.valid_from <= b_end and b.valid_from <= a_end


def _period(b: Benchmark) -> str:
    end = format_cn_date(b.valid_to) if b.valid_to else "长期"
    return f"{format_cn_date(b.valid_from)}至{end}"


def _need(obj: Mapping[str, Any], key: str, where: str, kind: type | tuple = str) -> Any:
    if key not in obj or obj[key] in (None, ""):
        raise Invalid(f"{where}缺少“{key}”")
    value = obj[key]
    if not isinstance(value, kind) or isinstance(value, bool) and kind is not bool:
        raise Invalid(f"{where}的“{key}”格式不对：{value!r}")
    return value


def _list(obj: Mapping[str, Any], key: str, where: str) -> list:
    value = obj.get(key) or []
    if not isinstance(value, list):
        raise Invalid(f"{where}的“{key}”应为列表：{value!r}")
    return value


def _strings(obj: Mapping[str, Any], key: str, where: str) -> tuple[str, ...]:
    values = _list(obj, key, where)
    if not all(isinstance(v, str) and v for v in values):
        raise Invalid(f"{where}的“{key}”应为文字列表：{values!r}")
    return tuple(values)


def _date(obj: Mapping[str, Any], key: str, where: str) -> date:
    text = _need(obj, key, where)
    try:
        return date.fromisoformat(text)
    except ValueError:
        raise Invalid(f"{where}的“{key}”不是有效日期（应为 2024-03-01 格式）：{text}") from None


def _hundredths(value: Any, where: str) -> int:
    """Yuan → fen and percent → hundredths of a percent: both are ×100, exact, no floats kept."""
    if isinstance(value, bool) or not isinstance(value, (int, float, str)):
        raise Invalid(f"{where}应为数字，实为 {value!r}")
    try:
        amount = Decimal(str(value))
    except InvalidOperation:
        raise Invalid(f"{where}应为数字，实为 {value!r}") from None
    if not amount.is_finite():
        raise Invalid(f"{where}应为数字，实为 {value!r}")
    if amount < 0:
        raise Invalid(f"{where}不能为负数：{value}")
    scaled = amount * 100
    if scaled != scaled.to_integral_value():
        raise Invalid(f"{where}最多两位小数：{value}")
    return int(scaled)


def _load_benchmark(raw: Any, index: int) -> Benchmark:
    where = f"第 {index} 个裁量基准"
    if not isinstance(raw, dict):
        raise Invalid(f"{where}格式不对")
    bid = _need(raw, "id", where)
    where = f"裁量基准“{bid}”"
    valid_from = _date(raw, "valid_from", where)
    valid_to = _date(raw, "valid_to", where) if raw.get("valid_to") else None
    if valid_to is not None and valid_to < valid_from:
        raise Invalid(f"{where}的失效日{format_cn_date(valid_to)}早于生效日{format_cn_date(valid_from)}")
    circumstances = STATUTORY_CIRCUMSTANCES + tuple(
        _load_circumstance(c, where) for c in _list(raw, "circumstances", where)
    )
    codes = [c.code for c in circumstances]
    for code in codes:
        if codes.count(code) > 1:
            raise Invalid(f"{where}的情节“{code}”重复定义（法定情节不能在基准文件中重新定义）")
    source = BenchmarkSource(
        id=bid,
        title=raw.get("title") or f"{_need(raw, 'field', where)}行政处罚裁量基准",
        issuer=_need(raw, "issuer", where),
        doc_no=_need(raw, "doc_no", where),
    )
    items = tuple(
        _load_item(item, where, circumstances, source) for item in _need(raw, "items", where, list)
    )
    item_codes = [i.code for i in items]
    for code in item_codes:
        if item_codes.count(code) > 1:
            raise Invalid(f"{where}的事项编码“{code}”重复")
    return Benchmark(
        id=bid, field=_need(raw, "field", where), title=source.title, issuer=source.issuer,
        doc_no=source.doc_no, valid_from=valid_from, valid_to=valid_to,
        sample=bool(raw.get("sample", False)), items=items, circumstances=circumstances,
        published_url=raw.get("published_url") or "", supersedes=raw.get("supersedes") or "",
    )


def _load_circumstance(raw: Any, where: str) -> Circumstance:
    if not isinstance(raw, dict):
        raise Invalid(f"{where}的情节定义格式不对：{raw!r}")
    code = _need(raw, "code", f"{where}的情节定义")
    if not re.fullmatch(r"[a-z][a-z0-9_]*", code):
        raise Invalid(f"{where}的情节编码“{code}”只能用小写字母、数字和下划线")
    effect = raw.get("effect", "事实")
    if effect not in EFFECTS:
        raise Invalid(f"{where}的情节“{code}”效果“{effect}”无效，应为：{'、'.join(EFFECTS)}")
    return Circumstance(code, _need(raw, "name", f"{where}的情节“{code}”"), effect, raw.get("legal_basis", ""))


def _load_basis(raw: Any, where: str) -> Basis:
    if not isinstance(raw, dict):
        raise Invalid(f"{where}格式不对")
    return Basis(_need(raw, "law", where), _need(raw, "article", where), raw.get("clause", "") or "")


def _load_amounts_by_kind(raw: Any, where: str, kinds: tuple[str, ...]) -> dict[str, int] | None:
    if raw is None:
        return None
    if not isinstance(raw, dict):
        return {k: _hundredths(raw, where) for k in kinds}
    return {check_party_kind(k): _hundredths(v, f"{where}（{PARTY_KIND_LABELS[k]}）") for k, v in raw.items()}


def _load_item(raw: Any, where: str, circumstances: tuple[Circumstance, ...], source) -> ViolationItem:
    if not isinstance(raw, dict):
        raise Invalid(f"{where}的事项格式不对")
    code = _need(raw, "code", f"{where}的事项")
    where = f"{where}事项 {code}"
    kinds = _strings(raw, "party_kinds", where)
    if not kinds:
        raise Invalid(f"{where}未列出适用的当事人类型")
    for kind in kinds:
        check_party_kind(kind)
    unit = raw.get("unit", "yuan")
    if unit not in ("yuan", "percent"):
        raise Invalid(f"{where}的计罚单位“{unit}”无效，应为 yuan 或 percent")
    base_label = raw.get("base_label", "")
    if unit == "percent" and not base_label:
        raise Invalid(f"{where}按百分比处罚，须写明计算基数（base_label，如“建设工程造价”）")
    legal_min = _hundredths(raw.get("legal_min", 0), f"{where}的法定罚款下限")
    legal_max = _hundredths(_need(raw, "legal_max", where, (int, float, str)), f"{where}的法定罚款上限")
    fmt = (lambda v: f"{_percent(v)}") if unit == "percent" else yuan
    if legal_min > legal_max:
        raise Invalid(f"{where}的法定罚款下限 {fmt(legal_min)} 高于上限 {fmt(legal_max)}")
    known = {c.code for c in circumstances}
    tiers = tuple(
        _load_tier(t, f"{where}第 {n} 个阶次", known, kinds, legal_min, legal_max, fmt)
        for n, t in enumerate(_need(raw, "tiers", where, list), 1)
    )
    if not tiers:
        raise Invalid(f"{where}没有裁量阶次")
    for kind in kinds:
        if not any(t.is_default and t.level == "一般" and kind in t.party_kinds for t in tiers):
            raise Invalid(f"{where}缺少对{PARTY_KIND_LABELS[kind]}无条件适用的“一般”阶次")
    return ViolationItem(
        code=code, name=_need(raw, "name", where),
        violation_basis=_load_basis(raw.get("violation_basis"), f"{where}的违法依据"),
        penalty_basis=_load_basis(raw.get("penalty_basis"), f"{where}的处罚依据"),
        party_kinds=kinds, unit=unit, base_label=base_label, legal_min=legal_min, legal_max=legal_max,
        other_penalties=_strings(raw, "other_penalties", where), tiers=tiers, circumstances=circumstances,
        source=source,
        hearing_at_least=_load_amounts_by_kind(raw.get("hearing_at_least"), f"{where}的听证标准", kinds),
        major_at_least=_load_amounts_by_kind(raw.get("major_at_least"), f"{where}的法制审核标准", kinds),
        collective_at_least=_load_amounts_by_kind(
            raw.get("collective_at_least"), f"{where}的集体讨论标准", kinds
        ),
    )


def _load_tier(raw, where, known, kinds, legal_min, legal_max, fmt) -> Tier:
    if not isinstance(raw, dict):
        raise Invalid(f"{where}格式不对")
    level = _need(raw, "level", where)
    if level not in LEVELS:
        raise Invalid(f"{where}的阶次“{level}”无效，应为：{'、'.join(LEVELS)}")
    where = f"{where}（{level}）"
    conditions = _strings(raw, "conditions", where)
    any_of = _strings(raw, "any_of", where)
    for predicate in conditions + any_of:
        if predicate not in known:
            raise Invalid(f"{where}引用了未定义的情节“{predicate}”")
    requires = _strings(raw, "requires", where)
    for r in requires:
        if r not in REQUIREMENTS:
            raise Invalid(f"{where}的程序要求“{r}”无效，应为：{'、'.join(REQUIREMENTS)}")
    tier_kinds = _strings(raw, "party_kinds", where) or kinds
    for kind in tier_kinds:
        if kind not in kinds:
            raise Invalid(f"{where}适用的当事人类型“{kind}”不在本事项的当事人类型中")
    lo = _hundredths(raw.get("fine_min", 0), f"{where}的罚款下限")
    hi = _hundredths(raw.get("fine_max", 0), f"{where}的罚款上限")
    if lo > hi:
        raise Invalid(f"{where}的罚款下限 {fmt(lo)} 高于上限 {fmt(hi)}")
    if level == "不予处罚" and hi:
        raise Invalid(f"{where}不予处罚阶次不能设定罚款")
    if level == "减轻" and legal_min and hi > legal_min:
        raise Invalid(f"{where}减轻处罚的罚款上限 {fmt(hi)} 应不高于法定下限 {fmt(legal_min)}")
    if level == "减轻" and hi > legal_max:
        raise Invalid(f"{where}的罚款上限 {fmt(hi)} 超过法定上限 {fmt(legal_max)}")
    if level not in ("不予处罚", "减轻") and (lo < legal_min or hi > legal_max):
        raise Invalid(
            f"{where}的罚款幅度 {fmt(lo)} 至 {fmt(hi)} 超出法定幅度 {fmt(legal_min)} 至 {fmt(legal_max)}"
        )
    return Tier(level, conditions, any_of, lo, hi, requires, tier_kinds, raw.get("note", ""))
