"""Preview and printing: Qt PDF preview, printing through Qt to a PDF and to a real CUPS queue
(cups-pdf), batch printing with cancel, the 文书 page."""

from __future__ import annotations

import re
import subprocess
import uuid
from pathlib import Path

import pytest
from PySide6.QtPrintSupport import QPrinter

from app.documents.numbering import LocalBlockSource, ensure_block
from app.documents.render import layout_document, render_document
from app.documents.samples import SAMPLE_ISSUE_DATE, sample_context
from app.documents.service import approve, create_draft, issue
from app.documents.templates import load
from app.errors import Cancelled
from app.paths import AppPaths
from app.settings import Preferences
from ui.context import UiContext
from ui.documents.page import DocumentsPage
from ui.documents.preview import PdfPreview
from ui.documents.printing import PrintJob, make_printer, paint_jobs

ROOT = Path(__file__).resolve().parents[3]
NUMBER = "崇综执罚决字〔2026〕12号"
DOC_ID = "0d6c1f7e-0000-4000-8000-00000000abcd"


def _laid():
    return layout_document(load("penalty_decision"), sample_context("penalty_decision"), doc_id=DOC_ID,
                           issue_date=SAMPLE_ISSUE_DATE, number=NUMBER)


def _rendered() -> bytes:
    return render_document(load("penalty_decision"), sample_context("penalty_decision"), doc_id=DOC_ID,
                           issue_date=SAMPLE_ISSUE_DATE, number=NUMBER).pdf


def _text(path: Path) -> str:
    out = subprocess.run(["pdftotext", "-enc", "UTF-8", str(path), "-"], check=True,
                         capture_output=True).stdout.decode("utf-8")
    return re.sub(r"\s+", "", out)


def _assert_same_text(printed: Path, tmp_path: Path) -> None:
    original = tmp_path / "original.pdf"
    original.write_bytes(_rendered())
    want, got = _text(original), _text(printed)
    assert "行政处罚决定书" in got and NUMBER in got and "百分之三加处罚款" in got
    assert got == want


def test_preview_shows_every_page(qtbot):
    preview = PdfPreview()
    qtbot.addWidget(preview)
    preview.set_pdf(_rendered())
    assert preview.page_count == len(_laid().pages)
    assert preview.print_button.isEnabled()


def test_printing_through_qt_keeps_the_text(qtbot, tmp_path):
    printer = make_printer()
    printer.setOutputFormat(QPrinter.OutputFormat.PdfFormat)
    out = tmp_path / "printed.pdf"
    printer.setOutputFileName(str(out))
    pages = paint_jobs(printer, [PrintJob(_laid())])
    assert pages == len(_laid().pages)
    _assert_same_text(out, tmp_path)


def test_batch_print_can_be_cancelled(qtbot, tmp_path):
    printer = make_printer()
    printer.setOutputFormat(QPrinter.OutputFormat.PdfFormat)
    printer.setOutputFileName(str(tmp_path / "batch.pdf"))
    seen = []

    def progress(done, total):
        seen.append(done)
        if done == 2:
            raise Cancelled("已取消打印")

    with pytest.raises(Cancelled):
        paint_jobs(printer, [PrintJob(_laid()), PrintJob(_laid()), PrintJob(_laid())], progress=progress)
    assert seen == [1, 2]


def _cups_queue() -> Path:
    result = subprocess.run(["bash", str(ROOT / "scripts" / "cups_pdf_queue.sh")], capture_output=True,
                            text=True, timeout=60)
    if result.returncode == 3:
        pytest.skip("CUPS or cups-pdf is not installed: " + result.stderr.strip())
    assert result.returncode == 0, result.stderr
    return Path(result.stdout.strip().splitlines()[-1])


def test_printing_to_a_real_cups_queue_delivers_the_document(qtbot, tmp_path):
    out_dir = _cups_queue()
    title = f"squaddesk-test-{uuid.uuid4().hex[:8]}"
    printer = make_printer("squaddesk-pdf")
    assert printer.printerName() == "squaddesk-pdf" and printer.isValid()
    printer.setDocName(title)
    paint_jobs(printer, [PrintJob(_laid())])
    arrived: list[Path] = []

    def delivered() -> bool:
        # Complete once the job has left the queue (the backend has finished writing the file).
        pending = subprocess.run(["lpstat", "-o", "squaddesk-pdf"], capture_output=True, text=True).stdout
        arrived[:] = [p for p in out_dir.glob(f"{title}*.pdf") if p.stat().st_size > 0]
        return bool(arrived) and not pending.strip()

    qtbot.waitUntil(delivered, timeout=90_000)
    try:
        _assert_same_pages(arrived[0], tmp_path)
    finally:
        arrived[0].unlink()


def _pages(pdf: Path, folder: Path, stem: str) -> list:
    from PIL import Image, ImageChops  # noqa: F401  (pillow comes with reportlab)

    subprocess.run(["pdftoppm", "-r", "30", "-gray", "-png", str(pdf), str(folder / stem)], check=True,
                   capture_output=True)
    return [Image.open(p).convert("L") for p in sorted(folder.glob(f"{stem}-*.png"))]


