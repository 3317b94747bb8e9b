"""The part of reportlab's Canvas API our renderer uses, drawn with a QPainter.

`app.documents.render.draw_document` (and the seal) then paint on a QPrinter exactly as they
write a PDF: same layout, same fonts (the very TrueType files, loaded into Qt), vector text, so
what reaches the printer is the issued document, and a PDF printer keeps its text searchable.
Coordinates stay reportlab's (points, origin bottom left); the painter's transform flips them.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

from PySide6.QtCore import QPointF, QRectF, Qt
from PySide6.QtGui import QColor, QFont, QFontDatabase, QPainter, QPainterPath, QPen, QTransform
from reportlab.pdfbase import pdfmetrics

from app.documents.layout import PAGE_H

_FONT_UNITS = 1000  # fonts are set at this pixel size and scaled down: sizes stay fractional
_families: dict[str, str] = {}


def qt_family(font_name: str) -> str:
    """The Qt family for a reportlab-registered TrueType font, loading its file into Qt once."""
    family = _families.get(font_name)
    if family is not None:
        return family
    face = pdfmetrics.getFont(font_name).face
    wanted = face.familyName.decode("utf-8", "replace") if isinstance(face.familyName, bytes) \
        else str(face.familyName)
    font_id = QFontDatabase.addApplicationFont(face.filename)
    families = QFontDatabase.applicationFontFamilies(font_id) if font_id >= 0 else []
    family = wanted if wanted in families else (families[0] if families else wanted)
    _families[font_name] = family
    return family


class _Path:
    def __init__(self) -> None:
        self.qpath = QPainterPath()

    def moveTo(self, x: float, y: float) -> None:  # noqa: N802 - reportlab's names
        self.qpath.moveTo(x, y)

    def lineTo(self, x: float, y: float) -> None:  # noqa: N802
        self.qpath.lineTo(x, y)

    def close(self) -> None:
        self.qpath.closeSubpath()

    def rect(self, x: float, y: float, w: float, h: float) -> None:
        self.qpath.addRect(QRectF(x, y, w, h))


class _Text:
    def __init__(self, x: float, y: float) -> None:
        self.x, self.y = x, y
        self.char_space = 0.0
        self.font = ("", 10.0)
        self.runs: list[tuple[str, float, float, str, float]] = []

    def setCharSpace(self, cs: float) -> None:  # noqa: N802
        self.char_space = cs

    def setFont(self, name: str, size: float) -> None:  # noqa: N802
        self.font = (name, size)

    def textOut(self, text: str) -> None:  # noqa: N802
        name, size = self.font
        self.runs.append((name, size, self.x, text, self.char_space))
        self.x += pdfmetrics.stringWidth(text, name, size) + self.char_space * len(text)


class QtCanvas:
    """Paint reportlab-style drawing calls on `painter`. `new_page` is called between pages
    (QPrinter.newPage); the last showPage() adds no blank page."""

    def __init__(self, painter: QPainter, *, dpi: float, new_page: Callable[[], Any] | None = None,
                 page_height: float = PAGE_H) -> None:
        self._p = painter
        self._dpi = dpi
        self._page_h = page_height
        self._new_page = new_page
        self._pending = False
        self.pages_started = 1
        self._fill = QColor(0, 0, 0)
        self._stroke = QColor(0, 0, 0)
        self._line_width = 1.0
        self._dash: list[float] | None = None
        self._font = ("", 10.0)
        self._stack: list[tuple[Any, ...]] = []
        self._fonts: dict[str, QFont] = {}
        painter.setRenderHint(QPainter.RenderHint.Antialiasing, True)
        painter.setRenderHint(QPainter.RenderHint.TextAntialiasing, True)
        self._reset_transform()

    def _reset_transform(self) -> None:
        s = self._dpi / 72.0
        self._p.setWorldTransform(QTransform(s, 0, 0, -s, 0, self._page_h * s))

    def _ensure_page(self) -> None:
        if self._pending:
            self._pending = False
            if self._new_page is not None:
                self._new_page()
            self.pages_started += 1
            self._reset_transform()

    # -- state ----------------------------------------------------------------------------
    def saveState(self) -> None:  # noqa: N802
        self._p.save()
        self._stack.append((QColor(self._fill), QColor(self._stroke), self._line_width, self._dash,
                            self._font))

    def restoreState(self) -> None:  # noqa: N802
        self._p.restore()
        self._fill, self._stroke, self._line_width, self._dash, self._font = self._stack.pop()

    def translate(self, dx: float, dy: float) -> None:
        self._p.translate(dx, dy)

    def rotate(self, degrees: float) -> None:
        self._p.rotate(degrees)

    def scale(self, sx: float, sy: float) -> None:
        self._p.scale(sx, sy)

    def setFillColor(self, color: Any) -> None:  # noqa: N802
        self._fill = QColor.fromRgbF(color.red, color.green, color.blue, self._fill.alphaF())

    def setStrokeColor(self, color: Any) -> None:  # noqa: N802
        self._stroke = QColor.fromRgbF(color.red, color.green, color.blue, self._stroke.alphaF())

    def setFillGray(self, gray: float) -> None:  # noqa: N802
        self._fill = QColor.fromRgbF(gray, gray, gray, self._fill.alphaF())

    def setStrokeGray(self, gray: float) -> None:  # noqa: N802
        self._stroke = QColor.fromRgbF(gray, gray, gray, self._stroke.alphaF())

    def setFillAlpha(self, alpha: float) -> None:  # noqa: N802
        self._fill.setAlphaF(alpha)

    def setStrokeAlpha(self, alpha: float) -> None:  # noqa: N802
        self._stroke.setAlphaF(alpha)

    def setLineWidth(self, width: float) -> None:  # noqa: N802
        self._line_width = width

    def setDash(self, on: float | None = None, off: float | None = None) -> None:  # noqa: N802
        self._dash = None if on is None else [on, off if off is not None else on]

    def setFont(self, name: str, size: float) -> None:  # noqa: N802
        self._font = (name, size)

    def stringWidth(self, text: str, name: str | None = None, size: float | None = None) -> float:  # noqa: N802
        return pdfmetrics.stringWidth(text, name or self._font[0], size or self._font[1])

    # -- drawing --------------------------------------------------------------------------
    def _pen(self, stroke: bool) -> None:
        if not stroke:
            self._p.setPen(Qt.PenStyle.NoPen)
            return
        pen = QPen(self._stroke, self._line_width)
        pen.setCapStyle(Qt.PenCapStyle.FlatCap)
        if self._dash:
            pen.setDashPattern([max(d / max(self._line_width, 0.01), 0.01) for d in self._dash])
        self._p.setPen(pen)

    def _brush(self, fill: bool) -> None:
        self._p.setBrush(self._fill if fill else Qt.BrushStyle.NoBrush)

    def line(self, x1: float, y1: float, x2: float, y2: float) -> None:
        self._ensure_page()
        self._pen(True)
        self._p.drawLine(QPointF(x1, y1), QPointF(x2, y2))

    def rect(self, x: float, y: float, w: float, h: float, stroke: int = 1, fill: int = 0) -> None:
        self._ensure_page()
        self._pen(bool(stroke))
        self._brush(bool(fill))
        self._p.drawRect(QRectF(x, y, w, h))

    def circle(self, x: float, y: float, r: float, stroke: int = 1, fill: int = 0) -> None:
        self._ensure_page()
        self._pen(bool(stroke))
        self._brush(bool(fill))
        self._p.drawEllipse(QPointF(x, y), r, r)

    def beginPath(self) -> _Path:  # noqa: N802
        return _Path()

    def drawPath(self, path: _Path, stroke: int = 1, fill: int = 0) -> None:  # noqa: N802
        self._ensure_page()
        self._pen(bool(stroke))
        self._brush(bool(fill))
        self._p.drawPath(path.qpath)

    def beginText(self, x: float = 0.0, y: float = 0.0) -> _Text:  # noqa: N802
        return _Text(x, y)

    def drawText(self, text: _Text) -> None:  # noqa: N802
        self._ensure_page()
        for name, size, x, run, cs in text.runs:
            self._run(name, size, x, text.y, run, cs)

    def drawString(self, x: float, y: float, text: str) -> None:  # noqa: N802
        self._ensure_page()
        self._run(self._font[0], self._font[1], x, y, text, 0.0)

    def drawCentredString(self, x: float, y: float, text: str) -> None:  # noqa: N802
        self.drawString(x - self.stringWidth(text) / 2, y, text)

    def _run(self, name: str, size: float, x: float, y: float, text: str, cs: float) -> None:
        """Each character at the position reportlab's metrics give it: Qt's own advances and
        letter spacing differ between paint engines (the PDF/printer engine applies them at
        device resolution), and the printed page must match the issued PDF exactly."""
        font = self._qfont(name)
        self._p.save()
        self._p.translate(x, y)
        self._p.scale(size / _FONT_UNITS, -size / _FONT_UNITS)
        self._p.setFont(font)
        self._p.setPen(QPen(self._fill))
        advance = 0.0
        unit = _FONT_UNITS / size
        for ch in text:
            self._p.drawText(QPointF(advance * unit, 0), ch)
            advance += pdfmetrics.stringWidth(ch, name, size) + cs
        self._p.restore()

    def _qfont(self, name: str) -> QFont:
        font = self._fonts.get(name)
        if font is None:
            font = QFont(qt_family(name))
            font.setPixelSize(_FONT_UNITS)
            font.setKerning(False)
            font.setHintingPreference(QFont.HintingPreference.PreferNoHinting)
            font.setStyleStrategy(QFont.StyleStrategy.NoFontMerging)
            self._fonts[name] = font
        return font

    def showPage(self) -> None:  # noqa: N802
        self._pending = True
