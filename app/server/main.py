"""The county server application: `create_app(sessions)` wires routes, middleware and the one
place where errors become HTTP statuses (Chinese messages in protocol.ErrorBody)."""

from __future__ import annotations

import logging

from fastapi import FastAPI, Request
from fastapi.encoders import jsonable_encoder
from fastapi.exceptions import RequestValidationError
from fastapi.responses import JSONResponse
from starlette.exceptions import HTTPException as StarletteHTTPException
from starlette.middleware.gzip import GZipMiddleware
from sqlalchemy.exc import DataError, IntegrityError, OperationalError
from sqlalchemy.orm import Session, sessionmaker

from app.clock import utc_now
from app.errors import AppError, Conflict, Forbidden, Invalid, NotFound
from app.server.errors import AuditRewritten, ClientTooOld, DeviceRevoked, TooLarge, Unauthorized
from app.server.routes import router
from app.server.wire import WireMiddleware
from app.sync import protocol

SERVER_VERSION = "0.1.0"
log = logging.getLogger(__name__)

# Most specific first: the first isinstance match wins.
_STATUS: list[tuple[type[AppError], int, str]] = [
    (Unauthorized, 401, "unauthorized"),
    (DeviceRevoked, 403, "device_revoked"),
    (ClientTooOld, 403, "client_too_old"),
    (Forbidden, 403, "forbidden"),
    (NotFound, 404, "not_found"),
    (AuditRewritten, 409, "audit_rewritten"),
    (Conflict, 409, "conflict"),
    (TooLarge, 413, "too_large"),
    (Invalid, 422, "invalid"),
]
_HTTP_MESSAGES = {
    400: "请求格式不正确。", 401: "需要登录。", 403: "无权访问。", 404: "找不到请求的内容。",
    405: "不支持此请求方式。", 413: "请求内容过大。", 415: "不支持的内容类型。",
}


def _error(status: int, code: str, message: str, detail: dict | None = None) -> JSONResponse:
    body = protocol.ErrorBody(server_time=utc_now(), code=code, message=message, detail=detail or {})
    headers = {"WWW-Authenticate": "Bearer"} if status == 401 else None
    return JSONResponse(body.model_dump(mode="json"), status_code=status, headers=headers)


async def _app_error(_request: Request, exc: AppError) -> JSONResponse:
    for kind, status, code in _STATUS:
        if isinstance(exc, kind):
            return _error(status, code, str(exc))
    return _error(400, "invalid", str(exc))


async def _validation_error(_request: Request, exc: RequestValidationError) -> JSONResponse:
    errors = [{"loc": list(e.get("loc", ())), "type": e.get("type")} for e in exc.errors()]
    return _error(422, "invalid", "请求内容不符合同步协议，请升级程序或联系县局。",
                  jsonable_encoder({"errors": errors}))


async def _http_error(_request: Request, exc: StarletteHTTPException) -> JSONResponse:
    message = _HTTP_MESSAGES.get(exc.status_code, "请求无法处理。")
    return _error(exc.status_code, "http", message)


async def _integrity_error(_request: Request, exc: IntegrityError) -> JSONResponse:
    # Two requests raced for the same row (e.g. a retried lease). Nothing was written; retry.
    log.warning("integrity error answered with 409: %s", type(exc.orig).__name__)
    return _error(409, "conflict", "数据正被同时修改，请稍后重试。")


async def _data_error(_request: Request, exc: DataError) -> JSONResponse:
    # PostgreSQL refuses some values Python accepts (NUL characters in text, out-of-range ints).
    log.warning("data error answered with 422: %s", type(exc.orig).__name__)
    return _error(422, "invalid", "请求中含有县局数据库无法保存的字符或数值。")


async def _operational_error(_request: Request, exc: OperationalError) -> JSONResponse:
    log.error("database unavailable: %s", type(exc.orig).__name__)
    return _error(503, "unavailable", "县局服务器数据库暂时不可用，请稍后重试。")


async def _unexpected(_request: Request, exc: Exception) -> JSONResponse:
    log.exception("unexpected server error", exc_info=exc)
    return _error(500, "server", "县局服务器内部错误，已记录，请稍后重试或联系县局。")


def create_app(sessions: sessionmaker[Session]) -> FastAPI:
    app = FastAPI(
        title="squaddesk 县局服务器",
        version=SERVER_VERSION,
        description="乡镇综合行政执法中队离线优先同步服务。",
    )
    app.state.sessions = sessions
    app.include_router(router)
    app.add_exception_handler(AppError, _app_error)
    app.add_exception_handler(RequestValidationError, _validation_error)
    app.add_exception_handler(StarletteHTTPException, _http_error)
    app.add_exception_handler(IntegrityError, _integrity_error)
    app.add_exception_handler(DataError, _data_error)
    app.add_exception_handler(OperationalError, _operational_error)
    app.add_exception_handler(Exception, _unexpected)
    app.add_middleware(GZipMiddleware, minimum_size=512)
    app.add_middleware(WireMiddleware, version=SERVER_VERSION)
    return app
