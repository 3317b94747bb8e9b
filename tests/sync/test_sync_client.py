"""SyncClient on a scripted transport: gzip bodies, explicit timeouts, backoff with jitter for
network errors and 5xx, one token refresh on 401, the clock check, the version gate, the CA
bundle, no mutation of the caller's data, no token in the logs."""

from __future__ import annotations

import gzip
import json
import logging
from datetime import datetime, timedelta, timezone

import pytest
import requests
from requests.adapters import BaseAdapter
from requests.structures import CaseInsensitiveDict

from app import clock
from app.errors import SyncFailed, SyncFailure
from app.sync import protocol as p
from app.sync.client import SyncClient

NOW = datetime(2026, 11, 28, 4, 0, tzinfo=timezone.utc)


def body(model_or_dict, status: int = 200):  # noqa: ANN001, ANN201
    data = model_or_dict if isinstance(model_or_dict, dict) else model_or_dict.model_dump(mode="json")
    return status, json.dumps(data).encode()


def server_time(offset: timedelta = timedelta(0)) -> str:
    return (datetime.now(timezone.utc) + offset).isoformat()


def token(tok: str = "tok-1") -> tuple[int, bytes]:
    return body({"server_time": server_time(), "access_token": tok,
                 "expires_at": (datetime.now(timezone.utc) + timedelta(minutes=15)).isoformat(),
                 "squad_id": "s", "squad_name": "怀远中队", "device_id": "d"})


def info(min_version: str = "0.1.0", offset: timedelta = timedelta(0)) -> tuple[int, bytes]:
    return body({"server_time": server_time(offset), "version": "0.1.0",
                 "min_client_version": min_version})


def pushed() -> tuple[int, bytes]:
    return body({"server_time": server_time(), "results": []})


class Script(BaseAdapter):
    """Answers from a list: (status, bytes) or an exception instance to raise."""

    def __init__(self, answers: list) -> None:  # noqa: ANN001
        super().__init__()
        self.answers = list(answers)
        self.seen: list[requests.PreparedRequest] = []
        self.kwargs: list[dict] = []

    def send(self, request, **kwargs):  # noqa: ANN001, ANN003, ANN201
        self.seen.append(request)
        self.kwargs.append(kwargs)
        answer = self.answers.pop(0)
        if isinstance(answer, BaseException):
            raise answer
        status, content = answer
        response = requests.Response()
        response.status_code = status
        response.headers = CaseInsensitiveDict({"Content-Type": "application/json"})
        response._content = content  # noqa: SLF001
        response.request = request
        response.url = request.url
        return response

    def close(self) -> None:
        pass


def make(answers: list, **kwargs) -> tuple[SyncClient, Script, list[float]]:  # noqa: ANN003
    session = requests.Session()
    script = Script(answers)
    session.mount("https://", script)
    sleeps: list[float] = []
    client = SyncClient("https://county.example", device_id="d", secret=lambda: "s3cret-value",
                        session=session, sleep=sleeps.append, **kwargs)
    return client, script, sleeps


@pytest.fixture(autouse=True)
def _reset_clock():
    yield
    clock.set_clock_offset(timedelta(0))


def test_requests_are_gzip_with_an_explicit_timeout_and_the_ca_bundle(tmp_path):
    ca = tmp_path / "county-ca.pem"
    ca.write_text("pem")
    client, script, _ = make([token(), pushed()], ca_path=str(ca), timeout=(3.0, 7.0))
    client.push(p.PushRequest())
    sent = script.seen[-1]
    assert sent.headers["Content-Encoding"] == "gzip"
    assert "gzip" in sent.headers["Accept-Encoding"]
    assert json.loads(gzip.decompress(sent.body)) == {"operations": [], "audit_head": None,
                                                      "audit_anchor": None}
    assert all(k["timeout"] == (3.0, 7.0) for k in script.kwargs)
    assert all(k["verify"] == str(ca) for k in script.kwargs)


def test_network_errors_and_5xx_are_retried_with_growing_jittered_backoff():
    client, script, sleeps = make([token(), requests.ConnectionError("down"), (503, b"{}"),
                                   requests.Timeout("slow"), pushed()], backoff_s=1.0, retries=4)
    client.push(p.PushRequest())
    assert len(sleeps) == 3
    assert 0.5 <= sleeps[0] <= 1.5 and 1.0 <= sleeps[1] <= 3.0 and 2.0 <= sleeps[2] <= 6.0


