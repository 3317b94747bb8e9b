"""Kill a writing process at random moments; nothing acknowledged is lost, nothing is corrupted,
and data, outbox and audit chain always agree. See harness.py for what is checked after each kill.

Normal suite: 200 kill points (≈ 30–60 s on two cores). `make test-slow`: 1,000.
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
    assert figures.acked_saves > 400, "kills landed too early to test anything"
    assert figures.backups_checked > 0
    assert figures.clean, figures.details[:10]


@pytest.mark.slow
def test_one_thousand_kills_lose_and_corrupt_nothing(migrated_template, tmp_path, capsys):
    figures = run(migrated_template, tmp_path, kills=1000, seed=1, max_delay_s=0.25)
    _report(figures, capsys)
    assert figures.kills == 1000
    assert figures.clean, figures.details[:10]


def test_the_harness_catches_a_writer_that_acknowledges_before_commit(migrated_template, tmp_path, capsys):
    figures = run(migrated_template, tmp_path, kills=25, seed=7, ack_early=True)
    _report(figures, capsys)
    assert figures.lost_saves > 0
