"""案号 from the filing serials when filing is approved without one; the issued decision
document's number written back to the case."""

from __future__ import annotations

from dataclasses import replace
from datetime import date

import pytest

from app.cases import lifecycle
from app.cases.numbers import squad_block_source
from app.db.models.cases import Case
from app.documents.case_link import draft_from_case
from app.documents.numbering import LocalBlockSource, ensure_block
from app.documents.service import approve, issue
from app.errors import AppError
from app.paths import AppPaths
from app.settings import Preferences
from tests.app.cases.helpers import decided, new_lead


@pytest.fixture
def numbered(env, tmp_path):
    return replace(env, block_source=LocalBlockSource(tmp_path / "leases.json"))


def _file(store, leader, env, case_id, **kw) -> str | None:
    with store.write(leader, "case.approve_filing") as s:
        return lifecycle.approve_filing(s, leader, case_id, env=env, on=date(2026, 3, 3), **kw).case_number


def test_two_cases_filed_without_a_number_get_consecutive_case_numbers(store, clerk, leader, numbered):
    first = new_lead(store, clerk, numbered, name="张三")
    second = new_lead(store, clerk, numbered, name="李四", party_id="440524188001010014")
    assert _file(store, leader, numbered, first) == "崇综执立字〔2026〕1号"
    assert _file(store, leader, numbered, second) == "崇综执立字〔2026〕2号"


def test_an_explicit_case_number_is_kept_and_takes_no_serial(store, clerk, leader, numbered):
    explicit = new_lead(store, clerk, numbered, name="张三")
    auto = new_lead(store, clerk, numbered, name="李四", party_id="440524188001010014")
    assert _file(store, leader, numbered, explicit, case_number=" 崇综执立〔2026〕88号 ") == "崇综执立〔2026〕88号"
    assert _file(store, leader, numbered, auto) == "崇综执立字〔2026〕1号"


def test_a_refused_filing_gives_its_serial_back(store, clerk, leader, numbered):
    first = new_lead(store, clerk, numbered, name="张三")
    second = new_lead(store, clerk, numbered, name="李四", party_id="440524188001010014")
    assert _file(store, leader, numbered, first) == "崇综执立字〔2026〕1号"
    with pytest.raises(AppError):
        _file(store, leader, numbered, first)  # already filed: refused, nothing kept
    assert _file(store, leader, numbered, second) == "崇综执立字〔2026〕2号"


def test_without_a_block_source_or_block_the_case_stays_unnumbered(store, clerk, leader, env):
    case_id = new_lead(store, clerk, env)
    assert _file(store, leader, env, case_id) is None


def test_the_number_format_follows_the_deployment_settings(store, clerk, leader, numbered):
    prefs = Preferences(extra={"numbering": {"filing_approval": {"word": "", "with_di": True}}})
    env = replace(numbered, prefs=prefs)
    case_id = new_lead(store, clerk, env)
    assert _file(store, leader, env, case_id) == "崇综执立〔2026〕第1号"


def test_squad_block_source_without_enrollment_is_a_counter_in_the_data_folder(store, tmp_path):
    paths = AppPaths.in_folder(tmp_path / "data")
    source = squad_block_source(paths, store).resolve()
    assert isinstance(source, LocalBlockSource) and source.path.parent == paths.root


def _issue_decision(store, leader, case_id, tmp_path) -> str:
    """Lease, draft, approve and issue the case's 行政处罚决定书; returns its 文号."""
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
    return doc.number


def _case_decision_number(store, case_id) -> str:
    from app.security.audit_check import verify_chain

    with store.read() as s:
        assert verify_chain(s).ok
        return s.get(Case, case_id).decision_number


def test_the_decision_document_carries_the_number_the_case_was_decided_with(store, clerk, leader, env,
                                                                          tmp_path):
    """Deciding numbered the decision; issuing its 决定书 reuses that number (no second serial,
    no gap) and the case keeps it."""
    case_id = decided(store, clerk, leader, env)  # decided with the typed number 〔2026〕7号
    assert _issue_decision(store, leader, case_id, tmp_path) == "崇综执罚决字〔2026〕7号"
    assert _case_decision_number(store, case_id) == "崇综执罚决字〔2026〕7号"


def test_an_unnumbered_decision_takes_its_number_when_its_document_is_issued(store, clerk, leader, env,
                                                                            tmp_path):
    """Decided without a number: issuing the 决定书 takes the next serial and writes it back."""
    case_id = decided(store, clerk, leader, env, decision_number=None)
    assert _issue_decision(store, leader, case_id, tmp_path) == "崇综执罚决字〔2026〕1号"
    assert _case_decision_number(store, case_id) == "崇综执罚决字〔2026〕1号"
