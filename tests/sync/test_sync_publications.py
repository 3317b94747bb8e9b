"""A county reference publication whose applier fails (a roster row with a bad certificate number,
a benchmark file that does not validate) is parked like a county row change this PC cannot
write: the pull goes on past it, nothing of it is half-applied, every later pull retries it, and
it leaves the list when it applied or a newer publication of its kind applied."""

from __future__ import annotations

import json
from itertools import count

import pytest
from sqlalchemy import func, select

from app.db.models.core import Meta
from app.db.models.officers import Officer
from app.db.models.sync import ParkedChange
from app.domain.identifiers import resident_id_check_char
from app.errors import Invalid
from app.officers.sync_apply import roster_applier
from app.security.audit_check import verify_chain
from app.settings import Preferences
from app.sync import protocol as p
from app.sync import reference, state
from world import SimNote, Township

_ids = count(300)
_numbers = count(51020001)


def id_number() -> str:
    first17 = f"51018419850312{next(_ids) % 1000:03d}"
    return first17 + resident_id_check_char(first17)


def officer(name: str, **extra) -> dict:  # noqa: ANN003
    row = {"name": name, "id_number": id_number(), "unit": "崇州市综合行政执法局",
           "kind": "在编执法人员", "certificate_no": str(next(_numbers)),
           "fields": ["城市管理"], "issued_on": "2022-01-01",
           "certificate_valid_until": "2027-12-31", "squad": "怀远中队", "title": "执法队员"}
    row.update(extra)
    return row


@pytest.fixture
def appliers():
    """The registry is process-wide: each test registers what it needs and leaves it as found."""
    saved = dict(reference._appliers)  # noqa: SLF001
    reference._appliers.clear()        # noqa: SLF001
    reference.register("roster", roster_applier(Preferences(), complete=True))
    yield reference
    reference._appliers.clear()        # noqa: SLF001
    reference._appliers.update(saved)  # noqa: SLF001


def publish(town: Township, kind: str, payload) -> int:  # noqa: ANN001
    from app.server.reference import publish as county_publish

    with town.county.sessions.begin() as session:
        return county_publish(session, kind, payload).version


def add_note(town: Township, title: str) -> str:
    with town.store.write(town.actor, "test.add") as session:
        row = SimNote(title=title)
        session.add(row)
        session.flush()
        return row.id


def parked(town: Township) -> list[ParkedChange]:
    with town.store.read() as session:
        return list(session.scalars(select(ParkedChange).order_by(ParkedChange.entity,
                                                                  ParkedChange.seq)))


def officers(town: Township) -> int:
    with town.store.read() as session:
        return session.scalar(select(func.count()).select_from(Officer)) or 0


def note(town: Township, note_id: str) -> SimNote | None:
    with town.store.read() as session:
        return session.get(SimNote, note_id)


def test_a_bad_roster_is_parked_and_later_county_changes_still_arrive(towns, appliers):
    a, b = towns
    payload = {"officers": [officer("张三"), officer("王五", certificate_no="12")]}
    version = publish(a, "roster", payload)
    before = add_note(a, "名册之前")
    assert a.sync()

    report = b.engine.run()                                     # not stuck: the sync succeeds
    assert note(b, before).title == "名册之前"
    assert officers(b) == 0                                     # nothing of the roster
    [row] = parked(b)
    assert (row.entity, row.entity_id) == ("publication:roster", str(version))
    assert p.ReferencePublication.model_validate(row.change).payload == payload   # verbatim
    assert row.reason.startswith(f"县局下发的执法人员名册（第 {version} 版）未能导入：第3行")
    assert "执法证号" in row.reason and "重新下发" in row.reason
    assert "\n" not in row.reason and "Traceback" not in row.reason
    assert report.pull.parked == 1 and report.pull.waiting == 1
    assert "1 条县局数据暂未能写入本机" in report.summary()
    with b.store.read() as session:
        assert state.reference_versions(session)["roster"] == version   # not sent again
        assert "1 条县局数据暂未能写入本机" in state.status(session).line()
        assert verify_chain(session).ok          # the rolled-back savepoint left no audit gap
        cursor = state.cursor(session)
    tries = row.attempts

    later = add_note(a, "名册之后")
    assert a.sync()
    assert b.sync()
    assert note(b, later).title == "名册之后"                    # later county changes arrive
    with b.store.read() as session:
        assert state.cursor(session) > cursor
    [row] = parked(b)
    assert row.attempts == tries + 1                            # retried once per pull
    assert officers(b) == 0


def test_a_corrected_newer_roster_supersedes_the_parked_one(towns, appliers):
    a, b = towns
    publish(a, "roster", {"officers": [officer("张三"), officer("王五", certificate_no="12")]})
    assert b.sync()
    assert len(parked(b)) == 1

    fixed = publish(a, "roster", {"officers": [officer("张三"), officer("王五")]})
    report = b.engine.run()
    assert parked(b) == []
    assert officers(b) == 2
    assert report.pull.reference == ["roster"]
    assert report.pull.unparked == 1 and report.pull.waiting == 0
    with b.store.read() as session:
        assert state.reference_versions(session)["roster"] == fixed
        assert state.status(session).incoming_parked == 0
        assert verify_chain(session).ok


