#!/usr/bin/env bash
# API fuzzing: Schemathesis (pinned in requirements.txt, installed from PyPI into a venv)
# generates requests from Spona's OpenAPI document and runs all of its checks against a
# fresh demo server on a free loopback port, three times: anonymously, as a signed-in member,
# and as a case worker over the referral API (its POSTs carry the session's X-CSRF-Token).
# Bounded: a fixed number of examples per operation, one worker, a fixed seed, and a hard
# timeout per run. Exits non-zero when either run finds a failure or does not finish.
#
# Env: SPONA_BIN (default ../../target/debug/spona), SCHEMATHESIS_VENV (default
# tests/api/.venv), SCHEMATHESIS_SEED, SCHEMATHESIS_MAX_EXAMPLES (per operation and phase),
# SCHEMATHESIS_TIMEOUT (seconds per run), SCHEMATHESIS_REPORT_DIR (keep JUnit/JSON reports),
# SCHEMATHESIS_ARGS (extra options for both runs, split on spaces; for local triage only).
set -euo pipefail

HERE="$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)"
ROOT="$(cd "$HERE/../.." && pwd)"
BIN="${SPONA_BIN:-$ROOT/target/debug/spona}"
VENV="${SCHEMATHESIS_VENV:-$HERE/.venv}"
SEED="${SCHEMATHESIS_SEED:-20261125}"
MAX_EXAMPLES="${SCHEMATHESIS_MAX_EXAMPLES:-150}"
RUN_TIMEOUT="${SCHEMATHESIS_TIMEOUT:-1200}"
MEMBER_EMAIL="milan@atina.example.org"
MEMBER_PASSWORD="demo password for Spona"
# A case worker at Atina (demo): may read and send referrals through /api/v1/referrals.
CASE_WORKER_EMAIL="jovana@atina.example.org"

# Only loopback traffic: no proxy may see (or swallow) the requests.
unset http_proxy https_proxy HTTP_PROXY HTTPS_PROXY all_proxy ALL_PROXY
export NO_PROXY="127.0.0.1,localhost" no_proxy="127.0.0.1,localhost"
export PIP_DISABLE_PIP_VERSION_CHECK=1 PYTHONDONTWRITEBYTECODE=1

log() { printf '[api-fuzz] %s\n' "$*" >&2; }

# `--setup-only`: install Schemathesis and stop (scripts/test does this while Rust builds).
SETUP_ONLY=0
[ "${1:-}" = "--setup-only" ] && SETUP_ONLY=1

if [ "$SETUP_ONLY" = 0 ] && [ ! -x "$BIN" ]; then
  log "no Spona binary at $BIN (build it with 'cargo build -p spona' or set SPONA_BIN)"
  exit 2
fi

# --- Schemathesis in a venv, reinstalled only when requirements.txt changes -------------
python_311() {
  local py
  for py in python3.13 python3.12 python3.11 python3; do
    if command -v "$py" >/dev/null 2>&1 &&
      "$py" -c 'import sys; sys.exit(sys.version_info < (3, 11))' 2>/dev/null; then
      echo "$py"
      return 0
    fi
  done
  return 1
}
want="$(sha256sum "$HERE/requirements.txt" | cut -d' ' -f1)"
if [ ! -x "$VENV/bin/schemathesis" ] || [ "$(cat "$VENV/.requirements.sha256" 2>/dev/null)" != "$want" ]; then
  PY="$(python_311)" || { log "Schemathesis needs Python >= 3.11"; exit 2; }
  log "installing Schemathesis into $VENV ($("$PY" --version))"
  rm -rf "$VENV"
  "$PY" -m venv "$VENV"
  nice -n 10 "$VENV/bin/pip" install --quiet --no-input -r "$HERE/requirements.txt"
  echo "$want" >"$VENV/.requirements.sha256"
fi
[ "$SETUP_ONLY" = 1 ] && exit 0
ST="$VENV/bin/schemathesis"
VPY="$VENV/bin/python"

# --- A fresh demo server -----------------------------------------------------------------
WORK="$(mktemp -d "${TMPDIR:-/tmp}/spona-api-fuzz.XXXXXX")"
SERVER_PID=""
cleanup() {
  if [ -n "$SERVER_PID" ] && kill -0 "$SERVER_PID" 2>/dev/null; then
    kill "$SERVER_PID" 2>/dev/null || true
    for _ in $(seq 50); do kill -0 "$SERVER_PID" 2>/dev/null || break; sleep 0.1; done
    kill -9 "$SERVER_PID" 2>/dev/null || true
    wait "$SERVER_PID" 2>/dev/null || true
  fi
  rm -rf "$WORK"
}
trap cleanup EXIT
trap 'exit 130' INT TERM

