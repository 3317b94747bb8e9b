"""Property: whatever happened before and after a backup, a restore keeps every unsent change."""

from __future__ import annotations

import shutil
import sys
from pathlib import Path

from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from sqlalchemy import select

from app.context import Actor
from app.db import backup as bk
from app.db.models import OutboxEntry
from app.db.store import Store
from app.security.audit_check import verify_chain

sys.path.insert(0, str(Path(__file__).resolve().parents[2] / "reliability"))
from reliability_model import HarnessBase, Note, NoteLink  # noqa: E402

ACTOR = Actor("admin", "00000000-0000-4000-8000-000000000001", "00000000-0000-4000-8000-0000000000d1",
              frozenset({"admin", "clerk"}))
STEP = st.sampled_from(["insert", "update", "link", "delete", "send", "park"])


def _apply(store: Store, step: str, pick: int) -> None:
    with store.write(ACTOR, f"note.{step}") as s:
        notes = s.scalars(select(Note).order_by(Note.id)).all()
        if step == "insert" or not notes:
            s.add(Note(title=f"记录{pick}"))
            return
        note = notes[pick % len(notes)]
        if step == "update":
            note.counter += 1
        elif step == "link":
            s.add(NoteLink(note_id=note.id, label=str(pick)))
        elif step == "delete":
            note.deleted = True
        else:
            pending = s.scalars(select(OutboxEntry).where(OutboxEntry.state == "pending")
                                .order_by(OutboxEntry.seq)).all()
            if pending:
                entry = pending[pick % len(pending)]
                entry.state = "sent" if step == "send" else "parked"


@settings(max_examples=30, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(before=st.lists(st.tuples(STEP, st.integers(0, 99)), max_size=8),
       after=st.lists(st.tuples(STEP, st.integers(0, 99)), min_size=1, max_size=8))
def test_restore_keeps_every_unsent_change_and_a_valid_chain(migrated_template, tmp_path_factory, before, after):
    folder = tmp_path_factory.mktemp("restore")
    db = folder / "squaddesk.db"
    shutil.copy2(migrated_template, db)
    store = Store.open(db)
    HarnessBase.metadata.create_all(store.engine)
    try:
        for step, pick in before:
            _apply(store, step, pick)
        backup = bk.make_backup(store, folder / "backups", key=None)
        for step, pick in after:
            _apply(store, step, pick)
        with store.read() as s:
            unsent = {e.op_id: (e.entity, e.entity_id, e.revision) for e in s.scalars(
                select(OutboxEntry).where(OutboxEntry.state.in_(("pending", "parked"))))}
            latest = {n.id: n.revision for n in s.scalars(select(Note))}
            # rows whose newest change has not been sent must come back exactly as they are now
            newest_unsent = {eid for (entity, eid, rev) in unsent.values()
                             if entity == "harness_notes" and rev == latest.get(eid)}
        bk.restore(store, backup, key=None, actor=ACTOR, folder=folder / "backups",
                   extra_models=[Note, NoteLink])
        with store.read() as s:
            kept = {e.op_id for e in s.scalars(select(OutboxEntry).where(
                OutboxEntry.state.in_(("pending", "parked"))))}
            assert set(unsent) <= kept
            for _op, (entity, entity_id, revision) in unsent.items():
                model = Note if entity == "harness_notes" else NoteLink
                row = s.get(model, entity_id)
                assert row is not None and row.revision >= revision
                if entity_id in newest_unsent:
                    assert row.revision == latest[entity_id]
            report = verify_chain(s, models=[Note, NoteLink])
            assert report.ok, report.problems
    finally:
        store.dispose()
