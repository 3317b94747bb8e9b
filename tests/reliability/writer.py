"""Child side of the crash harness: saves through the Store and says "ACK" after each commit.

Run as `python tests/reliability/writer.py zygote`. The zygote imports everything once and then,
for each "run <db> <seed>" line on stdin, forks a child that opens the store and saves forever (the
parent SIGKILLs it at a random moment). Forking a warmed-up interpreter costs milliseconds instead
of the ~0.5 s of a fresh `python`, which is what lets the normal suite afford 200+ kill points.
No database is opened before the fork.

Child output, one line per event, written with a single os.write so a kill never leaves half a
line: `START <pid>`, then `ACK <entity>:<id>:<revision> …` after `store.write` returned (the commit
is on disk), then nothing: it dies mid-flight. The zygote writes `EXIT <pid> <status>`.

Operations are picked by a seeded RNG: insert 1–3 notes in one transaction, update or tombstone a
note, rename the squad (an unpushed synced row), checkpoint the WAL, take a backup, apply a pull
page from the county through app.sync.pull (origin "sync": audited, not pushed, cursor saved in
the same transaction), import a roster through app.officers.roster_import (all rows or none). An
operation is `fn(store, rng, folder) -> list[str]` returning ACK tokens for the rows it committed.
"""

from __future__ import annotations

import os
import random
import time
import uuid
import sys
from collections.abc import Callable
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[2]))
sys.path.insert(0, str(Path(__file__).resolve().parent))

from sqlalchemy import func, select  # noqa: E402

from app.context import Actor  # noqa: E402
from app.db.engine import checkpoint  # noqa: E402
from app.db.models import Squad  # noqa: E402
from app.db.store import Store  # noqa: E402
from reliability_model import Note  # noqa: E402

KEY_ENV = "SQUADDESK_HARNESS_KEY"
ACTOR = Actor(user="harness", squad_id="00000000-0000-4000-8000-000000000001",
              device_id="00000000-0000-4000-8000-0000000000d1", roles=frozenset({"clerk"}))


def say(line: str) -> None:
    os.write(1, (line + "\n").encode("utf-8"))


def token(row) -> str:  # noqa: ANN001
    return f"{row.__tablename__}:{row.id}:{row.revision}"


ACK_EARLY_ENV = "SQUADDESK_HARNESS_ACK_EARLY"


def op_insert(store: Store, rng: random.Random, _folder: Path) -> list[str]:
    with store.write(ACTOR, "note.create", summary="harness insert") as s:
        notes = [Note(title=f"记录{rng.randrange(10**6)}", body="身份证 11010519491231002X " * rng.randint(0, 40))
                 for _ in range(rng.randint(1, 3))]
        s.add_all(notes)
        if os.environ.get(ACK_EARLY_ENV):
            # Negative control: a program that acknowledges before COMMIT. The harness must
            # catch it losing saves, or the harness proves nothing.
            s.flush()
            say("ACK " + " ".join(token(n) for n in notes))
            time.sleep(0.02)  # widen the ACK-to-COMMIT window so kills land in it
            return []
    return [token(n) for n in notes]


def _random_note(session, rng: random.Random) -> Note | None:  # noqa: ANN001
    count = session.scalar(select(func.count()).select_from(Note))
    if not count:
        return None
    return session.scalars(select(Note).offset(rng.randrange(count)).limit(1)).first()


def op_update(store: Store, rng: random.Random, _folder: Path) -> list[str]:
    with store.write(ACTOR, "note.edit") as s:
        note = _random_note(s, rng)
        if note is None:
            return []
        note.counter += 1
        note.title = f"改{rng.randrange(10**6)}"
    return [token(note)]


def op_tombstone(store: Store, rng: random.Random, _folder: Path) -> list[str]:
    with store.write(ACTOR, "note.delete") as s:
        note = _random_note(s, rng)
        if note is None or note.deleted:
            return []
        note.deleted = True
    return [token(note)]


