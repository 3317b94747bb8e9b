"""A real, private Secret Service for the tests: its own D-Bus session bus and gnome-keyring.

Loaded from tests/conftest.py through `pytest_plugins`. The `secret_service` fixture (session
scope, started only when a test asks for it) does what a Linux desktop does at login:

1. `dbus-daemon --session --nofork --print-address` starts a private session bus;
2. `gnome-keyring-daemon --foreground --unlock --components=secrets` starts on that bus, in a
   scratch HOME/XDG_DATA_HOME, and reads the login password (KEYRING_PASSWORD) from stdin, which
   creates and unlocks the default "login" collection;
3. DBUS_SESSION_BUS_ADDRESS of the test process points at the private bus, the keyring backend is
   re-chosen, and the fixture asserts it is `keyring.backends.SecretService.Keyring`.

Nothing falls back to plaintext: if the daemons cannot start, the tests that need them fail
(they do not skip), because a keyring that silently degraded is exactly the bug to catch. The
developer's own keyring is never touched. Both daemons are stopped by pid at the end, and are
started with PR_SET_PDEATHSIG so that even a pytest killed mid-run (timeout, Qt abort) takes them
with it instead of leaving orphans.

Needs the Debian packages dbus (dbus-daemon), gnome-keyring.
"""

from __future__ import annotations

import os
import signal
import subprocess
import time
from collections.abc import Iterator
from pathlib import Path

import pytest

KEYRING_PASSWORD = "squaddesk-test-keyring"
START_TIMEOUT_S = 60  # a cold machine (first gnome-keyring start, CI) can be slow
BUS_CONFIG = """<!DOCTYPE busconfig PUBLIC "-//freedesktop//DTD D-BUS Bus Configuration 1.0//EN"
 "http://www.freedesktop.org/standards/dbus/1.0/busconfig.dtd">
<busconfig>
  <type>session</type>
  <keep_umask/>
  <listen>unix:tmpdir=/tmp</listen>
  <auth>EXTERNAL</auth>
  <policy context="default">
    <allow send_destination="*" eavesdrop="true"/>
    <allow eavesdrop="true"/>
    <allow own="*"/>
  </policy>
</busconfig>
"""


def _die_with_parent() -> None:
    """preexec_fn: ask Linux to SIGTERM this child when the pytest process goes away."""
    import ctypes

    pr_set_pdeathsig = 1
    ctypes.CDLL("libc.so.6", use_errno=True).prctl(pr_set_pdeathsig, signal.SIGTERM)


def _stop(proc: subprocess.Popen) -> None:
    proc.terminate()
    try:
        proc.wait(timeout=5)
    except subprocess.TimeoutExpired:
        proc.kill()
        proc.wait()


def _wait_until_usable(timeout_s: float) -> None:
    import keyring
    from keyring.backends import SecretService

    deadline = time.monotonic() + timeout_s
    last: Exception | None = None
    while time.monotonic() < deadline:
        try:
            backend = SecretService.Keyring()
            backend.set_password("squaddesk-probe", "probe", "ok")
            if backend.get_password("squaddesk-probe", "probe") == "ok":
                backend.delete_password("squaddesk-probe", "probe")
                keyring.set_keyring(backend)
                return
        except Exception as exc:  # noqa: BLE001 - retried until the daemon is up
            last = exc
        time.sleep(0.1)
    raise RuntimeError(f"private Secret Service did not come up: {last!r}")


@pytest.fixture(scope="session")
def secret_service(tmp_path_factory: pytest.TempPathFactory) -> Iterator[str]:
    """Start the private bus and keyring; yields the bus address. See module docstring."""
    home = Path(tmp_path_factory.mktemp("keyring-home"))
    runtime = home / "run"
    runtime.mkdir(mode=0o700)
    # No service activation on this bus: with the standard session config, a client call that
    # arrives before our daemon owns org.freedesktop.secrets makes D-Bus auto-start a second,
    # password-less gnome-keyring whose collection stays locked ("Failed to unlock the
    # collection!" — seen on cold machines).
    config = home / "bus.conf"
    config.write_text(BUS_CONFIG, encoding="utf-8")
    bus = subprocess.Popen(
        ["dbus-daemon", f"--config-file={config}", "--nofork", "--print-address=1"],
        stdout=subprocess.PIPE, stderr=subprocess.DEVNULL, text=True, preexec_fn=_die_with_parent,
    )
    assert bus.stdout is not None
    address = bus.stdout.readline().strip()
    if not address:
        _stop(bus)
        raise RuntimeError("dbus-daemon did not print its address")
    env = dict(os.environ, HOME=str(home), XDG_DATA_HOME=str(home / "data"),
               XDG_RUNTIME_DIR=str(runtime), DBUS_SESSION_BUS_ADDRESS=address)
    daemon = subprocess.Popen(
        ["gnome-keyring-daemon", "--foreground", "--unlock", "--components=secrets"],
        stdin=subprocess.PIPE, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL, env=env,
        preexec_fn=_die_with_parent,
    )
    assert daemon.stdin is not None
    daemon.stdin.write(KEYRING_PASSWORD.encode())
    daemon.stdin.close()

    saved = os.environ.get("DBUS_SESSION_BUS_ADDRESS")
    os.environ["DBUS_SESSION_BUS_ADDRESS"] = address
    try:
        _wait_until_usable(START_TIMEOUT_S)
        import keyring

        backend = keyring.get_keyring()
        assert type(backend).__module__ == "keyring.backends.SecretService", backend
        yield address
    finally:
        if saved is None:
            os.environ.pop("DBUS_SESSION_BUS_ADDRESS", None)
        else:
            os.environ["DBUS_SESSION_BUS_ADDRESS"] = saved
        _stop(daemon)
        _stop(bus)
