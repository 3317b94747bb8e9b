"""The Windows installer script compiles with makensis (Debian's nsis) — warnings are errors."""

from __future__ import annotations

import shutil
import subprocess
from pathlib import Path

import pytest

from app import __version__

ROOT = Path(__file__).resolve().parents[2]
SCRIPT = ROOT / "installer" / "windows" / "squaddesk.nsi"


@pytest.fixture
def fake_bundle(tmp_path: Path) -> Path:
    """Stands in for dist/squaddesk (built on Windows); the script only needs files to pack."""
    dist = tmp_path / "dist" / "squaddesk"
    (dist / "_internal" / "resources").mkdir(parents=True)
    (dist / "squaddesk.exe").write_bytes(b"MZ placeholder")
    (dist / "_internal" / "resources" / "说明.txt").write_text("中文文件名", encoding="utf-8")
    return dist


def test_installer_script_compiles_without_warnings(fake_bundle: Path, tmp_path: Path):
    makensis = shutil.which("makensis")
    assert makensis, "makensis missing: scripts/bootstrap.sh installs Debian's nsis"
    out = tmp_path / "squaddesk-setup-test.exe"
    result = subprocess.run(
        [makensis, "-V2", "-WX", f"-DVERSION={__version__}", f"-DDIST={fake_bundle}",
         f"-DOUTFILE={out}", str(SCRIPT)],
        capture_output=True, text=True, cwd=SCRIPT.parent, timeout=120,
    )
    assert result.returncode == 0, result.stdout + result.stderr
    assert out.stat().st_size > 50_000
    assert out.read_bytes()[:2] == b"MZ"


def test_uninstaller_keeps_data_unless_ticked():
    text = SCRIPT.read_text(encoding="utf-8")
    data_section = next(line for line in text.splitlines() if "删除本机数据" in line and "Section" in line)
    assert data_section.startswith("Section /o"), "the data-removal section must be unticked by default"
    assert 'MUI_LANGUAGE "SimpChinese"' in text
