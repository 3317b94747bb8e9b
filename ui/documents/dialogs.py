"""The two forms of the 文书 page: 生成文书 (choose a type, fill what the case cannot) and
用印 (electronic seal or a printed box for the hand stamp, with the 用印登记 facts).

Dialogs take plain values and expose the result as properties; the page runs the services.
"""

from __future__ import annotations

from typing import Any

from PySide6.QtCore import Slot
from PySide6.QtGui import QKeySequence, QShortcut
from PySide6.QtWidgets import (
    QButtonGroup,
    QComboBox,
    QDialog,
    QDialogButtonBox,
    QFormLayout,
    QLabel,
    QLineEdit,
    QMessageBox,
    QRadioButton,
    QSpinBox,
    QVBoxLayout,
    QWidget,
)

from app.documents.case_link import DocChoice
from app.documents.service import SealRequest
from ui.documents.qa_editor import QaEditor
from ui.documents.record_form import (
    SESSION_DRAFTS,
    CaseFacts,
    FieldProblem,
    RecordForm,
    SessionDrafts,
    is_record,
)

ELECTRONIC, HAND_STAMP = "electronic", "hand_stamp"


class GenerateDocumentDialog(QDialog):
    """Choose a document type for the case; the fields the case cannot fill are typed here (they
    belong to this document only), each with the editor it needs — for a record the 问答
    transcript, times, 性别, 与本案关系 and a checked ID number (ui.documents.record_form).

    生成草稿 (or Ctrl+Enter) checks the input first and stays open with a Chinese message when
    something cannot be generated. Whatever was typed is kept for the session per case and type
    (`drafts`): closing by mistake, or a refusal by the service, loses nothing."""

    def __init__(self, case_label: str, choices: list[DocChoice], parent: QWidget | None = None, *,
                 case_id: str = "", facts: CaseFacts | None = None,
                 drafts: SessionDrafts | None = None) -> None:
        super().__init__(parent)
        self.setWindowTitle(self.tr("生成文书"))
        self.setMinimumWidth(560)
        self._choices = choices
        self._case_id = case_id
        self._facts = facts or CaseFacts()
        self._drafts = drafts if drafts is not None else SESSION_DRAFTS
        self._extra: dict[str, Any] | None = None
        self.form: RecordForm | None = None
        self.type_combo = QComboBox()
        for choice in choices:
            suffix = self.tr("（缺 {0} 项）").format(len(choice.missing)) if choice.missing else ""
            self.type_combo.addItem(choice.title + suffix, choice.doc_type)
        self.missing_label = QLabel()
        self.missing_label.setWordWrap(True)
        self.restored_label = QLabel()
        self.restored_label.setObjectName("draftRestored")
        self.restored_label.setWordWrap(True)
        self.restored_label.setStyleSheet("color: #8a5a00; background: #fff4d6; padding: 4px;")
        self.fields_box = QWidget()
        self.fields_layout = QVBoxLayout(self.fields_box)
        self.fields_layout.setContentsMargins(0, 0, 0, 0)
        self.edits: dict[str, QWidget] = {}
        self.buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Ok
                                        | QDialogButtonBox.StandardButton.Cancel)
        self.ok_button = self.buttons.button(QDialogButtonBox.StandardButton.Ok)
        self.ok_button.setText(self.tr("生成草稿(&D)"))
        self.ok_button.setToolTip(self.tr("检查后生成文书草稿（Ctrl+Enter）"))
        self.buttons.button(QDialogButtonBox.StandardButton.Cancel).setText(self.tr("关闭"))
        self.buttons.button(QDialogButtonBox.StandardButton.Cancel).setToolTip(
            self.tr("已填写的内容在本次运行期间保留，再次打开可继续"))
        self.discard_button = self.buttons.addButton(self.tr("清空重填"),
                                                     QDialogButtonBox.ButtonRole.ResetRole)
        self.discard_button.setAutoDefault(False)
        self.buttons.accepted.connect(self.accept)
        self.buttons.rejected.connect(self.reject)
        self.discard_button.clicked.connect(self._on_discard_clicked)
        for keys in ("Ctrl+Return", "Ctrl+Enter"):
            QShortcut(QKeySequence(keys), self, activated=self.accept)

        layout = QVBoxLayout(self)
        layout.addWidget(QLabel(self.tr("案件：") + case_label))
        form = QFormLayout()
        form.addRow(self.tr("文书种类(&T)"), self.type_combo)
        layout.addLayout(form)
        layout.addWidget(self.missing_label)
        layout.addWidget(self.restored_label)
        layout.addWidget(self.fields_box, 1)
        layout.addWidget(self.buttons)
        self._shown_type: str | None = None
        self.type_combo.currentIndexChanged.connect(self._on_type_changed)
        self._on_type_changed()

    @property
    def doc_type(self) -> str:
        return self.type_combo.currentData()

    @property
    def extra(self) -> dict[str, Any]:
        """What only this document says, as checked by 生成草稿 (or, for a caller that did not go
        through it, as typed, without the required-field check)."""
        if self._extra is not None:
            return self._extra
        return self.form.values(check_required=False) if self.form is not None else {}

    def select_type(self, doc_type: str) -> None:
        self.type_combo.setCurrentIndex(self.type_combo.findData(doc_type))

    # --- closing ----------------------------------------------------------------------------------
    def accept(self) -> None:
        """Checks first: a refusal is shown in Chinese and the dialog stays as it was."""
        try:
            values = self.form.values(check_required=True) if self.form is not None else {}
        except FieldProblem as exc:
            QMessageBox.warning(self, self.tr("不能生成"), str(exc))
            widget = self.form.widgets.get(exc.field_name) if self.form is not None else None
            if widget is not None and not isinstance(widget, QaEditor):  # the editor placed it
                widget.setFocus()
            return
        self._extra = values
        super().accept()

    def done(self, result: int) -> None:
        self._keep_draft()
        super().done(result)

    def _keep_draft(self) -> None:
        if self.form is None or not self._case_id:
            return
        if self.form.has_changes():
            self._drafts.put(self._case_id, self._shown_type, self.form.state())
        else:
            self._drafts.drop(self._case_id, self._shown_type)

    @Slot()
    def _on_discard_clicked(self) -> None:
        if self.form is None or not self.form.has_changes():
            return
        answer = QMessageBox.question(
            self, self.tr("清空重填"), self.tr("清空本文书已填写的全部内容？此操作不能撤销。"),
            QMessageBox.StandardButton.Yes | QMessageBox.StandardButton.No, QMessageBox.StandardButton.No)
        if answer != QMessageBox.StandardButton.Yes:
            return
        self._drafts.drop(self._case_id, self._shown_type)
        self._show_fields(keep_old=False)

    # --- the fields -------------------------------------------------------------------------------
    @Slot()
    def _on_type_changed(self) -> None:
        self._show_fields(keep_old=True)

    def _show_fields(self, *, keep_old: bool) -> None:
        if self.form is not None:
            if keep_old:
                self._keep_draft()
            self.form.setParent(None)
            self.form.deleteLater()
        self.form = None
        self.edits = {}
        self.restored_label.hide()
        self._shown_type = self.doc_type
        choice = next((c for c in self._choices if c.doc_type == self.doc_type), None)
        if choice is None:
            self.missing_label.setText(self.tr("本案当前阶段没有可生成的文书。"))
            return
        form = RecordForm(choice, self._facts)
        if not form.widgets and not form.case_only:
            self.missing_label.setText(self.tr("案件中已有本文书需要的全部内容。"))
            form.deleteLater()
            return
        self.form = form
        self.fields_layout.addWidget(form)
        form.show()  # at once, not on the next turn of the event loop: the cursor goes there now
        self.edits = dict(form.widgets)
        if form.transcript is not None:
            form.transcript.submit_requested.connect(self.accept)
        record = is_record(form.template)
        text = ""
        if choice.missing and not record:
            text = self.tr("案件中还缺少：") + self.tr("、").join(m.label for m in choice.missing) + self.tr("。")
        if form.case_only:
            text += self.tr("其中") + self.tr("、").join(form.case_only) + self.tr("须先在案件中补充。")
        if form.widgets:
            text += (self.tr("请填写本笔录的内容") if record else self.tr("可在下面填写本文书专有的内容"))
            text += self.tr("（Ctrl+Enter 生成草稿）：")
        self.missing_label.setText(text)
        draft = self._drafts.get(self._case_id, choice.doc_type) if self._case_id else None
        if draft:
            form.restore(draft)
            self.restored_label.setText(self.tr("已恢复上次未生成的内容。关闭对话框不会丢失已填写的内容；"
                                                "要重新开始请点“清空重填”。"))
            self.restored_label.show()
        if record:
            self.resize(max(self.width(), 980), max(self.height(), 860))