server_log_tail() { log "last lines of the server log:"; tail -n 40 "$WORK/server.log" >&2 || true; }

PORT="$("$VPY" -c 'import socket; s = socket.socket(); s.bind(("127.0.0.1", 0)); print(s.getsockname()[1])')"
BASE="http://127.0.0.1:$PORT"
mkdir -p "$WORK/data"
# Always a fresh SQLite database in the work dir, whatever SPONA_* the caller exported.
env -u SPONA_DATABASE_URL -u SPONA_DATA_DIR -u SPONA_BIND -u SPONA_PUBLIC_URL NO_COLOR=1 \
  nice -n 10 "$BIN" --data-dir "$WORK/data" serve --demo --bind "127.0.0.1:$PORT" \
  >"$WORK/server.log" 2>&1 &
SERVER_PID=$!

ready=""
for _ in $(seq 120); do
  if ! kill -0 "$SERVER_PID" 2>/dev/null; then
    log "the server exited before it was ready"; server_log_tail; exit 1
  fi
  if [ "$(curl -s -o /dev/null -w '%{http_code}' --max-time 2 "$BASE/healthz" || true)" = 200 ]; then
    ready=1; break
  fi
  sleep 0.5
done
[ -n "$ready" ] || { log "no 200 from $BASE/healthz within 60 s"; server_log_tail; exit 1; }
log "server ready on $BASE"

# --- Sign in as a member through the HTML form ---------------------------------------------
JAR="$WORK/cookies.txt"
token="$(curl -sfS -c "$JAR" -b "$JAR" "$BASE/en/signin" |
  sed -n 's/.*<input type="hidden" name="csrf" value="\([^"]*\)".*/\1/p' | head -n 1)"
[ -n "$token" ] || { log "no csrf field on /en/signin"; exit 1; }
status="$(curl -sS -o /dev/null -w '%{http_code}' -c "$JAR" -b "$JAR" \
  --data-urlencode "csrf=$token" --data-urlencode "email=$MEMBER_EMAIL" \
  --data-urlencode "password=$MEMBER_PASSWORD" --data-urlencode "next=/" "$BASE/en/signin")"
cookie() { awk -F'\t' -v n="$1" '$6 == n { v = $7 } END { print v }' "$JAR"; }
SESSION="$(cookie spona_session)"
CSRF="$(cookie spona_csrf)"
if [ "$status" != 303 ] || [ -z "$SESSION" ] || [ -z "$CSRF" ]; then
  log "sign-in as $MEMBER_EMAIL failed (HTTP $status, session cookie $([ -n "$SESSION" ] && echo set || echo missing))"
  exit 1
fi
MEMBER_COOKIE="spona_session=$SESSION; spona_csrf=$CSRF"
# The API must see the member: responses to a signed-in user are marked no-store.
headers="$(curl -sS -o /dev/null -D - -H "Cookie: $MEMBER_COOKIE" "$BASE/api/v1/vocabularies")"
if ! grep -qi '^cache-control:.*no-store' <<<"$headers"; then
  log "the API does not recognise the member session"; exit 1
fi
log "signed in as $MEMBER_EMAIL"

# --- The two Schemathesis runs -------------------------------------------------------------
REPORTS="${SCHEMATHESIS_REPORT_DIR:-$WORK/reports}"
mkdir -p "$REPORTS"
REPORTS="$(cd "$REPORTS" && pwd)"
summaries=()
failed=0

