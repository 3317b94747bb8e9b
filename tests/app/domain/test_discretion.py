"""Discretion benchmarks: loading and validating, version by date, tier choice, fine checks, thresholds."""

from __future__ import annotations

import copy
import json
from datetime import date
from pathlib import Path

import pytest

from app.domain.discretion import (
    check_fine,
    circumstance_choices,
    item_in_force,
    load_benchmarks,
    suggest,
    thresholds,
)
from app.errors import Invalid
from app.settings import Preferences

SAMPLE = Path(__file__).parents[3] / "resources" / "reference" / "power_list_urban_sample.json"
BENCHMARKS = load_benchmarks(SAMPLE.read_text(encoding="utf-8"))
TODAY_ITEMS = {i.code: i for i in BENCHMARKS[-1].items}


def _tier(item, level, kind="person"):
    return next(t for t in item.tiers if t.level == level and t.is_default is (level == "一般")
                and kind in t.party_kinds)


# ------------------------------------------------------------------------------------ sample data

def test_sample_file_is_marked_and_rich_enough():
    raw = json.loads(SAMPLE.read_text(encoding="utf-8"))
    assert raw["notice"] == "样例数据：仅供演示，须以县局公布的权力清单和裁量基准替换"
    assert all(b.sample for b in BENCHMARKS)
    current = BENCHMARKS[-1]
    assert len(current.items) >= 30
    for item in current.items:
        for kind in item.party_kinds:
            levels = {t.level for t in item.tiers if kind in t.party_kinds}
            assert 3 <= len(levels) <= 5, item.code
        assert item.penalty_basis.law.startswith("《")


def test_version_is_chosen_by_violation_date():
    old = item_in_force(BENCHMARKS, "CG-015", date(2023, 5, 1))
    assert old.source.doc_no == "示综执发〔2021〕5号"
    assert item_in_force(BENCHMARKS, "CG-015", date(2024, 2, 29)).source.doc_no == "示综执发〔2021〕5号"
    assert item_in_force(BENCHMARKS, "CG-015", date(2024, 3, 1)).source.doc_no == "示综执发〔2024〕1号"
    with pytest.raises(Invalid, match="2021年7月14日没有包含事项 CG-015 的有效裁量基准"):
        item_in_force(BENCHMARKS, "CG-015", date(2021, 7, 14))
    with pytest.raises(Invalid, match="CG-023"):
        item_in_force(BENCHMARKS, "CG-023", date(2023, 1, 1))


# ------------------------------------------------------------------------------------ tier choice

def test_no_circumstances_gives_the_ordinary_tier_with_reasoning():
    s = suggest(TODAY_ITEMS["CG-015"], [], "person")
    assert s.tier.level == "一般"
    assert (s.fine_min, s.fine_max) == (5000, 20000)
    assert s.reasoning_text == (
        "依据示例县综合行政执法局《城市管理行政处罚裁量基准（样例）》（示综执发〔2024〕1号）"
        "第 CG-015 项“擅自占用城市道路设摊经营”，未发现法定或者基准规定的从轻、减轻、从重或者不予处罚情节。"
        "适用“一般”阶次，罚款幅度为50.00元至200.00元。"
    )


def test_fact_band_and_party_kind_pick_the_sub_range():
    assert (suggest(TODAY_ITEMS["CG-015"], ["area_m2_ge_10"], "person").fine_max) == 100000
    org = suggest(TODAY_ITEMS["CG-015"], ["area_m2_5_to_10"], "indiv_biz")
    assert (org.fine_min, org.fine_max) == (150000, 250000)


def test_aggravating_circumstance_gives_heavier_tier_and_names_it():
    s = suggest(TODAY_ITEMS["CG-015"], ["area_m2_ge_10", "repeat_within_12_months"], "person")
    assert s.tier.level == "从重"
    assert "12个月内因同一违法行为受过行政处罚" in s.reasoning_text
    assert "适用“从重”阶次" in s.reasoning_text


def test_first_offence_minor_and_corrected_is_not_penalised():
    s = suggest(TODAY_ITEMS["CG-015"], ["first_offence", "minor_harm", "corrected_in_time"], "person")
    assert s.tier.level == "不予处罚"
    assert s.range_text == "不予罚款"
    assert any("首违不罚" in n for n in s.notes)
    assert s.reasoning_text.endswith("适用“不予处罚”阶次，依法不予行政处罚。")