def op_squad(store: Store, rng: random.Random, _folder: Path) -> list[str]:
    with store.write(ACTOR, "squad.edit") as s:
        squad = s.scalars(select(Squad).limit(1)).first()
        if squad is None:
            squad = Squad(name="怀远中队", issuing_authority="崇州市综合行政执法局")
            s.add(squad)
        else:
            squad.township = f"镇{rng.randrange(1000)}"
    return [token(squad)]


def op_checkpoint(store: Store, _rng: random.Random, _folder: Path) -> list[str]:
    checkpoint(store.engine)
    return []


def op_backup(store: Store, _rng: random.Random, folder: Path) -> list[str]:
    from app.db.backup import make_backup

    make_backup(store, folder / "backups", key=bytes.fromhex(os.environ[KEY_ENV]), kind="manual")
    return []


def op_sync_pull(store: Store, rng: random.Random, _folder: Path) -> list[str]:
    """One page of a pull from the county applied the way app.sync.pull.Puller applies it:
    squads created or renamed by the county, and the cursor, in one `origin="sync"` transaction."""
    from app.clock import utc_now
    from app.sync import protocol as p
    from app.sync import state
    from app.sync.pull import PullReport, apply_page

    with store.write(ACTOR, "sync.pull", origin="sync") as s:
        cursor = state.cursor(s)
        known = s.scalars(select(Squad.id).order_by(Squad.id)).all()
        changes = []
        for n in range(rng.randint(1, 3)):
            existing = known and rng.random() < 0.5
            squad_id = rng.choice(known) if existing else str(uuid.UUID(int=rng.getrandbits(128), version=4))
            row = s.get(Squad, squad_id) if existing else None
            changes.append(p.Change(
                seq=cursor + n + 1, entity="squads", entity_id=squad_id,
                revision=(row.revision + 1) if row else 1, deleted=False, updated_at=utc_now(),
                data={"name": f"县局下发中队{rng.randrange(1000)}", "township": "",
                      "issuing_authority": "崇州市综合行政执法局", "authority_short": "",
                      "squad_id": ACTOR.squad_id}))
        page = p.PullResponse(server_time=utc_now(), changes=changes,
                              next_cursor=cursor + len(changes), has_more=False)
        apply_page(s, page, PullReport())
        state.put(s, state.K_CURSOR, str(page.next_cursor))
    return [f"squads:{c.entity_id}:{c.revision}" for c in changes]


IMPORTER = Actor(user="admin", squad_id=ACTOR.squad_id, device_id=ACTOR.device_id,
                 roles=frozenset({"admin"}))
ROSTER_HEADER = ["姓名", "性别", "身份证号码", "单位", "人员类别", "执法证号", "执法类别", "发证日期",
                 "有效期至", "证件状态", "法制审核", "法律职业资格证号"]


def op_import(store: Store, rng: random.Random, _folder: Path) -> list[str]:
    """A roster import (app.officers.roster_import): 1–4 officers, all or nothing, one transaction."""
    from datetime import date

    from app.db.models.officers import Officer
    from app.domain.identifiers import resident_id_check_char
    from app.officers.roster_file import table_from_rows
    from app.officers.roster_import import IMPORT_ACTION, RosterInvalid, import_table
    from app.settings import Preferences

    rows: list[list[object]] = [ROSTER_HEADER]
    id_numbers = []
    for _ in range(rng.randint(1, 4)):
        first17 = f"510184{rng.randint(1960, 2000)}0101{rng.randrange(1000):03d}"
        id_numbers.append(first17 + resident_id_check_char(first17))
        rows.append([f"队员{rng.randrange(10**4)}", "", id_numbers[-1], "崇州市综合行政执法局",
                     "在编执法人员", f"5101{rng.randrange(10**7):07d}", "城市管理", "2022-01-01",
                     "2027-12-31", "有效", "否", ""])
    if len(set(id_numbers)) != len(id_numbers):
        return []
    try:
        with store.write(IMPORTER, IMPORT_ACTION) as s:
            import_table(s, table_from_rows(rows), pattern=Preferences().certificate_pattern,
                         today=date(2026, 6, 1))
            officers = s.scalars(select(Officer).where(Officer.id_number.in_(id_numbers))).all()
    except RosterInvalid:
        return []  # a random roster that clashes with an earlier one (e.g. a reused cert number)
    return [token(o) for o in officers]