def _assert_same_pages(printed: Path, tmp_path: Path) -> None:
    """cups-pdf 3.0 re-distils every job through PostScript, which keeps the glyph outlines but
    drops the fonts' Unicode maps (pdftotext of its output is garbage for any CJK PDF, ours or
    not). So what arrived is compared with what was rendered page by page as images."""
    from PIL import ImageChops, ImageFilter, ImageStat

    original = tmp_path / "original.pdf"
    original.write_bytes(_rendered())
    want = _pages(original, tmp_path, "want")
    got = _pages(printed, tmp_path, "got")
    assert len(got) == len(want)
    for a, b in zip(want, got):
        assert abs(a.size[0] - b.size[0]) <= 2 and abs(a.size[1] - b.size[1]) <= 2
        b = b.resize(a.size)  # A4 in points is rounded to whole points by the PostScript route
        # Blurred, so font hinting and anti-aliasing do not count; a different page of the same
        # document scores 7.5 or more here, the same page about 1–3.
        blur = ImageFilter.GaussianBlur(3)
        diff = ImageStat.Stat(ImageChops.difference(a.filter(blur), b.filter(blur))).mean[0]
        assert diff < 4.5, f"printed page differs from the rendered one (mean diff {diff:.1f})"
        ink_a = 255 - ImageStat.Stat(a).mean[0]
        ink_b = 255 - ImageStat.Stat(b).mean[0]
        assert abs(ink_a - ink_b) < 0.25 * max(ink_a, 1)


def test_documents_page_previews_a_sample_and_an_issued_document(qtbot, tmp_path, store, actor):
    paths = AppPaths.in_folder(tmp_path / "data").ensure()
    source = LocalBlockSource(tmp_path / "leases.json")
    with store.write(actor, "document.lease") as session:
        ensure_block(session, source, squad_id=actor.squad_id, doc_type="penalty_decision", year=2026)
    with store.write(actor, "document.issue") as session:
        doc = create_draft(session, actor, doc_type="penalty_decision",
                           context=sample_context("penalty_decision"))
        approve(session, actor, doc.id)
        issue(session, actor, doc.id, paths=paths, prefs=Preferences(), source=source,
              issue_date=SAMPLE_ISSUE_DATE)
    page = DocumentsPage(UiContext(paths=paths, prefs=Preferences(), store=store, actor=actor))
    qtbot.addWidget(page)
    labels = [page.list.item(i).text() for i in range(page.list.count())]
    assert any("崇综执罚决字〔2026〕1号" in label and "已签发" in label for label in labels)
    assert any(label == "样张：送达回证" for label in labels)
    page.list.setCurrentRow(1)
    qtbot.waitUntil(lambda: page.preview.page_count > 0, timeout=20_000)
    sample_row = labels.index("样张：询问笔录")
    page.list.setCurrentRow(sample_row)
    qtbot.waitUntil(lambda: page.preview.page_count == len(layout_document(
        load("inquiry_record"), sample_context("inquiry_record"), doc_id="x",
        issue_date=SAMPLE_ISSUE_DATE).pages), timeout=20_000)


def test_volume_export_from_the_page_writes_the_case_file(qtbot, tmp_path, store, actor, monkeypatch):
    from dataclasses import replace
    from datetime import date

    from PySide6.QtWidgets import QFileDialog, QMessageBox
    from pypdf import PdfReader

    from app.cases.env import CaseEnv, two_distinct_officers
    from app.documents.case_link import draft_from_case
    from tests.app.cases.helpers import decided

    env = CaseEnv(prefs=Preferences(), eligibility=two_distinct_officers, check_presider=None,
                  check_reviewer=None, today=date(2026, 5, 6))
    clerk = replace(actor, roles=frozenset({"clerk"}), user="李文书")
    leader = replace(actor, roles=frozenset({"leader"}), user="王队长")
    case_id = decided(store, clerk, leader, env)
    paths = AppPaths.in_folder(tmp_path / "data").ensure()
    source = LocalBlockSource(tmp_path / "leases.json")
    with store.write(leader, "document.lease") as s:
        ensure_block(s, source, squad_id=leader.squad_id, doc_type="penalty_decision", year=2026)
    with store.write(leader, "document.issue") as s:
        doc = draft_from_case(s, leader, case_id, "penalty_decision",
                              extra={"evidence_text": "1.现场检查笔录一份。"})
        approve(s, leader, doc.id)
        issue(s, leader, doc.id, paths=paths, prefs=Preferences(), source=source,
              issue_date=date(2026, 3, 20))
    target = tmp_path / "卷宗.pdf"
    asked = []
    monkeypatch.setattr(QMessageBox, "question", lambda *a, **k: asked.append(a[2]) or QMessageBox.StandardButton.Yes)
    monkeypatch.setattr(QFileDialog, "getSaveFileName", lambda *a, **k: (str(target), "PDF (*.pdf)"))
    page = DocumentsPage(UiContext(paths=paths, prefs=Preferences(), store=store, actor=leader))
    qtbot.addWidget(page)
    page.volume_button.click()
    assert asked and "缺少《立案审批表》" in asked[0]  # the pre-filing check spoke first
    qtbot.waitUntil(lambda: "卷宗已导出" in page.status.text(), timeout=30_000)  # built in the background
    reader = PdfReader(str(target))
    assert len(reader.pages) == 1 + 1 + doc.pages + 1
    assert "正卷" in reader.pages[0].extract_text().replace(" ", "")
