"""Drafting records in the 生成文书 dialog as the clerk does while someone talks: the 问答
transcript typed with the keyboard only, checks that keep a bad record from being generated
(an unanswered question, an end before the start, a wrong ID number), the interviewee taken from a
natural-person party, tables for list fields, and a draft that survives closing the dialog."""

from __future__ import annotations

import re
import subprocess
from dataclasses import replace
from datetime import date, datetime

import pytest
from PySide6.QtCore import Qt
from PySide6.QtGui import QInputMethodEvent
from PySide6.QtWidgets import QApplication, QMessageBox

from app.cases.env import CaseEnv, two_distinct_officers
from app.cases.numbers import squad_block_source
from app.db.models.documents import Document
from app.documents.case_link import DocChoice, MissingField
from app.documents.render import render_document
from app.documents.service import DRAFT, layout_stored
from app.documents.templates import load
from app.paths import AppPaths
from app.settings import Preferences
from tests.app.cases.helpers import PERSON_ID, new_lead
from ui.context import UiContext
from ui.documents.dialogs import GenerateDocumentDialog
from ui.documents.page import DocumentsPage
from ui.documents.grid_editor import GridEditor
from ui.documents.qa_editor import QaEditor
from ui.documents.record_fields import DateTimeField, PersonIdField
from ui.documents.record_form import SESSION_DRAFTS, CaseFacts, SessionDrafts

WAIT_MS = 30_000
CASE_ID = "case-1"
PARTY = {"name": "张三", "kind": "person", "id_no": PERSON_ID, "address": "崇州市怀远镇正街12号",
         "phone": "13800001234", "sex": "", "birth": ""}
TRANSCRIPT = [
    ("你叫什么名字？", "我叫张三。"),
    ("门前的砂石是谁堆放的？", "是我经营部的货，上午刚到。"),
    ("堆放是否经过批准？", "没有办手续。"),
]


# --- keyboard, as a person types: into whatever has the focus ------------------------------------
def _focused():
    widget = QApplication.focusWidget()
    assert widget is not None, "nothing has the keyboard focus"
    return widget


def _type(qtbot, text: str) -> None:
    """ASCII as key presses; Chinese as a pinyin input method delivers it: a committed word."""
    for chunk in re.findall(r"[\x20-\x7e]+|[^\x20-\x7e]+", text):
        if chunk.isascii():
            qtbot.keyClicks(_focused(), chunk)
        else:
            event = QInputMethodEvent()
            event.setCommitString(chunk)
            QApplication.sendEvent(_focused(), event)


def _press(qtbot, key, modifier=Qt.KeyboardModifier.NoModifier) -> None:
    qtbot.keyClick(_focused(), key, modifier)


def _choice(doc_type: str) -> DocChoice:
    """The document as a case that knows its officers but nothing of this record offers it."""
    template = load(doc_type)
    lists = {b["source"] for b in template.blocks if b.get("source")}
    return DocChoice(doc_type, template.title, tuple(
        MissingField(name, template.label(name), name in lists) for name in template.required
        if name != "officers"))


def _dialog(qtbot, doc_type: str = "inquiry_record", *, drafts: SessionDrafts | None = None,
            party: dict | None = PARTY) -> GenerateDocumentDialog:
    dialog = GenerateDocumentDialog("2026-0001　张三擅自占用道路堆放物料案", [_choice(doc_type)],
                                    case_id=CASE_ID, drafts=drafts if drafts is not None else SessionDrafts(),
                                    facts=CaseFacts(parties=(party,) if party else (),
                                                    officer_names=("李文书", "王执法")))
    qtbot.addWidget(dialog)
    dialog.show()
    qtbot.waitExposed(dialog)
    dialog.activateWindow()
    qtbot.waitUntil(lambda: QApplication.activeWindow() is dialog)
    return dialog


def _fill_header(dialog: GenerateDocumentDialog, *, start=datetime(2026, 3, 5, 9, 30),
                 end=datetime(2026, 3, 5, 10, 20)) -> None:
    w = dialog.form.widgets
    w["start_time"].set_moment(start)
    w["end_time"].set_moment(end)
    w["place"].setText("怀远中队询问室")
    w["recorder"].set_value("李文书")


