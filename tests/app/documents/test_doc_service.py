"""Issuing documents: approval, numbers, immutability, seal gating and register, print log, verify."""

from __future__ import annotations

from datetime import date

import pytest
from sqlalchemy import select

from app.context import Actor
from app.db.models.documents import Document, PrintLog, SealUse
from app.documents.numbering import LocalBlockSource, ensure_block
from app.documents.samples import sample_context
from app.documents.seal import load_seal
from app.documents.service import (
    SealRequest,
    Verdict,
    approve,
    correct,
    create_draft,
    issue,
    pdf_path,
    record_print,
    register_seal_use,
    update_draft,
    verify_pdf,
)
from app.errors import Forbidden, Invalid
from app.paths import AppPaths
from app.settings import Preferences

DAY = date(2026, 4, 8)
REQUEST = SealRequest(requester="李娜", purpose="送达当事人", approver="陈明", keeper="刘强", copies=2)


@pytest.fixture
def env(tmp_path, store, actor):
    paths = AppPaths.in_folder(tmp_path / "data").ensure()
    source = LocalBlockSource(tmp_path / "leases.json")
    return paths, source, Preferences()


def _approved_decision(store, actor) -> str:
    with store.write(actor, "document.draft") as session:
        doc = create_draft(session, actor, doc_type="penalty_decision",
                           context=sample_context("penalty_decision"))
        approve(session, actor, doc.id)
        return doc.id


def _issue(store, actor, env, doc_id, **kw):
    paths, source, prefs = env
    with store.write(actor, "document.lease") as session:
        ensure_block(session, source, squad_id=actor.squad_id, doc_type="penalty_decision", year=DAY.year)
    with store.write(actor, "document.issue") as session:
        doc = issue(session, actor, doc_id, paths=paths, prefs=prefs, source=source, issue_date=DAY, **kw)
        return doc.number, doc.pdf_sha256


def test_issue_numbers_renders_and_stores_by_hash(store, actor, env):
    doc_id = _approved_decision(store, actor)
    number, sha = _issue(store, actor, env, doc_id)
    assert number == "崇综执罚决字〔2026〕1号"
    assert pdf_path(env[0], sha).read_bytes()[:4] == b"%PDF"
    doc_id2 = _approved_decision(store, actor)
    assert _issue(store, actor, env, doc_id2)[0] == "崇综执罚决字〔2026〕2号"


def test_draft_cannot_be_issued_and_incomplete_draft_cannot_be_approved(store, actor, env):
    with store.write(actor, "document.draft") as session:
        doc = create_draft(session, actor, doc_type="penalty_decision", context={"party_name": "某某"})
        with pytest.raises(Invalid, match="还缺少以下内容"):
            approve(session, actor, doc.id)
        with pytest.raises(Invalid, match="尚未审批"):
            issue(session, actor, doc.id, paths=env[0], prefs=env[2], source=env[1], issue_date=DAY)


def test_issued_document_is_immutable_and_corrections_point_back(store, actor, env):
    doc_id = _approved_decision(store, actor)
    _issue(store, actor, env, doc_id)
    with store.write(actor, "document.edit") as session:
        with pytest.raises(Invalid, match="不能再修改"):
            update_draft(session, actor, doc_id, {"party_name": "别人"})
    with pytest.raises(Invalid, match="已签发，不能修改"):
        with store.write(actor, "document.tamper") as session:
            session.get(Document, doc_id).context = {"party_name": "别人"}
    with store.write(actor, "document.correct") as session:
        new = correct(session, actor, doc_id, sample_context("penalty_decision"))
        assert new.corrects_document_id == doc_id and new.state == "draft"


def test_electronic_seal_needs_permission_and_is_registered(store, actor, env):
    clerk = Actor(user="clerk", squad_id=actor.squad_id, device_id=actor.device_id,
                  roles=frozenset({"clerk"}))
    doc_id = _approved_decision(store, actor)
    seal = load_seal("czzfj-official")
    with pytest.raises(Forbidden, match="加盖印章"):
        _issue(store, clerk, env, doc_id, seal=seal, seal_request=REQUEST)
    _issue(store, actor, env, doc_id, seal=seal, seal_request=REQUEST)
    with store.read() as session:
        use = session.scalars(select(SealUse)).one()
        assert use.mode == "electronic" and use.copies == 2 and use.document_number.endswith("1号")
        assert use.requester == "李娜" and use.approver == "陈明" and use.keeper == "刘强"


def test_hand_stamp_only_on_approved_documents(store, actor, env):
    with store.write(actor, "document.draft") as session:
        draft = create_draft(session, actor, doc_type="penalty_decision",
                             context=sample_context("penalty_decision"))
        with pytest.raises(Invalid, match="不得用印"):
            register_seal_use(session, actor, draft.id, seal_id="czzfj-official", request=REQUEST)
        approve(session, actor, draft.id)
        use = register_seal_use(session, actor, draft.id, seal_id="czzfj-official", request=REQUEST)
        assert use.mode == "hand_stamp" and use.register_no.startswith(f"{use.used_at.year}-")


def test_print_log_marks_reprints(store, actor, env):
    doc_id = _approved_decision(store, actor)
    _issue(store, actor, env, doc_id)
    with store.write(actor, "document.print") as session:
        first = record_print(session, actor, doc_id, copies=2, printer="HP LaserJet")
        again = record_print(session, actor, doc_id, copies=1, printer="HP LaserJet")
        assert not first.is_reprint and again.is_reprint
    with store.read() as session:
        assert len(session.scalars(select(PrintLog)).all()) == 2


def test_verify_genuine_tampered_unknown(store, actor, env):
    doc_id = _approved_decision(store, actor)
    _, sha = _issue(store, actor, env, doc_id)
    pdf = pdf_path(env[0], sha).read_bytes()
    tampered = pdf.replace(b"/Producer (squaddesk)", b"/Producer (squaddesX)")
    assert tampered != pdf
    with store.read() as session:
        assert verify_pdf(session, pdf).verdict is Verdict.GENUINE
        assert verify_pdf(session, tampered).verdict is Verdict.TAMPERED
        assert verify_pdf(session, b"%PDF-1.4 not ours").verdict is Verdict.UNKNOWN
