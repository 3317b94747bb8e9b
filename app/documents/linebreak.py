"""A small CJK line breaker with the 禁则 (kinsoku) rule: no closing punctuation at a line start,
no opening bracket at a line end; Latin words and numbers are never split unless wider than a line.
Where a line offers no legal break, its closing punctuation hangs past the edge (标点悬挂).

It knows nothing about fonts: the caller passes `measure(unit) -> width`.
"""

from __future__ import annotations

from collections.abc import Callable

# May not begin a line (GB/T 15834 practice; 。，、；：？！）」』 are the brief's minimum).
NO_LINE_START = frozenset("。，、；：？！）」』】〕》〉”’．，…—～·%％‰℃,.;:?!)]}")
# May not end a line.
NO_LINE_END = frozenset("（「『【〔《〈“‘([{￥¥")
_WORD = frozenset("0123456789abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ.-_/@:+#&'")


def units(text: str) -> list[str]:
    """Breakable units: one CJK character, or one run of Latin letters/digits (a word or number)."""
    out: list[str] = []
    word: list[str] = []
    for ch in text:
        if ch in _WORD:
            word.append(ch)
            continue
        if word:
            out.append("".join(word))
            word = []
        out.append(ch)
    if word:
        out.append("".join(word))
    return out


def break_lines(
    text: str,
    width: float,
    measure: Callable[[str], float],
    *,
    first_indent: float = 0.0,
) -> list[tuple[str, bool]]:
    """Break `text` (paragraphs separated by newlines) into lines no wider than `width`.

    Returns (line, ends_paragraph) pairs; a justifying renderer stretches only lines that do not
    end a paragraph. `first_indent` narrows the first line of every paragraph.
    """
    lines: list[tuple[str, bool]] = []
    for paragraph in text.split("\n"):
        lines.extend(_break_paragraph(paragraph, width, measure, first_indent))
    return lines


def _break_paragraph(
    text: str, width: float, measure: Callable[[str], float], first_indent: float
) -> list[tuple[str, bool]]:
    parts = units(text)
    if not parts:
        return [("", True)]
    # A unit wider than a whole line (a long account number, a URL) is cut into characters.
    flat: list[str] = []
    for part in parts:
        if len(part) > 1 and measure(part) > width - first_indent:
            flat.extend(part)
        else:
            flat.append(part)
    parts = flat
    widths = [measure(p) for p in parts]
    out: list[tuple[str, bool]] = []
    i = 0
    n = len(parts)
    while i < n:
        avail = width - (first_indent if not out else 0.0)
        used = 0.0
        j = i
        while j < n and used + widths[j] <= avail + 0.01:
            used += widths[j]
            j += 1
        if j == i:
            j = i + 1  # nothing fits (a lone over-wide character): take it anyway
        if j < n:
            k = j
            # Pull characters down until the next line does not start with closing punctuation
            # and this line does not end with an opening bracket.
            while k > i + 1 and (parts[k][0] in NO_LINE_START or parts[k - 1][-1] in NO_LINE_END):
                k -= 1
            if k > i and not (parts[k][0] in NO_LINE_START or parts[k - 1][-1] in NO_LINE_END):
                j = k
            # No legal break on this line at all (an opening bracket glued to a number that
            # fills it, then 。): the closing punctuation hangs past the edge (标点悬挂) rather
            # than start the next line.
            while j < n and len(parts[j]) == 1 and parts[j] in NO_LINE_START:
                j += 1
        out.append(("".join(parts[i:j]), j >= n))
        i = j
    return out
