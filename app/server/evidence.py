"""Resumable evidence upload by chunk, per squad, content-addressed by SHA-256.

init → the offsets already held (resume after a dropped link) and the blob's chunk size; PUT each
missing chunk; complete →
the server hashes the whole file and marks it complete only if the hash matches. A mismatch
discards every chunk so the next attempt starts clean: never a silently partial file.

The chunk size is the client's choice when the upload begins (`UploadInit.chunk_size`, smaller on
a slow link) and stays the blob's for good: a resumed upload, even one asking for another size,
is told the original size so its offsets line up with the chunks already held.
"""

from __future__ import annotations

import hashlib

from sqlalchemy import delete, select
from sqlalchemy.dialects.postgresql import insert as pg_insert
from sqlalchemy.dialects.sqlite import insert as sqlite_insert
from sqlalchemy.orm import Session

from app.clock import utc_now
from app.errors import Invalid, NotFound
from app.server.accounts import Credential
from app.server.audit import record_event
from app.server.models import EvidenceBlob, EvidenceChunk
from app.sync import protocol
from app.sync.protocol import CHUNK_SIZE, MIN_CHUNK_SIZE


def _blob(session: Session, cred: Credential, sha256: str, *, lock: bool = False) -> EvidenceBlob:
    query = select(EvidenceBlob).where(EvidenceBlob.squad_id == cred.squad_id, EvidenceBlob.sha256 == sha256)
    if lock:
        query = query.with_for_update()
    blob = session.scalar(query)
    if blob is None:
        raise NotFound("县局没有这个证据文件的上传记录，请重新开始上传。")
    return blob


def _status(session: Session, blob: EvidenceBlob) -> protocol.UploadStatus:
    offsets = [] if blob.complete else list(session.scalars(
        select(EvidenceChunk.offset)
        .where(EvidenceChunk.squad_id == blob.squad_id, EvidenceChunk.sha256 == blob.sha256)
        .order_by(EvidenceChunk.offset)
    ))
    if blob.complete:
        offsets = list(range(0, blob.size, blob.chunk_size))
    return protocol.UploadStatus(
        server_time=utc_now(), sha256=blob.sha256, size=blob.size, chunk_size=blob.chunk_size,
        received=offsets, complete=blob.complete,
    )


def init_upload(session: Session, cred: Credential, request: protocol.UploadInit) -> protocol.UploadStatus:
    blob = session.scalar(
        select(EvidenceBlob).where(EvidenceBlob.squad_id == cred.squad_id, EvidenceBlob.sha256 == request.sha256)
    )
    chunk_size = CHUNK_SIZE if request.chunk_size is None else request.chunk_size
    if not protocol.valid_chunk_size(chunk_size):
        raise Invalid(f"分块大小 {chunk_size} 无效：须为 {MIN_CHUNK_SIZE // protocol.KIB} KB 到 "
                      f"{CHUNK_SIZE // protocol.KIB} KB 之间的 2 的幂。")
    if blob is None:
        blob = EvidenceBlob(
            squad_id=cred.squad_id, sha256=request.sha256, size=request.size,
            media_type=request.media_type, chunk_size=chunk_size, complete=False,
            device_id=cred.device_id, created_at=utc_now(),
        )
        session.add(blob)
        session.flush()
    elif blob.size != request.size:
        raise Invalid("同一文件的大小与此前上传时不一致，请检查文件是否被修改。")
    return _status(session, blob)


def expected_length(blob: EvidenceBlob, offset: int) -> int:
    return min(blob.chunk_size, blob.size - offset)


