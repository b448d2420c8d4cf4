#!/usr/bin/env bash
# Runs a command beside a private CUPS daemon with one queue, ncre-test-pdf, that prints through the cups-pdf
# backend (Debian printer-driver-cups-pdf): issue 16's «a real CUPS queue in tests». The command gets CUPS_SERVER
# (the daemon's socket), NCRE_CUPS_QUEUE and NCRE_CUPS_PDF_OUT (where cups-pdf writes what was printed).
# cupsd runs its backends as root, so this needs root, cupsd and cups-pdf; without them the command runs with
# NCRE_CUPS_UNAVAILABLE set to the reason (the test says so and skips that part).
set -euo pipefail
reason=
[ "$(id -u)" = 0 ] || reason="not root (cupsd's cups-pdf backend runs as root)"
command -v cupsd >/dev/null || reason="no cupsd (apt install cups)"
[ -x /usr/lib/cups/backend/cups-pdf ] || reason="no cups-pdf backend (apt install printer-driver-cups-pdf)"
if [ -n "$reason" ]; then
    NCRE_CUPS_UNAVAILABLE="$reason" exec "$@"
fi
dir=$(mktemp -d /tmp/ncre-cups.XXXXXX)
mkdir -p "$dir/ppd" "$dir/spool" "$dir/cache" "$dir/state" "$dir/tmp" "$dir/log"
chmod 0755 "$dir"
# Filters run as the unprivileged lp user and need a temporary folder they may write to.
chmod 1777 "$dir/tmp"
cat >"$dir/cupsd.conf" <<CONF
Listen $dir/cups.sock
LogLevel warn
WebInterface No
Browsing No
DefaultAuthType None
<Location />
  Order allow,deny
  Allow all
</Location>
<Policy default>
  <Limit All>
    Order deny,allow
  </Limit>
</Policy>
CONF
cat >"$dir/cups-files.conf" <<CONF
ServerRoot $dir
RequestRoot $dir/spool
CacheDir $dir/cache
StateDir $dir/state
TempDir $dir/tmp
ErrorLog $dir/log/error_log
AccessLog $dir/log/access_log
PageLog $dir/log/page_log
ServerBin /usr/lib/cups
DataDir /usr/share/cups
SystemGroup root
FileDevice No
CONF
cupsd -f -c "$dir/cupsd.conf" -s "$dir/cups-files.conf" &
cupsd_pid=$!
cleanup() { kill "$cupsd_pid" 2>/dev/null || true; wait "$cupsd_pid" 2>/dev/null || true; [ -n "${NCRE_CUPS_KEEP:-}" ] || rm -rf "$dir"; }
trap cleanup EXIT
for _ in $(seq 1 100); do [ -S "$dir/cups.sock" ] && break; sleep 0.1; done
export CUPS_SERVER="$dir/cups.sock"
lpadmin -p ncre-test-pdf -E -v cups-pdf:/ -P /usr/share/ppd/cups-pdf/CUPS-PDF_opt.ppd
# cups-pdf writes into the submitting user's ${HOME}/PDF (/etc/cups/cups-pdf.conf: Out ${HOME}/PDF).
out="$(getent passwd "$(id -un)" | cut -d: -f6)/PDF"
mkdir -p "$out"
export NCRE_CUPS_QUEUE=ncre-test-pdf NCRE_CUPS_PDF_OUT="$out"
"$@"
