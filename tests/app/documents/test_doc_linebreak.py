"""The CJK line breaker: 禁则 at line starts and ends, numbers kept whole."""

from __future__ import annotations

from hypothesis import given
from hypothesis import strategies as st

from app.documents.linebreak import NO_LINE_END, NO_LINE_START, break_lines


def measure(unit: str) -> float:
    return sum(1.0 if ord(c) > 0x2000 else 0.5 for c in unit)


def test_closing_punctuation_never_starts_a_line():
    text = "一二三四五。六七八九十"
    lines = [line for line, _ in break_lines(text, 5, measure)]
    assert lines == ["一二三四", "五。六七八", "九十"]


def test_opening_bracket_never_ends_a_line():
    text = "一二三四（五六）"
    lines = [line for line, _ in break_lines(text, 5, measure)]
    assert lines[0] == "一二三四"
    assert lines[1].startswith("（")


def test_numbers_are_not_split():
    lines = [line for line, _ in break_lines("罚款人民币12345元", 7, measure)]
    assert all("12345" in line or not any(c.isdigit() for c in line) for line in lines)


def test_first_indent_and_paragraph_ends():
    lines = break_lines("一二三四五六\n七", 4, measure, first_indent=2)
    assert lines == [("一二", False), ("三四五六", True), ("七", True)]


_cjk = st.sampled_from(list("执法中队当事人罚款决定书") + list("。，、；：？！）」』（「『") + ["12", "ab"])


@given(st.lists(_cjk, min_size=1, max_size=120), st.integers(min_value=3, max_value=28))
def test_kinsoku_holds_and_nothing_is_lost(pieces, width):
    text = "".join(pieces)
    lines = break_lines(text, width, measure)
    assert "".join(line for line, _ in lines) == text
    for n, (line, _) in enumerate(lines):
        assert measure(line) <= width or len(line) <= 2
        if n > 0 and line and line[0] in NO_LINE_START:
            # allowed only when the previous line is nothing but forbidden characters
            prev = lines[n - 1][0]
            assert all(c in NO_LINE_START or c in NO_LINE_END for c in prev[1:])
        if n < len(lines) - 1 and line and line[-1] in NO_LINE_END:
            assert all(c in NO_LINE_START or c in NO_LINE_END for c in line[1:])
