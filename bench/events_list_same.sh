#!/usr/bin/env bash
# bench/events_list_same.sh BEFORE_BIN AFTER_BIN (lane ev18): seeds one database with BEFORE_BIN, copies it, serves both binaries and compares the
# events list pages byte for byte (ev18 migrates its copy to 0085 first).
set -euo pipefail
BEFORE=$1; AFTER=$2; HERE=$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)
W=$(mktemp -d "${TMPDIR:-/tmp}/spona-events-same.XXXXXX")
mkdir -p $W/a $W/b
"$BEFORE" --data-dir $W/a migrate >/dev/null 2>&1
sed -n '/^python3 - "\$WORK\/spona.db"/,/^PY$/p' "$HERE/events_list_latency.sh" | sed "s#\"\$WORK/spona.db\"#$W/a/spona.db#" | bash
# A few organisers and cancelled dates, so the comparison covers them.
python3 - $W/a/spona.db <<'PY'
import sqlite3, sys
c = sqlite3.connect(sys.argv[1])
ids = [r[0] for r in c.execute("SELECT id FROM events ORDER BY starts_at LIMIT 40")]
c.execute("INSERT INTO organisations (id, slug, name, sort_key, country, contact_visibility, search_text, created_at, updated_at) VALUES ('o1','o1','Org One','org one','RS','public','',0,0)")
c.execute("INSERT INTO organisations (id, slug, name, sort_key, country, contact_visibility, search_text, created_at, updated_at) VALUES ('o2','o2','Alpha Org','alpha org','UA','public','',0,0)")
for i, e in enumerate(ids):
    c.execute("INSERT INTO event_organisers VALUES (?, 'o1')", (e,))
    if i % 2: c.execute("INSERT INTO event_organisers VALUES (?, 'o2')", (e,))
for e, s in c.execute("SELECT id, starts_local FROM events WHERE rrule IS NOT NULL ORDER BY starts_at LIMIT 30").fetchall():
    c.execute("INSERT INTO event_exdates VALUES (?, ?, 1, 0)", (e, s))
c.execute("UPDATE events SET starts_at = starts_at - 86400*14, ends_at = ends_at - 86400*14 WHERE id IN (SELECT id FROM events WHERE rrule IS NOT NULL ORDER BY starts_at LIMIT 5 OFFSET 40)")
c.commit()
PY
cp $W/a/spona.db $W/b/spona.db
"$AFTER" --data-dir $W/b migrate >/dev/null 2>&1
P1=18931; P2=18932
"$BEFORE" --data-dir $W/a serve --bind 127.0.0.1:$P1 >$W/a.log 2>&1 & A=$!
"$AFTER" --data-dir $W/b serve --bind 127.0.0.1:$P2 >$W/b.log 2>&1 & B=$!
trap 'kill $A $B 2>/dev/null; wait 2>/dev/null; rm -rf $W' EXIT
for p in $P1 $P2; do for _ in $(seq 1 200); do curl -fs http://127.0.0.1:$p/healthz >/dev/null 2>&1 && break; sleep 0.2; done; done
for q in "" "?past=1" "?tz=Europe/Kyiv" "?past=1&tz=America/New_York"; do
  curl -s "http://127.0.0.1:$P1/en/events$q" > $W/1.html; curl -s "http://127.0.0.1:$P2/en/events$q" > $W/2.html
  # The stylesheet's hashed name and CSRF fields may differ between builds.
  sed -i -E 's#/static/[^"]+#/static/X#g; s#name="csrf" value="[^"]*"#csrf#g' $W/1.html $W/2.html
  if cmp -s $W/1.html $W/2.html; then echo "same: /en/events$q ($(grep -c 'class="card"' $W/1.html) cards)"; else echo "DIFFER: $q"; diff $W/1.html $W/2.html | head -20; fi
done