def _type_transcript(qtbot, dialog: GenerateDocumentDialog, rows) -> None:
    """From the first 问: question, Enter, answer, Enter — for every row — keyboard only."""
    dialog.form.transcript.setFocus()
    for question, answer in rows:
        _type(qtbot, question)
        _press(qtbot, Qt.Key.Key_Return)
        _type(qtbot, answer)
        _press(qtbot, Qt.Key.Key_Return)


@pytest.fixture
def warnings(monkeypatch) -> list[str]:
    seen: list[str] = []
    monkeypatch.setattr(QMessageBox, "warning", lambda parent, title, text, *a, **k: seen.append(text))
    return seen


@pytest.fixture(autouse=True)
def _no_session_drafts():
    SESSION_DRAFTS.clear()
    yield
    SESSION_DRAFTS.clear()


# --- the whole way: page → dialog typed by keyboard → draft → PDF ---------------------------------
def test_a_three_question_transcript_typed_by_keyboard_generates_the_record_in_order(
        qtbot, store, actor, tmp_path, monkeypatch, warnings):
    paths = AppPaths.in_folder(tmp_path / "data").ensure()
    clerk = replace(actor, roles=frozenset({"clerk"}), user="李文书")
    env = CaseEnv(prefs=Preferences(), eligibility=two_distinct_officers, check_presider=None,
                  check_reviewer=None, today=date(2026, 5, 6), block_source=squad_block_source(paths, store))
    case_id = new_lead(store, clerk, env)   # party 张三, a natural person
    page = DocumentsPage(UiContext(paths=paths, prefs=Preferences(), store=store, actor=clerk))
    qtbot.addWidget(page)
    page.show_case(case_id)
    seen: list[GenerateDocumentDialog] = []

    def typed_by_the_clerk(dialog: GenerateDocumentDialog) -> int:
        seen.append(dialog)
        dialog.show()
        qtbot.waitExposed(dialog)
        dialog.activateWindow()
        qtbot.waitUntil(lambda: QApplication.activeWindow() is dialog)
        dialog.select_type("inquiry_record")
        w = dialog.form.widgets
        # The interviewee is the party: copied from the case, sex and birth read from the number.
        assert w["interviewee"].text() == "张三"
        assert w["interviewee_id"].text() == PERSON_ID
        assert w["interviewee_sex"].value() == "女"
        assert w["interviewee_birth"].day() == date(1949, 12, 31)
        assert w["interviewee_relation"].value() == "当事人本人"
        assert w["interviewee_address"].text() == "崇州市怀远镇正街12号"
        _fill_header(dialog)
        _type_transcript(qtbot, dialog, TRANSCRIPT)
        # The last Enter opened a fourth, empty 问: it is ignored. Ctrl+Enter generates.
        assert dialog.form.transcript.row_count() == 4
        _press(qtbot, Qt.Key.Key_Return, Qt.KeyboardModifier.ControlModifier)
        return dialog.result()

    monkeypatch.setattr(GenerateDocumentDialog, "exec", typed_by_the_clerk)
    page.actions.buttons["generate"].click()
    qtbot.waitUntil(lambda: page.current_row() is not None and page.current_row().state == DRAFT,
                    timeout=WAIT_MS)
    assert warnings == []
    doc_id = page.current_row().id
    with store.read() as s:
        doc = s.get(Document, doc_id)
        assert doc.doc_type == "inquiry_record"
        assert doc.context["qa"] == [{"q": q, "a": a} for q, a in TRANSCRIPT]
        assert doc.context["start_time"] == "2026年3月5日9时30分" and doc.context["end_time"] == "10时20分"
        assert doc.context["interviewee_birth"] == "1949年12月31日"
        laid, _ = layout_stored(s, doc_id, prefs=Preferences())
    pdf = render_document(laid.template, laid.ctx, doc_id=doc_id, issue_date=laid.issue_date,
                          number=laid.number, prefs=Preferences(), seal_mode="none").pdf
    path = tmp_path / "inquiry.pdf"
    path.write_bytes(pdf)
    text = re.sub(r"\s+", "", subprocess.run(["pdftotext", "-enc", "UTF-8", str(path), "-"], check=True,
                                             capture_output=True).stdout.decode("utf-8"))
    # Every 问 and 答 in the order typed, between the opening 回避 question and the closing one
    # (the transcript may run onto the next page, so each is looked for on its own).
    said = ["答：不申请回避。", *(f"{label}{text}" for q, a in TRANSCRIPT for label, text in
                              (("问：", q), ("答：", a))), "问：以上笔录你看一下"]
    positions = [text.find(line) for line in said]
    assert -1 not in positions, [line for line, at in zip(said, positions) if at < 0]
    assert positions == sorted(positions)
    assert "询问时间：2026年3月5日9时30分至10时20分" in text
    assert "被询问人：张三性别：女出生日期：1949年12月31日" in text
    assert "与本案关系：当事人本人" in text
    assert SESSION_DRAFTS.get(case_id, "inquiry_record") is None   # generated: nothing left to keep


