"""An in-process network between `requests` and the county FastAPI app, with seeded faults.

`AppAdapter` is mounted on a requests.Session: each request goes to the ASGI app through
Starlette's TestClient (no sockets). A `Faults` plan, driven by a seeded Random, can
- drop the request (the server never sees it),
- drop the response (the server acted; the client sees a broken connection),
- duplicate it (the server sees it twice),
- hold a copy and replay it later, out of order (a late duplicate from the network),
- crash the client before or after the server acted (raises `SimCrash`, a BaseException, which
  unwinds the client like a power cut: open transactions roll back, memory is discarded).
"""

from __future__ import annotations

import random
from dataclasses import dataclass, field

import requests
from requests.adapters import BaseAdapter
from requests.structures import CaseInsensitiveDict

class Answer:
    def __init__(self, status_code: int, headers: dict[str, str], content: bytes) -> None:
        self.status_code, self.headers, self.content = status_code, headers, content


async def _inline(func, *args, **kwargs):  # noqa: ANN001, ANN002, ANN003, ANN202
    return func(*args, **kwargs)


class AsgiCaller:
    """Calls an ASGI app on a private event loop in this thread: no sockets, no portal thread."""

    def __init__(self, app) -> None:  # noqa: ANN001
        import asyncio

        self.app = app
        self.loop = asyncio.new_event_loop()

    def request(self, method: str, path: str, content: bytes | None = None,
                headers: dict[str, str] | None = None) -> Answer:
        import fastapi.dependencies.utils as deps
        import fastapi.routing as routing

        saved = routing.run_in_threadpool, deps.run_in_threadpool
        routing.run_in_threadpool = deps.run_in_threadpool = _inline   # no thread hop per call
        try:
            return self.loop.run_until_complete(
                self._call(method, path, content or b"", headers or {}))
        finally:
            routing.run_in_threadpool, deps.run_in_threadpool = saved

    async def _call(self, method: str, path: str, body: bytes, headers: dict[str, str]) -> Answer:
        raw_path, _, query = path.partition("?")
        hdrs = [(k.lower().encode("latin-1"), str(v).encode("latin-1")) for k, v in headers.items()]
        if body and not any(k == b"content-length" for k, _ in hdrs):
            hdrs.append((b"content-length", str(len(body)).encode()))
        scope = {"type": "http", "asgi": {"version": "3.0"}, "http_version": "1.1",
                 "method": method, "scheme": "http", "path": raw_path, "raw_path": raw_path.encode(),
                 "query_string": query.encode(), "headers": hdrs, "client": ("127.0.0.1", 1),
                 "server": ("county.sim", 80), "root_path": ""}
        sent = False
        status = 500
        out_headers: dict[str, str] = {}
        chunks: list[bytes] = []

        async def receive():  # noqa: ANN202
            nonlocal sent
            if not sent:
                sent = True
                return {"type": "http.request", "body": body, "more_body": False}
            return {"type": "http.disconnect"}

        async def send(message):  # noqa: ANN001, ANN202
            nonlocal status
            if message["type"] == "http.response.start":
                status = message["status"]
                for k, v in message.get("headers", []):
                    out_headers[k.decode("latin-1")] = v.decode("latin-1")
            elif message["type"] == "http.response.body":
                chunks.append(message.get("body", b""))

        await self.app(scope, receive, send)
        content = b"".join(chunks)
        if out_headers.get("content-encoding") == "gzip":
            import gzip

            content = gzip.decompress(content)
        return Answer(status, out_headers, content)

    def close(self) -> None:
        self.loop.close()


class SimCrash(BaseException):
    """The simulated PC lost power mid-sync."""


@dataclass
class Faults:
    rng: random.Random
    drop_request: float = 0.0
    drop_response: float = 0.0
    duplicate: float = 0.0
    hold: float = 0.0          # keep a copy to replay later (reorder)
    replay: float = 0.0        # chance, per request, to deliver held copies first
    crash: float = 0.0
    enabled: bool = True
    log: list[str] = field(default_factory=list)
    forced: list[str] = field(default_factory=list)   # one-shot faults for the next requests

    def next_forced(self) -> str | None:
        """One entry per request: a fault kind, or anything else ("none") for a clean pass."""
        return self.forced.pop(0) if self.forced else None

    def roll(self, p: float) -> bool:
        return self.enabled and p > 0 and self.rng.random() < p


def calm() -> Faults:
    return Faults(rng=random.Random(0), enabled=False)


class AppAdapter(BaseAdapter):
    def __init__(self, client: AsgiCaller, faults: Faults) -> None:
        super().__init__()
        self.client = client
        self.faults = faults
        self.held: list[tuple[str, str, bytes | None, dict[str, str]]] = []
        self.requests = 0
        self.bytes_up = 0

    def _deliver(self, method: str, path: str, body: bytes | None,
                 headers: dict[str, str]):  # noqa: ANN202
        self.requests += 1
        self.bytes_up += len(body or b"")
        return self.client.request(method, path, content=body, headers=headers)

    def send(self, request: requests.PreparedRequest, stream: bool = False, timeout=None,  # noqa: ANN001
             verify=True, cert=None, proxies=None) -> requests.Response:  # noqa: ANN001
        f = self.faults
        url = request.url or ""
        path = url.split("://", 1)[-1]
        path = path[path.find("/"):] if "/" in path else "/"
        body = request.body if isinstance(request.body, bytes | None) else request.body.encode()
        headers = {k: v for k, v in request.headers.items()}
        if self.held:
            # A late copy of a push lands just after (a later push with a longer audit chain
            # would make it look like a rewrite: see the server's verify_audit_head); other late
            # copies arrive at any later moment.
            due = [h for h in self.held if h[1] == "/push" or f.roll(f.replay)]
            for held in due:
                self._deliver(*held)
                self.held.remove(held)
            if due:
                f.log.append(f"replay {len(due)}")
        forced = f.next_forced()
        if f.roll(f.crash) or forced == "crash_before":
            f.log.append(f"crash before {path}")
            raise SimCrash(path)
        if f.roll(f.drop_request) or forced == "drop_request":
            f.log.append(f"drop request {path}")
            raise requests.ConnectionError("simulated: request lost")
        if f.roll(f.hold):
            self.held.append((request.method or "GET", path, body, headers))
        answer = self._deliver(request.method or "GET", path, body, headers)
        if f.roll(f.duplicate):
            f.log.append(f"duplicate {path}")
            answer = self._deliver(request.method or "GET", path, body, headers)
        if f.roll(f.crash) or forced == "crash_after":
            f.log.append(f"crash after {path}")
            raise SimCrash(path)
        if f.roll(f.drop_response) or forced == "drop_response":
            f.log.append(f"drop response {path}")
            raise requests.ConnectionError("simulated: response lost")
        response = requests.Response()
        response.status_code = answer.status_code
        response.headers = CaseInsensitiveDict(
            {k: v for k, v in answer.headers.items() if k.lower() != "content-encoding"})
        response._content = answer.content  # noqa: SLF001 - decoded already
        response.url = url
        response.request = request
        response.encoding = "utf-8"
        return response

    def close(self) -> None:
        pass


def session_for(client: AsgiCaller, faults: Faults) -> tuple[requests.Session, AppAdapter]:
    session = requests.Session()
    adapter = AppAdapter(client, faults)
    session.mount("http://", adapter)
    session.mount("https://", adapter)
    return session, adapter
