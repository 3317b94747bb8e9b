"""A hypothesis state machine over two sync clients and the county: edit, push, pull, drop the
next message, crash mid-call, resolve a conflict — in any order. Whatever the history, a calm
final sync leaves every replica equal, nothing applied twice, every conflict surfaced."""

from __future__ import annotations

import os
import random
import tempfile
from pathlib import Path

import pytest
from hypothesis import HealthCheck, settings
from hypothesis import strategies as st
from hypothesis.stateful import RuleBasedStateMachine, initialize, rule

from app.errors import SyncFailed
from app.sync.engine import enrollment
from app.sync.pull import Puller
from app.sync.push import Pusher
from simnet import Faults, SimCrash
from world import Lab, Township, check_world, cheap_secret_hashing, settle

TOWNS = st.integers(min_value=0, max_value=1)


@pytest.fixture(scope="module")
def machine_lab(sim_templates):
    base = "/dev/shm" if os.path.isdir("/dev/shm") else None
    with tempfile.TemporaryDirectory(dir=base, prefix="squaddesk-sm-") as folder:
        county, client = sim_templates
        lab = Lab(county, client, Path(folder), towns=2)
        yield lab
        lab.close()


def test_sync_state_machine(machine_lab):
    from app.server import security

    saved = security._SCRYPT  # noqa: SLF001
    cheap_secret_hashing()
    try:
        run_machine(machine_lab)
    finally:
        security._SCRYPT = saved  # noqa: SLF001


def run_machine(lab: Lab) -> None:
    class SyncMachine(RuleBasedStateMachine):
        @initialize(seed=st.integers(0, 2**32 - 1))
        def start(self, seed: int) -> None:
            lab.reset()
            self.counter = [0]
            self.towns: list[Township] = []
            for i in range(2):
                town = Township(f"t{i}", lab.county, lab.paths[i],
                                Faults(rng=random.Random(seed + i)), random.Random(seed - i))
                town.db = lab.engines[i]
                town.open()
                town.enroll()
                self.towns.append(town)

        def _call(self, town: Township, step) -> None:  # noqa: ANN001
            enrolled = enrollment(town.store)
            try:
                with town.client(enrolled) as client:
                    client.login()
                    step(client, enrolled)
            except SimCrash:
                town.crash()
            except SyncFailed:
                town.failures += 1

        @rule(t=TOWNS)
        def edit(self, t: int) -> None:
            self.towns[t].edit(self.counter)

        @rule(t=TOWNS)
        def push(self, t: int) -> None:
            town = self.towns[t]
            self._call(town, lambda c, e: Pusher(c, town.store, town.actor, e.device_id).run())

        @rule(t=TOWNS, page=st.integers(1, 5))
        def pull(self, t: int, page: int) -> None:
            town = self.towns[t]
            self._call(town, lambda c, e: Puller(c, town.store, town.actor, page).run())

        @rule(t=TOWNS, kind=st.sampled_from(["drop_request", "drop_response", "crash_before",
                                             "crash_after"]))
        def drop(self, t: int, kind: str) -> None:
            self.towns[t].faults.forced.append(kind)

        @rule(t=TOWNS)
        def crash(self, t: int) -> None:
            self.towns[t].crash()

        @rule(t=TOWNS)
        def resolve(self, t: int) -> None:
            self.towns[t].resolve_one()

        def teardown(self) -> None:
            towns = getattr(self, "towns", [])
            try:
                if towns:
                    for town in towns:
                        town.faults.forced.clear()
                    settle(towns)
                    check_world(lab.county, towns)
            finally:
                for town in towns:
                    town.store.dispose()

    SyncMachine.TestCase.settings = settings(
        max_examples=int(os.environ.get("SQUADDESK_SYNC_MACHINE_EXAMPLES", "40")),
        stateful_step_count=25, deadline=None,
        suppress_health_check=[HealthCheck.too_slow, HealthCheck.function_scoped_fixture],
    )
    SyncMachine.TestCase().runTest()
