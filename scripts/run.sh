#!/usr/bin/env bash
# The command behind `make run`: set up what is missing, then start squaddesk on its embedded
# default — a local data folder (.data/demo) seeded with demo data on first start.
set -euo pipefail
cd "$(dirname "$0")/.."
scripts/bootstrap.sh
DATA="${SQUADDESK_DATA:-$PWD/.data/demo}"
mkdir -p "$DATA"
if [ -z "${DISPLAY:-}" ] && [ -z "${WAYLAND_DISPLAY:-}" ]; then
  echo "run: no display found; starting under a virtual X display (xvfb-run)" >&2
  exec scripts/with_keyring.sh xvfb-run -a -s "-screen 0 1400x900x24" .venv/bin/squaddesk --data-dir "$DATA" --demo "$@"
fi
exec scripts/with_keyring.sh .venv/bin/squaddesk --data-dir "$DATA" --demo "$@"
