"""修改当事人 / 移除当事人: identity fixed once a decision or an issued document names the party,
contact details always correctable (audited old -> new), removal a tombstone, a filed case never
left without a party."""

from __future__ import annotations

from datetime import date

import pytest
from sqlalchemy import func, select

from app.cases import lifecycle
from app.cases.common import case_parties
from app.cases.listing import case_timeline
from app.cases.parties import add_party, correct_party, identity_lock, remove_party
from app.db.models.cases import Case, CaseParty, Party
from app.db.models.core import AuditEntry, OutboxEntry
from app.documents.case_link import draft_from_case
from app.documents.numbering import LocalBlockSource, ensure_block
from app.documents.service import approve, issue
from app.errors import Invalid
from app.paths import AppPaths
from app.settings import Preferences
from tests.app.cases.helpers import PERSON_ID, decided, new_lead

OTHER_ID = "440524188001010014"


def party_of(store, case_id: str) -> str:
    with store.read() as s:
        return s.scalars(select(CaseParty.party_id).where(CaseParty.case_id == case_id)).first()


def timeline_summaries(store, case_id: str) -> list[str]:
    with store.read() as s:
        return [t.summary for t in case_timeline(s, case_id)]


def filed(store, clerk, leader, env) -> str:
    cid = new_lead(store, clerk, env)
    with store.write(leader, "case.approve_filing") as s:
        lifecycle.approve_filing(s, leader, cid, env=env, on=date(2026, 3, 3))
    return cid


def issue_filing_approval(store, leader, case_id: str, tmp_path) -> str:
    """Draft, approve and issue the case's 立案审批表 through the documents service; its title."""
    paths = AppPaths.in_folder(tmp_path / "data").ensure()
    source = LocalBlockSource(tmp_path / "leases.json")
    with store.write(leader, "document.lease") as s:
        ensure_block(s, source, squad_id=leader.squad_id, doc_type="filing_approval", year=2026)
    with store.write(leader, "document.issue") as s:
        doc = draft_from_case(s, leader, case_id, "filing_approval", extra={
            "handler_opinion": "建议立案", "handler_date": "2026年3月2日", "unit_opinion": "同意",
            "unit_head": "王队长", "unit_date": "2026年3月2日"})
        approve(s, leader, doc.id)
        issue(s, leader, doc.id, paths=paths, prefs=Preferences(), source=source,
              issue_date=date(2026, 3, 3))
        return doc.title


def test_a_mistyped_id_number_and_name_are_corrected_before_anything_names_the_party(store, env, clerk):
    cid = new_lead(store, clerk, env)
    pid = party_of(store, cid)
    with store.write(clerk, "case.correct_party", summary="修改当事人") as s:
        view = correct_party(s, clerk, cid, pid, name="张叁", id_number=OTHER_ID)
    # The sex and birth date follow the corrected number, not the mistyped one.
    assert (view.name, view.id_number, view.sex, view.birth_date) == ("张叁", OTHER_ID, "男", date(1880, 1, 1))
    with store.read() as s:
        assert s.get(Case, cid).title == "张叁擅自占用道路堆放物料案"
    summary = next(t for t in timeline_summaries(store, cid) if t.startswith("更正当事人"))
    assert "姓名（名称）“张三”→“张叁”" in summary and f"证件号码“{PERSON_ID}”→“{OTHER_ID}”" in summary


def test_a_wrong_corrected_id_number_is_refused_and_nothing_changes(store, env, clerk):
    cid = new_lead(store, clerk, env)
    pid = party_of(store, cid)
    with store.read() as s:
        audit = s.scalar(select(func.count()).select_from(AuditEntry))
    with pytest.raises(Invalid, match="校验"):
        with store.write(clerk, "case.correct_party") as s:
            correct_party(s, clerk, cid, pid, phone="13900002222", id_number="510184199001011234")
    with store.read() as s:
        party = s.get(Party, pid)
        assert (party.id_number, party.phone) == (PERSON_ID, "13800001234")
        assert s.scalar(select(func.count()).select_from(AuditEntry)) == audit


def test_after_the_decision_only_contact_details_are_corrected_and_the_timeline_says_old_to_new(
        store, env, clerk, leader):
    cid = decided(store, clerk, leader, env)
    pid = party_of(store, cid)
    with pytest.raises(Invalid, match="已于2026-03-20作出处罚决定，当事人的姓名（名称）不能再更改"):
        with store.write(clerk, "case.correct_party") as s:
            correct_party(s, clerk, cid, pid, name="张叁")
    with pytest.raises(Invalid, match="证件号码不能再更改"):
        with store.write(clerk, "case.correct_party") as s:
            correct_party(s, clerk, cid, pid, id_number=OTHER_ID, address="崇州市崇阳街道1号")
    with store.write(clerk, "case.correct_party", summary="修改当事人：张三") as s:
        view = correct_party(s, clerk, cid, pid, address="崇州市崇阳街道1号", phone="13900002222")
    assert view.address == "崇州市崇阳街道1号" and view.name == "张三"
    summaries = timeline_summaries(store, cid)
    assert summaries[0] == ("更正当事人张三：住址“崇州市怀远镇正街12号”→“崇州市崇阳街道1号”；"
                            "联系电话“13800001234”→“13900002222”")
    with store.read() as s:
        pushed = s.scalars(select(OutboxEntry).where(OutboxEntry.entity_id == pid)
                           .order_by(OutboxEntry.created_at.desc())).first()
    assert pushed.op == "update" and pushed.base == {"address": "崇州市怀远镇正街12号", "phone": "13800001234"}


