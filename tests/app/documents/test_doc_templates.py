"""Every shipped template renders the sample case and prints every required field's value."""

from __future__ import annotations

import re

import pytest

from app.documents.render import render_document
from app.documents.samples import SAMPLE_ISSUE_DATE, sample_context, sample_number
from app.documents.seal import load_seal
from app.documents.templates import available, load
from tests.app.documents.conftest import flat

DOC_ID = "0d6c1f7e-0000-4000-8000-00000000abcd"
EXPECTED = {
    "filing_approval", "inspection_record", "inquiry_record", "evidence_preservation_notice",
    "correction_order", "investigation_report", "legal_review_opinion", "collective_discussion",
    "prior_notice", "hearing_notice", "statement_record", "penalty_decision", "no_penalty_decision",
    "onsite_decision", "service_receipt", "service_address_confirmation", "payment_notice",
    "demand_notice", "closing_approval", "archive_cover", "archive_index", "archive_note",
}


def test_the_whole_document_set_is_shipped():
    assert EXPECTED <= set(available())


@pytest.mark.parametrize("doc_type", sorted(EXPECTED))
def test_template_prints_every_required_field(doc_type, read_pdf):
    template = load(doc_type)
    ctx = sample_context(doc_type)
    rendered = render_document(template, ctx, doc_id=DOC_ID, issue_date=SAMPLE_ISSUE_DATE,
                               number=sample_number(doc_type), seal_mode="electronic",
                               seal=load_seal("czzfj-official"))
    text = read_pdf(rendered.pdf)
    text = re.sub(r"第\d+页共\d+页|—\d+—", "", text)
    full = {**ctx, "number": sample_number(doc_type), "issue_date": "2026年4月8日"}
    missing = []
    for name in template.required:
        wrapped_in_cells = isinstance(full.get(name), list)
        for value in flat(full.get(name)):
            if value in text:
                continue
            # Grid cells wrap, and text extraction interleaves the cells of one row: accept the
            # value's characters in order with a little of the neighbouring cells between.
            pattern = ".{0,40}?".join(re.escape(ch) for ch in value)
            if not (wrapped_in_cells and re.search(pattern, text)):
                missing.append((name, value))
    assert not missing
    assert rendered.pdf.startswith(b"%PDF")


def test_officer_lines_print_each_certificate_number(read_pdf):
    ctx = sample_context("inspection_record")
    text = read_pdf(render_document(load("inspection_record"), ctx, doc_id=DOC_ID,
                                    issue_date=SAMPLE_ISSUE_DATE).pdf)
    assert "张伟（执法证号：51018400123）" in text
    assert "李娜（执法证号：51018400456）" in text


def test_decision_carries_payment_surcharge_remedies_and_discretion(read_pdf):
    ctx = sample_context("penalty_decision")
    text = read_pdf(render_document(load("penalty_decision"), ctx, doc_id=DOC_ID,
                                    issue_date=SAMPLE_ISSUE_DATE, number="崇综执罚决字〔2026〕12号").pdf)
    for needle in ("十五日内", "中国农业银行崇州市支行", "223101010400012", "百分之三加处罚款",
                   "不超过罚款的数额", "六十日内向崇州市人民政府申请行政复议", "六个月内直接向崇州市人民法院",
                   "裁量理由", "崇综执罚决字〔2026〕12号", "2026年4月8日"):
        assert needle in text, needle


def test_prior_notice_hearing_paragraph_only_when_article_63_applies(read_pdf):
    template = load("prior_notice")
    with_hearing = sample_context("prior_notice")
    without = {**with_hearing, "hearing_applicable": False}
    a = read_pdf(render_document(template, with_hearing, doc_id=DOC_ID, issue_date=SAMPLE_ISSUE_DATE,
                                 number="崇综执告字〔2026〕9号").pdf)
    b = read_pdf(render_document(template, without, doc_id=DOC_ID, issue_date=SAMPLE_ISSUE_DATE,
                                 number="崇综执告字〔2026〕9号").pdf)
    assert "有权要求举行听证" in a and "5个工作日内" in a
    assert "有权要求举行听证" not in b
    assert "陈述、申辩的权利" in b
