#!/bin/sh
# Queries per request of the resource pages: runs the demo server with sqlx's query log and
# counts the "summary" lines each request adds. Usage: resources_queries.sh BINARY PORT
set -eu
bin=$1; port=${2:-18181}
dir=$(mktemp -d)
SPONA_LOG="warn,sqlx::query=debug" "$bin" --data-dir "$dir" serve --demo --bind 127.0.0.1:$port >"$dir/log" 2>&1 &
pid=$!
trap 'kill $pid 2>/dev/null; rm -rf "$dir"' EXIT
for i in $(seq 1 300); do
  curl -fsS -o /dev/null "http://127.0.0.1:$port/healthz" 2>/dev/null && break
  sleep 1
done
sleep 2
count() { grep -c summary "$dir/log" || true; }
measure() {
  curl -fsS -o /dev/null "http://127.0.0.1:$port$1" # warm (snapshot loads, caches)
  before=$(count); curl -fsS -o "$dir/page" "http://127.0.0.1:$port$1"; sleep 0.5
  echo "$1: $(( $(count) - before )) queries"
}
measure /en/resources
id=$(grep -o 'resources/[0-9a-f-]\{36\}' "$dir/page" | head -1 | cut -d/ -f2)
measure "/en/resources/$id"
measure /en/resources/feed.atom
measure "/api/v1/resources"
measure "/api/v1/resources/$id"
