#!/usr/bin/env bash
# kiosk.cage-session (issue 16): the kiosk's session script (packaging/kiosk/ncre-kiosk-session) starts cage with
# wlroots' headless backend; `ncre-desk --kiosk` runs inside it, on Qt's Wayland platform, and its window covers the
# output; the kiosk's folders are in the session's runtime folder. Exit 77 (skipped) where cage, Xwayland or Qt's
# Wayland plugin is not installed. cage refuses to run as root: as root, the session runs as nobody.
# Usage: cage-session.sh NCRE_DESK SESSION_SCRIPT
set -euo pipefail
desk=$1
session=$2
for need in cage Xwayland; do
    command -v "$need" >/dev/null || { echo "SKIP: $need is not installed (apt install cage xwayland)"; exit 77; }
done
compgen -G "/usr/lib/*/qt6/plugins/platforms/libqwayland-generic.so" >/dev/null \
    || { echo "SKIP: Qt's Wayland platform plugin is not installed (apt install qt6-wayland)"; exit 77; }

work=$(mktemp -d /tmp/ncre-cage.XXXXXX)
trap 'kill "${pid:-0}" 2>/dev/null || true; rm -rf "$work"' EXIT
mkdir -p "$work/run" "$work/prints"
chmod 0700 "$work/run"
printf '[kiosk]\nserver=https://ncre.example.invalid\nsite=bj-bit\nprinter=pdf:%s\n' "$work/prints" >"$work/kiosk.ini"
printf '480213\n480213\n' | QT_QPA_PLATFORM=offscreen "$desk" --kiosk-set-pin --kiosk-config "$work/kiosk.ini" >/dev/null

as=()
if [ "$(id -u)" = 0 ]; then
    chown -R 65534:65534 "$work"
    as=(setpriv --reuid=65534 --regid=65534 --clear-groups)
fi
"${as[@]}" env -i PATH=/usr/bin:/bin HOME="$work" XDG_RUNTIME_DIR="$work/run" \
    WLR_BACKENDS=headless WLR_LIBINPUT_NO_DEVICES=1 WLR_RENDERER=pixman \
    NCRE_DESK="$desk" NCRE_KIOSK_CONFIG="$work/kiosk.ini" NCRE_MODULE_DIR="${NCRE_MODULE_DIR:-}" \
    "$session" >"$work/log" 2>&1 &
pid=$!
for _ in $(seq 1 300); do
    grep -q "kiosk window covers the screen" "$work/log" && break
    kill -0 "$pid" 2>/dev/null || break
    sleep 0.1
done
cat "$work/log"
grep -q "welcome screen shown" "$work/log" || { echo "FAIL: the kiosk did not reach its welcome screen"; exit 1; }
grep -q "kiosk window covers the screen (.*platform wayland)" "$work/log" \
    || { echo "FAIL: the kiosk window does not cover cage's output"; exit 1; }
[ -d "$work/run/ncre-kiosk/data" ] || { echo "FAIL: the kiosk's folders are not in the session's runtime folder"; exit 1; }
echo "PASS: the kiosk runs in cage and covers its output"
