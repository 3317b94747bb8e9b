"""Money as integer fen (分): display, parsing, 人民币大写, the Art. 72 late surcharge, and the
amount limits of the simple procedure and on-the-spot collection.

Floats never touch money: a fine typed as "0.1" must be exactly 10 fen, and a 大写 amount printed on
a decision must agree with the figures to the fen.
"""

from __future__ import annotations

import re
import unicodedata
from decimal import Decimal, InvalidOperation

from app.domain.identifiers import check_party_kind
from app.errors import Invalid

FEN_PER_YUAN = 100
LATE_SURCHARGE_PERCENT_PER_DAY = 3  # 《行政处罚法》第七十二条第一款第一项
SIMPLE_PROCEDURE_MAX_FEN = {"person": 200_00, "org": 3_000_00, "indiv_biz": 3_000_00}  # Art. 51
ON_THE_SPOT_COLLECTION_MAX_FEN = 100_00  # Art. 68(1)
# 1 万亿 yuan: far beyond any fine, and the 大写 units below run out there.
MAX_FEN = 10**12 * FEN_PER_YUAN - 1

_DIGITS = "零壹贰叁肆伍陆柒捌玖"
_PLACES = ("", "拾", "佰", "仟")
_SECTIONS = ("", "万", "亿")


def yuan(fen: int) -> str:
    """1,200.00元 — the form used in lists and on documents next to the 大写."""
    sign = "-" if fen < 0 else ""
    whole, cents = divmod(abs(fen), FEN_PER_YUAN)
    return f"{sign}{whole:,}.{cents:02d}元"


def parse_yuan(text: str) -> int:
    """Read an amount in yuan typed by the clerk ("1200", "1,200.5", "￥1200元") as fen."""
    raw = unicodedata.normalize("NFKC", text or "").strip()
    if not raw:
        raise Invalid("金额不能为空")
    cleaned = re.sub(r"^(人民币|RMB|CNY|¥|￥)\s*", "", raw, flags=re.IGNORECASE)
    cleaned = re.sub(r"\s*元$", "", cleaned).replace(",", "").replace(" ", "")
    if cleaned.startswith("-"):
        raise Invalid(f"金额不能为负数：{raw}")
    if not re.fullmatch(r"\d+(\.\d*)?|\.\d+", cleaned):
        raise Invalid(f"无法识别的金额：“{raw}”，请只填写数字，如 1200 或 1200.50")
    try:
        amount = Decimal(cleaned)
    except InvalidOperation:
        raise Invalid(f"无法识别的金额：“{raw}”") from None
    if amount.as_tuple().exponent < -2 and amount != amount.quantize(Decimal("0.01")):
        raise Invalid(f"金额最多保留两位小数（到分）：{raw}")
    fen = int(amount * FEN_PER_YUAN)
    if fen > MAX_FEN:
        raise Invalid(f"金额过大：{raw}")
    return fen


def to_chinese_uppercase(fen: int) -> str:
    """人民币大写 per 《正确填写票据和结算凭证的基本规定》 (the caller prints "人民币" before it).

    Where that rule leaves a choice, one convention is used throughout: the zeros at the end of a
    four-digit section (万位, 元位) are not written, any other run of zeros is one 零 (壹拾万柒仟元,
    壹拾万零柒佰元, 壹仟陆佰捌拾元叁角贰分); 零 is mandatory between 元 and 分 when 角 is zero
    (叁佰贰拾伍元零肆分); 拾 always carries its digit (壹拾元整); 整 follows 元 only — after 角 it
    is optional and left out, after 分 it is not allowed.
    """
    if fen < 0:
        raise Invalid(f"金额不能为负数：{yuan(fen)}")
    if fen > MAX_FEN:
        raise Invalid(f"金额过大，无法写成大写：{yuan(fen)}")
    whole, cents = divmod(fen, FEN_PER_YUAN)
    jiao, fen_digit = divmod(cents, 10)
    if fen == 0:
        return "零元整"
    out = _integer_uppercase(whole) + "元" if whole else ""
    if jiao:
        out += _DIGITS[jiao] + "角"
    elif fen_digit and whole:
        out += "零"
    if fen_digit:
        out += _DIGITS[fen_digit] + "分"
    elif not jiao:
        out += "整"
    return out


