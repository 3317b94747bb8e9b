"""The officers area's roster checks, wired into the case services (certificates on the act's date,
auxiliary staff, hearing presider, legal reviewer)."""

from __future__ import annotations

from dataclasses import replace
from datetime import date

import pytest

from app.cases import lifecycle
from app.cases.document_context import case_document_context
from app.cases.env import CaseEnv
from app.db.models.officers import KIND_AUXILIARY, KIND_OFFICER
from app.errors import Invalid
from app.officers.registry import IMPORT_ACTION, add_certificate, upsert_officer
from tests.app.cases.helpers import at, investigated, new_lead


@pytest.fixture
def roster(store, actor):
    """Two certified officers, one whose certificate lapsed, an auxiliary, and a legal reviewer."""
    with store.write(actor, IMPORT_ACTION) as s:
        ids = {}
        for key, name, number, until, kind in [
            ("zhang", "张伟", "51018400123", date(2028, 12, 31), KIND_OFFICER),
            ("li", "李娜", "51018400456", date(2028, 12, 31), KIND_OFFICER),
            ("old", "王老", "51018400789", date(2026, 2, 28), KIND_OFFICER),
        ]:
            o = upsert_officer(s, id_number=f"ID-{key}", name=name, kind=kind)
            add_certificate(s, o, number=number, fields=["城市管理"], issued_on=date(2024, 1, 1), valid_until=until)
            ids[key] = o.id
        aux = upsert_officer(s, id_number="ID-aux", name="赵协管", kind=KIND_AUXILIARY)
        zhou = upsert_officer(s, id_number="ID-zhou", name="周敏", is_legal_reviewer=True,
                              legal_qualification_no="A20185101840123")
        s.flush()
        ids["aux"], ids["zhou"] = aux.id, zhou.id
    return ids


@pytest.fixture
def roster_env(env):
    return replace(env, **{f: getattr(CaseEnv(), f) for f in ("eligibility", "check_presider", "check_reviewer")})


def test_an_officer_whose_certificate_lapsed_is_refused_on_the_acts_date(store, roster_env, clerk, roster):
    cid = new_lead(store, clerk, roster_env)
    with pytest.raises(Invalid, match="王老"):
        with store.write(clerk, "case.act") as s:
            lifecycle.record_act(s, clerk, cid, env=roster_env, kind="现场检查", started_at=at(date(2026, 3, 3)),
                                 officer_ids=[roster["zhang"], roster["old"]])
    with pytest.raises(Invalid, match="辅助人员"):
        with store.write(clerk, "case.act") as s:
            lifecycle.record_act(s, clerk, cid, env=roster_env, kind="现场检查", started_at=at(date(2026, 3, 3)),
                                 officer_ids=[roster["zhang"], roster["aux"]])
    with store.write(clerk, "case.act") as s:
        lifecycle.record_act(s, clerk, cid, env=roster_env, kind="现场检查", started_at=at(date(2026, 3, 3)),
                             officer_ids=[roster["zhang"], roster["li"]])
    with store.read() as s:
        ctx = case_document_context(s, cid, env=roster_env)
    assert {"name": "张伟", "cert_no": "51018400123"} in ctx["officers"]


def test_the_legal_reviewer_must_hold_the_legal_qualification(
    store, env, roster_env, clerk, leader, reviewer, roster,
):
    cid = investigated(store, clerk, leader, env)
    with pytest.raises(Invalid, match="法律职业资格"):
        with store.write(reviewer, "case.review") as s:
            lifecycle.legal_review(s, reviewer, cid, env=roster_env, passed=True, opinion="同意",
                                   reviewer_id=roster["li"], on=date(2026, 3, 12))
    with store.write(reviewer, "case.review") as s:
        lifecycle.legal_review(s, reviewer, cid, env=roster_env, passed=True, opinion="同意",
                               reviewer_id=roster["zhou"], on=date(2026, 3, 12))


def test_an_officer_the_county_roster_dropped_cannot_act_from_that_day(store, roster_env, clerk, roster, actor):
    """app.officers.roster_import marks an officer missing from a complete roster with
    registry.mark_departed; the case services then refuse them, while earlier acts stand."""
    from app.db.models.officers import Officer
    from app.officers.registry import mark_departed

    cid = new_lead(store, clerk, roster_env)
    with store.write(actor, IMPORT_ACTION) as s:
        mark_departed(s, s.get(Officer, roster["li"]), on=date(2026, 3, 3))
    with pytest.raises(Invalid, match="李娜 已于2026年3月3日离岗"):
        with store.write(clerk, "case.act") as s:
            lifecycle.record_act(s, clerk, cid, env=roster_env, kind="现场检查", started_at=at(date(2026, 3, 3)),
                                 officer_ids=[roster["zhang"], roster["li"]])
    with store.write(clerk, "case.act") as s:   # written up later, done before she left
        lifecycle.record_act(s, clerk, cid, env=roster_env, kind="现场检查", started_at=at(date(2026, 3, 2)),
                             officer_ids=[roster["zhang"], roster["li"]])
