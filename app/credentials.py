"""Secrets (database key, evidence key, device token) live in the OS keyring, and only here.

Every secret squaddesk holds goes through `get_secret`, `set_secret` and `delete_secret`; nothing
else imports `keyring`. A keyring that would keep secrets in plaintext (keyrings.alt's file
backends), that does nothing (`null`) or that always fails (`fail`, or a chainer with no usable
backend) is refused with `StoreError`: a stolen PC must not hand over the key next to the data.

Secret values never reach a log line or an exception message; only the secret's *name* does.
"""

from __future__ import annotations

import logging

import keyring
from keyring.backend import KeyringBackend
from keyring.errors import KeyringError, PasswordDeleteError

from app.errors import StoreError

log = logging.getLogger(__name__)

SERVICE = "squaddesk"

UNAVAILABLE_MESSAGE = (
    "系统密钥环不可用（当前为“{backend}”），为保护数据，不会以明文保存密钥。"
    "请在 Windows 上使用本机账户登录；在 Linux 上请安装并解锁 GNOME 密钥环（Secret Service）后再启动 squaddesk。"
)
FAILED_MESSAGE = (
    "读取系统密钥环失败（{name}）。请确认已登录本机账户且密钥环已解锁，然后重试；"
    "如仍失败，请联系县局技术人员。"
)

# Backends that keep secrets readable on disk, keep nothing, or never work.
_INSECURE_MODULES = ("keyring.backends.fail", "keyring.backends.null", "keyrings.alt")
_INSECURE_NAMES = ("plaintext", "null", "fail", "uncrypted", "unencrypted")


def _is_secure(backend: KeyringBackend) -> bool:
    cls = type(backend)
    module = cls.__module__
    name = cls.__name__.lower()
    if module.startswith(_INSECURE_MODULES) or any(word in name for word in _INSECURE_NAMES):
        return False
    if module == "keyring.backends.chainer":
        members = getattr(backend, "backends", [])
        return any(_is_secure(member) for member in members)
    try:
        return float(cls.priority) > 0  # type: ignore[arg-type]
    except Exception:  # noqa: BLE001 - a backend that cannot say whether it works is not usable
        return False


def backend_description(backend: KeyringBackend | None = None) -> str:
    backend = backend or keyring.get_keyring()
    return f"{type(backend).__module__}.{type(backend).__name__}"


def secure_backend() -> KeyringBackend:
    """The active keyring backend, or StoreError when it would not keep secrets safe."""
    backend = keyring.get_keyring()
    if not _is_secure(backend):
        raise StoreError(UNAVAILABLE_MESSAGE.format(backend=backend_description(backend)))
    return backend


def get_secret(name: str) -> str | None:
    """The secret stored under `name`, or None when there is none yet."""
    backend = secure_backend()
    try:
        return backend.get_password(SERVICE, name)
    except KeyringError as exc:
        log.error("keyring read of %s failed: %s", name, type(exc).__name__)
        raise StoreError(FAILED_MESSAGE.format(name=name)) from None


def set_secret(name: str, value: str) -> None:
    """Store `value` under `name`, replacing any previous value."""
    if not value:
        raise ValueError("refusing to store an empty secret")
    backend = secure_backend()
    try:
        backend.set_password(SERVICE, name, value)
    except KeyringError as exc:
        log.error("keyring write of %s failed: %s", name, type(exc).__name__)
        raise StoreError(FAILED_MESSAGE.format(name=name)) from None
    log.info("secret %s stored in %s", name, backend_description(backend))


def delete_secret(name: str) -> None:
    """Forget the secret `name`; forgetting one that does not exist is not an error."""
    backend = secure_backend()
    try:
        backend.delete_password(SERVICE, name)
    except PasswordDeleteError:
        return
    except KeyringError as exc:
        log.error("keyring delete of %s failed: %s", name, type(exc).__name__)
        raise StoreError(FAILED_MESSAGE.format(name=name)) from None
    log.info("secret %s deleted", name)


# The names STYLE.md uses for the sync client's device token.
get_token = get_secret
set_token = set_secret
delete_token = delete_secret
