"""The sync engine against the county app in-process: parking, batching, paged pull with the
cursor, field-level merge, reference appliers, resumable evidence upload, number leases,
enrollment."""

from __future__ import annotations

import hashlib
import os
import random

import pytest
from sqlalchemy import select

from app.db.models.core import Meta, OutboxEntry
from app.db.models.sync import SyncConflict
from app.sync import evidence, reference, state
from app.sync.blocks import ServerBlockSource
from app.sync.engine import enrollment
from app.sync.pull import Puller
from app.sync.push import split_batches
from app.sync.client import SyncClient
from app.sync import protocol as p
from world import SimFolder, SimItem, SimNote, Township


def add_note(town: Township, **values) -> str:  # noqa: ANN003
    with town.store.write(town.actor, "note.add") as session:
        note = SimNote(**{"title": "", **values})
        session.add(note)
    return note.id


def set_note(town: Township, note_id: str, **values) -> None:  # noqa: ANN003
    with town.store.write(town.actor, "note.edit") as session:
        note = session.get(SimNote, note_id)
        for k, v in values.items():
            setattr(note, k, v)


def outbox(town: Township) -> list[OutboxEntry]:
    with town.store.read() as session:
        return list(session.scalars(select(OutboxEntry).order_by(OutboxEntry.seq)))


def test_enrollment_keeps_the_secret_out_of_the_database(towns):
    town = towns[0]
    assert set(town.secrets) == {"sync.device_secret"}
    with town.store.read() as session:
        values = [m.value for m in session.scalars(select(Meta))]
        e = enrollment(town.store)
    assert e is not None and e.squad_id == town.county.squad_id
    assert town.secrets["sync.device_secret"] not in " ".join(values)


def test_a_refused_change_is_parked_and_the_next_ones_still_go(towns):
    a = towns[0]
    ghost = add_note(a, title="从未上传")
    with a.store.write(a.actor, "test.lose_insert", origin="sync") as session:
        session.scalar(select(OutboxEntry)).state = "sent"      # pretend; the county never saw it
    set_note(a, ghost, title="改了")                             # → "县局没有这条记录"
    fine = add_note(a, title="正常")
    assert a.sync()
    states = {e.entity_id + e.op: e.state for e in outbox(a)}
    assert states[ghost + "update"] == "parked"
    assert states[fine + "insert"] == "sent"
    parked = [e for e in outbox(a) if e.state == "parked"][0]
    assert "县局没有这条记录" in parked.parked_reason
    with a.store.read() as session:
        assert state.status(session).parked == 1


def test_push_batches_stay_under_the_compressed_limit():
    rng = random.Random(3)
    ops = [p.Operation(op_id=f"00000000-0000-4000-8000-{i:012d}", entity="sim_notes",
                       entity_id=f"e{i}", op="insert", base_revision=0, revision=1,
                       fields={"body": rng.randbytes(3000).hex()}, created_at="2026-01-01T00:00:00+00:00",
                       device_id="d") for i in range(400)]
    batches = split_batches(ops, SyncClient.encode)
    assert sum(len(b) for b in batches) == 400 and len(batches) > 1
    assert [o.op_id for b in batches for o in b] == [o.op_id for o in ops]      # seq order kept
    for batch in batches:
        assert len(SyncClient.encode(p.PushRequest(operations=batch))) <= p.PUSH_BATCH_MAX_BYTES


def test_pull_pages_save_the_cursor_and_merge_field_by_field(towns):
    a, b = towns
    ids = [add_note(a, title=f"记录{i}", body="原文") for i in range(7)]
    assert a.sync()
    with b.store.read() as session:
        assert state.cursor(session) == 0
    enrolled = enrollment(b.store)
    with b.client(enrolled) as client:
        report = Puller(client, b.store, b.actor, page_size=2).run()
    assert report.pages >= 4
    with b.store.read() as session:
        assert state.cursor(session) > 0
        assert session.get(SimNote, ids[6]).title == "记录6"

    set_note(a, ids[0], title="甲改标题", body="甲改正文")
    assert a.sync()
    set_note(b, ids[0], title="乙改标题")           # pending on b, not yet pushed
    with b.client(enrolled) as client:
        Puller(client, b.store, b.actor).run()
    with b.store.read() as session:
        note = session.get(SimNote, ids[0])
        assert note.title == "乙改标题"              # never silently overwritten
        assert note.body == "甲改正文"               # the other field merged
        clash = session.scalar(select(SyncConflict))
        assert (clash.field, clash.local_value, clash.server_value) == ("title", "乙改标题", "甲改标题")


