"""The synced-row contract: stamping, outbox and hash-chained audit in one transaction."""

from __future__ import annotations

import pytest
from sqlalchemy import select

from app.db.models import AuditEntry, OutboxEntry, Squad


def _squad(**kw) -> Squad:
    return Squad(name=kw.get("name", "怀远中队"), issuing_authority="崇州市综合行政执法局")


def test_insert_stamps_row_and_writes_outbox_and_audit(store, actor):
    with store.write(actor, "squad.create", summary="建立中队") as s:
        squad = _squad()
        s.add(squad)
    with store.read() as s:
        row = s.get(Squad, squad.id)
        assert row.revision == 1 and row.updated_by == "clerk" and row.squad_id == actor.squad_id
        # squads come down from the county: audited but never pushed
        assert s.scalars(select(OutboxEntry)).all() == []
        audit = s.scalars(select(AuditEntry)).all()
        assert [a.action for a in audit] == ["squad.create"]
        assert audit[0].prev_hash == "0" * 64


def test_update_bumps_revision_and_chains_audit(store, actor):
    with store.write(actor, "create") as s:
        squad = _squad()
        s.add(squad)
    with store.write(actor, "rename") as s:
        s.get(Squad, squad.id).name = "新名称"
    with store.read() as s:
        assert s.get(Squad, squad.id).revision == 2
        chain = s.scalars(select(AuditEntry).order_by(AuditEntry.seq)).all()
        assert chain[1].prev_hash == chain[0].hash


def test_failed_transaction_leaves_nothing(store, actor):
    with pytest.raises(ZeroDivisionError):
        with store.write(actor, "create") as s:
            s.add(_squad())
            s.flush()
            1 / 0
    with store.read() as s:
        assert s.scalars(select(Squad)).all() == []
        assert s.scalars(select(AuditEntry)).all() == []


def test_hard_delete_of_synced_row_is_refused(store, actor):
    with store.write(actor, "create") as s:
        squad = _squad()
        s.add(squad)
    with pytest.raises(RuntimeError, match="tombstone"):
        with store.write(actor, "delete") as s:
            s.delete(s.get(Squad, squad.id))


def test_a_pulled_revision_with_unchanged_values_is_audited(store, actor):
    """A pull that only adopts the county's newer revision must still leave row and audit in
    step (the crash harness caught a revision that lagged behind a pulled change)."""
    from app.security.audit_check import verify_chain

    with store.write(actor, "create") as s:
        squad = _squad()
        s.add(squad)
    with store.write(actor, "sync.pull", origin="sync") as s:
        s.get(Squad, squad.id).revision = 7
    with store.read() as s:
        assert s.get(Squad, squad.id).revision == 7
        assert verify_chain(s).ok
        assert [a.revision for a in s.scalars(select(AuditEntry).order_by(AuditEntry.seq))] == [1, 7]
