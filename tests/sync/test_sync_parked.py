"""A county change this PC cannot write (a local row holds the same unique value, its parent is
parked too) is parked: the pull goes on past it, every later pull retries it, and it leaves the
list only once it applied or a newer revision of its record applied."""

from __future__ import annotations

import pytest
from sqlalchemy import select

from app.db.models.sync import ParkedChange
from app.security.audit_check import verify_chain
from app.sync import protocol as p
from app.sync.pull import PARKED_UNIQUE, park
from app.sync import state
from world import SimBadge, SimBadgeNote, SimNote, Township


def add(town: Township, row) -> str:  # noqa: ANN001
    with town.store.write(town.actor, "test.add") as session:
        session.add(row)
        session.flush()
        return row.id


def edit(town: Township, cls: type, row_id: str, **values) -> None:  # noqa: ANN003
    with town.store.write(town.actor, "test.edit") as session:
        row = session.get(cls, row_id)
        for key, value in values.items():
            setattr(row, key, value)


def parked(town: Township) -> list[ParkedChange]:
    with town.store.read() as session:
        return list(session.scalars(select(ParkedChange).order_by(ParkedChange.seq)))


def get(town: Township, cls: type, row_id: str):  # noqa: ANN201
    with town.store.read() as session:
        return session.get(cls, row_id)


def status(town: Township) -> state.SyncStatus:
    with town.store.read() as session:
        return state.status(session)


def test_a_unique_clash_parks_the_change_and_the_rest_of_the_pull_applies(towns):
    a, b = towns
    county_badge = add(a, SimBadge(code="徽-001", holder="甲"))
    notes = [add(a, SimNote(title=f"甲{i}")) for i in range(3)]
    assert a.sync()
    own_badge = add(b, SimBadge(code="徽-001", holder="乙"))     # same code, made on b

    assert b.sync(page_size=2)                                   # not stuck: the sync succeeds
    assert get(b, SimBadge, county_badge) is None
    assert all(get(b, SimNote, n) is not None for n in notes)    # the rest applied
    [row] = parked(b)
    assert (row.entity, row.entity_id) == ("sim_badges", county_badge)
    tries = row.attempts
    assert p.Change.model_validate(row.change).data["code"] == "徽-001"   # kept verbatim
    assert own_badge[:8] in row.reason and "重复" in row.reason
    assert "UNIQUE" in row.detail
    with b.store.read() as session:
        cursor = state.cursor(session)
        assert verify_chain(session).ok          # the rolled-back savepoint left no audit gap
    line = status(b).line()
    assert "1 条县局数据暂未能写入本机" in line

    later = add(a, SimNote(title="之后的"))
    assert a.sync() and b.sync()
    assert get(b, SimNote, later).title == "之后的"               # later county changes arrive
    with b.store.read() as session:
        assert state.cursor(session) > cursor
    [row] = parked(b)
    assert row.attempts > tries                                  # retried on the next pull


def test_the_park_clears_once_the_blocking_local_row_changed(towns):
    a, b = towns
    county_badge = add(a, SimBadge(code="徽-007", holder="甲"))
    assert a.sync()
    own_badge = add(b, SimBadge(code="徽-007", holder="乙"))
    assert b.sync()
    assert len(parked(b)) == 1

    edit(b, SimBadge, own_badge, code="徽-008")                   # the clerk fixes her own row
    report = b.engine.run()
    assert parked(b) == []
    assert report.pull.unparked == 1 and report.pull.waiting == 0
    assert get(b, SimBadge, county_badge).code == "徽-007"
    assert get(b, SimBadge, county_badge).holder == "甲"
    assert status(b).incoming_parked == 0
    with b.store.read() as session:
        assert verify_chain(session).ok


def test_a_newer_revision_that_applies_replaces_the_parked_one(towns):
    a, b = towns
    county_badge = add(a, SimBadge(code="徽-010", holder="甲"))
    assert a.sync()
    add(b, SimBadge(code="徽-010", holder="乙"))
    assert b.sync()
    assert len(parked(b)) == 1

    edit(a, SimBadge, county_badge, holder="甲改", code="徽-010号")   # the county renumbers it
    assert a.sync() and b.sync()
    assert parked(b) == []
    assert get(b, SimBadge, county_badge).holder == "甲改"


def test_a_newer_revision_that_still_clashes_replaces_the_older_parked_copy(towns):
    a, b = towns
    county_badge = add(a, SimBadge(code="徽-020", holder="甲"))
    assert a.sync()
    add(b, SimBadge(code="徽-020", holder="乙"))
    assert b.sync()
    edit(a, SimBadge, county_badge, holder="甲第二次")
    assert a.sync() and b.sync()
    [row] = parked(b)                                            # one row per record
    assert row.change["data"]["holder"] == "甲第二次" and row.revision == 2