def test_push_conflict_is_recorded_and_replicas_converge(towns):
    a, b = towns
    note = add_note(a, title="原标题")
    assert a.sync() and b.sync()
    set_note(a, note, title="甲的")
    set_note(b, note, title="乙的")
    assert a.sync() and b.sync() and a.sync()
    with b.store.read() as session:
        clash = session.scalar(select(SyncConflict))
        assert (clash.local_value, clash.server_value) == ("乙的", "甲的")
        assert session.get(SimNote, note).title == "甲的"
    from app.sync.conflicts import resolve

    resolve(b.store, b.actor, clash.id, "local")
    assert b.sync() and a.sync()
    with a.store.read() as session:
        assert session.get(SimNote, note).title == "乙的"


def test_reference_data_goes_to_the_registered_applier_with_its_version(towns):
    from app.server.reference import publish

    a = towns[0]
    with a.county.sessions.begin() as session:
        publish(session, "holidays", {"2027": ["2027-01-01"]})
        publish(session, "benchmarks", {"items": []})
    seen = []
    saved = dict(reference._appliers)  # noqa: SLF001 - other tests opened data folders, which
    reference._appliers.clear()        # noqa: SLF001 - register every kind process-wide
    reference.register("holidays", lambda session, payload, version: seen.append((payload, version)))
    try:
        assert a.sync()
    finally:
        reference._appliers.clear()  # noqa: SLF001
        reference._appliers.update(saved)  # noqa: SLF001
    assert seen == [({"2027": ["2027-01-01"]}, 1)]
    with a.store.read() as session:
        assert state.reference_versions(session) == {"holidays": 1}    # benchmarks: no applier yet


def test_evidence_upload_resumes_and_is_marked_only_after_the_hash_is_confirmed(towns):
    a = towns[0]
    data = os.urandom(700 * 1024)
    sha = hashlib.sha256(data).hexdigest()
    reads: list[int] = []

    def read(offset: int, length: int) -> bytes:
        reads.append(offset)
        return data[offset:offset + length]

    item = evidence.EvidenceFile(sha, len(data), read, "image/jpeg")
    enrolled = enrollment(a.store)
    a.faults.enabled = True
    a.faults.forced = ["none", "none", "none", "drop_response"]   # token, init, chunk 0; chunk 1 answer lost
    with a.client(enrolled) as client:
        client.retries = 0
        client.login()
        with pytest.raises(Exception):
            evidence.Uploader(client, a.store, [lambda s: [item]]).run()
    with a.store.read() as session:
        assert not evidence.is_uploaded(session, sha)
    a.faults.forced = []
    reads.clear()
    with a.client(enrolled) as client:
        report = evidence.Uploader(client, a.store, [lambda s: [item]]).run()
    assert report.uploaded == 1
    assert reads == [2 * p.CHUNK_SIZE]        # only the chunk the county lacked
    with a.store.read() as session:
        assert evidence.is_uploaded(session, sha)


def test_number_blocks_are_leased_from_the_county_and_a_retry_gets_the_same_block(towns):
    a, b = towns
    enrolled = enrollment(a.store)
    source = ServerBlockSource(lambda: a.client(enrolled))
    first = source.lease(a.county.squad_id, "处罚决定书", 2026, 10)
    a.faults.enabled = True
    a.faults.forced = ["none", "drop_response"]               # token, then the lease answer lost
    second = source.lease(a.county.squad_id, "处罚决定书", 2026, 10)
    other = ServerBlockSource(lambda: b.client(enrollment(b.store))).lease("", "处罚决定书", 2026, 10)
    assert first[1] - first[0] == 9
    blocks = sorted([first, second, other])
    assert all(x[1] < y[0] for x, y in zip(blocks, blocks[1:]))      # never overlapping


def test_a_child_row_pulled_before_its_parent_waits_for_the_parent_page(towns):
    a, b = towns
    with a.store.write(a.actor, "folder.add") as session:
        folder = SimFolder(name="卷宗")
        session.add(folder)
        session.flush()
        session.add(SimItem(folder_id=folder.id, label="询问笔录"))
    with a.store.write(a.actor, "folder.rename") as session:
        session.get(SimFolder, folder.id).name = "卷宗（改）"      # the parent now sorts last
    assert a.sync()
    enrolled = enrollment(b.store)
    with b.client(enrolled) as client:
        report = Puller(client, b.store, b.actor, page_size=1).run()
    assert report.changes >= 2
    with b.store.read() as session:
        assert session.get(SimFolder, folder.id).name == "卷宗（改）"
        assert session.scalar(select(SimItem.label)) == "询问笔录"


def test_evidence_is_read_as_plaintext_from_the_encrypted_store(tmp_path):
    from app.security.evidence_crypto import EvidenceCipher
    from app.sync.evidence import _PlainReader

    data = os.urandom(3 * 1024 * 1024 + 123)
    cipher = EvidenceCipher(os.urandom(32))
    encrypted, plain = tmp_path / "enc", tmp_path / "plain"
    cipher.encrypt_to(encrypted, data)
    plain.write_bytes(data)
    for path in (encrypted, plain):
        read = _PlainReader(path, lambda: cipher)
        step = p.CHUNK_SIZE
        assert b"".join(read(o, min(step, len(data) - o)) for o in range(0, len(data), step)) == data
        assert read(step, 10) == data[step:step + 10]          # going back restarts cleanly


