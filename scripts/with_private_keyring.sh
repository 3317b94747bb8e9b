#!/usr/bin/env bash
# Run a command inside a private D-Bus session with its own unlocked gnome-keyring (Secret Service).
#
# For CI and headless machines, where there is no desktop login to unlock a keyring:
#   scripts/with_private_keyring.sh .venv/bin/squaddesk check --data-dir /tmp/demo
# The keyring lives in a temporary folder and disappears afterwards, so data folders created
# inside it can only be opened inside the same run. Never use this for a real squad PC.
# Both daemons are stopped by pid when the command ends.
set -euo pipefail
if [ "$#" -eq 0 ]; then
  echo "usage: $0 command [args...]" >&2
  exit 2
fi
exec dbus-run-session -- bash -c '
  set -euo pipefail
  keyring_home="$(mktemp -d)"
  printf "%s" "${SQUADDESK_KEYRING_PASSWORD:-squaddesk-private-keyring}" |
    HOME="$keyring_home" XDG_DATA_HOME="$keyring_home/data" \
    gnome-keyring-daemon --foreground --unlock --components=secrets >/dev/null 2>&1 &
  keyring_pid=$!
  cleanup() { kill "$keyring_pid" 2>/dev/null || true; wait "$keyring_pid" 2>/dev/null || true; rm -rf "$keyring_home"; }
  trap cleanup EXIT
  for _ in $(seq 100); do
    if dbus-send --session --print-reply --dest=org.freedesktop.DBus /org/freedesktop/DBus \
         org.freedesktop.DBus.NameHasOwner string:org.freedesktop.secrets 2>/dev/null | grep -q true; then
      break
    fi
    sleep 0.1
  done
  "$@"
' bash "$@"
