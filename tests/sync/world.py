"""A small world for sync tests: the county app on SQLite, townships with real stores, a test
entity (`sim_notes`) on its own metadata, and the checks that must hold after any history."""

from __future__ import annotations

import json
import random
import shutil
from collections import Counter
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import uuid

from sqlalchemy import ForeignKey, Integer, String, Text, literal_column, select
from sqlalchemy.orm import DeclarativeBase, Mapped, mapped_column

from app.context import Actor
from app.db.base import Synced
from app.db.engine import checkpoint, make_engine
from app.db.journal import plain
from app.db.models.core import OutboxEntry
from app.db.models.sync import SyncConflict
from app.db.store import Store
from app.errors import SyncFailed
from app.server import accounts
from app.server.db import make_engine as server_engine
from app.server.db import make_sessions, migrate
from app.server.main import create_app
from app.server.models import AppliedOp, ChangeEntry, Record
from app.sync.client import SyncClient
from app.sync.engine import Enrollment, SyncEngine
from app.sync import reference
from app.sync.enroll import enroll
from app.sync.entities import register_entity
from simnet import AppAdapter, AsgiCaller, Faults, SimCrash, session_for

URL = "http://county.sim"


class SimBase(DeclarativeBase):
    pass


class SimNote(Synced, SimBase):
    __tablename__ = "sim_notes"

    title: Mapped[str] = mapped_column(String(100), default="")
    body: Mapped[str] = mapped_column(Text, default="")
    count: Mapped[int] = mapped_column(Integer, default=0)
    tag: Mapped[str | None] = mapped_column(String(40), default=None)


class SimFolder(Synced, SimBase):
    __tablename__ = "sim_folders"

    name: Mapped[str] = mapped_column(String(100), default="")


class SimItem(Synced, SimBase):
    """A child row: its folder must exist (foreign key), as a case party needs its case."""

    __tablename__ = "sim_items"

    folder_id: Mapped[str] = mapped_column(ForeignKey("sim_folders.id"))
    label: Mapped[str] = mapped_column(String(100), default="")


class SimBadge(Synced, SimBase):
    """A row with a value unique on each PC, as a case number is."""

    __tablename__ = "sim_badges"

    code: Mapped[str] = mapped_column(String(40), unique=True)
    holder: Mapped[str] = mapped_column(String(100), default="")


class SimBadgeNote(Synced, SimBase):
    """A child of a badge (foreign key): it cannot be written while its badge is not."""

    __tablename__ = "sim_badge_notes"

    badge_id: Mapped[str] = mapped_column(ForeignKey("sim_badges.id"))
    text: Mapped[str] = mapped_column(String(100), default="")


register_entity(SimNote)
register_entity(SimFolder)
register_entity(SimItem)
register_entity(SimBadge)
register_entity(SimBadgeNote)


def cheap_secret_hashing() -> None:
    """scrypt at production cost is ~0.1 s per token; the simulation logs in thousands of times.
    The real-server tests keep the real cost."""
    from app.server import security

    security._SCRYPT = {"n": 2**4, "r": 8, "p": 1, "dklen": 32}  # noqa: SLF001
FIELDS = ("title", "body", "count", "tag")


def make_client_template(migrated: Path, folder: Path) -> Path:
    target = folder / "client.db"
    shutil.copy2(migrated, target)
    engine = make_engine(target)
    SimBase.metadata.create_all(engine)
    checkpoint(engine)
    engine.dispose()
    return target


def make_server_template(folder: Path) -> Path:
    target = folder / "server.db"
    engine = server_engine(f"sqlite:///{target}")
    migrate(engine)
    engine.dispose()
    return target


def wipe(engine: Any, metadata_list: list[Any]) -> None:
    """Empty every table (engines, compiled SQL and the app are reused across seeds: fast)."""
    with engine.begin() as conn:
        for metadata in metadata_list:
            for table in reversed(metadata.sorted_tables):
                conn.execute(table.delete())