# --- refusals ------------------------------------------------------------------------------------
def test_a_question_without_an_answer_is_flagged_and_nothing_is_generated(qtbot, warnings):
    dialog = _dialog(qtbot)
    _fill_header(dialog)
    _type_transcript(qtbot, dialog, TRANSCRIPT[:1])
    _type(qtbot, "堆放是否经过批准？")
    _press(qtbot, Qt.Key.Key_Return)              # to its answer, which the clerk leaves empty
    _press(qtbot, Qt.Key.Key_Return)              # and on to a new question
    _type(qtbot, "现在能清理吗？")
    _press(qtbot, Qt.Key.Key_Return)
    _type(qtbot, "马上清理。")
    _press(qtbot, Qt.Key.Key_Return, Qt.KeyboardModifier.ControlModifier)

    assert warnings == ["第2问“堆放是否经过批准？”还没有记录回答。请补上回答，或删除这一问（Ctrl+Delete）后再生成。"]
    assert dialog.isVisible() and dialog.result() == 0
    transcript = dialog.form.transcript
    assert _focused() is transcript.cell(1, 1)    # the cursor waits in the missing answer
    assert "#d32f2f" in transcript._rows[1].styleSheet()

    _type(qtbot, "没有。")
    _press(qtbot, Qt.Key.Key_Return, Qt.KeyboardModifier.ControlModifier)
    assert not dialog.isVisible() and dialog.result() == GenerateDocumentDialog.DialogCode.Accepted
    assert [item["a"] for item in dialog.extra["qa"]] == ["我叫张三。", "没有。", "马上清理。"]
    assert "#d32f2f" not in transcript._rows[1].styleSheet()


def test_an_empty_transcript_or_missing_field_is_refused_in_the_dialog(qtbot, warnings):
    dialog = _dialog(qtbot, party=None)
    _fill_header(dialog)
    dialog.form.widgets["place"].setText("")
    dialog.ok_button.click()
    assert dialog.isVisible()
    assert warnings == ["《询问笔录》还缺少以下内容，不能生成：询问地点、被询问人、性别、身份证号码、出生日期、"
                        "住址、联系电话、与本案关系、问答内容。请补充后再试。"]
    assert _focused() is dialog.form.widgets["place"]


def test_an_end_before_the_start_is_refused_in_chinese(qtbot, warnings):
    dialog = _dialog(qtbot)
    _fill_header(dialog, start=datetime(2026, 3, 5, 10, 0), end=datetime(2026, 3, 5, 9, 45))
    _type_transcript(qtbot, dialog, TRANSCRIPT[:1])
    _press(qtbot, Qt.Key.Key_Return, Qt.KeyboardModifier.ControlModifier)
    assert warnings == ["询问结束时间（2026年3月5日9时45分）不能早于询问开始时间（2026年3月5日10时00分）。"]
    assert dialog.isVisible()
    assert _focused() is dialog.form.widgets["end_time"].edit

    dialog.form.widgets["end_time"].set_moment(datetime(2026, 3, 5, 10, 0))   # the same minute is fine
    _press(qtbot, Qt.Key.Key_Return, Qt.KeyboardModifier.ControlModifier)
    assert dialog.result() == GenerateDocumentDialog.DialogCode.Accepted
    assert (dialog.extra["start_time"], dialog.extra["end_time"]) == ("2026年3月5日10时00分", "10时00分")