def test_statutory_no_penalty_wins_even_without_such_a_tier():
    item = TODAY_ITEMS["CG-023"]
    assert not any(t.level == "不予处罚" for t in item.tiers)
    s = suggest(item, ["minor_violation", "corrected_in_time", "no_harm", "obstructed"], "org")
    assert s.tier.level == "不予处罚"
    assert suggest(TODAY_ITEMS["CG-001"], ["under_14"], "person").tier.level == "不予处罚"


def test_mitigating_and_aggravating_together_fall_back_to_ordinary():
    s = suggest(TODAY_ITEMS["CG-015"], ["corrected_in_time", "repeat_within_12_months"], "person")
    assert s.tier.level == "一般"
    assert any("同时具有从轻（减轻）和从重情节" in n for n in s.notes)


def test_mandatory_mitigation_rules_out_heavier_tier():
    s = suggest(TODAY_ITEMS["CG-015"], ["confessed", "repeat_within_12_months"], "person")
    assert s.tier.level == "从轻"


def test_reduction_tier_below_legal_minimum_needs_reviews():
    s = suggest(TODAY_ITEMS["CG-023"], ["confessed", "no_harm"], "org")
    assert s.tier.level == "减轻"
    assert (s.fine_min, s.fine_max) == (500000, 1000000)
    assert s.requires == ("法制审核", "集体讨论")


def test_percentage_item_needs_the_base_for_amounts():
    item = TODAY_ITEMS["CG-031"]
    without = suggest(item, [], "person")
    assert without.fine_min is None
    assert without.range_text == "建设工程造价的6.5%至建设工程造价的8.5%"
    with_base = suggest(item, [], "person", base_fen=100_000_000)
    assert (with_base.fine_min, with_base.fine_max) == (6_500_000, 8_500_000)
    assert with_base.range_text.endswith("（即65,000.00元至85,000.00元）")


def test_party_kind_and_circumstance_must_fit_the_item():
    with pytest.raises(Invalid, match="只适用于公民，不适用于法人或者其他组织"):
        suggest(TODAY_ITEMS["CG-001"], [], "org")
    with pytest.raises(Invalid, match="没有名为“drunk”的情节"):
        suggest(TODAY_ITEMS["CG-001"], ["drunk"], "person")


# ------------------------------------------------------------------------------------ fine checks

def test_fine_inside_tier_passes_and_outside_needs_approval():
    item = TODAY_ITEMS["CG-015"]
    ordinary = _tier(item, "一般")
    check_fine(item, ordinary, 10000, False)
    with pytest.raises(Invalid, match="不在“一般”阶次的幅度 50.00元 至 200.00元 内，偏离裁量基准须经负责人批准"):
        check_fine(item, ordinary, 30000, False)
    check_fine(item, ordinary, 30000, True)


def test_fine_above_legal_maximum_is_refused_even_with_approval():
    item = TODAY_ITEMS["CG-015"]
    with pytest.raises(Invalid, match="超过《城市道路管理条例》第四十二条规定的上限 20,000.00元"):
        check_fine(item, _tier(item, "从重"), 2_000_001, True)


def test_fine_below_legal_minimum_only_in_approved_reduction():
    item = TODAY_ITEMS["CG-023"]
    with pytest.raises(Invalid, match="低于法定下限只能适用“减轻”阶次并经批准"):
        check_fine(item, _tier(item, "从轻", "org"), 800000, True)
    reduction = _tier(item, "减轻", "org")
    with pytest.raises(Invalid, match="减轻处罚须经负责人批准或集体讨论决定"):
        check_fine(item, reduction, 800000, False)
    check_fine(item, reduction, 800000, True)


def test_no_penalty_tier_refuses_any_fine_and_percent_needs_base():
    item = TODAY_ITEMS["CG-015"]
    with pytest.raises(Invalid, match="不予处罚"):
        check_fine(item, _tier(item, "不予处罚"), 100, True)
    check_fine(item, _tier(item, "不予处罚"), 0, False)
    building = TODAY_ITEMS["CG-031"]
    with pytest.raises(Invalid, match="请先填写建设工程造价"):
        check_fine(building, _tier(building, "一般"), 100, False)
    check_fine(building, _tier(building, "一般"), 7_000_000, False, base_fen=100_000_000)


