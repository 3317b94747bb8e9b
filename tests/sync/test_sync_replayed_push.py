"""A late network copy of an *older* push (smaller audit count) that lands after a newer push is a
replay, not a rewritten history: its head is one the device really reported before
(client_audit_heads), its operations are duplicates, and the PC goes on syncing."""

from __future__ import annotations

import random
import shutil


from simnet import Faults
from world import County, SimNote, Township, cheap_secret_hashing


def test_a_stale_copy_of_an_old_push_does_not_stop_the_pc(sim_templates, tmp_path):
    from app.server import security

    saved = security._SCRYPT  # noqa: SLF001
    cheap_secret_hashing()
    county = County(sim_templates[0], tmp_path)
    path = tmp_path / "t.db"
    shutil.copy2(sim_templates[1], path)
    town = Township("t0", county, path, Faults(rng=random.Random(1), enabled=False), random.Random(1))
    try:
        town.open()
        town.enroll()
        pushes: list[tuple] = []
        original = town.adapter._deliver  # noqa: SLF001

        def spy(method, path, body, headers):  # noqa: ANN001, ANN202
            if path == "/push":
                pushes.append((method, path, body, headers))
            return original(method, path, body, headers)

        town.adapter._deliver = spy  # noqa: SLF001
        for title in ("一", "二"):
            with town.store.write(town.actor, "note") as session:
                session.add(SimNote(title=title))
            assert town.sync()
        original(*pushes[0])               # the network delivers a late copy of the first push
        with town.store.write(town.actor, "note") as session:
            session.add(SimNote(title="三"))
        assert town.sync(), "the PC's pushes are refused after a stale copy of an old push"
    finally:
        town.store.dispose()
        county.close()
        security._SCRYPT = saved  # noqa: SLF001
