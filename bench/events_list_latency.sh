#!/usr/bin/env bash
# bench/events_list_latency.sh BIN LABEL [N] (lane ev18): seeds 5000 events (1000 weekly series of 10) like bench/events.sh,
# serves, then N sequential GET /en/events; prints p50/p90/p99/mean of curl's time_total.
set -euo pipefail
BIN=$1; LABEL=$2; N=${3:-200}
WORK=$(mktemp -d "${TMPDIR:-/tmp}/spona-events-list.XXXXXX")
"$BIN" --data-dir "$WORK" migrate >"$WORK/migrate.log" 2>&1
python3 - "$WORK/spona.db" 5000 1000 <<'PY'
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
trap 'kill $PID 2>/dev/null; wait 2>/dev/null; rm -rf "$WORK"' EXIT
for _ in $(seq 1 300); do curl -fs "http://127.0.0.1:$PORT/healthz" >/dev/null 2>&1 && break; sleep 0.2; done
for _ in 1 2 3; do curl -s -o /dev/null "http://127.0.0.1:$PORT/en/events"; done
for _ in $(seq 1 "$N"); do curl -s -o /dev/null -w '%{time_total}\n' "http://127.0.0.1:$PORT/en/events"; done > "$WORK/times"
python3 - "$WORK/times" "$LABEL" <<'PY'
import sys, statistics
t = sorted(float(x) * 1000 for x in open(sys.argv[1]))
q = lambda p: t[min(len(t) - 1, int(p * len(t)))]
print(f"{sys.argv[2]}: n={len(t)} p50={q(0.5):.1f} ms p90={q(0.9):.1f} ms p99={q(0.99):.1f} ms mean={statistics.mean(t):.1f} ms")
PY
