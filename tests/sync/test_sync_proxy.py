"""Seeded fault runs against the real county server process (uvicorn, over TLS with a test CA)
behind a fault-injecting TCP proxy: latency, a bandwidth cap, connections reset mid-body, stalls
longer than the client's timeouts, and client crashes mid-request. Same checks as the in-process
simulation (world.check_world). Each seed gets its own squad on one server process.

SQUADDESK_SYNC_PROXY_SEEDS sets the normal count (default 20); the slow profile runs thousands.
"""

from __future__ import annotations

import os
import random

import pytest
import requests

from app.server import accounts
from app.server.db import make_engine as server_engine
from app.server.db import make_sessions
from app.sync.client import SyncClient
from app.sync.engine import Enrollment, SyncEngine
from app.sync.enroll import enroll
from fault_proxy import FaultProxy, Profile
from realserver import start_server
from simnet import Faults, SimCrash
from world import Lab, Township, check_world, settle

SEEDS = int(os.environ.get("SQUADDESK_SYNC_PROXY_SEEDS", "20"))
SLOW_SEEDS = int(os.environ.get("SQUADDESK_SYNC_PROXY_SLOW_SEEDS", "2000"))


class CrashingSession(requests.Session):
    """A requests.Session whose PC may lose power just before or just after a request."""

    def __init__(self, faults: Faults) -> None:
        super().__init__()
        self.faults = faults

    def send(self, request, **kwargs):  # noqa: ANN001, ANN003, ANN201
        if self.faults.roll(self.faults.crash):
            raise SimCrash("before")
        response = super().send(request, **kwargs)
        if self.faults.roll(self.faults.crash):
            raise SimCrash("after")
        return response


class RealCounty:
    def __init__(self, db_url: str, base_url: str, ca: str | None) -> None:
        self.engine = server_engine(db_url)
        self.sessions = make_sessions(self.engine)
        self.base_url, self.ca = base_url, ca
        self.squad_id = ""

    def new_squad(self, name: str) -> None:
        with self.sessions.begin() as session:
            self.squad_id = accounts.create_squad(session, name).id

    def code(self) -> str:
        with self.sessions.begin() as session:
            return accounts.make_enrollment_code(session, self.squad_id)


class NetTown(Township):
    proxy: FaultProxy | None = None

    def open(self) -> None:
        from app.db.engine import make_engine
        from app.db.store import Store

        if self.db is None:
            self.db = make_engine(self.path)
        self.store = Store(self.db)
        self.session = CrashingSession(self.faults)
        self.adapter = None
        self.engine = SyncEngine(self.store, client_factory=self.client)

    @property
    def url(self) -> str:
        scheme = "https" if self.county.ca else "http"
        return f"{scheme}://127.0.0.1:{self.proxy.port}"

    def enroll(self) -> None:
        enabled, self.faults.enabled = self.faults.enabled, False
        enroll(self.url, self.county.code(), self.county.ca, self.store, session=self.session,
               device_name=self.name, set_secret=self.secrets.__setitem__)
        self.faults.enabled = enabled

    def client(self, enrolled: Enrollment) -> SyncClient:
        return SyncClient(self.url, ca_path=self.county.ca, device_id=enrolled.device_id,
                          secret=lambda: self.secrets.get("sync.device_secret"),
                          session=self.session, timeout=(1.0, 1.5), retries=3, backoff_s=0.05,
                          rng=random.Random(self.rng.random()))


@pytest.fixture(scope="module")
def server(tmp_path_factory):
    folder = tmp_path_factory.mktemp("real-county")
    with start_server(folder) as running:
        yield running


@pytest.fixture(scope="module")
def net_lab(sim_templates, tmp_path_factory):
    folder = tmp_path_factory.mktemp("net-lab")
    lab = Lab(*sim_templates, folder, towns=2)
    yield lab
    lab.close()


def run_net_seed(seed: int, server, lab: Lab, steps: int = 12) -> None:  # noqa: ANN001
    rng = random.Random(seed)
    county = RealCounty(server.db_url, server.url, server.ca)
    county.new_squad(f"中队-{seed}-{rng.getrandbits(32):08x}")
    faulty = Profile(rtt_s=rng.choice([0.0, 0.01, 0.04]),
                     rate_bps=rng.choice([None, 200_000, 40_000]),
                     reset=rng.choice([0.1, 0.2, 0.3]), stall=rng.choice([0.0, 0.05, 0.1]),
                     stall_s=2.0, max_conn_s=20)
    calm = Profile(rtt_s=faulty.rtt_s)
    lab.reset()
    people: list[NetTown] = []
    with FaultProxy(("127.0.0.1", server.port), calm, seed=seed) as proxy:
        try:
            for i in range(2):
                town = NetTown(f"t{i}", county, lab.paths[i],
                               Faults(rng=random.Random(rng.random()), crash=0.02),
                               random.Random(rng.random()))
                town.db, town.proxy = lab.engines[i], proxy
                town.open()
                town.enroll()
                people.append(town)
            proxy.profile = faulty
            counter = [0]
            for _ in range(steps):
                town = rng.choice(people)
                action = rng.random()
                if action < 0.45:
                    town.edit(counter)
                elif action < 0.9:
                    town.sync(page_size=3)
                elif action < 0.95:
                    town.crash()
                else:
                    town.resolve_one()
            proxy.profile = calm
            settle(people)
            check_world(county, people)
        finally:
            for town in people:
                town.store.dispose()
            county.engine.dispose()


def _run(seed: int, server, lab) -> None:  # noqa: ANN001
    try:
        run_net_seed(seed, server, lab)
    except BaseException:
        print(f"\nproxy sync run FAILED for seed {seed} (rerun: -k 'proxy-seed-{seed}]')")
        raise


@pytest.mark.parametrize("seed", [pytest.param(s, id=f"proxy-seed-{s}") for s in range(SEEDS)])
def test_sync_through_a_faulty_link_to_the_real_server(seed, server, net_lab):
    _run(seed, server, net_lab)


@pytest.mark.slow
@pytest.mark.parametrize("seed", [pytest.param(s, id=f"proxy-seed-{s}")
                                  for s in range(SEEDS, SEEDS + SLOW_SEEDS)])
def test_sync_through_a_faulty_link_slow_profile(seed, server, net_lab):
    _run(seed, server, net_lab)
