"""The clerk produces documents from the 文书 page: generate from a case, approve, issue, seal
(electronic, or a printed box for the hand stamp), all registered in the 用印登记; the seal stays
the leader's even when the page's handler is called directly; case numbers and document numbers
come from the squad's one source."""

from __future__ import annotations

import re
from dataclasses import replace
from datetime import date

import pytest
from PySide6.QtWidgets import QMessageBox
from sqlalchemy import select

from app.cases import lifecycle
from app.cases.env import CaseEnv, two_distinct_officers
from app.cases.numbers import LOCAL_LEASES_FILE, squad_block_source
from app.clock import china_today
from app.db.models.cases import Case
from app.db.models.documents import Document, SealUse
from app.documents.service import APPROVED, DRAFT, ISSUED, SealRequest, approve, pdf_path
from app.paths import AppPaths
from app.settings import Preferences
from tests.app.cases.helpers import decided, new_lead
from ui.context import UiContext
from ui.documents.dialogs import GenerateDocumentDialog, SealDialog
from ui.documents.page import DocumentsPage

WAIT_MS = 30_000


@pytest.fixture
def paths(tmp_path) -> AppPaths:
    return AppPaths.in_folder(tmp_path / "data").ensure()


@pytest.fixture
def people(actor):
    return (replace(actor, roles=frozenset({"clerk"}), user="李文书"),
            replace(actor, roles=frozenset({"leader"}), user="王队长"))


@pytest.fixture
def env(store, paths) -> CaseEnv:
    return CaseEnv(prefs=Preferences(), eligibility=two_distinct_officers, check_presider=None,
                   check_reviewer=None, today=date(2026, 5, 6), block_source=squad_block_source(paths, store))


@pytest.fixture
def warnings(monkeypatch) -> list[str]:
    seen: list[str] = []
    monkeypatch.setattr(QMessageBox, "warning", lambda parent, title, text, *a, **k: seen.append(text))
    return seen


def _page(qtbot, store, paths, who, case_id: str) -> DocumentsPage:
    page = DocumentsPage(UiContext(paths=paths, prefs=Preferences(), store=store, actor=who))
    qtbot.addWidget(page)
    page.show_case(case_id)
    return page


def _wait_state(qtbot, page: DocumentsPage, state: str) -> None:
    qtbot.waitUntil(lambda: page.current_row() is not None and page.current_row().state == state,
                    timeout=WAIT_MS)


def _generate(qtbot, page: DocumentsPage, monkeypatch, doc_type: str, fill: dict[str, str]) -> None:
    def accept(dialog: GenerateDocumentDialog) -> int:
        dialog.select_type(doc_type)
        for name, value in fill.items():
            dialog.edits[name].setText(value)
        return GenerateDocumentDialog.DialogCode.Accepted

    monkeypatch.setattr(GenerateDocumentDialog, "exec", accept)
    page.actions.buttons["generate"].click()
    _wait_state(qtbot, page, DRAFT)


def _seal_with(monkeypatch, *, electronic: bool, approver: str = "王队长") -> None:
    def accept(dialog: SealDialog) -> int:
        (dialog.electronic_radio if electronic else dialog.box_radio).setChecked(True)
        dialog.approver_edit.setText(approver)
        dialog.copies_spin.setValue(2)
        return SealDialog.DialogCode.Accepted

    monkeypatch.setattr(SealDialog, "exec", accept)


