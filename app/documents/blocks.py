"""Layout of each template block type onto a Flow: titles, paragraphs, headings, label/value tables,
grids from list fields, Q&A transcripts, checkbox lists, and the agency + date line with its seal.
"""

from __future__ import annotations

from typing import Any

from app.documents.layout import (
    ADVANCE,
    BLOCK_W,
    BODY_SIZE,
    LEFT,
    PITCH,
    TITLE_SIZE,
    Flow,
    baseline,
)
from app.documents.templates import fill, is_active
from app.errors import Invalid

TABLE_SIZE = 12.0      # 小四 inside forms
TABLE_LEADING = 20.0   # at 小四; other sizes scale (see _leading)
CELL_PAD = 4.0
LABEL_CHARS = 6        # label column width in table characters
RULE = 0.75            # table rule width, points
CHECK_GAP = 0.5        # em between a checkbox and its text


def layout_blocks(flow: Flow, blocks: tuple[dict[str, Any], ...], ctx: dict[str, Any]) -> None:
    for block in blocks:
        if not is_active(block, ctx):
            continue
        kind = block.get("type")
        handler = _HANDLERS.get(kind)
        if handler is None:
            raise Invalid(f"文书模板中有无法识别的版块类型：{kind}")
        handler(flow, block, ctx)


def _title(flow: Flow, block: dict[str, Any], ctx: dict[str, Any]) -> None:
    size = float(block.get("size", TITLE_SIZE))
    role = block.get("role", "title")
    leading = PITCH if size <= TITLE_SIZE else size * 1.4
    for line, _ in flow.ts.lines(fill(block["text"], ctx), role, size, BLOCK_W - 2 * size):
        flow.text_line(line, role=role, size=size, leading=leading, align="center")


def _line(flow: Flow, block: dict[str, Any], ctx: dict[str, Any]) -> None:
    """One unbroken line: the 文号, a right-aligned note."""
    text = fill(block["text"], ctx)
    flow.text_line(text, role=block.get("role", "body"), size=float(block.get("size", BODY_SIZE)),
                   align=block.get("align", "center"))


def _paragraph(flow: Flow, block: dict[str, Any], ctx: dict[str, Any]) -> None:
    flow.paragraph(
        fill(block["text"], ctx),
        role=block.get("role", "body"),
        size=float(block.get("size", BODY_SIZE)),
        indent_chars=float(block.get("indent", 2)),
        hanging_chars=float(block.get("hanging", 0)),
        align=block.get("align", "justify"),
    )


def _heading(flow: Flow, block: dict[str, Any], ctx: dict[str, Any]) -> None:
    role = {1: "hei", 2: "kai"}.get(int(block.get("level", 1)), "body")
    flow.need(3 * PITCH)  # keep a heading with the first line that follows it
    flow.paragraph(fill(block["text"], ctx), role=role, indent_chars=float(block.get("indent", 2)),
                   align="left")


def _blank(flow: Flow, block: dict[str, Any], ctx: dict[str, Any]) -> None:
    for _ in range(int(block.get("lines", 1))):
        if flow.at_page_top():
            return
        flow.need(PITCH)
        flow.y -= PITCH


def _page_break(flow: Flow, block: dict[str, Any], ctx: dict[str, Any]) -> None:
    if not flow.at_page_top():
        flow.new_page()


def _qa(flow: Flow, block: dict[str, Any], ctx: dict[str, Any]) -> None:
    """Each question and answer behind its 问：/答： label. Wrapped lines, and a further paragraph
    the clerk began inside an answer (Shift+Enter), stand under the text, never under the label,
    so the labels alone mark where a question or an answer begins."""
    for item in ctx[block["source"]]:
        for label, key in (("问：", "q"), ("答：", "a")):
            first, *more = str(item[key]).split("\n")
            flow.paragraph(label + first, indent_chars=0, hanging_chars=2)
            for text in more:
                flow.paragraph(text, indent_chars=2, hanging_chars=2)


def _checks(flow: Flow, block: dict[str, Any], ctx: dict[str, Any]) -> None:
    """A label then options, each with a box, ticked when the field's value names it."""
    chosen = ctx.get(block["field"]) or []
    if isinstance(chosen, str):
        chosen = [chosen]
    size = float(block.get("size", BODY_SIZE))
    em = size * ADVANCE
    label = fill(block.get("label", ""), ctx)
    flow.need(PITCH)
    y = baseline(flow.y, PITCH, size)
    x = LEFT + float(block.get("indent", 0)) * em
    if label:
        flow.place(label, x=x, y=y, role="body", size=size, width=BLOCK_W)
        x += flow.ts.width(label, "body", size)
    for option in block["options"]:
        w = em * (1 + CHECK_GAP) + flow.ts.width(option, "body", size) + em
        if x + w > LEFT + BLOCK_W + 0.01:
            flow.y -= PITCH
            flow.need(PITCH)
            y = baseline(flow.y, PITCH, size)
            x = LEFT + 2 * em
        box = size * 0.8
        flow.ops.append(("box", x, y - size * 0.08, box, option in chosen))
        flow.place(option, x=x + em * (1 + CHECK_GAP) - (em - box), y=y, role="body", size=size,
                   width=BLOCK_W)
        x += w
    flow.y -= PITCH


