#!/usr/bin/env bash
# Federation benchmark (issue 20): two `spona serve` processes on loopback — Belgrade over a
# fresh SQLite database (or PostgreSQL with PG=…), Prishtina over SQLite with --demo —
# paired through their pages (the ignored e2e test `federation_throughput_and_round_trip`,
# crates/spona/tests/e2e/federation/bench.rs). Prints:
#   throughput: N pings (each its own conversation, all due at once) queued in one
#               transaction → every one delivered (signed, age-encrypted, stored on both
#               sides, a signed receipt back): packets/s;
#   round trip: ROUNDS pings one at a time: queued → receipt, queued → the receiver's ack
#               back, p50/p99 (both include the senders' 0.5 s poll).
#
# Usage: bench/federation.sh            (debug build: a rough figure only)
# Settings (environment):
#   N=500 ROUNDS=50
#   SPONA_BIN=target/release/spona   the servers run this binary (build it first:
#                        `cargo build --release -p spona`); the test binary stays debug,
#                        it only queues and watches the database
#   RELEASE=1            build and run the test binary in release too (slow to build)
#   PG=postgres://postgres@127.0.0.1:5432/test   Belgrade on PostgreSQL
#   NETNS=1              the two servers in two network namespaces over HTTPS with a test
#                        CA, Belgrade on SQLite and Prishtina on PostgreSQL (root;
#                        tests/federation/netns.sh with BENCH=1: its scenario first, then
#                        the figures; `federation::netns_bench`)
# The lead's release run, when the machine is idle:
#   cargo build --release -p spona && SPONA_BIN=target/release/spona NETNS=1 bench/federation.sh
set -euo pipefail
ROOT=$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)
cd "$ROOT"
if [[ -n ${NETNS:-} ]]; then
  BENCH=1 exec tests/federation/netns.sh
fi
if [[ -n ${SPONA_BIN:-} ]]; then
  SPONA_TEST_BIN=$(cd "$(dirname "$SPONA_BIN")" && pwd)/$(basename "$SPONA_BIN")
  export SPONA_TEST_BIN
fi
PROFILE=()
[[ -n ${RELEASE:-} ]] && PROFILE=(--release)
if [[ -n ${PG:-} ]]; then export SPONA_TEST_DATABASE_URL=$PG; else unset SPONA_TEST_DATABASE_URL; fi
FED_N=${N:-500} FED_ROUNDS=${ROUNDS:-50} CARGO_BUILD_JOBS=${CARGO_BUILD_JOBS:-2} \
    nice -n 10 cargo test -p spona --test e2e "${PROFILE[@]}" -- --ignored --nocapture \
    --exact federation::bench::federation_throughput_and_round_trip 2>&1 \
    | grep -E '^(throughput|round trip)|panicked|test result' || true
