#!/usr/bin/env bash
# Load test of the organisation directory on SQLite and on PostgreSQL.
#
# For each backend: a fresh data directory (and, for PostgreSQL, a fresh database
# `spona_bench`, dropped afterwards), `spona migrate`, N synthetic organisations from
# bench/seed_orgs.py, `spona serve` on a free loopback port, a warm-up, then wrk against
#   (a) /en/orgs?country=RS&theme=anti-trafficking       filtered HTML page
#   (b) /api/v1/orgs?country=RS&theme=anti-trafficking   filtered JSON list
#   (c) /en/orgs?page=3                                  unfiltered HTML page
# and a markdown table of requests/s and p99 latency on stdout (progress goes to stderr).
#
# Usage: bench/directory.sh            (from anywhere; builds target/release/spona first)
# Settings (environment):
#   ORGS=10000  DURATION=15  THREADS=2  CONNECTIONS=32  WARMUP=3   wrk / seed parameters
#   BACKENDS="sqlite postgres"   which backends to run
#   SKIP_BUILD=1                 use the existing binary
#   BENCH_BIN=path               the binary to run (default target/release/spona; implies SKIP_BUILD)
#   KEEP=1                       keep the work directory (seed, server logs, wrk output)
#   PG_PORT=5432                 PostgreSQL on 127.0.0.1, trust auth, user postgres
# Needs: cargo, python3, curl, wrk, sqlite3, psql (apt-get install -y wrk sqlite3).
set -euo pipefail

ORGS=${ORGS:-10000}
DURATION=${DURATION:-15}
THREADS=${THREADS:-2}
CONNECTIONS=${CONNECTIONS:-32}
WARMUP=${WARMUP:-3}
BACKENDS=${BACKENDS:-sqlite postgres}
PG_PORT=${PG_PORT:-5432}
PG_DB=spona_bench
WORK_PREFIX=spona-bench

ROOT=$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)
BIN=${BENCH_BIN:-$ROOT/target/release/spona}
[[ -z ${BENCH_BIN:-} ]] || SKIP_BUILD=1
ENDPOINTS=(
    "/en/orgs?country=RS&theme=anti-trafficking"
    "/api/v1/orgs?country=RS&theme=anti-trafficking"
    "/en/orgs?page=3"
)
# shellcheck source=bench/seed_backend.sh
source "$ROOT/bench/seed_backend.sh"
RESULTS=()

for tool in python3 curl wrk; do
    command -v "$tool" >/dev/null || die "$tool is missing (apt-get install -y $tool)"
done
[[ $ORGS =~ ^[0-9]+$ && $DURATION =~ ^[0-9]+$ && $THREADS =~ ^[0-9]+$ && $CONNECTIONS =~ ^[0-9]+$ && $WARMUP =~ ^[0-9]+$ ]] \
    || die "ORGS, DURATION, THREADS, CONNECTIONS and WARMUP must be whole numbers"

# build ------------------------------------------------------------------------------------
build_release

# one backend ------------------------------------------------------------------------------
# run_wrk OUT URL: runs wrk, stores its output in OUT.
run_wrk() {
    local out=$1 url=$2
    timeout $((DURATION + 60)) wrk -t"$THREADS" -c"$CONNECTIONS" -d"${DURATION}s" --timeout 10s --latency "$url" >"$out" 2>&1 \
        || die "wrk failed on $url: $(tail -n 3 "$out")"
}

# to_ms "12.34ms" -> 12.34 (wrk prints us, ms, s, m)
to_ms() {
    awk -v v="$1" 'BEGIN {
        n = v + 0; u = v; sub(/^[0-9.]+/, "", u)
        f = (u == "us") ? 0.001 : (u == "ms") ? 1 : (u == "s") ? 1000 : (u == "m") ? 60000 : -1
        if (f < 0) { print "?"; exit }
        printf "%.2f", n * f }'
}

bench_backend() {
    local backend=$1 count
    seed_backend "$backend" "$ORGS"
    count=$(db_query "$backend" "SELECT COUNT(*) FROM organisations" \
        "SELECT COUNT(*) FROM organisations o WHERE country = 'RS' AND EXISTS (SELECT 1 FROM org_terms t \
         WHERE t.org_id = o.id AND t.kind = 'theme' AND t.code = 'anti-trafficking')" | paste -sd/)
    log "$backend: organisations total/matching filter: $count"
    start_server "$backend"
    local base=$BASE dir=$DIR

    # The first request loads the directory snapshot (and rewrites the seeded rows' search
    # terms, which the seed script cannot compute): report how long that takes.
    log "$backend: first request (snapshot load) $(curl -s -o /dev/null -m 120 -w '%{time_total}' "$base/api/v1/orgs?page=1" || echo '?') s"
    local i path code name
    for i in "${!ENDPOINTS[@]}"; do
        path=${ENDPOINTS[$i]}
        code=$(curl -s -o "$dir/probe-$i.body" -m 10 -w '%{http_code}' "$base$path" || echo "000")
        [[ $code == 200 ]] || log "warning: $backend $path answered HTTP $code before the run"
        if [[ $WARMUP -gt 0 ]]; then
            timeout $((WARMUP + 30)) wrk -t"$THREADS" -c"$CONNECTIONS" -d"${WARMUP}s" "$base$path" >/dev/null 2>&1 || true
        fi
        if [[ $path == /api/* && $code == 200 ]]; then
            log "$backend: $path reports total=$(python3 -c 'import json,sys; print(json.load(open(sys.argv[1]))["total"])' "$dir/probe-$i.body" 2>/dev/null || echo '?')"
        fi
        name=$dir/wrk-$i.txt
        log "$backend: wrk ${DURATION}s $path"
        run_wrk "$name" "$base$path"

        local rps p99 non2xx sockerr
        rps=$(awk '/^Requests\/sec:/ { print $2 }' "$name")
        p99=$(awk '$1 == "99%" { print $2 }' "$name")
        non2xx=$(awk -F': *' '/Non-2xx or 3xx responses/ { print $2 }' "$name")
        sockerr=$(sed -n 's/^ *Socket errors: *//p' "$name")
        [[ -n $rps && -n $p99 ]] || die "could not parse wrk output: $(cat "$name")"
        local notes=()
        [[ $code == 200 ]] || notes+=("probe HTTP $code")
        [[ -z $non2xx ]] || notes+=("non-2xx/3xx: $non2xx")
        [[ -z $sockerr ]] || notes+=("socket errors: $sockerr")
        local note
        note=$(IFS=';'; echo "${notes[*]:-}")
        [[ -z $note ]] || log "warning: $backend $path: $note"
        RESULTS+=("| $backend | \`$path\` | $rps | $(to_ms "$p99") ms | ${note:-ok} |")
    done

    finish_backend "$backend"
}

for backend in $BACKENDS; do
    bench_backend "$backend"
done

cpus=$(nproc 2>/dev/null || echo "?")
printf '\n%s organisations, wrk -t%s -c%s -d%ss --latency, %s CPUs shared by wrk, server and database.\n\n' \
    "$ORGS" "$THREADS" "$CONNECTIONS" "$DURATION" "$cpus"
echo "| backend | endpoint | req/s | p99 | notes |"
echo "|---|---|---:|---:|---|"
printf '%s\n' "${RESULTS[@]}"