class County:
    def __init__(self, template: Path, folder: Path) -> None:
        path = folder / "county.db"
        shutil.copy2(template, path)
        self.engine = server_engine(f"sqlite:///{path}")
        self.sessions = make_sessions(self.engine)
        self.app = create_app(self.sessions)
        self.http = AsgiCaller(self.app)
        self.reset()

    def reset(self) -> None:
        from app.server.models import ServerBase

        wipe(self.engine, [ServerBase.metadata])
        with self.sessions.begin() as session:
            self.squad_id = accounts.create_squad(session, "怀远中队").id

    def publish(self, counter: list[int]) -> None:
        """The county edits reference data (a new holiday calendar) while townships work."""
        from app.server.reference import publish

        counter[0] += 1
        with self.sessions.begin() as session:
            publish(session, "holidays", {"edition": counter[0]})

    def code(self) -> str:
        with self.sessions.begin() as session:
            return accounts.make_enrollment_code(session, self.squad_id)

    def close(self) -> None:
        self.http.close()
        self.engine.dispose()


@dataclass
class Township:
    name: str
    county: County
    path: Path
    faults: Faults
    rng: random.Random
    secrets: dict[str, str] = field(default_factory=dict)
    crashes: int = 0
    failures: int = 0
    store: Store | None = None
    adapter: AppAdapter | None = None

    db: Any = None

    def open(self) -> None:
        if self.db is None:
            self.db = make_engine(self.path)
        self.store = Store(self.db)
        self.session, self.adapter = session_for(self.county.http, self.faults)
        self.engine = SyncEngine(self.store, client_factory=self.client)

    def enroll(self) -> None:
        enabled, self.faults.enabled = self.faults.enabled, False
        enroll(URL, self.county.code(), None, self.store, session=self.session,
               device_name=self.name, set_secret=self.secrets.__setitem__)
        self.faults.enabled = enabled

    def calm(self) -> None:
        self.faults.enabled = False
        self.faults.forced.clear()
        if self.adapter is not None:
            self.adapter.held.clear()

    def crash(self) -> None:
        """Power cut: memory gone (connections, sessions, engine state, cached token); the file
        is all that remains. The Engine object is kept only for its compiled-SQL cache."""
        self.crashes += 1
        self.store.dispose()
        self.open()

    @property
    def actor(self) -> Actor:
        if getattr(self, "_actor", None) is None:
            from app.sync.engine import enrollment

            e = enrollment(self.store)
            self._actor = Actor(user=self.name, squad_id=e.squad_id, device_id=e.device_id)
        return self._actor

    def client(self, enrolled: Enrollment) -> SyncClient:
        return SyncClient(URL, device_id=enrolled.device_id,
                          secret=lambda: self.secrets.get("sync.device_secret"),
                          session=self.session, sleep=lambda _s: None, retries=2,
                          rng=random.Random(self.rng.random()))

    def sync(self, page_size: int = 4) -> bool:
        self.engine.page_size = page_size
        try:
            self.engine.run()
            return True
        except SimCrash:
            self.crash()
        except SyncFailed:
            self.failures += 1
        return False

    # ---- edits --------------------------------------------------------------------------

    def notes(self, *, live: bool = True) -> list[SimNote]:
        with self.store.read() as session:
            query = select(SimNote).order_by(literal_column("sim_notes.rowid"))
            if live:
                query = query.where(SimNote.deleted.is_(False))
            return list(session.scalars(query))

    def edit(self, counter: list[int]) -> None:
        counter[0] += 1
        value = f"{self.name}-{counter[0]}"
        notes = self.notes()
        choice = self.rng.random()
        with self.store.write(self.actor, "sim.edit") as session:
            if choice > 0.86:
                # A badge from a tiny pool of codes: two PCs soon hold the same code, so each
                # parks the other's badge when it pulls it (fix_badges settles that at the end).
                taken = set(session.scalars(select(SimBadge.code)))
                code = f"K{counter[0] % 2}"
                session.add(SimBadge(id=str(uuid.UUID(int=self.rng.getrandbits(128), version=4)),
                                     code=code if code not in taken else value, holder=value))
                return
            if not notes or choice < 0.3:
                new = str(uuid.UUID(int=self.rng.getrandbits(128), version=4))
                session.add(SimNote(id=new, title=value, body="", count=0))
                return
            note = session.get(SimNote, self.rng.choice(notes).id)
            if choice < 0.38:
                note.deleted = True
                return
            for name in self.rng.sample(FIELDS, self.rng.randint(1, 2)):
                setattr(note, name, counter[0] if name == "count" else value)

    def resolve_one(self) -> None:
        from app.sync.conflicts import open_conflicts, resolve

        with self.store.read() as session:
            rows = open_conflicts(session)
        if rows:
            row = self.rng.choice(rows)
            try:
                resolve(self.store, self.actor, row.id, self.rng.choice(("local", "server")))
            except Exception as exc:  # noqa: BLE001 - NotFound for a record never pulled
                from app.errors import AppError

                if not isinstance(exc, AppError):
                    raise

    def pending(self) -> int:
        with self.store.read() as session:
            return len(session.scalars(select(OutboxEntry.seq).where(
                OutboxEntry.state == "pending")).all())


