"""Tampering with data or history behind the program's back is detected."""

from __future__ import annotations

import shutil

from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from sqlalchemy import text

from app.db.journal import GENESIS_HASH
from app.db.models import Squad
from app.db.store import Store
from app.security.audit_check import chain_head, verify_chain


def _three_squads(store, actor) -> list[str]:
    ids = []
    for name in ("甲中队", "乙中队", "丙中队"):
        with store.write(actor, "squad.create") as s:
            squad = Squad(name=name, issuing_authority="崇州市综合行政执法局")
            s.add(squad)
        ids.append(squad.id)
    with store.write(actor, "squad.rename") as s:
        s.get(Squad, ids[0]).name = "甲中队（改）"
    return ids


def _raw(store, sql: str, **params) -> None:
    with store.engine.begin() as conn:
        conn.execute(text(sql), params)


def test_untouched_store_verifies_and_reports_its_head(store, actor):
    with store.read() as s:
        assert chain_head(s) == (GENESIS_HASH, 0)
        assert verify_chain(s).ok
    _three_squads(store, actor)
    with store.read() as s:
        report = verify_chain(s)
        head, count = chain_head(s)
    assert report.ok, report.problems
    assert (report.entries, report.rows_checked) == (4, 3)
    assert report.head == head and count == 4
    assert "审计链完整" in report.summary()


def test_a_row_edited_with_raw_sql_is_detected(store, actor):
    ids = _three_squads(store, actor)
    _raw(store, "UPDATE squads SET name = '假名' WHERE id = :id", id=ids[1])
    with store.read() as s:
        report = verify_chain(s)
    assert not report.ok
    assert [(p.kind, p.entity_id) for p in report.problems] == [("row_changed", ids[1])]
    assert report.first_broken_seq is None  # the chain itself is intact
    assert "联系县局技术人员" in report.summary()


def test_a_row_inserted_with_raw_sql_is_detected(store, actor):
    _three_squads(store, actor)
    _raw(store, "INSERT INTO squads (id, squad_id, revision, updated_at, updated_by, deleted, name,"
         " township, issuing_authority, authority_short) VALUES ('x', 's', 1, '2026-01-01', 'u', 0,"
         " 'n', '', 'a', '')")
    with store.read() as s:
        assert [p.kind for p in verify_chain(s).problems] == ["row_unaudited"]


def test_an_edited_audit_entry_is_detected(store, actor):
    _three_squads(store, actor)
    _raw(store, "UPDATE audit_log SET actor = 'someone_else' WHERE seq = 2")
    with store.read() as s:
        report = verify_chain(s)
    assert report.first_broken_seq == 2
    assert ("edited_entry", 2) in [(p.kind, p.seq) for p in report.problems]


def test_an_audit_entry_rewritten_with_a_fresh_hash_still_breaks_the_next_link(store, actor):
    ids = _three_squads(store, actor)
    _raw(store, "UPDATE squads SET name = '假名' WHERE id = :id", id=ids[2])
    # cover it up: recompute entry 3's digest and hash consistently
    with store.read() as s:
        from app.db.journal import audit_hash, row_digest
        from app.db.models import AuditEntry

        entry = s.get(AuditEntry, 3)
        entry.row_digest = row_digest(s.get(Squad, ids[2]))
        new_hash = audit_hash(entry)
        digest = entry.row_digest
        s.rollback()
    _raw(store, "UPDATE audit_log SET row_digest = :d, hash = :h WHERE seq = 3", d=digest, h=new_hash)
    with store.read() as s:
        report = verify_chain(s)
    assert report.first_broken_seq == 4
    assert [p.kind for p in report.problems] == ["broken_link"]


def test_a_deleted_audit_entry_is_detected(store, actor):
    _three_squads(store, actor)
    _raw(store, "DELETE FROM audit_log WHERE seq = 2")
    with store.read() as s:
        report = verify_chain(s)
    kinds = {p.kind for p in report.problems}
    assert {"missing_entries", "broken_link", "row_unaudited"} <= kinds
    assert report.first_broken_seq == 2


def test_deleting_the_newest_audit_entry_is_detected_by_the_row_digest(store, actor):
    ids = _three_squads(store, actor)
    _raw(store, "DELETE FROM audit_log WHERE seq = 4")  # hides the rename
    with store.read() as s:
        report = verify_chain(s)
        assert chain_head(s)[1] == 3
    assert [(p.kind, p.entity_id) for p in report.problems] == [("row_changed", ids[0])]


SQUAD_COLUMNS = ["id", "name", "township", "issuing_authority", "authority_short", "squad_id",
                 "revision", "updated_at", "updated_by", "deleted"]
AUDIT_COLUMNS = ["seq", "at", "actor", "device_id", "squad_id", "action", "entity", "entity_id",
                 "revision", "summary", "row_digest", "prev_hash", "hash"]


def _tampered(column: str) -> str:
    if column in ("revision", "deleted"):
        return f"{column} + 1" if column == "revision" else "1 - deleted"
    if column == "seq":
        return "seq + 1000"
    if column in ("at", "updated_at"):
        return f"datetime({column}, '+1 day')"
    return f"{column} || 'x'"


@settings(max_examples=60, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(renames=st.lists(st.integers(0, 2), max_size=4), table=st.sampled_from(["squads", "audit_log"]),
       pick=st.integers(0, 50), data=st.data())
def test_any_single_raw_edit_of_data_or_history_is_detected(migrated_template, tmp_path_factory, actor,
                                                            renames, table, pick, data):
    db = tmp_path_factory.mktemp("tamper") / "squaddesk.db"
    shutil.copy2(migrated_template, db)
    store = Store.open(db)
    try:
        ids = _three_squads(store, actor)
        for which in renames:
            with store.write(actor, "squad.rename") as s:
                s.get(Squad, ids[which]).name += "改"
        column = data.draw(st.sampled_from(SQUAD_COLUMNS if table == "squads" else AUDIT_COLUMNS))
        key = "id" if table == "squads" else "seq"
        with store.engine.begin() as conn:
            keys = [r[0] for r in conn.execute(text(f"SELECT {key} FROM {table} ORDER BY {key}"))]
            target = keys[pick % len(keys)]
            conn.execute(text(f"UPDATE {table} SET {column} = {_tampered(column)} WHERE {key} = :k"),
                         {"k": target})
        with store.read() as s:
            assert not verify_chain(s).ok, f"undetected: {table}.{column} of {target}"
    finally:
        store.dispose()


def test_a_row_deleted_with_raw_sql_is_detected(store, actor):
    ids = _three_squads(store, actor)
    _raw(store, "DELETE FROM squads WHERE id = :id", id=ids[2])
    with store.read() as s:
        report = verify_chain(s)
    assert [(p.kind, p.entity_id) for p in report.problems] == [("row_missing", ids[2])]
