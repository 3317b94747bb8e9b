"""Benchmarks record their figures here: bench-results.json at the repo root, one entry per figure.

Each script calls `record(bench, metric, value, unit, goal=..., note=...)`; the latest value of
each (bench, metric) replaces the older one, so the file is always "the latest run of each".
"""

from __future__ import annotations

import json
import os
import platform
import statistics
import tempfile
from datetime import datetime, timezone
from pathlib import Path

RESULTS = Path(__file__).resolve().parents[2] / "bench-results.json"


def percentile(values: list[float], pct: float) -> float:
    ordered = sorted(values)
    if not ordered:
        return float("nan")
    k = (len(ordered) - 1) * pct / 100
    lo, hi = int(k), min(int(k) + 1, len(ordered) - 1)
    return ordered[lo] + (ordered[hi] - ordered[lo]) * (k - lo)


def median(values: list[float]) -> float:
    return statistics.median(values)


def record(bench: str, metric: str, value: float, unit: str, *, goal: str = "", note: str = "") -> None:
    data = json.loads(RESULTS.read_text(encoding="utf-8")) if RESULTS.exists() else {"results": []}
    data["results"] = [
        r for r in data["results"] if not (r["bench"] == bench and r["metric"] == metric)
    ]
    data["results"].append({
        "bench": bench,
        "metric": metric,
        "value": round(value, 3) if isinstance(value, float) else value,
        "unit": unit,
        "goal": goal,
        "note": note,
        "at": datetime.now(timezone.utc).isoformat(timespec="seconds"),
        "machine": f"{platform.machine()} {os.cpu_count()} cores, Python {platform.python_version()}",
    })
    data["results"].sort(key=lambda r: (r["bench"], r["metric"]))
    fd, tmp = tempfile.mkstemp(dir=RESULTS.parent, suffix=".tmp")
    with os.fdopen(fd, "w", encoding="utf-8") as out:
        json.dump(data, out, ensure_ascii=False, indent=1)
    os.replace(tmp, RESULTS)
    print(f"{bench:28s} {metric:40s} {value!s:>12} {unit:6s} {goal}")