def _seal_date(flow: Flow, block: dict[str, Any], ctx: dict[str, Any]) -> None:
    """The issuing agency over the date, date 右空四字, the seal centred over the date (骑年盖月).

    GB/T 9704: the seal presses on the agency name and the date, which sit slightly below the
    seal's centre. The two lines are kept together with a blank line above for the seal.
    """
    em = BODY_SIZE * ADVANCE
    agency = fill(block.get("agency", "{agency}"), ctx)
    date = fill(block.get("date", "{issue_date}"), ctx)
    note = fill(block.get("note", ""), ctx)
    needed = (3 if note else 2) * PITCH
    if flow.room() < needed - 0.01 and not flow.at_page_top():
        flow.carry_lines(2)
    if not flow.at_page_top() and flow.room() >= needed + PITCH - 0.01:
        flow.y -= PITCH  # a blank line for the seal's upper half when the page has room
    right_space = 4 * em
    date_w = flow.ts.width(date, "body", BODY_SIZE)
    agency_w = flow.ts.width(agency, "body", BODY_SIZE)
    date_x = LEFT + BLOCK_W - right_space - date_w
    centre = date_x + date_w / 2
    agency_x = min(centre - agency_w / 2, LEFT + BLOCK_W - agency_w)
    y1 = baseline(flow.y, PITCH, BODY_SIZE)
    flow.place(agency, x=agency_x, y=y1, role="body", size=BODY_SIZE, width=agency_w)
    flow.y -= PITCH
    y2 = baseline(flow.y, PITCH, BODY_SIZE)
    flow.place(date, x=date_x, y=y2, role="body", size=BODY_SIZE, width=date_w)
    flow.y -= PITCH
    if block.get("seal", True):
        # Centre between the two lines, a little above: both lines sit just below the centre.
        flow.ops.append(("seal", centre, (y1 + y2) / 2 + BODY_SIZE * 0.6))
    if note:
        # A closing note (本文书一式两份…) on the seal's page, left, small: clear of the seal.
        flow.paragraph(note, size=12.0, indent_chars=0, align="left")


def _table(flow: Flow, block: dict[str, Any], ctx: dict[str, Any]) -> None:
    """Label/value rows. A row is a list of cells: strings alternate label, value; a dict cell may
    set text, label (bool), lines (minimum), span width in 1/12 of the row, align."""
    size = float(block.get("size", TABLE_SIZE))
    label_w = float(block.get("label_chars", LABEL_CHARS)) * size * ADVANCE + 2 * CELL_PAD
    rows: list[list[dict[str, Any]]] = []
    for raw in block["rows"]:
        if isinstance(raw, dict) and "when" in raw:
            if not is_active(raw, ctx):
                continue
            raw = raw["cells"]
        cells = [c if isinstance(c, dict) else {"text": c, "label": i % 2 == 0} for i, c in
                 enumerate(raw)]
        if len(cells) == 1:
            cells[0].setdefault("label", False)
        rows.append(_place_cells(cells, label_w))
    _draw_rows(flow, rows, ctx, size=size, header=False)


def _place_cells(cells: list[dict[str, Any]], label_w: float) -> list[dict[str, Any]]:
    labels = sum(1 for c in cells if c.get("label"))
    values = len(cells) - labels
    if any("span" in c for c in cells):
        widths = [BLOCK_W * float(c.get("span", 12 / len(cells))) / 12 for c in cells]
    else:
        value_w = (BLOCK_W - labels * label_w) / max(values, 1)
        widths = [label_w if c.get("label") else value_w for c in cells]
    x = LEFT
    out = []
    for cell, w in zip(cells, widths):
        out.append({**cell, "x": x, "w": w})
        x += w
    return out


