"""Party identifiers: GB 11643 ID numbers, GB 32100 credit codes, masking for publicity."""

from __future__ import annotations

from datetime import date

import pytest
from hypothesis import given
from hypothesis import strategies as st

from app.domain.identifiers import (
    CREDIT_ALPHABET,
    check_credit_code,
    check_resident_id,
    credit_code_check_char,
    is_legacy_registration_number,
    mask_address,
    mask_id_number,
    mask_phone,
    resident_id_check_char,
)
from app.errors import Invalid

TODAY = date(2026, 11, 28)


def test_standard_example_id_is_valid_and_normalises_lowercase_x():
    rid = check_resident_id("11010519491231002x", today=TODAY)
    assert rid.number == "11010519491231002X"
    assert rid.birth_date == date(1949, 12, 31)
    assert rid.sex == "女"
    assert rid.area_code == "110105"
    assert not rid.upgraded_from_15


def test_nineteenth_century_birth_is_accepted():
    rid = check_resident_id("440524188001010014", today=TODAY)
    assert rid.birth_date == date(1880, 1, 1)
    assert rid.sex == "男"


def test_wrong_check_digit_names_the_expected_one():
    with pytest.raises(Invalid, match="身份证号码校验位错误：应为 2，实为 4"):
        check_resident_id("510184199001011234", today=TODAY)


def test_full_width_digits_and_spaces_are_accepted():
    assert check_resident_id(" ５１０１８４ 19900101123２ ", today=TODAY).number == "510184199001011232"


def test_impossible_birth_date_is_refused():
    first17 = "51018419900230123"
    with pytest.raises(Invalid, match="出生日期 19900230 不是有效日期"):
        check_resident_id(first17 + resident_id_check_char(first17), today=TODAY)


def test_birth_date_in_the_future_is_refused():
    first17 = "51018420261201123"
    with pytest.raises(Invalid, match="晚于今天"):
        check_resident_id(first17 + resident_id_check_char(first17), today=TODAY)


def test_birth_today_is_accepted():
    first17 = "51018420261128123"
    assert check_resident_id(first17 + resident_id_check_char(first17), today=TODAY).birth_date == TODAY


@pytest.mark.parametrize("length", [17, 16, 19, 1])
def test_wrong_length_is_reported(length):
    with pytest.raises(Invalid, match=f"应为18位（或15位旧号码），实为 {length} 位"):
        check_resident_id("5" * length, today=TODAY)


def test_empty_id_is_refused():
    with pytest.raises(Invalid, match="不能为空"):
        check_resident_id("  ", today=TODAY)


def test_letter_inside_id_names_the_position():
    with pytest.raises(Invalid, match="第 5 位“A”应为数字"):
        check_resident_id("5101A4199001011232", today=TODAY)


@pytest.mark.parametrize("area", ["910184", "100000", "240101", "000000"])
def test_implausible_area_code_is_refused(area):
    first17 = area + "19900101123"
    with pytest.raises(Invalid, match=f"地区码 {area} 不存在（前两位 {area[:2]} 不是省级行政区划代码）"):
        check_resident_id(first17 + resident_id_check_char(first17), today=TODAY)


def test_fifteen_digit_number_is_upgraded():
    rid = check_resident_id("510184900101123", today=TODAY)
    assert rid.number == "510184199001011232"
    assert rid.upgraded_from_15
    assert rid.sex == "男"
    assert rid.birth_date == date(1990, 1, 1)


def test_fifteen_digit_number_with_bad_date_is_refused():
    with pytest.raises(Invalid, match="19901301"):
        check_resident_id("510184901301123", today=TODAY)


_PROVINCES = ["11", "12", "13", "14", "15", "21", "22", "23", "31", "32", "33", "34", "35", "36", "37",
              "41", "42", "43", "44", "45", "46", "50", "51", "52", "53", "54", "61", "62", "63", "64",
              "65", "71", "81", "82", "83"]
_valid_first17 = st.builds(
    lambda prov, rest, day, seq: f"{prov}{rest:04d}{day:%Y%m%d}{seq:03d}",
    st.sampled_from(_PROVINCES),
    st.integers(0, 9999),
    st.dates(date(1900, 1, 1), TODAY),
    st.integers(0, 999),
)


@given(_valid_first17)
def test_any_17_digits_with_computed_check_pass(first17):
    number = first17 + resident_id_check_char(first17)
    assert check_resident_id(number, today=TODAY).number == number


