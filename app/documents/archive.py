"""卷宗 export: one PDF per case volume — cover, 卷内目录 with page ranges, the documents in the
deployment's order (正卷/副卷), continuous archive page numbers, 备考表 — and the pre-filing check.

Documents are re-laid out from their stored inputs (template version, context, number, issue
date, id, seal mode), which gives exactly the pages that were issued, and drawn into one canvas.
Archive page numbers go top right on odd pages and top left on even ones (DOMAIN §2.5).
"""

from __future__ import annotations

import hashlib
import io
import json
from dataclasses import dataclass, field
from datetime import date
from pathlib import Path
from typing import Any

from app.clock import format_cn_date
from app.documents.fonts import FontMap, default_font_map
from app.documents.render import LaidOut, draw_document, layout_document, new_canvas
from app.documents.seal import SealSpec
from app.documents.templates import load
from app.errors import Invalid
from app.progress import Progress, no_progress
from app.settings import Preferences

ORDER_FILE = Path(__file__).resolve().parents[2] / "resources" / "archive" / "order.json"


@dataclass(frozen=True)
class ArchiveItem:
    """One document of the case, as issued (or as a record made on paper and entered)."""

    doc_type: str
    context: dict[str, Any]
    doc_id: str
    issue_date: date
    number: str = ""
    template_version: int | None = None
    seal_mode: str = "box"
    responsible: str = ""         # 责任者; defaults to the issuing agency


@dataclass(frozen=True)
class Volume:
    pdf: bytes
    sha256: str
    pages: int                   # all pages, cover and index included
    document_pages: int          # pages carrying archive numbers
    entries: list[dict[str, str]] = field(default_factory=list)


def deployment_order(root: Path) -> dict[str, Any]:
    """The deployment's ordering: `archive_order.json` in the data folder (pushed by the county
    or set by the administrator) if present, else the shipped default."""
    local = root / "archive_order.json"
    return load_order(local if local.is_file() else ORDER_FILE)


def load_order(path: Path = ORDER_FILE) -> dict[str, Any]:
    try:
        return json.loads(path.read_text(encoding="utf-8"))
    except (OSError, ValueError) as exc:
        raise Invalid(f"卷内文件排列顺序配置无法读取：{exc}") from exc


def _sorted(items: list[ArchiveItem], order: list[str]) -> list[ArchiveItem]:
    rank = {t: n for n, t in enumerate(order)}
    chosen = [i for i in items if i.doc_type in rank]
    return sorted(chosen, key=lambda i: (rank[i.doc_type], i.issue_date, i.number, i.doc_id))


def build_volume(
    items: list[ArchiveItem],
    *,
    case: dict[str, Any],
    volume: str = "main",
    order: dict[str, Any] | None = None,
    prefs: Preferences | None = None,
    seal: SealSpec | None = None,
    fonts: FontMap | None = None,
    progress: Progress = no_progress,
) -> Volume:
    """One volume (`main` 正卷 or `sub` 副卷) as a PDF. `case` gives the cover facts: case_title,
    decision_number, filing_date, closing_date, retention, archive_no, compiler, checker…"""
    prefs = prefs or Preferences()
    fonts = fonts or default_font_map()
    order = order or load_order()
    spec = order["volumes"].get(volume)
    if spec is None:
        raise Invalid(f"没有“{volume}”卷别的排列顺序。")
    chosen = _sorted(items, spec["order"])
    if not chosen:
        raise Invalid(f"本案没有可归入{spec['label']}的文书。")
    laid_docs: list[LaidOut] = []
    for done, item in enumerate(chosen, 1):
        template = load(item.doc_type, item.template_version)
        laid_docs.append(layout_document(template, item.context, doc_id=item.doc_id,
                                         issue_date=item.issue_date, number=item.number,
                                         prefs=prefs, fonts=fonts))
        progress(done, len(chosen) + 3)
    entries, page = [], 1
    for item, laid in zip(chosen, laid_docs):
        last = page + len(laid.pages) - 1
        entries.append({
            "number": item.number, "responsible": item.responsible or prefs.issuing_authority,
            "title": laid.template.title, "date": item.issue_date.isoformat(),
            "pages": f"{page}" if last == page else f"{page}-{last}", "note": "",
        })
        page = last + 1
    document_pages = page - 1
    key = hashlib.sha256(json.dumps([i.doc_id for i in chosen]).encode()).hexdigest()
    vol_id = f"{key[:8]}-{key[8:12]}-4{key[13:16]}-8{key[17:20]}-{key[20:32]}"
    last_day = max(i.issue_date for i in chosen)
    base = {**case, "volume_kind": spec["label"], "document_count": str(len(chosen)),
            "page_total": str(document_pages), "entries": entries}
    base.setdefault("squad_name", prefs.squad_name)
    extra = dict(doc_id="", issue_date=last_day, prefs=prefs, fonts=fonts)
    cover = layout_document(load("archive_cover"), base, **extra)
    index = layout_document(load("archive_index"), base, **extra)
    note = layout_document(load("archive_note"), {"defects": "无缺损、修改情况。", **base}, **extra)
    progress(len(chosen) + 2, len(chosen) + 3)
    buf = io.BytesIO()
    c = new_canvas(buf, fonts=fonts, title=f"{case.get('case_title', '')}（{spec['label']}）",
                   author=prefs.issuing_authority, subject=vol_id, keywords=key,
                   issue_date=last_day, doc_id=vol_id)
    draw_document(c, cover, fonts=fonts, seal_mode="none")
    draw_document(c, index, fonts=fonts, seal_mode="none")
    page = 1
    for item, laid in zip(chosen, laid_docs):
        draw_document(c, laid, fonts=fonts, seal_mode=item.seal_mode, seal=seal,
                      archive_first_page=page)
        page += len(laid.pages)
    draw_document(c, note, fonts=fonts, seal_mode="none")
    c.save()
    pdf = buf.getvalue()
    progress(len(chosen) + 3, len(chosen) + 3)
    total = len(cover.pages) + len(index.pages) + document_pages + len(note.pages)
    return Volume(pdf=pdf, sha256=hashlib.sha256(pdf).hexdigest(), pages=total,
                  document_pages=document_pages, entries=entries)


@dataclass(frozen=True)
class Problem:
    kind: str          # missing / unsigned / unserved
    message: str


def precheck(items: list[ArchiveItem], *, procedure: str = "ordinary",
             order: dict[str, Any] | None = None) -> list[Problem]:
    """What would make this file incomplete: missing documents, records without the party's
    signature, and external documents with no 送达回证 naming them."""
    order = order or load_order()
    problems: list[Problem] = []
    present = {i.doc_type for i in items}
    for doc_type in order.get("required", {}).get(procedure, []):
        if doc_type not in present:
            problems.append(Problem("missing", f"缺少《{load(doc_type).title}》。"))
    for item in items:
        if item.doc_type in order.get("records_to_sign", []) and not item.context.get("signed_by_party"):
            refusal = item.context.get("refusal_note")
            if not refusal:
                problems.append(Problem(
                    "unsigned", f"《{load(item.doc_type).title}》（{format_cn_date(item.issue_date)}）"
                                "没有当事人逐页签名的记录，也没有拒签说明。"))
    served = " ".join(str(i.context.get("served_document", "")) for i in items
                      if i.doc_type == "service_receipt")
    for item in items:
        template = load(item.doc_type, item.template_version)
        if template.external and item.number and item.doc_type not in ("service_receipt",) \
                and item.doc_type not in order.get("records_to_sign", []) and item.number not in served:
            problems.append(Problem("unserved", f"《{template.title}》{item.number} 没有送达回证。"))
    return problems
