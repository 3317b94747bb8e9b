"""Start the real county server process for tests and benchmarks: `squaddesk-server` under
uvicorn on 127.0.0.1, over TLS with the server tests' test CA when that helper is present, on a
SQLite database in `folder`. Stopped by its pid when the context ends."""

from __future__ import annotations

import os
import socket
import subprocess
import sys
import time
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass
from pathlib import Path

import requests

from app.server.devcert import ensure_dev_certificates

REPO = Path(__file__).resolve().parents[2]


@dataclass
class RunningServer:
    port: int
    url: str
    ca: str | None
    db_url: str
    pid: int
    log: Path


def free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


def make_ca(folder: Path) -> tuple[Path, Path, Path]:
    """The county's private CA and a server certificate for 127.0.0.1 (app.server.devcert)."""
    certs = ensure_dev_certificates(folder)
    return certs.ca_cert, certs.server_cert, certs.server_key


@contextmanager
def start_server(folder: Path, *, tls: bool = True) -> Iterator[RunningServer]:
    db_url = f"sqlite:///{folder / 'county.db'}"
    env = dict(os.environ, PYTHONPATH=str(REPO))
    cli = [sys.executable, "-m", "app.server.cli", "--db", db_url]
    subprocess.run([*cli, "migrate"], check=True, capture_output=True, env=env, cwd=folder,
                   timeout=120)
    certs = make_ca(folder) if tls else None
    port = free_port()
    args = [*cli, "serve", "--host", "127.0.0.1", "--port", str(port), "--log-level", "warning"]
    if certs:
        args += ["--ssl-certfile", str(certs[1]), "--ssl-keyfile", str(certs[2])]
    log = folder / "server.log"
    with open(log, "wb") as out:
        proc = subprocess.Popen(args, stdout=out, stderr=subprocess.STDOUT, env=env, cwd=folder)
    scheme = "https" if certs else "http"
    url = f"{scheme}://127.0.0.1:{port}"
    ca = str(certs[0]) if certs else None
    try:
        deadline = time.monotonic() + 30
        while True:
            try:
                if requests.get(url + "/info", verify=ca or True, timeout=2).ok:
                    break
            except requests.RequestException:
                pass
            if proc.poll() is not None or time.monotonic() > deadline:
                raise RuntimeError(f"county server did not start: {log.read_text()[-2000:]}")
            time.sleep(0.1)
        yield RunningServer(port, url, ca, db_url, proc.pid, log)
    finally:
        proc.terminate()
        try:
            proc.wait(10)
        except subprocess.TimeoutExpired:
            proc.kill()
            proc.wait()