def _integer_uppercase(number: int) -> str:
    sections: list[int] = []
    while number:
        number, rest = divmod(number, 10_000)
        sections.append(rest)
    parts: list[str] = []
    pending_zero = False
    for index in range(len(sections) - 1, -1, -1):
        section = sections[index]
        if section == 0:
            pending_zero = bool(parts)
            continue
        # A section below the leading one that lacks its 仟 digit needs a 零 before it (壹万零伍佰).
        if parts and (pending_zero or section < 1000):
            parts.append("零")
        parts.append(_section_uppercase(section) + _SECTIONS[index])
        pending_zero = False
    return "".join(parts)


def _section_uppercase(section: int) -> str:
    digits = f"{section:04d}"
    out: list[str] = []
    zero_run = False
    started = False
    for place, char in zip((3, 2, 1, 0), digits):
        if char == "0":
            zero_run = started
            continue
        if zero_run:
            out.append("零")
        out.append(_DIGITS[int(char)] + _PLACES[place])
        zero_run = False
        started = True
    return "".join(out)


def late_surcharge(fine_fen: int, days_late: int) -> int:
    """Art. 72(1): 3% of the fine per day late, never more than the fine (reached on day 34).

    Fractions of a fen are dropped, in the party's favour. Days spent in 复议 or 诉讼 are not late
    (Art. 73); the caller leaves them out of ``days_late``.
    """
    if fine_fen < 0:
        raise Invalid(f"罚款金额不能为负数：{yuan(fine_fen)}")
    if days_late < 0:
        raise Invalid(f"逾期天数不能为负数：{days_late}")
    return min(fine_fen * LATE_SURCHARGE_PERCENT_PER_DAY * days_late // 100, fine_fen)


def simple_procedure_allowed(party_kind: str, fine_fen: int | None) -> bool:
    """Art. 51: on-the-spot decisions only for a warning (``fine_fen`` None or 0), a fine up to 200
    yuan for a citizen, or up to 3,000 yuan for a legal person or other organisation.

    个体工商户 take the organisation ceiling here, as the squad's practice has it; whether a 个体工商户
    counts as 公民 under Art. 51 is disputed, so change ``SIMPLE_PROCEDURE_MAX_FEN`` if the county
    rules otherwise.
    """
    check_party_kind(party_kind)
    if not fine_fen:
        return True
    if fine_fen < 0:
        raise Invalid(f"罚款金额不能为负数：{yuan(fine_fen)}")
    return fine_fen <= SIMPLE_PROCEDURE_MAX_FEN[party_kind]


def check_simple_procedure(party_kind: str, fine_fen: int | None) -> None:
    if not simple_procedure_allowed(party_kind, fine_fen):
        limit = SIMPLE_PROCEDURE_MAX_FEN[party_kind]
        who = "公民" if party_kind == "person" else "法人、其他组织或个体工商户"
        raise Invalid(
            f"罚款 {yuan(fine_fen or 0)} 超过简易程序对{who}的上限 {yuan(limit)}（《行政处罚法》第五十一条），"
            "应适用普通程序"
        )


def on_the_spot_collection_allowed(
    fine_fen: int, hard_to_collect: bool, *, remote_area_request: bool = False
) -> bool:
    """Art. 68: officers may collect on the spot only a fine of 100 yuan or less, or one that would
    be hard to enforce afterwards; Art. 69 adds remote areas at the party's request. Only ever for
    a simple-procedure decision — the caller checks that."""
    if fine_fen < 0:
        raise Invalid(f"罚款金额不能为负数：{yuan(fine_fen)}")
    return fine_fen <= ON_THE_SPOT_COLLECTION_MAX_FEN or hard_to_collect or remote_area_request
