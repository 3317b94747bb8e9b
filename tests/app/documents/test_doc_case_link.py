"""From a real case to an issued decision and the case's archive items."""

from __future__ import annotations

from dataclasses import replace
from datetime import date

import pytest

from app.cases.env import CaseEnv, two_distinct_officers
from app.documents.case_link import case_archive_items, case_precheck, draft_from_case
from app.documents.numbering import LocalBlockSource, ensure_block
from app.documents.service import approve, correct, issue
from app.paths import AppPaths
from app.settings import Preferences
from tests.app.cases.helpers import decided

TODAY = date(2026, 5, 6)


@pytest.fixture
def env() -> CaseEnv:
    return CaseEnv(prefs=Preferences(), eligibility=two_distinct_officers, check_presider=None,
                   check_reviewer=None, today=TODAY)


def test_decision_drafted_from_a_case_is_issued_and_filed(store, actor, env, tmp_path):
    clerk = replace(actor, roles=frozenset({"clerk"}), user="李文书")
    leader = replace(actor, roles=frozenset({"leader"}), user="王队长")
    case_id = decided(store, clerk, leader, env)
    paths = AppPaths.in_folder(tmp_path / "data").ensure()
    source = LocalBlockSource(tmp_path / "leases.json")
    with store.write(leader, "document.lease") as s:
        ensure_block(s, source, squad_id=leader.squad_id, doc_type="penalty_decision", year=2026)
    with store.write(leader, "document.issue") as s:
        doc = draft_from_case(s, leader, case_id, "penalty_decision",
                              extra={"evidence_text": "1.现场检查笔录一份；2.现场照片六张。"})
        approve(s, leader, doc.id)
        issue(s, leader, doc.id, paths=paths, prefs=Preferences(), source=source,
              issue_date=date(2026, 3, 20))
        first_id = doc.id
    with store.read() as s:
        items = case_archive_items(s, case_id)
        assert [i.doc_type for i in items] == ["penalty_decision"]
        assert items[0].number == "崇综执罚决字〔2026〕7号"  # the number the case was decided with
        problems = {p.kind for p in case_precheck(s, case_id)}
        assert {"missing", "unserved"} <= problems
    with store.write(leader, "document.correct") as s:
        fixed = correct(s, leader, first_id, {**items[0].context, "party_phone": "13900001111"})
        approve(s, leader, fixed.id)
        issue(s, leader, fixed.id, paths=paths, prefs=Preferences(), source=source,
              issue_date=date(2026, 3, 21))
    with store.read() as s:
        items = case_archive_items(s, case_id)
        assert [i.doc_id for i in items] == [fixed.id]  # the correction replaces the original


def test_a_decided_penalty_case_is_offered_the_penalty_decision_not_the_no_penalty_one():
    from app.documents.case_link import doc_types_for_stage

    offered = doc_types_for_stage("decided", "ordinary", "penalty")
    assert offered[0] == "penalty_decision" and "no_penalty_decision" not in offered
    minor = doc_types_for_stage("decided", "ordinary", "minor")
    assert "no_penalty_decision" in minor and "penalty_decision" not in minor and "payment_notice" not in minor
    assert doc_types_for_stage("lead", "simple")[0] == "onsite_decision"
    assert doc_types_for_stage("archived") == []


def test_a_draft_missing_a_required_field_is_refused_with_the_chinese_list(store, actor, env):
    from sqlalchemy import select

    from app.db.models.documents import Document
    from app.documents.case_link import case_doc_choices
    from app.errors import Invalid

    clerk = replace(actor, roles=frozenset({"clerk"}), user="李文书")
    leader = replace(actor, roles=frozenset({"leader"}), user="王队长")
    case_id = decided(store, clerk, leader, env)
    with store.read() as s:
        choice = next(c for c in case_doc_choices(s, case_id, prefs=Preferences())
                      if c.doc_type == "penalty_decision")
    assert [(m.name, m.label) for m in choice.missing] == [("evidence_text", "证据")]
    with pytest.raises(Invalid, match="《行政处罚决定书》还缺少以下内容，不能生成：证据"):
        with store.write(clerk, "document.draft") as s:
            draft_from_case(s, clerk, case_id, "penalty_decision", prefs=Preferences())
    with store.read() as s:
        assert s.scalars(select(Document)).all() == []
    with store.write(clerk, "document.draft") as s:
        draft_from_case(s, clerk, case_id, "penalty_decision", prefs=Preferences(),
                        extra={"evidence_text": "1.现场检查笔录一份。"})
