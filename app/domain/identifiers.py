"""Party identifiers: citizen ID numbers (GB 11643), unified social credit codes (GB 32100), masking.

A wrong digit in an ID number puts a decision on the wrong person, so numbers are checked when typed;
the check only proves the number is well formed, not that it was issued.
"""

from __future__ import annotations

import re
import unicodedata
from dataclasses import dataclass
from datetime import date

from app.clock import china_today
from app.errors import Invalid

# ISO 7064 MOD 11-2: weight of position i (1-based) is 2^(18-i) mod 11.
_ID_WEIGHTS = (7, 9, 10, 5, 8, 4, 2, 1, 6, 3, 7, 9, 10, 5, 8, 4, 2)
_ID_CHECK_CHARS = "10X98765432"
# GB/T 2260 province-level codes; 71 is Taiwan, 81/82/83 the HK/Macao/Taiwan residence permits.
_PROVINCE_CODES = frozenset(
    "11 12 13 14 15 21 22 23 31 32 33 34 35 36 37 41 42 43 44 45 46 50 51 52 53 54 "
    "61 62 63 64 65 71 81 82 83".split()
)
# Birth years before this cannot belong to a living party; GB 11643 itself allows 18xx.
_EARLIEST_BIRTH_YEAR = 1800

CREDIT_ALPHABET = "0123456789ABCDEFGHJKLMNPQRTUWXY"
_CREDIT_VALUES = {c: i for i, c in enumerate(CREDIT_ALPHABET)}
_CREDIT_WEIGHTS = tuple(pow(3, i, 31) for i in range(17))
_ORG_WEIGHTS = (3, 7, 9, 10, 5, 8, 4, 2)

# GB 32100 appendix codes; descriptive only, an unknown code is a warning, not a refusal.
_REGISTRATION_AUTHORITIES = {
    "1": "机构编制",
    "2": "外交",
    "3": "司法行政",
    "4": "文化",
    "5": "民政",
    "6": "旅游",
    "7": "宗教",
    "8": "工会",
    "9": "工商（市场监管）",
    "A": "中央军委改革和编制办公室",
    "N": "农业",
    "Y": "其他",
}
_ORG_TYPES = {
    "1": {"1": "机关", "2": "事业单位", "3": "群众团体", "9": "其他"},
    "5": {"1": "社会团体", "2": "民办非企业单位", "3": "基金会", "9": "其他"},
    "9": {"1": "企业", "2": "个体工商户", "3": "农民专业合作社"},
}


@dataclass(frozen=True)
class ResidentId:
    number: str  # always 18 characters, check character 'X' upper-case
    birth_date: date
    sex: str  # '男' or '女'
    area_code: str
    upgraded_from_15: bool


@dataclass(frozen=True)
class CreditCode:
    number: str
    registration_authority: str
    org_type: str
    area_code: str
    warnings: tuple[str, ...] = ()


def _clean(text: str) -> str:
    # Clerks paste numbers from Word or WeChat: full-width digits and stray spaces are common.
    return re.sub(r"[\s\-]", "", unicodedata.normalize("NFKC", text or "")).upper()


def resident_id_check_char(first17: str) -> str:
    """The GB 11643 check character for 17 digits (no validation of the digits' meaning)."""
    total = sum(int(c) * w for c, w in zip(first17, _ID_WEIGHTS, strict=True))
    return _ID_CHECK_CHARS[total % 11]


