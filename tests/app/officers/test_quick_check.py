"""Quick check: scanner input normalised, status and freshness shown offline, every check logged."""

from __future__ import annotations

from datetime import date, datetime, timezone

import pytest
from sqlalchemy import select

from app.db.models.core import Meta
from app.db.models.officers import CertificateCheck
from app.officers.quick_check import normalise_scanned, quick_check

TODAY = date(2026, 6, 1)


@pytest.mark.parametrize("typed", [
    "51010000001",
    "  5101 0000 001\n",
    "５１０１００００００１",
    "https://zfj.sc.example/verify?certNo=51010000001&sig=ab",
    "https://zfj.sc.example/v/51010000001",
    "证号:51010000001|姓名:张三|单位:崇州市综合行政执法局",
    "执法证号：51010000001；姓名：张三",
])
def test_scanner_and_typed_forms_give_the_number(typed):
    assert normalise_scanned(typed) == "51010000001"


def test_lowercase_letters_are_upper_cased():
    assert normalise_scanned("sc2026ab01") == "SC2026AB01"


def check(store, actor, number, **kw):
    with store.write(actor, "officers.quick_check") as s:
        return quick_check(s, number, today=TODAY, **kw)


def test_valid_certificate_offline_says_never_synced(store, actor, county):
    county.officer("张三", number="51010000001", photo=b"\x89PNG fake")
    result = check(store, actor, "证号:51010000001|姓名:张三")
    assert result.found and result.is_valid
    assert (result.name, result.verdict) == ("张三", "有效")
    assert result.fields == ("城市管理",)
    assert result.photo == b"\x89PNG fake"
    assert result.validity_text == "2022年1月1日 至 2027年12月31日"
    assert result.as_of_text == "尚未与县局同步"


def test_as_of_comes_from_the_last_sync_in_china_time(store, actor, county):
    county.officer("张三", number="51010000001")
    with store.write(actor, "sync.test", origin="sync") as s:
        s.add(Meta(key="last_sync_at", value="2026-05-31T02:05:00+00:00"))
    assert check(store, actor, "51010000001").as_of_text == "数据截至 2026年5月31日 10:05"
    given = datetime(2026, 5, 1, 0, 0, tzinfo=timezone.utc)
    assert check(store, actor, "51010000001", as_of=given).as_of_text == "数据截至 2026年5月1日 08:00"


def test_suspended_expired_unknown_and_replaced(store, actor, county):
    a = county.officer("王五", number="51010000002")
    county.status(a, "暂扣", on=date(2026, 5, 1))
    county.officer("赵六", number="51010000003", valid_until=date(2026, 3, 1))
    b = county.officer("孙丽", number="51010000004")
    county.lost(b, new_number="51010000005", on=date(2026, 5, 1))
    assert check(store, actor, "51010000002").verdict == "无效：执法证已暂扣"
    assert check(store, actor, "51010000003").verdict == "无效：执法证已于2026年3月1日过期"
    missing = check(store, actor, "99999999")
    assert not missing.found and missing.verdict.startswith("查无此证")
    old = check(store, actor, "51010000004")
    assert not old.is_valid and old.replaced_by_number == "51010000005"
    assert check(store, actor, "51010000005").is_valid


def test_due_for_renewal_is_valid_with_days_left(store, actor, county):
    county.officer("周敏", number="51010000006", valid_until=date(2026, 7, 1))
    assert check(store, actor, "51010000006").verdict == "有效（30天后到期）"


def test_every_check_is_logged_with_who_and_data_as_of(store, actor, county):
    county.officer("张三", number="51010000001")
    check(store, actor, " 51010000001 ")
    check(store, actor, "nonsense")
    with store.read() as s:
        logs = s.scalars(select(CertificateCheck).order_by(CertificateCheck.seq)).all()
    assert [(l.number, l.result, l.checked_by) for l in logs] == [
        ("51010000001", "有效", "clerk"), ("NONSENSE", "查无此证", "clerk")]
    assert logs[0].typed == " 51010000001 " and logs[0].data_as_of is None


def test_history_lists_every_status_change_with_reason_and_decider(store, actor, county):
    a = county.officer("王五", number="51010000002", issued_on=date(2022, 1, 1))
    county.status(a, "暂扣", on=date(2026, 5, 1))
    assert check(store, actor, "51010000002").history == (
        "2022年1月1日 有效（发证） — 县司法局", "2026年5月1日 暂扣（测试） — 县司法局")
