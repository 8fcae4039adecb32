#!/usr/bin/env bash
# HSDS conformance: Schemathesis (the venv of tests/api/, pinned there) generates requests
# from the official HSDS 3.0 API description (tests/hsds/schema/openapi.json, CC BY-SA 4.0,
# Open Referral) and checks Spona's answers under /api/hsds/ against it: no server error,
# every response's body in the official compiled schemas, the documented content type.
# The description's remote `$ref`s (raw.githubusercontent.com/…/compiled/*.json) are
# pointed at the vendored copies, so nothing is fetched. A fresh demo server on a free
# loopback port; a fixed seed and number of examples; a hard timeout.
#
# Env: SPONA_BIN (default target/debug/spona), SCHEMATHESIS_VENV (default tests/api/.venv),
# SCHEMATHESIS_SEED, SCHEMATHESIS_MAX_EXAMPLES, SCHEMATHESIS_TIMEOUT.
set -euo pipefail

HERE="$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)"
ROOT="$(cd "$HERE/../.." && pwd)"
BIN="${SPONA_BIN:-$ROOT/target/debug/spona}"
VENV="${SCHEMATHESIS_VENV:-$ROOT/tests/api/.venv}"
SEED="${SCHEMATHESIS_SEED:-20261205}"
MAX_EXAMPLES="${SCHEMATHESIS_MAX_EXAMPLES:-100}"
RUN_TIMEOUT="${SCHEMATHESIS_TIMEOUT:-300}"

unset http_proxy https_proxy HTTP_PROXY HTTPS_PROXY all_proxy ALL_PROXY
export NO_PROXY="127.0.0.1,localhost" no_proxy="127.0.0.1,localhost"
export PIP_DISABLE_PIP_VERSION_CHECK=1 PYTHONDONTWRITEBYTECODE=1

log() { printf '[hsds-fuzz] %s\n' "$*" >&2; }

[ -x "$BIN" ] || { log "no Spona binary at $BIN (cargo build -p spona, or set SPONA_BIN)"; exit 2; }
# The same pinned Schemathesis as the API fuzzing.
SCHEMATHESIS_VENV="$VENV" bash "$ROOT/tests/api/schemathesis.sh" --setup-only
ST="$VENV/bin/schemathesis"
VPY="$VENV/bin/python"

WORK="$(mktemp -d "${TMPDIR:-/tmp}/spona-hsds-fuzz.XXXXXX")"
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

# The official description with its remote schema references made local.
mkdir -p "$WORK/schema"
cp -r "$HERE/schema/compiled" "$WORK/schema/compiled"
cp "$HERE"/schema/*.json "$WORK/schema/"
sed 's#https://raw.githubusercontent.com/openreferral/specification/3.0/schema/##g' \
  "$HERE/schema/openapi.json" >"$WORK/schema/openapi.json"

PORT="$("$VPY" -c 'import socket; s = socket.socket(); s.bind(("127.0.0.1", 0)); print(s.getsockname()[1])')"
BASE="http://127.0.0.1:$PORT"
mkdir -p "$WORK/data"
env -u SPONA_DATABASE_URL -u SPONA_DATA_DIR -u SPONA_BIND -u SPONA_PUBLIC_URL NO_COLOR=1 \
  nice -n 10 "$BIN" --data-dir "$WORK/data" serve --demo --bind "127.0.0.1:$PORT" \
  >"$WORK/server.log" 2>&1 &
SERVER_PID=$!
ready=""
for _ in $(seq 120); do
  kill -0 "$SERVER_PID" 2>/dev/null || { log "the server exited"; tail -n 40 "$WORK/server.log" >&2; exit 1; }
  if [ "$(curl -s -o /dev/null -w '%{http_code}' --max-time 2 "$BASE/healthz" || true)" = 200 ]; then
    ready=1; break
  fi
  sleep 0.5
done
[ -n "$ready" ] || { log "no 200 from $BASE/healthz within 60 s"; tail -n 40 "$WORK/server.log" >&2; exit 1; }
n="$(curl -sS "$BASE/api/hsds/services" | "$VPY" -c 'import json,sys; print(json.load(sys.stdin)["total_items"])')"
log "server ready on $BASE with $n published demo services"
[ "$n" -gt 0 ] || { log "the demo has no published service"; exit 1; }

rc=0
(cd "$WORK" && nice -n 10 timeout --foreground --kill-after=10 "$RUN_TIMEOUT" \
  "$ST" --config-file "$ROOT/tests/api/schemathesis.toml" --no-color run "$WORK/schema/openapi.json" \
  --url "$BASE/api/hsds" \
  --checks not_a_server_error,response_schema_conformance,content_type_conformance \
  --max-examples "$MAX_EXAMPLES" \
  --seed "$SEED" \
  --workers 1 \
  --generation-database none \
  --request-timeout 10 \
  ${SCHEMATHESIS_ARGS:-}) || rc=$?
if [ "$rc" != 0 ]; then
  log "last lines of the server log:"; tail -n 40 "$WORK/server.log" >&2
  echo "hsds conformance: FAILED (schemathesis, seed $SEED)"
  exit 1
fi
echo "hsds conformance: ok (schemathesis, seed $SEED, $MAX_EXAMPLES examples per operation)"
