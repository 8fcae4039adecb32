#!/usr/bin/env bash
# Export benchmark (issue 24 item 1): N synthetic organisations (bench/seed_orgs.py), then
# the whole directory downloaded as CSV and as XLSX from a running server, on SQLite and on
# PostgreSQL. For each download: wall time, rows per second, the file's size, the rows an
# independent reader finds (Python's csv, openpyxl) against the database's count, and the
# server's peak resident memory during that download (VmHWM, reset before each download
# through /proc/PID/clear_refs) next to its resident memory before it.
#
# Usage: bench/exports.sh            (from anywhere; builds target/release/spona first)
# Settings (environment):
#   ORGS=1000000                 organisations to seed
#   FORMATS="csv xlsx"           formats to download (ods works too)
#   BACKENDS="sqlite postgres"   which backends to run
#   READ=1                       count rows with the readers (0: skip; openpyxl needs minutes for 1M rows)
#   SKIP_BUILD=1                 use the existing binary
#   BENCH_BIN=path               the binary to run (default target/release/spona; implies SKIP_BUILD)
#   KEEP=1                       keep the work directory (files, server log)
#   PG_PORT=5432                 PostgreSQL on 127.0.0.1, trust auth, user postgres
# Needs: cargo, python3 (openpyxl), curl, sqlite3, psql.
set -euo pipefail

ORGS=${ORGS:-1000000}
FORMATS=${FORMATS:-csv xlsx}
BACKENDS=${BACKENDS:-sqlite postgres}
READ=${READ:-1}
PG_PORT=${PG_PORT:-5432}
PG_DB=spona_bench_exports
WORK_PREFIX=spona-bench-exports
SEED_TIMEOUT=${SEED_TIMEOUT:-1800}

ROOT=$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)
BIN=${BENCH_BIN:-$ROOT/target/release/spona}
[[ -z ${BENCH_BIN:-} ]] || SKIP_BUILD=1
READER=$ROOT/tests/exports/read_export.py
# shellcheck source=bench/seed_backend.sh
source "$ROOT/bench/seed_backend.sh"
RESULTS=()

for tool in python3 curl; do
    command -v "$tool" >/dev/null || die "$tool is missing"
done
[[ $ORGS =~ ^[0-9]+$ ]] || die "ORGS must be a whole number"

kib() { awk -v k="$1" '/^VmRSS|^VmHWM/ && $1 == k":" { print $2 }' "/proc/$SERVER_PID/status"; }

build_release

bench_backend() {
    local backend=$1 count
    seed_backend "$backend" "$ORGS"
    count=$(db_query "$backend" "SELECT COUNT(*) FROM organisations")
    log "$backend: $count organisations in the database"
    start_server "$backend"
    local base=$BASE dir=$DIR

    local fmt
    for fmt in $FORMATS; do
        local file=$dir/organisations.$fmt rss_before hwm secs size rows rate
        rss_before=$(kib VmRSS)
        # Reset the peak (VmHWM) to the current resident set, so the peak is this download's.
        echo 5 >"/proc/$SERVER_PID/clear_refs" 2>/dev/null || log "warning: cannot reset VmHWM; peak is since start"
        log "$backend: downloading organisations.$fmt"
        secs=$(curl -sS -f -o "$file" -m 3600 -w '%{time_total}' "$base/api/v1/exports/organisations.$fmt") \
            || die "$backend: download of $fmt failed"
        hwm=$(kib VmHWM)
        size=$(stat -c %s "$file")
        rate=$(awk -v n="$count" -v s="$secs" 'BEGIN { printf "%.0f", n / s }')
        rows="-"
        if [[ $READ == 1 ]]; then
            log "$backend: counting rows of organisations.$fmt with the reader"
            rows=$(python3 "$READER" "$fmt" "$file" --count | python3 -c 'import json,sys; print(json.load(sys.stdin)["count"])')
            [[ $rows == "$count" ]] || log "warning: $backend $fmt: reader found $rows rows, database has $count"
        fi
        RESULTS+=("| $backend | $fmt | $count | $rows | $secs s | $rate | $((size / 1048576)) MiB | $((rss_before / 1024)) MiB | $((hwm / 1024)) MiB |")
        log "result: ${RESULTS[-1]}"
        rm -f "$file"
    done
    finish_backend "$backend"
}

for backend in $BACKENDS; do
    bench_backend "$backend"
done

printf '\n%s organisations, %s CPUs shared by curl, server and database; binary %s.\n\n' \
    "$ORGS" "$(nproc 2>/dev/null || echo '?')" "$BIN"
echo "| backend | format | rows in db | rows read back | time | rows/s | size | server RSS before | server peak RSS |"
echo "|---|---|---:|---:|---:|---:|---:|---:|---:|"
printf '%s\n' "${RESULTS[@]}"