def test_a_newer_roster_that_fails_too_is_kept_and_a_good_one_clears_both(towns, appliers):
    a, b = towns
    publish(a, "roster", {"officers": [officer("张三", certificate_no="12")]})
    assert b.sync()
    second = publish(a, "roster", {"officers": [officer("张三"), officer("李四", id_number="123")]})
    assert b.sync()
    rows = parked(b)
    assert [r.entity_id for r in rows] == ["1", str(second)]
    assert "第 2 版" in rows[1].reason and "第3行" in rows[1].reason

    publish(a, "roster", {"officers": [officer("张三"), officer("李四")]})
    assert b.sync()
    assert parked(b) == [] and officers(b) == 2


def test_a_publication_that_fails_half_way_leaves_nothing_behind(towns, appliers):
    a, b = towns

    def half_then_fail(session, payload, version) -> None:  # noqa: ANN001
        session.add(SimNote(title="半截名册"))
        session.add(Meta(key="reference:holidays", value=json.dumps(payload)))
        session.flush()                                         # written, then the bad part
        raise Invalid(f"第 {payload['bad']} 条日期无效")

    appliers.register("holidays", half_then_fail)
    publish(a, "holidays", {"bad": 2})
    good = add_note(a, "同一页的")
    assert a.sync()
    assert b.sync(page_size=50)                                 # the page and the publication

    assert note(b, good).title == "同一页的"                     # the rest of the page applied
    with b.store.read() as session:
        assert session.scalar(select(func.count()).select_from(SimNote)
                              .where(SimNote.title == "半截名册")) == 0
        assert session.get(Meta, "reference:holidays") is None
        assert verify_chain(session).ok
    [row] = parked(b)
    assert row.reason == ("县局下发的节假日安排（第 1 版）未能导入：第 2 条日期无效。"
                          "请县局改正后重新下发；本机每次同步也会自动重试。")


def test_an_applier_that_breaks_on_unexpected_data_parks_it_with_a_plain_reason(towns, appliers):
    a, b = towns
    appliers.register("benchmarks", lambda session, payload, version: payload["benchmarks"][0])
    publish(a, "benchmarks", {"items": [1]})
    assert b.sync()
    [row] = parked(b)
    assert "行政处罚裁量基准（第 1 版）未能导入：内容本机无法识别" in row.reason
    assert row.detail.startswith("KeyError")


def test_a_parked_publication_applies_from_its_kept_copy_once_what_blocked_it_is_gone(
        towns, appliers):
    a, b = towns
    taken: list[tuple[object, int]] = []
    blocked = [True]

    def fussy(session, payload, version) -> None:  # noqa: ANN001
        if blocked[0]:
            raise Invalid("本机尚缺所需的记录")
        taken.append((payload, version))

    appliers.register("seal_spec", fussy)
    publish(a, "seal_spec", {"size_mm": 42})
    assert b.sync()
    assert b.sync()
    assert len(parked(b)) == 1 and parked(b)[0].attempts == 2 and taken == []

    blocked[0] = False
    report = b.engine.run()
    assert taken == [({"size_mm": 42}, 1)]                      # once, from the parked copy
    assert parked(b) == []
    assert report.pull.unparked == 1 and report.pull.reference == ["seal_spec"]
    assert b.sync()
    assert taken == [({"size_mm": 42}, 1)]                      # and never again


def test_a_kind_without_an_applier_is_neither_parked_nor_remembered(towns, appliers):
    a, b = towns
    publish(a, "templates", {"notice": "…"})
    assert b.sync()
    assert parked(b) == []
    with b.store.read() as session:
        assert "templates" not in state.reference_versions(session)


@pytest.mark.usefixtures("secret_service")
def test_squaddesk_check_names_the_parked_publication(tmp_path):
    from app.bootstrap import open_data_folder
    from app.clock import utc_now
    from app.context import Actor
    from app.integrity import check_data_folder
    from app.paths import AppPaths
    from app.sync.pull import PARKED_ORPHAN, park, park_publication

    opened = open_data_folder(AppPaths.in_folder(tmp_path))
    try:
        change = p.Change(seq=9, entity="cases", entity_id="c" * 36, revision=2, deleted=False,
                          data={"id": "c" * 36}, updated_at=utc_now(), updated_by="县局")
        roster = p.ReferencePublication(kind="roster", version=4, published_at=utc_now(),
                                        payload={"officers": []})
        bench = p.ReferencePublication(kind="benchmarks", version=7, published_at=utc_now(),
                                       payload={})
        with opened.store.write(Actor(user="sync", squad_id="", device_id=""), "test.park",
                                origin="sync") as session:
            park(session, change, PARKED_ORPHAN, "FOREIGN KEY constraint failed")
            park_publication(session, roster, Invalid("第3行「执法证号」：格式不对"))
            park_publication(session, bench, Invalid("裁量基准文件缺少“benchmarks”列表"))
        report = check_data_folder(opened, security=False)
    finally:
        opened.store.dispose()
    assert not report.ok
    line = report.verdict_line()
    assert "3 条县局数据暂未能写入本机" in line
    assert "执法人员名册（第 4 版）未能导入：第3行「执法证号」：格式不对" in line
    assert "行政处罚裁量基准（第 7 版）未能导入" in line
