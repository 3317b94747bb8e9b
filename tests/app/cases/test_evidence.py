"""Evidence stored once by SHA-256, never modified; verify_evidence finds missing/altered files."""

from __future__ import annotations

import hashlib

import pytest

from app.cases.evidence import add_evidence, evidence_path, verify_evidence
from app.errors import Invalid
from app.security.evidence_crypto import EvidenceCipher
from tests.app.cases.helpers import new_lead


@pytest.fixture
def photo(tmp_path):
    path = tmp_path / "现场照片1.jpg"
    path.write_bytes(b"\xff\xd8 a photo of the street" * 100)
    return path


def test_evidence_is_stored_under_its_sha256_and_registered(store, env, clerk, photo, tmp_path):
    root = tmp_path / "evidence"
    cid = new_lead(store, clerk, env)
    with store.write(clerk, "case.evidence") as s:
        view = add_evidence(s, clerk, cid, photo, root=root, evidence_type="视听资料", device="DSJ-01")
    sha = hashlib.sha256(photo.read_bytes()).hexdigest()
    assert view.sha256 == sha and view.mime == "image/jpeg" and view.size == photo.stat().st_size
    assert evidence_path(root, sha).read_bytes() == photo.read_bytes()
    assert not [p for p in root.rglob("*") if p.name.endswith(".partial")]


def test_same_content_is_stored_once_but_refused_twice_in_one_case(store, env, clerk, photo, tmp_path):
    root = tmp_path / "evidence"
    first = new_lead(store, clerk, env)
    second = new_lead(store, clerk, env)
    copy = tmp_path / "copy.jpg"
    copy.write_bytes(photo.read_bytes())
    with store.write(clerk, "case.evidence") as s:
        add_evidence(s, clerk, first, photo, root=root, evidence_type="视听资料")
        add_evidence(s, clerk, second, copy, root=root, evidence_type="视听资料")
    assert len([p for p in root.rglob("*") if p.is_file()]) == 1
    with pytest.raises(Invalid, match="已作为证据"):
        with store.write(clerk, "case.evidence") as s:
            add_evidence(s, clerk, first, copy, root=root, evidence_type="视听资料")


def test_unknown_evidence_type_is_refused(store, env, clerk, photo, tmp_path):
    cid = new_lead(store, clerk, env)
    with pytest.raises(Invalid, match="第四十六条"):
        with store.write(clerk, "case.evidence") as s:
            add_evidence(s, clerk, cid, photo, root=tmp_path, evidence_type="照片")


def test_verify_finds_missing_and_altered_files(store, env, clerk, photo, tmp_path):
    root = tmp_path / "evidence"
    cid = new_lead(store, clerk, env)
    other = tmp_path / "询问笔录.pdf"
    other.write_bytes(b"%PDF record")
    with store.write(clerk, "case.evidence") as s:
        a = add_evidence(s, clerk, cid, photo, root=root, evidence_type="视听资料")
        b = add_evidence(s, clerk, cid, other, root=root, evidence_type="当事人的陈述")
    with store.read() as s:
        assert verify_evidence(s, root) == []
    evidence_path(root, a.sha256).write_bytes(b"tampered")
    evidence_path(root, b.sha256).unlink()
    with store.read() as s:
        problems = {p.file_name: p.problem for p in verify_evidence(s, root)}
    assert problems == {"现场照片1.jpg": "altered", "询问笔录.pdf": "missing"}


def test_encrypted_store_keeps_the_plaintext_address_and_verifies(store, env, clerk, photo, tmp_path):
    root = tmp_path / "evidence"
    cipher = EvidenceCipher(b"k" * 32)
    cid = new_lead(store, clerk, env)
    with store.write(clerk, "case.evidence") as s:
        view = add_evidence(s, clerk, cid, photo, root=root, evidence_type="视听资料", cipher=cipher)
    stored = evidence_path(root, view.sha256)
    assert stored.read_bytes() != photo.read_bytes()
    assert cipher.decrypt(stored) == photo.read_bytes()
    with store.read() as s:
        assert verify_evidence(s, root, cipher=cipher) == []
