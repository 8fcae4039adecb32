#!/usr/bin/env bash
# The awareness quiz under a burst (issue 23): PEOPLE people (default 2,000) each take a
# 10-question quiz — question page, answer (POST → 303), feedback — through wrk with a Lua
# script (bench/quiz/flow.lua), CONNS connections at once (default 1,000: the server's cap
# is 1,024). A 10-question
# campaign is made through the coordinators' form of `serve --demo` (bench/quiz/setup.py),
# which also starts the PEOPLE sessions (their signed tokens) from one address. Then:
#   1. `flow`: every person's 10 × (page, answer, feedback) in one run, interleaved across
#      people — acknowledged answers/s (303s), all requests/s, p50/p99, errors;
#   2. `page`, `answer`, `feedback`: each step alone for fresh people (PEOPLE more sessions),
#      for each step's own p50/p99 under the same concurrency.
# Last, the answers the database holds are counted against the 303s wrk saw (nothing lost).
# Each run ends when every step has been answered (flow.lua), so "answers/s" is real; the
# line "<mode>: N s from start to the last answer" is the wall time the shell measured.
# Set-up also starts SCHOOL (default 45) sessions one after another from one address: all
# must be 303 — a school behind one address is slowed (beyond 30 starts a minute), not refused.
# SQLite by default; PostgreSQL with SPONA_TEST_DATABASE_URL=postgres://… (a fresh schema).
# BIN=target/release/spona for the figures to report (the lead runs release); a debug run is
# a smoke run: PEOPLE=200 CONNS=200.
# Needs: wrk, python3, sqlite3 (SQLite) or psql (PostgreSQL).
set -euo pipefail
cd "$(dirname "$0")/.."
BIN=${BIN:-target/debug/spona}
PEOPLE=${PEOPLE:-2000}
# The server holds at most 1,024 connections (spona_web::ConnectionLimits::max_total):
# 2,000 people share 1,000 connections.
CONNS=${CONNS:-1000}
THREADS=${THREADS:-2}
PORT=${PORT:-$((20000 + RANDOM % 20000))}
DATA=$(mktemp -d)
BASE="http://127.0.0.1:$PORT"
trap 'kill $(cat "$DATA/pid" 2>/dev/null) 2>/dev/null || true; rm -rf "$DATA"' EXIT
# A stopped run (Ctrl-C, kill) still cleans up: the EXIT trap runs on these too.
trap "exit 130" INT TERM
ulimit -n 65536 2>/dev/null || ulimit -n "$(ulimit -Hn)"

db_args=()
if [[ ${SPONA_TEST_DATABASE_URL:-} == postgres* ]]; then
  SCHEMA="bench_quiz_$RANDOM"
  psql "$SPONA_TEST_DATABASE_URL" -qc "CREATE SCHEMA $SCHEMA" >/dev/null
  trap 'kill $(cat "$DATA/pid" 2>/dev/null) 2>/dev/null || true; PGOPTIONS="-c client_min_messages=warning" psql "$SPONA_TEST_DATABASE_URL" -qc "DROP SCHEMA $SCHEMA CASCADE" >/dev/null; rm -rf "$DATA"' EXIT
  sep='?'; [[ $SPONA_TEST_DATABASE_URL == *\?* ]] && sep='&'
  export SPONA_DATABASE_URL="${SPONA_TEST_DATABASE_URL}${sep}options=-csearch_path%3D$SCHEMA"
  db_args=(--database-url "$SPONA_DATABASE_URL")
fi

# The load comes through 127.0.0.1 as through a reverse proxy: each person has an address of
# their own in X-Forwarded-For (set-up), and the per-client connection cap does not apply.
SPONA_LOG=warn "$BIN" --data-dir "$DATA" serve --demo --bind "127.0.0.1:$PORT" \
  --trusted-proxy 127.0.0.1 >"$DATA/server.log" 2>&1 &
echo $! >"$DATA/pid"
for _ in $(seq 1 600); do curl -fs "$BASE/healthz" >/dev/null 2>&1 && break; sleep 0.5; done
curl -fs "$BASE/healthz" >/dev/null || { cat "$DATA/server.log"; exit 1; }

