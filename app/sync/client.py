"""`SyncClient`: the township PC's one connection to the county server (STYLE §9).

One `requests.Session` (keep-alive), an explicit timeout on every call, gzip request bodies,
retries with exponential backoff and jitter for network errors and 5xx answers, one token refresh
on 401, the server verified against the configured CA bundle, a clock check on every answer and a
minimum-client-version gate. Payloads are the pydantic models of app.sync.protocol; the client
serialises them itself, so dicts the caller passed in are never modified.

The access token lives in memory only. The device secret is read through a callable (the engine
hands `app.credentials.get_secret`), never stored here, and neither ever reaches a log line.
"""

from __future__ import annotations

import gzip
import json
import logging
import random
import time
from collections.abc import Callable
from datetime import datetime, timedelta, timezone
from typing import TypeVar

import requests
from pydantic import BaseModel, ValidationError

from app import __version__
from app.clock import set_clock_offset
from app.errors import SyncFailed, SyncFailure
from app.progress import Progress, no_progress
from app.sync import protocol as p
from app.versioning import ClientTooOld, check_client_version

log = logging.getLogger(__name__)

M = TypeVar("M", bound=BaseModel)

CONNECT_TIMEOUT_S = 10.0
READ_TIMEOUT_S = 60.0
RETRIES = 4
BACKOFF_S = 0.5
BACKOFF_MAX_S = 30.0

NETWORK_MESSAGE = "无法连接县局服务器（{why}）。数据已保存在本机，网络恢复后会自动同步。"
SERVER_MESSAGE = "县局服务器暂时出错（{status}），请稍后再试；本机数据不受影响。"
AUTH_MESSAGE = "县局服务器不认可本机的登记（{why}）。请联系县局技术人员重新发放登记码后重新登记。"
NOT_ENROLLED_MESSAGE = "本机尚未登记到县局服务器，请先用县局发放的登记码登记。"
CLOCK_WARNING = ("本机时间与县局服务器相差约 {minutes} 分钟，期限已按服务器时间计算。"
                 "请校正本机时钟。")
TLS_MESSAGE = "无法验证县局服务器的证书（{why}）。请确认服务器地址和证书文件是否正确。"


