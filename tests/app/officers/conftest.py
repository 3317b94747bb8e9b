"""Fixtures for officer tests (builders live in officer_builders.py)."""

from __future__ import annotations

import pytest
from officer_builders import County


@pytest.fixture
def county(store, actor) -> County:
    return County(store, actor)
