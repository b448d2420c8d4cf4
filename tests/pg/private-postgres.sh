#!/usr/bin/env bash
# Runs a command with a throwaway PostgreSQL cluster of its own (issue 17): initdb in a temporary folder, owned by an
# unprivileged user when run as root (as in .ci/run; PostgreSQL refuses to run as root), listening on a free port of
# 127.0.0.1 only, password authentication (scram-sha-256) with the password in a .pgpass-style file. The command
# sees:
#   NCRE_TEST_PG  postgresql://ncre@127.0.0.1:PORT/postgres   (the maintenance database; tests make their own)
#   PGPASSFILE    the password file libpq (and so ncre-server) reads
# The cluster is stopped and removed when the command ends, whatever its outcome. Durability is off (fsync=off):
# a test cluster never outlives its run.
#   tests/pg/private-postgres.sh COMMAND [ARGS...]
set -euo pipefail
bin=$(ls -d /usr/lib/postgresql/*/bin 2>/dev/null | sort -V | tail -1)
if [ -z "$bin" ] || [ ! -x "$bin/initdb" ]; then
    echo "private-postgres: PostgreSQL is not installed (Debian: postgresql)" >&2
    exit 1
fi
dir=$(mktemp -d /tmp/ncre-pg.XXXXXX)
chmod 755 "$dir"
as=()
if [ "$(id -u)" = 0 ]; then
    chown nobody "$dir"
    as=(runuser -u nobody --)
fi
password=$(head -c 24 /dev/urandom | base64 | tr -dc 'A-Za-z0-9')
printf '%s\n' "$password" >"$dir/pw"
[ "$(id -u)" = 0 ] && chown nobody "$dir/pw"
chmod 600 "$dir/pw"
port=$(python3 -c 'import socket; s=socket.socket(); s.bind(("127.0.0.1", 0)); print(s.getsockname()[1])')
stop() {
    "${as[@]}" "$bin/pg_ctl" -D "$dir/data" -m immediate stop >/dev/null 2>&1 || true
    rm -rf "$dir"
}
trap stop EXIT
"${as[@]}" "$bin/initdb" -D "$dir/data" -U ncre --pwfile="$dir/pw" --auth-local=scram-sha-256 \
    --auth-host=scram-sha-256 -E UTF8 --locale=C.UTF-8 >"$dir/initdb.log" 2>&1 \
    || { cat "$dir/initdb.log" >&2; exit 1; }
rm -f "$dir/pw"
"${as[@]}" "$bin/pg_ctl" -D "$dir/data" -l "$dir/server.log" -w -t 60 \
    -o "-k $dir -p $port -c listen_addresses=127.0.0.1 -c fsync=off -c synchronous_commit=off -c full_page_writes=off -c max_connections=300" \
    start >/dev/null || { cat "$dir/server.log" >&2; exit 1; }
# The password file belongs to whoever runs the command (libpq refuses one others can read).
pgpass=$(mktemp /tmp/ncre-pgpass.XXXXXX)
chmod 600 "$pgpass"
printf '127.0.0.1:%s:*:ncre:%s\n' "$port" "$password" >"$pgpass"
trap 'stop; rm -f "$pgpass"' EXIT
export PGPASSFILE=$pgpass
export NCRE_TEST_PG="postgresql://ncre@127.0.0.1:$port/postgres"
"$@"
