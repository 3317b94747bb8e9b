"""Evidence files at rest: AES-GCM in authenticated chunks, addressed by the plaintext's SHA-256."""

from __future__ import annotations

import hashlib
import io
import os

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from app.errors import Invalid
from app.security.evidence_crypto import HEADER, TAG_BYTES, EvidenceCipher, parse_header

KEY = bytes(range(32))


def test_round_trip_streams_and_returns_the_plaintext_address(tmp_path):
    data = os.urandom(3 * 1024 * 1024 + 17)
    cipher = EvidenceCipher(KEY)
    target = tmp_path / "photo"
    digest = cipher.encrypt_to(target, io.BytesIO(data))
    assert digest == hashlib.sha256(data).hexdigest()
    assert cipher.decrypt(target) == data
    assert [len(c) for c in cipher.iter_decrypt(target)] == [1 << 20] * 3 + [17]
    out = io.BytesIO()
    assert cipher.decrypt_to(target, out) == digest and out.getvalue() == data
    assert cipher.verify(target, digest)
    assert not list(tmp_path.glob(".*partial"))


def test_a_path_source_and_an_empty_file_work(tmp_path):
    source = tmp_path / "scan.jpg"
    source.write_bytes(b"")
    cipher = EvidenceCipher(KEY)
    assert cipher.encrypt_to(tmp_path / "enc", source) == hashlib.sha256(b"").hexdigest()
    assert cipher.decrypt(tmp_path / "enc") == b""


def test_wrong_key_is_refused_in_chinese(tmp_path):
    EvidenceCipher(KEY).encrypt_to(tmp_path / "e", b"x" * 100)
    with pytest.raises(Invalid, match="校验失败"):
        EvidenceCipher(bytes(32)).decrypt(tmp_path / "e")


def test_a_file_that_is_not_evidence_is_named_as_such(tmp_path):
    (tmp_path / "plain.jpg").write_bytes(b"\xff\xd8\xff\xe0 not encrypted at all")
    with pytest.raises(Invalid, match="不是 squaddesk 加密的证据文件"):
        EvidenceCipher(KEY).decrypt(tmp_path / "plain.jpg")


def _encrypted(data: bytes, chunk: int) -> bytes:
    out = io.BytesIO()
    assert EvidenceCipher(KEY, chunk_size=chunk).encrypt_stream(data, out) == hashlib.sha256(data).hexdigest()
    return out.getvalue()


def _decrypts(blob: bytes) -> bytes:
    return b"".join(EvidenceCipher(KEY).iter_decrypt_stream(io.BytesIO(blob)))


@settings(max_examples=150, deadline=None)
@given(st.binary(max_size=600), st.integers(1, 64))
def test_any_content_round_trips(data, chunk):
    assert _decrypts(_encrypted(data, chunk)) == data


@settings(max_examples=200, deadline=None)
@given(st.binary(min_size=1, max_size=300), st.integers(1, 64), st.data())
def test_any_flipped_bit_is_detected(data, chunk, draw):
    blob = bytearray(_encrypted(data, chunk))
    position = draw.draw(st.integers(0, len(blob) - 1))
    blob[position] ^= 1 << draw.draw(st.integers(0, 7))
    with pytest.raises(Invalid):
        _decrypts(bytes(blob))


@settings(max_examples=200, deadline=None)
@given(st.binary(min_size=1, max_size=300), st.integers(1, 64), st.data())
def test_truncation_and_appending_are_detected(data, chunk, draw):
    blob = _encrypted(data, chunk)
    cut = draw.draw(st.integers(0, len(blob) - 1))
    with pytest.raises(Invalid):
        _decrypts(blob[:cut])
    with pytest.raises(Invalid):
        _decrypts(blob + draw.draw(st.binary(min_size=1, max_size=chunk + TAG_BYTES + 1)))


def test_swapping_two_chunks_is_detected():
    blob = _encrypted(b"a" * 10 + b"b" * 10 + b"c" * 5, 10)
    head, step = HEADER.size, 10 + TAG_BYTES
    first, second = blob[head:head + step], blob[head + step:head + 2 * step]
    swapped = blob[:head] + second + first + blob[head + 2 * step:]
    with pytest.raises(Invalid):
        _decrypts(swapped)


@settings(max_examples=300, deadline=None)
@given(st.binary(max_size=40))
def test_header_parser_accepts_only_its_own_headers(raw):
    try:
        header = parse_header(raw)
    except Invalid:
        return
    assert header.pack() == raw


def test_plain_evidence_from_before_encryption_is_encrypted_in_place(tmp_path):
    from app.security.evidence_crypto import encrypt_plain_files, is_encrypted

    root = tmp_path / "evidence"
    data = b"scan of an ID card" * 1000
    sha = hashlib.sha256(data).hexdigest()
    (root / sha[:2]).mkdir(parents=True)
    (root / sha[:2] / sha).write_bytes(data)
    tampered = "0" * 64
    (root / "00").mkdir()
    (root / "00" / tampered).write_bytes(b"does not match its name")
    cipher = EvidenceCipher(KEY)
    assert encrypt_plain_files(root, cipher) == 1
    assert is_encrypted(root / sha[:2] / sha) and cipher.verify(root / sha[:2] / sha, sha)
    assert not is_encrypted(root / "00" / tampered)
    assert encrypt_plain_files(root, cipher) == 0


def test_a_full_disk_leaves_no_partial_file_and_says_so(tmp_path, monkeypatch):
    import errno

    from app.errors import StoreError

    def full(_fd):  # noqa: ANN001
        raise OSError(errno.ENOSPC, "No space left on device")

    monkeypatch.setattr(os, "fsync", full)
    with pytest.raises(StoreError, match="磁盘空间已满"):
        EvidenceCipher(KEY).encrypt_to(tmp_path / "photo", b"x" * 5000)
    assert list(tmp_path.iterdir()) == []
