"""Backups: online, encrypted, verified, rotated; a restore keeps every change not yet sent."""

from __future__ import annotations

import os
import sys
from datetime import datetime, timedelta, timezone
from pathlib import Path

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st
from sqlalchemy import select

from app.context import Actor
from app.db import backup as bk
from app.db.models import AuditEntry, OutboxEntry, Squad
from app.db.store import Store
from app.errors import Forbidden, StoreError
from app.security.audit_check import verify_chain
from app.security.keys import encrypt_plaintext_database

sys.path.insert(0, str(Path(__file__).resolve().parents[2] / "reliability"))
from reliability_model import HarnessBase, Note, NoteLink  # noqa: E402

KEY = bytes(range(32))
T0 = datetime(2026, 11, 20, 2, 0, tzinfo=timezone.utc)


@pytest.fixture
def enc_store(db_path):
    encrypt_plaintext_database(db_path, KEY)
    store = Store.open(db_path, key=KEY)
    HarnessBase.metadata.create_all(store.engine)
    yield store
    store.dispose()


@pytest.fixture
def folder(tmp_path) -> Path:
    return tmp_path / "backups"


def _note(store, actor, title: str) -> str:
    with store.write(actor, "note.create") as s:
        note = Note(title=title)
        s.add(note)
    return note.id


def test_backup_is_encrypted_verified_and_named_by_kind(enc_store, folder, actor):
    _note(enc_store, actor, "甲")
    info = bk.make_backup(enc_store, folder, key=KEY, kind="manual")
    assert info.path.name.startswith("squaddesk-manual-") and info.path.exists()
    assert bk.verify_backup(info.path, KEY)
    assert not bk.verify_backup(info.path, bytes(32))
    assert b"SQLite format 3" not in info.path.read_bytes()[:16]
    assert sorted(p.name for p in folder.iterdir()) == [info.path.name]  # no -wal/-shm/partial
    assert bk.list_backups(folder) == [info]


def test_daily_backup_only_when_the_newest_is_a_day_old(enc_store, folder):
    first = bk.auto_backup_if_due(enc_store, folder, key=KEY, now=T0)
    assert first is not None and first.kind == "daily"
    assert bk.auto_backup_if_due(enc_store, folder, key=KEY, now=T0 + timedelta(hours=23)) is None
    assert bk.auto_backup_if_due(enc_store, folder, key=KEY, now=T0 + timedelta(hours=25))


def test_a_pre_migration_backup_is_taken_only_when_a_migration_is_pending(enc_store, folder):
    assert bk.backup_before_migration(enc_store, folder, key=KEY) is None  # already at head
    from sqlalchemy import text

    with enc_store.engine.begin() as conn:
        conn.execute(text("UPDATE alembic_version SET version_num = '0001_foundation'"))
    info = bk.backup_before_migration(enc_store, folder, key=KEY)
    assert info is not None and info.kind == "pre-migration" and bk.verify_backup(info.path, KEY)


def test_a_failed_backup_leaves_no_file_under_a_final_name(enc_store, folder, monkeypatch):
    monkeypatch.setattr(bk, "verify_backup", lambda *_a: False)
    with pytest.raises(StoreError, match="备份文件校验失败"):
        bk.make_backup(enc_store, folder, key=KEY)
    assert bk.list_backups(folder) == []


def test_summary_counts_rows_and_lists_latest_changes(enc_store, folder, actor):
    for title in ("甲", "乙", "丙"):
        _note(enc_store, actor, title)
    summary = bk.backup_summary(bk.make_backup(enc_store, folder, key=KEY), key=KEY)
    assert summary.counts["harness_notes"] == 3 and summary.counts["audit_log"] == 3
    assert summary.unsent_changes == 3 and summary.audit_entries == 3
    assert [c.action for c in summary.latest_changes] == ["note.create"] * 3


def _infos(stamps: list[tuple[str, datetime]]) -> list[bk.BackupInfo]:
    return [bk.BackupInfo(Path(bk.backup_name(k, t, i)), k, t) for i, (k, t) in enumerate(stamps)]


