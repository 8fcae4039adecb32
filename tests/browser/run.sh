#!/usr/bin/env bash
# Browser end-to-end tests: installs playwright-core (npm) and Debian's Chromium
# if needed, then runs the tests with Node's built-in test runner.
# Usage: run.sh [--setup-only]
# Env: SPONA_BIN (default ../../target/debug/spona), CHROMIUM_PATH (default /usr/bin/chromium).
set -euo pipefail
cd "$(dirname "${BASH_SOURCE[0]}")"

if [ -f package-lock.json ]; then
  npm ci --no-audit --no-fund
else
  npm install --no-audit --no-fund
fi

if [ ! -x /usr/bin/chromium ]; then
  export DEBIAN_FRONTEND=noninteractive
  apt-get update
  apt-get install -y chromium
fi

# `--setup-only`: install playwright-core and Chromium and stop (scripts/test does this while
# Rust builds).
[ "${1:-}" = "--setup-only" ] && exit 0

set +e
# A file whose tests hang fails after thirty minutes (node waits for ever by default; the
# page checks, the longest file, take about ten).
OUT="$(mktemp "${TMPDIR:-/tmp}/spona-browser.XXXXXX")"
node --test --test-concurrency=1 --test-timeout=1800000 *.test.mjs 2>&1 | tee "$OUT"
status=${PIPESTATUS[0]}
# The failures again, whole, at the end, where a log cut to its head and tail still shows them.
if [ "$status" != 0 ]; then
  echo "== browser tests: the failures again =="
  awk '/^ *not ok /{on=1; n=0} on{print; n++; if (/^ *[.][.][.]$/ || n > 80) on=0}' "$OUT"
fi
rm -f "$OUT"
exit "$status"
