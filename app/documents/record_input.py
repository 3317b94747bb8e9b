"""What the clerk types for a record (询问笔录, 陈述申辩笔录, 现场检查笔录…) checked and turned into
the values its template prints: a transcript as the ``qa`` list of ``{"q", "a"}``, table rows as
the list a ``grid`` block reads, times and dates as the Chinese text the record shows.

These checks run before anything is saved, so a record with a question nobody answered, an
interview that ends before it starts or a mistyped ID number never becomes a draft. Rows are
numbered as the clerk sees them in the editor (blank rows included) so a message points at the
row on screen.
"""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from datetime import date, datetime

from app.clock import format_cn_date
from app.domain.identifiers import ResidentId, check_resident_id
from app.errors import Invalid


class RowProblem(Invalid):
    """A problem in one row of a transcript or table; `row` is the 0-based row on screen."""

    def __init__(self, message: str, *, row: int) -> None:
        super().__init__(message)
        self.row = row


def _excerpt(text: str, limit: int = 16) -> str:
    flat = " ".join(text.split())
    return flat if len(flat) <= limit else flat[:limit] + "…"


def qa_items(rows: Iterable[tuple[str, str]]) -> list[dict[str, str]]:
    """The transcript as the renderer's ``qa`` list. Rows with neither question nor answer are left
    out (the clerk's Enter always opens one more); a question without an answer, or an answer
    without its question, is refused with the row's number."""
    items: list[dict[str, str]] = []
    for index, (question, answer) in enumerate(rows):
        q, a = _tidy(question), _tidy(answer)
        if not q and not a:
            continue
        if not a:
            raise RowProblem(f"第{index + 1}问“{_excerpt(q)}”还没有记录回答。请补上回答，"
                             "或删除这一问（Ctrl+Delete）后再生成。", row=index)
        if not q:
            raise RowProblem(f"第{index + 1}条回答“{_excerpt(a)}”前面没有问题。请补上问题，"
                             "或删除这一条后再生成。", row=index)
        items.append({"q": q, "a": a})
    return items


def _tidy(text: str) -> str:
    """Trailing spaces and blank lines go; a line break the clerk typed inside an answer stays."""
    lines = [line.rstrip() for line in (text or "").replace("\r\n", "\n").split("\n")]
    return "\n".join(line for line in lines if line.strip()).strip()


def grid_items(rows: Iterable[Sequence[str]], columns: Sequence[tuple[str, str]]) -> list[dict[str, str]]:
    """Table rows as the list a ``grid`` block reads (``columns``: (key, title), the row number
    column left out). Blank rows are left out; a row needs its first column (the item's name)."""
    items: list[dict[str, str]] = []
    for index, row in enumerate(rows):
        values = [_tidy(v) for v in row]
        if not any(values):
            continue
        if not values[0]:
            raise RowProblem(f"表格第{index + 1}行还没有填写“{columns[0][1]}”。", row=index)
        items.append({key: value for (key, _title), value in zip(columns, values, strict=True)})
    return items


def format_record_time(moment: datetime) -> str:
    """2026年3月5日9时30分: how a record prints the moment it began."""
    return f"{moment.year}年{moment.month}月{moment.day}日{moment.hour}时{moment.minute:02d}分"


def record_time_span(start: datetime, end: datetime, *, start_label: str, end_label: str) -> tuple[str, str]:
    """(start, end) as printed: 2026年3月5日9时30分 至 10时20分 — the end names its date only when
    the record ran past midnight. Times are China wall-clock times as typed."""
    start, end = start.replace(second=0, microsecond=0), end.replace(second=0, microsecond=0)
    if end < start:
        raise Invalid(f"{end_label}（{format_record_time(end)}）不能早于{start_label}"
                      f"（{format_record_time(start)}）。")
    end_text = format_record_time(end)
    if end.date() == start.date():
        end_text = f"{end.hour}时{end.minute:02d}分"
    return format_record_time(start), end_text


def check_person_id(number: str, *, sex: str = "", birth: date | None = None,
                    label: str = "身份证号码", today: date | None = None) -> ResidentId:
    """A natural person's ID number by GB 11643, and the sex and birth date typed beside it must
    agree with it: a record naming the wrong person cannot be used as evidence."""
    try:
        person = check_resident_id(number, today=today)
    except Invalid as exc:
        text = str(exc)
        raise Invalid(text if text.startswith(label) else f"{label}：{text}") from None
    if sex and sex != person.sex:
        raise Invalid(f"性别填的是“{sex}”，但{label}表明是“{person.sex}”，请核对。")
    if birth is not None and birth != person.birth_date:
        raise Invalid(f"出生日期填的是{format_cn_date(birth)}，但{label}表明是"
                      f"{format_cn_date(person.birth_date)}，请核对。")
    return person