def test_an_issued_document_naming_the_party_fixes_who_it_is_and_that_it_stays(
        store, env, clerk, leader, tmp_path):
    cid = filed(store, clerk, leader, env)
    pid = party_of(store, cid)
    title = issue_filing_approval(store, leader, cid, tmp_path)
    with store.read() as s:
        assert f"已签发载明该当事人的《{title}》" in identity_lock(s, pid, cid)
    with pytest.raises(Invalid, match=f"《{title}》.*证件号码不能再更改"):
        with store.write(clerk, "case.correct_party") as s:
            correct_party(s, clerk, cid, pid, id_number=OTHER_ID)
    with store.write(clerk, "case.add_party") as s:
        second = add_party(s, clerk, cid, kind="person", name="李四", id_number=OTHER_ID,
                           address="崇州市怀远镇正街14号")
    with pytest.raises(Invalid, match="不能再移除该当事人"):
        with store.write(clerk, "case.remove_party") as s:
            remove_party(s, clerk, cid, pid)
    # 李四 was added after the document: it does not name him, so he may still be corrected or go.
    with store.read() as s:
        assert identity_lock(s, second.id, cid) == ""
    with store.write(clerk, "case.correct_party") as s:
        correct_party(s, clerk, cid, second.id, name="李肆")
    with store.write(clerk, "case.remove_party") as s:
        remove_party(s, clerk, cid, second.id)
    with store.write(clerk, "case.correct_party") as s:
        view = correct_party(s, clerk, cid, pid, phone="13900002222")
    assert "更正文书" in view.warnings[-1]


def test_a_filed_case_keeps_at_least_one_party_and_removal_is_a_tombstone(store, env, clerk, leader):
    cid = filed(store, clerk, leader, env)
    pid = party_of(store, cid)
    with pytest.raises(Invalid, match="案件已立案，至少应保留一名当事人"):
        with store.write(clerk, "case.remove_party") as s:
            remove_party(s, clerk, cid, pid)
    with store.write(clerk, "case.add_party") as s:
        right = add_party(s, clerk, cid, kind="org", name="崇州市某建材有限公司", id_number="91350100M000100Y43",
                          legal_representative="王五", address="崇州市工业园区8号")
    with store.write(clerk, "case.remove_party") as s:
        remove_party(s, clerk, cid, pid)
    with store.read() as s:
        assert [p.id for p in case_parties(s, cid)] == [right.id]
        link = s.scalars(select(CaseParty).where(CaseParty.party_id == pid)).one()  # kept, tombstoned
        assert link.deleted and s.get(Party, pid).deleted is False  # the person may be in other cases
        ops = s.scalars(select(OutboxEntry.op).where(OutboxEntry.entity_id == link.id)).all()
        assert ops == ["insert", "delete"]
        assert s.get(Case, cid).title == "崇州市某建材有限公司擅自占用道路堆放物料案"
    assert any(t.startswith("移除当事人张三") for t in timeline_summaries(store, cid))


def test_a_lead_may_lose_its_only_party_and_its_title_forgets_the_name(store, env, clerk):
    cid = new_lead(store, clerk, env)
    with store.write(clerk, "case.remove_party") as s:
        remove_party(s, clerk, cid, party_of(store, cid))
    with store.read() as s:
        assert case_parties(s, cid) == [] and s.get(Case, cid).title == "擅自占用道路堆放物料案"


def test_a_party_decided_on_in_another_case_keeps_its_identity_there_too(store, env, clerk, leader):
    earlier = decided(store, clerk, leader, env)
    later = new_lead(store, clerk, env, discovered=date(2026, 5, 1), violation=date(2026, 4, 30))
    pid = party_of(store, later)
    assert pid == party_of(store, earlier)  # one person, one row
    with store.read() as s:
        number = s.get(Case, earlier).case_number or s.get(Case, earlier).lead_number
    with pytest.raises(Invalid, match=f"案件{number}已于2026-03-20作出处罚决定"):
        with store.write(clerk, "case.correct_party") as s:
            correct_party(s, clerk, later, pid, name="张叁")
    with store.write(clerk, "case.remove_party") as s:   # but this case may drop the wrong person
        remove_party(s, clerk, later, pid)


def test_an_id_number_already_on_file_for_someone_else_is_refused(store, env, clerk):
    new_lead(store, clerk, env, party_id=OTHER_ID, name="李四")
    cid = new_lead(store, clerk, env)
    with pytest.raises(Invalid, match="已登记为当事人“李四”"):
        with store.write(clerk, "case.correct_party") as s:
            correct_party(s, clerk, cid, party_of(store, cid), id_number=OTHER_ID)


def test_a_party_not_in_the_case_is_not_found(store, env, clerk):
    from app.errors import NotFound

    first = new_lead(store, clerk, env)
    other = new_lead(store, clerk, env, party_id=OTHER_ID, name="李四")
    with pytest.raises(NotFound, match="不在本案中"):
        with store.write(clerk, "case.correct_party") as s:
            correct_party(s, clerk, first, party_of(store, other), phone="1")