def settle(towns: list[Township], rounds: int = 8) -> None:
    """Calm network: sync until no one has anything left to send or fetch."""
    for town in towns:
        town.calm()
    for _ in range(rounds):
        for town in towns:
            assert town.sync(page_size=50), f"{town.name}: sync failed on a calm network"
        if all(t.pending() == 0 for t in towns):
            for town in towns:
                assert town.sync(page_size=50)
            return
    raise AssertionError("sync did not settle")


def fix_badges(towns: list[Township], rounds: int = 6) -> None:
    """What the clerk does about a parked county change: give the local badge in its way a new
    code. Then sync; repeat until nothing is parked anywhere."""
    from app.db.models.sync import ParkedChange
    from app.sync import protocol as p

    for round_ in range(rounds):
        busy = False
        for town in towns:
            with town.store.read() as session:
                rows = list(session.scalars(select(ParkedChange)))
            for row in rows:
                busy = True
                code = p.Change.model_validate(row.change).data["code"]
                with town.store.write(town.actor, "sim.fix_badge") as session:
                    blocker = session.scalar(select(SimBadge).where(SimBadge.code == code,
                                                                    SimBadge.id != row.entity_id))
                    if blocker is not None:
                        blocker.code = f"{town.name}-fix-{round_}-{blocker.id[:8]}"
        if not busy:
            return
        settle(towns)
    raise AssertionError("parked county changes did not clear")


def check_badges(county: County, towns: list[Township]) -> None:
    """Once the clashes are fixed, every PC holds every badge as the county does."""
    from app.db.models.sync import ParkedChange

    with county.sessions() as session:
        records = {r.entity_id: (r.data.get("code"), r.data.get("holder")) for r in session.scalars(
            select(Record).where(Record.entity == "sim_badges", Record.squad_id == county.squad_id))}
    for town in towns:
        with town.store.read() as session:
            assert not session.scalars(select(ParkedChange)).all(), f"{town.name} still parks"
            local = {b.id: (b.code, b.holder) for b in session.scalars(select(SimBadge))}
        assert local == records, f"{town.name} badges differ from the county"


def comparable(note: Any) -> dict[str, Any]:
    return {k: plain(getattr(note, k)) for k in ("id", "squad_id", "deleted", *FIELDS)}


def apply_holidays(session: Any, payload: Any, version: int) -> None:
    from app.sync import state

    state.put(session, "sim.holidays", json.dumps({"payload": payload, "version": version}))


def check_reference(county: County, towns: list[Township]) -> None:
    """Every township holds the county's latest publication, applied in the pull's transaction."""
    from app.server.models import ReferencePublication
    from app.sync import state

    with county.sessions() as session:
        latest = session.scalar(select(ReferencePublication).order_by(
            ReferencePublication.version.desc()).limit(1))
    for town in towns:
        with town.store.read() as session:
            held = state.get(session, "sim.holidays")
            versions = state.reference_versions(session)
        if latest is None:
            assert held is None and "holidays" not in versions
        else:
            assert json.loads(held) == {"payload": latest.payload, "version": latest.version}, town.name
            assert versions.get("holidays") == latest.version, town.name


