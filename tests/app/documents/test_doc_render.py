"""The renderer: refusals before drawing, byte-identical output, seal modes, QR payload."""

from __future__ import annotations

import subprocess
import sys
from datetime import date

import pytest
from pypdf import PdfReader

from app.documents.render import render_document
from app.documents.samples import SAMPLE_ISSUE_DATE, sample_context
from app.documents.seal import load_seal
from app.documents.templates import load
from app.errors import Invalid

DOC_ID = "0d6c1f7e-0000-4000-8000-00000000abcd"
NUMBER = "崇综执罚决字〔2026〕12号"


def _render(ctx=None, **kw):
    kw.setdefault("doc_id", DOC_ID)
    kw.setdefault("issue_date", SAMPLE_ISSUE_DATE)
    kw.setdefault("number", NUMBER)
    return render_document(load("penalty_decision"), ctx or sample_context("penalty_decision"), **kw)


def test_empty_required_fields_are_all_listed_in_chinese():
    ctx = sample_context("penalty_decision")
    ctx.update(party_address="", discretion_reasoning="  " and "", evidence_text=None)
    with pytest.raises(Invalid) as info:
        _render(ctx)
    message = str(info.value)
    assert "《行政处罚决定书》还缺少以下内容" in message
    for label in ("住所（地址）", "裁量理由（适用的裁量基准）", "证据"):
        assert label in message


def test_missing_number_refuses():
    with pytest.raises(Invalid, match="文号"):
        _render(number="")


def test_unprintable_character_refuses_before_anything_is_drawn():
    ctx = sample_context("penalty_decision")
    ctx["party_representative"] = "王𠀾"
    with pytest.raises(Invalid, match=r"字符「𠀾」\(U\+2003E\)"):
        _render(ctx)


def test_same_inputs_give_identical_bytes():
    seal = load_seal("czzfj-official")
    a = _render(seal_mode="electronic", seal=seal)
    b = _render(seal_mode="electronic", seal=seal)
    assert a.pdf == b.pdf and a.sha256 == b.sha256


def test_identical_bytes_across_processes():
    code = (
        "import sys, hashlib\n"
        "from app.documents.render import render_document\n"
        "from app.documents.samples import SAMPLE_ISSUE_DATE, sample_context\n"
        "from app.documents.templates import load\n"
        f"r = render_document(load('penalty_decision'), sample_context('penalty_decision'), doc_id='{DOC_ID}',"
        f" issue_date=SAMPLE_ISSUE_DATE, number='{NUMBER}')\n"
        "print(r.sha256)\n"
    )
    out = subprocess.run([sys.executable, "-c", code], check=True, capture_output=True, text=True)
    assert out.stdout.strip() == _render().sha256


def test_metadata_comes_from_the_document_not_the_clock():
    pdf = _render().pdf
    reader = PdfReader(__import__("io").BytesIO(pdf))
    info = reader.metadata
    assert info["/CreationDate"].startswith("D:20260407160000")  # 2026-04-08 00:00 China time
    assert info["/Subject"] == DOC_ID
    assert NUMBER in info["/Title"]
    other = _render(doc_id="0d6c1f7e-0000-4000-8000-00000000ffff").pdf
    assert reader.trailer["/ID"] != PdfReader(__import__("io").BytesIO(other)).trailer["/ID"]


def test_changing_any_field_changes_the_payload_digest():
    ctx = sample_context("penalty_decision")
    a = _render(ctx)
    b = _render({**ctx, "penalty_text": "罚款人民币叁仟元整。"})
    assert a.payload_digest != b.payload_digest


def test_page_numbers_use_dashes_and_alternate_sides(read_pdf):
    rendered = _render()
    assert rendered.pages >= 2
    text = read_pdf(rendered.pdf)
    assert "—1—" in text and "—2—" in text


def test_seal_modes_differ_and_drafts_carry_no_seal():
    seal = load_seal("czzfj-official")
    electronic = _render(seal_mode="electronic", seal=seal).pdf
    box = _render(seal_mode="box").pdf
    none = _render(seal_mode="none").pdf
    assert len({electronic, box, none}) == 3
    assert "（印章）".encode("utf-16-be") not in none


def test_issue_date_in_other_year_changes_creation_date():
    pdf = _render(issue_date=date(2027, 1, 5)).pdf
    reader = PdfReader(__import__("io").BytesIO(pdf))
    assert reader.metadata["/CreationDate"].startswith("D:20270104")


def test_pasted_tabs_and_control_characters_never_print_as_boxes(read_pdf):
    ctx = sample_context("penalty_decision")
    ctx["party_representative"] = "王建国\t（经营者）\r\x07"
    text = read_pdf(_render(ctx).pdf)
    assert "王建国（经营者）" in text
