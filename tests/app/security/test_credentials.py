"""Secrets go to a real Secret Service; insecure keyring backends are refused, never used."""

from __future__ import annotations

import logging

import keyring
import pytest
from keyring.backends import chainer, fail, null

from app import credentials
from app.errors import StoreError


def test_secret_round_trips_through_the_real_secret_service(secret_service):
    assert type(keyring.get_keyring()).__module__ == "keyring.backends.SecretService"
    credentials.set_secret("test:roundtrip", "s3cr3t-值")
    assert credentials.get_secret("test:roundtrip") == "s3cr3t-值"
    credentials.delete_secret("test:roundtrip")
    assert credentials.get_secret("test:roundtrip") is None
    credentials.delete_secret("test:roundtrip")  # forgetting twice is fine


def test_secret_values_never_reach_the_log(secret_service, caplog):
    caplog.set_level(logging.DEBUG)
    credentials.set_secret("test:log", "very-secret-value")
    credentials.get_secret("test:log")
    credentials.delete_secret("test:log")
    assert "very-secret-value" not in caplog.text


class _Plaintext(keyring.backend.KeyringBackend):
    priority = 1  # what keyrings.alt.file.PlaintextKeyring claims, too

    def get_password(self, service, username):  # noqa: ANN001
        return None

    def set_password(self, service, username, password):  # noqa: ANN001
        raise AssertionError("must never be called")

    def delete_password(self, service, username):  # noqa: ANN001
        pass


_Plaintext.__name__ = "PlaintextKeyring"


@pytest.mark.parametrize(
    "backend",
    [fail.Keyring(), null.Keyring(), _Plaintext(), chainer.ChainerBackend()],
    ids=["fail", "null", "plaintext", "empty-chainer"],
)
def test_insecure_backends_are_refused_with_a_chinese_reason(backend, monkeypatch):
    monkeypatch.setattr(keyring, "get_keyring", lambda: backend)
    if isinstance(backend, chainer.ChainerBackend):
        monkeypatch.setattr(chainer.ChainerBackend, "backends", [fail.Keyring()])
    for call in (lambda: credentials.get_secret("x"), lambda: credentials.set_secret("x", "v"),
                 lambda: credentials.delete_secret("x")):
        with pytest.raises(StoreError, match="系统密钥环不可用.*不会以明文保存密钥"):
            call()


def test_a_locked_or_broken_keyring_becomes_a_store_error(secret_service, monkeypatch):
    backend = keyring.get_keyring()

    def broken(*_args):  # noqa: ANN002
        raise keyring.errors.KeyringLocked("collection is locked")

    monkeypatch.setattr(type(backend), "get_password", broken)
    with pytest.raises(StoreError, match="读取系统密钥环失败"):
        credentials.get_secret("x")
