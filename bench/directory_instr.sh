#!/usr/bin/env bash
# Instructions per request of the directory pages (issue 16's before/after), counted by
# valgrind's callgrind: unlike wrk's req/s, the count does not depend on what else the
# machine is doing, so two builds can be compared on a busy machine.
#
# For each binary given: a fresh SQLite data directory, `spona migrate`, ORGS organisations
# from that tree's bench/seed_orgs.py, `spona serve` under callgrind, WARM requests per
# endpoint, then counters zeroed, N requests, counters dumped: instructions (Ir) per request.
#
# Usage: bench/directory_instr.sh BIN[=SEED_SCRIPT] ...
#   bench/directory_instr.sh target/release/spona /work/before/target/release/spona=/work/before/bench/seed_orgs.py
# Settings: ORGS=10000 N=100 WARM=10. Needs: valgrind, sqlite3, python3, curl.
set -euo pipefail
ORGS=${ORGS:-10000}; N=${N:-100}; WARM=${WARM:-10}
ROOT=$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)
ENDPOINTS=(
    "/en/orgs?country=RS&theme=anti-trafficking"
    "/api/v1/orgs?country=RS&theme=anti-trafficking"
    "/en/orgs?page=3"
)
log() { printf '[instr %(%H:%M:%S)T] %s\n' -1 "$*" >&2; }
die() { log "error: $*"; exit 1; }
for tool in valgrind callgrind_control sqlite3 python3 curl; do
    command -v "$tool" >/dev/null || die "$tool is missing"
done
[[ $# -gt 0 ]] || die "give one or more binaries"
while IFS= read -r var; do unset "$var"; done < <(compgen -e | grep '^SPONA_' || true)
WORK=$(mktemp -d "${TMPDIR:-/tmp}/spona-instr.XXXXXX")
PID=""
cleanup() { [[ -z $PID ]] || kill -KILL "$PID" 2>/dev/null || true; [[ -n ${KEEP:-} ]] || rm -rf "$WORK"; }
trap cleanup EXIT
port() { python3 -c 'import socket; s=socket.socket(); s.bind(("127.0.0.1",0)); print(s.getsockname()[1])'; }

echo "| binary | endpoint | instructions per request |"
echo "|---|---|---:|"
for arg in "$@"; do
    bin=${arg%%=*}; seed=$ROOT/bench/seed_orgs.py
    [[ $arg == *=* ]] && seed=${arg#*=}
    [[ -x $bin ]] || die "$bin not found"
    dir=$WORK/$(echo "$bin" | tr '/' '_'); mkdir -p "$dir"
    "$bin" --data-dir "$dir" migrate >"$dir/migrate.log" 2>&1 || die "migrate failed"
    python3 "$seed" --count "$ORGS" --dialect sqlite >"$dir/seed.sql"
    sqlite3 -bail "$dir/spona.db" <"$dir/seed.sql" >/dev/null
    p=$(port); base="http://127.0.0.1:$p"
    valgrind --tool=callgrind --callgrind-out-file="$dir/cg.%p.%n" \
        "$bin" --data-dir "$dir" serve --bind "127.0.0.1:$p" >"$dir/server.log" 2>&1 &
    PID=$!
    for _ in $(seq 600); do
        [[ $(curl -s -o /dev/null -m 5 -w '%{http_code}' "$base/healthz" || true) == 200 ]] && break
        kill -0 "$PID" 2>/dev/null || die "server exited: $(tail -n 5 "$dir/server.log")"
        sleep 1
    done
    curl -s -o /dev/null -m 600 "$base/api/v1/orgs?page=1" # loads the snapshot
    # What the server does on its own (background loops) per second, subtracted below.
    dump() { rm -f "$dir"/cg.*.[0-9]*; callgrind_control --dump "$PID" >/dev/null 2>&1; sleep 1
             awk '/^summary:|^totals:/ {print $2; exit}' "$(ls -t "$dir"/cg.* | head -n 1)"; }
    callgrind_control --zero "$PID" >/dev/null 2>&1; t0=$(date +%s.%N); sleep 20
    idle=$(dump); idle_rate=$(python3 -c "print($idle / ($(date +%s.%N) - $t0 - 1))")
    for path in "${ENDPOINTS[@]}"; do
        for _ in $(seq "$WARM"); do curl -s -o /dev/null -m 60 "$base$path"; done
        callgrind_control --zero "$PID" >/dev/null 2>&1; t0=$(date +%s.%N)
        for _ in $(seq "$N"); do
            code=$(curl -s -o /dev/null -m 60 -w '%{http_code}' "$base$path")
            [[ $code == 200 ]] || die "$path answered $code"
        done
        t1=$(date +%s.%N); ir=$(dump)
        echo "| \`$bin\` | \`$path\` | $(python3 -c "print(round(($ir - $idle_rate * ($t1 - $t0)) / $N))") |"
    done
    kill -TERM "$PID"; wait "$PID" 2>/dev/null || true; PID=""
done
