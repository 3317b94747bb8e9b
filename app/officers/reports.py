"""Officer lists as PDF: the publishable roster (行政执法人员公示), certificates needing attention,
and the yearly training-hours summary.

Tabular lists, so drawn with reportlab's platypus tables rather than the document renderer (which
lays out the standard enforcement documents); the faces come from the same font-role map, and
every character is checked against them first so nothing prints as a box. Each export takes the
caller's session, only reads, and returns the number of people listed.
"""

from __future__ import annotations

from collections.abc import Sequence
from datetime import date
from pathlib import Path

from reportlab.lib import colors
from reportlab.lib.pagesizes import A4, landscape
from reportlab.lib.styles import ParagraphStyle
from reportlab.lib.units import mm
from reportlab.platypus import Paragraph, SimpleDocTemplate, Spacer, Table, TableStyle
from sqlalchemy.orm import Session

from app.clock import format_cn_date
from app.documents.fonts import FontMap, default_font_map
from app.officers.eligibility import CertStatus, who_may_act
from app.officers.warnings import blocked, expiring, training_summary
from app.progress import Progress, no_progress


def _styles(fonts: FontMap) -> dict[str, ParagraphStyle]:
    return {
        "title": ParagraphStyle("title", fontName=fonts.font("hei"), fontSize=18, leading=26,
                                alignment=1, wordWrap="CJK"),
        "sub": ParagraphStyle("sub", fontName=fonts.font("song"), fontSize=10.5, leading=16,
                              alignment=1, wordWrap="CJK"),
        "cell": ParagraphStyle("cell", fontName=fonts.font("song"), fontSize=10.5, leading=14,
                               wordWrap="CJK"),
        "head": ParagraphStyle("head", fontName=fonts.font("hei"), fontSize=10.5, leading=14,
                               alignment=1, wordWrap="CJK"),
        "foot": ParagraphStyle("foot", fontName=fonts.font("song"), fontSize=9, leading=13,
                               wordWrap="CJK"),
    }


def _escape(text: str) -> str:
    return text.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;")


def write_table_pdf(
    out: Path,
    *,
    title: str,
    subtitle: str,
    header: Sequence[str],
    rows: Sequence[Sequence[str]],
    widths_mm: Sequence[float],
    footer: str = "",
    landscape_page: bool = False,
    fonts: FontMap | None = None,
    progress: Progress = no_progress,
) -> None:
    """One titled table over as many pages as needed (header repeated). Refuses unprintable text."""
    fonts = fonts or default_font_map()
    for text in [title, subtitle, footer, *header, *(c for r in rows for c in r)]:
        fonts.check(text, "song")
    st = _styles(fonts)
    data = [[Paragraph(_escape(h), st["head"]) for h in header]]
    for done, row in enumerate(rows, 1):
        data.append([Paragraph(_escape(c), st["cell"]) for c in row])
        progress(done, len(rows))
    table = Table(data, colWidths=[w * mm for w in widths_mm], repeatRows=1)
    table.setStyle(TableStyle([
        ("GRID", (0, 0), (-1, -1), 0.5, colors.black),
        ("BACKGROUND", (0, 0), (-1, 0), colors.HexColor("#e8e8e8")),
        ("VALIGN", (0, 0), (-1, -1), "MIDDLE"),
        ("TOPPADDING", (0, 0), (-1, -1), 3),
        ("BOTTOMPADDING", (0, 0), (-1, -1), 4),
    ]))
    page = landscape(A4) if landscape_page else A4
    out.parent.mkdir(parents=True, exist_ok=True)
    doc = SimpleDocTemplate(str(out), pagesize=page, leftMargin=15 * mm, rightMargin=15 * mm,
                            topMargin=18 * mm, bottomMargin=18 * mm, title=title,
                            author="squaddesk", invariant=True)
    story = [Paragraph(_escape(title), st["title"]), Paragraph(_escape(subtitle), st["sub"]),
             Spacer(1, 6 * mm), table]
    if footer:
        story += [Spacer(1, 4 * mm), Paragraph(_escape(footer), st["foot"])]
    doc.build(story)


def export_publicity_roster(
    session: Session, out: Path, *, today: date, authority: str, squad_name: str,
    progress: Progress = no_progress,
) -> int:
    """行政执法人员公示: everyone who may act today (name, unit, 证号, 执法类别, 有效期)."""
    people = who_may_act(session, today)
    rows = [(str(i), p.name, p.unit, p.certificate_number, "、".join(p.fields),
             format_cn_date(p.valid_until) if p.valid_until else "")
            for i, p in enumerate(people, 1)]
    write_table_pdf(
        out, title=f"{authority}行政执法人员公示", subtitle=f"{squad_name}　截至{format_cn_date(today)}",
        header=("序号", "姓名", "单位", "执法证号", "执法类别", "有效期至"), rows=rows,
        widths_mm=(12, 20, 42, 36, 40, 30),
        footer="以上人员均持有有效行政执法证件。执法人员执行公务时应主动出示执法证件，"
               "公众可核验证件真伪与有效期；如有异议，请向本机关反映。",
        progress=progress,
    )
    return len(rows)


def export_certificate_attention(
    session: Session, out: Path, *, today: date, window: int, squad_name: str,
    progress: Progress = no_progress,
) -> int:
    """Certificates needing attention: expiring within the window, then those blocked today."""
    rows: list[tuple[str, ...]] = []
    for p in expiring(session, today, window):
        days = (p.valid_until - today).days
        rows.append((p.name, p.certificate_number, format_cn_date(p.valid_until),
                     CertStatus.RENEWAL_DUE.value, f"{days}天后到期，请及时办理年审或换证"))
    for p in blocked(session, today, window):
        until = format_cn_date(p.valid_until) if p.valid_until else ""
        rows.append((p.name, p.certificate_number, until, p.status.value,
                     p.reason.removeprefix(p.name).strip()))
    write_table_pdf(
        out, title="执法证件到期及异常情况表",
        subtitle=f"{squad_name}　{format_cn_date(today)}　提前提醒期{window}天",
        header=("姓名", "执法证号", "有效期至", "状态", "说明"), rows=rows,
        widths_mm=(22, 36, 34, 30, 58), progress=progress,
    )
    return len(rows)


def export_training_summary(
    session: Session, out: Path, *, year: int, target: float, squad_name: str,
    progress: Progress = no_progress,
) -> int:
    """Training hours per officer for `year` against the target, shortfalls marked."""
    summary = training_summary(session, year, target)
    rows = [(t.name, t.unit, _hours(t.hours), _hours(t.target),
             f"差{_hours(t.missing)}学时" if t.missing else "已完成")
            for t in summary]
    short = sum(1 for t in summary if t.missing)
    write_table_pdf(
        out, title=f"{year}年度行政执法人员培训学时统计表",
        subtitle=f"{squad_name}　年度目标{_hours(target)}学时　未完成{short}人",
        header=("姓名", "单位", "已完成学时", "年度目标", "完成情况"), rows=rows,
        widths_mm=(24, 60, 28, 26, 42), progress=progress,
    )
    return len(rows)


def _hours(value: float) -> str:
    return f"{value:g}"
