"""HTTP routes: thin wrappers that open one transaction and call a service. Paths and payloads
come from app.sync.protocol; the squad always comes from the credential (app.server.deps)."""

from __future__ import annotations

from typing import Annotated

from fastapi import APIRouter, Body, Depends, Header, Path, Response
from sqlalchemy.orm import Session, sessionmaker

from app.clock import utc_now
from app.errors import Invalid
from app.server import accounts, evidence, numbers, sync_service
from app.server.accounts import Credential
from app.server.deps import current_device, get_sessions
from app.server.errors import AuditRewritten
from app.sync import protocol

_ERRORS = {
    status: {"model": protocol.ErrorBody, "description": text}
    for status, text in (
        (400, "请求无法解析（如 JSON 或压缩格式损坏）"), (401, "缺少、无效或过期的访问令牌"), (403, "设备已停用、程序版本过旧或无权访问"),
        (404, "不存在（或不属于本中队）"), (409, "冲突：审计记录被改写或并发修改"),
        (413, "请求内容过大"), (415, "不支持的内容编码"), (422, "请求不符合同步协议或业务规则"),
        (503, "数据库暂时不可用"),
    )
}
router = APIRouter(responses=_ERRORS)
Sessions = Annotated[sessionmaker[Session], Depends(get_sessions)]
Caller = Annotated[Credential, Depends(current_device)]
Sha = Annotated[str, Path(pattern=r"^[0-9a-f]{64}$", description="文件的 SHA-256（小写十六进制）")]
Offset = Annotated[int, Path(ge=0, le=protocol.EVIDENCE_MAX_BYTES)]


@router.get(protocol.PATH_INFO, response_model=protocol.ServerInfo, tags=["public"])
def info(sessions: Sessions) -> protocol.ServerInfo:
    from app.server.main import SERVER_VERSION

    with sessions.begin() as session:
        minimum = accounts.min_client_version(session)
    return protocol.ServerInfo(server_time=utc_now(), version=SERVER_VERSION, min_client_version=minimum)


@router.post(protocol.PATH_ENROLL, response_model=protocol.EnrollResponse, tags=["public"])
def enroll(body: protocol.EnrollRequest, sessions: Sessions) -> protocol.EnrollResponse:
    with sessions.begin() as session:
        return accounts.enroll(session, body)


@router.post(protocol.PATH_TOKEN, response_model=protocol.TokenResponse, tags=["public"])
def token(body: protocol.TokenRequest, sessions: Sessions) -> protocol.TokenResponse:
    with sessions.begin() as session:
        return accounts.issue_token(session, body)


@router.post(protocol.PATH_PUSH, response_model=protocol.PushResponse, tags=["sync"])
def push(body: protocol.PushRequest, cred: Caller, sessions: Sessions) -> protocol.PushResponse:
    with sessions.begin() as session:
        intact = sync_service.verify_audit_head(session, cred, body.audit_head, body.audit_anchor)
    if not intact:
        # Raised after the commit above, so the flag and the audit entry are kept.
        raise AuditRewritten(
            "本机的操作记录与上次同步时不一致（可能被改写、数据库被替换或从较早的备份恢复），县局已暂停接收本机上传，"
            "请联系县局管理员核查。"
        )
    with sessions.begin() as session:
        return sync_service.push(session, cred, body)


@router.post(protocol.PATH_PULL, response_model=protocol.PullResponse, tags=["sync"])
def pull(body: protocol.PullRequest, cred: Caller, sessions: Sessions) -> protocol.PullResponse:
    with sessions.begin() as session:
        return sync_service.pull(session, cred, body)


@router.post(protocol.PATH_UPLOADS, response_model=protocol.UploadStatus, tags=["evidence"])
def upload_init(body: protocol.UploadInit, cred: Caller, sessions: Sessions) -> protocol.UploadStatus:
    with sessions.begin() as session:
        return evidence.init_upload(session, cred, body)


@router.put(protocol.PATH_UPLOAD_CHUNK, response_model=protocol.ChunkAck, tags=["evidence"])
def upload_chunk(
    sha256: Sha,
    offset: Offset,
    data: Annotated[bytes, Body(media_type="application/octet-stream")],
    cred: Caller,
    sessions: Sessions,
    chunk_sha256: Annotated[str | None, Header(alias=protocol.CHUNK_SHA256_HEADER)] = None,
) -> protocol.ChunkAck:
    with sessions.begin() as session:
        return evidence.put_chunk(session, cred, sha256, offset, data, chunk_sha256=chunk_sha256)


@router.post(protocol.PATH_UPLOAD_COMPLETE, response_model=protocol.UploadStatus, tags=["evidence"])
def upload_complete(sha256: Sha, cred: Caller, sessions: Sessions) -> protocol.UploadStatus:
    with sessions.begin() as session:
        status = evidence.complete_upload(session, cred, sha256)
    if not status.complete:
        # The bad chunks were discarded in the committed transaction; the client starts over.
        raise Invalid("证据文件校验失败（内容与哈希不符），已丢弃已上传部分，请重新上传。")
    return status


@router.get(
    protocol.PATH_EVIDENCE_CHUNK, tags=["evidence"], response_class=Response,
    responses={200: {"content": {"application/octet-stream": {}}}},
)
def download_chunk(sha256: Sha, offset: Offset, cred: Caller, sessions: Sessions) -> Response:
    with sessions.begin() as session:
        data = evidence.read_chunk(session, cred, sha256, offset)
    return Response(content=data, media_type="application/octet-stream")


@router.post(protocol.PATH_LEASE, response_model=protocol.LeaseResponse, tags=["numbers"])
def lease(body: protocol.LeaseRequest, cred: Caller, sessions: Sessions) -> protocol.LeaseResponse:
    with sessions.begin() as session:
        return numbers.lease(session, cred, body)
