"""A complete county roster decides who belongs to the squad: an officer in post here whom it no
longer lists is marked as gone (调离) — row kept, audited, refused as an enforcer from that day —
by a file import or by the pulled "roster" publication; a partial roster marks nobody."""

from __future__ import annotations

import csv
from datetime import date, timedelta
from pathlib import Path
from types import SimpleNamespace

import pytest
from officer_builders import make_id_number
from sqlalchemy import func, select

from app.cases.listing import officer_choices
from app.db.models.core import AuditEntry
from app.db.models.officers import Certificate, Officer
from app.errors import Invalid
from app.officers.eligibility import EligibilityRefused, check_handling_officers, who_may_act
from app.officers.roster_file import table_from_rows
from app.officers.roster_import import (
    DEPARTURE_ACTION,
    IMPORT_ACTION,
    RosterInvalid,
    check_roster,
    import_roster,
    import_table,
)
from app.officers.sync_apply import apply_roster, register_appliers
from app.security.audit_check import verify_chain
from app.settings import Preferences
from app.sync import reference

TODAY = date(2026, 6, 1)
PATTERN = Preferences().certificate_pattern
HEADER = ["姓名", "身份证号码", "单位", "岗位", "人员类别", "执法证号", "执法类别", "发证日期",
          "有效期至"]
UNIT = "崇州市综合行政执法局"


def person(name: str, number: str, *, kind: str = "在编执法人员") -> list[str]:
    if kind == "辅助人员":
        return [name, make_id_number(), UNIT, "协管员", kind, "", "", "", ""]
    return [name, make_id_number(), UNIT, "执法队员", kind, number, "城市管理", "2022-01-01",
            "2027-12-31"]


@pytest.fixture
def squad():
    """Four people on the county's first roster: three officers and one auxiliary."""
    return {"张三": person("张三", "51010000001"), "李四": person("李四", "51010000002"),
            "王五": person("王五", "51010000003"), "赵六": person("赵六", "", kind="辅助人员")}


def write_csv(path: Path, rows: list[list[str]]) -> Path:
    with path.open("w", newline="", encoding="utf-8-sig") as out:
        csv.writer(out).writerows([HEADER, *rows])
    return path


def import_file(store, actor, path, **kw):
    with store.write(actor, IMPORT_ACTION, summary="导入县局名册") as s:
        return import_roster(s, path, pattern=PATTERN, today=kw.pop("today", TODAY), **kw)


def officers(store) -> dict[str, Officer]:
    with store.read() as s:
        rows = s.scalars(select(Officer)).all()
        s.expunge_all()
    return {o.name: o for o in rows}


def departure_audit(store) -> list[AuditEntry]:
    with store.read() as s:
        rows = s.scalars(select(AuditEntry).where(AuditEntry.action == DEPARTURE_ACTION)
                         .order_by(AuditEntry.seq)).all()
        s.expunge_all()
    return rows


def as_payload(rows: list[list[str]]) -> dict:
    return {"officers": [dict(zip(HEADER, r, strict=True)) for r in rows]}


@pytest.fixture
def first_import(store, actor, tmp_path, squad):
    report = import_file(store, actor, write_csv(tmp_path / "first.csv", list(squad.values())),
                         today=TODAY - timedelta(days=30))
    assert report.created == 4 and report.departed == 0
    return report


# --- the file import ---------------------------------------------------------------------------

def test_preview_lists_who_would_be_marked_and_writes_nothing(store, actor, tmp_path, squad,
                                                              first_import):
    path = write_csv(tmp_path / "new.csv", [squad["张三"], squad["李四"]])
    with store.read() as s:
        report = check_roster(s, path, pattern=PATTERN, today=TODAY)
    assert report.ok
    assert [d.name for d in report.departures] == ["王五", "赵六"]
    wang = report.departures[0]
    assert str(wang) == f"王五（{UNIT} · 执法队员 · 执法证号 51010000003）"
    assert "2 人不在此名册中，导入后将标记为已调离" in report.summary()
    assert all(o.is_active for o in officers(store).values())


def test_import_marks_officers_missing_from_a_complete_roster_as_gone(store, actor, tmp_path,
                                                                      squad, first_import):
    before = officers(store)
    report = import_file(store, actor, write_csv(tmp_path / "new.csv",
                                                 [squad["张三"], squad["李四"]]))
    assert (report.updated, report.departed) == (2, 2)
    assert "标记已调离 2 人" in report.summary()
    after = officers(store)
    assert set(after) == {"张三", "李四", "王五", "赵六"}       # rows are kept, not deleted
    for name in ("王五", "赵六"):
        gone = after[name]
        assert (gone.is_active, gone.left_on, gone.deleted) == (False, TODAY, False)
        assert gone.revision == before[name].revision + 1
    assert after["张三"].is_active and after["张三"].left_on is None
    with store.read() as s:   # the departed officer's certificate is the county's, untouched
        cert = s.scalar(select(Certificate).where(Certificate.number == "51010000003"))
        assert cert.status == "有效" and not cert.deleted


