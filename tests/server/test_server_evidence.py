"""Evidence upload: resume after a break, and nothing is complete until the whole hash matches."""

from __future__ import annotations

import hashlib
import os

from app.sync.protocol import CHUNK_SIZE


def _put(client, pc, sha, offset, data):
    return client.put(f"/evidence/uploads/{sha}/chunks/{offset}", content=data,
                      headers={**pc.headers, "Content-Type": "application/octet-stream",
                               "X-Chunk-Sha256": hashlib.sha256(data).hexdigest()})


def test_an_interrupted_upload_resumes_and_completes_after_hash_check(enroll, client):
    pc = enroll()
    blob = os.urandom(CHUNK_SIZE * 2 + 1000)
    sha = hashlib.sha256(blob).hexdigest()
    status = client.post("/evidence/uploads", json={"sha256": sha, "size": len(blob)}, headers=pc.headers).json()
    assert status["received"] == [] and not status["complete"]
    assert _put(client, pc, sha, 0, blob[:CHUNK_SIZE]).status_code == 200
    # The link drops; later the client asks again and sends only what is missing.
    status = client.post("/evidence/uploads", json={"sha256": sha, "size": len(blob)}, headers=pc.headers).json()
    assert status["received"] == [0]
    early = client.post(f"/evidence/uploads/{sha}/complete", headers=pc.headers)
    assert early.status_code == 422 and "缺" in early.json()["message"]
    for offset in range(CHUNK_SIZE, len(blob), CHUNK_SIZE):
        assert _put(client, pc, sha, offset, blob[offset:offset + CHUNK_SIZE]).status_code == 200
    done = client.post(f"/evidence/uploads/{sha}/complete", headers=pc.headers)
    assert done.status_code == 200 and done.json()["complete"]
    back = b"".join(client.get(f"/evidence/{sha}/chunks/{o}", headers=pc.headers).content
                    for o in range(0, len(blob), CHUNK_SIZE))
    assert back == blob


def test_a_file_whose_hash_does_not_match_is_discarded(enroll, client):
    pc = enroll()
    blob = os.urandom(5000)
    claimed = hashlib.sha256(b"something else").hexdigest()
    client.post("/evidence/uploads", json={"sha256": claimed, "size": len(blob)}, headers=pc.headers)
    _put(client, pc, claimed, 0, blob)
    r = client.post(f"/evidence/uploads/{claimed}/complete", headers=pc.headers)
    assert r.status_code == 422 and "校验失败" in r.json()["message"]
    status = client.post("/evidence/uploads", json={"sha256": claimed, "size": len(blob)}, headers=pc.headers).json()
    assert status["received"] == [] and not status["complete"]


def test_a_chunk_damaged_in_transit_is_refused(enroll, client):
    pc = enroll()
    blob = os.urandom(100)
    sha = hashlib.sha256(blob).hexdigest()
    client.post("/evidence/uploads", json={"sha256": sha, "size": len(blob)}, headers=pc.headers)
    r = client.put(f"/evidence/uploads/{sha}/chunks/0", content=blob,
                   headers={**pc.headers, "X-Chunk-Sha256": "0" * 64})
    assert r.status_code == 422


def test_chunks_of_the_wrong_size_or_place_are_refused(enroll, client):
    pc = enroll()
    blob = os.urandom(CHUNK_SIZE + 10)
    sha = hashlib.sha256(blob).hexdigest()
    client.post("/evidence/uploads", json={"sha256": sha, "size": len(blob)}, headers=pc.headers)
    assert _put(client, pc, sha, 0, blob[:100]).status_code == 422
    assert _put(client, pc, sha, 7, blob[:CHUNK_SIZE]).status_code == 422
    assert _put(client, pc, sha, CHUNK_SIZE * 2, b"x").status_code == 422


def test_an_empty_file_completes(enroll, client):
    pc = enroll()
    sha = hashlib.sha256(b"").hexdigest()
    client.post("/evidence/uploads", json={"sha256": sha, "size": 0}, headers=pc.headers)
    assert client.post(f"/evidence/uploads/{sha}/complete", headers=pc.headers).json()["complete"]


