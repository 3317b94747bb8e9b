"""The CJK line breaker: 禁则 at line starts and ends, numbers kept whole."""

from __future__ import annotations

from hypothesis import given, settings
from hypothesis import strategies as st

from app.documents.linebreak import NO_LINE_END, NO_LINE_START, break_lines, units


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


def test_closing_punctuation_hangs_when_the_line_has_no_legal_break():
    """（ may not end a line and 。 may not start one; with a number filling the line between them
    there is no legal break, so 。 hangs past the edge (found by hypothesis)."""
    assert break_lines("（121212。", 4, measure) == [("（121212。", True)]
    assert break_lines("（121212。执法", 4, measure) == [("（121212。", False), ("执法", True)]


def _body(line: str) -> str:
    """A line without the closing punctuation hanging past its edge."""
    while len(line) > 1 and line[-1] in NO_LINE_START:
        line = line[:-1]
    return line


def test_first_indent_and_paragraph_ends():
    lines = break_lines("一二三四五六\n七", 4, measure, first_indent=2)
    assert lines == [("一二", False), ("三四五六", True), ("七", True)]


_cjk = st.sampled_from(list("执法中队当事人罚款决定书") + list("。，、；：？！）」』（「『") + ["12", "ab"])
_word = st.sampled_from(list("执法中队当事人罚款决定书") + ["12", "ab"])
_closing = st.sampled_from(list("。，、；：？！）」』"))
_opening = st.sampled_from(list("（「『"))


@settings(max_examples=300)
@given(st.lists(_cjk, min_size=1, max_size=120), st.integers(min_value=3, max_value=28))
def test_nothing_is_lost_and_lines_fit(pieces, width):
    text = "".join(pieces)
    lines = break_lines(text, width, measure)
    assert "".join(line for line, _ in lines) == text
    for line, _ in lines:
        body = _body(line)
        assert measure(body) <= width or len(units(body)) == 1


@settings(max_examples=300)
@given(st.lists(st.tuples(st.one_of(st.just(""), _opening), _word, st.one_of(st.just(""), _closing)),
                min_size=1, max_size=60),
       st.integers(min_value=4, max_value=28))
def test_kinsoku_holds_whenever_a_break_allows_it(groups, width):
    """Text where a word carries at most one opening and one closing mark: no line may start with
    closing punctuation (it hangs where no legal break exists) or end with an opening bracket."""
    text = "".join(o + w + c for o, w, c in groups)
    lines = break_lines(text, width, measure)
    assert "".join(line for line, _ in lines) == text
    for n, (line, _) in enumerate(lines):
        if n > 0:
            assert line[0] not in NO_LINE_START, lines
        if n < len(lines) - 1:
            assert line[-1] not in NO_LINE_END, lines