def test_a_child_of_a_parked_row_is_parked_too_and_both_apply_later(towns):
    a, b = towns
    badge = add(a, SimBadge(code="徽-030", holder="甲"))
    child = add(a, SimBadgeNote(badge_id=badge, text="领用记录"))
    note = add(a, SimNote(title="无关的"))
    assert a.sync()
    own = add(b, SimBadge(code="徽-030", holder="乙"))

    assert b.sync()
    rows = {r.entity: r for r in parked(b)}
    assert set(rows) == {"sim_badges", "sim_badge_notes"}
    assert "上级记录" in rows["sim_badge_notes"].reason
    assert get(b, SimNote, note) is not None and get(b, SimBadgeNote, child) is None
    assert b.sync()                                              # retried, still waiting
    assert len(parked(b)) == 2

    edit(b, SimBadge, own, code="徽-031")
    assert b.sync()
    assert parked(b) == []
    assert get(b, SimBadgeNote, child).badge_id == badge
    with b.store.read() as session:
        assert verify_chain(session).ok


def test_a_local_edit_to_a_record_whose_county_change_is_parked_is_not_lost(towns):
    a, b = towns
    badge = add(a, SimBadge(code="徽-050", holder="甲"))
    assert a.sync() and b.sync()
    own = add(b, SimBadge(code="徽-051", holder="乙"))
    assert b.sync()
    edit(a, SimBadge, badge, code="徽-051")                       # the county's update clashes
    assert a.sync() and b.sync()
    assert [r.entity_id for r in parked(b)] == [badge]
    assert get(b, SimBadge, badge).code == "徽-050"

    edit(b, SimBadge, badge, holder="乙接手")                      # b edits the parked record
    with b.store.read() as session:
        held, _top = state.held_records(session)
    assert badge not in {h["entity_id"] for h in held}           # never claimed while parked
    assert b.sync()
    [row] = parked(b)
    assert row.change["data"]["holder"] == "乙接手"               # the newer county state
    edit(b, SimBadge, own, code="徽-052")
    assert b.sync()
    assert parked(b) == []
    now = get(b, SimBadge, badge)
    assert (now.code, now.holder) == ("徽-051", "乙接手")


@pytest.mark.usefixtures("secret_service")
def test_squaddesk_check_names_the_parked_county_changes(tmp_path):
    from app.bootstrap import open_data_folder
    from app.clock import utc_now
    from app.context import Actor
    from app.integrity import check_data_folder
    from app.paths import AppPaths

    opened = open_data_folder(AppPaths.in_folder(tmp_path))
    try:
        assert check_data_folder(opened, security=False).ok
        change = p.Change(seq=9, entity="cases", entity_id="c" * 36, revision=2, deleted=False,
                          data={"id": "c" * 36}, updated_at=utc_now(), updated_by="县局")
        with opened.store.write(Actor(user="sync", squad_id="", device_id=""), "test.park",
                                origin="sync") as session:
            park(session, change, PARKED_UNIQUE.format(blocker="abcd1234"), "UNIQUE …")
        report = check_data_folder(opened, security=False)
    finally:
        opened.store.dispose()
    assert not report.ok
    assert "1 条县局数据暂未能写入本机" in report.verdict_line()
    assert "abcd1234" in report.verdict_line()


def test_a_value_the_column_cannot_hold_is_parked_and_the_page_still_applies(towns):
    from app.clock import utc_now
    from app.sync.pull import PullReport, apply_page

    _a, b = towns
    good, bad = "aaaaaaaa-0000-4000-8000-000000000001", "bbbbbbbb-0000-4000-8000-000000000002"

    def change(seq: int, entity_id: str, count) -> p.Change:  # noqa: ANN001
        return p.Change(seq=seq, entity="sim_notes", entity_id=entity_id, revision=1,
                        deleted=False, updated_at=utc_now(),
                        data={"id": entity_id, "squad_id": b.actor.squad_id, "title": "县局",
                              "body": "", "count": count, "tag": None})

    page = p.PullResponse(server_time=utc_now(), has_more=False, next_cursor=2,
                          changes=[change(1, bad, {"newer": "format"}), change(2, good, 3)])
    report = PullReport()
    with b.store.write(b.actor, "sync.pull", origin="sync") as session:
        apply_page(session, page, report, set(), set())
    assert report.parked == 1 and report.applied == 1
    assert get(b, SimNote, good).count == 3 and get(b, SimNote, bad) is None
    [row] = parked(b)
    assert row.entity_id == bad and "无法识别" in row.reason
