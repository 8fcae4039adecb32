#!/usr/bin/env bash
# The monitoring dashboard benchmark (issue 21): RECS recommendations (default 270,000)
# written by SQL (a recursive CTE; seconds), with themes, the state's status, a CSO's
# assessments and 2,000 measures, then wrk against /api/monitoring/dashboard and the page,
# whole and filtered (requests/s and p99, DURATION seconds each; aim p99 < 50 ms). Over a
# fresh SQLite database, or PostgreSQL with SPONA_TEST_DATABASE_URL=postgres://….
# PROFILE=release builds optimised (the figures to report); the debug build is a smoke run
# (RECS=20000 DURATION=3).
# Needs: wrk (apt-get install -y wrk).
set -euo pipefail
cd "$(dirname "$0")/.."
args=()
[[ ${PROFILE:-} == release ]] && args=(--release)
exec cargo test "${args[@]}" -q -p spona --test e2e monitoring_bench::bench_monitoring_dashboard -- --ignored --nocapture
