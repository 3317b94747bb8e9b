"""The fields of one document type in the 生成文书 dialog: which editor each field gets, what the
case's party fills in, the checks run before anything is generated, and the drafts kept for the
session so a dialog closed by mistake loses nothing.

A field's editor follows from the template: a ``qa`` block's source gets the transcript editor, a
``grid`` block's source a table, a start_time/end_time pair date-time editors (end not before
start), ``*_sex`` and ``*_relation`` choices, a field labelled 身份证号码 the GB 11643 check, a
field that is a whole paragraph a multi-line box; anything else one line.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from typing import Any

from PySide6.QtWidgets import QGridLayout, QLabel, QWidget
from sqlalchemy.orm import Session

from app.clock import format_cn_date
from app.documents.case_link import DocChoice
from app.documents.record_input import RowProblem, check_person_id, format_record_time, record_time_span
from app.documents.templates import Template, load, placeholders
from app.errors import Invalid
from ui.documents.record_fields import (
    RELATIONS,
    SEXES,
    ChoiceField,
    DateField,
    DateTimeField,
    ParagraphField,
    PersonIdField,
    TextField,
)
from ui.documents.grid_editor import GridEditor
from ui.documents.qa_editor import QaEditor

CASE_ONLY = frozenset({"officers"})   # lists of the case itself: filled on the case page
_WHOLE = re.compile(r"\{([a-z_][a-z0-9_]*)\??\}")
NATURAL_PERSON = "person"
SELF = RELATIONS[0]   # 当事人本人, as the record prints it


@dataclass(frozen=True)
class CaseFacts:
    """What the dialog may prefill from the case: its parties (plain dicts as the document context
    lists them), the officers' names (for 记录人) and the keys the case already fills."""

    parties: tuple[dict[str, Any], ...] = ()
    officer_names: tuple[str, ...] = ()
    known: frozenset[str] = frozenset()


def case_facts(session: Session, case_id: str) -> CaseFacts:
    """The case's parties, officers and filled keys, read on the database thread (plain data)."""
    from app.cases.document_context import case_document_context  # noqa: PLC0415 - when a dialog opens, not at start-up

    context = case_document_context(session, case_id)
    return CaseFacts(
        parties=tuple(dict(p) for p in context.get("parties") or ()),
        officer_names=tuple(o["name"] for o in context.get("officers") or () if o.get("name")),
        known=frozenset(k for k, v in context.items() if v not in (None, "", [], {})),
    )


class FieldProblem(Invalid):
    """A refusal about one field of the form; the dialog puts the cursor there."""

    def __init__(self, message: str, *, field_name: str) -> None:
        super().__init__(message)
        self.field_name = field_name


@dataclass
class SessionDrafts:
    """What was typed into the dialog and not yet generated, per (case, document type), for as
    long as the program runs. Kept in memory only: a transcript holds ID numbers and statements,
    which must not lie unencrypted in the data folder."""

    _drafts: dict[tuple[str, str], dict[str, Any]] = field(default_factory=dict)

    def get(self, case_id: str, doc_type: str) -> dict[str, Any] | None:
        return self._drafts.get((case_id, doc_type))

    def put(self, case_id: str, doc_type: str, state: dict[str, Any]) -> None:
        self._drafts[(case_id, doc_type)] = state

    def drop(self, case_id: str, doc_type: str) -> None:
        self._drafts.pop((case_id, doc_type), None)

    def clear(self) -> None:
        self._drafts.clear()


SESSION_DRAFTS = SessionDrafts()


def _whole_paragraph_fields(template: Template) -> set[str]:
    out = set()
    for block in template.blocks:
        if block.get("type") == "paragraph":
            m = _WHOLE.fullmatch(block.get("text", ""))
            if m:
                out.add(m.group(1))
    return out


def _optional_fields(template: Template, known: frozenset[str]) -> list[str]:
    """Optional placeholders of a record the case cannot fill (工作单位及职务, 见证人): offered so
    they are typed rather than written by hand; the unlabelled ones are left for the pen."""
    names: list[str] = []
    for block in template.blocks:
        for name, optional in placeholders(str(block.get("text", ""))):
            if optional and name in template.fields and name not in known and name not in names:
                names.append(name)
    return names


