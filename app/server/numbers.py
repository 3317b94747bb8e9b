"""Document-number blocks: the county leases each PC a range of 文号 per document type and
year; a PC numbers offline only from its leases. The counter row is locked while a lease is cut,
so two leases never overlap, and a retried request (same request_id) gets the same lease back."""

from __future__ import annotations

from sqlalchemy import select
from sqlalchemy.exc import IntegrityError
from sqlalchemy.orm import Session

from app.clock import utc_now
from app.errors import Invalid
from app.ids import new_id
from app.server.accounts import Credential
from app.server.audit import record_event
from app.server.models import LeaseSetting, NumberCounter, NumberLease
from app.sync import protocol

DEFAULT_BLOCK_SIZE = 50
ANY = "*"


def block_size(session: Session, squad_id: str, doc_type: str) -> int:
    for squad, kind in ((squad_id, doc_type), (squad_id, ANY), (ANY, doc_type), (ANY, ANY)):
        row = session.get(LeaseSetting, (squad, kind))
        if row is not None:
            return row.size
    return DEFAULT_BLOCK_SIZE


def set_block_size(session: Session, size: int, *, squad_id: str = ANY, doc_type: str = ANY) -> None:
    if not 1 <= size <= protocol.LEASE_SIZE_MAX:
        raise Invalid(f"号段大小须在 1 到 {protocol.LEASE_SIZE_MAX} 之间。")
    row = session.get(LeaseSetting, (squad_id, doc_type))
    if row is None:
        session.add(LeaseSetting(squad_id=squad_id, doc_type=doc_type, size=size))
    else:
        row.size = size
    record_event(session, "lease.block_size", actor="admin", squad_id=None if squad_id == ANY else squad_id,
                 doc_type=doc_type, size=size)


def _counter(session: Session, squad_id: str, doc_type: str, year: int) -> NumberCounter:
    query = select(NumberCounter).where(
        NumberCounter.squad_id == squad_id, NumberCounter.doc_type == doc_type, NumberCounter.year == year
    ).with_for_update()
    counter = session.scalar(query)
    if counter is None:
        try:
            with session.begin_nested():
                session.add(NumberCounter(squad_id=squad_id, doc_type=doc_type, year=year, next_free=1))
        except IntegrityError:
            pass  # another request created it first; the locked read below waits for it
        counter = session.scalar(query)
    return counter


def set_next_free(session: Session, squad_id: str, doc_type: str, year: int, next_free: int) -> None:
    """For numbers used before squaddesk: leases start at `next_free`. Never moves backwards."""
    counter = _counter(session, squad_id, doc_type, year)
    if next_free < counter.next_free:
        raise Invalid(f"已发放到 {counter.next_free - 1} 号，起始号不能倒退。")
    counter.next_free = next_free
    record_event(session, "lease.next_free", actor="admin", squad_id=squad_id, doc_type=doc_type,
                 year=year, next_free=next_free)


def lease(session: Session, cred: Credential, request: protocol.LeaseRequest) -> protocol.LeaseResponse:
    previous = session.scalar(select(NumberLease).where(NumberLease.request_id == request.request_id))
    if previous is not None:
        if previous.squad_id != cred.squad_id or previous.device_id != cred.device_id:
            raise Invalid("此申请编号已被使用。")
        return _response(previous)
    size = request.size or block_size(session, cred.squad_id, request.doc_type)
    counter = _counter(session, cred.squad_id, request.doc_type, request.year)
    row = NumberLease(
        id=new_id(), request_id=request.request_id, squad_id=cred.squad_id,
        device_id=cred.device_id, doc_type=request.doc_type, year=request.year,
        first=counter.next_free, last=counter.next_free + size - 1, leased_at=utc_now(),
    )
    counter.next_free = row.last + 1
    session.add(row)
    record_event(session, "lease.grant", actor="server", squad_id=cred.squad_id,
                 device_id=cred.device_id, doc_type=row.doc_type, year=row.year,
                 first=row.first, last=row.last)
    return _response(row)


def _response(row: NumberLease) -> protocol.LeaseResponse:
    return protocol.LeaseResponse(
        server_time=utc_now(), lease_id=row.id, doc_type=row.doc_type, year=row.year,
        first=row.first, last=row.last,
    )
