"""Document-number blocks leased from the county: `ServerBlockSource` implements the documents
module's `BlockSource` protocol (`lease(squad, doc_type, year, size) -> (first, last)`).

A client numbers offline only from a block the county leased to it, so 文号 never collide. One
call = one `request_id`, reused by every retry of that call, so a lost answer never costs a
second block. (A crash after the server leased but before the caller stored the block leaves a
gap in the numbers, never a duplicate.)
"""

from __future__ import annotations

from collections.abc import Callable

from app.ids import new_id
from app.sync import protocol as p
from app.sync.client import SyncClient

LEASE_TIMEOUT = (5.0, 15.0)
LEASE_RETRIES = 1


class ServerBlockSource:
    def __init__(self, client_factory: Callable[[], SyncClient]) -> None:
        """`client_factory` opens a SyncClient for the enrolled server (the engine's)."""
        self._client_factory = client_factory

    def lease(self, squad: str, doc_type: str, year: int, size: int | None) -> tuple[int, int]:
        # `squad` is implied by the device credential; the server never reads it from a body.
        request = p.LeaseRequest(request_id=new_id(), doc_type=doc_type, year=year,
                                 size=size if size else None)
        with self._client_factory() as client:
            answer = client.lease(request)
        return answer.first, answer.last


def block_source_for(store) -> ServerBlockSource:  # noqa: ANN001
    """The block source of an enrolled store (raises SyncFailed AUTH when not enrolled)."""
    from app.errors import SyncFailed, SyncFailure  # noqa: PLC0415
    from app.sync.engine import SyncEngine, enrollment  # noqa: PLC0415

    enrolled = enrollment(store)
    if enrolled is None:
        raise SyncFailed("本机尚未登记到县局服务器，无法领取文书编号段。", kind=SyncFailure.AUTH)
    engine = SyncEngine(store)

    def client() -> SyncClient:
        # Callers may lease inside a write transaction: fail fast rather than hold the lock.
        made = engine._client_factory(enrolled)  # noqa: SLF001
        made.timeout, made.retries = LEASE_TIMEOUT, LEASE_RETRIES
        return made

    return ServerBlockSource(client)