def is_record(template: Template) -> bool:
    """A record typed as it happens: it has a start and an end time, or a transcript."""
    return ({"start_time", "end_time"} <= set(template.fields)
            or any(b.get("type") == "qa" for b in template.blocks))


class RecordForm(QWidget):
    """The editors of one document type's fields the case cannot fill, laid out two to a row, the
    long ones (paragraphs, tables, the transcript) across."""

    def __init__(self, choice: DocChoice, facts: CaseFacts, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.choice = choice
        self.template = load(choice.doc_type)
        self.facts = facts
        self.widgets: dict[str, QWidget] = {}
        self.labels: dict[str, str] = {}
        self.required: list[str] = []
        self.case_only: list[str] = []
        self.transcript: QaEditor | None = None
        grid = QGridLayout(self)
        grid.setContentsMargins(0, 0, 0, 0)
        grid.setHorizontalSpacing(8)
        grid.setColumnStretch(1, 1)
        grid.setColumnStretch(3, 1)
        whole = _whole_paragraph_fields(self.template)
        blocks = {b["source"]: b for b in self.template.blocks if b.get("source")}
        missing = list(choice.missing)
        names = [m.name for m in missing]
        if is_record(self.template):
            names += _optional_fields(self.template, facts.known)
        # When and where first, as the record prints them; then the template's order.
        order = ["start_time", "end_time", "place", *self.template.fields]
        names.sort(key=lambda n: order.index(n) if n in order else len(order))
        row, col = 0, 0
        wide: list[tuple[str, QWidget]] = []
        for name in names:
            label = self.template.label(name)
            widget = self._editor(name, blocks.get(name), whole)
            if widget is None:
                self.case_only.append(label)
                continue
            self.widgets[name] = widget
            self.labels[name] = label
            if any(m.name == name for m in missing):
                self.required.append(name)
            if isinstance(widget, (QaEditor, GridEditor, ParagraphField)):
                wide.append((name, widget))
                continue
            caption = QLabel(label + ("" if name in self.required else self.tr("（可不填）")))
            caption.setBuddy(widget)
            grid.addWidget(caption, row, col)
            grid.addWidget(widget, row, col + 1)
            col += 2
            if col == 4:
                row, col = row + 1, 0
        if col:
            row += 1
        for name, widget in wide:  # after the short fields, in the order the record prints them
            caption = QLabel(self.labels[name])
            caption.setStyleSheet("font-weight: bold;")
            caption.setBuddy(widget)
            grid.addWidget(caption, row, 0, 1, 4)
            grid.addWidget(widget, row + 1, 0, 1, 4)
            grid.setRowStretch(row + 1, 1 if isinstance(widget, (QaEditor, GridEditor)) else 0)
            row += 2
        if not any(isinstance(w, (QaEditor, GridEditor)) for _n, w in wide):
            grid.setRowStretch(row, 1)  # short forms stay at the top
        self._link_person_fields()
        self._prefill()
        self.initial_state = self.state()

    # --- editors ----------------------------------------------------------------------------------
    def _editor(self, name: str, block: dict[str, Any] | None, whole: set[str]) -> QWidget | None:
        label = self.template.label(name)
        if name in CASE_ONLY:
            return None
        if block is not None:
            if block.get("type") == "qa":
                self.transcript = QaEditor()
                return self.transcript
            if block.get("type") == "grid":
                columns = [(c["key"], c["title"]) for c in block["columns"] if c["key"] != "#"]
                return GridEditor(columns)
            return None
        if name in ("start_time", "end_time") and {"start_time", "end_time"} <= set(self.template.fields):
            return DateTimeField(now_by_default=name == "start_time")
        if name.endswith("_sex"):
            return ChoiceField(SEXES, free_text=False, translated=True)
        if name.endswith("_relation"):
            return ChoiceField(RELATIONS, free_text=True, translated=True)
        if "身份证" in label:  # the template's own (Chinese) field label
            return PersonIdField()
        if name.endswith("_birth"):
            return DateField()
        if name == "recorder" and self.facts.officer_names:
            return ChoiceField(self.facts.officer_names, free_text=True)
        if name in whole:
            return ParagraphField()
        return TextField()

    def _sibling(self, id_name: str, suffix: str) -> QWidget | None:
        prefix = id_name.rsplit("_", 1)[0]
        return self.widgets.get(prefix + suffix)

    def _link_person_fields(self) -> None:
        """A valid ID number fills the sex and birth date beside it (the number encodes both)."""
        for name, widget in self.widgets.items():
            if isinstance(widget, PersonIdField):
                sex, birth = self._sibling(name, "_sex"), self._sibling(name, "_birth")

                def fill(person, sex=sex, birth=birth) -> None:  # noqa: ANN001
                    if isinstance(sex, ChoiceField):
                        sex.set_value(person.sex)
                    if isinstance(birth, DateField):
                        birth.set_day(person.birth_date)

                widget.person_found.connect(fill)

    def _prefill(self) -> None:
        """The interviewee (or 陈述申辩人) is usually the party: a natural person's name, number,
        address and phone are copied; the clerk corrects them when someone else speaks."""
        party = self.facts.parties[0] if self.facts.parties else None
        if party is None or party.get("kind") != NATURAL_PERSON:
            return
        values = {
            "interviewee": party.get("name", ""),
            "interviewee_sex": party.get("sex", ""),
            "interviewee_id": party.get("id_no", ""),
            "interviewee_address": party.get("address", ""),
            "interviewee_phone": party.get("phone", ""),
            "interviewee_relation": SELF,
            "statement_person": party.get("name", ""),
        }
        for name, value in values.items():
            widget = self.widgets.get(name)
            if widget is not None and value:
                widget.restore(value)

    # --- state and values -------------------------------------------------------------------------
    def state(self) -> dict[str, Any]:
        return {name: widget.state() for name, widget in self.widgets.items()}

    def restore(self, state: dict[str, Any]) -> None:
        for name, value in state.items():
            widget = self.widgets.get(name)
            if widget is not None:
                widget.restore(value)

    def has_changes(self) -> bool:
        return self.state() != self.initial_state

    def values(self, *, check_required: bool) -> dict[str, Any]:
        """What goes into the draft's context. Raises FieldProblem (Chinese) for what cannot be
        generated: a transcript or table row half filled, times out of order, a bad ID number,
        and with `check_required` every required field left empty."""
        out: dict[str, Any] = {}
        if self.transcript is not None:
            self.transcript.flag_row(None)  # a refusal fixed since: its outline goes
        for name, widget in self.widgets.items():
            if isinstance(widget, (DateTimeField, DateField)):
                continue
            try:
                value = widget.value()
            except RowProblem as exc:
                widget.flag_row(exc.row)
                raise FieldProblem(str(exc), field_name=name) from None
            if value:
                out[name] = value
        self._times(out)
        for name, widget in self.widgets.items():
            if isinstance(widget, DateField) and widget.day() is not None:
                out[name] = format_cn_date(widget.day())
            if isinstance(widget, PersonIdField) and widget.value():
                out[name] = self._person_id(name, widget)
        if check_required:
            empty = [n for n in self.required if n not in out]
            if empty:
                labels = self.tr("、").join(self.labels[n] for n in empty)
                raise FieldProblem(self.tr("《{0}》还缺少以下内容，不能生成：{1}。请补充后再试。")
                                   .format(self.template.title, labels), field_name=empty[0])
        return out

    def _times(self, out: dict[str, Any]) -> None:
        start, end = self.widgets.get("start_time"), self.widgets.get("end_time")
        if isinstance(start, DateTimeField) and start.moment() and isinstance(end, DateTimeField) and end.moment():
            try:
                out["start_time"], out["end_time"] = record_time_span(
                    start.moment(), end.moment(), start_label=self.labels["start_time"],
                    end_label=self.labels["end_time"])
            except Invalid as exc:
                raise FieldProblem(str(exc), field_name="end_time") from None
            return
        # Only one of the pair asked for (the case knows the other): print it in full.
        for name, widget in (("start_time", start), ("end_time", end)):
            if isinstance(widget, DateTimeField) and widget.moment():
                out[name] = format_record_time(widget.moment())

    def _person_id(self, name: str, widget: PersonIdField) -> str:
        sex, birth = self._sibling(name, "_sex"), self._sibling(name, "_birth")
        try:
            person = check_person_id(widget.value(), label=self.labels[name],
                                     sex=sex.value() if isinstance(sex, ChoiceField) else "",
                                     birth=birth.day() if isinstance(birth, DateField) else None)
        except Invalid as exc:
            raise FieldProblem(str(exc), field_name=name) from None
        return person.number
