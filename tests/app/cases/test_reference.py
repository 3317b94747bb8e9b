"""Benchmarks: the county's reference rows, and the discretion checks they drive in a case."""

from __future__ import annotations

from dataclasses import replace
from datetime import date
from pathlib import Path

import pytest
from sqlalchemy import func, select

from app.cases import lifecycle
from app.cases.reference import load_reference
from app.db.models.cases import BenchmarkVersion, ViolationItemRef
from app.db.models.core import OutboxEntry
from app.domain.benchmarks import load_benchmarks
from app.errors import Invalid
from tests.app.cases.helpers import investigated

SAMPLE = Path(__file__).resolve().parents[3] / "resources" / "reference" / "power_list_urban_sample.json"


def test_sample_power_list_loads_as_reference_rows_without_pushing(store, actor):
    text = SAMPLE.read_text(encoding="utf-8")
    with store.write(actor, "reference.benchmarks") as s:
        first = load_reference(s, text)
    with store.write(actor, "reference.benchmarks") as s:
        again = load_reference(s, text)
    with store.read() as s:
        versions = s.scalar(select(func.count()).select_from(BenchmarkVersion))
        items = s.scalar(select(func.count()).select_from(ViolationItemRef))
        pushed = s.scalar(select(func.count()).select_from(OutboxEntry))
        item = s.scalars(select(ViolationItemRef).where(ViolationItemRef.code == "CG-004")).first()
    assert first == again == items and versions == 2 and pushed == 0
    assert item.legal_max_fen == 200_00 and [t["level"] for t in item.tiers][:2] == ["不予处罚", "从轻"]


@pytest.fixture
def benchmark_env(env):
    return replace(env, benchmarks=tuple(load_benchmarks(SAMPLE.read_text(encoding="utf-8"))))


def test_fine_above_the_legal_maximum_is_refused_when_proposed(store, benchmark_env, clerk, leader):
    cid = investigated(store, clerk, leader, benchmark_env, code="CG-004", fine_fen=100_00)
    with pytest.raises(Invalid, match="超过"):
        with store.write(clerk, "case.propose") as s:
            lifecycle.propose(s, clerk, cid, env=benchmark_env, outcome="penalty", fine_fen=300_00, tier="一般")


def test_fine_outside_the_tier_needs_collective_discussion_before_notice(store, benchmark_env, clerk, leader):
    env = benchmark_env
    cid = investigated(store, clerk, leader, env, code="CG-004", fine_fen=100_00)
    with store.write(clerk, "case.propose") as s:
        lifecycle.propose(s, clerk, cid, env=env, outcome="penalty", fine_fen=50_00, tier="一般",
                          discretion_reasoning="当事人积极配合")
    with pytest.raises(Invalid, match="偏离裁量基准"):
        with store.write(clerk, "case.notice") as s:
            lifecycle.send_notice(s, clerk, cid, env=env, served_on=date(2026, 3, 11))
    with store.write(leader, "case.collective") as s:
        lifecycle.collective_discussion(s, leader, cid, env=env, attendees=["王队长", "刘副队长"],
                                        conclusion="同意按50元处罚", on=date(2026, 3, 11))
    with store.write(clerk, "case.notice") as s:
        assert lifecycle.send_notice(s, clerk, cid, env=env, served_on=date(2026, 3, 11)).stage == "notified"


def test_a_tier_that_does_not_exist_for_the_item_is_refused(store, benchmark_env, clerk, leader):
    cid = investigated(store, clerk, leader, benchmark_env, code="CG-004", fine_fen=100_00)
    with pytest.raises(Invalid, match="没有适用于本案当事人的“减轻”阶次"):
        with store.write(clerk, "case.propose") as s:
            lifecycle.propose(s, clerk, cid, env=benchmark_env, outcome="penalty", fine_fen=10_00, tier="减轻")