@given(_valid_first17, st.integers(0, 17), st.integers(1, 9))
def test_any_single_digit_change_fails(first17, pos, delta):
    number = first17 + resident_id_check_char(first17)
    if pos == 17:
        options = "0123456789X"
        new = options[(options.index(number[17]) + delta) % 11]
    else:
        new = str((int(number[pos]) + delta) % 10)
    changed = number[:pos] + new + number[pos + 1 :]
    with pytest.raises(Invalid):
        check_resident_id(changed, today=TODAY)


@pytest.mark.parametrize("code", ["91350100M000100Y43", "91110000600037341L", "12100000400000624D"])
def test_known_credit_codes_are_valid(code):
    assert check_credit_code(code).number == code


def test_credit_code_parts_are_described():
    cc = check_credit_code("91350100m000100y43")
    assert cc.number == "91350100M000100Y43"
    assert cc.registration_authority == "工商（市场监管）"
    assert cc.org_type == "企业"
    assert cc.area_code == "350100"
    assert cc.warnings == ()


def test_wrong_credit_check_char_names_the_expected_one():
    with pytest.raises(Invalid, match="应为 M，实为 1"):
        check_credit_code("911100001000013741")


def test_forbidden_letter_is_named_with_position():
    with pytest.raises(Invalid, match="第 10 位“O”不是允许的字符（代码中不使用 I、O、Z、S、V）"):
        check_credit_code("91350100MO00100Y43")


def test_letter_in_area_code_is_refused():
    first17 = "913501A0M000100Y4"
    with pytest.raises(Invalid, match="第 7 位“A”应为数字"):
        check_credit_code(first17 + credit_code_check_char(first17))


def test_wrong_credit_code_length():
    with pytest.raises(Invalid, match="应为18位，实为 17 位"):
        check_credit_code("91350100M000100Y4")


def test_inner_organisation_code_mismatch_only_warns():
    first17 = "91350100M000100Y5"
    cc = check_credit_code(first17 + credit_code_check_char(first17))
    assert len(cc.warnings) == 1
    assert "组织机构代码校验位应为 4，实为 5" in cc.warnings[0]


def test_unknown_registration_authority_warns():
    first17 = "B1350100M000100Y4"
    cc = check_credit_code(first17 + credit_code_check_char(first17))
    assert any("登记管理部门代码“B”" in w for w in cc.warnings)


_credit_first17 = st.builds(
    lambda a, b, area, rest: a + b + area + rest,
    st.sampled_from(CREDIT_ALPHABET),
    st.sampled_from(CREDIT_ALPHABET),
    st.integers(110000, 899999).map(str),
    st.text(CREDIT_ALPHABET, min_size=9, max_size=9),
)


@given(_credit_first17)
def test_any_credit_code_with_computed_check_passes(first17):
    code = first17 + credit_code_check_char(first17)
    assert check_credit_code(code).number == code


@given(_credit_first17, st.integers(0, 17), st.integers(1, 30))
def test_any_single_credit_character_change_fails(first17, pos, delta):
    code = first17 + credit_code_check_char(first17)
    new = CREDIT_ALPHABET[(CREDIT_ALPHABET.index(code[pos]) + delta) % 31]
    changed = code[:pos] + new + code[pos + 1 :]
    with pytest.raises(Invalid):
        check_credit_code(changed)


def test_legacy_registration_number_is_recognised():
    assert is_legacy_registration_number("510184600012345")
    assert not is_legacy_registration_number("91350100M000100Y43")
    assert not is_legacy_registration_number("51018460001234")


def test_masks_for_publicity():
    assert mask_id_number("510184199001011234") == "5101**********1234"
    assert mask_id_number("510184900101123") == "5101*******1123"
    assert mask_phone("13812345678") == "138****5678"
    assert mask_phone("028-82281234") == "028****1234"
    assert mask_phone("+86 138 1234 5678") == "138****5678"


@pytest.mark.parametrize(
    ("address", "masked"),
    [
        ("四川省崇州市崇阳街道永康东路123号", "四川省崇州市崇阳街道****"),
        ("崇州市白头镇五星村3组12号", "崇州市白头镇****"),
        ("成都市武侯区人民南路四段1号", "成都市武侯区****"),
        ("崇州市市场街5号", "崇州市****"),
        ("永康东路123号", "****"),
        ("四川省崇州市", "四川省崇州市"),
    ],
)
def test_address_is_kept_down_to_the_township(address, masked):
    assert mask_address(address) == masked
