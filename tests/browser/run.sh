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
# A file whose tests hang fails after twenty minutes (node waits for ever by default; the
# page checks, the longest file, take about ten).
node --test --test-concurrency=1 --test-timeout=1200000 *.test.mjs
status=$?
exit "$status"