python3 bench/quiz/setup.py "$BASE" "$PEOPLE" "$DATA/flow.txt" "${SCHOOL:-45}"
export THREADS
# One wrk run of QUIZ_MODE over the sessions in a file. wrk always sleeps its -d before it
# reports, so it gets a long -d (MAX_SECONDS) and is stopped (SIGINT: it then reports at
# once) when every thread has had an answer to every one of its steps (flow.lua writes a
# file per thread into QUIZ_DONE). --timeout 60s: wrk leaves a slower response out of its
# latency histogram, which would flatter the p99.
run_wrk() { # mode tokens-file
  local mode=$1 tokens=$2 done_dir="$DATA/done-$1"
  mkdir -p "$done_dir"
  local start last seen now
  start=$(date +%s.%N)
  QUIZ_TOKENS="$tokens" QUIZ_MODE=$mode QUIZ_DONE="$done_dir" wrk -t"$THREADS" -c"$CONNS" \
    -d"${MAX_SECONDS:-600}s" --timeout 60s --latency -s bench/quiz/flow.lua "$BASE" >"$DATA/$mode.out" 2>&1 &
  local wpid=$!
  last=$start seen=""
  # Until every thread has its answers — or, once every step is sent, nothing has moved for
  # QUIET seconds (a step lost to a closed connection is never answered).
  while kill -0 "$wpid" 2>/dev/null; do
    now=$(date +%s.%N)
    (( $(ls "$done_dir" | grep -c '^done-') >= THREADS )) && { last=$now; break; }
    if (( $(ls "$done_dir" | grep -c '^\(done\|sent\)-') >= THREADS )); then
      local cur; cur=$(cat "$done_dir"/* | tr '\n' ' ')
      [[ $cur != "$seen" ]] && { seen=$cur; last=$now; }
      awk -v n="$now" -v l="$last" -v q="${QUIET:-5}" 'BEGIN {exit !(n - l > q)}' && break
    else
      last=$now
    fi
    sleep 0.1
  done
  kill -INT "$wpid" 2>/dev/null || true
  wait "$wpid" || true
  cat "$DATA/$mode.out"
  local acked; acked=$(awk '/^answers acknowledged/ {print $3}' "$DATA/$mode.out")
  awk -v s="$start" -v l="$last" -v a="${acked:-0}" -v m="$mode" 'BEGIN {
    printf "%s: %.2f s from start to the last answer%s\n", m, l - s,
      (m == "answer" || m == "flow") ? sprintf(": %.0f acknowledged answers/s", a / (l - s)) : "" }'
}
echo "== flow: $PEOPLE people × 10 × (page, answer, feedback), $CONNS connections"
run_wrk flow "$DATA/flow.txt"
for mode in page answer feedback; do
  [[ $mode == feedback ]] && cp "$DATA/answer.txt" "$DATA/feedback.txt" \
    || python3 bench/quiz/setup.py "$BASE" "$PEOPLE" "$DATA/$mode.txt"
  echo "== $mode alone: $PEOPLE people, $CONNS connections"
  run_wrk "$mode" "$DATA/$mode.txt"
done
acked=$(grep -h '^answers acknowledged' "$DATA"/*.out | awk '{s += $3} END {print s}')
if [[ -n ${SPONA_DATABASE_URL:-} ]]; then
  stored=$(psql "$SPONA_DATABASE_URL" -tAc "SELECT COUNT(*) FROM quiz_responses r JOIN quiz_sessions s ON s.id = r.session_id WHERE s.dedup NOT LIKE 'demo-%'")
else
  stored=$(sqlite3 "$DATA/spona.db" "SELECT COUNT(*) FROM quiz_responses r JOIN quiz_sessions s ON s.id = r.session_id WHERE s.dedup NOT LIKE 'demo-%'")
fi
echo "== acknowledged answers (303) seen by wrk: $acked; answers stored: $stored"
[[ $acked == "$stored" ]] || { echo "MISMATCH: acknowledged and stored answers differ"; exit 1; }