def test_giving_up_after_the_retries_says_so_in_chinese():
    client, _script, sleeps = make([token()] + [requests.ConnectionError("x")] * 3, retries=2)
    with pytest.raises(SyncFailed) as caught:
        client.push(p.PushRequest())
    assert caught.value.kind is SyncFailure.NETWORK
    assert "无法连接县局服务器" in str(caught.value)
    assert len(sleeps) == 2


def test_401_refreshes_the_token_once_then_retries():
    client, script, _ = make([token("old"), (401, b"{}"), token("new"), pushed()])
    client.push(p.PushRequest())
    assert script.seen[1].headers["Authorization"] == "Bearer old"
    assert script.seen[3].headers["Authorization"] == "Bearer new"


def test_a_second_401_is_an_auth_failure():
    client, _script, _ = make([token(), (401, b"{}"), token(), (401, b"{}")])
    with pytest.raises(SyncFailed) as caught:
        client.push(p.PushRequest())
    assert caught.value.kind is SyncFailure.AUTH


def test_a_clock_off_by_more_than_five_minutes_is_corrected_and_warned():
    warnings: list[str] = []
    client, _script, _ = make([info(offset=timedelta(minutes=-42))], on_clock_warning=warnings.append)
    client.info()
    assert abs(clock.clock_offset() + timedelta(minutes=42)) < timedelta(seconds=5)
    assert warnings and "42 分钟" in warnings[0]
    assert client.clock_warning == warnings[0]


def test_a_small_skew_is_left_alone():
    client, _script, _ = make([info(offset=timedelta(minutes=3))])
    client.info()
    assert clock.clock_offset() == timedelta(0)
    assert client.clock_warning is None


def test_a_client_older_than_the_server_minimum_is_refused_plainly():
    client, _script, _ = make([info(min_version="9.0")])
    with pytest.raises(SyncFailed) as caught:
        client.info()
    assert caught.value.kind is SyncFailure.VERSION
    assert "9.0" in str(caught.value) and "新版" in str(caught.value)


def test_server_refusal_of_an_old_client_is_a_version_failure():
    refusal = body({"server_time": server_time(), "code": "client_too_old",
                    "message": "本机程序版本 0.1.0 过旧，县局要求至少 0.2.0，请先升级。"}, 403)
    client, _script, _ = make([refusal])
    with pytest.raises(SyncFailed) as caught:
        client.login()
    assert caught.value.kind is SyncFailure.VERSION


def test_the_callers_data_is_not_modified():
    fields = {"title": "甲", "nested": {"a": 1}}
    op = p.Operation(op_id="00000000-0000-4000-8000-000000000001", entity="cases",
                     entity_id="e", op="insert", base_revision=0, revision=1, fields=fields,
                     created_at=NOW, device_id="d")
    headers = {"X-Extra": "1"}
    client, _script, _ = make([token(), pushed(), pushed()])
    request = p.PushRequest(operations=[op])
    before = request.model_dump()
    client.push(request)
    client._call("POST", p.PATH_PUSH, p.PushResponse, body=request, headers=headers)  # noqa: SLF001
    assert request.model_dump() == before
    assert fields == {"title": "甲", "nested": {"a": 1}}
    assert headers == {"X-Extra": "1"}


def test_tokens_and_secrets_never_reach_the_log(caplog):
    caplog.set_level(logging.DEBUG)
    client, _script, _ = make([token("tok-very-secret"), (500, b"{}"), (401, b"{}"),
                               token("tok-second-secret"), pushed()])
    client.push(p.PushRequest())
    text = caplog.text + repr(client)
    for secret in ("tok-very-secret", "tok-second-secret", "s3cret-value"):
        assert secret not in text


def test_the_client_is_a_context_manager_that_closes_its_session():
    client, _script, _ = make([])
    closed = []
    client._session.close = lambda: closed.append(True)  # noqa: SLF001
    with client:
        pass
    assert closed == [True]


def test_a_race_refused_with_409_conflict_is_retried_but_an_audit_refusal_is_not():
    race = body({"server_time": server_time(), "code": "conflict", "message": "数据正被同时修改，请稍后重试。"}, 409)
    client, _script, sleeps = make([token(), race, pushed()])
    client.push(p.PushRequest())
    assert len(sleeps) == 1
    audit = body({"server_time": server_time(), "code": "audit_rewritten", "message": "本机的操作记录与上次同步时不一致"}, 409)
    client, _script, _ = make([token(), audit])
    with pytest.raises(SyncFailed) as caught:
        client.push(p.PushRequest())
    assert caught.value.kind is SyncFailure.CONFLICT
    assert "操作记录" in str(caught.value)
