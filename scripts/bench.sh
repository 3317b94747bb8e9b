#!/usr/bin/env bash
# Run every benchmark script under tests/bench/ (each prints its figures and records them in
# bench-results.json), then refresh the table in the README.
set -euo pipefail
cd "$(dirname "$0")/.."
status=0
for script in tests/bench/bench_*.py; do
  echo "== $script"
  scripts/with_keyring.sh .venv/bin/python "$script" || { echo "bench: $script failed" >&2; status=1; }
done
.venv/bin/python scripts/bench_table.py --update-readme
exit $status