class SyncClient:
    """See module docstring. Use as a context manager, or call close()."""

    def __init__(
        self,
        base_url: str,
        *,
        ca_path: str | None = None,
        device_id: str | None = None,
        secret: Callable[[], str | None] | None = None,
        session: requests.Session | None = None,
        timeout: tuple[float, float] = (CONNECT_TIMEOUT_S, READ_TIMEOUT_S),
        retries: int = RETRIES,
        backoff_s: float = BACKOFF_S,
        progress: Progress = no_progress,
        sleep: Callable[[float], None] = time.sleep,
        rng: random.Random | None = None,
        client_version: str = __version__,
        on_clock_warning: Callable[[str], None] | None = None,
    ) -> None:
        self.base_url = base_url.rstrip("/")
        self.device_id = device_id
        self._secret = secret
        self._session = session or requests.Session()
        # CA bundle of the county (self-signed county CA); None = the system's trust store.
        # Passed on every request: requests lets REQUESTS_CA_BUNDLE override Session.verify.
        self._verify: str | bool = ca_path if ca_path else True
        self._session.verify = self._verify
        self._session.headers.update({
            "Accept-Encoding": "gzip",
            p.CLIENT_VERSION_HEADER: client_version,
            "User-Agent": f"squaddesk/{client_version}",
        })
        self.timeout = timeout
        self.retries = retries
        self.backoff_s = backoff_s
        self.progress = progress
        self._sleep = sleep
        self._rng = rng or random.Random()
        self.client_version = client_version
        self.on_clock_warning = on_clock_warning
        self._access_token: str | None = None
        self.token_info: p.TokenResponse | None = None
        self.clock_warning: str | None = None
        self.clock_offset = timedelta(0)
        self.bytes_sent = 0
        self.bytes_received = 0

    # ---- lifecycle -----------------------------------------------------------------------

    def __enter__(self) -> "SyncClient":
        return self

    def __exit__(self, *_exc: object) -> None:
        self.close()

    def close(self) -> None:
        self._session.close()

    def __repr__(self) -> str:  # never shows the token
        return f"SyncClient({self.base_url!r}, device={self.device_id!r})"

    # ---- calls ---------------------------------------------------------------------------

    def info(self) -> p.ServerInfo:
        """Unauthenticated: clock check and the version gate (raises SyncFailed VERSION)."""
        info = self._call("GET", p.PATH_INFO, p.ServerInfo, auth=False)
        self.check_version(info.min_client_version)
        return info

    def check_version(self, needed: str) -> None:
        """Raises app.versioning.ClientTooOld (a SyncFailed of kind VERSION) with the plain
        "please upgrade" words when the server's minimum is newer than this build."""
        check_client_version(self.client_version, needed)

    def enroll(self, code: str, device_name: str) -> p.EnrollResponse:
        """A one-time code is spent by the server even if its answer is lost: no blind retries."""
        body = p.EnrollRequest(code=code.strip(), device_name=device_name[:100] or "PC",
                               client_version=self.client_version)
        answer = self._call("POST", p.PATH_ENROLL, p.EnrollResponse, body=body, auth=False,
                            idempotent=False)
        self.check_version(answer.min_client_version)
        self.device_id = answer.device_id
        return answer

    def login(self) -> p.TokenResponse:
        """Exchange the device secret for a short-lived access token (kept in memory only)."""
        secret = self._secret() if self._secret else None
        if not secret or not self.device_id:
            raise SyncFailed(NOT_ENROLLED_MESSAGE, kind=SyncFailure.AUTH)
        body = p.TokenRequest(device_id=self.device_id, device_secret=secret,
                              client_version=self.client_version)
        answer = self._call("POST", p.PATH_TOKEN, p.TokenResponse, body=body, auth=False)
        self._access_token = answer.access_token
        self.token_info = answer
        return answer

    def has_token(self) -> bool:
        info = self.token_info
        return (self._access_token is not None and info is not None
                and (info.expires_at - datetime.now(timezone.utc)).total_seconds() > 60)

    def adopt_token(self, info: p.TokenResponse | None) -> None:
        """Reuse a token from an earlier client of the same engine (memory only)."""
        if info is not None:
            self.token_info = info
            self._access_token = info.access_token

    def push(self, request: p.PushRequest) -> p.PushResponse:
        return self._call("POST", p.PATH_PUSH, p.PushResponse, body=request)

    def pull(self, request: p.PullRequest) -> p.PullResponse:
        return self._call("POST", p.PATH_PULL, p.PullResponse, body=request)

    def upload_init(self, request: p.UploadInit) -> p.UploadStatus:
        return self._call("POST", p.PATH_UPLOADS, p.UploadStatus, body=request)

    def upload_chunk(self, sha256: str, offset: int, data: bytes) -> p.ChunkAck:
        import hashlib  # noqa: PLC0415

        path = p.PATH_UPLOAD_CHUNK.format(sha256=sha256, offset=offset)
        headers = {p.CHUNK_SHA256_HEADER: hashlib.sha256(data).hexdigest(),
                   "Content-Type": "application/octet-stream"}
        return self._call("PUT", path, p.ChunkAck, raw=data, headers=headers)

    def upload_complete(self, sha256: str) -> p.UploadStatus:
        path = p.PATH_UPLOAD_COMPLETE.format(sha256=sha256)
        return self._call("POST", path, p.UploadStatus)

    def lease(self, request: p.LeaseRequest) -> p.LeaseResponse:
        return self._call("POST", p.PATH_LEASE, p.LeaseResponse, body=request)

    # ---- machinery -----------------------------------------------------------------------

    @staticmethod
    def encode(model: BaseModel) -> bytes:
        """The gzip body sent for `model` (also used to size push batches)."""
        text = json.dumps(model.model_dump(mode="json"), ensure_ascii=False,
                          separators=(",", ":"))
        return gzip.compress(text.encode("utf-8"), compresslevel=6, mtime=0)

    def _call(
        self,
        method: str,
        path: str,
        model: type[M],
        *,
        body: BaseModel | None = None,
        raw: bytes | None = None,
        headers: dict[str, str] | None = None,
        auth: bool = True,
        idempotent: bool = True,
    ) -> M:
        send_headers = dict(headers or {})          # never touch the caller's dict
        data: bytes | None = raw
        if body is not None:
            data = self.encode(body)
            send_headers.update({"Content-Type": "application/json", "Content-Encoding": "gzip"})
        if auth and self._access_token is None:
            self.login()
        refreshed = False
        attempt = 0
        while True:
            if auth:
                send_headers["Authorization"] = f"Bearer {self._access_token}"
            try:
                response = self._send(method, path, data, send_headers)
            except requests.exceptions.SSLError as exc:
                if _certificate_refused(exc):
                    raise SyncFailed(TLS_MESSAGE.format(why=_short(exc)),
                                     kind=SyncFailure.NETWORK) from None
                # A link cut mid-handshake also surfaces as SSLError: retried like any drop.
                attempt = self._backoff(attempt, NETWORK_MESSAGE.format(why="传输中断"),
                                        SyncFailure.NETWORK, path)
                continue
            except (requests.ConnectionError, requests.Timeout,
                    requests.exceptions.ChunkedEncodingError,
                    requests.exceptions.ContentDecodingError) as exc:
                if not idempotent and not isinstance(exc, requests.exceptions.ConnectTimeout):
                    raise SyncFailed(NETWORK_MESSAGE.format(why=_short(exc)),
                                     kind=SyncFailure.NETWORK) from None
                attempt = self._backoff(attempt, NETWORK_MESSAGE.format(why=_short(exc)),
                                        SyncFailure.NETWORK, path)
                continue
            status = response.status_code
            if status == 401 and auth and not refreshed:
                refreshed = True
                self._access_token = None
                self.login()
                continue
            if status >= 500 or status == 429 or (status == 409 and _code(response) == "conflict"):
                # 409 "conflict": two copies of one request raced on the server; nothing was
                # written, and the server asks for a retry.
                attempt = self._backoff(attempt, SERVER_MESSAGE.format(status=status),
                                        SyncFailure.SERVER, path)
                continue
            if status >= 400:
                raise self._error(response)
            return self._parse(response, model)

    def _send(self, method: str, path: str, data: bytes | None,
              headers: dict[str, str]) -> requests.Response:
        started = time.monotonic()
        response = self._session.request(method, self.base_url + path, data=data,
                                         headers=headers, timeout=self.timeout,
                                         verify=self._verify)
        content = response.content    # read it all here, so body errors are retried too
        elapsed = time.monotonic() - started
        self.bytes_sent += len(data or b"")
        self.bytes_received += len(content)
        log.debug("%s %s → %s in %.2fs (%d B up)", method, path, response.status_code,
                  elapsed, len(data or b""))
        self._check_clock_header(response, elapsed)
        return response

    def _backoff(self, attempt: int, message: str, kind: SyncFailure, path: str) -> int:
        if attempt >= self.retries:
            log.warning("giving up on %s after %d attempts: %s", path, attempt + 1, kind.value)
            raise SyncFailed(message, kind=kind)
        delay = min(BACKOFF_MAX_S, self.backoff_s * (2 ** attempt))
        delay *= 0.5 + self._rng.random()          # jitter: 50 %–150 %
        log.info("retrying %s in %.1fs (%s, attempt %d)", path, delay, kind.value, attempt + 1)
        self._sleep(delay)
        return attempt + 1

    def _parse(self, response: requests.Response, model: type[M]) -> M:
        try:
            answer = model.model_validate_json(response.content)
        except ValidationError as exc:
            log.error("unreadable answer from server for %s: %s", model.__name__, exc.error_count())
            raise SyncFailed(SERVER_MESSAGE.format(status="答复无法识别"),
                             kind=SyncFailure.SERVER) from None
        server_time = getattr(answer, "server_time", None)
        if isinstance(server_time, datetime):
            self._check_clock(server_time, response.elapsed.total_seconds())
        return answer

    def _error(self, response: requests.Response) -> SyncFailed:
        status = response.status_code
        try:
            error = p.ErrorBody.model_validate_json(response.content)
            message, code = error.message, error.code
        except ValidationError:
            message, code = "", ""
        if code == "client_too_old" or status == 426:
            return ClientTooOld(self.client_version, None)
        if status in (401, 403):
            return SyncFailed(AUTH_MESSAGE.format(why=message or status), kind=SyncFailure.AUTH)
        if status == 409:
            return SyncFailed(message or "县局服务器报告冲突。", kind=SyncFailure.CONFLICT)
        return SyncFailed(message or f"县局服务器拒绝了请求（{status}）。", kind=SyncFailure.SERVER)

    def _check_clock_header(self, response: requests.Response, elapsed: float) -> None:
        stamp = response.headers.get(p.SERVER_TIME_HEADER)
        if not stamp:
            return
        try:
            moment = datetime.fromisoformat(stamp)
        except ValueError:
            return
        self._check_clock(moment, elapsed)

    def _check_clock(self, server_time: datetime, elapsed: float) -> None:
        if server_time.tzinfo is None:
            server_time = server_time.replace(tzinfo=timezone.utc)
        # The server stamped its answer about half a round trip ago.
        local = datetime.now(timezone.utc) - timedelta(seconds=elapsed / 2)
        offset = server_time - local
        if abs(offset.total_seconds()) > p.MAX_CLOCK_SKEW_S:
            self.clock_offset = offset
            set_clock_offset(offset)
            warning = CLOCK_WARNING.format(minutes=round(abs(offset.total_seconds()) / 60))
            if warning != self.clock_warning:
                log.warning("clock differs from the server by %.0f s; corrected", offset.total_seconds())
                self.clock_warning = warning
                if self.on_clock_warning is not None:
                    self.on_clock_warning(warning)
        elif self.clock_warning is not None or self.clock_offset:
            self.clock_offset = timedelta(0)
            self.clock_warning = None
            set_clock_offset(timedelta(0))