def _grid(flow: Flow, block: dict[str, Any], ctx: dict[str, Any]) -> None:
    """A table with a header row and one row per item of a list field (evidence, documents…)."""
    size = float(block.get("size", TABLE_SIZE))
    cols = block["columns"]
    total = sum(float(c.get("width", 1)) for c in cols)
    xs, x = [], LEFT
    for c in cols:
        w = BLOCK_W * float(c.get("width", 1)) / total
        xs.append((x, w))
        x += w
    header = [{"text": c["title"], "label": True, "align": "center", "x": cx, "w": cw}
              for c, (cx, cw) in zip(cols, xs)]
    items = list(ctx.get(block["source"]) or [])
    rows = [header]
    for n, item in enumerate(items, 1):
        row = []
        for c, (cx, cw) in zip(cols, xs):
            value = n if c["key"] == "#" else item.get(c["key"], "")
            row.append({"text": str(value), "raw": True, "x": cx, "w": cw,
                        "align": c.get("align", "left")})
        rows.append(row)
    for _ in range(max(0, int(block.get("min_rows", 0)) - len(items))):
        rows.append([{"text": "", "raw": True, "x": cx, "w": cw} for cx, cw in xs])
    _draw_rows(flow, rows, ctx, size=size, header=True)


def _draw_rows(flow: Flow, rows: list[list[dict[str, Any]]], ctx: dict[str, Any], *,
               size: float, header: bool) -> None:
    header_row = rows[0] if header else None
    first_on_page = True
    for index, row in enumerate(rows):
        cell_lines = []
        for cell in row:
            text = cell["text"] if cell.get("raw") else fill(cell["text"], ctx)
            role = "hei" if cell.get("label") and cell.get("bold") else "body"
            lines = flow.ts.lines(text, role, size, cell["w"] - 2 * CELL_PAD)
            cell_lines.append((role, lines, max(int(cell.get("lines", 1)), len(lines))))
        remaining = [list(lines) + [("", True)] * (need - len(lines))
                     for _, lines, need in cell_lines]
        roles = [role for role, _, _ in cell_lines]
        first_segment = True
        while True:
            height_lines = max(len(r) for r in remaining)
            fit = int((flow.room() - 2 * CELL_PAD + 0.01) // _leading(size))
            wanted = height_lines + (2 if header and index == 0 and len(rows) > 1 else 0)
            if fit >= wanted or flow.at_page_top():
                take = min(height_lines, max(fit, 1))
            elif fit >= 2 and height_lines > 4 and not (header and index == 0):
                take = fit  # a tall row is split across pages; short rows move whole
            else:
                flow.new_page()
                first_on_page = True
                if header_row is not None and index > 0:
                    _emit_row(flow, header_row, [[(c["text"], True)] for c in header_row],
                              ["body"] * len(header_row), size, top_rule=True)
                    first_on_page = False
                continue
            chunk = [r[:take] for r in remaining]
            remaining = [r[take:] for r in remaining]
            if not first_segment:
                chunk = [c if not row[i].get("label") else [] for i, c in enumerate(chunk)]
            _emit_row(flow, row, chunk, roles, size, top_rule=first_on_page or first_segment)
            first_on_page = False
            first_segment = False
            if not any(remaining):
                break
            flow.new_page()
            first_on_page = True


def _leading(size: float) -> float:
    return TABLE_LEADING * size / TABLE_SIZE


def _emit_row(flow: Flow, row: list[dict[str, Any]], chunk: list[list[tuple[str, bool]]],
              roles: list[str], size: float, *, top_rule: bool) -> None:
    lines = max((len(c) for c in chunk), default=1) or 1
    leading = _leading(size)
    height = lines * leading + 2 * CELL_PAD
    flow.mark()
    top = flow.y
    bottom = top - height
    x0 = row[0]["x"]
    x1 = row[-1]["x"] + row[-1]["w"]
    if top_rule:
        flow.ops.append(("line", x0, top, x1, top, RULE, False))
    flow.ops.append(("line", x0, bottom, x1, bottom, RULE, False))
    for cell in row:
        flow.ops.append(("line", cell["x"], top, cell["x"], bottom, RULE, False))
    flow.ops.append(("line", x1, top, x1, bottom, RULE, False))
    for cell, cell_chunk, role in zip(row, chunk, roles):
        align = cell.get("align") or ("center" if cell.get("label") else "left")
        for n, (line, last) in enumerate(cell_chunk):
            y = baseline(top - CELL_PAD - n * leading, leading, size)
            flow.place(line, x=cell["x"] + CELL_PAD, y=y, role=role, size=size,
                       width=cell["w"] - 2 * CELL_PAD, align=align,
                       justify=align == "left" and not last and not cell.get("raw"))
    flow.y = bottom


_HANDLERS = {
    "title": _title,
    "line": _line,
    "paragraph": _paragraph,
    "heading": _heading,
    "blank": _blank,
    "page_break": _page_break,
    "qa": _qa,
    "checks": _checks,
    "seal_date": _seal_date,
    "table": _table,
    "grid": _grid,
}