def check_resident_id(text: str, *, today: date | None = None) -> ResidentId:
    """Validate a citizen ID number and return it normalised to 18 characters.

    15-digit numbers (issued before 1999) are upgraded the standard way. ``today`` bounds the birth
    date; it defaults to China's current date so a number born "tomorrow" is refused.
    """
    number = _clean(text)
    if not number:
        raise Invalid("身份证号码不能为空")
    if len(number) not in (15, 18):
        raise Invalid(f"身份证号码应为18位（或15位旧号码），实为 {len(number)} 位")
    digits_part = number if len(number) == 15 else number[:17]
    for pos, char in enumerate(digits_part, 1):
        if not char.isdigit():
            raise Invalid(f"身份证号码第 {pos} 位“{char}”应为数字")
    upgraded = len(number) == 15
    if upgraded:
        first17 = number[:6] + "19" + number[6:]
    else:
        first17 = number[:17]
        last = number[17]
        if not (last.isdigit() or last == "X"):
            raise Invalid(f"身份证号码第 18 位“{last}”应为数字或 X")
    area_code = first17[:6]
    if area_code[:2] not in _PROVINCE_CODES:
        raise Invalid(f"身份证号码前6位地区码 {area_code} 不存在（前两位 {area_code[:2]} 不是省级行政区划代码）")
    raw_date = first17[6:14]
    try:
        birth = date(int(raw_date[:4]), int(raw_date[4:6]), int(raw_date[6:]))
    except ValueError:
        raise Invalid(f"身份证号码中的出生日期 {raw_date} 不是有效日期") from None
    if birth.year < _EARLIEST_BIRTH_YEAR:
        raise Invalid(f"身份证号码中的出生日期 {raw_date} 早于{_EARLIEST_BIRTH_YEAR}年，不可能有效")
    limit = today or china_today()
    if birth > limit:
        raise Invalid(f"身份证号码中的出生日期 {raw_date} 晚于今天，不可能有效")
    check = resident_id_check_char(first17)
    if not upgraded and number[17] != check:
        raise Invalid(f"身份证号码校验位错误：应为 {check}，实为 {number[17]}")
    return ResidentId(
        number=first17 + check,
        birth_date=birth,
        sex="男" if int(first17[16]) % 2 else "女",
        area_code=area_code,
        upgraded_from_15=upgraded,
    )


def credit_code_check_char(first17: str) -> str:
    """The GB 32100 check character for the first 17 characters (all must be in the alphabet)."""
    total = sum(_CREDIT_VALUES[c] * w for c, w in zip(first17, _CREDIT_WEIGHTS, strict=True))
    return CREDIT_ALPHABET[(31 - total % 31) % 31]


def organization_code_check_char(first8: str) -> str:
    """GB 11714 check character of a 9-character organisation code (the credit code's pos 9–17)."""
    total = sum(_org_value(c) * w for c, w in zip(first8, _ORG_WEIGHTS, strict=True))
    value = 11 - total % 11
    return {10: "X", 11: "0"}.get(value, str(value))


def _org_value(char: str) -> int:
    return int(char) if char.isdigit() else ord(char) - ord("A") + 10


def check_credit_code(text: str) -> CreditCode:
    """Validate a unified social credit code (统一社会信用代码).

    The outer GB 32100 check is binding. The inner GB 11714 organisation-code check only warns:
    some registrars issued codes that do not follow it, and refusing those would block real parties.
    """
    code = _clean(text)
    if not code:
        raise Invalid("统一社会信用代码不能为空")
    if len(code) != 18:
        raise Invalid(f"统一社会信用代码应为18位，实为 {len(code)} 位")
    for pos, char in enumerate(code, 1):
        if char not in _CREDIT_VALUES:
            hint = "（代码中不使用 I、O、Z、S、V）" if char in "IOZSV" else ""
            raise Invalid(f"统一社会信用代码第 {pos} 位“{char}”不是允许的字符{hint}")
    area_code = code[2:8]
    for pos, char in enumerate(area_code, 3):
        if not char.isdigit():
            raise Invalid(f"统一社会信用代码第 {pos} 位“{char}”应为数字（第3至8位是行政区划码）")
    check = credit_code_check_char(code[:17])
    if code[17] != check:
        raise Invalid(f"统一社会信用代码校验位（第18位）错误：应为 {check}，实为 {code[17]}")

    warnings: list[str] = []
    authority = _REGISTRATION_AUTHORITIES.get(code[0])
    if authority is None:
        authority = f"未知（{code[0]}）"
        warnings.append(f"第1位登记管理部门代码“{code[0]}”不在国家标准列表中，请核对证照")
    types = _ORG_TYPES.get(code[0], {})
    org_type = types.get(code[1], f"类别代码 {code[1]}")
    if types and code[1] not in types:
        warnings.append(f"第2位机构类别代码“{code[1]}”不属于{authority}登记的类别，请核对证照")
    inner = organization_code_check_char(code[8:16])
    if code[16] != inner:
        warnings.append(
            f"第9至17位组织机构代码校验位应为 {inner}，实为 {code[16]}；"
            "部分登记机关赋码不遵循此规则，请与营业执照核对"
        )
    return CreditCode(
        number=code,
        registration_authority=authority,
        org_type=org_type,
        area_code=area_code,
        warnings=tuple(warnings),
    )


