"""Kill a writing process at random moments; nothing acknowledged is lost, nothing is corrupted,
and data, outbox and audit chain always agree. See harness.py for what is checked after each kill.

Normal suite: 200 kill points, plus a 20-kill negative control and 15 kills during restores
(≈ 60–80 s on two busy cores). `make test-slow`: 1,000 kill points (≈ 7 min).
"""

from __future__ import annotations

import pytest

from harness import run


def _report(figures, capsys) -> None:  # noqa: ANN001
    with capsys.disabled():
        print("\n" + figures.line())
        for detail in figures.details[:20]:
            print("  ", detail)


def test_two_hundred_kills_lose_and_corrupt_nothing(migrated_template, tmp_path, capsys):
    figures = run(migrated_template, tmp_path, kills=200, seed=20261128)
    _report(figures, capsys)
    assert figures.kills == 200
    assert figures.acked_saves >= figures.kills, "kills landed too early to test anything"
    assert figures.backups_checked > 0
    assert figures.clean, figures.details[:10]


@pytest.mark.slow
def test_one_thousand_kills_lose_and_corrupt_nothing(migrated_template, tmp_path, capsys):
    figures = run(migrated_template, tmp_path, kills=1000, seed=1, max_delay_s=0.25)
    _report(figures, capsys)
    assert figures.kills == 1000
    assert figures.clean, figures.details[:10]


def test_the_harness_catches_a_writer_that_acknowledges_before_commit(migrated_template, tmp_path, capsys):
    figures = run(migrated_template, tmp_path, kills=20, seed=7, ack_early=True)
    _report(figures, capsys)
    assert figures.lost_saves > 0


def test_killing_a_restore_never_loses_unsent_changes(migrated_template, tmp_path, capsys):
    """Restore the same backup over and over in a child and SIGKILL it at random moments: the
    live database stays intact, and every note not yet sent to the county survives every time."""
    import os
    import random
    import signal

    from sqlalchemy import select

    from app.context import Actor
    from app.db import backup as bk
    from app.db.store import Store
    from app.security.audit_check import verify_chain
    from harness import Zygote, kill_once, prepare
    from reliability_model import Note

    rng = random.Random(99)
    key = rng.randbytes(32)
    db = prepare(migrated_template, tmp_path / "db", key)
    store = Store.open(db, key=key)
    actor = Actor("clerk", "00000000-0000-4000-8000-000000000001", "00000000-0000-4000-8000-0000000000d1",
                  frozenset({"clerk"}))
    with store.write(actor, "note.create") as s:
        s.add_all([Note(title=f"备份前{i}") for i in range(5)])
    backup = bk.make_backup(store, tmp_path / "db" / "backups", key=key)
    with store.write(actor, "note.create") as s:
        unsent = [Note(title=f"备份后未上报{i}") for i in range(5)]
        s.add_all(unsent)
    must_survive = {n.id for n in unsent}
    store.dispose()

    zygote = Zygote(key)
    kills = restores = problems = 0
    check = Store.open(db, key=key)  # compiled once; its connections are closed after each check
    try:
        for _ in range(15):
            tokens, exit_line = kill_once(zygote, db, seed=str(backup.path), delay_s=rng.uniform(0, 0.8),
                                          command="restore")
            status = int(exit_line.split()[2])
            assert os.WIFSIGNALED(status) and os.WTERMSIG(status) == signal.SIGKILL, exit_line
            kills += 1
            restores += tokens.count("RESTORED")
            try:
                with check.engine.connect() as conn:
                    if conn.exec_driver_sql("PRAGMA integrity_check").scalar() != "ok":
                        problems += 1
                with check.read() as s:
                    present = set(s.scalars(select(Note.id)))
                    if not must_survive <= present or not verify_chain(s, models=[Note]).ok:
                        problems += 1
            finally:
                check.engine.dispose()
    finally:
        zygote.close()
        check.dispose()
    with capsys.disabled():
        print(f"\nrestore under SIGKILL: {kills} kills, {restores} restores completed, {problems} problems")
    assert restores > 0 and problems == 0
