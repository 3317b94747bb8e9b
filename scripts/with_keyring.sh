#!/usr/bin/env bash
# Run a command with a Secret Service available. On a desktop session the user's own keyring is
# used as is. On a headless machine (no D-Bus session: SSH, CI, Xvfb) a private D-Bus session is
# started with gnome-keyring unlocked by a development password, so `make run` works there too.
# The keyring file persists in ~/.local/share/keyrings, so the demo data folder's key survives
# between runs. Never use this wrapper on a production PC: there the Windows/desktop keyring holds
# the key.
set -euo pipefail
if [ -n "${DBUS_SESSION_BUS_ADDRESS:-}" ]; then
  exec "$@"
fi
export SQUADDESK_DEV_KEYRING_PASSWORD="${SQUADDESK_DEV_KEYRING_PASSWORD:-squaddesk-dev}"
exec dbus-run-session -- bash -c '
  printf %s "$SQUADDESK_DEV_KEYRING_PASSWORD" | gnome-keyring-daemon --unlock --components=secrets >/dev/null
  exec "$@"' _ "$@"