# run_schemathesis NAME [extra schemathesis options...]
run_schemathesis() {
  local name="$1"; shift
  local json="$REPORTS/$name.json" rc=0
  rm -f "$json"
  log "schemathesis run ($name): all checks, seed $SEED, $MAX_EXAMPLES examples per operation, timeout ${RUN_TIMEOUT}s"
  # Run from the work dir so that nothing (.hypothesis/, .schemathesis/) lands in the repository.
  (cd "$WORK" && nice -n 10 timeout --foreground --kill-after=10 "$RUN_TIMEOUT" \
    "$ST" --config-file "${CONFIG:-$HERE/schemathesis.toml}" --no-color run "$BASE/api/v1/openapi.json" \
    --url "$BASE" \
    --checks all \
    --max-examples "$MAX_EXAMPLES" \
    --seed "$SEED" \
    --workers 1 \
    --generation-database none \
    --request-timeout 10 \
    --report junit,json \
    --report-junit-path "$REPORTS/$name.junit.xml" \
    --report-json-path "$json" \
    ${SCHEMATHESIS_ARGS:-} "$@") || rc=$?
  local line
  if [ "$rc" = 124 ] || [ "$rc" = 137 ]; then
    line="$name: did not finish within ${RUN_TIMEOUT}s"
  elif [ -f "$json" ]; then
    line="$("$VPY" - "$json" "$name" <<'PY'
import json, sys
report = json.load(open(sys.argv[1]))
ops, cases = report["operations"], report["test_cases"]
print(f'{sys.argv[2]}: {ops["tested"]}/{ops["selected"]} operations, {cases["generated"]} test cases, '
      f'{cases["unique_failures"]} unique failures, {len(report["errors"])} errors '
      f'in {report["running_time"]:.1f}s (exit {report["exit_code"]})')
PY
)"
  else
    line="$name: no report (schemathesis exited $rc)"
  fi
  summaries+=("$line")
  if [ "$rc" != 0 ]; then failed=1; fi
}

run_schemathesis anonymous
# The member's session goes through the document's own security scheme (`session`, a
# cookie), so that Schemathesis can also try each protected operation without it.
MEMBER_CONFIG="$REPORTS/member.toml"
cp "$HERE/schemathesis.toml" "$MEMBER_CONFIG"
printf '\n[auth.openapi.session]\napi_key = "%s"\n' "$SESSION" >> "$MEMBER_CONFIG"
CONFIG="$MEMBER_CONFIG" run_schemathesis member

# The case worker: a session of their own (signed in through the form with a fresh cookie
# jar), its CSRF token read from a page (an HMAC of the session), given to every operation's
# `X-CSRF-Token` header parameter; only the referral API, where the JSON POSTs are.
CW_JAR="$WORK/case-worker-cookies.txt"
token="$(curl -sfS -c "$CW_JAR" -b "$CW_JAR" "$BASE/en/signin" |
  sed -n 's/.*<input type="hidden" name="csrf" value="\([^"]*\)".*/\1/p' | head -n 1)"
status="$(curl -sS -o /dev/null -w '%{http_code}' -c "$CW_JAR" -b "$CW_JAR" \
  --data-urlencode "csrf=$token" --data-urlencode "email=$CASE_WORKER_EMAIL" \
  --data-urlencode "password=$MEMBER_PASSWORD" --data-urlencode "next=/" "$BASE/en/signin")"
CW_SESSION="$(awk -F'\t' '$6 == "spona_session" { v = $7 } END { print v }' "$CW_JAR")"
CW_CSRF="$(curl -sfS -b "$CW_JAR" "$BASE/en/referrals" |
  sed -n 's/.*name="csrf" value="\([^"]*\)".*/\1/p' | head -n 1)"
if [ "$status" != 303 ] || [ -z "$CW_SESSION" ] || [ -z "$CW_CSRF" ]; then
  log "sign-in as $CASE_WORKER_EMAIL failed (HTTP $status, CSRF token $([ -n "$CW_CSRF" ] && echo found || echo missing))"
  exit 1
fi
log "signed in as $CASE_WORKER_EMAIL"
CW_CONFIG="$REPORTS/case-worker.toml"
{
  cat "$HERE/schemathesis.toml"
  printf '\n[parameters]\n"header.X-CSRF-Token" = "%s"\n' "$CW_CSRF"
  printf '\n[auth.openapi.session]\napi_key = "%s"\n' "$CW_SESSION"
} >"$CW_CONFIG"
CONFIG="$CW_CONFIG" run_schemathesis case-worker --include-path-regex '^/api/v1/referrals'

if [ "$failed" != 0 ]; then server_log_tail; fi
for line in "${summaries[@]}"; do
  echo "schemathesis $line"
done
if [ "$failed" != 0 ]; then
  echo "api fuzzing: FAILED (schemathesis $("$ST" --version | awk '{print $NF}'), seed $SEED)"
  exit 1
fi
echo "api fuzzing: ok (schemathesis $("$ST" --version | awk '{print $NF}'), seed $SEED)"