def test_decision_drafted_by_the_clerk_is_approved_sealed_and_issued_by_the_leader(
        qtbot, store, paths, people, env, monkeypatch, warnings):
    clerk, leader = people
    case_id = decided(store, clerk, leader, env)
    page = _page(qtbot, store, paths, clerk, case_id)
    assert "已决定待送达" in page.case_label.text()

    # A required field the case cannot fill: the clerk is told which, in Chinese, and nothing is made.
    monkeypatch.setattr(GenerateDocumentDialog, "exec",
                        lambda d: d.select_type("penalty_decision") or GenerateDocumentDialog.DialogCode.Accepted)
    page.actions.buttons["generate"].click()
    qtbot.waitUntil(lambda: bool(warnings), timeout=WAIT_MS)
    assert "《行政处罚决定书》还缺少以下内容" in warnings[0] and "证据" in warnings[0]
    with store.read() as s:
        assert s.scalars(select(Document)).all() == []

    _generate(qtbot, page, monkeypatch, "penalty_decision", {"evidence_text": "1.现场检查笔录一份。"})
    bar = page.actions.buttons
    assert not bar["approve"].isEnabled() and bar["approve"].toolTip() == "仅中队长可审批文书"
    assert not bar["seal"].isEnabled() and bar["seal"].toolTip() == "仅中队长可加盖印章"
    assert not bar["issue"].isEnabled()
    doc_id = page.current_row().id

    boss = _page(qtbot, store, paths, leader, case_id)
    assert boss.select_document(doc_id)
    boss.actions.buttons["approve"].click()
    _wait_state(qtbot, boss, APPROVED)
    assert boss.actions.buttons["seal"].isEnabled()
    _seal_with(monkeypatch, electronic=True)
    boss.actions.buttons["seal"].click()
    _wait_state(qtbot, boss, ISSUED)

    row = boss.current_row()
    assert re.fullmatch(rf"崇综执罚决字〔{china_today().year}〕\d+号", row.number)
    assert row.seal_mode == "electronic"
    assert pdf_path(paths, row.pdf_sha256).is_file()
    assert boss.seal_register.column_values("文号") == [row.number]
    assert boss.seal_register.column_values("方式") == ["电子印章"]
    assert boss.seal_register.column_values("份数") == ["2"]
    assert boss.seal_register.column_values("审批人") == ["王队长"]
    assert not boss.actions.buttons["seal"].isEnabled()  # already sealed
    assert boss.actions.buttons["correct"].isEnabled()
    with store.read() as s:
        assert s.get(Case, case_id).decision_number == row.number
    assert warnings == [warnings[0]]  # nothing else was refused


def test_clerk_cannot_apply_the_seal_through_the_page(qtbot, store, paths, people, env, monkeypatch,
                                                      warnings):
    clerk, leader = people
    case_id = decided(store, clerk, leader, env)
    page = _page(qtbot, store, paths, clerk, case_id)
    _generate(qtbot, page, monkeypatch, "penalty_decision", {"evidence_text": "1.现场检查笔录一份。"})
    doc_id = page.current_row().id
    with store.write(leader, "document.approve") as s:
        approve(s, leader, doc_id)
    page.reload(select_id=doc_id)
    seal = page.actions.buttons["seal"]
    assert page.current_row().state == APPROVED
    assert not seal.isEnabled() and seal.toolTip() == "仅中队长可加盖印章"

    # The handler called anyway (a stale button, a shortcut): the service refuses.
    _seal_with(monkeypatch, electronic=True)
    page.actions._on_seal_clicked()
    qtbot.waitUntil(lambda: len(warnings) == 1, timeout=WAIT_MS)
    assert "无权加盖印章" in warnings[0]
    page.actions.apply_seal(page.current_row(), SealRequest(requester="李文书", purpose="送达当事人",
                                                            approver="王队长", mode="hand_stamp"))
    qtbot.waitUntil(lambda: len(warnings) == 2, timeout=WAIT_MS)
    assert "无权加盖印章" in warnings[1]
    with store.read() as s:
        assert s.scalars(select(SealUse)).all() == []
        assert s.get(Document, doc_id).state == APPROVED and s.get(Document, doc_id).number is None

    # The clerk may still issue it with the box for a hand stamp; the leader registers the stamp.
    page.actions.buttons["issue"].click()
    _wait_state(qtbot, page, ISSUED)
    assert page.current_row().seal_mode == "box"
    boss = _page(qtbot, store, paths, leader, case_id)
    boss.select_document(doc_id)
    _seal_with(monkeypatch, electronic=False)
    boss.actions.buttons["seal"].click()
    qtbot.waitUntil(lambda: boss.seal_register.rowCount() == 1, timeout=WAIT_MS)
    assert boss.seal_register.column_values("方式") == ["手工盖章"]
    assert boss.seal_register.column_values("文号") == [boss.current_row().number]


