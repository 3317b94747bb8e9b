"""The 文书 page's action bar: 生成文书, 审批, 签发, 用印, 更正 for the selected case and document.

Buttons are enabled by the document's state and the signed-in role, and say why when they are
not (tooltip); the services check again and their refusal reaches the clerk through show_error.
Every write runs on the database thread (ui.tasks). Issuing leases a block of numbers from the
squad's one source (app.cases.numbers.squad_block_source) in a transaction of its own first, so a
failed issue does not lose a leased block.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

from PySide6.QtCore import QCoreApplication, Signal, Slot
from PySide6.QtWidgets import QHBoxLayout, QMessageBox, QPushButton, QWidget

from app.cases.numbers import squad_block_source
from app.clock import china_today
from app.context import Actor
from app.documents.case_link import DocChoice, case_doc_choices, correct_from_case, draft_from_case
from app.documents.numbering import ensure_block
from app.documents.seal import load_seal
from app.documents.service import (
    APPROVED,
    DRAFT,
    ISSUED,
    DocumentRow,
    SealRequest,
    approve,
    issue,
    register_seal_use,
)
from app.documents.templates import load
from app.security.roles import Permission, allowed
from ui.context import UiContext
from ui.documents.dialogs import ELECTRONIC, GenerateDocumentDialog, SealDialog
from ui.documents.record_form import SESSION_DRAFTS, CaseFacts, case_facts
from ui.tasks import run_in_background

DEFAULT_SEAL_ID = "czzfj-official"


def seal_id_of(ctx: UiContext) -> str:
    """The agency seal this deployment uses (prefs.extra["seal_id"], pushed by the county)."""
    return str(ctx.prefs.extra.get("seal_id") or DEFAULT_SEAL_ID)


@dataclass(frozen=True)
class ButtonState:
    enabled: bool
    why: str           # tooltip: what it does, or why it cannot be done now


def action_states(actor: Actor, row: DocumentRow | None, *, case_id: str | None) -> dict[str, ButtonState]:
    """What each action button shows for `row` (the selected stored document, or None)."""
    def state(ok: bool, done: str, why_not: str) -> ButtonState:
        return ButtonState(ok, done if ok else why_not)

    can = {p: allowed(actor, p) for p in Permission}
    out = {"generate": state(
        case_id is not None and can[Permission.EDIT_CASE],
        QCoreApplication.translate("DocumentActionBar", "从案件生成文书草稿"),
        QCoreApplication.translate("DocumentActionBar", "请先选择案件（案件页“生成文书…”或本页“选择案件…”）")
        if case_id is None else QCoreApplication.translate("DocumentActionBar", "当前用户无权编辑案件文书"))}
    if row is None:
        none = ButtonState(False, QCoreApplication.translate("DocumentActionBar", "请先在左侧选择一份本机文书"))
        return {**out, "approve": none, "issue": none, "seal": none, "correct": none}
    needs_seal = load(row.doc_type).seal != "none" if row.doc_type else False
    out["approve"] = (state(can[Permission.DECIDE],
                            QCoreApplication.translate("DocumentActionBar", "审批通过后方可签发、用印"),
                            QCoreApplication.translate("DocumentActionBar", "仅中队长可审批文书"))
                      if row.state == DRAFT
                      else ButtonState(False, QCoreApplication.translate("DocumentActionBar", "只有草稿需要审批")))
    if row.state != APPROVED:
        out["issue"] = ButtonState(
            False, QCoreApplication.translate("DocumentActionBar", "已签发") if row.state == ISSUED
            else QCoreApplication.translate("DocumentActionBar", "文书尚未审批，不能签发"))
    else:
        out["issue"] = state(
            can[Permission.ISSUE_DOCUMENT],
            QCoreApplication.translate("DocumentActionBar", "取号、生成并保存正式文书")
            + (QCoreApplication.translate("DocumentActionBar", "（留印章框，手工盖章）") if needs_seal else ""),
            QCoreApplication.translate("DocumentActionBar", "当前用户无权签发文书"))
    if not needs_seal:
        out["seal"] = ButtonState(False, QCoreApplication.translate("DocumentActionBar", "本文书不加盖印章"))
    elif not can[Permission.APPLY_SEAL]:
        out["seal"] = ButtonState(False, QCoreApplication.translate("DocumentActionBar", "仅中队长可加盖印章"))
    elif row.state == DRAFT:
        out["seal"] = ButtonState(False, QCoreApplication.translate("DocumentActionBar", "文书尚未审批，不得用印"))
    elif row.state == ISSUED and row.seal_mode == "electronic":
        out["seal"] = ButtonState(False, QCoreApplication.translate("DocumentActionBar", "已加盖电子印章"))
    else:
        out["seal"] = ButtonState(True, QCoreApplication.translate(
            "DocumentActionBar", "电子印章（签发时加盖）或打印留印章框，并写入用印登记"))
    out["correct"] = (state(can[Permission.EDIT_CASE],
                            QCoreApplication.translate("DocumentActionBar", "制作更正文书（新草稿，原文书保留）"),
                            QCoreApplication.translate("DocumentActionBar", "当前用户无权制作更正文书"))
                      if row.state == ISSUED else
                      ButtonState(False, QCoreApplication.translate("DocumentActionBar", "未签发的文书直接重新生成即可")))
    return out


class DocumentActionBar(QWidget):
    """The buttons and their work. `set_target(row, case_id, case_label)` after every selection;
    `changed(doc_id)` after a successful write (the page reloads and selects that document)."""

    changed = Signal(str)

    def __init__(self, ctx: UiContext, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self._ctx = ctx
        self.row: DocumentRow | None = None
        self.case_id: str | None = None
        self.case_label = ""
        self.buttons = {
            "generate": QPushButton(self.tr("生成文书(&G)…")),
            "approve": QPushButton(self.tr("审批(&A)")),
            "issue": QPushButton(self.tr("签发(&S)")),
            "seal": QPushButton(self.tr("用印(&Y)…")),
            "correct": QPushButton(self.tr("更正(&C)")),
        }
        layout = QHBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        for key, button in self.buttons.items():
            button.setObjectName(f"doc_{key}")
            layout.addWidget(button)
        layout.addStretch(1)
        self.buttons["generate"].clicked.connect(self._on_generate_clicked)
        self.buttons["approve"].clicked.connect(self._on_approve_clicked)
        self.buttons["issue"].clicked.connect(self._on_issue_clicked)
        self.buttons["seal"].clicked.connect(self._on_seal_clicked)
        self.buttons["correct"].clicked.connect(self._on_correct_clicked)
        self.set_target(None, None, "")

    def set_target(self, row: DocumentRow | None, case_id: str | None, case_label: str) -> None:
        self.row, self.case_id, self.case_label = row, case_id, case_label
        for key, st in action_states(self._ctx.actor, row, case_id=case_id).items():
            self.buttons[key].setEnabled(st.enabled)
            self.buttons[key].setToolTip(st.why)

    # --- the work, on the database thread ---------------------------------------------------------
    def _write(self, action: str, summary: str, call, *, label: str, on_success=None) -> None:  # noqa: ANN001
        """`call(session, actor, progress)` in one write; `changed` with the id it returns."""
        ctx = self._ctx

        def work(progress):  # noqa: ANN001, ANN202
            with ctx.store.write(ctx.actor, action, summary=summary) as session:
                return call(session, ctx.actor, progress)

        run_in_background(self, work, label=label, on_success=on_success or self._on_written)

    def _on_written(self, doc_id: str) -> None:
        self.changed.emit(doc_id)

    # --- 生成文书 --------------------------------------------------------------------------------
    @Slot()
    def _on_generate_clicked(self) -> None:
        case_id, ctx = self.case_id, self._ctx
        if case_id is None:
            return

        def work(_progress):  # noqa: ANN001, ANN202
            with ctx.store.read() as session:
                return (case_doc_choices(session, case_id, prefs=ctx.prefs),
                        case_facts(session, case_id))

        run_in_background(self, work, label=self.tr("正在读取案件…"), on_success=self._on_choices_read,
                          show_dialog=False)

    def open_generate_dialog(self, choices: list[DocChoice],
                             facts: CaseFacts | None = None) -> GenerateDocumentDialog:
        """The dialog, not yet shown (tests drive it)."""
        return GenerateDocumentDialog(self.case_label, choices, self, case_id=self.case_id or "",
                                      facts=facts)

    def _on_choices_read(self, result: tuple[list[DocChoice], CaseFacts]) -> None:
        choices, facts = result
        if not choices:
            QMessageBox.information(self, self.tr("生成文书"), self.tr("本案当前阶段没有需要制作的文书。"))
            return
        dialog = self.open_generate_dialog(choices, facts)
        if dialog.exec() == GenerateDocumentDialog.DialogCode.Accepted:
            self.generate(dialog.doc_type, dialog.extra)

    def generate(self, doc_type: str, extra: dict[str, Any]) -> None:
        case_id, prefs = self.case_id, self._ctx.prefs
        if case_id is None:
            return
        title = load(doc_type).title

        def written(doc_id: str) -> None:  # what was typed is in the draft now: no longer kept
            SESSION_DRAFTS.drop(case_id, doc_type)
            self._on_written(doc_id)

        self._write("document.draft", self.tr("生成文书草稿：{0}").format(title),
                    lambda s, a, _p: draft_from_case(s, a, case_id, doc_type, extra=extra, prefs=prefs).id,
                    label=self.tr("正在生成《{0}》…").format(title), on_success=written)

    # --- 审批 / 签发 / 更正 ------------------------------------------------------------------------
    @Slot()
    def _on_approve_clicked(self) -> None:
        if self.row is None:
            return
        doc_id, prefs = self.row.id, self._ctx.prefs
        self._write("document.approve", self.tr("审批文书：{0}").format(self.row.title),
                    lambda s, a, _p: approve(s, a, doc_id, prefs=prefs).id, label=self.tr("正在审批…"))

    @Slot()
    def _on_issue_clicked(self) -> None:
        if self.row is not None:
            self.issue_row(self.row, seal_request=None)

    def issue_row(self, row: DocumentRow, *, seal_request: SealRequest | None) -> None:
        """Lease numbers (own transaction), then number, render and store the PDF; with an
        electronic `seal_request` the agency seal is drawn and registered in the same write;
        with a hand-stamp request the PDF carries the seal box and the use is registered."""
        ctx, doc_id, doc_type = self._ctx, row.id, row.doc_type
        seal_id = seal_id_of(ctx)
        numbered = bool(load(doc_type).category)
        lease_summary = self.tr("领取文号段")
        issue_summary = self.tr("签发文书：{0}").format(row.title)

        def work(progress):  # noqa: ANN001, ANN202
            progress(0, 3)
            source = squad_block_source(ctx.paths, ctx.store)
            day = china_today()
            if numbered:  # an unnumbered record (集体讨论记录…) leases nothing
                with ctx.store.write(ctx.actor, "document.lease", summary=lease_summary) as session:
                    ensure_block(session, source, squad_id=ctx.actor.squad_id, doc_type=doc_type,
                                 year=day.year)
            progress(1, 3)
            electronic = seal_request is not None and seal_request.mode == ELECTRONIC
            with ctx.store.write(ctx.actor, "document.issue", summary=issue_summary) as session:
                issue(session, ctx.actor, doc_id, paths=ctx.paths, prefs=ctx.prefs, source=source,
                      issue_date=day, seal=load_seal(seal_id) if electronic else None,
                      seal_request=seal_request if electronic else None)
                progress(2, 3)
                if seal_request is not None and not electronic:
                    register_seal_use(session, ctx.actor, doc_id, seal_id=seal_id, request=seal_request)
            progress(3, 3)
            return doc_id

        run_in_background(self, work, label=self.tr("正在签发《{0}》…").format(row.title),
                          on_success=self._on_written)

    @Slot()
    def _on_correct_clicked(self) -> None:
        if self.row is None:
            return
        answer = QMessageBox.question(
            self, self.tr("更正文书"),
            self.tr("将按案件现有信息制作《{0}》{1}的更正文书（新草稿），"
                    "原文书保留不变。继续吗？").format(self.row.title, self.row.number))
        if answer != QMessageBox.StandardButton.Yes:
            return
        doc_id = self.row.id
        self._write("document.correct", self.tr("更正文书：{0} {1}").format(self.row.title, self.row.number),
                    lambda s, a, _p: correct_from_case(s, a, doc_id).id, label=self.tr("正在制作更正文书…"))

    # --- 用印 ------------------------------------------------------------------------------------
    def open_seal_dialog(self, row: DocumentRow) -> SealDialog:
        """The dialog, not yet shown (tests drive it)."""
        user = self._ctx.actor.user
        # The one who may seal approves the use; the requester is usually the clerk: both editable.
        return SealDialog(f"{row.title} {row.number}".strip(), requester=user,
                          approver=user if allowed(self._ctx.actor, Permission.APPLY_SEAL) else "",
                          can_electronic=row.state == APPROVED, parent=self)

    @Slot()
    def _on_seal_clicked(self) -> None:
        row = self.row
        if row is None:
            return
        dialog = self.open_seal_dialog(row)
        if dialog.exec() != SealDialog.DialogCode.Accepted:
            return
        self.apply_seal(row, dialog.request)

    def apply_seal(self, row: DocumentRow, request: SealRequest) -> None:
        """An approved document is issued with the seal (or its box) and registered; an issued
        one with a box has its hand stamp registered. The service decides who may."""
        if row.state == APPROVED:
            self.issue_row(row, seal_request=request)
            return
        doc_id, seal_id = row.id, seal_id_of(self._ctx)
        self._write("document.seal", self.tr("用印登记：{0} {1}").format(row.title, row.number),
                    lambda s, a, _p: register_seal_use(s, a, doc_id, seal_id=seal_id, request=request)
                    .document_id, label=self.tr("正在登记用印…"))
