"""The one renderer: any template + a plain context → a deterministic A4 PDF in the unified format.

Pure: the same template, context, id, number, issue date and seal mode give byte-identical PDF
bytes (reportlab invariant mode, creation date = the issue date, PDF /ID from the document id),
so hashes are stable and tests can compare bytes. Refuses (``Invalid``) before drawing anything
when a required field is empty (listing every one in Chinese) or a character cannot be printed.
"""

from __future__ import annotations

import calendar
import hashlib
import io
import json
import time
from dataclasses import dataclass
from datetime import date
from typing import Any

import qrcode
from qrcode.constants import ERROR_CORRECT_M
from reportlab import rl_config
from reportlab.lib.utils import TimeStamp
from reportlab.pdfbase.pdfdoc import DummyDoc, PDFText
from reportlab.pdfgen.canvas import Canvas

from app.clock import format_cn_date
from app.documents.blocks import layout_blocks
from app.documents.fonts import FontMap, default_font_map
from app.documents.layout import (
    ADVANCE,
    BLOCK_BOTTOM,
    BODY_SIZE,
    LEFT,
    MM,
    PAGE_H,
    PAGE_NUMBER_SIZE,
    PAGE_W,
    PITCH,
    RIGHT,
    Flow,
    Typesetter,
    baseline,
)
from app.documents.seal import SealSpec, draw_seal, draw_seal_box
from app.documents.templates import Template, fill, require_complete
from app.settings import Preferences

SEAL_MODES = ("none", "box", "electronic")
QR_SIZE = 16 * MM


@dataclass(frozen=True)
class LaidOut:
    """A document laid out into pages of drawing ops, ready to draw into any canvas."""

    template: Template
    ctx: dict[str, Any]
    pages: list[list[tuple[Any, ...]]]
    doc_id: str
    number: str
    issue_date: date
    payload_digest: str
    verify_url: str

    @property
    def qr_text(self) -> str:
        return f"{self.verify_url}?id={self.doc_id}&h={self.payload_digest[:16]}"

    @property
    def display_title(self) -> str:
        return f"{self.template.title} {self.number}".strip()


@dataclass(frozen=True)
class Rendered:
    pdf: bytes
    sha256: str
    pages: int
    payload_digest: str
    doc_id: str
    number: str


def officers_text(officers: list[dict[str, str]]) -> str:
    """张三（执法证号：51018400123）、李四（执法证号：…）: every officer with the certificate number."""
    return "、".join(f"{o['name']}（执法证号：{o['cert_no']}）" for o in officers)


def build_context(
    template: Template,
    context: dict[str, Any],
    *,
    prefs: Preferences,
    number: str,
    issue_date: date,
) -> dict[str, Any]:
    """Deployment facts (agency, review body, bank…) under the caller's context, plus derived
    fields. The caller's values win: a case may name another court or bank."""
    ctx: dict[str, Any] = {
        "agency": prefs.issuing_authority,
        "squad_name": prefs.squad_name,
        "review_body": prefs.review_body,
        "court": prefs.court,
        "payment_bank": prefs.payment_bank,
        "payment_account": prefs.payment_account,
        "number": number,
        "issue_date": format_cn_date(issue_date),
    }
    ctx.update({k: _clean(v) for k, v in context.items() if v is not None})
    if context.get("officers"):
        ctx.setdefault("officers_text", officers_text(context["officers"]))
    return ctx


_CONTROL = {c: None for c in range(32) if c not in (9, 10, 13)}
_CONTROL.update({9: "\u3000", 13: None, 0x7F: None})


def _clean(value: Any) -> Any:
    """Text as typed or pasted: tabs become an ideographic space, CR and other control
    characters go (a font has no glyph for them; reportlab would print a box)."""
    if isinstance(value, str):
        return value.replace("\r\n", "\n").translate(_CONTROL)
    if isinstance(value, list):
        return [_clean(v) for v in value]
    if isinstance(value, dict):
        return {k: _clean(v) for k, v in value.items()}
    return value


def payload_digest(template: Template, ctx: dict[str, Any], *, doc_id: str) -> str:
    """SHA-256 of the canonical content: what the QR code vouches for."""
    payload = {"template": template.key, "doc_id": doc_id, "context": ctx}
    raw = json.dumps(payload, ensure_ascii=False, sort_keys=True, separators=(",", ":"), default=str)
    return hashlib.sha256(raw.encode("utf-8")).hexdigest()


