"""文号: the pattern, and leased blocks that keep two offline PCs from minting the same number."""

from __future__ import annotations

import shutil
from pathlib import Path

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from app.context import Actor
from app.db.store import Store
from app.documents.numbering import (
    LocalBlockSource,
    NumberFormat,
    lease_block,
    number_format,
    remaining,
    take_serial,
)
from app.errors import Invalid, SyncFailed, SyncFailure
from app.settings import Preferences

SQUAD = "00000000-0000-4000-8000-000000000001"


def test_default_pattern_is_gb9704_style():
    assert NumberFormat("崇综执").format("罚决", 2026, 12) == "崇综执罚决字〔2026〕12号"


def test_di_and_padding_are_configurable_per_type():
    prefs = Preferences(extra={"numbering": {"onsite_decision": {"with_di": True, "pad": 4}}})
    assert number_format(prefs, "onsite_decision").format("当罚", 2026, 7) == "崇综执当罚字〔2026〕第0007号"
    assert number_format(prefs, "penalty_decision").format("罚决", 2026, 7) == "崇综执罚决字〔2026〕7号"


def test_local_source_hands_out_disjoint_blocks_and_persists(tmp_path):
    path = tmp_path / "leases.json"
    a = LocalBlockSource(path).lease(SQUAD, "penalty_decision", 2026, 10)
    b = LocalBlockSource(path).lease(SQUAD, "penalty_decision", 2026, 10)
    c = LocalBlockSource(path).lease(SQUAD, "penalty_decision", 2027, 10)
    assert a == (1, 10) and b == (11, 20) and c == (1, 10)


class Switchable:
    """A BlockSource that can be cut off, like a PC without a network."""

    def __init__(self, inner):
        self.inner = inner
        self.online = True

    def lease(self, squad, doc_type, year, size):
        if not self.online:
            raise SyncFailed("无法连接县局服务器", kind=SyncFailure.NETWORK)
        return self.inner.lease(squad, doc_type, year, size)


def _actor(device: str) -> Actor:
    return Actor(user="clerk", squad_id=SQUAD, device_id=device, roles=frozenset({"clerk"}))


def _issue(store: Store, source, device: str) -> int:
    with store.write(_actor(device), "document.number") as session:
        return take_serial(session, source, squad_id=SQUAD, doc_type="penalty_decision", year=2026,
                           block_size=3)


def test_offline_pc_with_exhausted_block_is_told_to_go_online(store, tmp_path):
    source = Switchable(LocalBlockSource(tmp_path / "leases.json"))
    assert [_issue(store, source, "pc1") for _ in range(3)] == [1, 2, 3]
    source.online = False
    with pytest.raises(Invalid, match="请联网后重试"):
        _issue(store, source, "pc1")


def test_rolled_back_issue_gives_the_serial_back(store, tmp_path):
    source = LocalBlockSource(tmp_path / "l.json")
    with store.write(_actor("pc1"), "document.lease") as session:
        lease_block(session, source, squad_id=SQUAD, doc_type="penalty_decision", year=2026)
    with pytest.raises(RuntimeError):
        with store.write(_actor("pc1"), "document.number") as session:
            take_serial(session, source, squad_id=SQUAD, doc_type="penalty_decision", year=2026)
            raise RuntimeError("issue failed")
    assert _issue(store, source, "pc1") == 1


def test_overlapping_block_from_a_bad_source_is_refused(store):
    class Bad:
        def lease(self, *a):
            return (1, 5)

    with store.write(_actor("pc1"), "x") as session:
        lease_block(session, Bad(), squad_id=SQUAD, doc_type="t", year=2026)
        with pytest.raises(Invalid, match="重叠"):
            lease_block(session, Bad(), squad_id=SQUAD, doc_type="t", year=2026)
        assert remaining(session, squad_id=SQUAD, doc_type="t", year=2026) == 5


_steps = st.lists(
    st.tuples(st.sampled_from(["pc1", "pc2"]), st.sampled_from(["issue", "issue", "issue", "offline", "online"])),
    min_size=1, max_size=40,
)


@settings(max_examples=25, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(steps=_steps)
def test_two_offline_pcs_never_mint_the_same_number(steps, migrated_template, tmp_path_factory):
    folder: Path = tmp_path_factory.mktemp("pcs")
    shared = LocalBlockSource(folder / "county-leases.json")
    pcs = {}
    for name in ("pc1", "pc2"):
        shutil.copy2(migrated_template, folder / f"{name}.db")
        pcs[name] = (Store.open(folder / f"{name}.db"), Switchable(shared))
    issued: dict[str, list[int]] = {"pc1": [], "pc2": []}
    try:
        for pc, action in steps:
            store, source = pcs[pc]
            if action == "offline":
                source.online = False
            elif action == "online":
                source.online = True
            else:
                try:
                    issued[pc].append(_issue(store, source, pc))
                except Invalid:
                    assert not source.online  # only an offline PC with no serials left may refuse
    finally:
        for store, _ in pcs.values():
            store.dispose()
    everything = issued["pc1"] + issued["pc2"]
    assert len(everything) == len(set(everything))
    for serials in issued.values():
        assert serials == sorted(serials)
    # Gap-free overall once both PCs' leased blocks are used up: all that is missing from
    # 1..max is what is still unused in the leased blocks.
    if everything:
        unused = set(range(1, max(everything) + 1)) - set(everything)
        assert len(unused) <= 2 * 3
