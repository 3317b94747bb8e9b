"""卷宗 export: order, index page ranges, archive page numbers; and the pre-filing check."""

from __future__ import annotations

import io
import re
from datetime import date

from pypdf import PdfReader

from app.documents.archive import ArchiveItem, build_volume, precheck
from app.documents.samples import CASE, DECISION_NUMBER, sample_context, sample_number

CASE_FACTS = {
    "case_title": "崇州市怀远镇鑫源建材经营部未经批准擅自占用城市道路堆放物料案",
    "decision_number": DECISION_NUMBER, "filing_date": CASE["filing_date"],
    "closing_date": "2026年4月17日", "retention": "定期30年", "archive_no": "20260001",
    "compiler": "李娜", "compile_date": "2026年4月20日", "checker": "刘强", "check_date": "2026年4月21日",
}
TYPES = ["inquiry_record", "penalty_decision", "filing_approval", "service_receipt", "prior_notice",
         "inspection_record", "investigation_report", "closing_approval"]


def _items(types=TYPES, **extra):
    out = []
    for n, t in enumerate(types):
        ctx = sample_context(t)
        ctx.update(extra.get(t, {}))
        out.append(ArchiveItem(doc_type=t, context=ctx, doc_id=f"00000000-0000-4000-8000-{n:012d}",
                               issue_date=date(2026, 3, 1 + n), number=sample_number(t)))
    return out


def test_main_volume_orders_documents_and_numbers_pages(tmp_path):
    vol = build_volume(_items(), case=CASE_FACTS, volume="main")
    titles = [e["title"] for e in vol.entries]
    assert titles == ["立案审批表", "行政处罚决定书", "行政处罚事先告知书", "送达回证",
                      "现场检查（勘验）笔录", "询问笔录"]
    reader = PdfReader(io.BytesIO(vol.pdf))
    assert len(reader.pages) == vol.pages
    # Ranges are continuous from 1 to the last numbered page.
    ranges = [e["pages"] for e in vol.entries]
    assert ranges[0].startswith("1")
    last = int(ranges[-1].split("-")[-1])
    assert last == vol.document_pages
    # The first document page (after cover and index) carries archive number 1.
    first_doc_page = reader.pages[2].extract_text()
    assert re.search(r"(^|\n)1(\n|$)", first_doc_page)
    cover = reader.pages[0].extract_text().replace(" ", "")
    assert "正卷" in cover and "20260001" in cover and f"{vol.document_pages}页" in cover


def test_sub_volume_holds_internal_documents():
    vol = build_volume(_items(), case=CASE_FACTS, volume="sub")
    assert [e["title"] for e in vol.entries] == ["案件调查终结报告", "结案审批表"]


def test_volume_is_deterministic():
    a = build_volume(_items(), case=CASE_FACTS)
    b = build_volume(_items(), case=CASE_FACTS)
    assert a.pdf == b.pdf


def test_precheck_lists_missing_unsigned_and_unserved():
    items = _items(["filing_approval", "inquiry_record", "prior_notice", "penalty_decision"])
    problems = precheck(items)
    kinds = {(p.kind, p.message) for p in problems}
    messages = " ".join(m for _, m in kinds)
    assert "缺少《案件调查终结报告》" in messages and "缺少《送达回证》" in messages
    assert any(k == "unsigned" and "询问笔录" in m for k, m in kinds)
    assert any(k == "unserved" and "崇综执告字〔2026〕9号" in m for k, m in kinds)
    # The decision is served (the sample 送达回证 names it) once the receipt is there.
    items = _items(["filing_approval", "penalty_decision", "service_receipt"],
                   **{"service_receipt": {}})
    assert not any(p.kind == "unserved" for p in precheck(items))


def test_signed_record_passes_precheck():
    items = _items(["inquiry_record"], inquiry_record={"signed_by_party": True})
    assert not any(p.kind == "unsigned" for p in precheck(items))


def test_deployment_order_file_in_the_data_folder_wins(tmp_path):
    import json

    from app.documents.archive import deployment_order

    assert deployment_order(tmp_path)["volumes"]["main"]["order"][0] == "filing_approval"
    custom = {"volumes": {"main": {"label": "正卷", "order": ["penalty_decision", "filing_approval"]}}}
    (tmp_path / "archive_order.json").write_text(json.dumps(custom), encoding="utf-8")
    order = deployment_order(tmp_path)
    vol = build_volume(_items(), case=CASE_FACTS, order=order)
    assert [e["title"] for e in vol.entries] == ["行政处罚决定书", "立案审批表"]
