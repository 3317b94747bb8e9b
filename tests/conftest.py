"""Shared fixtures: a real, migrated SQLite store per test (copied from one migrated template)."""

from __future__ import annotations

import os
import shutil
from pathlib import Path

import pytest
from hypothesis import settings

os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")

# Property tests: `make test` (and so CI) runs the "ci" profile — the same examples every run, so a
# red build always means a change, never the luck of the draw. New random examples every run in
# `make test-slow` ("explore") and in a bare `pytest` (hypothesis default); a failure found there
# is replayed from .hypothesis/ and belongs in an explicit test (test_doc_linebreak has one).
settings.register_profile("ci", derandomize=True, database=None, print_blob=True)
settings.register_profile("explore", print_blob=True)
settings.load_profile(os.environ.get("HYPOTHESIS_PROFILE", "default"))

# `secret_service`: a private D-Bus + gnome-keyring for tests that touch the OS keyring.
pytest_plugins = ["keyring_session"]

from app.context import Actor  # noqa: E402
from app.db.engine import checkpoint, make_engine  # noqa: E402
from app.db.migrate import upgrade_to_head  # noqa: E402
from app.db.store import Store  # noqa: E402

SQUAD_ID = "00000000-0000-4000-8000-000000000001"
DEVICE_ID = "00000000-0000-4000-8000-0000000000d1"


@pytest.fixture(scope="session")
def migrated_template(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """Migrate one empty database to head once per run; tests get copies (fast, and it proves the
    migrations build the schema the models expect)."""
    folder = tmp_path_factory.mktemp("template")
    path = folder / "squaddesk.db"
    engine = make_engine(path)
    upgrade_to_head(engine, path, folder / "backups")
    checkpoint(engine)
    engine.dispose()
    return path


@pytest.fixture
def db_path(migrated_template: Path, tmp_path: Path) -> Path:
    target = tmp_path / "squaddesk.db"
    shutil.copy2(migrated_template, target)
    return target


@pytest.fixture
def store(db_path: Path):
    s = Store.open(db_path)
    yield s
    s.dispose()


@pytest.fixture
def actor() -> Actor:
    return Actor(
        user="clerk",
        squad_id=SQUAD_ID,
        device_id=DEVICE_ID,
        roles=frozenset({"clerk", "officer", "leader", "reviewer", "admin"}),
    )