def _code(response: requests.Response) -> str:
    try:
        return p.ErrorBody.model_validate_json(response.content).code
    except ValidationError:
        return ""


def _certificate_refused(exc: BaseException) -> bool:
    """True when TLS failed because the server's certificate is not trusted (not a cut link)."""
    import ssl  # noqa: PLC0415

    seen: set[int] = set()
    stack: list[BaseException | None] = [exc]
    while stack:
        item = stack.pop()
        if item is None or id(item) in seen:
            continue
        seen.add(id(item))
        if isinstance(item, ssl.SSLCertVerificationError):
            return True
        stack.extend([item.__cause__, item.__context__, *[a for a in item.args
                                                          if isinstance(a, BaseException)]])
        reason = getattr(item, "reason", None)
        if isinstance(reason, BaseException):
            stack.append(reason)
    return "CERTIFICATE_VERIFY_FAILED" in str(exc) or "hostname" in str(exc).lower()


def _short(exc: BaseException) -> str:
    """A short reason without URLs or headers (which could carry a token in a query string)."""
    name = type(exc).__name__
    return {
        "ConnectTimeout": "连接超时",
        "ReadTimeout": "等待答复超时",
        "ConnectionError": "网络中断",
        "ChunkedEncodingError": "传输中断",
        "ContentDecodingError": "答复解压失败",
        "SSLError": "证书验证失败",
    }.get(name, name)
