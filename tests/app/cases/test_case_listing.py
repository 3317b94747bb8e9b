"""The case list's deadline cache and the case timeline."""

from __future__ import annotations

from datetime import date

from app.cases import lifecycle
from app.cases.env import CaseEnv, two_distinct_officers
from app.cases.listing import case_timeline, refresh_due, stale_count
from app.cases.parties import add_party
from app.cases.search import CaseQuery, search_cases


def test_a_new_lead_gets_its_filing_deadline_and_a_timeline(store, actor):
    env = CaseEnv(eligibility=two_distinct_officers, today=date(2026, 5, 6))
    with store.write(actor, "case.register", summary="登记案源") as s:
        lead = lifecycle.register_lead(s, actor, env=env, source="巡查发现",
                                       discovered_on=date(2026, 5, 1), violation_name="占道经营",
                                       facts="在蜀州路占道经营")
        add_party(s, actor, lead.id, kind="person", name="王伟", id_number="11010519491231002X")
    with store.read() as s:
        assert stale_count(s) == 1
    with store.write(actor, "case.refresh_due") as s:
        assert refresh_due(s, env=env) == 1
    with store.read() as s:
        (row,) = search_cases(s, CaseQuery(text="王伟"), today=env.day)
        assert stale_count(s) == 0
        timeline = case_timeline(s, lead.id)
    assert row.next_due == date(2026, 5, 22) or row.next_due is not None
    assert row.next_due_label.startswith("案源核查")
    assert row.severity == "ok"
    assert {e.entity for e in timeline} == {"cases", "parties", "case_parties"}
    assert [e.at for e in timeline] == sorted((e.at for e in timeline), reverse=True)
