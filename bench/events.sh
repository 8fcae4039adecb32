#!/usr/bin/env bash
# Events benchmark on SQLite: a platform calendar feed of N events (R of them weekly series
# of 10) — time to generate and bytes — and the events list page under wrk (p99).
#
# Usage: bench/events.sh   (uses target/release/spona unless BENCH_BIN is given)
# Settings: EVENTS=5000 RECURRING=1000 DURATION=10 THREADS=2 CONNECTIONS=16 KEEP=1
# Needs: python3, curl, wrk.
set -euo pipefail
EVENTS=${EVENTS:-5000}
RECURRING=${RECURRING:-1000}
DURATION=${DURATION:-10}
THREADS=${THREADS:-2}
CONNECTIONS=${CONNECTIONS:-16}
ROOT=$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)
BIN=${BENCH_BIN:-$ROOT/target/release/spona}
if [[ -z ${BENCH_BIN:-} ]]; then (cd "$ROOT" && cargo build --release -p spona >&2); fi
while IFS= read -r var; do unset "$var"; done < <(compgen -e | grep '^SPONA_' || true)
WORK=$(mktemp -d "${TMPDIR:-/tmp}/spona-events-bench.XXXXXX")
PID=""
cleanup() { [[ -n $PID ]] && kill "$PID" 2>/dev/null; wait 2>/dev/null; [[ -n ${KEEP:-} ]] || rm -rf "$WORK"; }
trap cleanup EXIT
"$BIN" --data-dir "$WORK" migrate >"$WORK/migrate.log" 2>&1
python3 - "$WORK/spona.db" "$EVENTS" "$RECURRING" <<'PY'
import sqlite3, sys, time, uuid, datetime, zoneinfo
db, n, rec = sys.argv[1], int(sys.argv[2]), int(sys.argv[3])
c = sqlite3.connect(db)
now = int(time.time())
zones = ["Europe/Belgrade", "Europe/Kyiv"]
rows = []
for i in range(n):
    zone = zones[i % 2]
    tz = zoneinfo.ZoneInfo(zone)
    start = datetime.datetime.fromtimestamp(now + (i % 365) * 86400, tz).replace(hour=10, minute=0, second=0, microsecond=0)
    end = start + datetime.timedelta(hours=2)
    rrule = "FREQ=WEEKLY;COUNT=10" if i < rec else None
    last = int((end + datetime.timedelta(weeks=9)).timestamp()) if rrule else int(end.timestamp())
    rows.append((str(uuid.uuid4()), "webinar", f"Event {i}: safe shelters, legal aid; round {i % 7}", "A summary of the event.", "", "", "sr,uk", "", "online",
                 None, None, None, None, None, zone, start.strftime("%Y-%m-%dT%H:%M"), end.strftime("%Y-%m-%dT%H:%M"),
                 int(start.timestamp()), int(end.timestamp()), rrule, last, None, 0, "", None, None, 0, 0, 0, "bench", now, now))
c.executemany("INSERT INTO events (id, kind, title, summary, agenda, speakers, languages, interpretation, attendance, join_url, dial_in, low_bandwidth, place, address, zone, starts_local, ends_local, starts_at, ends_at, rrule, last_ends_at, capacity, approval, report, network_id, group_id, cancelled, sequence, seats, created_by, created_at, updated_at) VALUES (" + ",".join("?" * 32) + ")", rows)
c.commit()
PY
PORT=$(python3 -c 'import socket; s=socket.socket(); s.bind(("127.0.0.1",0)); print(s.getsockname()[1])')
"$BIN" --data-dir "$WORK" serve --bind "127.0.0.1:$PORT" >"$WORK/server.log" 2>&1 &
PID=$!
for _ in $(seq 1 100); do curl -fs "http://127.0.0.1:$PORT/healthz" >/dev/null 2>&1 && break; sleep 0.2; done
echo "## Events benchmark ($EVENTS events, $RECURRING weekly series; SQLite; $(nproc) CPUs shared)"
for i in 1 2 3 4 5; do
  curl -s -o "$WORK/feed.ics" -w "feed: %{time_total}s, %{size_download} bytes\n" "http://127.0.0.1:$PORT/calendar/events.ics"
done
grep -c BEGIN:VEVENT "$WORK/feed.ics" | sed 's/^/VEVENTs: /'
wrk -t"$THREADS" -c"$CONNECTIONS" -d"${DURATION}s" --latency "http://127.0.0.1:$PORT/en/events" | grep -E 'Requests/sec|99%|50%'
