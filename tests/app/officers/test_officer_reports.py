"""Officer lists print as PDFs holding the people and figures they claim."""

from __future__ import annotations

from datetime import date
from types import SimpleNamespace

from pypdf import PdfReader

from app.officers.demo import seed_demo_officers
from app.officers.reports import (
    export_certificate_attention,
    export_publicity_roster,
    export_training_summary,
)

TODAY = date(2026, 11, 28)


def text_of(path) -> str:
    return "".join(page.extract_text() for page in PdfReader(path).pages)


def test_three_lists_from_the_demo_roster(store, actor, tmp_path):
    seed_demo_officers(SimpleNamespace(store=store), actor, today=TODAY)
    with store.read() as s:
        n1 = export_publicity_roster(s, tmp_path / "pub.pdf", today=TODAY,
                                     authority="崇州市综合行政执法局", squad_name="怀远中队")
        n2 = export_certificate_attention(s, tmp_path / "att.pdf", today=TODAY, window=60,
                                          squad_name="怀远中队")
        n3 = export_training_summary(s, tmp_path / "train.pdf", year=2026, target=60,
                                     squad_name="怀远中队")
    assert (n1, n2, n3) == (5, 3, 7)
    pub = text_of(tmp_path / "pub.pdf")
    assert "行政执法人员公示" in pub and "张建国" in pub and "陈磊" not in pub
    att = text_of(tmp_path / "att.pdf")
    assert "刘洋" in att and "陈磊" in att and "杨帆" in att
    assert "差24学时" in text_of(tmp_path / "train.pdf")
