"""The roster table's rows: statuses computed in SQL agree with the eligibility service."""

from __future__ import annotations

from datetime import date

from app.officers.eligibility import CertStatus, officer_statuses
from app.officers.roster_view import roster_rows

TODAY = date(2026, 6, 1)


def rows(store, **kw):
    with store.read() as s:
        return roster_rows(s, today=TODAY, window_days=60, training_target=60, **kw)


def seed(county):
    county.officer("甲", valid_until=date(2027, 12, 31))
    county.officer("乙", valid_until=date(2026, 7, 1))
    county.officer("丙", valid_until=date(2026, 3, 1))
    d = county.officer("丁")
    county.status(d, "暂扣", on=date(2026, 5, 1))
    county.auxiliary("戊")
    county.officer("己", is_active=False)


def test_statuses_match_the_eligibility_service(store, county):
    seed(county)
    by_name = {r.name: r.status for r in rows(store)}
    assert by_name == {"甲": CertStatus.VALID, "乙": CertStatus.RENEWAL_DUE,
                       "丙": CertStatus.EXPIRED, "丁": CertStatus.SUSPENDED,
                       "戊": CertStatus.NONE, "己": CertStatus.VALID}
    with store.read() as s:
        assert {o.name: o.status for o in officer_statuses(s, TODAY)} == by_name


def test_sorted_by_status_worst_first_and_filtered(store, county):
    seed(county)
    assert [r.name for r in rows(store, sort="status")] == ["丁", "丙", "乙", "甲", "戊", "己"]
    assert [r.name for r in rows(store, sort="valid_until", descending=True)][0] in ("甲", "己", "丁")
    assert [r.name for r in rows(store, only="may_act")] == ["乙", "甲"]
    assert [r.name for r in rows(store, only="attention")] == ["丁", "丙", "乙"]
    assert [r.name for r in rows(store, only="auxiliary")] == ["戊"]
    assert [r.name for r in rows(store, only="left")] == ["己"]
    assert [r.name for r in rows(store, text="丙")] == ["丙"]


def test_colour_flags(store, county):
    seed(county)
    flags = {r.name: (r.is_blocked, r.is_due, r.training_short) for r in rows(store)}
    assert flags["丙"] == (True, False, True)
    assert flags["乙"] == (False, True, True)
    assert flags["戊"] == (False, False, False)


def test_a_renewal_starting_later_does_not_hide_todays_valid_card(store, actor, county):
    from app.db.models.officers import Officer
    from app.officers import registry

    a = county.officer("庚", number="51010000100", valid_until=date(2026, 6, 30))
    with store.write(actor, "sync.test", origin="sync") as s:
        registry.add_certificate(s, s.get(Officer, a), number="51010000101", fields=["城市管理"],
                                 issued_on=date(2026, 7, 1), valid_until=date(2031, 6, 30))
    [row] = rows(store)
    assert (row.number, row.status) == ("51010000100", CertStatus.RENEWAL_DUE)
    with store.read() as s:
        [status] = officer_statuses(s, TODAY)
    assert status.certificate_number == "51010000100" and status.may_act
    with store.read() as s:
        from app.officers.warnings import expiring

        assert expiring(s, TODAY, 60) == []
    assert not rows(store)[0].is_due     # renewed already: not orange
