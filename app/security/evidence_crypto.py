"""Evidence files (photos, video, scans) encrypted at rest with AES-256-GCM, in chunks.

The content address stays the SHA-256 of the *plaintext*, computed while encrypting, so dedup and
verification work exactly as before; only the bytes on disk change.

File format (all integers big-endian):

    magic  b"SQDE"  | version 1 (1 byte) | chunk size (4 bytes) | nonce prefix (7 bytes)
    then chunks:  AES-GCM(ciphertext || 16-byte tag) of up to `chunk size` plaintext bytes

Chunk i uses nonce = prefix || i (4 bytes) || final-flag (1 byte), and the 16-byte header as
associated data (the STREAM construction). So a chunk cannot be altered, reordered, dropped,
moved to another file, and the file cannot be cut short after a chunk boundary: the last chunk is
marked final and decryption demands it. A file is written to a temporary name, fsynced and then
renamed, so a crash never leaves a half-written evidence file under its real name.

`EvidenceCipher(key)` holds the 32-byte key (`app.security.keys.evidence_key(paths)`); the evidence
store calls `encrypt_to(path, data)` and `decrypt(path)` / `iter_decrypt(path)`.
"""

from __future__ import annotations

import errno
import hashlib
import io
import os
import struct
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path
from typing import BinaryIO

from cryptography.exceptions import InvalidTag
from cryptography.hazmat.primitives.ciphers.aead import AESGCM

from app.db.fsutil import fsync_dir, remove_quietly
from app.errors import Invalid, StoreError

MAGIC = b"SQDE"
VERSION = 1
CHUNK_SIZE = 1 << 20  # 1 MiB: a photo is a few chunks; memory stays flat for video
PREFIX_BYTES = 7
TAG_BYTES = 16
HEADER = struct.Struct(">4sBI7s")
MAX_CHUNK = 1 << 26
MAX_CHUNKS = 1 << 32

TAMPERED = "证据文件“{name}”校验失败：文件已被改动、截断或损坏，不能作为证据使用。请从备份或县局服务器重新取回。"
DISK_FULL_EVIDENCE = "磁盘空间已满，证据文件没有保存（已保存的文件和数据不受影响）。请清理磁盘后重新添加该证据。"
NOT_EVIDENCE = "“{name}”不是 squaddesk 加密的证据文件（文件头不符）。"


@dataclass(frozen=True)
class Header:
    version: int
    chunk_size: int
    prefix: bytes

    def pack(self) -> bytes:
        return HEADER.pack(MAGIC, self.version, self.chunk_size, self.prefix)


def parse_header(raw: bytes, *, name: str = "") -> Header:
    """Header of an evidence file; Invalid when the bytes are not one this build can read."""
    if len(raw) != HEADER.size:
        raise Invalid(NOT_EVIDENCE.format(name=name))
    magic, version, chunk_size, prefix = HEADER.unpack(raw)
    if magic != MAGIC or version != VERSION or not 0 < chunk_size <= MAX_CHUNK:
        raise Invalid(NOT_EVIDENCE.format(name=name))
    return Header(version, chunk_size, prefix)


def _nonce(prefix: bytes, index: int, final: bool) -> bytes:
    if index >= MAX_CHUNKS:
        raise Invalid("证据文件过大，超出单个文件的加密上限。")
    return prefix + struct.pack(">IB", index, 1 if final else 0)


def _chunks(data: bytes | BinaryIO | Path, size: int) -> Iterator[bytes]:
    if isinstance(data, (bytes, bytearray, memoryview)):
        stream: BinaryIO = io.BytesIO(bytes(data))
        close = False
    elif isinstance(data, Path):
        stream = open(data, "rb")
        close = True
    else:
        stream, close = data, False
    try:
        while True:
            block = stream.read(size)
            if not block:
                return
            yield block
    finally:
        if close:
            stream.close()


