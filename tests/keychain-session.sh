#!/bin/sh
# Runs a test inside its own D-Bus session with an unlocked gnome-keyring and a throw-away HOME, so keychain tests
# touch a real Secret Service and never the developer's own keyring.
set -eu
home=$(mktemp -d)
trap 'rm -rf "$home"' EXIT
export HOME="$home" XDG_DATA_HOME="$home/.local/share" XDG_RUNTIME_DIR="$home" XDG_CONFIG_HOME="$home/.config"
exec dbus-run-session -- sh -c 'eval "$(printf %s ncre-test | gnome-keyring-daemon --unlock --components=secrets)"; exec "$@"' sh "$@"
