#!/usr/bin/env bash
# Issue 26 item 9: Spona against nginx serving the same bytes. Starts `serve --demo` (SQLite,
# or PostgreSQL with SPONA_TEST_DATABASE_URL=postgres://…, a fresh schema), saves each page's
# HTML as Spona serves it to an anonymous reader, has Debian's nginx serve those files (gzip on,
# as Spona compresses), then `wrk -tTHREADS -cCONNS` with `Accept-Encoding: gzip` against both,
# ROUNDS rounds of DURATION seconds each, alternating. Prints, per page and round, req/s and
# p99 of each and the ratio Spona/nginx.
# Usage: BIN=target/release/spona bench/ratio.sh      Needs: wrk, nginx-light, curl.
set -euo pipefail
cd "$(dirname "$0")/.."
BIN=${BIN:-target/release/spona}
ROUNDS=${ROUNDS:-3}
DURATION=${DURATION:-10}
THREADS=${THREADS:-2}
CONNS=${CONNS:-32}
PORT=${PORT:-$((20000 + RANDOM % 20000))}
NGINX_PORT=$((PORT + 1))
WORK=$(mktemp -d)
trap 'kill $(cat "$WORK/pid" 2>/dev/null) 2>/dev/null || true; [[ -f $WORK/nginx.pid ]] && kill $(cat "$WORK/nginx.pid") 2>/dev/null; rm -rf "$WORK"' EXIT
trap "exit 130" INT TERM
PAGES=("/en/orgs?country=RS" "/en/orgs/astra" "/en/resources?q=trafficking")

db_args=()
if [[ ${SPONA_TEST_DATABASE_URL:-} == postgres* ]]; then
  SCHEMA="bench_ratio_$RANDOM"
  psql "$SPONA_TEST_DATABASE_URL" -qc "CREATE SCHEMA $SCHEMA" >/dev/null
  trap 'kill $(cat "$WORK/pid" 2>/dev/null) 2>/dev/null || true; [[ -f $WORK/nginx.pid ]] && kill $(cat "$WORK/nginx.pid") 2>/dev/null; psql "$SPONA_TEST_DATABASE_URL" -qc "DROP SCHEMA $SCHEMA CASCADE" >/dev/null; rm -rf "$WORK"' EXIT
  sep='?'; [[ $SPONA_TEST_DATABASE_URL == *\?* ]] && sep='&'
  db_args=(--database-url "${SPONA_TEST_DATABASE_URL}${sep}options=-csearch_path%3D$SCHEMA")
fi
SPONA_BIND=127.0.0.1:$PORT "$BIN" --data-dir "$WORK/data" "${db_args[@]}" serve --demo --trusted-proxy 127.0.0.1 >"$WORK/server.log" 2>&1 &
echo $! >"$WORK/pid"
for _ in $(seq 1 600); do
  curl -sf "http://127.0.0.1:$PORT/healthz" >/dev/null 2>&1 && break
  sleep 0.5
done
mkdir -p "$WORK/www"; chmod 755 "$WORK"
i=0
for p in "${PAGES[@]}"; do
  curl -sf "http://127.0.0.1:$PORT$p" -o "$WORK/www/p$i.html"
  i=$((i + 1))
done
cat >"$WORK/nginx.conf" <<CONF
worker_processes 2;
pid $WORK/nginx.pid;
error_log $WORK/nginx-error.log;
events { worker_connections 1024; }
http {
  access_log off;
  types { text/html html; }
  gzip on;
  server {
    listen 127.0.0.1:$NGINX_PORT;
    root $WORK/www;
    location / { default_type text/html; }
  }
}
CONF
chmod -R a+rX "$WORK/www"
nginx -c "$WORK/nginx.conf" -e "$WORK/nginx-error.log"
# Each request comes from its own reader (a random X-Forwarded-For, believed from 127.0.0.1),
# as on a real day: a search from one address is rate limited (300 a minute).
cat >"$WORK/readers.lua" <<'LUA'
request = function()
  wrk.headers["X-Forwarded-For"] = string.format("10.%d.%d.%d", math.random(0, 255), math.random(0, 255), math.random(1, 254))
  return wrk.format(nil)
end
LUA
run() { # url → "req/s p99ms"
  wrk -t"$THREADS" -c"$CONNS" -d"${DURATION}s" --latency -s "$WORK/readers.lua" -H 'Accept-Encoding: gzip' "$1" 2>&1 |
    awk '/Non-2xx/ {print "non-2xx: " $0 > "/dev/stderr"} /Requests\/sec/ {r=$2} / 99%/ {v=$2; if (v ~ /ms$/) {sub(/ms/,"",v)} else if (v ~ /us$/) {sub(/us/,"",v); v=v/1000} else if (v ~ /s$/) {sub(/s/,"",v); v=v*1000}; p=v} END {printf "%.0f %.2f\n", r, p}'
}
printf '| page | round | Spona req/s | p99 ms | nginx req/s | p99 ms | ratio |\n|---|---|---|---|---|---|---|\n'
i=0
for p in "${PAGES[@]}"; do
  for r in $(seq 1 "$ROUNDS"); do
    read -r s sp < <(run "http://127.0.0.1:$PORT$p")
    read -r n np < <(run "http://127.0.0.1:$NGINX_PORT/p$i.html")
    printf '| %s | %d | %s | %s | %s | %s | %.3f |\n' "$p" "$r" "$s" "$sp" "$n" "$np" "$(echo "$s / $n" | bc -l)"
  done
  i=$((i + 1))
done
