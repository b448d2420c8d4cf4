#!/usr/bin/env bash
# Server benchmarks, loopback only, bounded in time. Writes JSON to $1.
#  - 304 polls/s of GET /registrations/current (authenticated, If-None-Match) with wrk, against the same wrk load
#    on a bare QtHttpServer answering 304 (ncre-bench-minimal-server): the floor.
#  - a registration surge (ncre-bench-surge): thousands of candidates for a subject with few seats.
set -euo pipefail
out=$1
build=${NCRE_BUILD_DIR:-$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)/build}
seconds=${NCRE_BENCH_SECONDS:-5}
# 1000: the most accounts one address may create in a day (issue 14); every candidate here comes from 127.0.0.1.
candidates=${NCRE_BENCH_CANDIDATES:-1000}
tmp=$(mktemp -d)
# start() runs in a command substitution (a subshell), so the servers' pids are kept in a file, not a variable.
cleanup() { [ -f "$tmp/pids" ] && xargs -r kill < "$tmp/pids" 2>/dev/null; rm -rf "$tmp"; }
trap cleanup EXIT

start() { # name, command...: starts it, waits for "listening on URL", prints the URL
    local name=$1; shift
    "$@" >"$tmp/$name.out" 2>/dev/null &
    echo $! >> "$tmp/pids"
    for _ in $(seq 1 100); do
        if grep -q 'listening on' "$tmp/$name.out"; then sed -n 's/.*listening on //p' "$tmp/$name.out"; return; fi
        sleep 0.1
    done
    echo "bench: $name did not start" >&2; exit 1
}

json() { python3 -c "import json,sys; print(json.load(sys.stdin)$1)"; }

# The surge plays thousands of candidates from one address: the per-address limits a real server keeps against a
# stranger (docs/operator-guide.md) are lifted for it, and the hashing queue holds the whole crowd.
cat > "$tmp/bench.ini" <<INI
[http]
maxConnectionsPerAddress=1000
[hashing]
queue=100000
perAddress=1000
[documents]
perAddressPerDay=100000
[anonymous]
captchasPerAddress=1000000
INI
server=$(start server "$build/bin/ncre-server" --listen 127.0.0.1:0 --seed demo --test-hooks --kdf minimal --config "$tmp/bench.ini")
floor=$(start floor "$build/bench/ncre-bench-minimal-server")
api=$server/api/v1

# A logged-in candidate with a registration, and its ETag.
captcha=$(curl -sf -X POST "$api/captcha" | json '["id"]')
answer=$(curl -sf "$api/test-hooks/captchas/$captcha" | json '["answer"]')
token=$(curl -sf -X POST -H 'Content-Type: application/json' "$api/sessions" \
    -d "{\"username\":\"demo\",\"password\":\"Demo-pass-1\",\"captchaId\":\"$captcha\",\"captchaAnswer\":\"$answer\"}" | json '["accessToken"]')
version=$(curl -sf "$api/exams/current" | json '["agreementVersion"]')
curl -sf -X PUT -H 'Content-Type: application/json' -H "Authorization: Bearer $token" \
    "$api/registrations/current/agreement" -d "{\"agreementVersion\":\"$version\"}" >/dev/null
etag=$(curl -sfI -H "Authorization: Bearer $token" "$api/registrations/current" | tr -d '\r' | sed -n 's/^ETag: //Ip')
bytes304=$(curl -s -o /dev/null -w '%{size_header}' -H "Authorization: Bearer $token" -H "If-None-Match: $etag" "$api/registrations/current")

run_wrk() { # url, headers...
    local url=$1; shift
    wrk -t1 -c32 -d"${seconds}s" --latency "$@" "$url" > "$tmp/wrk.txt"
    local rps p99
    rps=$(sed -n 's/^Requests\/sec: *//p' "$tmp/wrk.txt")
    p99=$(awk '$1=="99%"{print $2}' "$tmp/wrk.txt")
    local non2xx
    non2xx=$(sed -n 's/.*Non-2xx or 3xx responses: *//p' "$tmp/wrk.txt")
    echo "{\"rps\": $rps, \"p99\": \"$p99\", \"non2xx3xx\": ${non2xx:-0}}"
}
ours=$(run_wrk "$api/registrations/current" -H "Authorization: Bearer $token" -H "If-None-Match: $etag")
bare=$(run_wrk "$floor/poll" -H 'If-None-Match: "v1"')
surge=$("$build/bench/ncre-bench-surge" "$server" "$candidates" 48) || { echo "bench: the surge failed: $surge" >&2; exit 1; }

cat > "$out" <<JSON
{"polls": {"ncre": $ours, "floor": $bare, "bytes304": $bytes304, "seconds": $seconds}, "surge": $surge}
JSON