def is_legacy_registration_number(text: str) -> bool:
    """True for an old 15-digit 注册号 (pre-2016 licences). Not validated: its check rule varied."""
    return bool(re.fullmatch(r"\d{15}", _clean(text)))


def mask_id_number(text: str) -> str:
    """Hide the birth date and sequence for publicity: 5101**********1234."""
    value = _clean(text)
    if len(value) <= 8:
        return "*" * len(value)
    return value[:4] + "*" * (len(value) - 8) + value[-4:]


def mask_phone(text: str) -> str:
    """138****5678 for mobiles; for other numbers keep the first 3 and last 4 digits at most."""
    value = re.sub(r"[\s\-]", "", unicodedata.normalize("NFKC", text or ""))
    value = re.sub(r"^(\+86|0086)(?=1\d{10}$)", "", value)  # a country code would shift the mask
    if len(value) <= 4:
        return "*" * len(value)
    if len(value) < 8:
        return value[:1] + "*" * (len(value) - 3) + value[-2:]
    return value[:3] + "*" * (len(value) - 7) + value[-4:]


# Where the street-level part of an address begins; everything from here on is private.
_DETAIL_MARKERS = "路街巷弄号村组栋幢楼室苑院"
_ADMIN_SUFFIXES = ("街道", "自治区", "自治州", "地区", "省", "市", "州", "盟", "区", "县", "旗", "镇", "乡")
_MASK = "****"


def mask_address(text: str) -> str:
    """Keep the address only down to the district/county or township (街道/镇/乡) for publicity.

    An address without any recognisable administrative level is hidden entirely rather than
    risk publishing a house number.
    """
    value = (text or "").strip()
    keep = 0
    i = 0
    while i < len(value):
        suffix = next((s for s in _ADMIN_SUFFIXES if value.startswith(s, i)), None)
        if suffix is not None and not _is_false_admin(value, i, suffix):
            i += len(suffix)
            keep = i
            if suffix in ("街道", "镇", "乡"):
                break  # township level reached: nothing finer is published
            continue
        if value[i] in _DETAIL_MARKERS or value[i].isdigit() or "社区" == value[i : i + 2]:
            break
        i += 1
    if keep == len(value):
        return value
    return value[:keep] + _MASK


def _is_false_admin(value: str, i: int, suffix: str) -> bool:
    # 市场 (market), 区域 … and a bare suffix at the very start are names, not levels.
    following = value[i + len(suffix) : i + len(suffix) + 1]
    if suffix == "市" and following in ("场", "政"):
        return True
    if suffix == "区" and following == "域":
        return True
    return i == 0


# Kinds of party the rules distinguish (fine ceilings, hearing thresholds, benchmark tiers).
PARTY_KIND_LABELS = {"person": "公民", "org": "法人或者其他组织", "indiv_biz": "个体工商户"}


def check_party_kind(kind: str) -> str:
    if kind not in PARTY_KIND_LABELS:
        raise Invalid(f"当事人类型“{kind}”无效，应为：{'、'.join(PARTY_KIND_LABELS.values())}")
    return kind