# ------------------------------------------------------------------------------------ thresholds

def test_hearing_threshold_is_inclusive_and_split_by_party_kind():
    prefs = Preferences()  # hearing ≥ 2,000 yuan (person) / 10,000 yuan (org)
    item = TODAY_ITEMS["CG-016"]
    t = thresholds(item, 200000, "person", prefs)
    assert t.hearing_right and not t.legal_review and not t.collective_discussion
    assert any("第五十八条第一款第二项" in r for r in t.reasons)
    assert not thresholds(item, 199999, "person", prefs).hearing_right
    assert not thresholds(item, 999999, "org", prefs).hearing_right
    assert thresholds(item, 200000, "indiv_biz", prefs).hearing_right  # measured as a citizen


def test_major_and_collective_thresholds_and_tier_requirements():
    prefs = Preferences()
    item = TODAY_ITEMS["CG-023"]
    big = thresholds(item, 10_000_000, "org", prefs)
    assert big.hearing_right and big.legal_review and big.collective_discussion
    reduction = _tier(item, "减轻", "org")
    small = thresholds(item, 600000, "org", prefs, tier=reduction)
    assert small.legal_review and small.collective_discussion and not small.hearing_right
    assert "裁量基准要求“减轻”阶次进行法制审核" in small.reasons


def test_closure_type_penalty_carries_hearing_right():
    t = thresholds(TODAY_ITEMS["CG-026"], 500000, "org", Preferences(), other_penalties=["责令停产停业"])
    assert t.hearing_right
    assert "拟责令停产停业，应告知听证权利（《行政处罚法》第六十三条）" in t.reasons


# ------------------------------------------------------------------------------------ loader errors

def _minimal() -> dict:
    return {
        "benchmarks": [{
            "id": "T-1", "field": "城市管理", "issuer": "测试局", "doc_no": "测〔2024〕1号",
            "valid_from": "2024-01-01", "valid_to": "2024-12-31",
            "circumstances": [{"code": "area_m2_ge_10", "name": "面积10平方米以上"}],
            "items": [{
                "code": "X-1", "name": "测试事项",
                "violation_basis": {"law": "《某条例》", "article": "第一条"},
                "penalty_basis": {"law": "《某条例》", "article": "第九条"},
                "party_kinds": ["person"], "legal_min": 100, "legal_max": 1000,
                "tiers": [
                    {"level": "从轻", "conditions": ["corrected_in_time"], "fine_min": 100, "fine_max": 300},
                    {"level": "一般", "fine_min": 300, "fine_max": 700},
                    {"level": "从重", "conditions": ["area_m2_ge_10"], "fine_min": 700, "fine_max": 1000},
                ],
            }],
        }]
    }


def _load(mutate) -> None:
    data = _minimal()
    mutate(data)
    load_benchmarks(json.dumps(data, ensure_ascii=False))


def _item(data):
    return data["benchmarks"][0]["items"][0]


def test_minimal_file_loads_and_amounts_become_fen():
    [b] = load_benchmarks(json.dumps(_minimal(), ensure_ascii=False))
    assert b.items[0].legal_max == 100000
    assert b.title == "城市管理行政处罚裁量基准"


def test_overlapping_versions_are_refused():
    def add_second(data):
        second = copy.deepcopy(data["benchmarks"][0])
        second.update(id="T-2", valid_from="2024-12-31", valid_to=None)
        data["benchmarks"].append(second)
    with pytest.raises(Invalid, match="“T-1”（2024年1月1日至2024年12月31日）与“T-2”（2024年12月31日至长期）的有效期重叠"):
        _load(add_second)


