#!/usr/bin/env bash
# A digest run of a working group for SUBSCRIBERS members (default 10,000), each due for a
# daily digest with 21 new posts: time, mails queued per second, and the process's memory
# before, after and at its peak. Members are read in batches of 500 (memory flat in their
# number: compare SUBSCRIBERS=2000 with 10000). Over a fresh SQLite database, or PostgreSQL
# with SPONA_TEST_DATABASE_URL=postgres://…. The SMTP side is the mail lane's benchmark.
# PROFILE=release builds optimised.
set -euo pipefail
cd "$(dirname "$0")/.."
args=()
[[ ${PROFILE:-} == release ]] && args=(--release)
exec cargo test "${args[@]}" -q -p spona --test e2e groups_bench::bench_digest_run -- --ignored --nocapture