def test_filing_approval_carries_the_case_number_from_the_one_squad_source(
        qtbot, store, paths, people, env, monkeypatch, warnings):
    clerk, leader = people
    first, second = new_lead(store, clerk, env), new_lead(store, clerk, env, name="李四", code="CG-002")
    with store.write(leader, "case.approve_filing") as s:
        for cid in (first, second):
            lifecycle.approve_filing(s, leader, cid, env=env, on=date(2026, 3, 3), opinion="同意立案")
    with store.read() as s:
        case_numbers = [s.get(Case, cid).case_number for cid in (first, second)]
    assert case_numbers == ["崇综执立字〔2026〕1号", "崇综执立字〔2026〕2号"]

    page = _page(qtbot, store, paths, leader, first)
    fill = {"handler_opinion": "建议立案", "handler_date": "2026年3月3日", "unit_opinion": "同意",
            "unit_head": "王队长", "unit_date": "2026年3月3日"}
    _generate(qtbot, page, monkeypatch, "filing_approval", fill)
    page.actions.buttons["approve"].click()
    _wait_state(qtbot, page, APPROVED)
    page.actions.buttons["issue"].click()
    _wait_state(qtbot, page, ISSUED)
    assert page.current_row().number == case_numbers[0]  # the same filing, the same number

    # A correction of it cannot repeat the number: the next serial of the same counter.
    monkeypatch.setattr(QMessageBox, "question", lambda *a, **k: QMessageBox.StandardButton.Yes)
    page.actions.buttons["correct"].click()
    _wait_state(qtbot, page, DRAFT)
    page.actions.buttons["approve"].click()
    _wait_state(qtbot, page, APPROVED)
    page.actions.buttons["issue"].click()
    _wait_state(qtbot, page, ISSUED)
    corrected = page.current_row().number
    if china_today().year == 2026:
        assert corrected == "崇综执立字〔2026〕3号"
    with store.read() as s:
        numbers = [d.number for d in s.scalars(select(Document)).all()]
        third = new_lead(store, clerk, env, name="王五", code="CG-003")
    with store.write(leader, "case.approve_filing") as s:
        lifecycle.approve_filing(s, leader, third, env=env, on=date(2026, 3, 4))
    with store.read() as s:
        everything = numbers + [s.get(Case, cid).case_number for cid in (first, second, third)]
    assert len(set(everything)) == len(everything) - 1  # only the case and its 立案审批表 share one
    assert [p.name for p in paths.root.glob("*.json")] == [LOCAL_LEASES_FILE]
    assert warnings == []


def test_generate_button_in_the_case_detail_opens_the_documents_page_for_that_case(
        qtbot, store, paths, people, env):
    from ui.cases.page import CasesPage
    from ui.main_window import MainWindow, PageSpec

    clerk, leader = people
    case_id = decided(store, clerk, leader, env)
    ctx = UiContext(paths=paths, prefs=Preferences(), store=store, actor=clerk)
    window = MainWindow([PageSpec("cases", "案件", lambda: CasesPage(ctx, env=env)),
                         PageSpec("documents", "文书", lambda: DocumentsPage(ctx))],
                        squad_name="怀远中队", user_label=clerk.user)
    qtbot.addWidget(window)
    cases = window.page("cases")
    qtbot.waitUntil(lambda: cases.select_case(case_id), timeout=WAIT_MS)
    qtbot.waitUntil(lambda: cases.detail.documents_button.isEnabled(), timeout=WAIT_MS)
    cases.detail.documents_button.click()
    documents = window.stack.currentWidget()
    assert isinstance(documents, DocumentsPage)
    assert documents.case is not None and documents.case.id == case_id
    assert documents.actions.buttons["generate"].isEnabled()


def test_issuing_offline_with_no_numbers_left_shows_the_services_message(
        qtbot, store, paths, people, env, monkeypatch, warnings):
    from app.errors import SyncFailed, SyncFailure

    class Offline:
        def lease(self, squad, doc_type, year, size):
            raise SyncFailed("无法连接县局服务器", kind=SyncFailure.NETWORK)

    monkeypatch.setattr("ui.documents.workflow.squad_block_source", lambda paths, store: Offline())
    clerk, leader = people
    case_id = decided(store, clerk, leader, env, decision_number=None)  # its 决定书 needs a serial
    page = _page(qtbot, store, paths, leader, case_id)
    _generate(qtbot, page, monkeypatch, "penalty_decision", {"evidence_text": "1.现场检查笔录一份。"})
    page.actions.buttons["approve"].click()
    _wait_state(qtbot, page, APPROVED)
    page.actions.buttons["issue"].click()
    qtbot.waitUntil(lambda: bool(warnings), timeout=WAIT_MS)
    assert "本机的文号段已用完" in warnings[0] and "请联网后重试" in warnings[0]
    with store.read() as s:
        doc = s.get(Document, page.current_row().id)
        assert doc.state == APPROVED and doc.number is None
