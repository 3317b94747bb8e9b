"""Evidence upload by SHA-256 in chunks, resumable after any interruption.

For each file not yet confirmed: `init` tells which chunks the server already holds (after a
dropped link, a crash, a reboot), only the missing ones are sent, and `complete` makes the server
hash the whole file. The local copy is marked uploaded (`sync_uploads`) only when the server says
the hash matched; a mismatch makes the server discard its chunks and the next sync starts over.

Chunks are 256 KiB, 64 KiB on a slow link (a full chunk took longer than SLOW_CHUNK_S), unless
the setting `evidence_chunk_kb` fixes the size; an upload already begun keeps the size the server
announces for it, whatever was asked.

The evidence store registers a source (`register_source`) that lists the files this PC holds and
reads plaintext byte ranges (files are encrypted at rest; the hash is of the plaintext).
"""

from __future__ import annotations

import logging
import time
from collections.abc import Callable, Iterable
from dataclasses import dataclass, field

from sqlalchemy import select
from sqlalchemy.orm import Session

from app.clock import utc_now
from app.context import Actor
from app.db.models.sync import UploadedEvidence
from app.db.store import Store
from app.errors import SyncFailed
from app.progress import Progress, no_progress
from app.sync import protocol as p
from app.sync.client import SyncClient

log = logging.getLogger(__name__)

SLOW_CHUNK_S = 4.0              # a full-size chunk slower than this marks the link slow
SLOW_LINK_CHUNK_SIZE = 64 * p.KIB


@dataclass(frozen=True)
class EvidenceFile:
    sha256: str
    size: int
    read: Callable[[int, int], bytes]          # (offset, length) → plaintext bytes
    media_type: str = "application/octet-stream"


Source = Callable[[Session], Iterable[EvidenceFile]]
_sources: list[Source] = []


def register_source(source: Source) -> None:
    if source not in _sources:
        _sources.append(source)


def unregister_source(source: Source) -> None:
    if source in _sources:
        _sources.remove(source)


def is_uploaded(session: Session, sha256: str) -> bool:
    return session.get(UploadedEvidence, sha256) is not None


@dataclass
class EvidenceReport:
    uploaded: int = 0
    chunks_sent: int = 0
    bytes_sent: int = 0
    failed: list[str] = field(default_factory=list)


