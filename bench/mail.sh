#!/usr/bin/env bash
# Mail sending benchmark: N messages queued in a fresh SQLite database (inserted directly
# into mail_queue, as enqueue_in writes them, each to its own address on one list), sent by
# `spona serve --smtp-url` to the aiosmtpd sink (tests/mail/sink.py) on loopback.
# Prints: time from the server's start until the queue is empty, time from the first to the
# last message arriving, mails/s, and the server's peak RSS (/usr/bin/time -v).
#
# Usage: bench/mail.sh
# Settings (environment):
#   N=10000                 messages
#   SPONA_BIN=path          the binary, e.g. target/release/spona (BENCH_BIN, the old name, too;
#                           default target/release/spona if built, else target/debug/spona)
#   DKIM=1                  sign every message (RSA 2048)
#   KEEP=1                  keep the work directory
#   CONNECTIONS=4           SMTP connections sending at once (?connections=)
#   PG=postgres://postgres@127.0.0.1:5432   run on PostgreSQL (a fresh database spona_bench_mail
#                           there, dropped and made again), else a fresh SQLite database
# Needs: python3 with tests/mail/requirements.txt, sqlite3 (python module), /usr/bin/time.
set -euo pipefail

N=${N:-10000}
ROOT=$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)
if [[ -n ${SPONA_BIN:-${BENCH_BIN:-}} ]]; then BIN=${SPONA_BIN:-$BENCH_BIN}
elif [[ -x $ROOT/target/release/spona ]]; then BIN=$ROOT/target/release/spona
else BIN=$ROOT/target/debug/spona; fi
WORK=$(mktemp -d)
SINK_PID=""
SERVER_PID=""
cleanup() {
    [[ -n $SERVER_PID ]] && kill "$SERVER_PID" 2>/dev/null || true
    [[ -n $SINK_PID ]] && kill "$SINK_PID" 2>/dev/null || true
    wait 2>/dev/null || true
    if [[ -z ${KEEP:-} ]]; then rm -rf "$WORK"; else echo "kept $WORK" >&2; fi
}
trap cleanup EXIT

free_port() { python3 -c 'import socket; s=socket.socket(); s.bind(("127.0.0.1",0)); print(s.getsockname()[1])'; }

[[ -x $BIN ]] || { echo "error: no spona binary at $BIN (build it: cargo build --release -p spona)" >&2; exit 1; }
echo "binary: $BIN" >&2
DBARGS=()
if [[ -n ${PG:-} ]]; then
    psql "$PG/postgres" -qc "DROP DATABASE IF EXISTS spona_bench_mail" -c "CREATE DATABASE spona_bench_mail" >&2
    DBARGS=(--database-url "$PG/spona_bench_mail")
fi
"$BIN" --data-dir "$WORK/data" "${DBARGS[@]}" migrate >&2
if [[ -n ${PG:-} ]]; then
    psql "$PG/spona_bench_mail" -qc "INSERT INTO mail_queue (id, recipient, subject, body, list_id, list_name, thread, created_at, due_at, attempts)
      SELECT gen_random_uuid()::text, 'person' || i || '@example.org', 'Новости групе · Group news',
             repeat(E'Нова тема: Ђурђевдан у Кијеву.\r\nA new thread in your group.\r\n', 5),
             'group/bench', 'Bench group', NULL, extract(epoch from now())::bigint, extract(epoch from now())::bigint, 0
      FROM generate_series(0, $N - 1) AS i" >&2
    left_count() { psql "$PG/spona_bench_mail" -tAc "SELECT COUNT(*) FROM mail_queue WHERE due_at IS NOT NULL"; }
else
python3 - "$WORK/data/spona.db" "$N" <<'PY'
import sqlite3, sys, time, uuid
db, n = sys.argv[1], int(sys.argv[2])
c = sqlite3.connect(db)
now = int(time.time())
rows = [(str(uuid.uuid4()), f"person{i}@example.org", "Новости групе · Group news",
         "Нова тема: Ђурђевдан у Кијеву.\r\nA new thread in your group.\r\n" * 5,
         "group/bench", "Bench group", None, now, now) for i in range(n)]
c.executemany("INSERT INTO mail_queue (id, recipient, subject, body, list_id, list_name, "
              "thread, created_at, due_at, attempts) VALUES (?,?,?,?,?,?,?,?,?,0)", rows)
c.commit()
print(f"queued {n}", file=sys.stderr)
PY
    left_count() { python3 -c "import sqlite3,sys; print(sqlite3.connect(sys.argv[1]).execute('SELECT COUNT(*) FROM mail_queue WHERE due_at IS NOT NULL').fetchone()[0])" "$WORK/data/spona.db"; }
fi

SMTP_PORT=$(free_port)
python3 "$ROOT/tests/mail/sink.py" "$WORK/sink" --port "$SMTP_PORT" > "$WORK/sink.log" 2>&1 &
SINK_PID=$!
until grep -q ready "$WORK/sink.log" 2>/dev/null; do sleep 0.1; done

EXTRA=()
if [[ -n ${DKIM:-} ]]; then
    python3 "$ROOT/tests/mail/check.py" keygen "$WORK/keys" >/dev/null
    EXTRA=(--dkim-key "$WORK/keys/dkim.pem" --dkim-selector bench --mail-from "Spona <no-reply@spona.test>")
fi
HTTP_PORT=$(free_port)
START=$(date +%s.%N)
SPONA_LOG=warn /usr/bin/time -v -o "$WORK/time.txt" "$BIN" --data-dir "$WORK/data" "${DBARGS[@]}" serve \
    --bind "127.0.0.1:$HTTP_PORT" --smtp-url "smtp://127.0.0.1:$SMTP_PORT?tls=none&connections=${CONNECTIONS:-4}" \
    "${EXTRA[@]}" > "$WORK/serve.log" 2>&1 &
SERVER_PID=$!
while :; do
    left=$(left_count 2>/dev/null || echo "$N")
    [[ $left == 0 ]] && break
    sleep 0.2
done
END=$(date +%s.%N)
# /usr/bin/time's child: stop it gently so that time writes its report.
pkill -TERM -P "$SERVER_PID" 2>/dev/null || true
wait "$SERVER_PID" 2>/dev/null || true
SERVER_PID=""
python3 - "$WORK/sink" "$N" "$START" "$END" "$WORK/time.txt" <<'PY'
import os, sys
d, n, start, end, tf = sys.argv[1], int(sys.argv[2]), float(sys.argv[3]), float(sys.argv[4]), sys.argv[5]
files = sorted(f for f in os.listdir(d) if f.endswith(".eml"))
stamps = [int(f.split("-")[0]) / 1e9 for f in files]
span = max(stamps) - min(stamps) if stamps else 0
rss = next((l.split(":")[1].strip() for l in open(tf) if "Maximum resident" in l), "?")
# The server's CPU time (user + system): what the figure would be on an idle machine's core.
cpu = sum(float(l.split(":")[1]) for l in open(tf) if l.strip().startswith(("User time", "System time")))
print(f"| messages | arrived | start→queue empty (s) | first→last (s) | mails/s (first→last) | server CPU (s) | mails per server CPU-second | peak RSS (KiB) |")
print(f"|---|---|---|---|---|---|---|---|")
print(f"| {n} | {len(files)} | {end-start:.2f} | {span:.2f} | {len(files)/span if span else 0:.0f} | {cpu:.2f} | {len(files)/cpu if cpu else 0:.0f} | {rss} |")
PY
