#!/usr/bin/env bash
# A registration-day surge on PostgreSQL, several ncre-server instances and HAProxy (issue 17), loopback only.
#   bench/surge.sh check OUT.json   the proof: 10,000 candidates for 1,000 seats through HAProxy onto 3 instances,
#                                   then again while one instance is killed (SIGKILL) a third of the way through.
#                                   Exits non-zero unless both runs sell exactly the seats, refuse every other
#                                   candidate as full, answer nothing but 429/503 (retried), lose no acknowledged
#                                   write, take no seat twice, and the database's seat counts equal the
#                                   registrations holding a seat.
#   bench/surge.sh bench OUT.json   the scaling: the same surge, smaller, through HAProxy onto 1, 2 and 3 instances
#                                   on PostgreSQL and onto 1 instance on SQLite, with the CPU each process used.
# Sizes: NCRE_SURGE_CANDIDATES / NCRE_SURGE_SEATS (check: 10000 / 1000; bench: 3000 / 300).
# Runs inside a throwaway PostgreSQL cluster of its own (tests/pg/private-postgres.sh) unless NCRE_TEST_PG is set.
set -euo pipefail
root=$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)
mode=${1:-}
out=${2:-}
if [ "$mode" != check ] && [ "$mode" != bench ] || [ -z "$out" ]; then
    echo "usage: bench/surge.sh check|bench OUT.json" >&2
    exit 2
fi
if [ -z "${NCRE_TEST_PG:-}" ]; then
    exec "$root/tests/pg/private-postgres.sh" "$0" "$@"
fi
build=${NCRE_BUILD_DIR:-$root/build}
out=$(realpath -m "$out")
pgurl=$NCRE_TEST_PG
pghost=$(python3 -c 'import sys,urllib.parse as u; p=u.urlparse(sys.argv[1]); print(p.hostname, p.port or 5432, p.username)' "$pgurl")
read -r pg_host pg_port pg_user <<<"$pghost"
pg() { psql -h "$pg_host" -p "$pg_port" -U "$pg_user" -v ON_ERROR_STOP=1 -tA "$@"; }
tmp=$(mktemp -d)
cleanup() { [ -f "$tmp/pids" ] && xargs -r kill -9 < "$tmp/pids" 2>/dev/null; rm -rf "$tmp"; }
trap cleanup EXIT
free_port() { python3 -c 'import socket; s=socket.socket(); s.bind(("127.0.0.1", 0)); print(s.getsockname()[1])'; }

# One address plays every candidate: the per-address limits a public server keeps are lifted for it.
cat > "$tmp/surge.ini" <<INI
[http]
maxConnections=4096
maxConnectionsPerAddress=4096
[hashing]
queue=100000
perAddress=1000
[documents]
perAddressPerDay=100000
[anonymous]
captchasPerAddress=1000000
[idempotency]
keysPerScopePerDay=10000000
INI

start_server() { # name db-location [--seed demo]: starts an instance on a free port, prints "pid port"
    local name=$1 db=$2; shift 2
    local port
    port=$(free_port)
    "$build/bin/ncre-server" --listen "127.0.0.1:$port" --db "$db" --test-hooks --kdf minimal --trust-proxy \
        --config "$tmp/surge.ini" "$@" >"$tmp/$name.out" 2>"$tmp/$name.err" &
    local pid=$!
    echo "$pid" >> "$tmp/pids"
    for _ in $(seq 1 150); do
        if grep -q 'listening on' "$tmp/$name.out"; then echo "$pid $port"; return; fi
        kill -0 "$pid" 2>/dev/null || break
        sleep 0.1
    done
    echo "surge: $name did not start:" >&2; cat "$tmp/$name.err" >&2; exit 1
}

start_proxy() { # ports...: HAProxy from packaging/server/haproxy.cfg with these instances; prints "pid port"
    local port cfg=$tmp/haproxy.cfg
    port=$(free_port)
    # The shipped file, with this run's ports, without the syslog socket (none here), and with its per-client
    # connection cap lifted as the instances' per-address limits are (every candidate here comes from 127.0.0.1).
    sed -e "s/bind 127.0.0.1:8080/bind 127.0.0.1:$port/" -e '/^    log \/dev\/log/d' -e '/^    option httplog/d' \
        -e 's/sc0_conn_cur gt 32 }/sc0_conn_cur gt 100000 }/' \
        -e '/^    server ncre[0-9]/d' -e "s#/etc/haproxy/errors/ncre-503.http#$root/packaging/server/ncre-503.http#" \
        "$root/packaging/server/haproxy.cfg" > "$cfg"
    local i=1
    for p in "$@"; do echo "    server ncre$i 127.0.0.1:$p" >> "$cfg"; i=$((i + 1)); done
    haproxy -c -q -f "$cfg"
    haproxy -db -f "$cfg" >"$tmp/haproxy.log" 2>&1 &
    local pid=$!
    echo "$pid" >> "$tmp/pids"
    # Ready once every instance passed its health check (GET /api/v1/ready).
    for _ in $(seq 1 100); do
        if curl -sf "http://127.0.0.1:$port/api/v1/ready" >/dev/null; then echo "$pid $port"; return; fi
        sleep 0.1
    done
    echo "surge: HAProxy did not become ready" >&2; cat "$tmp/haproxy.log" >&2; exit 1
}

