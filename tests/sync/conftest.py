"""Sync test fixtures: migrated client and county templates, copied per seed (fast)."""

from __future__ import annotations

from pathlib import Path

import pytest

from world import make_client_template, make_server_template


@pytest.fixture(scope="session")
def sim_templates(migrated_template: Path, tmp_path_factory: pytest.TempPathFactory):
    folder = tmp_path_factory.mktemp("sync-templates")
    return make_server_template(folder), make_client_template(migrated_template, folder)