def test_a_blank_end_time_starts_from_now_on_the_first_key_and_now_sets_it():
    field = DateTimeField(now_by_default=False)
    assert field.is_blank() and field.edit.text() == "未填写" and field.state() is None
    before = datetime.now().replace(second=0, microsecond=0)
    field.now_button.click()
    assert before <= field.moment() <= datetime.now()


def test_the_id_number_is_checked_as_typed_and_refused_when_wrong(qtbot, warnings):
    dialog = _dialog(qtbot, party=None)
    w = dialog.form.widgets
    id_field: PersonIdField = w["interviewee_id"]
    id_field.setFocus()
    _type(qtbot, "110105194912310023")
    assert id_field.status.text() == "身份证号码校验位错误：应为 X，实为 3"
    assert w["interviewee_birth"].day() is None            # nothing filled from a bad number
    _fill_header(dialog)
    for name, value in (("interviewee", "李四"), ("interviewee_address", "正街1号"), ("interviewee_phone", "1"),
                        ("interviewee_relation", "证人")):
        w[name].restore(value)
    w["interviewee_sex"].set_value("女")
    w["interviewee_birth"].set_day(date(1949, 12, 31))
    _type_transcript(qtbot, dialog, TRANSCRIPT[:1])
    _press(qtbot, Qt.Key.Key_Return, Qt.KeyboardModifier.ControlModifier)
    assert warnings == ["身份证号码校验位错误：应为 X，实为 3"] and dialog.isVisible()
    assert _focused() is id_field.edit

    id_field.setText(PERSON_ID.lower())                    # a lower-case x is the same number
    assert id_field.status.text() == "✓ 号码有效：1949年12月31日出生，女"
    w["interviewee_sex"].set_value("男")                   # …but the clerk picked the wrong sex
    dialog.ok_button.click()
    assert warnings[-1] == "性别填的是“男”，但身份证号码表明是“女”，请核对。"
    w["interviewee_sex"].set_value("女")
    dialog.ok_button.click()
    assert dialog.result() == GenerateDocumentDialog.DialogCode.Accepted
    assert dialog.extra["interviewee_id"] == PERSON_ID
    assert dialog.extra["interviewee_relation"] == "证人"   # typed, not one of the choices


def test_an_organisation_party_is_not_copied_as_the_interviewee(qtbot):
    org = {**PARTY, "kind": "org", "name": "鑫源建材有限公司", "id_no": "91350100M000100Y43"}
    dialog = _dialog(qtbot, party=org)
    w = dialog.form.widgets
    assert w["interviewee"].text() == "" and w["interviewee_id"].text() == ""
    assert w["interviewee_relation"].value() == ""