class SealDialog(QDialog):
    """用印: 电子印章 (drawn in the PDF at issue) or 打印留印章框 (a dashed box for the hand stamp),
    and the register's facts. Electronic is offered only while the document is not yet issued."""

    def __init__(self, doc_label: str, *, requester: str, can_electronic: bool, approver: str = "",
                 parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setWindowTitle(self.tr("用印"))
        self.setMinimumWidth(460)
        self.electronic_radio = QRadioButton(self.tr("电子印章（签发时加盖在文书上）"))
        self.box_radio = QRadioButton(self.tr("打印留印章框（打印后手工盖章）"))
        group = QButtonGroup(self)
        group.addButton(self.electronic_radio)
        group.addButton(self.box_radio)
        self.electronic_radio.setEnabled(can_electronic)
        if not can_electronic:
            self.electronic_radio.setToolTip(self.tr("文书已签发，不能再加盖电子印章"))
        (self.electronic_radio if can_electronic else self.box_radio).setChecked(True)
        self.requester_edit = QLineEdit(requester)
        self.purpose_edit = QLineEdit(self.tr("送达当事人"))
        self.approver_edit = QLineEdit(approver)
        self.keeper_edit = QLineEdit()
        self.copies_spin = QSpinBox()
        self.copies_spin.setRange(1, 99)
        self.copies_spin.setValue(1)
        buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Ok | QDialogButtonBox.StandardButton.Cancel)
        buttons.button(QDialogButtonBox.StandardButton.Ok).setText(self.tr("用印并登记"))
        buttons.button(QDialogButtonBox.StandardButton.Cancel).setText(self.tr("取消"))
        buttons.accepted.connect(self.accept)
        buttons.rejected.connect(self.reject)

        layout = QVBoxLayout(self)
        layout.addWidget(QLabel(self.tr("文书：{0}").format(doc_label)))
        layout.addWidget(self.electronic_radio)
        layout.addWidget(self.box_radio)
        form = QFormLayout()
        form.addRow(self.tr("申请人(&R)"), self.requester_edit)
        form.addRow(self.tr("用印事由(&U)"), self.purpose_edit)
        form.addRow(self.tr("批准人(&A)"), self.approver_edit)
        form.addRow(self.tr("监印人(&K)"), self.keeper_edit)
        form.addRow(self.tr("份数(&N)"), self.copies_spin)
        layout.addLayout(form)
        layout.addWidget(buttons)

    @property
    def mode(self) -> str:
        return ELECTRONIC if self.electronic_radio.isChecked() else HAND_STAMP

    @property
    def request(self) -> SealRequest:
        return SealRequest(requester=self.requester_edit.text().strip(),
                           purpose=self.purpose_edit.text().strip(),
                           approver=self.approver_edit.text().strip(),
                           keeper=self.keeper_edit.text().strip(),
                           copies=self.copies_spin.value(), mode=self.mode)
