"""Fixtures for the case services: a fixed-date environment and actors with single roles."""

from __future__ import annotations

from dataclasses import replace
from datetime import date

import pytest

from app.cases.env import CaseEnv, two_distinct_officers
from app.context import Actor
from app.settings import Preferences

OFFICER_A = "0000000a-0000-4000-8000-00000000000a"
OFFICER_B = "0000000b-0000-4000-8000-00000000000b"
OFFICER_C = "0000000c-0000-4000-8000-00000000000c"
TODAY = date(2026, 5, 6)


@pytest.fixture
def env() -> CaseEnv:
    return CaseEnv(prefs=Preferences(), eligibility=two_distinct_officers, check_presider=None,
                   check_reviewer=None, today=TODAY)


def with_roles(actor: Actor, *roles: str, user: str | None = None) -> Actor:
    return replace(actor, roles=frozenset(roles), user=user or roles[0])


@pytest.fixture
def clerk(actor: Actor) -> Actor:
    return with_roles(actor, "clerk", user="李文书")


@pytest.fixture
def leader(actor: Actor) -> Actor:
    return with_roles(actor, "leader", user="王队长")


@pytest.fixture
def reviewer(actor: Actor) -> Actor:
    return with_roles(actor, "reviewer", user="赵审核")