def test_each_departure_has_its_own_audit_entry_and_the_chain_verifies(store, actor, tmp_path,
                                                                       squad, first_import):
    import_file(store, actor, write_csv(tmp_path / "new.csv", [squad["张三"], squad["李四"]]))
    entries = departure_audit(store)
    ids = {o.name: o.id for o in officers(store).values()}
    assert [(e.entity, e.entity_id) for e in entries] == [("officers", ids["王五"]),
                                                         ("officers", ids["赵六"])]
    assert entries[0].summary == "县局名册中已无王五：自2026年6月1日起标记为已调离，不能再参与执法"
    assert entries[0].actor == actor.user
    with store.read() as s:
        # The rows on the roster are still audited under the import itself.
        updated = s.scalars(select(AuditEntry.action).where(
            AuditEntry.entity_id == ids["张三"]).order_by(AuditEntry.seq)).all()
        assert updated[-1] == IMPORT_ACTION
        chain = verify_chain(s)
    assert chain.ok, [p.message for p in chain.problems[:5]]


def test_a_marked_officer_cannot_act_from_that_day_but_earlier_acts_stand(store, actor, tmp_path,
                                                                          squad, first_import):
    import_file(store, actor, write_csv(tmp_path / "new.csv", [squad["张三"], squad["李四"]]))
    ids = {o.name: o.id for o in officers(store).values()}
    with store.read() as s:
        with pytest.raises(EligibilityRefused) as refused:
            check_handling_officers(s, [ids["张三"], ids["王五"]], on=TODAY, field="城市管理",
                                    act="调查取证")
        assert "王五 已于2026年6月1日离岗，不能参与执法" in refused.value.problems
        check_handling_officers(s, [ids["张三"], ids["王五"]], on=TODAY - timedelta(days=1),
                                field="城市管理", act="调查取证")
        assert [o.name for o in who_may_act(s, TODAY)] == ["张三", "李四"]
        # The act dialogs offer only people in post.
        assert {c.label for c in officer_choices(s)} == {"张三", "李四"}


def test_partial_roster_marks_nobody(store, actor, tmp_path, squad, first_import):
    path = write_csv(tmp_path / "supplement.csv", [squad["张三"], person("新人", "51010000009")])
    with store.read() as s:
        preview = check_roster(s, path, pattern=PATTERN, today=TODAY, complete=False)
    assert preview.ok and preview.departures == []
    report = import_file(store, actor, path, complete=False)
    assert (report.created, report.updated, report.departed) == (1, 1, 0)
    assert all(o.is_active for o in officers(store).values())
    assert departure_audit(store) == []


def test_a_file_with_errors_marks_nobody(store, actor, tmp_path, squad, first_import):
    bad = person("钱七", "51010000008")
    bad[1] = "123"
    with pytest.raises(RosterInvalid):
        import_file(store, actor, write_csv(tmp_path / "bad.csv", [squad["张三"], bad]))
    assert all(o.is_active for o in officers(store).values())
    assert departure_audit(store) == []


def test_import_refuses_when_the_roster_changed_since_the_preview(store, actor, tmp_path, squad,
                                                                  first_import):
    path = write_csv(tmp_path / "new.csv", [squad["张三"], squad["李四"]])
    ids = {o.name: o.id for o in officers(store).values()}
    seen = frozenset({ids["王五"]})          # the clerk was shown only 王五
    with pytest.raises(Invalid, match="请重新检查名册"):
        import_file(store, actor, path, expected_departures=seen)
    assert all(o.is_active for o in officers(store).values())
    report = import_file(store, actor, path, expected_departures=seen | {ids["赵六"]})
    assert report.departed == 2


def test_an_officer_already_gone_is_not_marked_again(store, actor, tmp_path, squad, first_import):
    path = write_csv(tmp_path / "new.csv", [squad["张三"], squad["李四"], squad["赵六"]])
    import_file(store, actor, path, today=TODAY)
    wang = officers(store)["王五"]
    with store.read() as s:
        later = check_roster(s, path, pattern=PATTERN, today=TODAY + timedelta(days=7))
    assert later.departures == []
    import_file(store, actor, path, today=TODAY + timedelta(days=7))
    again = officers(store)["王五"]
    assert (again.left_on, again.revision) == (TODAY, wang.revision)
    assert len(departure_audit(store)) == 1


