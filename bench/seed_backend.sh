# Shared by bench/directory.sh and bench/exports.sh (sourced, not run): a fresh backend
# seeded with N synthetic organisations (bench/seed_orgs.py), a server on a free loopback
# port, and the clean-up of both on exit.
#
# The caller sets, before sourcing: ROOT, BIN, PG_DB, PG_PORT, WORK_PREFIX (mktemp name),
# and optionally BUILD_TIMEOUT, SEED_TIMEOUT (seconds, default 600), KEEP.
# It then has: log, die, psql_admin, free_port, build_release, seed_backend BACKEND N,
# db_query BACKEND SQL…, start_server BACKEND, stop_server, drop_pg; and the globals
# WORK, DIR (this backend's data directory), URL_ARGS, BASE, SERVER_PID.

PG_HOST=127.0.0.1 # loopback only, never configurable
BUILD_TIMEOUT=${BUILD_TIMEOUT:-3600}
SEED_TIMEOUT=${SEED_TIMEOUT:-600}

log() { printf '[bench %(%H:%M:%S)T] %s\n' -1 "$*" >&2; }
die() { log "error: $*"; exit 1; }

# Settings the binary would otherwise pick up from the caller's environment.
while IFS= read -r var; do unset "$var"; done < <(compgen -e | grep '^SPONA_' || true)

WORK=$(mktemp -d "${TMPDIR:-/tmp}/$WORK_PREFIX.XXXXXX")
SERVER_PID=""
PG_CREATED=""
DIR=""
URL_ARGS=()
BASE=""

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

# Builds the release binary unless SKIP_BUILD is set; checks that BIN exists.
build_release() {
    if [[ -z ${SKIP_BUILD:-} ]]; then
        command -v cargo >/dev/null || die "cargo is missing"
        log "building the release binary (nice, up to ${BUILD_TIMEOUT}s)"
        (cd "$ROOT" && timeout "$BUILD_TIMEOUT" nice -n 19 cargo build --release -p spona) >&2 \
            || die "cargo build failed"
    fi
    [[ -x $BIN ]] || die "$BIN not found"
}

# db_query BACKEND SQL…: each statement's single value, one a line.
db_query() {
    local backend=$1; shift
    if [[ $backend == sqlite ]]; then
        local sql
        for sql in "$@"; do timeout 60 sqlite3 "$DIR/spona.db" "$sql"; done
    else
        local args=() sql
        for sql in "$@"; do args+=(-c "$sql"); done
        PGCONNECT_TIMEOUT=10 timeout 60 psql -X -At -U postgres -h "$PG_HOST" -p "$PG_PORT" -d "$PG_DB" "${args[@]}"
    fi
}

# seed_backend BACKEND N: a fresh data directory $WORK/BACKEND (and for PostgreSQL a fresh
# database PG_DB, dropped on exit), migrated, with N synthetic organisations.
seed_backend() {
    local backend=$1 n=$2
    DIR=$WORK/$backend
    URL_ARGS=()
    mkdir -p "$DIR"
    case $backend in
        sqlite) command -v sqlite3 >/dev/null || die "sqlite3 is missing (apt-get install -y sqlite3)" ;;
        postgres)
            command -v psql >/dev/null || die "psql is missing"
            URL_ARGS=(--database-url "postgres://postgres@$PG_HOST:$PG_PORT/$PG_DB")
            psql_admin -c "DROP DATABASE IF EXISTS $PG_DB WITH (FORCE)"
            PG_CREATED=1
            psql_admin -c "CREATE DATABASE $PG_DB"
            ;;
        *) die "unknown backend $backend" ;;
    esac
    log "$backend: migrate"
    timeout 120 "$BIN" --data-dir "$DIR" "${URL_ARGS[@]}" migrate >"$DIR/migrate.log" 2>&1 \
        || die "$backend: migrate failed: $(tail -n 5 "$DIR/migrate.log")"
    log "$backend: seeding $n organisations"
    python3 "$ROOT/bench/seed_orgs.py" --count "$n" --dialect "$backend" >"$DIR/seed.sql"
    if [[ $backend == sqlite ]]; then
        timeout "$SEED_TIMEOUT" sqlite3 -bail "$DIR/spona.db" <"$DIR/seed.sql" >"$DIR/seed.log" 2>&1 \
            || die "sqlite seed failed: $(tail -n 5 "$DIR/seed.log")"
    else
        PGCONNECT_TIMEOUT=10 timeout "$SEED_TIMEOUT" psql -X -q -v ON_ERROR_STOP=1 -U postgres -h "$PG_HOST" \
            -p "$PG_PORT" -d "$PG_DB" -f "$DIR/seed.sql" >"$DIR/seed.log" 2>&1 \
            || die "postgres seed failed: $(tail -n 5 "$DIR/seed.log")"
    fi
    rm -f "$DIR/seed.sql"
}

# start_server BACKEND: `spona serve` on a free loopback port (BASE), once /healthz answers.
start_server() {
    local backend=$1 port
    port=$(free_port)
    BASE="http://127.0.0.1:$port"
    log "$backend: serve on 127.0.0.1:$port"
    "$BIN" --data-dir "$DIR" "${URL_ARGS[@]}" serve --bind "127.0.0.1:$port" >"$DIR/server.log" 2>&1 &
    SERVER_PID=$!
    local ok=""
    # A server over a million organisations builds its directory snapshot for minutes.
    local wait=${HEALTH_WAIT:-900}
    for _ in $(seq $((wait * 2))); do
        kill -0 "$SERVER_PID" 2>/dev/null || die "$backend: server exited: $(tail -n 5 "$DIR/server.log")"
        if [[ $(curl -s -o /dev/null -m 2 -w '%{http_code}' "$BASE/healthz" || true) == 200 ]]; then ok=1; break; fi
        sleep 0.5
    done
    [[ -n $ok ]] || die "$backend: /healthz did not answer 200 within $wait s"
}

# finish_backend BACKEND: the server's warnings, then the server and database stopped.
finish_backend() {
    local backend=$1
    if grep -qiE ' (ERROR|WARN) ' "$DIR/server.log"; then
        log "warning: $backend server logged errors/warnings:"
        grep -iE ' (ERROR|WARN) ' "$DIR/server.log" | tail -n 5 >&2
    fi
    stop_server
    [[ $backend == postgres ]] && drop_pg
    return 0
}
