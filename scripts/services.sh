#!/usr/bin/env bash
# Start the services the test suite talks to, if they are not running: PostgreSQL (the county
# server's tests) and CUPS (the print round trip). The Secret Service (gnome-keyring in a private
# D-Bus session) is started by the tests themselves. Idempotent.
set -euo pipefail
SUDO=""
if [ "$(id -u)" -ne 0 ]; then SUDO="sudo"; fi

if command -v pg_lsclusters >/dev/null 2>&1; then
  while read -r ver name _port status _rest; do
    if [ "$status" != "online" ]; then
      $SUDO pg_ctlcluster "$ver" "$name" start
    fi
  done < <(pg_lsclusters -h)
fi

if command -v cupsd >/dev/null 2>&1 && ! lpstat -r 2>/dev/null | grep -q "is running"; then
  if command -v systemctl >/dev/null 2>&1 && systemctl is-system-running >/dev/null 2>&1; then
    $SUDO systemctl start cups || $SUDO cupsd
  else
    $SUDO cupsd
  fi
  for _ in $(seq 1 50); do lpstat -r 2>/dev/null | grep -q "is running" && break; sleep 0.1; done
fi
