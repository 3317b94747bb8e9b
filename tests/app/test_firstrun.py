"""First run without Qt: what the clerk typed is checked before anything is sent, the CA file is
kept in the data folder, and each way enrollment can fail is worded for the clerk."""

from __future__ import annotations

import socket
import threading

import pytest
import requests

from app.errors import Invalid, SyncFailed, SyncFailure
from app.firstrun import (
    KEPT_CA_NAME,
    NO_SUCH_HOST,
    REFUSED,
    TIMED_OUT,
    UNTRUSTED,
    WRONG_CODE,
    check_ca_file,
    check_code,
    explain_enrollment_failure,
    keep_ca_file,
    normalise_server_url,
)
from app.paths import AppPaths
from app.sync.client import SyncClient
from app.versioning import ClientTooOld

PEM = b"-----BEGIN CERTIFICATE-----\nMIIB\n-----END CERTIFICATE-----\n"


@pytest.mark.parametrize(("typed", "url"), [
    ("county.example:8443", "https://county.example:8443"),
    (" https://county.example:8443/ ", "https://county.example:8443"),
    ("http://10.1.2.3:8000", "http://10.1.2.3:8000"),
])
def test_server_addresses_are_normalised(typed: str, url: str):
    assert normalise_server_url(typed) == url


@pytest.mark.parametrize("typed", ["", "ftp://county.example", "https://", "county example",
                                   "https://county.example:99999", "https://county.example:port"])
def test_server_addresses_that_cannot_be_are_refused(typed: str):
    with pytest.raises(Invalid):
        normalise_server_url(typed)


def test_codes_must_be_there_and_long_enough():
    assert check_code(" abcd-efgh-jklm ") == "abcd-efgh-jklm"
    with pytest.raises(Invalid, match="请填写"):
        check_code("  ")
    with pytest.raises(Invalid, match="不完整"):
        check_code("A-B")


def test_ca_file_must_be_a_pem_certificate(tmp_path):
    assert check_ca_file("") is None
    with pytest.raises(Invalid, match="找不到"):
        check_ca_file(str(tmp_path / "missing.pem"))
    key = tmp_path / "server.key"
    key.write_bytes(b"-----BEGIN PRIVATE KEY-----\n")
    with pytest.raises(Invalid, match="不是 PEM 格式"):
        check_ca_file(str(key))
    good = tmp_path / "ca.crt"
    good.write_bytes(PEM)
    assert check_ca_file(str(good)) == str(good)


def test_the_ca_file_is_kept_in_the_data_folder(tmp_path):
    usb = tmp_path / "usb" / "ca.pem"
    usb.parent.mkdir()
    usb.write_bytes(PEM)
    paths = AppPaths.in_folder(tmp_path / "data").ensure()
    kept = keep_ca_file(paths, str(usb))
    assert kept == str(paths.root / KEPT_CA_NAME)
    usb.unlink()                                    # the stick is pulled out
    assert (paths.root / KEPT_CA_NAME).read_bytes() == PEM
    assert keep_ca_file(paths, kept) == kept        # choosing the kept copy again is fine
    assert keep_ca_file(paths, None) is None


def _failure(url: str, **client) -> SyncFailed:  # noqa: ANN003
    with SyncClient(url, retries=0, **client) as sync, pytest.raises(SyncFailed) as caught:
        sync.info()
    return caught.value


def test_a_name_that_does_not_resolve_is_explained():
    exc = _failure("https://no-such-county.invalid")
    assert explain_enrollment_failure(exc, "https://no-such-county.invalid") == \
        NO_SUCH_HOST.format(host="no-such-county.invalid")


def test_a_closed_port_is_explained():
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        port = probe.getsockname()[1]
    url = f"http://127.0.0.1:{port}"
    assert explain_enrollment_failure(_failure(url), url) == REFUSED.format(where=f"127.0.0.1:{port}")


def test_a_server_that_never_answers_is_explained():
    with socket.socket() as silent:
        silent.bind(("127.0.0.1", 0))
        silent.listen(1)                             # accepts the connection, never answers
        url = f"http://127.0.0.1:{silent.getsockname()[1]}"
        exc = _failure(url, timeout=(2.0, 0.3))
    assert explain_enrollment_failure(exc, url) == TIMED_OUT.format(where=url.split("://")[1])


def test_a_certificate_nobody_vouched_for_is_explained():
    """A TLS handshake with garbage: requests raises SSLError, the client hides it `from None`."""
    with socket.socket() as server:
        server.bind(("127.0.0.1", 0))
        server.listen(1)

        def answer_garbage() -> None:
            conn, _ = server.accept()
            with conn:
                conn.recv(1024)
                conn.sendall(b"HTTP/1.1 400 Bad Request\r\n\r\n")

        threading.Thread(target=answer_garbage, daemon=True).start()
        url = f"https://127.0.0.1:{server.getsockname()[1]}"
        exc = _failure(url)
    assert isinstance(exc.__context__, requests.exceptions.SSLError)
    assert explain_enrollment_failure(exc, url) == UNTRUSTED


def test_refusals_of_the_code_and_of_the_version_are_explained():
    wrong = SyncFailed("县局服务器不认可本机的登记（…）", kind=SyncFailure.AUTH)
    assert explain_enrollment_failure(wrong, "https://c") == WRONG_CODE
    too_old = ClientTooOld("0.1.0", "1.2.0")
    assert explain_enrollment_failure(too_old, "https://c") == (
        "县局服务器要求 squaddesk 1.2.0 或更新版本，本机为 0.1.0。请向县局索取新版安装程序，安装后再登记本机。")
    assert explain_enrollment_failure(RuntimeError("boom"), "https://c") is None
