"""First-run fixtures: the real county server (FastAPI under uvicorn, TLS with a throwaway CA)
running on 127.0.0.1 in a thread, a second CA the client is never given, and a fresh data folder.

The server's store is SQLite here (its development default), made with the server's own
migrations; squads and one-time codes come from the server's service functions, exactly what
`squaddesk-server create-squad` and `enroll-code` run.
"""

from __future__ import annotations

import shutil
import socket
import threading
import time
from collections.abc import Iterator
from pathlib import Path

import pytest

from app.bootstrap import Opened, open_data_folder
from app.paths import AppPaths
from firstrun_county import SQUAD_NAME, County, make_ca  # noqa: E402 (this folder is on sys.path)


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
