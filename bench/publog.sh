#!/usr/bin/env bash
# The public log (issue 24): PUBLOG_ENTRIES appends (default 20,000) one per transaction as a
# use case makes them, then as many 100 per transaction, a checkpoint signed every 1,000;
# then PUBLOG_PROOFS (default 1,000) inclusion and consistency proofs over the grown log,
# p50 and p99, and full tile reads. SQLite by default; PostgreSQL with SPONA_TEST_DATABASE_URL=postgres://….
# Debug build unless PROFILE=--release (the lead's figures).
set -euo pipefail
cd "$(dirname "$0")/.."
nice -n 10 cargo test ${PROFILE:-} -p spona --test e2e publog::bench -- --ignored --nocapture 2>&1 \
  | grep -E "publog bench|test result|panicked"
