"""County data written here is audited exactly as stored: the chain verifies after every path."""

from __future__ import annotations

from datetime import date
from types import SimpleNamespace

from officer_builders import make_id_number

from app.db.models.officers import Officer
from app.officers import registry
from app.officers.demo import seed_demo_officers
from app.officers.roster_file import table_from_rows
from app.officers.roster_import import IMPORT_ACTION, import_table
from app.security.audit_check import verify_chain
from app.settings import Preferences

TODAY = date(2026, 11, 28)


def assert_chain_sound(store):
    with store.read() as s:
        report = verify_chain(s)
    assert report.ok, [p.message for p in report.problems[:5]]


def test_demo_roster_matches_its_audit(store, actor):
    seed_demo_officers(SimpleNamespace(store=store), actor, today=TODAY)
    assert_chain_sound(store)


def test_status_changes_loss_training_and_notes_match_their_audit(store, actor, county):
    a = county.officer("张三", number="51010000001")
    county.status(a, "暂扣", on=date(2026, 5, 1))
    county.status(a, "有效", on=date(2026, 6, 1))
    county.lost(a, new_number="51010000002", on=date(2026, 7, 1))
    with store.write(actor, "sync.test", origin="sync") as s:
        registry.add_training(s, s.get(Officer, a), held_on=date(2026, 3, 1), course="培训", hours=8)
        registry.add_review(s, s.get(Officer, a).certificates[-1], reviewed_on=date(2026, 8, 1),
                            passed=True)
    with store.write(actor, "officers.add_note") as s:
        registry.add_note(s, a, "借调")
    assert_chain_sound(store)


def test_imported_roster_matches_its_audit(store, actor):
    rows = [["姓名", "身份证号码", "单位", "人员类别", "执法证号", "执法类别", "发证日期", "有效期至",
             "证件状态"],
            ["张三", make_id_number(), "局", "在编执法人员", "51010000001", "城市管理", "2022-01-01",
             "2027-01-01", "有效"]]
    for status in ("有效", "暂扣"):
        rows[1][-1] = status
        with store.write(actor, IMPORT_ACTION) as s:
            import_table(s, table_from_rows(rows), pattern=Preferences().certificate_pattern,
                         today=TODAY)
    assert_chain_sound(store)
