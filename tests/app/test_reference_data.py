"""County reference data: every kind has an applier, and the case rules read what came down."""

from __future__ import annotations

import json
from datetime import date

import pytest

from app.errors import Invalid
from app.reference import (
    apply_benchmarks,
    apply_holidays,
    benchmarks,
    raw,
    register_appliers,
    work_calendar,
)
from app.paths import RESOURCES
from app.settings import Preferences
from app.sync import protocol
from app.sync.reference import registered


def test_every_reference_kind_has_an_applier():
    register_appliers(Preferences())
    assert set(registered()) == set(protocol.REFERENCE_KINDS)


def test_county_holidays_reach_the_working_day_calendar(store, actor):
    payload = {"overrides": {"2027-02-06": True, "2027-02-08": False}, "published_years": [2027]}
    with store.write(actor, "sync.pull", origin="sync") as session:
        apply_holidays(session, payload, 3)
    with store.read() as session:
        calendar = work_calendar(session)
        assert raw(session, "holidays") == (payload, 3)
    assert calendar.is_workday(date(2027, 2, 6))       # a 调休 Saturday
    assert not calendar.is_workday(date(2027, 2, 8))   # a Monday made a rest day
    assert calendar.is_covered(2027)


def test_a_bad_holiday_table_is_refused_and_the_old_one_kept(store, actor):
    with store.write(actor, "sync.pull", origin="sync") as session:
        apply_holidays(session, {"overrides": {"2027-01-01": False}}, 1)
    with pytest.raises(Invalid, match="日期"):
        with store.write(actor, "sync.pull", origin="sync") as session:
            apply_holidays(session, {"overrides": {"二〇二七": False}}, 2)
    with store.read() as session:
        assert raw(session, "holidays")[1] == 1


def test_published_benchmarks_are_what_the_case_rules_use(store, actor):
    text = (RESOURCES / "reference" / "power_list_urban_sample.json").read_text("utf-8")
    with store.write(actor, "sync.pull", origin="sync") as session:
        apply_benchmarks(session, json.loads(text), 7)
    with store.read() as session:
        loaded = benchmarks(session)
    assert len(loaded) >= 2 and sum(len(b.items) for b in loaded) >= 30
