#!/usr/bin/env bash
# The endorsement campaigns' benchmark (issue 22 item 3): a campaign page with ENDORSEMENTS
# (default 50,000) confirmed endorsements and live counts per country under wrk (requests/s
# and p99, DURATION seconds each; aim ≥ 2,000 req/s and p99 < 20 ms in release), and the JSON;
# then RATE (default 1,000) endorsements a second for BURST_SECONDS (default 5) — from one
# client (the limits answer 429), then each from a network of its own through a trusted
# proxy — counting what the server accepts, with wrk reading the page meanwhile.
# Over a fresh SQLite database, or PostgreSQL with SPONA_TEST_DATABASE_URL=postgres://….
# PROFILE=release builds optimised (the figures to report); the debug build is a smoke run.
# Needs: wrk (apt-get install -y wrk).
set -euo pipefail
cd "$(dirname "$0")/.."
args=()
[[ ${PROFILE:-} == release ]] && args=(--release)
exec cargo test "${args[@]}" -q -p spona --test e2e endorse_bench::bench_endorsements -- --ignored --nocapture
