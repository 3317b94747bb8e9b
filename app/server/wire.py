"""ASGI middleware for the wire: bounded, gzip-aware request bodies, the server clock and version
on every response, and one structured JSON log line per request (never a header, body or token)."""

from __future__ import annotations

import gzip
import json
import logging
import time
import zlib

from app.clock import utc_now
from app.sync import protocol

access_log = logging.getLogger("squaddesk.server.access")

# The largest body on the wire: one compressed push or one evidence chunk, plus headroom.
MAX_WIRE_BYTES = max(protocol.PUSH_BATCH_MAX_BYTES, protocol.CHUNK_SIZE) + 16 * 1024


class BodyRefused(Exception):
    def __init__(self, status: int, code: str, message: str) -> None:
        super().__init__(message)
        self.status, self.code, self.message = status, code, message


def _gunzip(data: bytes) -> bytes:
    inflater = zlib.decompressobj(16 + zlib.MAX_WBITS)
    out = inflater.decompress(data, protocol.MAX_DECOMPRESSED_BYTES + 1)
    if len(out) > protocol.MAX_DECOMPRESSED_BYTES or inflater.unconsumed_tail:
        raise BodyRefused(413, "too_large", "请求内容解压后过大，请分批发送。")
    if not inflater.eof:
        raise BodyRefused(400, "invalid", "压缩的请求内容不完整。")
    return out


class WireMiddleware:
    def __init__(self, app, *, version: str) -> None:  # noqa: ANN001
        self.app = app
        self.version = version

    async def __call__(self, scope, receive, send):  # noqa: ANN001
        if scope["type"] != "http":
            await self.app(scope, receive, send)
            return
        started = time.perf_counter()
        scope.setdefault("state", {})   # shared with Request.state, so the log sees the device
        headers = {k.decode("latin-1").lower(): v.decode("latin-1") for k, v in scope["headers"]}
        outcome = {"status": 500, "bytes_out": 0}
        wire_in = 0

        async def send_wrapper(message):  # noqa: ANN001
            if message["type"] == "http.response.start":
                outcome["status"] = message["status"]
                extra = [
                    (protocol.SERVER_TIME_HEADER.lower().encode(), utc_now().isoformat().encode()),
                    (protocol.SERVER_VERSION_HEADER.lower().encode(), self.version.encode()),
                ]
                message = {**message, "headers": list(message.get("headers", [])) + extra}
            elif message["type"] == "http.response.body":
                outcome["bytes_out"] += len(message.get("body", b""))
            await send(message)

        try:
            declared = headers.get("content-length", "")
            if declared.isdigit() and int(declared) > MAX_WIRE_BYTES:
                raise BodyRefused(413, "too_large", "请求内容过大，请分批发送。")   # before reading it
            parts: list[bytes] = []
            more = True
            while more:
                message = await receive()
                if message["type"] == "http.disconnect":
                    return
                parts.append(message.get("body", b""))
                wire_in += len(parts[-1])
                more = message.get("more_body", False)
                if wire_in > MAX_WIRE_BYTES:
                    raise BodyRefused(413, "too_large", "请求内容过大，请分批发送。")
            body = b"".join(parts)
            encoding = headers.get("content-encoding", "identity").strip().lower()
            if encoding == "gzip" and body:
                body = _gunzip(body)
            elif encoding not in ("identity", "gzip", ""):
                raise BodyRefused(415, "invalid", f"不支持的内容编码 {encoding}。")
        except BodyRefused as refused:
            await _send_error(send_wrapper, refused)
            self._log(scope, headers, outcome, started, wire_in)
            return
        except (OSError, EOFError, zlib.error):
            await _send_error(send_wrapper, BodyRefused(400, "invalid", "压缩的请求内容已损坏。"))
            self._log(scope, headers, outcome, started, wire_in)
            return

        if encoding == "gzip":
            scope = {**scope, "headers": [
                (k, v) for k, v in scope["headers"] if k.lower() not in (b"content-encoding", b"content-length")
            ] + [(b"content-length", str(len(body)).encode())]}
        delivered = False

        async def replay():  # noqa: ANN202
            nonlocal delivered
            if not delivered:
                delivered = True
                return {"type": "http.request", "body": body, "more_body": False}
            return await receive()

        try:
            await self.app(scope, replay, send_wrapper)
        finally:
            self._log(scope, headers, outcome, started, wire_in)

    @staticmethod
    def _log(scope, headers, outcome, started, wire_in) -> None:  # noqa: ANN001
        state = scope.get("state") or {}
        access_log.info(json.dumps({
            "at": utc_now().isoformat(timespec="milliseconds"),
            "method": scope.get("method"),
            "path": scope.get("path"),
            "status": outcome["status"],
            "ms": round((time.perf_counter() - started) * 1000, 1),
            "bytes_in": wire_in,
            "bytes_out": outcome["bytes_out"],
            "device_id": state.get("device_id"),
            "squad_id": state.get("squad_id"),
            "client": (scope.get("client") or ("?",))[0],
            "client_version": headers.get(protocol.CLIENT_VERSION_HEADER.lower()),
        }, ensure_ascii=False))


async def _send_error(send, refused: BodyRefused) -> None:  # noqa: ANN001
    body = protocol.ErrorBody(server_time=utc_now(), code=refused.code, message=refused.message)
    payload = body.model_dump_json().encode("utf-8")
    await send({"type": "http.response.start", "status": refused.status, "headers": [
        (b"content-type", b"application/json; charset=utf-8"),
        (b"content-length", str(len(payload)).encode()),
    ]})
    await send({"type": "http.response.body", "body": payload})


def gzip_bytes(data: bytes) -> bytes:
    """Helper for clients and tests: the compression the server accepts."""
    return gzip.compress(data, compresslevel=6)
