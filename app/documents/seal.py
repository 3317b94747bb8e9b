"""The agency seal drawn in vector from its specification, or a dashed box for a hand stamp.

A spec (resources/seals/<id>.json, pushed by the county) gives the agency name for the top arc,
the centre figure (五角星, or an emblem placeholder), an optional horizontal line, the diameter
(42 or 45 mm, 国发〔1999〕25号) and the colour. The lettering is 宋体 (item 17). This draws the
approved *layout* of the seal for an electronic document; legally effective paper is normally
printed with the box and stamped by hand (DOMAIN §4.2), and the register records which.
"""

from __future__ import annotations

import json
import math
from dataclasses import dataclass
from functools import lru_cache
from pathlib import Path

from reportlab.lib.colors import HexColor
from reportlab.pdfgen.canvas import Canvas

from app.documents.fonts import FontMap
from app.errors import Invalid, NotFound

SEALS_DIR = Path(__file__).resolve().parents[2] / "resources" / "seals"
MM = 72 / 25.4


@dataclass(frozen=True)
class SealSpec:
    id: str
    name: str                     # the agency name on the top arc
    diameter_mm: float = 42.0
    border_mm: float = 1.0
    centre: str = "star"          # "star" or "emblem" (a placeholder circle: use the real image)
    horizontal: str = ""          # optional horizontal text under the centre figure
    code: str = ""                # optional 防伪码 on the lower arc
    color: str = "#E60012"
    arc_degrees: float = 250.0

    @classmethod
    def from_dict(cls, raw: dict) -> "SealSpec":
        try:
            spec = cls(**raw)
        except TypeError as exc:
            raise Invalid(f"印章规格格式错误：{exc}") from exc
        if spec.diameter_mm not in (42.0, 45.0) and not 35 <= spec.diameter_mm <= 45:
            raise Invalid(f"印章直径 {spec.diameter_mm} 毫米不符合规定（应为 42 或 45 毫米）。")
        if not spec.name:
            raise Invalid("印章规格缺少机关名称。")
        return spec


@lru_cache(maxsize=None)
def load_seal(seal_id: str, root: Path = SEALS_DIR) -> SealSpec:
    path = root / f"{seal_id}.json"
    if not path.is_file():
        raise NotFound(f"没有编号为 {seal_id} 的印章规格。")
    return SealSpec.from_dict(json.loads(path.read_text(encoding="utf-8")))


def _star(c: Canvas, cx: float, cy: float, r: float) -> None:
    path = c.beginPath()
    for i in range(10):
        radius = r if i % 2 == 0 else r * 0.382
        angle = math.pi / 2 + i * math.pi / 5
        x, y = cx + radius * math.cos(angle), cy + radius * math.sin(angle)
        if i == 0:
            path.moveTo(x, y)
        else:
            path.lineTo(x, y)
    path.close()
    c.drawPath(path, stroke=0, fill=1)


def _draw_chars(c: Canvas, fonts: FontMap, text: str, *, cx: float, cy: float, size: float,
                radius: float, start: float, end: float, outward: bool) -> None:
    """Characters spread from angle `start` to `end` (degrees), upright toward the rim."""
    chars = [(font, ch) for font, run in fonts.runs(text, "song") for ch in run]
    if not chars:
        return
    step = (end - start) / (len(chars) - 1) if len(chars) > 1 else 0.0
    for n, (font, ch) in enumerate(chars):
        angle = start + n * step
        c.saveState()
        c.translate(cx, cy)
        c.rotate(angle - 90 if outward else angle + 90)
        c.setFont(font, size)
        if outward:
            c.drawCentredString(0, radius - size * 0.85, ch)
        else:
            c.drawCentredString(0, -radius, ch)
        c.restoreState()


def _centred(c: Canvas, fonts: FontMap, text: str, cx: float, y: float, size: float) -> None:
    runs = fonts.runs(text, "song")
    widths = [c.stringWidth(run, font, size) for font, run in runs]
    x = cx - sum(widths) / 2
    for (font, run), w in zip(runs, widths):
        c.setFont(font, size)
        c.drawString(x, y, run)
        x += w


def draw_seal(c: Canvas, spec: SealSpec, fonts: FontMap, cx: float, cy: float) -> None:
    """Draw the seal centred at (cx, cy)."""
    radius = spec.diameter_mm * MM / 2
    border = spec.border_mm * MM
    colour = HexColor(spec.color)
    c.saveState()
    c.setFillColor(colour)
    c.setStrokeColor(colour)
    c.setFillAlpha(0.85)
    c.setStrokeAlpha(0.85)
    c.setLineWidth(border)
    c.circle(cx, cy, radius - border / 2, stroke=1, fill=0)
    if spec.centre == "emblem":
        c.circle(cx, cy, radius * 0.28, stroke=1, fill=0)
    else:
        _star(c, cx, cy, radius * 0.3)
    n = max(len(spec.name), 1)
    size = min(radius * 0.36, 2 * math.pi * radius * 0.62 * spec.arc_degrees / 360 / n)
    half = spec.arc_degrees / 2
    _draw_chars(c, fonts, spec.name, cx=cx, cy=cy, size=size, radius=radius - border - 2,
                start=90 + half - half / n, end=90 - half + half / n, outward=True)
    if spec.horizontal:
        # Inside the ring below the star: the chord there is ~1.3 r wide, keep a margin.
        hsize = min(radius * 0.2, radius * 1.05 / max(len(spec.horizontal), 1))
        _centred(c, fonts, spec.horizontal, cx, cy - radius * 0.5, hsize)
    if spec.code:
        csize = radius * 0.12
        _centred(c, fonts, spec.code, cx, cy - radius + border + csize * 1.5, csize)
    c.restoreState()


def draw_seal_box(c: Canvas, fonts: FontMap, cx: float, cy: float, diameter_mm: float = 42.0) -> None:
    """A dashed circle marking where the hand stamp goes, labelled （印章）."""
    radius = diameter_mm * MM / 2
    c.saveState()
    c.setStrokeGray(0.55)
    c.setFillGray(0.55)
    c.setLineWidth(0.6)
    c.setDash(3, 3)
    c.circle(cx, cy, radius, stroke=1, fill=0)
    _centred(c, fonts, "（印章）", cx, cy + radius - 16, 10.5)
    c.restoreState()
