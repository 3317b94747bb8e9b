"""First-run fixtures: the real county server (FastAPI under uvicorn, TLS with a throwaway CA)
running on 127.0.0.1 in a thread, a second CA the client is never given, and a fresh data folder.

The server's store is SQLite here (its development default), made with the server's own
migrations; squads and one-time codes come from the server's service functions, exactly what
`squaddesk-server create-squad` and `enroll-code` run.
"""

from __future__ import annotations

import datetime as dt
import ipaddress
import shutil
import socket
import threading
import time
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path

import pytest
from cryptography import x509
from cryptography.hazmat.primitives import hashes, serialization
from cryptography.hazmat.primitives.asymmetric import ec
from cryptography.x509.oid import ExtendedKeyUsageOID, NameOID

from app.bootstrap import Opened, open_data_folder
from app.paths import AppPaths

SQUAD_NAME = "崇州市综合行政执法局白头中队"


def _name(cn: str) -> x509.Name:
    return x509.Name([x509.NameAttribute(NameOID.COMMON_NAME, cn)])


def make_ca(folder: Path, label: str) -> tuple[Path, Path, Path]:
    """A throwaway CA and a server certificate for 127.0.0.1; returns (ca, cert, key) files."""
    folder.mkdir(parents=True, exist_ok=True)
    now = dt.datetime.now(dt.timezone.utc)
    ca_key = ec.generate_private_key(ec.SECP256R1())
    ca = (x509.CertificateBuilder().subject_name(_name(label)).issuer_name(_name(label))
          .public_key(ca_key.public_key()).serial_number(x509.random_serial_number())
          .not_valid_before(now - dt.timedelta(minutes=5)).not_valid_after(now + dt.timedelta(days=1))
          .add_extension(x509.BasicConstraints(ca=True, path_length=0), critical=True)
          .add_extension(x509.KeyUsage(digital_signature=True, key_cert_sign=True, crl_sign=True,
                                       content_commitment=False, key_encipherment=False,
                                       data_encipherment=False, key_agreement=False,
                                       encipher_only=False, decipher_only=False), critical=True)
          .add_extension(x509.SubjectKeyIdentifier.from_public_key(ca_key.public_key()), critical=False)
          .sign(ca_key, hashes.SHA256()))
    key = ec.generate_private_key(ec.SECP256R1())
    cert = (x509.CertificateBuilder().subject_name(_name("127.0.0.1")).issuer_name(ca.subject)
            .public_key(key.public_key()).serial_number(x509.random_serial_number())
            .not_valid_before(now - dt.timedelta(minutes=5)).not_valid_after(now + dt.timedelta(days=1))
            .add_extension(x509.SubjectAlternativeName([
                x509.DNSName("localhost"), x509.IPAddress(ipaddress.ip_address("127.0.0.1"))]),
                critical=False)
            .add_extension(x509.ExtendedKeyUsage([ExtendedKeyUsageOID.SERVER_AUTH]), critical=False)
            .add_extension(x509.AuthorityKeyIdentifier.from_issuer_public_key(ca_key.public_key()),
                           critical=False)
            .sign(ca_key, hashes.SHA256()))
    files = folder / "ca.pem", folder / "server.pem", folder / "server.key"
    files[0].write_bytes(ca.public_bytes(serialization.Encoding.PEM))
    files[1].write_bytes(cert.public_bytes(serialization.Encoding.PEM))
    files[2].write_bytes(key.private_bytes(serialization.Encoding.PEM,
                                           serialization.PrivateFormat.PKCS8,
                                           serialization.NoEncryption()))
    return files


@dataclass
class County:
    url: str
    ca_file: Path
    sessions: object
    squad_id: str

    def enroll_code(self) -> str:
        from app.server import accounts

        with self.sessions.begin() as session:
            return accounts.make_enrollment_code(session, self.squad_id)

    def require_client(self, version: str) -> None:
        from app.server import accounts

        with self.sessions.begin() as session:
            accounts.set_min_client_version(session, version)


@pytest.fixture(scope="module")
def county(tmp_path_factory: pytest.TempPathFactory) -> Iterator[County]:
    import uvicorn

    from app.server import accounts
    from app.server.db import make_engine, make_sessions, migrate
    from app.server.main import create_app

    folder = tmp_path_factory.mktemp("county")
    ca, cert, key = make_ca(folder / "tls", "squaddesk test county CA")
    engine = make_engine(f"sqlite:///{folder / 'county.db'}")
    migrate(engine)
    sessions = make_sessions(engine)
    with sessions.begin() as session:
        squad_id = accounts.create_squad(session, SQUAD_NAME, township="白头镇").id
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        port = probe.getsockname()[1]
    config = uvicorn.Config(create_app(sessions), host="127.0.0.1", port=port,
                            ssl_certfile=str(cert), ssl_keyfile=str(key), log_config=None,
                            access_log=False, lifespan="off")
    server = uvicorn.Server(config)
    thread = threading.Thread(target=server.run, name="county-server", daemon=True)
    thread.start()
    deadline = time.monotonic() + 15
    while not server.started:
        assert thread.is_alive() and time.monotonic() < deadline, "county server did not start"
        time.sleep(0.05)
    county = County(f"https://127.0.0.1:{port}", ca, sessions, squad_id)
    yield county
    server.should_exit = True
    thread.join(timeout=10)
    engine.dispose()


@pytest.fixture
def strange_ca(tmp_path: Path) -> Path:
    """A CA the county server's certificate was not signed by."""
    return make_ca(tmp_path / "strange", "some other CA")[0]


@pytest.fixture
def closed_port_url() -> str:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        port = probe.getsockname()[1]
    return f"https://127.0.0.1:{port}"     # bound, then closed: nothing listens there


@pytest.fixture
def opened(migrated_template: Path, tmp_path: Path, secret_service: str) -> Iterator[Opened]:
    """A fresh data folder (no accounts); the device secret goes to the private keyring."""
    paths = AppPaths.in_folder(tmp_path / "data")
    paths.ensure()
    shutil.copy2(migrated_template, paths.database)
    result = open_data_folder(paths, log_to_file=False, use_keyring=False)
    yield result
    result.store.dispose()
