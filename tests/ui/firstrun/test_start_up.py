"""ui.main.run_gui shows the first-run wizard before the login on a data folder with no accounts,
and goes straight to the login once someone can log in."""

from __future__ import annotations

import argparse
from pathlib import Path

import pytest

import ui.firstrun
import ui.main
from app.demo import seed_demo


def _args(data: Path, *, demo: bool = False) -> argparse.Namespace:
    return argparse.Namespace(data_dir=str(data), demo=demo, login=None, password_stdin=False,
                              exit_after_paint=False)


@pytest.fixture
def seen(monkeypatch: pytest.MonkeyPatch, qapp) -> list[str]:  # noqa: ANN001
    seen: list[str] = []

    def wizard(opened) -> bool:  # noqa: ANN001 - the clerk picks the demo
        seen.append("wizard")
        seed_demo(opened, cases=1)
        return True

    def sign_in(opened, _args, **_kwargs):  # noqa: ANN001, ANN003, ANN202
        seen.append("login")
        return None                                   # the clerk closes the login window

    monkeypatch.setattr(ui.firstrun, "run_first_run", wizard)
    monkeypatch.setattr(ui.main, "_sign_in", sign_in)
    return seen


def test_a_folder_without_accounts_shows_the_wizard_then_the_login(tmp_path, seen, secret_service):
    assert ui.main.run_gui(_args(tmp_path / "data")) == 0
    assert seen == ["wizard", "login"]
    assert ui.main.run_gui(_args(tmp_path / "data")) == 0      # the next start: accounts exist
    assert seen == ["wizard", "login", "login"]


def test_leaving_the_wizard_quits_without_a_login(tmp_path, seen, monkeypatch, secret_service):
    monkeypatch.setattr(ui.firstrun, "run_first_run", lambda opened: seen.append("wizard") and False)
    assert ui.main.run_gui(_args(tmp_path / "data")) == 0
    assert seen == ["wizard"]


def test_make_run_demo_folders_skip_the_wizard(tmp_path, seen, secret_service):
    assert ui.main.run_gui(_args(tmp_path / "data", demo=True)) == 0
    assert seen == ["login"]
