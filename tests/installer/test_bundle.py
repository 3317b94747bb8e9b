"""The Linux bundle builds from the one spec and passes its self-test in a clean environment.

Also records bundle size and cold-start time beside the source-tree start (bench-results.json).
Takes about two minutes (PyInstaller analysing PySide6); it is part of the normal suite because
"the installer builds" is only true if CI builds it.
"""

from __future__ import annotations

import os
import subprocess
import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]
sys.path.insert(0, str(ROOT / "tests" / "bench"))


def _dir_size(path: Path) -> int:
    return sum(p.stat().st_size for p in path.rglob("*") if p.is_file() and not p.is_symlink())


def _clean_env(home: Path) -> dict[str, str]:
    return {"PATH": "/usr/bin:/bin", "HOME": str(home), "LANG": "C.UTF-8",
            "QT_QPA_PLATFORM": "offscreen"}


def test_linux_bundle_builds_and_self_tests_in_a_clean_environment(tmp_path: Path):
    from _results import record

    dist, work = tmp_path / "dist", tmp_path / "work"
    build = subprocess.run(
        [str(ROOT / ".venv" / "bin" / "pyinstaller"), "--noconfirm", "--log-level", "WARN",
         "--distpath", str(dist), "--workpath", str(work), str(ROOT / "installer" / "squaddesk.spec")],
        cwd=ROOT, capture_output=True, text=True, timeout=900,
    )
    assert build.returncode == 0, build.stderr[-3000:]
    exe = dist / "squaddesk" / "squaddesk"
    assert exe.exists()
    assert not list((dist / "squaddesk").rglob("fastapi")), "the county server must not be bundled"

    home = tmp_path / "home"
    home.mkdir()
    version = subprocess.run([str(exe), "--version"], env=_clean_env(home), capture_output=True,
                             text=True, timeout=60)
    assert version.returncode == 0 and version.stdout.startswith("squaddesk ")

    started = time.perf_counter()
    result = subprocess.run([str(exe), "self-test"], env=_clean_env(home), capture_output=True,
                            text=True, timeout=120)
    bundle_s = time.perf_counter() - started
    assert result.returncode == 0, result.stdout + result.stderr
    assert "自检通过" in result.stdout

    started = time.perf_counter()
    source = subprocess.run([sys.executable, "-m", "ui.launcher", "self-test"], cwd=ROOT,
                            env=dict(os.environ, QT_QPA_PLATFORM="offscreen"),
                            capture_output=True, text=True, timeout=120)
    source_s = time.perf_counter() - started
    assert source.returncode == 0, source.stderr

    record("installer", "Linux bundle size", _dir_size(dist / "squaddesk") / 2**20, "MiB")
    record("installer", "bundle: self-test wall time (cold start incl.)", bundle_s * 1000, "ms")
    record("installer", "source tree: self-test wall time", source_s * 1000, "ms")
