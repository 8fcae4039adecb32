#!/usr/bin/env bash
# Queries per request of the matching pages and API (issue 16 item 5): runs `serve --demo`
# with sqlx's query log on, signs in, and counts the statements each request ran.
# Usage: bench/matching_queries.sh [path/to/spona]   (default target/debug/spona)
set -euo pipefail
ROOT=$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)
BIN=${1:-$ROOT/target/debug/spona}
PORT=${PORT:-18091}
WORK=$(mktemp -d)
LOG=$WORK/log
SERVER=
trap '[ -n "$SERVER" ] && kill "$SERVER" 2>/dev/null; rm -rf "$WORK"' EXIT
SPONA_LOG="warn,sqlx::query=debug" NO_COLOR=1 "$BIN" --data-dir "$WORK/data" serve --demo \
  --bind "127.0.0.1:$PORT" >"$LOG" 2>&1 &
SERVER=$!
BASE=http://127.0.0.1:$PORT
for _ in $(seq 1 240); do curl -sf "$BASE/healthz" >/dev/null && break; sleep 0.5; done
PASSWORD='demo password for Spona'

signin() { # jar email
  local csrf
  csrf=$(curl -s -c "$1" -b "$1" "$BASE/en/signin" | sed -n 's/.*name="csrf" value="\([^"]*\)".*/\1/p' | head -1)
  curl -s -o /dev/null -c "$1" -b "$1" --data-urlencode "csrf=$csrf" --data-urlencode "email=$2" \
    --data-urlencode "password=$PASSWORD" --data-urlencode "next=/" "$BASE/en/signin"
}
# Statements run (sqlx's pool resets, "BEGIN; ROLLBACK", left out).
queries() { grep "summary" "$LOG" | grep -vc "BEGIN; ROLLBACK" || true; }
count() { # label jar path — the second of two requests (caches warm)
  curl -s -o /dev/null -b "$2" "$BASE$3"
  sleep 0.3
  local before after
  before=$(queries)
  local code
  code=$(curl -s -o /dev/null -w '%{http_code}' -b "$2" "$BASE$3")
  sleep 0.3
  after=$(queries)
  [ -n "${DUMP:-}" ] && grep "summary" "$LOG" | grep -v "BEGIN; ROLLBACK" | tail -n $((after - before)) | sed -n "s/.*summary=\"\([^\"]*\)\".*/    \1/p" >&2
  printf '%-44s %-40s %s %3d\n' "$1" "$3" "$code" $((after - before))
}
for who in admin@spona.example iryna@mentors.example.org jelena@astra.example.org; do
  signin "$WORK/$who" "$who"
done
ROUNDS=$(curl -s -b "$WORK/admin@spona.example" "$BASE/api/v1/matching/rounds")
round_of() { # programme status
  python3 -c 'import json,sys; rs=[r for r in json.loads(sys.argv[1]) if r["programme"]==sys.argv[2] and r["status"]==sys.argv[3]]; print(rs[0]["id"] if rs else "")' "$ROUNDS" "$1" "$2"
}
PUB=$(round_of mentorship published)
OPEN_M=$(round_of mentorship open)
OPEN_P=$(round_of peer_exchange open)
for who in admin@spona.example iryna@mentors.example.org jelena@astra.example.org; do
  J=$WORK/$who
  count "$who" "$J" /api/v1/matching/rounds
  count "$who" "$J" "/api/v1/matching/rounds/$PUB"
  count "$who" "$J" "/en/matching/$PUB"
  count "$who" "$J" "/en/matching/$OPEN_M"
  count "$who" "$J" "/en/matching/$OPEN_P"
done
