#!/usr/bin/env bash
# Build the Linux one-folder bundle and smoke-test it in a clean environment:
#   installer/build_linux.sh [DIST_DIR]     (default dist/)
# Prints the bundle size and the bundle's cold start (self-test) time.
set -euo pipefail
cd "$(dirname "$0")/.."
DIST="${1:-dist}"
WORK="${WORK_DIR:-build/pyinstaller}"
.venv/bin/pyinstaller --noconfirm --clean --log-level WARN --distpath "$DIST" --workpath "$WORK" \
  installer/squaddesk.spec
BUNDLE="$DIST/squaddesk"
echo "bundle: $BUNDLE ($(du -sh "$BUNDLE" | cut -f1))"
# A clean environment: no venv, no PYTHONPATH, an empty HOME, no display, no keyring.
HOME_DIR="$(mktemp -d)"
env -i PATH=/usr/bin:/bin HOME="$HOME_DIR" LANG=C.UTF-8 QT_QPA_PLATFORM=offscreen \
  "$BUNDLE/squaddesk" self-test
rm -rf "$HOME_DIR"