def check_world(county: County, towns: list[Township]) -> None:
    """Everything acknowledged is there exactly once, replicas equal, conflicts surfaced."""
    with county.sessions() as session:
        squad = county.squad_id
        records = {r.entity_id: r for r in session.scalars(
            select(Record).where(Record.entity == "sim_notes", Record.squad_id == squad))}
        op_ids = [c.op_id for c in session.scalars(
            select(ChangeEntry).where(ChangeEntry.squad_id == squad)) if c.op_id]
        applied = {a.op_id: a for a in session.scalars(
            select(AppliedOp).where(AppliedOp.squad_id == squad))}
    twice = [op for op, n in Counter(op_ids).items() if n > 1]
    assert not twice, f"ops applied more than once: {twice}"
    server_rows = {
        eid: {"id": eid, "squad_id": r.data.get("squad_id"), "deleted": r.deleted,
              **{k: r.data.get(k) for k in FIELDS}}
        for eid, r in records.items()
    }
    for town in towns:
        assert town.pending() == 0, f"{town.name} still has pending changes"
        local = {n.id: comparable(n) for n in town.notes(live=False)}
        assert set(local) - set(server_rows) == set(), f"{town.name} has rows the county lacks"
        assert set(server_rows) - set(local) == set(), f"{town.name} lacks county rows"
        for eid, row in server_rows.items():
            assert local[eid] == row, f"{town.name} differs on {eid}: {local[eid]} != {row}"
        with town.store.read() as session:
            entries = list(session.scalars(select(OutboxEntry)))
            conflicts = {(c.entity_id, c.field) for c in session.scalars(select(SyncConflict))}
        for entry in entries:
            if entry.state == "sent":
                assert entry.op_id in applied, f"{town.name}: sent op {entry.op_id} unknown to county"
                result = applied[entry.op_id].result
                for clash in result.get("conflicts", []):
                    assert (entry.entity_id, clash["field"]) in conflicts, (
                        f"{town.name}: conflict on {entry.entity_id}.{clash['field']} not surfaced")
            elif entry.state == "parked":
                assert entry.parked_reason, "parked without a reason"
            else:
                raise AssertionError(f"unexpected outbox state {entry.state}")


# The only local tables a simulation writes (wiping all ~30 per seed costs more than a seed).
TOUCHED = {"outbox", "audit_log", "meta", "devices", "squads", "sync_conflicts", "sync_uploads",
           "sync_parked"}


class Lab:
    """One county and a few township stores, reused by every seed of a test run."""

    def __init__(self, county_template: Path, client_template: Path, folder: Path,
                 towns: int = 3) -> None:
        self.county = County(county_template, folder)
        self.paths = []
        self.engines = []
        for i in range(towns):
            path = folder / f"lab-town{i}.db"
            shutil.copy2(client_template, path)
            self.paths.append(path)
            self.engines.append(make_engine(path))

    def reset(self) -> None:
        import app.db.models  # noqa: F401
        from app.db.base import Base

        self.county.reset()
        touched = [t for t in Base.metadata.sorted_tables if t.name in TOUCHED]
        for engine in self.engines:
            engine.dispose()
            with engine.begin() as conn:
                for table in [*reversed(touched), *SimBase.metadata.sorted_tables]:
                    conn.execute(table.delete())

    def close(self) -> None:
        for engine in self.engines:
            engine.dispose()
        self.county.close()


def run_seed(seed: int, lab: Lab, *, steps: int = 15, towns: int = 2,
             faults: dict[str, float] | None = None) -> dict:
    rng = random.Random(seed)
    plan = faults or {"drop_request": 0.08, "drop_response": 0.08, "duplicate": 0.08,
                      "hold": 0.05, "replay": 0.1, "crash": 0.03}
    lab.reset()
    county = lab.county
    people: list[Township] = []
    reference.register("holidays", apply_holidays)
    try:
        for i in range(towns):
            town = Township(f"t{i}", county, lab.paths[i],
                            Faults(rng=random.Random(rng.random()), **plan),
                            random.Random(rng.random()))
            town.db = lab.engines[i]
            town.open()
            town.enroll()
            people.append(town)
        counter = [0]
        for _ in range(steps):
            town = rng.choice(people)
            action = rng.random()
            if action < 0.42:
                town.edit(counter)
            elif action < 0.45:
                county.publish(counter)
            elif action < 0.85:
                town.sync()
            elif action < 0.92:
                town.crash()
            else:
                town.resolve_one()
        settle(people)
        check_world(county, people)
        check_reference(county, people)
        fix_badges(people)
        check_world(county, people)
        check_badges(county, people)
        return {"crashes": sum(t.crashes for t in people),
                "failures": sum(t.failures for t in people),
                "edits": counter[0]}
    finally:
        reference.unregister("holidays")
        for town in people:
            town.store.dispose()