def layout_document(
    template: Template,
    context: dict[str, Any],
    *,
    doc_id: str,
    issue_date: date,
    number: str = "",
    prefs: Preferences | None = None,
    fonts: FontMap | None = None,
) -> LaidOut:
    prefs = prefs or Preferences()
    fonts = fonts or default_font_map()
    ctx = build_context(template, context, prefs=prefs, number=number, issue_date=issue_date)
    require_complete(template, ctx)
    flow = Flow(Typesetter(fonts), footer=bool(template.page_footer))
    layout_blocks(flow, template.blocks, ctx)
    if not flow.pages[-1] and len(flow.pages) > 1:
        flow.pages.pop()
    if template.page_footer:
        fonts.check(template.page_footer, "body")
    digest = payload_digest(template, ctx, doc_id=doc_id)
    return LaidOut(template=template, ctx=ctx, pages=flow.pages, doc_id=doc_id, number=number,
                   issue_date=issue_date, payload_digest=digest, verify_url=prefs.verify_url)


def new_canvas(buf: io.BytesIO, *, fonts: FontMap, title: str, author: str, subject: str,
               keywords: str, issue_date: date, doc_id: str) -> Canvas:
    """A canvas whose metadata depends only on its arguments (no clock, no random id)."""
    # Binary (Flate only) streams: ASCII85 on top adds a quarter to every page stream and costs
    # CPU, and nothing here needs 7-bit-clean PDF. A process-wide reportlab setting, harmless to
    # other reportlab users.
    rl_config.useA85 = 0
    c = Canvas(buf, pagesize=(PAGE_W, PAGE_H), invariant=1, pageCompression=1,
               initialFontName=fonts.font("body"), initialFontSize=BODY_SIZE)
    stamp = TimeStamp(invariant=True)
    # Midnight of the issue date in China time, written as UTC.
    t = calendar.timegm((issue_date.year, issue_date.month, issue_date.day, 0, 0, 0)) - 8 * 3600
    stamp.t = t
    stamp.lt = time.gmtime(t)
    stamp.YMDhms = tuple(stamp.lt)[:6]
    c._doc._timeStamp = stamp
    ident = PDFText(hashlib.md5(doc_id.encode("utf-8")).digest(), enc="raw").format(DummyDoc())
    c._doc._ID = b"\n[" + ident + ident + b"]\n"
    c.setTitle(title)
    c.setAuthor(author)
    c.setSubject(subject)
    c.setKeywords(keywords)
    c.setCreator("squaddesk")
    c.setProducer("squaddesk")
    return c


def draw_text(c: Canvas, fonts: FontMap, x: float, y: float, role: str, size: float, text: str,
              cs: float) -> None:
    obj = c.beginText(x, y)
    obj.setCharSpace(cs)
    for font, run in fonts.runs(text, role):
        obj.setFont(font, size)
        obj.textOut(run)
    c.drawText(obj)


def _draw_box(c: Canvas, x: float, y: float, size: float, checked: bool) -> None:
    c.setLineWidth(0.8)
    c.rect(x, y, size, size, stroke=1, fill=0)
    if checked:
        c.setLineWidth(1.4)
        path = c.beginPath()
        path.moveTo(x + size * 0.18, y + size * 0.52)
        path.lineTo(x + size * 0.42, y + size * 0.22)
        path.lineTo(x + size * 0.85, y + size * 0.85)
        c.drawPath(path, stroke=1, fill=0)


def draw_qr(c: Canvas, text: str, x: float, y: float, size: float) -> None:
    """A vector QR code. The mask is fixed: searching the best of eight costs ~20 ms and buys a
    marginally easier scan of a code printed at 16 mm."""
    qr = qrcode.QRCode(error_correction=ERROR_CORRECT_M, border=0, mask_pattern=0)
    qr.add_data(text)
    qr.make(fit=True)
    matrix = qr.get_matrix()
    n = len(matrix)
    c.saveState()
    c.translate(x, y + size)
    c.scale(size / n, -size / n)     # module units: integer coordinates, compact content stream
    runs: list[tuple[int, int, int]] = []
    for row, bits in enumerate(matrix):
        col = 0
        while col < n:
            if bits[col]:
                start = col
                while col < n and bits[col]:
                    col += 1
                runs.append((start, row, col - start))
            else:
                col += 1
    c.setFillGray(0)
    if isinstance(c, Canvas):
        # Literal operators: ~450 rectangles through reportlab's float formatting cost ~1.5 ms.
        c.addLiteral("\n".join(f"{a} {b} {w} 1 re" for a, b, w in runs) + "\nf")
    else:  # another surface speaking the Canvas API (the Qt printer adapter)
        path = c.beginPath()
        for a, b, w in runs:
            path.rect(a, b, w, 1)
        c.drawPath(path, stroke=0, fill=1)
    c.restoreState()


