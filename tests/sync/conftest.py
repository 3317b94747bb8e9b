"""Sync test fixtures: migrated client and county templates, copied per seed (fast); a county
in-process and two enrolled townships on a calm network."""

from __future__ import annotations

import random
import shutil
from pathlib import Path

import pytest

from simnet import Faults
from world import County, Township, cheap_secret_hashing, make_client_template, make_server_template


@pytest.fixture(scope="session")
def sim_templates(migrated_template: Path, tmp_path_factory: pytest.TempPathFactory):
    folder = tmp_path_factory.mktemp("sync-templates")
    return make_server_template(folder), make_client_template(migrated_template, folder)


@pytest.fixture
def county(sim_templates, tmp_path):
    from app.server import security

    saved = security._SCRYPT  # noqa: SLF001
    cheap_secret_hashing()
    c = County(sim_templates[0], tmp_path)
    yield c
    c.close()
    security._SCRYPT = saved  # noqa: SLF001


@pytest.fixture
def towns(county, sim_templates, tmp_path):
    made = []
    for i in range(2):
        path = tmp_path / f"t{i}.db"
        shutil.copy2(sim_templates[1], path)
        town = Township(f"t{i}", county, path, Faults(rng=random.Random(i), enabled=False),
                        random.Random(i))
        town.open()
        town.enroll()
        made.append(town)
    yield made
    for town in made:
        town.store.dispose()
