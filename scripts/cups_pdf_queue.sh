#!/usr/bin/env bash
# Make sure a CUPS print queue that "prints" to PDF files exists (cups-pdf backend), for the
# end-to-end printing test. Idempotent: starts cupsd only if it is not running, adds the queue
# only if it is missing. Prints the folder where cups-pdf writes this user's jobs.
#   scripts/cups_pdf_queue.sh [QUEUE]        (default queue: squaddesk-pdf)
set -euo pipefail
QUEUE="${1:-squaddesk-pdf}"
SUDO=""
if [ "$(id -u)" -ne 0 ]; then SUDO="sudo"; fi

for tool in cupsd lpadmin lpstat; do
  if ! command -v "$tool" >/dev/null 2>&1 && [ ! -x "/usr/sbin/$tool" ]; then
    echo "cups_pdf_queue: $tool missing (apt-get install cups printer-driver-cups-pdf)" >&2
    exit 3
  fi
done

if ! lpstat -r 2>/dev/null | grep -q "is running"; then
  $SUDO /usr/sbin/cupsd
  for _ in $(seq 1 50); do
    lpstat -r 2>/dev/null | grep -q "is running" && break
    sleep 0.2
  done
  lpstat -r 2>/dev/null | grep -q "is running" || { echo "cups_pdf_queue: cupsd did not start" >&2; exit 4; }
fi

if ! lpstat -p "$QUEUE" >/dev/null 2>&1; then
  PPD=/usr/share/ppd/cups-pdf/CUPS-PDF_opt.ppd
  if [ -f "$PPD" ]; then
    $SUDO /usr/sbin/lpadmin -p "$QUEUE" -v cups-pdf:/ -P "$PPD" -E
  else
    $SUDO /usr/sbin/lpadmin -p "$QUEUE" -v cups-pdf:/ -m raw -E
  fi
fi
$SUDO /usr/sbin/cupsenable "$QUEUE" 2>/dev/null || $SUDO cupsenable "$QUEUE"
$SUDO /usr/sbin/cupsaccept "$QUEUE" 2>/dev/null || $SUDO cupsaccept "$QUEUE"

# cups-pdf's output folder: `Out` in its configuration, ${HOME} being the job owner's home.
OUT='${HOME}/PDF'
if [ -r /etc/cups/cups-pdf.conf ]; then
  line="$(grep -E '^[[:space:]]*Out[[:space:]]' /etc/cups/cups-pdf.conf | tail -1 || true)"
  [ -n "$line" ] && OUT="$(echo "$line" | awk '{print $2}')"
fi
HOME_DIR="$(getent passwd "$(id -un)" | cut -d: -f6)"
echo "${OUT//\$\{HOME\}/$HOME_DIR}"