@pytest.mark.parametrize(
    ("mutate", "message"),
    [
        (lambda d: _item(d).update(legal_min=2000), "法定罚款下限 2,000.00元 高于上限 1,000.00元"),
        (lambda d: _item(d)["tiers"][2].update(conditions=["drunk"]), "引用了未定义的情节“drunk”"),
        (lambda d: _item(d)["tiers"][2].update(fine_max=1200), "超出法定幅度 100.00元 至 1,000.00元"),
        (lambda d: _item(d)["tiers"][0].update(fine_min=400), "罚款下限 400.00元 高于上限 300.00元"),
        (lambda d: _item(d)["tiers"].append({"level": "减轻", "fine_min": 50, "fine_max": 150}),
         "减轻处罚的罚款上限 150.00元 应不高于法定下限 100.00元"),
        (lambda d: _item(d)["tiers"].append({"level": "不予处罚", "fine_max": 10}), "不予处罚阶次不能设定罚款"),
        (lambda d: _item(d)["tiers"].pop(1), "缺少对公民无条件适用的“一般”阶次"),
        (lambda d: _item(d)["tiers"][1].update(level="较重"), "阶次“较重”无效"),
        (lambda d: _item(d)["tiers"][1].update(requires=["局长签字"]), "程序要求“局长签字”无效"),
        (lambda d: _item(d).update(party_kinds=["company"]), "当事人类型“company”无效"),
        (lambda d: _item(d).update(unit="percent"), "须写明计算基数"),
        (lambda d: _item(d).update(legal_max=-5), "不能为负数"),
        (lambda d: _item(d).update(legal_max=10.001), "最多两位小数"),
        (lambda d: d["benchmarks"][0]["items"].append(copy.deepcopy(_item(d))), "事项编码“X-1”重复"),
        (lambda d: d["benchmarks"][0].update(valid_from="2024-13-01"), "不是有效日期"),
        (lambda d: d["benchmarks"][0].update(valid_to="2023-01-01"), "失效日2023年1月1日早于生效日2024年1月1日"),
        (lambda d: d["benchmarks"][0]["circumstances"].append({"code": "first_offence", "name": "初犯"}),
         "情节“first_offence”重复定义"),
        (lambda d: d["benchmarks"][0]["circumstances"].append({"code": "x", "name": "x", "effect": "加重"}),
         "效果“加重”无效"),
        (lambda d: d["benchmarks"][0].pop("doc_no"), "缺少“doc_no”"),
        (lambda d: _item(d)["tiers"][2].update(conditions="area_m2_ge_10"), "“conditions”应为列表"),
        (lambda d: _item(d).update(party_kinds=[]), "未列出适用的当事人类型"),
        (lambda d: _item(d).update(legal_max="NaN"), "应为数字"),
    ],
)
def test_loader_reports_what_is_wrong_and_where(mutate, message):
    with pytest.raises(Invalid, match=message.replace("(", r"\(").replace(")", r"\)")):
        _load(mutate)


def test_loader_refuses_broken_json_and_missing_list():
    with pytest.raises(Invalid, match="不是有效的 JSON"):
        load_benchmarks("{")
    with pytest.raises(Invalid, match="缺少“benchmarks”列表"):
        load_benchmarks("{}")


def test_choices_offer_statutory_circumstances_and_the_facts_the_item_uses():
    codes = {c.code for c in circumstance_choices(TODAY_ITEMS["CG-015"])}
    assert {"first_offence", "confessed", "under_14", "area_m2_ge_10", "repeat_within_12_months"} <= codes
    assert "ad_area_m2_ge_20" not in codes


def test_reduction_tier_may_not_exceed_the_legal_maximum():
    def add(d):
        _item(d).update(legal_min=0)
        _item(d)["tiers"].append({"level": "减轻", "fine_min": 0, "fine_max": 1500})
    with pytest.raises(Invalid, match="罚款上限 1,500.00元 超过法定上限 1,000.00元"):
        _load(add)


def test_reasoning_cites_the_statutory_rule_applied():
    s = suggest(TODAY_ITEMS["CG-015"], ["confessed"], "person")
    assert "依照《行政处罚法》第三十二条第三项，应当从轻或者减轻行政处罚。适用“从轻”阶次" in s.reasoning_text
    minor = suggest(TODAY_ITEMS["CG-023"], ["minor_violation", "corrected_in_time", "no_harm"], "org")
    assert "依照《行政处罚法》第三十三条第一款，不予行政处罚。" in minor.reasoning_text
    assert any("应当对当事人进行教育" in n for n in minor.notes)


def test_no_penalty_tier_is_taken_for_the_right_party_kind():
    s = suggest(TODAY_ITEMS["CG-015"], ["no_fault"], "org")
    assert s.tier.level == "不予处罚" and "org" in s.tier.party_kinds