def page_number_text(n: int) -> str:
    return f"— {n} —"


def draw_document(
    c: Canvas,
    laid: LaidOut,
    *,
    fonts: FontMap,
    seal_mode: str = "box",
    seal: SealSpec | None = None,
    archive_first_page: int | None = None,
) -> None:
    """Draw every page of `laid` into `c` (one showPage per page). With `archive_first_page`,
    also print the continuous archive page number (odd top right, even top left)."""
    if seal_mode not in SEAL_MODES:
        raise ValueError(seal_mode)
    total = len(laid.pages)
    em = PAGE_NUMBER_SIZE * ADVANCE
    for index, ops in enumerate(laid.pages, 1):
        c.setFillGray(0)
        c.setStrokeGray(0)
        for op in ops:
            kind = op[0]
            if kind == "text":
                draw_text(c, fonts, *op[1:])
            elif kind == "line":
                _, x1, y1, x2, y2, width, dashed = op
                c.setLineWidth(width)
                c.line(x1, y1, x2, y2)
            elif kind == "box":
                _draw_box(c, *op[1:])
            elif kind == "seal" and laid.template.seal != "none":
                if seal_mode == "electronic" and seal is not None:
                    draw_seal(c, seal, fonts, op[1], op[2])
                elif seal_mode == "box" or (seal_mode == "electronic" and seal is None):
                    draw_seal_box(c, fonts, op[1], op[2], seal.diameter_mm if seal else 42.0)
        if laid.template.page_footer:
            footer = fill(laid.template.page_footer, {**laid.ctx, "page": index, "pages": total})
            draw_text(c, fonts, LEFT, baseline(BLOCK_BOTTOM + PITCH, PITCH, BODY_SIZE * 0.875),
                      "body", BODY_SIZE * 0.875, footer, 0.0)
        # Page number: 4号 宋体 with 一字线, 7 mm below the block; odd right, even left, 1 char in.
        if laid.template.options.get("page_numbers", True):
            label = page_number_text(index)
            w = c.stringWidth(label, fonts.font("song"), PAGE_NUMBER_SIZE)
            x = RIGHT - em - w if index % 2 else LEFT + em
            draw_text(c, fonts, x, BLOCK_BOTTOM - 7 * MM - PAGE_NUMBER_SIZE * 0.35, "song",
                      PAGE_NUMBER_SIZE, label, 0.0)
        if index == 1 and laid.doc_id and laid.template.options.get("qr", True):
            draw_qr(c, laid.qr_text, RIGHT - QR_SIZE, PAGE_H - 9 * MM - QR_SIZE, QR_SIZE)
            draw_text(c, fonts, RIGHT - QR_SIZE - 2 - c.stringWidth("扫码核验", fonts.font("song"), 7),
                      PAGE_H - 9 * MM - QR_SIZE + 1, "song", 7.0, "扫码核验", 0.0)
        if archive_first_page is not None:
            number = archive_first_page + index - 1
            text = str(number)
            aw = c.stringWidth(text, fonts.font("song"), 12)
            ax = RIGHT + 8 * MM - aw if number % 2 else LEFT - 10 * MM
            draw_text(c, fonts, ax, PAGE_H - 12 * MM, "song", 12.0, text, 0.0)
        c.showPage()


def render_document(
    template: Template,
    context: dict[str, Any],
    *,
    doc_id: str,
    issue_date: date,
    number: str = "",
    prefs: Preferences | None = None,
    seal_mode: str = "box",
    seal: SealSpec | None = None,
    fonts: FontMap | None = None,
) -> Rendered:
    """Lay out and draw one document. `seal_mode`: "box" (dashed circle for the hand stamp,
    the default), "electronic" (the vector seal from `seal`), or "none" (drafts)."""
    prefs = prefs or Preferences()
    fonts = fonts or default_font_map()
    laid = layout_document(template, context, doc_id=doc_id, issue_date=issue_date, number=number,
                           prefs=prefs, fonts=fonts)
    buf = io.BytesIO()
    c = new_canvas(buf, fonts=fonts, title=laid.display_title, author=prefs.issuing_authority,
                   subject=doc_id, keywords=laid.payload_digest, issue_date=issue_date,
                   doc_id=doc_id)
    draw_document(c, laid, fonts=fonts, seal_mode=seal_mode, seal=seal)
    c.save()
    pdf = buf.getvalue()
    return Rendered(pdf=pdf, sha256=hashlib.sha256(pdf).hexdigest(), pages=len(laid.pages),
                    payload_digest=laid.payload_digest, doc_id=doc_id, number=number)
