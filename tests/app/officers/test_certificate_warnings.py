"""Warnings: certificates expiring within the window, blocked officers, training-hours shortfall."""

from __future__ import annotations

from datetime import date

from app.db.models.officers import Officer
from app.officers import registry, warning_count
from app.officers.warnings import expiring, training_shortfall, warning_counts
from app.settings import Preferences

TODAY = date(2026, 6, 1)


def test_expiring_lists_only_certificates_inside_the_window(store, county):
    county.officer("甲", valid_until=date(2026, 7, 31))      # 60 days: inside
    county.officer("乙", valid_until=date(2026, 8, 1))       # 61 days: outside
    county.officer("丙", valid_until=date(2026, 6, 10))
    county.officer("丁", valid_until=date(2026, 5, 1))       # expired: blocked, not expiring
    with store.read() as s:
        assert [o.name for o in expiring(s, TODAY, 60)] == ["丙", "甲"]
        counts = warning_counts(s, TODAY, window=60, target=60)
    assert (counts.expiring, counts.blocked) == (2, 1)


def test_training_shortfall_per_year(store, actor, county):
    a, b = county.officer("甲"), county.officer("乙")
    county.auxiliary("丙")
    with store.write(actor, "sync.test", origin="sync") as s:
        registry.add_training(s, s.get(Officer, a), held_on=date(2026, 3, 1), course="新法培训",
                              hours=40)
        registry.add_training(s, s.get(Officer, a), held_on=date(2026, 5, 1), course="案卷评查",
                              hours=20.5)
        registry.add_training(s, s.get(Officer, b), held_on=date(2025, 5, 1), course="旧年", hours=60)
    with store.read() as s:
        short = training_shortfall(s, 2026, 60)
        assert [(t.name, t.hours, t.missing) for t in short] == [("乙", 0.0, 60.0)]
        assert [t.name for t in training_shortfall(s, 2025, 60)] == ["甲"]


def test_warning_count_for_the_status_bar(store, county):
    county.officer("甲", valid_until=date(2026, 6, 20))
    county.officer("乙")
    b = county.officer("丙")
    county.status(b, "暂扣", on=date(2026, 5, 1))
    assert warning_count(store, TODAY, Preferences()) == 2
    assert warning_count(store, TODAY, Preferences(renewal_window_days=10)) == 1