def test_rotation_keeps_seven_days_four_weeks_and_five_pre_migration():
    daily = [("daily", T0 - timedelta(days=d)) for d in range(60)]
    pre = [("pre-migration", T0 - timedelta(hours=h)) for h in range(9)]
    keep, delete = bk.plan_rotation(_infos(daily + pre))
    kept_daily = sorted((b.taken_at for b in keep if b.kind == "daily"), reverse=True)
    assert kept_daily[:7] == [T0 - timedelta(days=d) for d in range(7)]
    assert len(kept_daily) <= 7 + 4 and len(kept_daily) >= 7 + 2
    assert len([b for b in keep if b.kind == "pre-migration"]) == 5
    assert len(keep) + len(delete) == 69


@settings(max_examples=200, deadline=None)
@given(st.lists(st.tuples(st.sampled_from(bk.KINDS),
                          st.integers(0, 24 * 3600 * 120)), min_size=1, max_size=60))
def test_rotation_properties(raw):
    infos = _infos([(k, T0 - timedelta(seconds=s)) for k, s in raw])
    keep, delete = bk.plan_rotation(infos)
    assert {b.path for b in keep} | {b.path for b in delete} == {b.path for b in infos}
    assert not {b.path for b in keep} & {b.path for b in delete}
    for kinds in (bk.REGULAR, ("pre-migration",), ("pre-restore",)):
        of_kind = [b for b in infos if b.kind in kinds]
        if of_kind:  # the newest regular / pre-migration / pre-restore backup always survives
            assert max(of_kind, key=lambda b: (b.taken_at, b.path.name)) in keep
    assert len([b for b in keep if b.kind in bk.REGULAR]) <= bk.KEEP_DAILY + bk.KEEP_WEEKLY
    assert len([b for b in keep if b.kind == "pre-migration"]) <= bk.KEEP_PRE_MIGRATION
    assert bk.plan_rotation(keep) == (keep, [])  # rotating twice changes nothing


@settings(max_examples=300, deadline=None)
@given(st.sampled_from(bk.KINDS), st.datetimes(min_value=datetime(2000, 1, 1), max_value=datetime(2200, 1, 1),
                                                timezones=st.just(timezone.utc)), st.integers(0, 99))
def test_backup_names_round_trip(kind, moment, serial):
    info = bk.parse_backup_name(Path(bk.backup_name(kind, moment, serial)))
    assert info is not None and (info.kind, info.taken_at) == (kind, moment)


@settings(max_examples=300, deadline=None)
@given(st.text(max_size=60))
def test_backup_name_parser_ignores_strangers(name):
    info = bk.parse_backup_name(Path(name.replace("/", "_").replace("\x00", "") or "x"))
    assert info is None or info.kind in bk.KINDS


def _rotate_folder_and_restore(enc_store, folder, actor, admin):
    kept = _note(enc_store, actor, "备份前")
    backup = bk.make_backup(enc_store, folder, key=KEY)
    with enc_store.write(actor, "note.edit") as s:
        s.get(Note, kept).title = "备份后改"
    new = _note(enc_store, actor, "备份后新建")
    with enc_store.write(actor, "link.create") as s:
        link = NoteLink(note_id=new, label="关联")
        s.add(link)
    return kept, new, link.id, backup


def test_restore_needs_the_restore_permission(enc_store, folder, actor):
    backup = bk.make_backup(enc_store, folder, key=KEY)
    clerk = Actor("lisi", actor.squad_id, actor.device_id, frozenset({"clerk"}))
    with pytest.raises(Forbidden, match="无权恢复备份"):
        bk.restore(enc_store, backup, key=KEY, actor=clerk, folder=folder)


def test_preview_shows_what_changes_and_what_is_carried(enc_store, folder, actor):
    kept, new, link, backup = _rotate_folder_and_restore(enc_store, folder, actor, actor)
    preview = bk.diff_against_current(enc_store, backup, key=KEY)
    notes = next(t for t in preview.tables if t.table == "harness_notes")
    assert (notes.in_backup, notes.in_current, notes.only_current, notes.changed) == (1, 2, 1, 1)
    assert preview.carried_changes == 3 and preview.carried_rows == 3
    assert preview.audit_entries_dropped == 3
    assert {t.table for t in preview.changed_tables} >= {"harness_notes", "harness_links", "outbox"}