def test_a_chunk_sent_twice_is_stored_once(enroll, client):
    pc = enroll()
    blob = os.urandom(CHUNK_SIZE + 5)
    sha = hashlib.sha256(blob).hexdigest()
    client.post("/evidence/uploads", json={"sha256": sha, "size": len(blob)}, headers=pc.headers)
    for _ in range(2):
        assert _put(client, pc, sha, 0, blob[:CHUNK_SIZE]).status_code == 200
    _put(client, pc, sha, CHUNK_SIZE, blob[CHUNK_SIZE:])
    assert client.post(f"/evidence/uploads/{sha}/complete", headers=pc.headers).json()["complete"]


SMALL = 64 * 1024


def _init(client, pc, sha, size, chunk_size=None):
    body = {"sha256": sha, "size": size}
    if chunk_size is not None:
        body["chunk_size"] = chunk_size
    return client.post("/evidence/uploads", json=body, headers=pc.headers)


def test_a_small_chunk_upload_interrupted_and_resumed_completes_after_hash_check(enroll, client):
    pc = enroll()
    blob = os.urandom(SMALL * 3 + 500)
    sha = hashlib.sha256(blob).hexdigest()
    status = _init(client, pc, sha, len(blob), SMALL).json()
    assert status["chunk_size"] == SMALL and status["received"] == []
    assert _put(client, pc, sha, 0, blob[:SMALL]).status_code == 200
    assert _put(client, pc, sha, SMALL, blob[SMALL:2 * SMALL]).status_code == 200
    # A full-size chunk does not fit a 64 KiB blob.
    assert _put(client, pc, sha, 0, blob[:CHUNK_SIZE]).status_code == 422
    # The link drops; the resumed init learns the size and what is held.
    status = _init(client, pc, sha, len(blob), SMALL).json()
    assert status["chunk_size"] == SMALL and status["received"] == [0, SMALL]
    assert client.post(f"/evidence/uploads/{sha}/complete", headers=pc.headers).status_code == 422
    for offset in range(2 * SMALL, len(blob), SMALL):
        assert _put(client, pc, sha, offset, blob[offset:offset + SMALL]).status_code == 200
    done = client.post(f"/evidence/uploads/{sha}/complete", headers=pc.headers).json()
    assert done["complete"] and done["chunk_size"] == SMALL
    assert done["received"] == list(range(0, len(blob), SMALL))
    back = b"".join(client.get(f"/evidence/{sha}/chunks/{o}", headers=pc.headers).content
                    for o in range(0, len(blob), SMALL))
    assert back == blob


def test_a_chunk_size_that_is_not_a_power_of_two_in_range_is_refused(enroll, client):
    pc = enroll()
    blob = os.urandom(1000)
    sha = hashlib.sha256(blob).hexdigest()
    for bad in (100_000, 8 * 1024, 512 * 1024, 0, -SMALL):
        r = _init(client, pc, sha, len(blob), bad)
        assert r.status_code == 422 and "分块大小" in r.json()["message"], bad
    # Nothing was begun: a valid request afterwards starts the blob with its own size.
    assert _init(client, pc, sha, len(blob), 16 * 1024).json()["chunk_size"] == 16 * 1024


def test_a_resumed_upload_keeps_the_chunk_size_it_began_with(enroll, client):
    pc = enroll()
    blob = os.urandom(CHUNK_SIZE + 10)
    sha = hashlib.sha256(blob).hexdigest()
    assert _init(client, pc, sha, len(blob), SMALL).json()["chunk_size"] == SMALL
    assert _put(client, pc, sha, 0, blob[:SMALL]).status_code == 200
    # The link got better; the client now asks for 256 KiB, but the held chunk decides.
    status = _init(client, pc, sha, len(blob), CHUNK_SIZE).json()
    assert status["chunk_size"] == SMALL and status["received"] == [0]
    assert _init(client, pc, sha, len(blob)).json()["chunk_size"] == SMALL
    for offset in range(SMALL, len(blob), SMALL):
        assert _put(client, pc, sha, offset, blob[offset:offset + SMALL]).status_code == 200
    assert client.post(f"/evidence/uploads/{sha}/complete", headers=pc.headers).json()["complete"]


def test_an_init_without_a_chunk_size_uses_256_kib(enroll, client):
    pc = enroll()
    blob = os.urandom(10)
    sha = hashlib.sha256(blob).hexdigest()
    assert _init(client, pc, sha, len(blob)).json()["chunk_size"] == CHUNK_SIZE
