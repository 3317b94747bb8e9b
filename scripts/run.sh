#!/usr/bin/env bash
# The command behind `make run`: set up what is missing, then start squaddesk on its embedded
# default — a local data folder (.data/demo) seeded with demo data on first start, enrolled with a
# local county server (.data/county, SQLite, TLS with a private CA) that runs while the app does.
set -euo pipefail
cd "$(dirname "$0")/.."
scripts/bootstrap.sh
if [ -z "${DISPLAY:-}" ] && [ -z "${WAYLAND_DISPLAY:-}" ]; then
  echo "run: no display found; starting under a virtual X display (xvfb-run)" >&2
  exec scripts/with_keyring.sh xvfb-run -a -s "-screen 0 1400x900x24" \
    .venv/bin/python scripts/demo_county.py "$@"
fi
exec scripts/with_keyring.sh .venv/bin/python scripts/demo_county.py "$@"
