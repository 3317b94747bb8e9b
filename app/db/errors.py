"""Database failures a clerk can act on, in Chinese: full disk, locked file, corrupt file.

`translate_db_error(exc)` turns an SQLite/SQLCipher error (raw driver or SQLAlchemy-wrapped) into
a `StoreError` whose message says what happened, that nothing already saved was lost, and what to
do. `store_errors()` is the context manager around a transaction that does that translation; the
transaction itself has already been rolled back by the time the message is shown, so the failed
action left no half-written rows and the clerk can retry it.

Errors that are programming faults (IntegrityError, ProgrammingError) are not translated: they
propagate untouched, as STYLE.md asks.
"""

from __future__ import annotations

import sqlite3
from collections.abc import Iterator
from contextlib import contextmanager

import sqlcipher3.dbapi2 as sqlcipher
from sqlalchemy import exc as sa_exc

from app.errors import StoreError

DISK_FULL = (
    "磁盘空间已满，本次操作没有保存；之前已保存的数据完好无损。"
    "请清理磁盘（删除不需要的文件，至少留出 1 GB 空间）后再点一次保存。"
)
LOCKED = (
    "数据库正被另一个程序占用（可能是另一个 squaddesk 窗口或备份程序），本次操作没有保存；"
    "之前已保存的数据完好无损。请关闭其他 squaddesk 窗口，稍等片刻后重试。"
)
CORRUPT = (
    "数据库文件无法读取：文件已损坏，或不是用本机的密钥加密的。squaddesk 没有改动该文件。"
    "请在“数据安全”中从最近的备份恢复，或联系县局技术人员。"
)
IO_ERROR = (
    "读写磁盘时出错，本次操作没有保存。请检查硬盘或 U 盘是否正常连接，然后重试；"
    "如反复出现，请尽快备份并联系县局技术人员检查硬盘。"
)
READ_ONLY = "数据库文件是只读的，无法保存。请检查数据文件夹的权限（不要放在光盘或只读共享目录中）。"
CANNOT_OPEN = "无法打开数据库文件。请检查数据文件夹是否存在、磁盘是否连接、当前 Windows 账户是否有权限。"
GENERIC = "数据库操作失败（{detail}），本次操作没有保存；之前已保存的数据完好无损。请重试，如反复出现请联系县局技术人员。"

_RULES: tuple[tuple[tuple[str, ...], str], ...] = (
    (("disk is full", "database or disk is full", "no space left"), DISK_FULL),
    (("database is locked", "database is busy", "database table is locked"), LOCKED),
    (("file is not a database", "malformed", "file is encrypted", "not a database",
      "corrupt"), CORRUPT),
    (("disk i/o error",), IO_ERROR),
    (("readonly", "read-only"), READ_ONLY),
    (("unable to open database",), CANNOT_OPEN),
)

_DRIVER_ERRORS = (sqlite3.OperationalError, sqlite3.DatabaseError,
                  sqlcipher.OperationalError, sqlcipher.DatabaseError)
_NOT_OURS = (sqlite3.IntegrityError, sqlite3.ProgrammingError, sqlite3.InterfaceError,
             sqlcipher.IntegrityError, sqlcipher.ProgrammingError, sqlcipher.InterfaceError)


def _driver_error(exc: BaseException) -> BaseException:
    return exc.orig if isinstance(exc, sa_exc.DBAPIError) and exc.orig is not None else exc


def message_for(exc: BaseException) -> str | None:
    """The clerk's message for a recognised failure, or None if this is not one."""
    text = str(_driver_error(exc)).lower()
    for needles, message in _RULES:
        if any(needle in text for needle in needles):
            return message
    return None


def is_translatable(exc: BaseException) -> bool:
    orig = _driver_error(exc)
    if isinstance(orig, _NOT_OURS) or isinstance(exc, (sa_exc.IntegrityError, sa_exc.ProgrammingError)):
        return False
    return isinstance(orig, _DRIVER_ERRORS) or isinstance(exc, sa_exc.OperationalError)


def translate_db_error(exc: BaseException) -> StoreError:
    """A StoreError with a Chinese message for `exc`; the SQL text never appears in it."""
    message = message_for(exc)
    if message is None:
        detail = type(_driver_error(exc)).__name__
        message = GENERIC.format(detail=detail)
    error = StoreError(message)
    error.__cause__ = exc
    return error


@contextmanager
def store_errors() -> Iterator[None]:
    """Translate database failures raised inside the block into StoreError (chained)."""
    try:
        yield
    except (sa_exc.DBAPIError, *_DRIVER_ERRORS) as exc:
        if not is_translatable(exc):
            raise
        raise translate_db_error(exc) from exc
