#!/usr/bin/env bash
# A thread page of a working group with 500 replies under load: wrk against page 1 and the
# last page (11) of the thread, signed in, on a test server over a fresh database (SQLite,
# or PostgreSQL with SPONA_TEST_DATABASE_URL=postgres://…). Prints wrk's latency table.
# Settings: DURATION=15 CONNECTIONS=16; PROFILE=release builds optimised (default: the
# test profile, as the suite builds it). Needs wrk (apt-get install -y wrk).
set -euo pipefail
cd "$(dirname "$0")/.."
args=()
[[ ${PROFILE:-} == release ]] && args=(--release)
exec cargo test "${args[@]}" -q -p spona --test e2e groups_bench::bench_thread_page_of_500_replies -- --ignored --nocapture
