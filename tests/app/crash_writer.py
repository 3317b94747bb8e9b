"""Child process for the all-or-nothing kill test: writes journaled rows and ACKs each commit.

Usage: python crash_writer.py DB_PATH SEED
Prints "ACK <entity>:<id>" only after the transaction committed; the parent kills us at random.
"""

from __future__ import annotations

import random
import sys
from pathlib import Path

from app.context import Actor
from app.db.models.core import Squad
from app.db.store import Store


def main() -> None:
    path, seed = Path(sys.argv[1]), int(sys.argv[2])
    rng = random.Random(seed)
    store = Store.open(path)
    actor = Actor(user="kill-test", squad_id="00000000-0000-4000-8000-000000000001",
                  device_id="00000000-0000-4000-8000-0000000000d1")
    ids: list[str] = []
    i = 0
    while True:
        i += 1
        with store.write(actor, "test.write") as session:
            if ids and rng.random() < 0.4:
                row = session.get(Squad, rng.choice(ids))
                row.name = f"改名{i}"
                touched = row.id
            else:
                row = Squad(name=f"中队{i}", issuing_authority="崇州市综合行政执法局")
                session.add(row)
                session.flush()
                touched = row.id
        ids.append(touched)
        print(f"ACK {touched} {i}", flush=True)


if __name__ == "__main__":
    main()
