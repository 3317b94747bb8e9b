"""Page geometry (GB/T 9704 on A4), text measurement on the 22 × 28 grid, and the page flow.

Layout turns blocks into pages of drawing operations (plain tuples) before anything is drawn, so
the page count is known for "第 N 页 共 M 页", every character has passed the glyph check, and an
archive volume can draw many documents into one PDF. Coordinates are PDF points, origin bottom
left.

Ops:
  ("text", x, y, role, size, text, char_space)
  ("line", x1, y1, x2, y2, width, dashed)
  ("box", x, y, size, checked)             a checkbox, (x, y) its bottom-left corner
  ("seal", cx, cy)                          where the seal (or the hand-stamp box) goes
  ("footer", y)                             the per-page footer line of the template
"""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any

from reportlab.lib.pagesizes import A4
from reportlab.pdfbase.pdfmetrics import stringWidth

from app.documents.fonts import FontMap
from app.documents.linebreak import break_lines

MM = 72 / 25.4
PAGE_W, PAGE_H = A4
LEFT = 28 * MM
TOP = 37 * MM
BLOCK_W = 156 * MM
BLOCK_H = 225 * MM
GRID_LINES = 22
GRID_CHARS = 28
PITCH = BLOCK_H / GRID_LINES          # ≈ 28.99 pt, the body line pitch
BODY_SIZE = 16.0                      # 3号
TITLE_SIZE = 22.0                     # 2号
PAGE_NUMBER_SIZE = 14.0               # 4号
ADVANCE = BLOCK_W / GRID_CHARS / BODY_SIZE  # one full-width character = 0.987 em: 28 fill a line
BLOCK_TOP = PAGE_H - TOP
BLOCK_BOTTOM = BLOCK_TOP - BLOCK_H
RIGHT = LEFT + BLOCK_W


def char_space(size: float) -> float:
    """Tracking that puts full-width characters on the grid pitch at any size."""
    return size * (ADVANCE - 1.0)


class Typesetter:
    """Measures text in the role's face (with per-character fallback) and breaks it into lines."""

    def __init__(self, fonts: FontMap) -> None:
        self.fonts = fonts
        self._widths: dict[tuple[str, str, float], float] = {}

    def width(self, text: str, role: str, size: float, *, tracking: float | None = None) -> float:
        cs = char_space(size) if tracking is None else tracking
        key_cache = self._widths
        total = 0.0
        for font, run in self.fonts.runs(text, role):
            for ch in run:
                key = (font, ch, size)
                w = key_cache.get(key)
                if w is None:
                    w = stringWidth(ch, font, size)
                    key_cache[key] = w
                total += w + cs
        return total

    def lines(
        self, text: str, role: str, size: float, width: float, *, first_indent: float = 0.0
    ) -> list[tuple[str, bool]]:
        return break_lines(
            text, width, lambda unit: self.width(unit, role, size), first_indent=first_indent
        )


def baseline(top: float, leading: float, size: float) -> float:
    """Baseline that centres a CJK glyph (ascent ≈ .88 em, descent ≈ .12 em) in a line box."""
    return top - leading / 2 - size * 0.36


@dataclass
class Flow:
    """Places line boxes down the text block, starting a new page when one does not fit."""

    ts: Typesetter
    footer: bool = False
    pages: list[list[tuple[Any, ...]]] = field(default_factory=lambda: [[]])
    y: float = BLOCK_TOP
    # (op index, y before) where each line or table row of the current page began: lets
    # `carry_lines` move the last lines over so a closing block never stands alone on a page.
    marks: list[tuple[int, float]] = field(default_factory=list)

    @property
    def bottom(self) -> float:
        return BLOCK_BOTTOM + (PITCH if self.footer else 0.0)

    @property
    def ops(self) -> list[tuple[Any, ...]]:
        return self.pages[-1]

    def room(self) -> float:
        return self.y - self.bottom

    def new_page(self) -> None:
        self.pages.append([])
        self.y = BLOCK_TOP
        self.marks = []

    def mark(self) -> None:
        self.marks.append((len(self.ops), self.y))

    def carry_lines(self, count: int) -> None:
        """Start a new page carrying the last `count` lines (or rows) of this one along, so the
        next block does not stand alone (GB/T 9704: no page with only the seal and date)."""
        if len(self.marks) <= count:
            self.new_page()
            return
        start, y_before = self.marks[-count]
        moved = self.ops[start:]
        del self.ops[start:]
        dy = BLOCK_TOP - y_before
        y_end = self.y
        self.new_page()
        self.ops.extend(_shift(op, dy) for op in moved)
        self.y = y_end + dy

    def need(self, height: float) -> None:
        if self.y - height < self.bottom - 0.01 and self.y < BLOCK_TOP - 0.01:
            self.new_page()

    def at_page_top(self) -> bool:
        return self.y >= BLOCK_TOP - 0.01

    def text_line(
        self,
        text: str,
        *,
        role: str = "body",
        size: float = BODY_SIZE,
        leading: float = PITCH,
        x: float = LEFT,
        width: float = BLOCK_W,
        align: str = "left",
        justify: bool = False,
        right_space: float = 0.0,
    ) -> tuple[float, float]:
        """Place one line; return (x_start, baseline) of what was drawn."""
        self.need(leading)
        self.mark()
        y = baseline(self.y, leading, size)
        self.y -= leading
        return self.place(text, x=x, y=y, role=role, size=size, width=width, align=align,
                          justify=justify, right_space=right_space)

    def place(
        self,
        text: str,
        *,
        x: float,
        y: float,
        role: str,
        size: float,
        width: float,
        align: str = "left",
        justify: bool = False,
        right_space: float = 0.0,
    ) -> tuple[float, float]:
        cs = char_space(size)
        natural = self.ts.width(text, role, size)
        if justify and len(text) > 1 and natural < width:
            cs += (width - natural) / (len(text) - 1)
            natural = width
        if align == "center":
            x0 = x + (width - natural) / 2
        elif align == "right":
            x0 = x + width - natural - right_space
        else:
            x0 = x
        if text:
            self.ops.append(("text", x0, y, role, size, text, cs))
        return x0, y

    def paragraph(
        self,
        text: str,
        *,
        role: str = "body",
        size: float = BODY_SIZE,
        leading: float = PITCH,
        indent_chars: float = 2,
        hanging_chars: float = 0,
        align: str = "justify",
        x: float = LEFT,
        width: float = BLOCK_W,
    ) -> None:
        em = size * ADVANCE
        first = indent_chars * em
        hang = hanging_chars * em
        lines = self.ts.lines(text, role, size, width - hang, first_indent=first - hang)
        for n, (line, last) in enumerate(lines):
            starts_par = n == 0 or lines[n - 1][1]
            lx = x + (first if starts_par else hang)
            lw = width - (first if starts_par else hang)
            if align == "justify":
                self.text_line(line, role=role, size=size, leading=leading, x=lx, width=lw,
                               justify=not last)
            else:
                self.text_line(line, role=role, size=size, leading=leading, x=lx, width=lw,
                               align=align)


_Y_FIELDS = {"text": (2,), "line": (2, 4), "box": (2,), "seal": (2,), "footer": (1,)}


def _shift(op: tuple[Any, ...], dy: float) -> tuple[Any, ...]:
    items = list(op)
    for i in _Y_FIELDS.get(op[0], ()):
        items[i] += dy
    return tuple(items)
