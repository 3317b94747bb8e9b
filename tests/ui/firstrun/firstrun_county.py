"""The county side of the first-run tests: a throwaway CA (app.server.devcert) and a handle on the
county server's store for squads, one-time codes and the minimum client version. A plain module
(not conftest) so test files can import it by a name no other test folder uses."""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path

from app.server.devcert import issue_server_cert
from app.server.devcert import make_ca as make_dev_ca

SQUAD_NAME = "崇州市综合行政执法局白头中队"


def make_ca(folder: Path, label: str) -> tuple[Path, Path, Path]:
    """A throwaway CA and a server certificate for 127.0.0.1; returns (ca, cert, key) files."""
    ca_cert, ca_key = make_dev_ca(folder, label, days=1)
    cert, key = issue_server_cert(folder, ca_cert, ca_key, days=1)
    return ca_cert, cert, key


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
