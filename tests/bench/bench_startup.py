"""Cold start to the main window painted, on a 100k-case data folder, against a bare PySide6
QMainWindow started the same way in the same run (goal: ratio ≤ 1.3), and peak RSS.

Each start is a fresh process (`squaddesk --login wenshu --password-stdin --exit-after-paint`)
that prints two wall-clock marks: PAINTED, the main window's first paint (its start panel, before
the store layer is even imported), and READY, the case list of the signed-in clerk painted (the
store opened from the keyring, migrations checked, the password verified, the 100k-case list
queried). Both are reported; the ratio is the first, READY is the full price in milliseconds. The
start time is taken just before spawning. Runs offscreen. Needs a Secret Service (make bench runs
it inside scripts/with_keyring.sh).
"""

from __future__ import annotations

import os
import subprocess
import sys
import tempfile
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))
from _results import median, record  # noqa: E402

ROOT = Path(__file__).resolve().parents[2]
CASES = int(os.environ.get("BENCH_CASES", "100000"))
RUNS = int(os.environ.get("BENCH_RUNS", "5"))

BARE = """
import sys, time
from PySide6.QtCore import QEvent, QObject, QTimer
from PySide6.QtWidgets import QApplication, QMainWindow
class F(QObject):
    def eventFilter(self, w, e):
        if e.type() == QEvent.Type.Paint:
            print(f"PAINTED {time.time():.6f}", flush=True); w.removeEventFilter(self)
            QTimer.singleShot(0, QApplication.quit)
        return False
app = QApplication(sys.argv[:1]); w = QMainWindow(); w.resize(1280, 800)
f = F(w); w.installEventFilter(f); w.show(); app.exec()
"""


def _timed(cmd: list[str], stdin: str = "") -> tuple[dict[str, float], int]:
    """Seconds from spawn to each mark the child printed, and its own peak RSS (KiB, via wait4)."""
    env = dict(os.environ, QT_QPA_PLATFORM="offscreen")
    with tempfile.TemporaryFile() as err:
        start = time.time()
        proc = subprocess.Popen(cmd, stdin=subprocess.PIPE, stdout=subprocess.PIPE, stderr=err,
                                env=env, cwd=ROOT, text=True)
        proc.stdin.write(stdin)
        proc.stdin.close()
        out = proc.stdout.read()
        _, status, usage = os.wait4(proc.pid, 0)
        proc.returncode = os.waitstatus_to_exitcode(status)
        marks = {name: float(at) - start for name, at in
                 (line.split() for line in out.splitlines() if line.startswith(("PAINTED ", "READY ")))}
        if proc.returncode != 0 or "PAINTED" not in marks:
            err.seek(0)
            raise SystemExit(f"start failed ({proc.returncode}): {err.read()[-2000:]!r}")
    return marks, usage.ru_maxrss


def _prepare(folder: Path) -> None:
    from app.bootstrap import open_data_folder
    from app.cases.bench_data import make_bulk_cases
    from app.demo import seed_demo
    from app.paths import AppPaths

    opened = open_data_folder(AppPaths.in_folder(folder), log_to_file=False)
    seed_demo(opened, cases=0)
    t0 = time.perf_counter()
    make_bulk_cases(opened.store, CASES, squad_id=opened.squad_id)
    print(f"prepared {CASES} cases in {time.perf_counter() - t0:.1f} s")
    opened.store.dispose()


def main() -> None:
    from app.demo import DEMO_PASSWORD

    with tempfile.TemporaryDirectory() as tmp:
        folder = Path(tmp) / "data"
        _prepare(folder)
        app_cmd = [sys.executable, "-m", "ui.launcher", "--data-dir", str(folder), "--login",
                   "wenshu", "--password-stdin", "--exit-after-paint"]
        bare_cmd = [sys.executable, "-c", BARE]
        _timed(bare_cmd)          # warm the OS file cache for both, as a clerk's second start
        _timed(app_cmd, DEMO_PASSWORD + "\n")
        bare, app, ready, rss, bare_rss = [], [], [], 0, 0
        for _ in range(RUNS):     # interleaved so machine noise hits both alike
            marks, rss_kib = _timed(bare_cmd)
            bare.append(marks["PAINTED"])
            bare_rss = max(bare_rss, rss_kib)
            marks, rss_kib = _timed(app_cmd, DEMO_PASSWORD + "\n")
            if "READY" not in marks:
                raise SystemExit("squaddesk never painted its case list")
            app.append(marks["PAINTED"])
            ready.append(marks["READY"])
            rss = max(rss, rss_kib)
    ratio = median(app) / median(bare)
    record("startup", "bare QMainWindow to first paint (median)", median(bare) * 1000, "ms")
    record("startup", f"squaddesk main window first paint, {CASES} cases (median)",
           median(app) * 1000, "ms", note="start panel shown; the store layer loads after it")
    record("startup", "ratio squaddesk / bare", ratio, "x", goal="≤ 1.3")
    record("startup", f"squaddesk signed in, case list painted, {CASES} cases (median)",
           median(ready) * 1000, "ms",
           note="scripted login: keyring, migrations check, scrypt verify, first 200 rows")
    record("startup", f"squaddesk peak RSS, {CASES} cases", rss / 1024, "MiB")
    record("startup", "bare QMainWindow peak RSS", bare_rss / 1024, "MiB")


if __name__ == "__main__":
    main()
