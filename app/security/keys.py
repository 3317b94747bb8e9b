"""The database and evidence keys: random, made on first run, kept in the OS keyring only.

Each data folder has its own keys, named by a hash of the folder's absolute path (so two data
folders on one PC, e.g. a training copy, never share a key, and the path itself is not exposed as a
keyring label). The keys never touch the disk beside the data: a stolen hard disk holds only
ciphertext.

Trap: a database file that exists while its key is missing is *not* given a fresh key (that would
only make it unreadable twice); `database_key` raises StoreError instead and says what to do.
"""

from __future__ import annotations

import hashlib
import logging
import secrets

from sqlalchemy import text
from sqlalchemy.exc import DatabaseError

from app.credentials import get_secret, set_secret
from app.db.store import Store
from app.errors import StoreError
from app.paths import AppPaths

log = logging.getLogger(__name__)

KEY_BYTES = 32
SQLITE_PLAINTEXT_HEADER = b"SQLite format 3\x00"


def folder_tag(paths: AppPaths) -> str:
    return hashlib.sha256(str(paths.root).encode("utf-8")).hexdigest()[:24]


def database_key_name(paths: AppPaths) -> str:
    return f"db-key:{folder_tag(paths)}"


def evidence_key_name(paths: AppPaths) -> str:
    return f"evidence-key:{folder_tag(paths)}"


def _get_or_create(name: str, *, may_create: bool, what: str) -> bytes:
    stored = get_secret(name)
    if stored is not None:
        try:
            key = bytes.fromhex(stored)
        except ValueError:
            key = b""
        if len(key) != KEY_BYTES:
            raise StoreError(f"系统密钥环中保存的{what}已损坏，无法解密数据。请联系县局技术人员，用备份的密钥恢复。")
        return key
    if not may_create:
        raise StoreError(
            f"找不到本数据文件夹的{what}（系统密钥环中没有）。数据仍完好但无法解密："
            "请用原来的 Windows 账户登录本机，或联系县局技术人员恢复密钥。squaddesk 不会新建密钥覆盖它。"
        )
    key = secrets.token_bytes(KEY_BYTES)
    set_secret(name, key.hex())
    log.info("new %s created for data folder %s", name.split(":")[0], name.split(":")[1])
    return key


def is_plaintext_sqlite(path) -> bool:  # noqa: ANN001
    try:
        with open(path, "rb") as fh:
            return fh.read(16) == SQLITE_PLAINTEXT_HEADER
    except FileNotFoundError:
        return False


def database_key(paths: AppPaths) -> bytes:
    """The 32-byte SQLCipher key of this data folder; created if the database does not exist yet."""
    db = paths.database
    fresh = not db.exists() or db.stat().st_size == 0
    return _get_or_create(database_key_name(paths), may_create=fresh or is_plaintext_sqlite(db),
                          what="数据库密钥")


def _holds_encrypted_evidence(folder) -> bool:  # noqa: ANN001
    from app.security.evidence_crypto import MAGIC

    if not folder.exists():
        return False
    for file in folder.rglob("*"):
        if file.is_file() and not file.name.endswith(".partial"):
            with open(file, "rb") as fh:
                if fh.read(len(MAGIC)) == MAGIC:
                    return True
    return False


def evidence_key(paths: AppPaths) -> bytes:
    """The 32-byte evidence-file key; created unless encrypted evidence already exists (then a
    missing key is an error, not a reason to make a new one)."""
    fresh = not _holds_encrypted_evidence(paths.evidence)
    return _get_or_create(evidence_key_name(paths), may_create=fresh, what="证据文件密钥")


def encrypt_plaintext_database(path, key: bytes) -> None:  # noqa: ANN001
    """Convert an unencrypted database (made by an early build or a developer) in place.

    `sqlcipher_export` writes an encrypted copy next to it, which is checked and then renamed over
    the original, so a crash at any point leaves one complete database.
    """
    import os

    import sqlcipher3.dbapi2 as sqlcipher

    from app.db.fsutil import fsync_dir, remove_quietly

    tmp = path.with_name(path.name + ".encrypting")
    remove_quietly(tmp)
    conn = sqlcipher.connect(str(path))
    try:
        conn.execute("PRAGMA wal_checkpoint(TRUNCATE)")
        conn.execute(f"ATTACH DATABASE ? AS enc KEY \"x'{key.hex()}'\"", (str(tmp),))
        # The copy is a scratch file until verified, fsynced and renamed: no journal, no per-table
        # fsync (which made the export take seconds).
        conn.execute("PRAGMA enc.synchronous = OFF")
        conn.execute("PRAGMA enc.journal_mode = OFF")
        conn.execute("SELECT sqlcipher_export('enc')")
        version = conn.execute("PRAGMA user_version").fetchone()[0]
        conn.execute(f"PRAGMA enc.user_version = {int(version)}")
        conn.execute("DETACH DATABASE enc")
    finally:
        conn.close()
    check = sqlcipher.connect(str(tmp))
    try:
        check.execute(f"PRAGMA key = \"x'{key.hex()}'\"")
        if check.execute("PRAGMA integrity_check").fetchone()[0] != "ok":
            raise StoreError("数据库加密转换后校验失败，原文件未改动。请联系县局技术人员。")
    finally:
        check.close()
    with open(tmp, "rb+") as fh:
        os.fsync(fh.fileno())
    for suffix in ("-wal", "-shm"):
        remove_quietly(path.with_name(path.name + suffix))
    os.replace(tmp, path)
    fsync_dir(path.parent)
    log.info("plaintext database %s encrypted in place", path.name)


def encrypt_stray_copies(paths: AppPaths, key: bytes) -> int:
    """Encrypt plaintext SQLite copies left in the backups folder (e.g. pre-migration copies made
    before encryption was switched on), in place. Returns how many were encrypted."""
    done = 0
    if paths.backups.exists():
        for file in sorted(paths.backups.iterdir()):
            if file.is_file() and file.suffix == ".db" and is_plaintext_sqlite(file):
                encrypt_plaintext_database(file, key)
                done += 1
    return done


def prepare_database(paths: AppPaths) -> bytes:
    """Everything before the engine is made: the key (created on first run), a plaintext database
    from an early build encrypted in place, plaintext copies in the backups folder encrypted.
    Returns the key for `make_engine(paths.database, key=…)`."""
    paths.ensure()
    key = database_key(paths)
    if is_plaintext_sqlite(paths.database):
        encrypt_plaintext_database(paths.database, key)
    encrypt_stray_copies(paths, key)
    return key


def open_store(paths: AppPaths) -> Store:
    """Open this data folder's encrypted store (creating the key on first run).

    Raises StoreError when the keyring is unusable, the key is missing, or the key does not open
    the file. Does not migrate: call `app.db.migrate.upgrade_to_head` (after a backup) next.
    """
    key = prepare_database(paths)
    store = Store.open(paths.database, key=key)
    try:
        with store.engine.connect() as conn:
            conn.execute(text("SELECT count(*) FROM sqlite_master")).scalar_one()
    except DatabaseError as exc:
        store.dispose()
        from app.db.errors import translate_db_error

        raise translate_db_error(exc) from exc
    return store
