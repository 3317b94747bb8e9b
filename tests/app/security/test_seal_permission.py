"""A logged-in user without the seal role cannot apply the seal through the documents service.

End to end: a real account (app.security.accounts), a real login, the Actor it yields, and the
documents developer's own services (app.documents.service). Nothing is written by the attempt.
Through the UI: tests/ui/documents/test_document_workflow_ui.py
(test_clerk_cannot_apply_the_seal_through_the_page: the 用印 button is disabled for a clerk, and its
handler called anyway ends in this Forbidden, shown through show_error, with nothing registered).
"""

from __future__ import annotations

from datetime import date

import pytest
from sqlalchemy import select

from app.db.models.documents import SealUse
from app.documents.numbering import LocalBlockSource, ensure_block
from app.documents.samples import sample_context
from app.documents.seal import load_seal
from app.documents.service import SealRequest, approve, create_draft, issue, register_seal_use
from app.errors import Forbidden
from app.paths import AppPaths
from app.security import accounts
from app.security.audit_check import verify_chain
from app.settings import Preferences

PASSWORD = "xuncha-3ci-budaochi-2026"
REQUEST = SealRequest(requester="李娜", purpose="送达当事人", approver="陈明", copies=1)


@pytest.fixture
def people(store, actor):
    with store.write(actor, "user.create") as s:
        accounts.create_user(s, login="admin", display_name="王管理", roles=["admin"],
                             password=PASSWORD, actor=None)
        accounts.create_user(s, login="wenshu", display_name="文书甲", roles=["clerk", "officer"],
                             password=PASSWORD, actor=actor)
        accounts.create_user(s, login="duizhang", display_name="队长乙", roles=["leader"],
                             password=PASSWORD, actor=actor)

    def login(name: str):
        user = accounts.authenticate(store, name, PASSWORD, device_id=actor.device_id)
        return accounts.actor_for(user, actor.device_id, actor.squad_id)

    return login


def _approved(store, leader) -> str:
    with store.write(leader, "document.draft") as s:
        doc = create_draft(s, leader, doc_type="penalty_decision",
                           context=sample_context("penalty_decision"))
        approve(s, leader, doc.id)
    return doc.id


def test_clerk_cannot_register_a_hand_stamp_but_the_leader_can(store, people):
    clerk, leader = people("wenshu"), people("duizhang")
    doc_id = _approved(store, leader)
    with pytest.raises(Forbidden, match="文书甲|wenshu.*无权加盖印章"):
        with store.write(clerk, "document.seal") as s:
            register_seal_use(s, clerk, doc_id, seal_id="czzfj-official", request=REQUEST)
    with store.read() as s:
        assert s.scalars(select(SealUse)).all() == []
    with store.write(leader, "document.seal") as s:
        register_seal_use(s, leader, doc_id, seal_id="czzfj-official", request=REQUEST)
    with store.read() as s:
        assert len(s.scalars(select(SealUse)).all()) == 1
        assert verify_chain(s).ok


def test_clerk_can_issue_but_not_with_the_electronic_seal(store, people, tmp_path):
    clerk, leader = people("wenshu"), people("duizhang")
    doc_id = _approved(store, leader)
    paths = AppPaths.in_folder(tmp_path / "data").ensure()
    source = LocalBlockSource(tmp_path / "leases.json")
    with store.write(clerk, "document.lease") as s:
        ensure_block(s, source, squad_id=clerk.squad_id, doc_type="penalty_decision", year=2026)
    with pytest.raises(Forbidden, match="无权加盖印章"):
        with store.write(clerk, "document.issue") as s:
            issue(s, clerk, doc_id, paths=paths, prefs=Preferences(), source=source,
                  issue_date=date(2026, 4, 8), seal=load_seal("czzfj-official"), seal_request=REQUEST)
    with store.read() as s:
        assert s.scalars(select(SealUse)).all() == []
