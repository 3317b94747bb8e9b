"""The demo cases of 怀远中队: a clerk's normal day, driven through the real services."""

from __future__ import annotations

import shutil
from collections import Counter
from dataclasses import replace
from datetime import date
from types import SimpleNamespace

import pytest
from sqlalchemy import func, select

from app.cases.clocks import due_items
from app.cases.demo import credit_code, person_id, seed_demo_cases
from app.cases.env import CaseEnv
from app.cases.search import deadline_counts
from app.context import Actor
from app.db.models.cases import Approval, Case, ViolationItemRef
from app.db.store import Store
from app.domain.identifiers import check_credit_code, check_resident_id
from app.officers.demo import seed_demo_officers
from app.paths import AppPaths
from app.security.audit_check import verify_chain
from app.settings import Preferences
from tests.conftest import DEVICE_ID, SQUAD_ID

TODAY = date(2026, 11, 27)
DEMO_ROLES = frozenset({"clerk", "leader", "admin", "reviewer"})


def _opened(store, actor, root):
    return SimpleNamespace(store=store, paths=AppPaths.in_folder(root / "data").ensure(), prefs=Preferences(),
                           squad_id=actor.squad_id, device_id=actor.device_id)


@pytest.fixture
def demo_actor(actor):
    return replace(actor, user="演示数据", roles=DEMO_ROLES)


@pytest.fixture(scope="module")
def seeded(migrated_template, tmp_path_factory):
    """One seeded folder for the read-only checks (seeding takes a few seconds)."""
    folder = tmp_path_factory.mktemp("demo_cases")
    shutil.copy2(migrated_template, folder / "squaddesk.db")
    store = Store.open(folder / "squaddesk.db")
    actor = Actor(user="演示数据", squad_id=SQUAD_ID, device_id=DEVICE_ID, roles=DEMO_ROLES)
    opened = _opened(store, actor, folder)
    seed_demo_officers(opened, actor, today=TODAY)
    assert seed_demo_cases(opened, actor, today=TODAY) == "案件 12 件"
    yield opened
    store.dispose()


def test_demo_cases_cover_the_stages_a_clerk_sees(seeded):
    with seeded.store.read() as s:
        cases = s.scalars(select(Case)).all()
        stages = Counter(c.stage for c in cases)
        simple = [c for c in cases if c.procedure == "simple"]
        reviews = s.scalar(select(func.count()).select_from(Approval).where(Approval.kind == "法制审核"))
    assert stages == {"lead": 2, "investigating": 2, "investigated": 1, "notified": 1, "hearing": 1,
                      "decided": 1, "executing": 1, "closed": 2, "archived": 1}
    assert len(simple) == 1 and simple[0].stage == "closed" and simple[0].form_number
    awaiting_review = next(c for c in cases if c.stage == "investigated")
    assert awaiting_review.review_required and reviews == 0
    hearing = next(c for c in cases if c.stage == "hearing")
    assert hearing.hearing_on > TODAY and hearing.hearing_presider_id
    archived = next(c for c in cases if c.stage == "archived")
    assert archived.archive_number and archived.archived_on < TODAY


def test_demo_cases_are_dated_in_order_before_today(seeded):
    with seeded.store.read() as s:
        cases = s.scalars(select(Case)).all()
    for c in cases:
        steps = [c.discovered_on, c.filed_on, c.notice_served_on, c.decided_on, c.served_on, c.closed_on,
                 c.archived_on]
        dated = [d for d in steps if d is not None]
        assert dated == sorted(dated) and dated[-1] <= TODAY, c.title


def test_demo_cases_are_numbered_from_the_filing_and_decision_serials(seeded):
    with seeded.store.read() as s:
        filed = s.scalars(select(Case).where(Case.filed_on.is_not(None)).order_by(Case.filed_on)).all()
        decided = s.scalars(select(Case).where(Case.decision_number.is_not(None), Case.procedure == "ordinary")
                            .order_by(Case.decided_on)).all()
    assert [c.case_number for c in filed] == [f"崇综执立字〔2026〕{n}号" for n in range(1, len(filed) + 1)]
    assert [c.decision_number for c in decided] == [
        f"崇综执罚决字〔2026〕{n}号" for n in range(1, len(decided) + 1)]


def test_demo_dashboard_shows_overdue_and_due_soon(seeded):
    env = CaseEnv(prefs=Preferences(), today=TODAY)
    with seeded.store.read() as s:
        counts = deadline_counts(s, today=TODAY)
        items = due_items(s, env=env)
    assert counts.overdue >= 1 and counts.due_soon >= 1
    levels = {(i.clock.key, i.severity) for i in items}
    assert ("payment", "overdue") in levels
    assert ("filing_check", "due_soon") in levels and ("statement", "due_soon") in levels
    # Nothing red but the unpaid fine (and its enforcement clock): the rest of the day is in order.
    assert {i.clock.key for i in items if i.severity == "overdue"} <= {"payment"}


def test_demo_cases_keep_the_audit_chain_whole(seeded):
    with seeded.store.read() as s:
        report = verify_chain(s)
    assert report.ok, report.summary()
    assert report.entries > 100


def test_demo_cases_are_written_once(seeded, demo_actor):
    assert seed_demo_cases(seeded, demo_actor, today=TODAY) == "案件已存在，未重复写入"
    with seeded.store.read() as s:
        assert s.scalar(select(func.count()).select_from(Case)) == 12


def test_fewer_or_no_demo_cases_on_request(store, demo_actor, tmp_path):
    opened = _opened(store, demo_actor, tmp_path)
    assert seed_demo_cases(opened, demo_actor, today=TODAY, cases=0) == "案件 0 件"
    with store.read() as s:
        assert s.scalar(select(func.count()).select_from(Case)) == 0
        assert s.scalar(select(func.count()).select_from(ViolationItemRef)) == 0
    seed_demo_officers(opened, demo_actor, today=TODAY)
    assert seed_demo_cases(opened, demo_actor, today=TODAY, cases=3) == "案件 3 件"
    with store.read() as s:
        stages = Counter(s.scalars(select(Case.stage)).all())
    assert stages == {"lead": 1, "executing": 1, "investigating": 1}


def test_demo_identifiers_pass_validation():
    assert check_resident_id(person_id("19790316", 21, True)).sex == "男"
    assert check_resident_id(person_id("19680527", 12, False)).sex == "女"
    assert not check_credit_code(credit_code("MA6C7K2P")).warnings
    assert check_credit_code(credit_code("L4WT8E5H", kind="92")).org_type
