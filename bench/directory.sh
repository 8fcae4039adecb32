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
PG_HOST=127.0.0.1 # loopback only, never configurable
BUILD_TIMEOUT=${BUILD_TIMEOUT:-3600}

ROOT=$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)
BIN=${BENCH_BIN:-$ROOT/target/release/spona}
[[ -z ${BENCH_BIN:-} ]] || SKIP_BUILD=1
ENDPOINTS=(
    "/en/orgs?country=RS&theme=anti-trafficking"
    "/api/v1/orgs?country=RS&theme=anti-trafficking"
    "/en/orgs?page=3"
)

log() { printf '[bench %(%H:%M:%S)T] %s\n' -1 "$*" >&2; }
die() { log "error: $*"; exit 1; }

for tool in python3 curl wrk; do
    command -v "$tool" >/dev/null || die "$tool is missing (apt-get install -y $tool)"
done
[[ $ORGS =~ ^[0-9]+$ && $DURATION =~ ^[0-9]+$ && $THREADS =~ ^[0-9]+$ && $CONNECTIONS =~ ^[0-9]+$ && $WARMUP =~ ^[0-9]+$ ]] \
    || die "ORGS, DURATION, THREADS, CONNECTIONS and WARMUP must be whole numbers"

# Settings the binary would otherwise pick up from the caller's environment.
while IFS= read -r var; do unset "$var"; done < <(compgen -e | grep '^SPONA_' || true)

WORK=$(mktemp -d "${TMPDIR:-/tmp}/spona-bench.XXXXXX")
SERVER_PID=""
PG_CREATED=""
RESULTS=()

psql_admin() {
    PGCONNECT_TIMEOUT=10 timeout 60 psql -X -q -v ON_ERROR_STOP=1 -U postgres -h "$PG_HOST" -p "$PG_PORT" -d test "$@"
}

stop_server() {
    if [[ -n $SERVER_PID ]]; then
        if kill -0 "$SERVER_PID" 2>/dev/null; then
            kill -TERM "$SERVER_PID" 2>/dev/null || true
            for _ in $(seq 50); do kill -0 "$SERVER_PID" 2>/dev/null || break; sleep 0.1; done
            kill -KILL "$SERVER_PID" 2>/dev/null || true
        fi
        wait "$SERVER_PID" 2>/dev/null || true
        SERVER_PID=""
    fi
}

drop_pg() {
    if [[ -n $PG_CREATED ]]; then
        psql_admin -c "DROP DATABASE IF EXISTS $PG_DB WITH (FORCE)" || log "warning: could not drop $PG_DB"
        PG_CREATED=""
    fi
}

cleanup() {
    local rc=$?
    trap - EXIT INT TERM
    stop_server
    drop_pg
    if [[ -n ${KEEP:-} || $rc -ne 0 ]]; then
        log "work directory kept: $WORK"
    else
        rm -rf "$WORK"
    fi
    exit "$rc"
}
trap cleanup EXIT
trap 'exit 130' INT
trap 'exit 143' TERM

free_port() {
    python3 -c 'import socket; s = socket.socket(); s.bind(("127.0.0.1", 0)); print(s.getsockname()[1]); s.close()'
}

# build ------------------------------------------------------------------------------------
if [[ -z ${SKIP_BUILD:-} ]]; then
    command -v cargo >/dev/null || die "cargo is missing"
    log "building the release binary (nice, up to ${BUILD_TIMEOUT}s)"
    (cd "$ROOT" && timeout "$BUILD_TIMEOUT" nice -n 19 cargo build --release -p spona) >&2 \
        || die "cargo build failed"
fi
[[ -x $BIN ]] || die "$BIN not found"

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
    local backend=$1 dir=$WORK/$1 url_args=() db_url=""
    mkdir -p "$dir"
    case $backend in
        sqlite)
            command -v sqlite3 >/dev/null || die "sqlite3 is missing (apt-get install -y sqlite3)"
            ;;
        postgres)
            command -v psql >/dev/null || die "psql is missing"
            db_url="postgres://postgres@$PG_HOST:$PG_PORT/$PG_DB"
            url_args=(--database-url "$db_url")
            psql_admin -c "DROP DATABASE IF EXISTS $PG_DB WITH (FORCE)"
            PG_CREATED=1
            psql_admin -c "CREATE DATABASE $PG_DB"
            ;;
        *) die "unknown backend $backend" ;;
    esac

    log "$backend: migrate"
    timeout 120 "$BIN" --data-dir "$dir" "${url_args[@]}" migrate >"$dir/migrate.log" 2>&1 \
        || die "$backend: migrate failed: $(tail -n 5 "$dir/migrate.log")"

    log "$backend: seeding $ORGS organisations"
    python3 "$ROOT/bench/seed_orgs.py" --count "$ORGS" --dialect "$backend" >"$dir/seed.sql"
    local count
    if [[ $backend == sqlite ]]; then
        timeout 600 sqlite3 -bail "$dir/spona.db" <"$dir/seed.sql" >"$dir/seed.log" 2>&1 \
            || die "sqlite seed failed: $(tail -n 5 "$dir/seed.log")"
        count=$(timeout 60 sqlite3 "$dir/spona.db" "SELECT COUNT(*) FROM organisations; \
            SELECT COUNT(*) FROM organisations o WHERE country = 'RS' AND EXISTS (SELECT 1 FROM org_terms t \
            WHERE t.org_id = o.id AND t.kind = 'theme' AND t.code = 'anti-trafficking');" | paste -sd/)
    else
        PGCONNECT_TIMEOUT=10 timeout 600 psql -X -q -v ON_ERROR_STOP=1 -U postgres -h "$PG_HOST" -p "$PG_PORT" \
            -d "$PG_DB" -f "$dir/seed.sql" >"$dir/seed.log" 2>&1 \
            || die "postgres seed failed: $(tail -n 5 "$dir/seed.log")"
        count=$(PGCONNECT_TIMEOUT=10 timeout 60 psql -X -At -U postgres -h "$PG_HOST" -p "$PG_PORT" -d "$PG_DB" \
            -c "SELECT COUNT(*) FROM organisations" -c "SELECT COUNT(*) FROM organisations o WHERE country = 'RS' \
            AND EXISTS (SELECT 1 FROM org_terms t WHERE t.org_id = o.id AND t.kind = 'theme' AND t.code = 'anti-trafficking')" | paste -sd/)
    fi
    rm -f "$dir/seed.sql"
    log "$backend: organisations total/matching filter: $count"

    local port base
    port=$(free_port)
    base="http://127.0.0.1:$port"
    log "$backend: serve on 127.0.0.1:$port"
    "$BIN" --data-dir "$dir" "${url_args[@]}" serve --bind "127.0.0.1:$port" >"$dir/server.log" 2>&1 &
    SERVER_PID=$!
    local ok=""
    for _ in $(seq 120); do
        kill -0 "$SERVER_PID" 2>/dev/null || die "$backend: server exited: $(tail -n 5 "$dir/server.log")"
        if [[ $(curl -s -o /dev/null -m 2 -w '%{http_code}' "$base/healthz" || true) == 200 ]]; then ok=1; break; fi
        sleep 0.5
    done
    [[ -n $ok ]] || die "$backend: /healthz did not answer 200 within 60 s"

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

    if grep -qiE ' (ERROR|WARN) ' "$dir/server.log"; then
        log "warning: $backend server logged errors/warnings:"
        grep -iE ' (ERROR|WARN) ' "$dir/server.log" | tail -n 5 >&2
    fi
    stop_server
    [[ $backend == postgres ]] && drop_pg
    return 0
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