class EvidenceCipher:
    """Encrypts and decrypts evidence files with one 32-byte key. Safe to share across threads."""

    def __init__(self, key: bytes, *, chunk_size: int = CHUNK_SIZE) -> None:
        if len(key) != 32:
            raise ValueError("evidence key must be 32 bytes")
        if not 0 < chunk_size <= MAX_CHUNK:
            raise ValueError("bad chunk size")
        self._aead = AESGCM(key)
        self._chunk_size = chunk_size

    def encrypt_stream(self, data: bytes | BinaryIO | Path, out: BinaryIO) -> str:
        """Write the encrypted form of `data` to the binary stream `out`; returns the plaintext's
        SHA-256 hex digest. Nothing is flushed or synced: see `encrypt_to` for files."""
        header = Header(VERSION, self._chunk_size, os.urandom(PREFIX_BYTES))
        aad = header.pack()
        digest = hashlib.sha256()
        out.write(aad)
        pending: bytes | None = None
        index = 0
        for block in _chunks(data, self._chunk_size):
            digest.update(block)
            if pending is not None:
                out.write(self._aead.encrypt(_nonce(header.prefix, index, False), pending, aad))
                index += 1
            pending = block
        # The last chunk (possibly empty, for an empty file) carries the final flag.
        out.write(self._aead.encrypt(_nonce(header.prefix, index, True), pending or b"", aad))
        return digest.hexdigest()

    def encrypt_to(self, path: Path, data: bytes | BinaryIO | Path) -> str:
        """Encrypt `data` (bytes, a binary stream read in chunks, or a file path) into `path`.

        Returns the SHA-256 hex digest of the plaintext (the content address). The file appears
        under `path` only once complete and flushed to disk.
        """
        path = Path(path)
        tmp = path.with_name(f".{path.name}.{os.getpid()}.partial")
        try:
            with open(tmp, "wb") as out:
                digest = self.encrypt_stream(data, out)
                out.flush()
                os.fsync(out.fileno())
            os.replace(tmp, path)
            fsync_dir(path.parent)
        except OSError as exc:
            remove_quietly(tmp)
            if exc.errno in (errno.ENOSPC, errno.EDQUOT):
                raise StoreError(DISK_FULL_EVIDENCE) from exc
            raise
        except BaseException:
            remove_quietly(tmp)
            raise
        return digest

    def iter_decrypt(self, path: Path) -> Iterator[bytes]:
        """Plaintext chunks of `path`, each authenticated before it is yielded.

        Raises Invalid (Chinese message) on any tampering, truncation or wrong key. A consumer that
        streams chunks onward must discard what it received if the iteration raises.
        """
        path = Path(path)
        with open(path, "rb") as fh:
            yield from self.iter_decrypt_stream(fh, name=path.name)

    def iter_decrypt_stream(self, fh: BinaryIO, *, name: str = "") -> Iterator[bytes]:
        """As `iter_decrypt`, reading the encrypted form from an open binary stream."""
        header = parse_header(fh.read(HEADER.size), name=name)
        aad = header.pack()
        step = header.chunk_size + TAG_BYTES
        index = 0
        block = fh.read(step)
        while True:
            following = fh.read(step)
            final = not following
            if len(block) < TAG_BYTES:
                raise Invalid(TAMPERED.format(name=name))
            try:
                plain = self._aead.decrypt(_nonce(header.prefix, index, final), block, aad)
            except InvalidTag:
                raise Invalid(TAMPERED.format(name=name)) from None
            yield plain
            if final:
                return
            block = following
            index += 1

    def decrypt(self, path: Path) -> bytes:
        """The whole plaintext of `path` (for photos and scans; stream video with iter_decrypt)."""
        return b"".join(self.iter_decrypt(path))

    def decrypt_to(self, path: Path, out: BinaryIO) -> str:
        """Stream the plaintext into `out`; returns its SHA-256 hex digest."""
        digest = hashlib.sha256()
        for chunk in self.iter_decrypt(path):
            digest.update(chunk)
            out.write(chunk)
        return digest.hexdigest()

    def verify(self, path: Path, expected_sha256: str) -> bool:
        """True when `path` decrypts intact and its plaintext hashes to `expected_sha256`."""
        digest = hashlib.sha256()
        try:
            for chunk in self.iter_decrypt(path):
                digest.update(chunk)
        except Invalid:
            return False
        return digest.hexdigest() == expected_sha256.lower()


def is_encrypted(path: Path) -> bool:
    with open(path, "rb") as fh:
        return fh.read(len(MAGIC)) == MAGIC


def encrypt_plain_files(root: Path, cipher: EvidenceCipher) -> int:
    """Encrypt, in place, evidence files stored before encryption was switched on.

    Each file is re-written through `encrypt_to` (temporary file, fsync, rename), so a crash leaves
    either the plain or the encrypted file, never half of one. A file named by a SHA-256 must hash
    to its name; one that does not is left alone and reported by the evidence check instead.
    Returns how many files were encrypted.
    """
    done = 0
    for file in sorted(Path(root).rglob("*")):
        if not file.is_file() or file.name.endswith(".partial") or is_encrypted(file):
            continue
        if len(file.name) == 64:
            digest = hashlib.sha256()
            with open(file, "rb") as fh:
                for block in iter(lambda: fh.read(CHUNK_SIZE), b""):
                    digest.update(block)
            if digest.hexdigest() != file.name:
                continue
        cipher.encrypt_to(file, file)
        done += 1
    return done


def evidence_cipher(paths) -> EvidenceCipher:  # noqa: ANN001
    """The cipher for a data folder, its key from the OS keyring (created on first use)."""
    from app.security.keys import evidence_key

    return EvidenceCipher(evidence_key(paths))
