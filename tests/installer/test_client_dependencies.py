"""What the installer bundles is what `pip install .` installs: every third-party module the client
(app/ without app/server, and ui/) imports must come from a base dependency in pyproject.toml, not
from an extra that happens to be in the developer's venv. (pydantic was once only in [server].)
Also: every file the PyInstaller spec names exists."""

from __future__ import annotations

import ast
import re
import sys
import tomllib
from importlib.metadata import packages_distributions
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]
FIRST_PARTY = {"app", "ui"}
# Imported only inside a platform branch or as an optional fallback, never needed on Linux CI.
OPTIONAL = {"winreg", "ctypes"}


def _client_files() -> list[Path]:
    files = [p for p in (ROOT / "app").rglob("*.py") if "server" not in p.relative_to(ROOT / "app").parts[:1]]
    files += list((ROOT / "ui").rglob("*.py"))
    return [p for p in files if "migrations" not in p.parts or p.name != "env.py"]


def _imported_top_names(path: Path) -> set[str]:
    names: set[str] = set()
    for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
        if isinstance(node, ast.Import):
            names.update(alias.name.split(".")[0] for alias in node.names)
        elif isinstance(node, ast.ImportFrom) and node.level == 0 and node.module:
            names.add(node.module.split(".")[0])
    return names


def _normal(name: str) -> str:
    return re.sub(r"[-_.]+", "-", name).lower()


def _base_dependencies() -> set[str]:
    project = tomllib.loads((ROOT / "pyproject.toml").read_text(encoding="utf-8"))["project"]
    return {_normal(re.split(r"[<>=!~\[; ]", dep, maxsplit=1)[0]) for dep in project["dependencies"]}


def test_every_third_party_import_of_the_client_is_a_base_dependency():
    dists = packages_distributions()
    declared = _base_dependencies()
    missing: dict[str, list[str]] = {}
    for path in _client_files():
        for name in _imported_top_names(path):
            if name in FIRST_PARTY or name in sys.stdlib_module_names or name in OPTIONAL:
                continue
            providers = {_normal(d) for d in dists.get(name, [name])}
            # PySide6 is split into Essentials/Addons/Pdf wheels; any of them declared counts.
            if not providers & declared and not (name == "shiboken6" and "pyside6-essentials" in declared):
                missing.setdefault(name, []).append(str(path.relative_to(ROOT)))
    assert not missing, f"client imports not in pyproject's base dependencies: {missing}"


def test_files_the_spec_names_exist():
    spec = (ROOT / "installer" / "squaddesk.spec").read_text(encoding="utf-8")
    named = re.findall(r'ROOT((?:\s*/\s*"[^"]+")+)', spec)
    assert named, "no ROOT / ... paths found in the spec"
    for chain in named:
        parts = re.findall(r'"([^"]+)"', chain)
        assert (ROOT.joinpath(*parts)).exists(), f"the spec names {'/'.join(parts)}, which is missing"
