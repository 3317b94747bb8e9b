"""Render bench-results.json as a Markdown table; with --update-readme, replace the table in README.md
between the BENCH markers so the README always shows the latest figures."""

from __future__ import annotations

import argparse
import json
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
START, END = "<!-- BENCH:START -->", "<!-- BENCH:END -->"


def table() -> str:
    path = ROOT / "bench-results.json"
    if not path.exists():
        return "_No benchmark has been run yet: `make bench`._"
    results = json.loads(path.read_text(encoding="utf-8"))["results"]
    lines = ["| benchmark | figure | value | goal | measured |", "|---|---|---|---|---|"]
    for r in results:
        value = f"{r['value']} {r['unit']}".strip()
        note = f" ({r['note']})" if r.get("note") else ""
        lines.append(f"| {r['bench']} | {r['metric']}{note} | {value} | {r.get('goal', '')} | {r['at'][:10]} |")
    machine = results[0]["machine"] if results else ""
    return "\n".join(lines) + (f"\n\nMachine: {machine}." if machine else "")


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--update-readme", action="store_true")
    args = parser.parse_args()
    rendered = table()
    if not args.update_readme:
        print(rendered)
        return
    readme = ROOT / "README.md"
    text = readme.read_text(encoding="utf-8")
    if START not in text or END not in text:
        raise SystemExit("README.md has no BENCH markers")
    head, rest = text.split(START, 1)
    _, tail = rest.split(END, 1)
    readme.write_text(f"{head}{START}\n{rendered}\n{END}{tail}", encoding="utf-8")


if __name__ == "__main__":
    main()
