"""Version strings compared the way people read them, and the county's minimum version enforced by
the sync client with the plain "please upgrade" words."""

from __future__ import annotations

import json
from datetime import datetime, timezone

import pytest
import requests
from requests.adapters import BaseAdapter

from app.errors import SyncFailed, SyncFailure
from app.sync.client import SyncClient
from app.versioning import ClientTooOld, compare_versions, is_older, parse_version, upgrade_message


@pytest.mark.parametrize(("older", "newer"), [
    ("0.1.0", "0.1.1"), ("0.1.9", "0.1.10"), ("1.2.9", "1.2.10"), ("0.9.0", "1.0.0"),
    ("1.2", "1.2.1"), ("1.2.0rc1", "1.2.0"), ("1.2.0.dev3", "1.2.0rc1"), ("1.2.0a1", "1.2.0b1"),
    ("v1.0.0", "1.0.1"),
])
def test_newer_versions_sort_after_older_ones(older: str, newer: str):
    assert compare_versions(older, newer) == -1
    assert compare_versions(newer, older) == 1
    assert is_older(older, newer) and not is_older(newer, older)


def test_missing_parts_count_as_zero():
    assert compare_versions("1.2", "1.2.0") == 0
    assert parse_version(" 1.2.0 ") == parse_version("1.2.0.0")


@pytest.mark.parametrize("bad", ["", "abc", "1..2", "1.2.3.4.5", "1.2.0-foo", "一.二"])
def test_strings_that_are_not_versions_are_refused(bad: str):
    with pytest.raises(ValueError):
        parse_version(bad)


def test_a_garbled_minimum_does_not_lock_the_clerk_out():
    assert not is_older("0.1.0", "latest")


def test_upgrade_message_names_both_versions():
    assert upgrade_message("0.1.0", "1.2.0") == (
        "县局服务器要求 squaddesk 1.2.0 或更新版本，本机为 0.1.0。请向县局索取新版安装程序。"
        "同步已暂停，本机数据不受影响。")
    assert "1.2.0" in ClientTooOld("0.1.0", "1.2.0").before_enrollment()
    assert "安装后再登记本机" in ClientTooOld("0.1.0", "1.2.0").before_enrollment()


class _County(BaseAdapter):
    """Answers /info with a minimum version, and anything else with 403 client_too_old."""

    def __init__(self, minimum: str) -> None:
        super().__init__()
        self.minimum = minimum

    def send(self, request, **_kwargs):  # noqa: ANN001, ANN003
        now = datetime.now(timezone.utc).isoformat()
        response = requests.Response()
        response.request, response.url = request, request.url
        if request.url.endswith("/info"):
            body = {"server_time": now, "version": "1.2.0", "min_client_version": self.minimum}
            response.status_code = 200
        else:
            body = {"server_time": now, "code": "client_too_old", "message": "过旧"}
            response.status_code = 403
        response._content = json.dumps(body).encode()  # noqa: SLF001
        return response

    def close(self) -> None:
        pass


def _client(minimum: str) -> SyncClient:
    session = requests.Session()
    session.mount("http://", _County(minimum))
    return SyncClient("http://county.test", session=session, client_version="0.1.0", retries=0)


def test_sync_client_refuses_a_server_that_needs_a_newer_client():
    with _client("1.2.0") as client, pytest.raises(SyncFailed) as caught:
        client.info()
    assert caught.value.kind is SyncFailure.VERSION
    assert str(caught.value) == upgrade_message("0.1.0", "1.2.0")


def test_sync_client_accepts_a_server_whose_minimum_it_meets():
    with _client("0.1.0") as client:
        assert client.info().min_client_version == "0.1.0"


def test_a_refusal_for_age_mid_sync_says_to_upgrade():
    with _client("0.1.0") as client, pytest.raises(SyncFailed) as caught:
        client.enroll("ABCD-EFGH-JKLM", "内勤电脑")
    assert caught.value.kind is SyncFailure.VERSION
    assert "请向县局索取新版安装程序" in str(caught.value)
