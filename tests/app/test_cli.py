"""The `squaddesk` command line as an administrator's script would use it."""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

import pytest
from sqlalchemy import text

from app import __version__
from app.cli import main
from app.db.engine import make_engine
from app.paths import AppPaths

ROOT = Path(__file__).resolve().parents[2]

# Opening a data folder takes its key from the OS keyring: these tests run on a real one.
pytestmark = pytest.mark.usefixtures("secret_service")


def _squaddesk(*args: str, env: dict | None = None) -> subprocess.CompletedProcess:
    return subprocess.run([sys.executable, "-m", "ui.launcher", *args], capture_output=True,
                          text=True, cwd=ROOT, env=dict(os.environ, **(env or {})), timeout=120)


def test_version_is_printed():
    result = _squaddesk("--version")
    assert result.returncode == 0 and result.stdout.strip() == f"squaddesk {__version__}"


def test_demo_data_then_check_reports_a_sound_folder(tmp_path: Path, capsys):
    assert main(["--data-dir", str(tmp_path), "demo-data"]) == 0
    assert "演示数据已写入" in capsys.readouterr().out
    assert main(["--data-dir", str(tmp_path), "check"]) == 0
    line = capsys.readouterr().out.strip()
    assert line.startswith("正常") and "数据库完整性检查通过" in line and "\n" not in line


def test_demo_data_twice_writes_nothing_new(tmp_path: Path, capsys):
    main(["--data-dir", str(tmp_path), "demo-data"])
    main(["--data-dir", str(tmp_path), "demo-data"])
    assert "未重复写入" in capsys.readouterr().out


def test_check_finds_an_edited_audit_entry(tmp_path: Path, capsys):
    main(["--data-dir", str(tmp_path), "demo-data"])
    engine = make_engine(AppPaths.in_folder(tmp_path).database, key=_key(tmp_path))
    with engine.begin() as conn:
        conn.execute(text("UPDATE audit_log SET actor = '冒名者' WHERE seq = 1"))
    engine.dispose()
    capsys.readouterr()
    assert main(["--data-dir", str(tmp_path), "check"]) == 1
    assert capsys.readouterr().out.startswith("发现问题")


def test_data_dir_flag_beats_the_environment(tmp_path: Path, monkeypatch):
    monkeypatch.setenv("SQUADDESK_DATA", str(tmp_path / "from-env"))
    assert AppPaths.choose(str(tmp_path / "flag")).root == (tmp_path / "flag").resolve()
    assert AppPaths.choose(None).root == (tmp_path / "from-env").resolve()


def test_subcommands_never_load_qt(tmp_path: Path):
    code = (
        "import sys; from app.cli import main\n"
        f"main(['--data-dir', {str(tmp_path)!r}, 'check'])\n"
        "sys.exit(1 if any(m.startswith('PySide6') for m in sys.modules) else 0)\n"
    )
    result = subprocess.run([sys.executable, "-c", code], cwd=ROOT, capture_output=True, text=True)
    assert result.returncode == 0, result.stderr


def test_an_app_error_is_a_chinese_message_not_a_traceback(tmp_path: Path):
    (tmp_path / "settings.json").write_text("{broken", encoding="utf-8")
    result = _squaddesk("--data-dir", str(tmp_path), "check")
    assert result.returncode == 2
    assert "设置文件" in result.stderr and "Traceback" not in result.stderr


def _key(folder: Path) -> bytes | None:
    from app.bootstrap import database_key

    return database_key(AppPaths.in_folder(folder))


def test_no_demo_id_number_is_readable_in_the_data_folder(tmp_path: Path):
    """`strings` on the database and evidence folder must find no ID number from the demo data:
    every file of a demo-seeded folder is scanned for every party's and officer's ID number."""
    from sqlalchemy import select

    from app.bootstrap import open_data_folder
    from app.db.models.cases import Party
    from app.db.models.officers import Officer

    assert main(["--data-dir", str(tmp_path), "demo-data"]) == 0
    opened = open_data_folder(AppPaths.in_folder(tmp_path), log_to_file=False)
    with opened.store.read() as session:
        numbers = {n for n in session.scalars(select(Party.id_number)) if n and len(n) >= 15}
        numbers |= {n for n in session.scalars(select(Officer.id_number)) if n}
    opened.store.dispose()
    assert len(numbers) >= 5
    found = []
    for file in tmp_path.rglob("*"):
        if file.is_file():
            data = file.read_bytes()
            found += [f"{file.name}: {n}" for n in numbers
                      if n.encode() in data or n.encode("utf-16-le") in data]
    assert found == []
