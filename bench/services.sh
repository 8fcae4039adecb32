#!/usr/bin/env bash
# The services benchmark (issue 19): SERVICES published services (default 20,000), then
# wrk against the HSDS /api/hsds/services endpoint with search and filters (requests/s and
# p99, DURATION seconds each), and the tabular export of services.csv and schedules.csv
# (time, size, the process's peak memory before and after). Over a fresh SQLite database,
# or PostgreSQL with SPONA_TEST_DATABASE_URL=postgres://…. PROFILE=release builds optimised
# (the figures to report); the debug build is only a smoke run.
# Needs: wrk (apt-get install -y wrk).
set -euo pipefail
cd "$(dirname "$0")/.."
args=()
[[ ${PROFILE:-} == release ]] && args=(--release)
exec cargo test "${args[@]}" -q -p spona --test e2e services_bench::bench_hsds_services -- --ignored --nocapture