def test_an_officer_back_on_the_roster_is_in_post_again(store, actor, tmp_path, squad,
                                                        first_import):
    import_file(store, actor, write_csv(tmp_path / "new.csv", [squad["张三"], squad["李四"]]))
    import_file(store, actor, write_csv(tmp_path / "back.csv", list(squad.values())),
                today=TODAY + timedelta(days=10))
    assert all(o.is_active and o.left_on is None for o in officers(store).values())


def test_losing_more_than_half_is_warned_in_the_preview(store, actor, tmp_path, squad,
                                                        first_import):
    path = write_csv(tmp_path / "short.csv", [squad["张三"]])
    with store.read() as s:
        report = check_roster(s, path, pattern=PATTERN, today=TODAY)
    assert len(report.departures) == 3
    assert any("一半以上（3 人）不在此名册中" in w for w in report.warnings)
    with store.read() as s:
        report = check_roster(s, write_csv(tmp_path / "ok.csv", list(squad.values())[:3]),
                              pattern=PATTERN, today=TODAY)
    assert len(report.departures) == 1 and report.warnings == []


# --- the pulled publication ----------------------------------------------------------------------

def pull(store, actor, payload, **kw):
    with store.write(actor, "sync.pull", origin="sync") as s:
        return apply_roster(s, payload, pattern=PATTERN, today=TODAY, **kw)


def test_pulled_roster_marks_officers_it_no_longer_lists(store, actor, squad):
    pull(store, actor, as_payload(list(squad.values())))
    report = pull(store, actor, as_payload([squad["张三"], squad["李四"], squad["赵六"]]))
    assert report.departed == 1
    wang = officers(store)["王五"]
    assert (wang.is_active, wang.left_on) == (False, TODAY)
    [entry] = departure_audit(store)
    assert entry.entity_id == wang.id and "县局名册中已无王五" in entry.summary
    with store.read() as s:
        chain = verify_chain(s)
        assert chain.ok, [p.message for p in chain.problems[:5]]
        with pytest.raises(EligibilityRefused, match="王五 已于2026年6月1日离岗"):
            check_handling_officers(s, [wang.id, officers(store)["张三"].id], on=TODAY,
                                    field=None, act="现场检查")


def test_a_bad_publication_marks_nobody(store, actor, squad):
    pull(store, actor, as_payload(list(squad.values())))
    bad = person("钱七", "51010000008")
    bad[1] = "123"
    with pytest.raises(RosterInvalid):
        pull(store, actor, as_payload([squad["张三"], bad]))
    assert all(o.is_active for o in officers(store).values())


def test_registered_appliers_roster_is_complete_certificates_are_partial(store, actor, squad):
    """Through app.sync.reference, as a pull hands them over: the "roster" kind is the whole
    squad; "certificates" travel as roster rows for some officers only and mark nobody."""
    from app.reference import register_appliers as register_all

    saved = dict(reference._appliers)  # noqa: SLF001 - process-wide registry, restored below
    register_all(Preferences())
    try:
        def publication(kind, rows, version):
            with store.write(actor, "sync.pull", origin="sync") as s:
                assert reference.apply(s, SimpleNamespace(kind=kind, version=version,
                                                          payload=as_payload(rows)))

        publication("roster", list(squad.values()), 1)
        publication("certificates", [squad["张三"]], 2)
        assert all(o.is_active for o in officers(store).values())
        publication("roster", [squad["张三"], squad["李四"]], 3)
        assert {n for n, o in officers(store).items() if not o.is_active} == {"王五", "赵六"}
    finally:
        reference._appliers.clear()  # noqa: SLF001
        reference._appliers.update(saved)  # noqa: SLF001


def test_roster_applier_registered_alone_is_complete(store, actor, squad):
    register_appliers(Preferences())
    try:
        for version, rows in enumerate(([*squad.values()], [squad["张三"]]), 1):
            with store.write(actor, "sync.pull", origin="sync") as s:
                reference.apply(s, SimpleNamespace(kind="roster", version=version,
                                                   payload=as_payload(rows)))
    finally:
        reference.unregister("roster")
    with store.read() as s:
        assert s.scalar(select(func.count()).select_from(Officer)
                        .where(Officer.is_active.is_(True))) == 1


def test_a_table_applied_with_complete_false_marks_nobody(store, actor, squad):
    pull(store, actor, as_payload(list(squad.values())))
    with store.write(actor, "sync.pull", origin="sync") as s:
        report = import_table(s, table_from_rows([HEADER, squad["张三"]]), pattern=PATTERN,
                              today=TODAY, complete=False)
    assert report.departed == 0 and report.departures == []
    assert all(o.is_active for o in officers(store).values())