# One run: N instances on a fresh PostgreSQL database (or SQLite), HAProxy, the surge. Prints the driver's JSON with
# the database's own counts added; $kill 1 kills the second instance a third of the way through.
surge() { # backend instances candidates seats kill
    local backend=$1 n=$2 candidates=$3 seats=$4 kill=$5
    local db name pids=() ports=() cpu=""
    if [ "$backend" = postgresql ]; then
        name=surge_$(date +%s%N)
        pg -d postgres -c "CREATE DATABASE $name" >/dev/null
        db=$(python3 -c 'import sys,urllib.parse as u; p=u.urlparse(sys.argv[1]); print(p._replace(path="/"+sys.argv[2]).geturl())' "$pgurl" "$name")
    else
        db=$tmp/surge-$(date +%s%N).sqlite
    fi
    local first=1
    for i in $(seq 1 "$n"); do
        local started
        if [ $first = 1 ]; then started=$(start_server "ncre$i" "$db" --seed demo) || exit 1; first=0
        else started=$(start_server "ncre$i" "$db") || exit 1; fi
        pids+=("${started% *}"); ports+=("${started#* }")
        cpu+="ncre$i=${started% *},"
    done
    local proxy
    proxy=$(start_proxy "${ports[@]}") || exit 1
    cpu+="haproxy=${proxy% *},"
    if [ "$backend" = postgresql ]; then
        for p in $(pgrep -f "postgres: .*$name" || true); do cpu+="postgres=$p,"; done
    fi
    local killargs=()
    [ "$kill" = 1 ] && killargs=(--kill "${pids[1]}" --kill-at 0.33)
    local result status=0
    result=$("$build/bench/ncre-bench-registration-surge" "http://127.0.0.1:${proxy#* }" "$candidates" "$seats" 64 \
        --hooks "http://127.0.0.1:${ports[0]}" --cpu "$cpu" "${killargs[@]}" 2>"$tmp/driver.err") || status=$?
    cat "$tmp/driver.err" >&2
    # The database's own word: seats taken equal the registrations holding one.
    local taken holders
    if [ "$backend" = postgresql ]; then
        taken=$(pg -d "$name" -c "SELECT COALESCE(SUM(seats_total - seats_left), 0) FROM subjects")
        holders=$(pg -d "$name" -c "SELECT COUNT(*) FROM registrations WHERE subject_ids <> ''")
    else
        taken=$(sqlite3 "$db" "SELECT COALESCE(SUM(seats_total - seats_left), 0) FROM subjects")
        holders=$(sqlite3 "$db" "SELECT COUNT(*) FROM registrations WHERE subject_ids <> ''")
    fi
    # Everything of this run stops before the next.
    xargs -r kill -9 < "$tmp/pids" 2>/dev/null || true
    : > "$tmp/pids"
    sleep 0.5
    if [ "$status" != 0 ]; then
        echo "surge: the instances' warnings:" >&2
        grep -hv 'ncre.server.access' "$tmp"/ncre*.err | sort | uniq -c | sort -rn | head -20 >&2 || true
    fi
    [ "$backend" = postgresql ] && pg -d postgres -c "DROP DATABASE $name WITH (FORCE)" >/dev/null
    python3 - "$result" "$backend" "$n" "$taken" "$holders" "$status" <<'PY'
import json, sys
r = json.loads(sys.argv[1]) if sys.argv[1].strip() else {"pass": False}
r.update(backend=sys.argv[2], instances=int(sys.argv[3]), dbSeatsTaken=int(sys.argv[4]),
         dbRegistrationsHoldingASeat=int(sys.argv[5]))
r["pass"] = bool(r.get("pass")) and sys.argv[6] == "0" and r["dbSeatsTaken"] == r.get("seats") \
    and r["dbRegistrationsHoldingASeat"] == r.get("seats")
print(json.dumps(r))
PY
}

timed() { local t0=$SECONDS; "$@"; echo "surge: $* took $((SECONDS - t0)) s" >&2; }

if [ "$mode" = check ]; then
    candidates=${NCRE_SURGE_CANDIDATES:-10000}
    seats=${NCRE_SURGE_SEATS:-1000}
    whole=$(timed surge postgresql 3 "$candidates" "$seats" 0)
    echo "surge: three instances: $whole" >&2
    killed=$(timed surge postgresql 3 "$candidates" "$seats" 1)
    echo "surge: one instance killed: $killed" >&2
    printf '{"whole": %s, "instanceKilled": %s}\n' "$whole" "$killed" > "$out"
    python3 -c 'import json,sys; d=json.load(open(sys.argv[1])); sys.exit(0 if d["whole"]["pass"] and d["instanceKilled"]["pass"] else 1)' "$out" \
        || { echo "surge: FAILED (see $out)" >&2; exit 1; }
    echo "surge: passed, with and without a killed instance" >&2
else
    candidates=${NCRE_SURGE_CANDIDATES:-3000}
    seats=${NCRE_SURGE_SEATS:-300}
    runs=()
    for n in 1 2 3; do runs+=("$(timed surge postgresql "$n" "$candidates" "$seats" 0)"); done
    runs+=("$(timed surge sqlite 1 "$candidates" "$seats" 0)")
    (IFS=,; printf '{"runs": [%s]}\n' "${runs[*]}") > "$out"
fi
