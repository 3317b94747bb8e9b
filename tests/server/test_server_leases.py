"""Document-number blocks: leases never overlap, even when PCs ask at the same moment."""

from __future__ import annotations

import uuid
from concurrent.futures import ThreadPoolExecutor

from app.server import numbers
from app.server.accounts import Credential
from app.sync import protocol


def _lease(pc, doc_type="罚决", year=2026, size=None, request_id=None):
    body = {"request_id": request_id or str(uuid.uuid4()), "doc_type": doc_type, "year": year}
    if size:
        body["size"] = size
    r = pc.client.post("/blocks/lease", json=body, headers=pc.headers)
    assert r.status_code == 200, r.text
    return r.json()


def test_concurrent_leases_from_many_pcs_never_overlap(enroll, sessions):
    pcs = [enroll()]
    pcs += [enroll(pcs[0].squad_id) for _ in range(3)]
    creds = [Credential(pc.device_id, pc.squad_id) for pc in pcs]

    def grab(i: int) -> tuple[int, int]:
        with sessions.begin() as s:
            lease = numbers.lease(s, creds[i % 4], protocol.LeaseRequest(
                request_id=str(uuid.uuid4()), doc_type="罚决", year=2026, size=1 + i % 5))
            return lease.first, lease.last

    with ThreadPoolExecutor(max_workers=8) as pool:
        ranges = sorted(pool.map(grab, range(80)))
    for (_, last), (first, _) in zip(ranges, ranges[1:]):
        assert first == last + 1                       # contiguous, no overlap, no gap
    assert ranges[0][0] == 1


def test_a_retried_lease_request_gets_the_same_block(enroll):
    pc = enroll()
    rid = str(uuid.uuid4())
    first, again = _lease(pc, request_id=rid), _lease(pc, request_id=rid)
    assert (first["first"], first["last"], first["lease_id"]) == (again["first"], again["last"], again["lease_id"])
    assert _lease(pc)["first"] == first["last"] + 1


def test_block_size_comes_from_county_settings_and_start_number_is_respected(enroll, sessions):
    pc = enroll()
    with sessions.begin() as s:
        numbers.set_block_size(s, 20, squad_id=pc.squad_id, doc_type="罚决")
        numbers.set_next_free(s, pc.squad_id, "罚决", 2026, 101)
    lease = _lease(pc)
    assert (lease["first"], lease["last"]) == (101, 120)
    other_type = _lease(pc, doc_type="立审")
    assert (other_type["first"], other_type["last"]) == (1, numbers.DEFAULT_BLOCK_SIZE)


def test_squads_and_years_number_independently(enroll):
    a, b = enroll(), enroll()
    assert _lease(a)["first"] == 1 and _lease(b)["first"] == 1
    assert _lease(a, year=2027)["first"] == 1
