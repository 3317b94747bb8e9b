"""Money in fen: display, parsing, 人民币大写 zero rules, late surcharge, simple-procedure limits."""

from __future__ import annotations

import pytest
from hypothesis import given
from hypothesis import strategies as st

from app.domain.money import (
    MAX_FEN,
    check_simple_procedure,
    late_surcharge,
    on_the_spot_collection_allowed,
    parse_yuan,
    simple_procedure_allowed,
    to_chinese_uppercase,
    yuan,
)
from app.errors import Invalid


def test_yuan_formats_with_thousands_separator():
    assert yuan(120000) == "1,200.00元"
    assert yuan(5) == "0.05元"
    assert yuan(123456789) == "1,234,567.89元"
    assert yuan(-150) == "-1.50元"


@pytest.mark.parametrize(
    ("text", "fen"),
    [("1200", 120000), ("1,200.5", 120050), ("￥1200元", 120000), ("人民币 300.05", 30005),
     ("０.１", 10), (".5", 50), ("1.230", 123), (" 200 元 ", 20000)],
)
def test_parse_yuan_accepts_what_clerks_type(text, fen):
    assert parse_yuan(text) == fen


def test_parse_yuan_refuses_negatives_fractions_of_fen_and_garbage():
    with pytest.raises(Invalid, match="金额不能为负数：-5"):
        parse_yuan("-5")
    with pytest.raises(Invalid, match="最多保留两位小数"):
        parse_yuan("1.234")
    with pytest.raises(Invalid, match="无法识别的金额：“一千元”"):
        parse_yuan("一千元")
    with pytest.raises(Invalid, match="无法识别"):
        parse_yuan("1.2.3")
    with pytest.raises(Invalid, match="不能为空"):
        parse_yuan("  ")


@pytest.mark.parametrize(
    ("fen", "text"),
    [
        (0, "零元整"),
        (120000, "壹仟贰佰元整"),
        (30550, "叁佰零伍元伍角"),
        (140950, "壹仟肆佰零玖元伍角"),  # PBOC example ￥1409.50
        (600714, "陆仟零柒元壹角肆分"),  # ￥6007.14
        (168032, "壹仟陆佰捌拾元叁角贰分"),  # ￥1680.32
        (10700053, "壹拾万柒仟元伍角叁分"),  # ￥107000.53
        (1640902, "壹万陆仟肆佰零玖元零贰分"),  # ￥16409.02
        (32504, "叁佰贰拾伍元零肆分"),  # ￥325.04
        (1000, "壹拾元整"),
        (1500, "壹拾伍元整"),
        (50, "伍角"),
        (2, "贰分"),
        (52, "伍角贰分"),
        (10002, "壹佰元零贰分"),
        (1007000, "壹万零柒拾元整"),
        (10070000, "壹拾万零柒佰元整"),
        (100000000, "壹佰万元整"),
        (10000000100, "壹亿零壹元整"),
        (10000700000, "壹亿零柒仟元整"),
        (10010000000, "壹亿零壹拾万元整"),
        (2000000000000, "贰佰亿元整"),
    ],
)
def test_chinese_uppercase(fen, text):
    assert to_chinese_uppercase(fen) == text


def test_chinese_uppercase_refuses_negative_and_huge():
    with pytest.raises(Invalid, match="不能为负数"):
        to_chinese_uppercase(-1)
    with pytest.raises(Invalid, match="金额过大"):
        to_chinese_uppercase(MAX_FEN + 1)


_VALUE = {c: i for i, c in enumerate("零壹贰叁肆伍陆柒捌玖")}
_PLACE = {"拾": 10, "佰": 100, "仟": 1000}


def _read_back(text: str) -> int:
    """Independent reader of 大写 amounts, to check the writer by round trip."""
    total = section = digit = 0
    fen = 0
    for char in text:
        if char in _VALUE:
            digit = _VALUE[char]
        elif char in _PLACE:
            section += digit * _PLACE[char]
            digit = 0
        elif char in ("万", "亿"):
            unit = 10_000 if char == "万" else 100_000_000
            total = (total + section + digit) * unit if char == "亿" else total + (section + digit) * unit
            section = digit = 0
        elif char == "元":
            total += section + digit
            section = digit = 0
        elif char == "角":
            fen += digit * 10
            digit = 0
        elif char == "分":
            fen += digit
            digit = 0
    return total * 100 + fen


@given(st.integers(0, MAX_FEN))
def test_uppercase_round_trips_and_obeys_zero_rules(fen):
    text = to_chinese_uppercase(fen)
    assert _read_back(text) == fen
    assert "零零" not in text
    assert text.endswith("整") == (fen % 100 == 0)
    if fen:
        assert not text.startswith("零") and "零元" not in text and "零万" not in text and "零亿" not in text
        assert not text.startswith("拾")
    if fen % 100 and fen // 100:
        assert ("零" in text.split("元")[1]) == (fen % 100 < 10)


def test_late_surcharge_is_three_percent_a_day_capped_on_day_34():
    fine = 100000
    assert late_surcharge(fine, 0) == 0
    assert late_surcharge(fine, 1) == 3000
    assert late_surcharge(fine, 33) == 99000
    assert late_surcharge(fine, 34) == fine
    assert late_surcharge(fine, 400) == fine
    assert late_surcharge(133, 1) == 3  # 3.99 fen: the fraction is dropped
    with pytest.raises(Invalid, match="逾期天数不能为负数"):
        late_surcharge(fine, -1)


@given(st.integers(0, 10**9), st.integers(0, 1000))
def test_late_surcharge_never_exceeds_the_fine(fine, days):
    assert 0 <= late_surcharge(fine, days) <= fine


def test_simple_procedure_limits():
    assert simple_procedure_allowed("person", 20000)
    assert not simple_procedure_allowed("person", 20001)
    assert simple_procedure_allowed("org", 300000)
    assert not simple_procedure_allowed("org", 300001)
    assert simple_procedure_allowed("indiv_biz", 300000)
    assert simple_procedure_allowed("person", None)  # warning only
    assert simple_procedure_allowed("person", 0)
    with pytest.raises(Invalid, match="超过简易程序对公民的上限 200.00元"):
        check_simple_procedure("person", 50000)
    with pytest.raises(Invalid, match="当事人类型“company”无效"):
        simple_procedure_allowed("company", 100)


def test_on_the_spot_collection():
    assert on_the_spot_collection_allowed(10000, False)
    assert not on_the_spot_collection_allowed(10001, False)
    assert on_the_spot_collection_allowed(20000, True)
    assert on_the_spot_collection_allowed(20000, False, remote_area_request=True)
