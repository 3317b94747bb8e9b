"""A pull does not bring this PC's own acknowledged pushes back (the echo), but anything the
county holds differently — another PC's edit after the push, a conflict the county kept its
value in, a PC that lost the pushed state — still comes down."""

from __future__ import annotations

from sqlalchemy import select

from app.db.journal import plain
from app.sync import protocol as p
from app.sync import state
from app.sync.engine import enrollment
from app.sync.entities import data_columns
from app.sync.pull import Puller
from app.sync.push import Pusher
from world import SimNote, Township


def add_notes(town: Township, *titles: str) -> list[str]:
    with town.store.write(town.actor, "note.add") as session:
        notes = [SimNote(title=t) for t in titles]
        session.add_all(notes)
        session.flush()
        return [n.id for n in notes]


def set_title(town: Township, note_id: str, title: str) -> None:
    with town.store.write(town.actor, "note.edit") as session:
        session.get(SimNote, note_id).title = title


def title(town: Township, note_id: str) -> str:
    with town.store.read() as session:
        return session.get(SimNote, note_id).title


class Recorder:
    """Wraps a township's client: every pulled change is remembered."""

    def __init__(self, town: Township) -> None:
        self.town = town
        self.changes: list[p.Change] = []
        self.requests: list[p.PullRequest] = []

    def client(self, enrolled):  # noqa: ANN001, ANN201
        client = self.town.client(enrolled)
        real = client.pull

        def pull(request: p.PullRequest) -> p.PullResponse:
            self.requests.append(request)
            page = real(request)
            self.changes.extend(page.changes)
            return page

        client.pull = pull
        return client

    def ids(self) -> set[str]:
        return {c.entity_id for c in self.changes}


def recording(town: Township) -> Recorder:
    rec = Recorder(town)
    town.engine._client_factory = rec.client  # noqa: SLF001
    return rec


def push_only(town: Township) -> None:
    with town.client(enrollment(town.store)) as client:
        client.login()
        Pusher(client, town.store, town.actor, client.device_id).run()


def pull_only(town: Township, rec: Recorder) -> None:
    with rec.client(enrollment(town.store)) as client:
        client.login()
        Puller(client, town.store, town.actor).run()


def test_own_pushes_do_not_come_back_but_the_cursor_moves_past_them(towns):
    a, b = towns
    assert a.sync() and b.sync()
    rec = recording(a)
    mine = add_notes(a, "一", "二", "三")
    with a.store.read() as session:
        cursor = state.cursor(session)
    assert a.sync()
    assert rec.ids() & set(mine) == set()                    # no echo
    assert {h.entity_id for h in rec.requests[0].held} == set(mine)
    with a.store.read() as session:
        assert state.cursor(session) > cursor
        assert all(session.get(SimNote, n).revision == 1 for n in mine)
        assert state.held_records(session)[0] == []          # the echo window is closed
    assert b.sync()
    assert {title(b, n) for n in mine} == {"一", "二", "三"}  # the others still get them


def test_a_change_by_another_pc_after_the_push_still_comes_down(towns):
    a, b = towns
    [note] = add_notes(a, "原稿")
    assert a.sync() and b.sync()
    set_title(a, note, "甲改")
    push_only(a)                                             # acknowledged, not yet pulled
    assert b.sync()
    with b.store.write(b.actor, "note.edit") as session:
        session.get(SimNote, note).body = "乙补充"           # another field, after a's push
    assert b.sync()
    rec = Recorder(a)
    pull_only(a, rec)
    assert note in rec.ids()
    with a.store.read() as session:
        row = session.get(SimNote, note)
        assert (row.title, row.body) == ("甲改", "乙补充")


def test_a_push_the_county_judged_a_conflict_still_comes_down(towns):
    a, b = towns
    [note] = add_notes(a, "原稿")
    assert a.sync() and b.sync()
    set_title(b, note, "乙的")
    assert b.sync()
    set_title(a, note, "甲的")
    with a.store.write(a.actor, "note.edit") as session:
        session.get(SimNote, note).count = 7                 # a field with no clash: applied
    rec = recording(a)
    assert a.sync()
    assert note in rec.ids()                                 # the county kept 乙的: not an echo
    assert title(a, note) == "乙的"


def test_a_pc_that_no_longer_holds_what_it_pushed_gets_the_county_state(towns):
    a, _b = towns
    [note] = add_notes(a, "已上传")
    push_only(a)
    # As after restoring an older backup: the row here differs from what was pushed.
    with a.store.write(a.actor, "test.restore", origin="sync") as session:
        session.get(SimNote, note).title = "备份里的旧值"
    rec = Recorder(a)
    pull_only(a, rec)
    assert note in rec.ids()
    assert title(a, note) == "已上传"


def test_the_client_digest_of_a_row_equals_the_county_digest_of_its_record(towns):
    from app.server.models import Record

    a, _b = towns
    [note] = add_notes(a, "摘要")
    push_only(a)
    with a.store.read() as session:
        obj = session.get(SimNote, note)
        mine = p.record_digest({k: plain(getattr(obj, k)) for k in data_columns(SimNote)})
        [held] = state.held_records(session)[0]
    with a.county.sessions() as session:
        record = session.scalar(select(Record).where(Record.entity_id == note))
        theirs = p.record_digest({**record.data, "deleted": record.deleted})
    assert mine == theirs == held["digest"]
    assert held["revision"] == record.revision


def test_the_held_list_limit_matches_the_protocol():
    assert state.HELD_MAX == p.PULL_HELD_MAX
