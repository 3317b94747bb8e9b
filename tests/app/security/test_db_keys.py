"""Encryption at rest: the database needs its key, and no personal data is readable on disk."""

from __future__ import annotations

import sqlite3
from pathlib import Path

import pytest
from sqlalchemy import text

from app import credentials
from app.db.engine import checkpoint
from app.db.migrate import upgrade_to_head
from app.db.models import Squad
from app.errors import StoreError
from app.paths import AppPaths
from app.security.evidence_crypto import evidence_cipher
from app.security.keys import database_key, database_key_name, open_store

ID_NUMBER = "11010519491231002X"
PARTY = "欧阳娜娜测试当事人"


def _fresh_store(tmp_path: Path):
    paths = AppPaths.in_folder(tmp_path / "data")
    store = open_store(paths)
    upgrade_to_head(store.engine, paths.database, paths.backups)
    return paths, store


def _scan(folder: Path, needles: list[bytes]) -> list[str]:
    found = []
    for file in folder.rglob("*"):
        if file.is_file():
            blob = file.read_bytes()
            found += [f"{file.name}:{n!r}" for n in needles if n in blob]
    return found


def test_database_file_does_not_open_without_the_key(secret_service, tmp_path, actor):
    paths, store = _fresh_store(tmp_path)
    with store.write(actor, "squad.create") as s:
        s.add(Squad(name="怀远中队", issuing_authority="崇州市综合行政执法局"))
    checkpoint(store.engine)
    store.dispose()
    with pytest.raises(sqlite3.DatabaseError, match="file is not a database"):
        sqlite3.connect(paths.database).execute("SELECT * FROM sqlite_master").fetchall()
    reopened = open_store(paths)  # the key comes back from the keyring
    with reopened.read() as s:
        assert s.query(Squad).one().name == "怀远中队"
    reopened.dispose()


def test_no_id_number_or_party_name_is_readable_anywhere_in_the_data_folder(
    secret_service, tmp_path, actor
):
    paths, store = _fresh_store(tmp_path)
    # Squad is the synced table every build has; the strings stand for a party and an ID number.
    with store.write(actor, "squad.create", summary=f"当事人 {PARTY} {ID_NUMBER}") as s:
        s.add(Squad(name=PARTY, township=ID_NUMBER, issuing_authority="崇州市综合行政执法局"))
    cipher = evidence_cipher(paths)
    digest = cipher.encrypt_to(paths.evidence / "scan", f"身份证 {ID_NUMBER} {PARTY}".encode())
    needles = [ID_NUMBER.encode(), PARTY.encode(), PARTY.encode("utf-16-le"), ID_NUMBER[:14].encode()]
    assert _scan(paths.root, needles) == []  # in the WAL, before a checkpoint
    checkpoint(store.engine)
    store.dispose()
    assert _scan(paths.root, needles) == []
    assert cipher.verify(paths.evidence / "scan", digest)


def test_key_lives_in_the_keyring_and_differs_per_data_folder(secret_service, tmp_path):
    a = AppPaths.in_folder(tmp_path / "a")
    b = AppPaths.in_folder(tmp_path / "b")
    assert database_key(a) != database_key(b)
    assert credentials.get_secret(database_key_name(a)) == database_key(a).hex()
    assert database_key_name(a) != database_key_name(b)
    assert str(tmp_path) not in database_key_name(a)


def test_existing_database_without_its_key_is_refused_not_rekeyed(secret_service, tmp_path, actor):
    paths, store = _fresh_store(tmp_path)
    store.dispose()
    before = paths.database.read_bytes()
    credentials.delete_secret(database_key_name(paths))
    with pytest.raises(StoreError, match="找不到本数据文件夹的数据库密钥"):
        open_store(paths)
    assert paths.database.read_bytes() == before
    assert credentials.get_secret(database_key_name(paths)) is None


def test_wrong_key_gives_a_clear_chinese_error(secret_service, tmp_path):
    paths, store = _fresh_store(tmp_path)
    store.dispose()
    credentials.set_secret(database_key_name(paths), "ab" * 32)
    with pytest.raises(StoreError, match="数据库文件无法读取"):
        open_store(paths)


def test_a_plaintext_database_from_an_early_build_is_encrypted_in_place(
    secret_service, tmp_path, migrated_template, actor
):
    paths = AppPaths.in_folder(tmp_path / "data").ensure()
    paths.database.write_bytes(migrated_template.read_bytes())
    stray = paths.backups / "pre-migration-20261101T000000Z-squaddesk.db"
    stray.write_bytes(migrated_template.read_bytes())  # a copy made before encryption existed
    store = open_store(paths)
    with store.write(actor, "squad.create") as s:
        s.add(Squad(name="怀远中队", issuing_authority="局"))
    with store.read() as s:
        assert s.execute(text("SELECT count(*) FROM alembic_version")).scalar_one() == 1
    store.dispose()
    assert not paths.database.read_bytes().startswith(b"SQLite format 3")
    assert not stray.read_bytes().startswith(b"SQLite format 3")


def test_evidence_key_is_made_for_plain_evidence_but_never_remade_for_encrypted(secret_service, tmp_path):
    from app.security.keys import evidence_key, evidence_key_name

    paths = AppPaths.in_folder(tmp_path / "data").ensure()
    (paths.evidence / "ab").mkdir()
    (paths.evidence / "ab" / "plain").write_bytes(b"plain photo from an early build")
    key = evidence_key(paths)
    evidence_cipher(paths).encrypt_to(paths.evidence / "ab" / "enc", b"secret")
    assert evidence_key(paths) == key
    credentials.delete_secret(evidence_key_name(paths))
    with pytest.raises(StoreError, match="证据文件密钥"):
        evidence_key(paths)