class _Spy:
    """Records the chunk size each upload init asked for and the length of each chunk sent."""

    def __init__(self, client: SyncClient) -> None:
        self.asked: list[int | None] = []
        self.sent: list[tuple[str, int, int]] = []
        init, chunk = client.upload_init, client.upload_chunk

        def upload_init(request):  # noqa: ANN001, ANN202
            self.asked.append(request.chunk_size)
            return init(request)

        def upload_chunk(sha, offset, data):  # noqa: ANN001, ANN202
            self.sent.append((sha, offset, len(data)))
            return chunk(sha, offset, data)

        client.upload_init, client.upload_chunk = upload_init, upload_chunk


def _file(size: int) -> tuple[evidence.EvidenceFile, bytes]:
    data = os.urandom(size)
    sha = hashlib.sha256(data).hexdigest()
    return evidence.EvidenceFile(sha, size, lambda o, n: data[o:o + n]), data


def _county_chunk_size(town: Township, sha: str) -> int:
    from app.server.models import EvidenceBlob

    with town.county.sessions() as session:
        return session.scalar(select(EvidenceBlob.chunk_size).where(EvidenceBlob.sha256 == sha))


def test_a_slow_link_asks_for_64_kib_chunks_and_a_quick_one_for_256_kib(towns):
    a = towns[0]
    first, _ = _file(p.CHUNK_SIZE + 1000)
    second, _ = _file(150 * 1024)
    begun, _ = _file(2 * p.CHUNK_SIZE + 10)
    enrolled = enrollment(a.store)
    with a.client(enrolled) as client:
        # An upload begun earlier in 256 KiB chunks, cut after its first chunk.
        client.upload_init(p.UploadInit(sha256=begun.sha256, size=begun.size))
        client.upload_chunk(begun.sha256, 0, begun.read(0, p.CHUNK_SIZE))
        spy = _Spy(client)
        ticks = iter(range(0, 1000, 5))          # every chunk PUT takes 5 s: a slow link
        uploader = evidence.Uploader(client, a.store, [lambda s: [first, second, begun]],
                                     clock=lambda: float(next(ticks)))
        report = uploader.run()
    assert report.uploaded == 3 and uploader.slow
    assert spy.asked == [p.CHUNK_SIZE, 64 * 1024, 64 * 1024]   # slow after the first full chunk
    assert [n for sha, _o, n in spy.sent if sha == second.sha256] == [65536, 65536, 22 * 1024]
    # The begun upload follows the size the county announces: only its missing 256 KiB chunks.
    assert [(o, n) for sha, o, n in spy.sent if sha == begun.sha256] == [
        (p.CHUNK_SIZE, p.CHUNK_SIZE), (2 * p.CHUNK_SIZE, 10)]
    assert _county_chunk_size(a, second.sha256) == 64 * 1024
    assert _county_chunk_size(a, begun.sha256) == p.CHUNK_SIZE

    third, _ = _file(p.CHUNK_SIZE)
    fourth, _ = _file(10)
    with a.client(enrolled) as client:
        spy = _Spy(client)
        uploader = evidence.Uploader(client, a.store, [lambda s: [third, fourth]], slow=True,
                                     clock=lambda: 0.0)
        uploader.run()
    assert spy.asked == [64 * 1024, p.CHUNK_SIZE] and not uploader.slow  # quick again: 256 KiB


def test_the_engine_asks_for_the_chunk_size_set_in_the_preferences(towns, tmp_path):
    from types import SimpleNamespace

    from app.settings import Preferences

    a = towns[0]
    settings = tmp_path / "settings.json"
    Preferences(extra={"evidence_chunk_kb": 32}).save(settings)
    a.engine.paths = SimpleNamespace(settings_file=settings, evidence=tmp_path / "evidence")
    item, _ = _file(100 * 1024)
    spies: list[_Spy] = []

    def factory(enrolled):  # noqa: ANN001, ANN202
        client = a.client(enrolled)
        spies.append(_Spy(client))
        return client

    a.engine._client_factory = factory  # noqa: SLF001
    source = lambda s: [item]  # noqa: E731
    evidence.register_source(source)
    try:
        assert a.engine.run().evidence.uploaded == 1
    finally:
        evidence.unregister_source(source)
    assert spies[0].asked == [32 * 1024]
    assert [n for _sha, _o, n in spies[0].sent] == [32 * 1024] * 3 + [4 * 1024]
    assert _county_chunk_size(a, item.sha256) == 32 * 1024
    for bad in (100, 8, 512, "x", -64):
        assert evidence.chunk_size_setting(bad) is None
    assert evidence.chunk_size_setting("64") == 64 * 1024
