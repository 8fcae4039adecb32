#!/usr/bin/env bash
# Search benchmark (issue 3): Spona's tantivy index vs SQLite FTS5 over a synthetic
# trilingual corpus of 100,000 resource variants. Prints indexing throughput, query
# latency p50/p90/p99 over 1,000 mixed queries, the ratio, and cross-script answers.
set -euo pipefail
cd "$(dirname "$0")/.."
exec cargo run --release -q -p spona-search --example search_bench "$@"
