"""The seal: spec validation, and placement 骑年盖月 over the date line."""

from __future__ import annotations

import pytest

from app.documents.fonts import default_font_map
from app.documents.layout import MM
from app.documents.render import layout_document
from app.documents.samples import SAMPLE_ISSUE_DATE, sample_context
from app.documents.seal import SealSpec, load_seal
from app.documents.templates import load
from app.errors import Invalid, NotFound


def test_shipped_spec_is_a_42mm_star_seal_of_the_agency():
    spec = load_seal("czzfj-official")
    assert spec.name == "崇州市综合行政执法局"
    assert spec.diameter_mm == 42 and spec.centre == "star"


def test_wrong_diameter_or_unknown_seal_is_refused():
    with pytest.raises(Invalid, match="直径"):
        SealSpec.from_dict({"id": "x", "name": "某局", "diameter_mm": 60})
    with pytest.raises(NotFound):
        load_seal("no-such-seal")


def test_seal_is_centred_over_the_date_and_straddles_it():
    laid = layout_document(load("penalty_decision"), sample_context("penalty_decision"),
                           doc_id="d", issue_date=SAMPLE_ISSUE_DATE, number="崇综执罚决字〔2026〕12号")
    last = laid.pages[-1]
    seal = next(op for op in last if op[0] == "seal")
    date_op = next(op for op in last if op[0] == "text" and op[5] == "2026年4月8日")
    agency_op = next(op for op in last if op[0] == "text" and op[5] == "崇州市综合行政执法局")
    ts_width = _width(date_op)
    date_centre = date_op[1] + ts_width / 2
    assert abs(seal[1] - date_centre) < 1.0
    radius = 21 * MM
    # The seal covers the date line and the agency line, both slightly below its centre.
    assert date_op[2] < seal[2] < agency_op[2] + 16
    assert seal[2] - radius < date_op[2] and seal[2] + radius > agency_op[2] + 16
    # Date 右空四字: four characters of space to the right edge of the text block.
    from app.documents.layout import RIGHT

    assert abs((RIGHT - (date_op[1] + ts_width)) - 4 * 16 * 0.987) < 2


def _width(op):
    from app.documents.layout import Typesetter

    return Typesetter(default_font_map()).width(op[5], op[3], op[4])
