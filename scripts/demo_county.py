"""`make run`: a local county server (SQLite, TLS with a private dev CA) holding the demo squad,
this demo data folder enrolled with it, then the GUI — so a newcomer sees sync work at once.

Everything lives under .data/: .data/county/ (server database, certificates, server.log) and
.data/demo/ (the PC's data folder). The server stops when the GUI closes. Idempotent: later runs
reuse the squad, the certificates and the enrollment.
"""

from __future__ import annotations

import os
import subprocess
import sys
import time
from pathlib import Path

import requests

ROOT = Path(__file__).resolve().parents[1]
BIN = ROOT / ".venv" / "bin"
DATA = Path(os.environ.get("SQUADDESK_DATA", ROOT / ".data" / "demo"))
COUNTY = ROOT / ".data" / "county"
PORT = int(os.environ.get("SQUADDESK_DEMO_PORT", "8765"))
SQUAD = "崇州市综合行政执法局怀远中队"
URL = f"https://127.0.0.1:{PORT}"


def server(*args: str) -> str:
    db = f"sqlite:///{COUNTY / 'county.db'}"
    done = subprocess.run([str(BIN / "squaddesk-server"), "--db", db, *args], cwd=ROOT,
                          capture_output=True, text=True)
    if done.returncode != 0:
        raise SystemExit(f"county server command {args[0]} failed:\n{done.stderr}")
    return done.stdout.strip()


def client(*args: str) -> subprocess.CompletedProcess:
    return subprocess.run([str(BIN / "squaddesk"), "--data-dir", str(DATA), *args], cwd=ROOT,
                          capture_output=True, text=True)


def wait_until_up(ca: Path, proc: subprocess.Popen, timeout_s: float = 30) -> None:
    deadline = time.monotonic() + timeout_s
    while time.monotonic() < deadline:
        if proc.poll() is not None:
            raise SystemExit(f"county server stopped; see {COUNTY / 'server.log'}")
        try:
            requests.get(f"{URL}/info", verify=str(ca), timeout=2)
            return
        except requests.RequestException:
            time.sleep(0.3)
    raise SystemExit(f"county server did not answer on {URL}; see {COUNTY / 'server.log'}")


def main() -> int:
    sys.path.insert(0, str(ROOT))
    from app.server.devcert import ensure_dev_certificates

    COUNTY.mkdir(parents=True, exist_ok=True)
    DATA.mkdir(parents=True, exist_ok=True)
    certs = ensure_dev_certificates(COUNTY / "tls")
    server("migrate")
    marker = COUNTY / "squad-created"
    if not marker.exists():
        server("create-squad", SQUAD, "--township", "怀远镇", "--authority", "崇州市综合行政执法局",
               "--authority-short", "崇综执")
        marker.write_text(SQUAD, encoding="utf-8")
    log = open(COUNTY / "server.log", "ab")  # noqa: SIM115 - held for the server's lifetime
    proc = subprocess.Popen(
        [str(BIN / "squaddesk-server"), "--db", f"sqlite:///{COUNTY / 'county.db'}", "serve",
         "--host", "127.0.0.1", "--port", str(PORT), "--ssl-certfile", str(certs.server_cert),
         "--ssl-keyfile", str(certs.server_key)], cwd=ROOT, stdout=log, stderr=log)
    try:
        wait_until_up(certs.ca_cert, proc)
        status = client("sync", "--status")
        if "未登记" in status.stdout + status.stderr or status.returncode != 0:
            code = server("enroll-code", SQUAD, "--hours", "1").rsplit("：", 1)[-1].strip()
            enrolled = client("enroll", "--server", URL, "--code", code, "--ca", str(certs.ca_cert),
                              "--name", "怀远中队内勤电脑（演示）")
            print(enrolled.stdout.strip() or enrolled.stderr.strip())
        print(f"县局服务器（演示）：{URL}，日志 {COUNTY / 'server.log'}")
        gui = subprocess.run([str(BIN / "squaddesk"), "--data-dir", str(DATA), "--demo",
                              *sys.argv[1:]], cwd=ROOT)
        return gui.returncode
    finally:
        proc.terminate()
        try:
            proc.wait(timeout=15)
        except subprocess.TimeoutExpired:
            proc.kill()
        log.close()


if __name__ == "__main__":
    raise SystemExit(main())
