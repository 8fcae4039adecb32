#!/usr/bin/env bash
# Digest runs of a working group whose SUBSCRIBERS members (default: 2,000, 10,000 and
# 20,000 in turn) are each due for a daily digest of 21 new posts.
#  - the `spona` process's own peak RSS (VmHWM of /proc/PID/status) while `spona digests run`
#    runs the digests (the server's loop calls the same function), against a run with none
#    due (groups_digest_memory::bench_digest_memory_of_the_spona_process);
#  - SERVE=1: also `spona serve` running them in its loop (a minute after its start) and
#    sending them to the SMTP sink: RSS before, peak once queued, peak once sent;
#  - TIMING=1: also the older in-process figure (time, mails queued per second, the test
#    process's RSS: groups_bench::bench_digest_run).
# Over a fresh SQLite database, or PostgreSQL with SPONA_TEST_DATABASE_URL=postgres://….
# PROFILE=release builds optimised (the lead's figures); MALLOC_ARENA_MAX reaches the child.
set -euo pipefail
cd "$(dirname "$0")/.."
args=()
[[ ${PROFILE:-} == release ]] && args=(--release)
sizes=${SUBSCRIBERS:-2000 10000 20000}
for n in $sizes; do
  SUBSCRIBERS=$n nice cargo test "${args[@]}" -q -p spona --test e2e \
    groups_digest_memory::bench_digest_memory_of_the_spona_process -- --ignored --nocapture 2>&1 |
    grep -E '^digest memory|panicked|error' || true
  if [[ -n ${TIMING:-} ]]; then
    SUBSCRIBERS=$n nice cargo test "${args[@]}" -q -p spona --test e2e \
      groups_bench::bench_digest_run -- --ignored --nocapture 2>&1 | grep -E '^digest run|panicked' || true
  fi
done