# --- moving around the transcript -----------------------------------------------------------------
def test_rows_are_inserted_deleted_and_moved_with_the_keyboard(qtbot, monkeypatch):
    dialog = _dialog(qtbot)
    transcript: QaEditor = dialog.form.transcript
    _type_transcript(qtbot, dialog, TRANSCRIPT)
    assert _focused() is transcript.cell(3, 0)

    # Shift+Tab back into the third answer, Ctrl+↑ to the second row, Ctrl+Insert a row after it.
    _press(qtbot, Qt.Key.Key_Backtab)
    assert _focused() is transcript.cell(2, 1)
    _press(qtbot, Qt.Key.Key_Up, Qt.KeyboardModifier.ControlModifier)
    assert _focused() is transcript.cell(1, 1)
    _press(qtbot, Qt.Key.Key_Insert, Qt.KeyboardModifier.ControlModifier)
    assert _focused() is transcript.cell(2, 0)
    _type(qtbot, "什么时候到的货？")
    _press(qtbot, Qt.Key.Key_Return)
    _type(qtbot, "上午十点。")
    _press(qtbot, Qt.Key.Key_Return, Qt.KeyboardModifier.ShiftModifier)   # a second line, same answer
    _type(qtbot, "卸了一个小时。")
    assert [q for q, _a in transcript.rows()] == [TRANSCRIPT[0][0], TRANSCRIPT[1][0], "什么时候到的货？",
                                                 TRANSCRIPT[2][0], ""]
    assert transcript.rows()[2][1] == "上午十点。\n卸了一个小时。"

    # Alt+↑ moves the new row above the second; the cursor goes with it.
    _press(qtbot, Qt.Key.Key_Up, Qt.KeyboardModifier.AltModifier)
    assert _focused() is transcript.cell(1, 1)
    assert transcript.rows()[1][0] == "什么时候到的货？" and transcript.rows()[2][0] == TRANSCRIPT[1][0]
    _press(qtbot, Qt.Key.Key_Down, Qt.KeyboardModifier.AltModifier)
    assert transcript.rows()[2][0] == "什么时候到的货？"

    # Ctrl+Delete on a row with text asks first: No keeps it, Yes removes it.
    answers = iter([QMessageBox.StandardButton.No, QMessageBox.StandardButton.Yes])
    asked: list[str] = []
    monkeypatch.setattr(QMessageBox, "question", lambda _p, _t, text, *a, **k: asked.append(text) or next(answers))
    _press(qtbot, Qt.Key.Key_Delete, Qt.KeyboardModifier.ControlModifier)
    assert transcript.row_count() == 5
    _press(qtbot, Qt.Key.Key_Delete, Qt.KeyboardModifier.ControlModifier)
    assert asked == ["删除第3问“什么时候到的货？”及其回答？"] * 2
    assert [q for q, _a in transcript.rows()] == [*(q for q, _a in TRANSCRIPT), ""]
    # The empty last row goes without asking; Tab from the last answer leaves the transcript.
    transcript.focus_cell(3, 0)
    _press(qtbot, Qt.Key.Key_Delete, Qt.KeyboardModifier.ControlModifier)
    assert transcript.row_count() == 3 and len(asked) == 2
    transcript.focus_cell(2, 1)
    _press(qtbot, Qt.Key.Key_Tab)
    assert not transcript.isAncestorOf(_focused())

    # The buttons do the same for the row the cursor was in.
    transcript.focus_cell(0, 0)
    transcript.down_button.click()
    assert transcript.rows()[1] == TRANSCRIPT[0]
    transcript.insert_button.click()
    assert transcript.row_count() == 4 and transcript.rows()[2] == ("", "")
    transcript.delete_button.click()
    assert transcript.row_count() == 3


def test_enter_in_a_one_line_field_moves_on_and_never_generates(qtbot, warnings):
    dialog = _dialog(qtbot)
    dialog.form.widgets["place"].setFocus()
    _type(qtbot, "询问室")
    _press(qtbot, Qt.Key.Key_Return)
    assert dialog.isVisible() and warnings == []
    assert _focused() is not dialog.form.widgets["place"]


# --- drafts ---------------------------------------------------------------------------------------
def test_a_closed_dialog_keeps_the_draft_for_the_session_and_offers_to_start_over(qtbot, monkeypatch):
    drafts = SessionDrafts()
    dialog = _dialog(qtbot, drafts=drafts)
    _fill_header(dialog)
    _type_transcript(qtbot, dialog, TRANSCRIPT[:2])
    _type(qtbot, "还有什么要说的？")
    _press(qtbot, Qt.Key.Key_Escape)                     # closed by mistake, mid-question
    assert not dialog.isVisible()

    again = _dialog(qtbot, drafts=drafts)
    transcript = again.form.transcript
    assert transcript.rows() == [*TRANSCRIPT[:2], ("还有什么要说的？", "")]
    assert again.form.widgets["place"].text() == "怀远中队询问室"
    assert again.form.widgets["end_time"].moment() == datetime(2026, 3, 5, 10, 20)
    assert not again.restored_label.isHidden() and "已恢复" in again.restored_label.text()

    # 清空重填 asks; confirmed, the form is as new and nothing is kept.
    monkeypatch.setattr(QMessageBox, "question", lambda *a, **k: QMessageBox.StandardButton.Yes)
    again.discard_button.click()
    assert again.form.transcript.rows() == [("", "")]
    assert again.form.widgets["interviewee"].text() == "张三"   # the party's prefill comes back
    assert again.restored_label.isHidden()
    again.reject()
    assert drafts.get(CASE_ID, "inquiry_record") is None      # untouched since: nothing to keep


