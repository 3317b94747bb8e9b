"""The two small forms of the 文书 page: 生成文书 (choose a type, fill what the case cannot) and
用印 (electronic seal or a printed box for the hand stamp, with the 用印登记 facts).

Dialogs take plain values and expose the result as properties; the page runs the services.
"""

from __future__ import annotations

from PySide6.QtWidgets import (
    QButtonGroup,
    QComboBox,
    QDialog,
    QDialogButtonBox,
    QFormLayout,
    QLabel,
    QLineEdit,
    QRadioButton,
    QSpinBox,
    QVBoxLayout,
    QWidget,
)

from app.documents.case_link import DocChoice
from app.documents.service import SealRequest

ELECTRONIC, HAND_STAMP = "electronic", "hand_stamp"


class GenerateDocumentDialog(QDialog):
    """Choose a document type for the case; the fields the case cannot fill are listed, and those
    that fit on one line may be typed here (they belong to this document only)."""

    def __init__(self, case_label: str, choices: list[DocChoice], parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setWindowTitle("生成文书")
        self.setMinimumWidth(520)
        self._choices = choices
        self.type_combo = QComboBox()
        for choice in choices:
            suffix = f"（缺 {len(choice.missing)} 项）" if choice.missing else ""
            self.type_combo.addItem(choice.title + suffix, choice.doc_type)
        self.missing_label = QLabel()
        self.missing_label.setWordWrap(True)
        self.fields_box = QWidget()
        self.fields_form = QFormLayout(self.fields_box)
        self.fields_form.setContentsMargins(0, 0, 0, 0)
        self.edits: dict[str, QLineEdit] = {}
        self.buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Ok
                                        | QDialogButtonBox.StandardButton.Cancel)
        self.buttons.button(QDialogButtonBox.StandardButton.Ok).setText("生成草稿")
        self.buttons.button(QDialogButtonBox.StandardButton.Cancel).setText("取消")
        self.buttons.accepted.connect(self.accept)
        self.buttons.rejected.connect(self.reject)

        layout = QVBoxLayout(self)
        layout.addWidget(QLabel(f"案件：{case_label}"))
        form = QFormLayout()
        form.addRow("文书种类(&T)", self.type_combo)
        layout.addLayout(form)
        layout.addWidget(self.missing_label)
        layout.addWidget(self.fields_box)
        layout.addStretch(1)
        layout.addWidget(self.buttons)
        self.type_combo.currentIndexChanged.connect(self._on_type_changed)
        self._on_type_changed()

    @property
    def doc_type(self) -> str:
        return self.type_combo.currentData()

    @property
    def extra(self) -> dict[str, str]:
        return {name: edit.text().strip() for name, edit in self.edits.items() if edit.text().strip()}

    def select_type(self, doc_type: str) -> None:
        self.type_combo.setCurrentIndex(self.type_combo.findData(doc_type))

    def _on_type_changed(self) -> None:
        while self.fields_form.rowCount():
            self.fields_form.removeRow(0)
        self.edits = {}
        choice = next((c for c in self._choices if c.doc_type == self.doc_type), None)
        if choice is None or not choice.missing:
            self.missing_label.setText("案件中已有本文书需要的全部内容。")
            return
        lists = [m.label for m in choice.missing if m.is_list]
        text = "案件中还缺少：" + "、".join(m.label for m in choice.missing) + "。"
        if lists:
            text += "其中" + "、".join(lists) + "须先在案件中补充。"
        self.missing_label.setText(text + "可在下面填写本文书专有的内容：")
        for m in choice.missing:
            if not m.is_list:
                edit = QLineEdit()
                self.edits[m.name] = edit
                self.fields_form.addRow(m.label, edit)


class SealDialog(QDialog):
    """用印: 电子印章 (drawn in the PDF at issue) or 打印留印章框 (a dashed box for the hand stamp),
    and the register's facts. Electronic is offered only while the document is not yet issued."""

    def __init__(self, doc_label: str, *, requester: str, can_electronic: bool, approver: str = "",
                 parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setWindowTitle("用印")
        self.setMinimumWidth(460)
        self.electronic_radio = QRadioButton("电子印章（签发时加盖在文书上）")
        self.box_radio = QRadioButton("打印留印章框（打印后手工盖章）")
        group = QButtonGroup(self)
        group.addButton(self.electronic_radio)
        group.addButton(self.box_radio)
        self.electronic_radio.setEnabled(can_electronic)
        if not can_electronic:
            self.electronic_radio.setToolTip("文书已签发，不能再加盖电子印章")
        (self.electronic_radio if can_electronic else self.box_radio).setChecked(True)
        self.requester_edit = QLineEdit(requester)
        self.purpose_edit = QLineEdit("送达当事人")
        self.approver_edit = QLineEdit(approver)
        self.keeper_edit = QLineEdit()
        self.copies_spin = QSpinBox()
        self.copies_spin.setRange(1, 99)
        self.copies_spin.setValue(1)
        buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Ok | QDialogButtonBox.StandardButton.Cancel)
        buttons.button(QDialogButtonBox.StandardButton.Ok).setText("用印并登记")
        buttons.button(QDialogButtonBox.StandardButton.Cancel).setText("取消")
        buttons.accepted.connect(self.accept)
        buttons.rejected.connect(self.reject)

        layout = QVBoxLayout(self)
        layout.addWidget(QLabel(f"文书：{doc_label}"))
        layout.addWidget(self.electronic_radio)
        layout.addWidget(self.box_radio)
        form = QFormLayout()
        form.addRow("申请人(&R)", self.requester_edit)
        form.addRow("用印事由(&U)", self.purpose_edit)
        form.addRow("批准人(&A)", self.approver_edit)
        form.addRow("监印人(&K)", self.keeper_edit)
        form.addRow("份数(&N)", self.copies_spin)
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