def chunk_size_setting(value: object) -> int | None:
    """The chunk size fixed by the setting `evidence_chunk_kb` (KiB), or None to measure the link.
    A value the server would refuse is ignored (logged), never sent."""
    if value in (None, "", 0):
        return None
    try:
        size = int(value) * p.KIB  # type: ignore[call-overload]
    except (TypeError, ValueError):
        size = -1
    if not p.valid_chunk_size(size):
        log.warning("setting evidence_chunk_kb=%r ignored: not a power of two from %d to %d",
                    value, p.MIN_CHUNK_SIZE // p.KIB, p.CHUNK_SIZE // p.KIB)
        return None
    return size


class Uploader:
    """`chunk_size` fixes the size asked for new uploads (the setting); otherwise the uploader
    measures: `slow` (carried over between syncs by the engine) becomes true when a full chunk
    took longer than SLOW_CHUNK_S, scaled to a 256 KiB chunk, and false again when one is quick."""

    def __init__(self, client: SyncClient, store: Store,
                 sources: Iterable[Source] | None = None, *, chunk_size: int | None = None,
                 slow: bool = False, clock: Callable[[], float] = time.monotonic) -> None:
        self.client = client
        self.store = store
        self.sources = list(_sources if sources is None else sources)
        self.fixed_chunk_size = chunk_size
        self.slow = slow
        self.clock = clock

    def chunk_size(self) -> int:
        """The chunk size to ask for when a new upload begins."""
        if self.fixed_chunk_size is not None:
            return self.fixed_chunk_size
        return SLOW_LINK_CHUNK_SIZE if self.slow else p.CHUNK_SIZE

    def _init(self, item: EvidenceFile) -> p.UploadStatus:
        return self.client.upload_init(p.UploadInit(
            sha256=item.sha256, size=item.size, media_type=item.media_type,
            chunk_size=self.chunk_size()))

    def _send(self, item: EvidenceFile, offset: int, data: bytes, step: int) -> None:
        started = self.clock()
        try:
            self.client.upload_chunk(item.sha256, offset, data)
        except Exception:
            if self.clock() - started > SLOW_CHUNK_S:     # gave up after a long wait: slow too
                self.slow = True
            raise
        if len(data) == step:        # a short last chunk says little about the link
            per_full_chunk = (self.clock() - started) * p.CHUNK_SIZE / step
            self.slow = per_full_chunk > SLOW_CHUNK_S

    def waiting(self) -> list[EvidenceFile]:
        with self.store.read() as session:
            done = set(session.scalars(select(UploadedEvidence.sha256)))
            files: dict[str, EvidenceFile] = {}
            for source in self.sources:
                for item in source(session):
                    if item.sha256 not in done:
                        files.setdefault(item.sha256, item)
        return list(files.values())

    def run(self, progress: Progress = no_progress) -> EvidenceReport:
        report = EvidenceReport()
        files = self.waiting()
        total = sum(f.size for f in files) or 1
        done = 0
        for item in files:
            self.upload(item, report, lambda n: progress(done + n, total))
            done += item.size
        return report

    def upload(self, item: EvidenceFile, report: EvidenceReport | None = None,
               progress: Callable[[int], None] = lambda _n: None) -> bool:
        """Send what the server lacks; True once the server confirmed the whole file."""
        report = report or EvidenceReport()
        status = self._init(item)
        for _attempt in range(2):          # a hash mismatch discards everything once
            if not status.complete:
                have = set(status.received)
                step = status.chunk_size or p.CHUNK_SIZE
                offsets = range(0, item.size, step) if item.size else [0]
                for offset in offsets:
                    if offset in have:
                        continue
                    data = item.read(offset, min(step, item.size - offset))
                    self._send(item, offset, data, step)
                    report.chunks_sent += 1
                    report.bytes_sent += len(data)
                    progress(offset + len(data))
                try:
                    status = self.client.upload_complete(item.sha256)
                except SyncFailed as exc:
                    log.warning("evidence %s not confirmed: %s", item.sha256[:12], exc)
                    status = self._init(item)
                    continue
            if status.complete:
                self._confirm(item)
                report.uploaded += 1
                return True
        report.failed.append(item.sha256)
        return False

    def _confirm(self, item: EvidenceFile) -> None:
        actor = Actor(user="sync", squad_id="", device_id=self.client.device_id or "")
        with self.store.write(actor, "sync.evidence", origin="sync") as session:
            if session.get(UploadedEvidence, item.sha256) is None:
                session.add(UploadedEvidence(sha256=item.sha256, size=item.size,
                                             confirmed_at=utc_now()))


class _PlainReader:
    """Sequential plaintext reads of one evidence file (decrypted when encrypted at rest); the
    uploader asks for increasing offsets, so the file is decrypted once, a chunk at a time."""

    def __init__(self, path, cipher_factory) -> None:  # noqa: ANN001
        self.path = path
        self.cipher_factory = cipher_factory
        self._iter = None
        self._pos = 0            # plaintext offset of self._buf[0]
        self._buf = b""

    def _restart(self) -> None:
        from app.security.evidence_crypto import is_encrypted  # noqa: PLC0415

        if is_encrypted(self.path):
            self._iter = self.cipher_factory().iter_decrypt(self.path)
        else:
            def plain():  # noqa: ANN202
                with open(self.path, "rb") as fh:
                    yield from iter(lambda: fh.read(1 << 20), b"")
            self._iter = plain()
        self._pos, self._buf = 0, b""

    def __call__(self, offset: int, length: int) -> bytes:
        if self._iter is None or offset < self._pos:
            self._restart()
        while self._pos + len(self._buf) < offset + length:
            chunk = next(self._iter, None)
            if chunk is None:
                break
            self._buf += chunk
            if self._pos + len(self._buf) - offset > 4 * length and offset > self._pos:
                drop = offset - self._pos
                self._buf, self._pos = self._buf[drop:], offset
        start = offset - self._pos
        data = self._buf[start:start + length]
        if start > 0:
            self._buf, self._pos = self._buf[start:], offset
        return data


def data_folder_source(paths) -> Source:  # noqa: ANN001
    """Evidence rows of the case files, read from the data folder's evidence store."""
    from app.cases.evidence import evidence_path  # noqa: PLC0415

    cipher: list = []

    def cipher_factory():  # noqa: ANN202
        if not cipher:
            from app.security.evidence_crypto import evidence_cipher  # noqa: PLC0415

            cipher.append(evidence_cipher(paths))
        return cipher[0]

    def source(session: Session) -> Iterable[EvidenceFile]:
        from app.db.models.cases import Evidence  # noqa: PLC0415

        rows = session.execute(select(Evidence.sha256, Evidence.size, Evidence.mime)
                               .where(Evidence.deleted.is_(False)).distinct()).all()
        for sha, size, mime in rows:
            path = evidence_path(paths.evidence, sha)
            if path.exists():
                yield EvidenceFile(sha, size, _PlainReader(path, cipher_factory),
                                   mime or "application/octet-stream")

    return source