def test_switching_type_keeps_each_types_draft(qtbot):
    drafts = SessionDrafts()
    dialog = GenerateDocumentDialog("案", [_choice("inquiry_record"), _choice("statement_record")],
                                    case_id=CASE_ID, drafts=drafts, facts=CaseFacts(parties=(PARTY,)))
    qtbot.addWidget(dialog)
    dialog.form.transcript.cell(0, 0).setText("你叫什么名字？")
    dialog.select_type("statement_record")
    statement = dialog.form.widgets["statement"]
    assert dialog.form.widgets["statement_person"].text() == "张三"
    statement.setText("我承认占道堆放。\n请求从轻处罚。")
    dialog.select_type("inquiry_record")
    assert dialog.form.transcript.rows() == [("你叫什么名字？", "")]
    dialog.select_type("statement_record")
    assert dialog.form.widgets["statement"].text() == "我承认占道堆放。\n请求从轻处罚。"


# --- tables and other records ---------------------------------------------------------------------
def test_a_list_field_drawn_as_a_table_gets_a_table_editor(qtbot, warnings):
    dialog = _dialog(qtbot, "evidence_preservation_notice")
    grid: GridEditor = dialog.form.widgets["items"]
    assert [t for _k, t in grid.columns] == ["物品名称", "规格", "数量", "备注"]
    grid.set_rows([["袋装水泥", "50千克/袋", "60袋", "就地封存"], ["", "中砂", "", ""]])
    assert grid.table.rowCount() == 3                     # a blank row is always waiting at the end
    dialog.ok_button.click()
    assert warnings[0] == "表格第2行还没有填写“物品名称”。" and dialog.isVisible()
    assert grid.table.currentRow() == 1
    grid.table.setItem(1, 0, grid.table.item(1, 1).clone())
    grid.table.item(1, 0).setText("建筑用砂石")
    values = dialog.form.values(check_required=False)
    assert values["items"] == [
        {"name": "袋装水泥", "spec": "50千克/袋", "quantity": "60袋", "note": "就地封存"},
        {"name": "建筑用砂石", "spec": "中砂", "quantity": "", "note": ""}]
    grid.move_row(1, -1)
    assert grid.rows()[0][0] == "建筑用砂石"


def test_inspection_and_statement_records_get_times_choices_and_paragraph_boxes(qtbot):
    dialog = _dialog(qtbot, "inspection_record")
    w = dialog.form.widgets
    assert isinstance(w["start_time"], DateTimeField) and isinstance(w["end_time"], DateTimeField)
    assert w["situation"].__class__.__name__ == "ParagraphField"
    assert w["inspected_relation"].isEditable()
    assert "witness" in w                                 # optional, offered, marked 可不填
    assert "officers" not in w


def test_in_a_paragraph_box_enter_breaks_the_line_and_ctrl_enter_generates(qtbot, warnings):
    dialog = _dialog(qtbot, "statement_record")
    statement = dialog.form.widgets["statement"]
    statement.setFocus()
    _type(qtbot, "我承认占道堆放。")
    _press(qtbot, Qt.Key.Key_Return)
    _type(qtbot, "请求从轻处罚。")
    assert statement.text() == "我承认占道堆放。\n请求从轻处罚。" and warnings == []
    _press(qtbot, Qt.Key.Key_Return, Qt.KeyboardModifier.ControlModifier)
    assert len(warnings) == 1 and warnings[0].startswith("《陈述申辩笔录》还缺少以下内容，不能生成：结束时间、地点")
    assert dialog.isVisible()


def test_tabbing_through_a_blank_end_time_leaves_it_blank_and_a_digit_starts_it_from_now(qtbot):
    dialog = _dialog(qtbot)
    end = dialog.form.widgets["end_time"]
    end.setFocus()
    _press(qtbot, Qt.Key.Key_Shift)
    _press(qtbot, Qt.Key.Key_Tab)
    assert end.is_blank()
    end.setFocus()
    _press(qtbot, Qt.Key.Key_Up)
    assert not end.is_blank() and end.moment() >= datetime.now().replace(second=0, microsecond=0)  # now, stepped up
