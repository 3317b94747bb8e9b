#!/usr/bin/env bash
# Set up everything squaddesk needs on a Debian/Ubuntu machine, installing only what is missing:
# Debian packages (through apt-get, with sudo where not root), then the virtual environment.
# A second run finds everything present and returns in about a second.
#   scripts/bootstrap.sh            runtime + test needs
#   scripts/bootstrap.sh --bench    also what the benchmarks compare against (LibreOffice)
set -euo pipefail
cd "$(dirname "$0")/.."

WANT_BENCH=0
[ "${1:-}" = "--bench" ] && WANT_BENCH=1

SUDO=""
if [ "$(id -u)" -ne 0 ]; then SUDO="sudo"; fi

# Qt's xcb/offscreen runtime, TrueType CJK fonts reportlab can embed, PDF tools, a virtual display,
# CUPS with the PDF backend, a real Secret Service for keyring tests, PostgreSQL for the server.
PACKAGES=(
  python3-venv
  libegl1 libgl1 libglib2.0-0 libfontconfig1 libdbus-1-3 libxkbcommon0 libxkbcommon-x11-0
  libxcb-cursor0 libxcb-icccm4 libxcb-image0 libxcb-keysyms1 libxcb-randr0 libxcb-render-util0
  libxcb-shape0 libxcb-xinerama0 libxcb-xkb1 libnss3 libxcomposite1 libxdamage1 libxrandr2 libxtst6
  fonts-arphic-uming fonts-arphic-ukai fonts-wqy-zenhei
  poppler-utils xvfb xauth
  cups cups-client cups-bsd printer-driver-cups-pdf
  gnome-keyring dbus dbus-x11
  postgresql
  nsis
)
# The ALSA library was renamed on newer Ubuntu; take whichever this release has.
if apt-cache show libasound2t64 >/dev/null 2>&1; then PACKAGES+=(libasound2t64); else PACKAGES+=(libasound2); fi
if [ "$WANT_BENCH" = 1 ]; then PACKAGES+=(libreoffice-writer-nogui); fi

missing=()
for pkg in "${PACKAGES[@]}"; do
  if ! dpkg-query -W -f='${Status}' "$pkg" 2>/dev/null | grep -q "install ok installed"; then
    missing+=("$pkg")
  fi
done
if [ ${#missing[@]} -gt 0 ]; then
  echo "bootstrap: installing Debian packages: ${missing[*]}"
  $SUDO apt-get update -qq
  DEBIAN_FRONTEND=noninteractive $SUDO apt-get install -y -qq --no-install-recommends "${missing[@]}" >/dev/null
fi

PYTHON="${PYTHON:-python3}"
if ! "$PYTHON" -c 'import sys; sys.exit(0 if sys.version_info >= (3, 11) else 1)'; then
  echo "bootstrap: squaddesk needs Python 3.11 or newer; $("$PYTHON" --version) found" >&2
  exit 1
fi
if [ ! -x .venv/bin/python ]; then
  echo "bootstrap: creating .venv"
  "$PYTHON" -m venv .venv
fi
EXTRAS="server,test"
STAMP=.venv/.squaddesk-installed
if [ "$WANT_BENCH" = 1 ]; then EXTRAS="server,test,bench"; STAMP=.venv/.squaddesk-installed-bench; fi
if [ ! -f "$STAMP" ] || [ pyproject.toml -nt "$STAMP" ]; then
  echo "bootstrap: installing Python packages into .venv"
  .venv/bin/python -m pip install -q --upgrade pip
  .venv/bin/python -m pip install -q -e ".[$EXTRAS]"
  touch "$STAMP"
fi
