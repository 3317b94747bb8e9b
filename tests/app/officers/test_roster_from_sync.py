"""A roster publication from the county goes through the same checks as a file, all or nothing."""

from __future__ import annotations

from datetime import date
from itertools import count

import pytest
from officer_builders import make_id_number
from sqlalchemy import func, select

from app.db.models.core import OutboxEntry
from app.db.models.officers import Certificate, Officer
from app.errors import Invalid
from app.officers.roster_import import RosterInvalid
from app.officers.sync_apply import apply_roster, register_appliers
from app.settings import Preferences

TODAY = date(2026, 6, 1)
PATTERN = Preferences().certificate_pattern
_numbers = count(51010001)


def officer(name, **extra):
    row = {"name": name, "id_number": make_id_number(), "unit": "崇州市综合行政执法局",
           "kind": "在编执法人员", "certificate_no": str(next(_numbers)),
           "fields": ["城市管理", "市场监管"], "issued_on": "2022-01-01",
           "certificate_valid_until": "2027-12-31", "squad": "怀远中队", "title": "执法队员"}
    row.update(extra)
    return row


def apply(store, actor, payload):
    with store.write(actor, "sync.pull", origin="sync") as s:
        return apply_roster(s, payload, pattern=PATTERN, today=TODAY)


def test_publication_is_applied_as_county_data(store, actor):
    report = apply(store, actor, {"officers": [officer("张三"), officer("李四", kind="辅助人员",
                                                                     certificate_no="", fields=[])]})
    assert report.created == 2
    with store.read() as s:
        cert = s.scalar(select(Certificate))
        assert cert.fields == ["城市管理", "市场监管"] and cert.revision == 1
        assert s.scalar(select(func.count()).select_from(Officer)) == 2
        assert s.scalar(select(func.count()).select_from(OutboxEntry)) == 0


def test_one_bad_officer_rolls_back_the_whole_publication(store, actor):
    with pytest.raises(RosterInvalid, match="第3行"):
        apply(store, actor, {"officers": [officer("张三"), officer("王五", id_number="123")]})
    with store.read() as s:
        assert s.scalar(select(func.count()).select_from(Officer)) == 0


def test_malformed_payload_is_refused(store, actor):
    with pytest.raises(Invalid, match="格式不正确"):
        apply(store, actor, {"people": []})


def test_registers_the_roster_applier_with_sync():
    from app.sync import reference

    register_appliers(Preferences())
    try:
        assert "roster" in reference.registered()
    finally:
        reference.unregister("roster")


def test_the_county_csv_import_publishes_what_the_township_accepts(store, actor):
    """squaddesk-server import-officers → publication → township import: the county keeps every
    column of its roster file, so the township's checks see the whole row."""
    from app.server.reference import parse_roster_csv

    csv_text = (
        "姓名,身份证号码,单位,中队,岗位,人员类别,执法证号,执法类别,发证日期,有效期至\n"
        f"张三,{make_id_number()},崇州市综合行政执法局,怀远中队,执法队员,在编执法人员,"
        "51019901,城市管理、市场监管,2022-01-01,2027-12-31\n"
        f"李四,{make_id_number('19900101')},崇州市综合行政执法局,怀远中队,协管员,辅助人员,"
        ",,,\n"
    )
    payload = {"officers": parse_roster_csv(csv_text)}
    report = apply(store, actor, payload)
    assert report.created == 2
    with store.read() as s:
        cert = s.scalar(select(Certificate))
        assert cert.number == "51019901" and cert.fields == ["城市管理", "市场监管"]