def put_chunk(
    session: Session, cred: Credential, sha256: str, offset: int, data: bytes,
    *, chunk_sha256: str | None = None,
) -> protocol.ChunkAck:
    blob = _blob(session, cred, sha256)
    if offset < 0 or offset % blob.chunk_size or (offset >= blob.size and blob.size > 0) or (
        blob.size == 0 and offset != 0
    ):
        raise Invalid(f"分块位置 {offset} 无效。")
    if len(data) != expected_length(blob, offset):
        raise Invalid(f"分块长度 {len(data)} 与预期 {expected_length(blob, offset)} 不符。")
    if chunk_sha256 is not None and hashlib.sha256(data).hexdigest() != chunk_sha256.lower():
        raise Invalid("分块在传输中损坏（校验值不符），请重新发送。")
    if not blob.complete:
        # An upsert: a chunk re-sent after a cut (or twice at once) replaces, never collides.
        dialect = session.get_bind().dialect.name
        insert = pg_insert if dialect == "postgresql" else sqlite_insert
        statement = insert(EvidenceChunk).values(
            squad_id=cred.squad_id, sha256=sha256, offset=offset, data=data)
        session.execute(statement.on_conflict_do_update(
            index_elements=["squad_id", "sha256", "offset"], set_={"data": statement.excluded.data}))
    return protocol.ChunkAck(server_time=utc_now(), offset=offset, length=len(data))


def complete_upload(session: Session, cred: Credential, sha256: str) -> protocol.UploadStatus:
    blob = _blob(session, cred, sha256, lock=True)
    if blob.complete:
        return _status(session, blob)
    chunks = session.execute(
        select(EvidenceChunk.offset, EvidenceChunk.data)
        .where(EvidenceChunk.squad_id == cred.squad_id, EvidenceChunk.sha256 == sha256)
        .order_by(EvidenceChunk.offset)
    ).all()
    expected = list(range(0, blob.size, blob.chunk_size)) if blob.size else [0]
    have = [offset for offset, _ in chunks]
    if blob.size == 0:
        have = expected
    if have != expected:
        missing = sorted(set(expected) - set(have))
        raise Invalid(f"证据文件还缺 {len(missing)} 个分块，请继续上传后再完成。")
    digest = hashlib.sha256()
    for _, data in chunks:
        digest.update(data)
    if digest.hexdigest() != sha256:
        session.execute(delete(EvidenceChunk).where(
            EvidenceChunk.squad_id == cred.squad_id, EvidenceChunk.sha256 == sha256))
        record_event(session, "evidence.hash_mismatch", actor="server", squad_id=cred.squad_id,
                     device_id=cred.device_id, sha256=sha256)
        # Commit the discard (the caller does) and then report: not raising keeps the cleanup.
        status = _status(session, blob)
        return status.model_copy(update={"received": []})
    blob.complete = True
    blob.completed_at = utc_now()
    record_event(session, "evidence.complete", actor="server", squad_id=cred.squad_id,
                 device_id=cred.device_id, sha256=sha256, size=blob.size)
    return _status(session, blob)


def read_chunk(session: Session, cred: Credential, sha256: str, offset: int) -> bytes:
    blob = _blob(session, cred, sha256)
    if not blob.complete:
        raise NotFound("此证据文件尚未完整上传到县局。")
    chunk = session.get(EvidenceChunk, (cred.squad_id, sha256, offset))
    if chunk is None:
        raise NotFound(f"分块位置 {offset} 不存在。")
    return chunk.data


def missing_files(session: Session, squad_id: str | None = None) -> list[tuple[str, str, str]]:
    """(squad_id, evidence row id, sha256) of evidence rows whose file has not fully arrived —
    what the county checks before trusting a case file is complete."""
    from app.server.models import Record

    sha = Record.data["sha256"].as_string()
    query = (
        select(Record.squad_id, Record.entity_id, sha)
        .outerjoin(EvidenceBlob, (EvidenceBlob.squad_id == Record.squad_id) & (EvidenceBlob.sha256 == sha))
        .where(Record.entity == "evidence", Record.deleted.is_(False))
        .where((EvidenceBlob.sha256.is_(None)) | (EvidenceBlob.complete.is_(False)))
        .order_by(Record.squad_id, Record.seq)
    )
    if squad_id is not None:
        query = query.where(Record.squad_id == squad_id)
    return [tuple(row) for row in session.execute(query)]
