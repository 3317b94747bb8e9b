"""What the clerk typed for a record becomes what its template prints, or is refused in Chinese:
the transcript, table rows, the interview's times, the interviewee's ID number; and a transcript
answer of two paragraphs prints with its second paragraph under the text, not under 答."""

from __future__ import annotations

from datetime import date, datetime

import pytest

from app.documents.layout import ADVANCE, BODY_SIZE, LEFT
from app.documents.record_input import (
    RowProblem,
    check_person_id,
    format_record_time,
    grid_items,
    qa_items,
    record_time_span,
)
from app.documents.render import layout_document, render_document
from app.documents.samples import SAMPLE_ISSUE_DATE, sample_context
from app.documents.templates import load
from app.errors import Invalid

PERSON_ID = "11010519491231002X"   # born 1949-12-31, female (17th digit 2)


def test_blank_rows_anywhere_are_left_out_and_text_is_tidied():
    rows = [("  你叫什么名字？ ", "张三。\n\n"), ("", ""), ("住在哪里？", "正街12号。"), ("", "  "), ("", "")]
    assert qa_items(rows) == [{"q": "你叫什么名字？", "a": "张三。"}, {"q": "住在哪里？", "a": "正街12号。"}]


def test_a_line_break_inside_an_answer_is_kept():
    assert qa_items([("经过？", "第一段。  \n第二段。")]) == [{"q": "经过？", "a": "第一段。\n第二段。"}]


def test_a_question_without_an_answer_names_the_row_as_numbered_on_screen():
    with pytest.raises(RowProblem) as caught:
        qa_items([("第一问？", "答一。"), ("", ""), ("这一问没有回答，而且问题很长很长很长很长？", " ")])
    assert caught.value.row == 2
    assert str(caught.value).startswith("第3问“这一问没有回答，而且问题很长很长…”还没有记录回答")


def test_an_answer_without_a_question_is_refused():
    with pytest.raises(RowProblem, match="第1条回答“没人问我。”前面没有问题") as caught:
        qa_items([("", "没人问我。")])
    assert caught.value.row == 0


def test_grid_rows_need_their_first_column_and_blank_rows_are_dropped():
    columns = [("name", "物品名称"), ("spec", "规格"), ("quantity", "数量")]
    assert grid_items([["水泥", "50千克/袋", "60袋"], ["", "", ""]], columns) == [
        {"name": "水泥", "spec": "50千克/袋", "quantity": "60袋"}]
    with pytest.raises(RowProblem, match="表格第2行还没有填写“物品名称”"):
        grid_items([["水泥", "", ""], ["", "中砂", ""]], columns)


def test_times_print_the_end_date_only_when_the_record_crosses_midnight():
    start = datetime(2026, 3, 5, 9, 30)
    assert format_record_time(start) == "2026年3月5日9时30分"
    assert record_time_span(start, datetime(2026, 3, 5, 10, 5), start_label="询问开始时间",
                            end_label="询问结束时间") == ("2026年3月5日9时30分", "10时05分")
    assert record_time_span(datetime(2026, 3, 5, 23, 40), datetime(2026, 3, 6, 0, 20),
                            start_label="a", end_label="b") == ("2026年3月5日23时40分", "2026年3月6日0时20分")
    assert record_time_span(start, start, start_label="a", end_label="b")[1] == "9时30分"  # not before


def test_an_end_before_the_start_is_refused_in_chinese():
    with pytest.raises(Invalid, match=r"^询问结束时间（2026年3月5日9时29分）不能早于询问开始时间（2026年3月5日9时30分）。$"):
        record_time_span(datetime(2026, 3, 5, 9, 30), datetime(2026, 3, 5, 9, 29),
                         start_label="询问开始时间", end_label="询问结束时间")


def test_the_id_number_is_checked_by_gb_11643_and_must_agree_with_sex_and_birth():
    person = check_person_id(" 11010519491231002x ", sex="女", birth=date(1949, 12, 31))
    assert person.number == PERSON_ID
    with pytest.raises(Invalid, match="^身份证号码校验位错误：应为 X，实为 3$"):
        check_person_id("110105194912310023")
    with pytest.raises(Invalid, match="^被询问人身份证号码：身份证号码应为18位"):
        check_person_id("1101051949", label="被询问人身份证号码")
    with pytest.raises(Invalid, match="性别填的是“男”，但身份证号码表明是“女”"):
        check_person_id(PERSON_ID, sex="男")
    with pytest.raises(Invalid, match="出生日期填的是1950年1月1日，但身份证号码表明是1949年12月31日"):
        check_person_id(PERSON_ID, birth=date(1950, 1, 1))


def _lines_of(laid, fragment: str) -> list[tuple[float, str]]:
    return [(op[1], op[5]) for page in laid.pages for op in page if op[0] == "text" and fragment in op[5]]


def test_a_second_paragraph_of_an_answer_stands_under_the_text_not_under_the_label(read_pdf):
    ctx = dict(sample_context("inquiry_record"))
    ctx["qa"] = [{"q": "当天的经过？", "a": "上午货到了。\n下午准备搬走。"}]
    laid = layout_document(load("inquiry_record"), ctx, doc_id="d", issue_date=SAMPLE_ISSUE_DATE)
    em = BODY_SIZE * ADVANCE
    [(x_answer, _)] = _lines_of(laid, "答：上午货到了。")
    [(x_more, _)] = _lines_of(laid, "下午准备搬走。")
    assert x_answer == pytest.approx(LEFT)
    assert x_more == pytest.approx(LEFT + 2 * em)
    pdf = render_document(load("inquiry_record"), ctx, doc_id="d", issue_date=SAMPLE_ISSUE_DATE).pdf
    assert "问：当天的经过？答：上午货到了。下午准备搬走。" in read_pdf(pdf)