def test_restore_keeps_unsent_changes_with_the_rows_they_reference(enc_store, folder, actor):
    kept, new, link, backup = _rotate_folder_and_restore(enc_store, folder, actor, actor)
    with enc_store.write(actor, "squad.create") as s:  # audited, never pushed: goes with the backup
        s.add(Squad(name="备份后的中队", issuing_authority="局"))
    result = bk.restore(enc_store, backup, key=KEY, actor=actor, folder=folder, extra_models=[Note, NoteLink])
    assert result.carried_changes == 3 and result.carried_rows == 3
    assert bk.verify_backup(result.safety_backup.path, KEY)
    with enc_store.read() as s:
        assert s.get(Note, kept).title == "备份后改"   # its update was unsent: carried
        assert s.get(Note, new) is not None and s.get(NoteLink, link).note_id == new
        assert s.scalars(select(Squad)).all() == []
        pending = s.scalars(select(OutboxEntry).where(OutboxEntry.state == "pending")).all()
        assert len(pending) == 4  # 1 from the backup + 3 carried
        report = verify_chain(s, models=[Note, NoteLink])
        assert report.ok, report.problems
        assert s.scalars(select(AuditEntry.action).order_by(AuditEntry.seq.desc())).first() == "backup.restore"
    assert not list(folder.glob("*.partial"))
    with enc_store.engine.connect() as conn:  # still the live, WAL-mode, encrypted database
        assert conn.exec_driver_sql("PRAGMA journal_mode").scalar() == "wal"
        assert conn.exec_driver_sql("PRAGMA integrity_check").scalar() == "ok"


def test_sent_changes_are_not_resent_after_a_restore(enc_store, folder, actor):
    note = _note(enc_store, actor, "甲")
    backup = bk.make_backup(enc_store, folder, key=KEY)
    with enc_store.write(actor, "sync.sent") as s:
        for e in s.scalars(select(OutboxEntry)):
            e.state = "sent"
    bk.restore(enc_store, backup, key=KEY, actor=actor, folder=folder, extra_models=[Note])
    with enc_store.read() as s:
        assert [e.state for e in s.scalars(select(OutboxEntry))] == ["sent"]
        assert s.get(Note, note) is not None


def test_a_corrupt_backup_is_refused_and_nothing_changes(enc_store, folder, actor):
    _note(enc_store, actor, "甲")
    backup = bk.make_backup(enc_store, folder, key=KEY)
    with open(backup.path, "r+b") as fh:
        fh.seek(os.path.getsize(backup.path) // 2)
        fh.write(b"\xff" * 64)
    with pytest.raises(StoreError, match="已损坏或无法解密"):
        bk.restore(enc_store, backup, key=KEY, actor=actor, folder=folder)
    with enc_store.read() as s:
        assert len(s.scalars(select(Note)).all()) == 1


def test_start_up_takes_the_daily_backup_once(enc_store, folder):
    taken = bk.start_up_backups(enc_store.engine, folder, key=KEY)
    assert [b.kind for b in taken] == ["daily"]
    assert bk.start_up_backups(enc_store, folder, key=KEY) == []


def test_a_full_disk_during_a_backup_leaves_no_partial_and_a_clear_message(enc_store, folder, actor, monkeypatch):
    _note(enc_store, actor, "甲")
    real_keyed = bk._keyed

    def tiny(path, key, *, read_only=False):  # noqa: ANN001
        conn = real_keyed(path, key, read_only=read_only)
        if str(path).endswith(".partial"):
            conn.execute("PRAGMA max_page_count = 2")  # the backup target cannot grow: SQLITE_FULL
        return conn

    monkeypatch.setattr(bk, "_keyed", tiny)
    with pytest.raises(StoreError, match="磁盘空间已满"):
        bk.make_backup(enc_store, folder, key=KEY)
    assert list(folder.iterdir()) == []