Operation = Callable[[Store, random.Random, Path], list[str]]
OPERATIONS: list[tuple[float, Operation]] = [
    (0.50, op_insert), (0.28, op_update), (0.06, op_tombstone), (0.08, op_squad),
    (0.04, op_checkpoint), (0.04, op_backup), (0.06, op_sync_pull), (0.03, op_import),
]


def warmed_store(db: Path, stores: dict[Path, Store]) -> Store:
    """The zygote's Store for `db`, its SQL already compiled, with no open connection.

    SQLAlchemy compiles statements lazily and caches them per engine; a child that built its own
    engine would spend most of a short life compiling. So the zygote runs one of each operation
    (real, committed writes; they simply are not ACKed) and closes its connections before forking.
    """
    store = stores.get(db)
    if store is None:
        store = stores[db] = Store.open(db, key=bytes.fromhex(os.environ[KEY_ENV]))
        rng = random.Random(0)
        early = os.environ.pop(ACK_EARLY_ENV, None)  # the warm-up prints nothing
        for _weight, op in OPERATIONS:
            if op is not op_backup:
                op(store, rng, db.parent)
        if early is not None:
            os.environ[ACK_EARLY_ENV] = early
    store.engine.dispose()
    return store


def child(store: Store, db: Path, seed: int) -> None:
    rng = random.Random(seed)
    say(f"START {os.getpid()}")
    weights = [w for w, _ in OPERATIONS]
    ops = [op for _, op in OPERATIONS]
    while True:
        op = rng.choices(ops, weights)[0]
        acked = op(store, rng, db.parent)
        if acked:
            say("ACK " + " ".join(acked))


RESTORER = Actor(user="admin", squad_id=ACTOR.squad_id, device_id=ACTOR.device_id,
                 roles=frozenset({"admin"}))


def warmed_restorer(db: Path, backup_path: Path, stores: dict[Path, Store]) -> Store:
    """As `warmed_store`, for restores: the zygote performs one restore itself first."""
    store = stores.get(db)
    if store is None:
        from app.db import backup as bk

        store = stores[db] = Store.open(db, key=bytes.fromhex(os.environ[KEY_ENV]))
        info = bk.parse_backup_name(backup_path)
        bk.restore(store, info, key=bytes.fromhex(os.environ[KEY_ENV]), actor=RESTORER,
                   folder=backup_path.parent, extra_models=[Note])
    store.engine.dispose()
    return store


def restore_child(store: Store, backup_path: Path) -> None:
    """Restore the same backup again and again (each carrying the unsent notes) until killed."""
    from app.db import backup as bk

    info = bk.parse_backup_name(backup_path)
    assert info is not None
    say(f"START {os.getpid()}")
    key = bytes.fromhex(os.environ[KEY_ENV])
    while True:
        result = bk.restore(store, info, key=key, actor=RESTORER, folder=backup_path.parent,
                            extra_models=[Note])
        say(f"RESTORED {result.carried_changes}")


def zygote() -> None:
    stores: dict[Path, Store] = {}
    for line in sys.stdin:
        parts = line.split()
        if not parts or parts[0] == "quit":
            return
        command, db, arg = parts
        store = warmed_store(Path(db), stores) if command == "run" else warmed_restorer(
            Path(db), Path(arg), stores)
        pid = os.fork()
        if pid == 0:
            try:
                if command == "restore":
                    restore_child(store, Path(arg))
                child(store, Path(db), int(arg))
            finally:
                os._exit(3)  # only reached if the child was not killed (an error)
        _, status = os.waitpid(pid, 0)
        say(f"EXIT {pid} {status}")


if __name__ == "__main__":
    zygote()
