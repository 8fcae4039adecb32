#!/usr/bin/env bash
# The fault suite (issue 15): faults that must not lose data, against the real binary.
#
#   tests/faults/run.sh                       # everything (root needed for the full disks)
#   CYCLES=10 PARTS="kill" tests/faults/run.sh
#
# Parts (PARTS, default "kill full index"):
#   kill  `kill -9` cycles during writes, on SQLite and PostgreSQL (DBS, default
#         "sqlite postgres"; PG_URL names the server, a fresh database is made per run), for
#         each workload of WORKLOADS (default "create upload edit"):
#           create  resource creates: every create answered 303 must be there after the
#                   restart, and the search index must hold every resource;
#           upload  vault uploads (2 uploaders, random sizes up to 256 KiB): every upload
#                   answered 303 downloads afterwards with its SHA-256, and `spona custody
#                   verify` passes;
#           edit    organisation edits (one editor of ASTRA's profile): after each restart
#                   the profile shows the last acknowledged edit (or a later one).
#   index the search index damaged in each way issue 15 lists (a deleted .idx, a truncated
#         .term and .store, a deleted segment, 64 bytes overwritten in a .fast file, a
#         deleted .pos), on SQLite: the server must come up, rebuild, and find every resource
#         (the search total equals the database's count); free-text search must answer 200.
#   full  a full disk on a tmpfs (root only; skipped otherwise) under SQLite, and under
#         PostgreSQL whose own data directory is on a full tmpfs: writers and readers while
#         nothing fits (no 500 allowed: 507 or 503), then the space is freed and the time
#         until a create succeeds again, without a restart, is measured; every acknowledged
#         write is checked.
# Prints a table: part, database, cycles, acknowledged writes, lost, 500s, recovery time.
# Not part of the default test run (it takes minutes). Uses target/debug/spona (built if
# missing), python3, curl, sqlite3, psql; PostgreSQL binaries for the full-disk PostgreSQL run.
set -uo pipefail
cd "$(dirname "$0")/../.."

CYCLES=${CYCLES:-50}
DBS=${DBS:-"sqlite postgres"}
PARTS=${PARTS:-"kill full index"}
WORKLOADS=${WORKLOADS:-"create upload edit"}
PG_URL=${PG_URL:-postgres://postgres@127.0.0.1:5432/test}
PORT=${PORT:-18480}
BIN=${SPONA_BIN:-$PWD/target/debug/spona}
CLIENT="python3 $PWD/tests/faults/client.py"
BASE="http://127.0.0.1:$PORT"
if [[ ! -x $BIN ]]; then nice cargo build -q -p spona || exit 1; fi

WORK=$(mktemp -d /tmp/spona-faults.XXXXXX)
chmod 755 "$WORK"  # the PostgreSQL server of the full-disk run runs as postgres
ROWS=()
PID=
MOUNTS=()
PG_TMP_PID=
cleanup() {
  [[ -n $PID ]] && kill -9 "$PID" 2>/dev/null
  if [[ -n ${PG_TMP_DIR:-} ]]; then su postgres -c "pg_ctl -D $PG_TMP_DIR -m immediate stop" >/dev/null 2>&1; fi
  for m in "${MOUNTS[@]}"; do umount "$m" 2>/dev/null; done
  [[ -z ${KEEP:-} ]] && rm -rf "$WORK"
}
trap cleanup EXIT
echo "working in $WORK"

now_ms() { echo $(( $(date +%s%N) / 1000000 )); }

# start DATA_DIR DB_URL [serve args…]: starts the server in the background (PID).
start() {
  local data=$1 url=$2
  shift 2
  if [[ -n $url ]]; then
    SPONA_DATABASE_URL=$url SPONA_DATA_DIR=$data SPONA_LOG=${SPONA_LOG:-warn} \
      "$BIN" serve --bind "127.0.0.1:$PORT" "$@" >>"$WORK/server.log" 2>&1 &
  else
    env -u SPONA_DATABASE_URL SPONA_DATA_DIR=$data SPONA_LOG=${SPONA_LOG:-warn} \
      "$BIN" serve --bind "127.0.0.1:$PORT" "$@" >>"$WORK/server.log" 2>&1 &
  fi
  PID=$!
}

# healthy: waits (up to 300 s) for /healthz; prints the milliseconds it took.
healthy() {
  local t0
  t0=$(now_ms)
  for _ in $(seq 1 3000); do
    if curl -fsS -o /dev/null "$BASE/healthz" 2>/dev/null; then
      echo $(( $(now_ms) - t0 ))
      return 0
    fi
    if ! kill -0 "$PID" 2>/dev/null; then
      echo "the server exited; log: $WORK/server.log" >&2
      tail -5 "$WORK/server.log" >&2
      return 1
    fi
    sleep 0.1
  done
  return 1
}

stop() { [[ -n $PID ]] && kill "$PID" 2>/dev/null && wait "$PID" 2>/dev/null; PID=; }

db_count() { # DATA_DIR DB_URL
  if [[ -n $2 ]]; then
    psql -qtA "$2" -c "SELECT count(*) FROM resources"
  else
    sqlite3 "$1/spona.db" "SELECT count(*) FROM resources"
  fi
}

# ---- kill -9 cycles ----
kill_cycles() { # sqlite|postgres create|upload|edit
  local kind=$1 work=$2 data=$WORK/kill-$1-$2 url=
  mkdir -p "$data"
  if [[ $kind == postgres ]]; then
    local name=spona_faults_$$
    psql -q "$PG_URL" -c "DROP DATABASE IF EXISTS $name" -c "CREATE DATABASE $name" || return
    url=${PG_URL%/*}/$name
  fi
  local acks=$data/acks.txt
  : >"$acks"
  start "$data" "$url" --demo
  healthy >/dev/null || return
  local case=
  if [[ $work == upload ]]; then case=$($CLIENT "$BASE" newcase); fi
  local recovery_total=0 recovery_max=0 edit_lost=0
  for c in $(seq 1 "$CYCLES"); do
    # Writers; the kill falls at a random moment of their run.
    local w1= w2=
    case $work in
      create)
        $CLIENT "$BASE" write "$acks" 30 2>/dev/null & w1=$!
        $CLIENT "$BASE" write "$acks" 30 2>/dev/null & w2=$! ;;
      upload)
        $CLIENT "$BASE" upload "$acks" 30 "$case" 2>/dev/null & w1=$!
        $CLIENT "$BASE" upload "$acks" 30 "$case" 2>/dev/null & w2=$! ;;
      edit)
        $CLIENT "$BASE" edit "$acks" 30 2>/dev/null & w1=$! ;;
    esac
    sleep "$(python3 -c 'import random; print(round(random.uniform(0.5, 2.5), 2))')"
    kill -9 "$PID"
    wait "$PID" 2>/dev/null
    wait $w1 $w2 2>/dev/null
    start "$data" "$url"
    local ms
    ms=$(healthy) || return
    recovery_total=$((recovery_total + ms))
    ((ms > recovery_max)) && recovery_max=$ms
    # Each cycle: the last edit acknowledged before the kill (or a later one) is shown.
    if [[ $work == edit ]]; then
      local c_checked c_lost
      read -r _ c_checked _ c_lost < <($CLIENT "$BASE" check-edit "$acks")
      edit_lost=$((edit_lost + c_lost))
    fi
    printf '\r%s %s: cycle %d/%d, %d acknowledged' "$kind" "$work" "$c" "$CYCLES" "$(grep -vc '^#' "$acks")"
  done
  echo
  local checked lost total indexed extra five
  five=$(grep -c '^# status 5' "$acks")
  case $work in
    create)
      read -r _ checked _ lost < <($CLIENT "$BASE" check "$acks")
      total=$(db_count "$data" "$url")
      # The index catches up at start; give it a moment, then compare with the database.
      sleep 2
      indexed=$($CLIENT "$BASE" search-total)
      extra="index $indexed of $total"
      stop ;;
    upload)
      read -r _ checked _ lost < <($CLIENT "$BASE" check-uploads "$case" "$acks")
      stop
      if cli "$data" "$url" custody verify >"$data/verify.txt" 2>&1; then
        extra="custody verify: ok"
      else
        extra="custody verify: FAILED ($data/verify.txt)"
      fi ;;
    edit)
      read -r _ checked _ lost < <($CLIENT "$BASE" check-edit "$acks")
      lost=$((lost + edit_lost))
      extra="last acknowledged edit shown after each restart"
      [[ $lost != 0 ]] && extra="$lost restarts lost the last acknowledged edit"
      stop ;;
  esac
  ROWS+=("kill -9 $work|$kind|$CYCLES|$checked|$lost|$five|avg $((recovery_total / CYCLES)) ms, max $recovery_max ms (restart)|$extra")
  if [[ $kind == postgres ]]; then psql -q "$PG_URL" -c "DROP DATABASE IF EXISTS spona_faults_$$" >/dev/null 2>&1; fi
}

# cli DATA_DIR DB_URL ARGS…: runs a command of the binary on that data.
cli() {
  local data=$1 url=$2
  shift 2
  if [[ -n $url ]]; then
    SPONA_DATABASE_URL=$url SPONA_DATA_DIR=$data SPONA_LOG=warn "$BIN" "$@"
  else
    env -u SPONA_DATABASE_URL SPONA_DATA_DIR=$data SPONA_LOG=warn "$BIN" "$@"
  fi
}

# ---- a damaged search index ----
index_damage() {
  local data=$WORK/index
  mkdir -p "$data"
  start "$data" "" --demo
  healthy >/dev/null || return
  $CLIENT "$BASE" write "$WORK/acks-index.txt" 3 2>/dev/null
  stop
  local total dir=$data/search
  total=$(db_count "$data" "")
  for damage in idx term store segment fast pos; do
    # The largest segment (by its stored documents).
    local seg
    seg=$(ls -S "$dir"/*.store 2>/dev/null | head -1)
    seg=${seg%.store}
    if [[ -z $seg ]]; then ROWS+=("index|$damage|no segment found|||||"); continue; fi
    case $damage in
      idx) rm -f "$seg.idx" ;;
      term) truncate -s $(( $(stat -c%s "$seg.term") / 2 )) "$seg.term" ;;
      store) truncate -s $(( $(stat -c%s "$seg.store") / 2 )) "$seg.store" ;;
      segment) rm -f "$seg".* ;;
      fast) dd if=/dev/urandom of="$seg.fast" bs=1 count=64 seek=64 conv=notrunc status=none ;;
      pos) rm -f "$seg.pos" ;;
    esac
    start "$data" ""
    local up found search lost=0
    if ! up=$(healthy); then
      ROWS+=("index $damage|sqlite|1|$total|$total|-|did not start|-")
      PID=
      continue
    fi
    found=$($CLIENT "$BASE" wait-total "$total" 120)
    # Free-text search reads the positions too: a damage found only then is rebuilt then
    # (503 meanwhile); wait for a 200, then count again.
    local t0 search_ms=timeout
    t0=$(now_ms)
    for _ in $(seq 1 600); do
      search=$(curl -s -o /dev/null -w '%{http_code}' "$BASE/en/resources?q=guideline")
      if [[ $search == 200 ]]; then search_ms=$(( $(now_ms) - t0 )); break; fi
      sleep 0.1
    done
    found=$($CLIENT "$BASE" wait-total "$total" 120)
    [[ $found == timeout* ]] && lost=$(( total - ${found#timeout } )) 2>/dev/null || true
    ROWS+=("index $damage|sqlite|1|$total resources|$lost|-|up in $up ms, all $total found|free-text search 200 after $search_ms ms")
    stop
  done
}

# ---- full disk ----
# fill DIR: a file that takes every free byte of DIR's file system.
fill() {
  dd if=/dev/zero of="$1/filler" bs=1M status=none 2>/dev/null
  dd if=/dev/zero of="$1/filler2" bs=4k status=none 2>/dev/null
  sync
}

full_disk_run() { # label data url fill_dir
  local label=$1 data=$2 url=$3 filldir=$4 acks=$WORK/acks-full-$1.txt  # not on the full disk
  : >"$acks"
  # Writers sign in first (a sign-in is a write too), then write for 10 s on the full disk.
  local go=$WORK/go-$label
  $CLIENT "$BASE" write "$acks" 10 "$go" 2>/dev/null &
  local w1=$!
  $CLIENT "$BASE" write "$acks" 10 "$go" 2>/dev/null &
  local w2=$!
  sleep 3
  fill "$filldir"
  touch "$go"
  local signins=()
  # Sign-ins are rate-limited per account: two, as the admin.
  for _ in 1 2; do signins+=("$(FAULTS_EMAIL=admin@spona.example $CLIENT "$BASE" signin 2>/dev/null)"); sleep 3; done
  wait $w1 $w2
  local five full
  five=$(grep -c '^# status 500' "$acks")
  full=$(grep -c '^# status 50[37]' "$acks")
  local during
  during=$(grep -vc '^#' "$acks")
  for s in "${signins[@]}"; do [[ $s == 500 ]] && five=$((five + 1)); done
  # Room again: time until a create is acknowledged, without a restart.
  rm -f "$filldir/filler" "$filldir/filler2"
  sync
  local ms id
  read -r ms id < <($CLIENT "$BASE" recover 2>/dev/null)
  [[ $id != - ]] && echo "$id" >>"$acks"
  local checked lost total indexed
  read -r _ checked _ lost < <($CLIENT "$BASE" check "$acks")
  sleep 3
  total=$(db_count "$data" "$url")
  indexed=$($CLIENT "$BASE" search-total)
  ROWS+=("full disk|$label|1 ($full refused 503/507, $during acked while full)|$checked|$lost|$five|$ms ms (no restart)|index $indexed of $total")
}

full_sqlite() {
  local mnt=$WORK/tmpfs-sqlite
  mkdir -p "$mnt"
  mount -t tmpfs -o size=160m tmpfs "$mnt" || { ROWS+=("full disk|sqlite|skipped (mount failed)|||||"); return; }
  MOUNTS+=("$mnt")
  start "$mnt" "" --demo
  healthy >/dev/null || return
  full_disk_run sqlite "$mnt" "" "$mnt"
  stop
}

full_postgres() {
  local mnt=$WORK/tmpfs-pg pgbin
  pgbin=$(dirname "$(command -v pg_ctl)")
  mkdir -p "$mnt"
  mount -t tmpfs -o size=160m tmpfs "$mnt" || { ROWS+=("full disk|postgres|skipped (mount failed)|||||"); return; }
  MOUNTS+=("$mnt")
  chown postgres "$mnt"
  PG_TMP_DIR=$mnt/pg
  su postgres -c "$pgbin/initdb -D $PG_TMP_DIR -A trust -U postgres" >/dev/null || return
  su postgres -c "$pgbin/pg_ctl -D $PG_TMP_DIR -o '-p 5499 -k /tmp' -l $mnt/pg.log start" >/dev/null || return
  sleep 2
  local data=$WORK/full-pg-data url=postgres://postgres@127.0.0.1:5499/postgres
  mkdir -p "$data"
  start "$data" "$url" --demo
  healthy >/dev/null || return
  full_disk_run postgres "$data" "$url" "$mnt"
  stop
}

for part in $PARTS; do
  case $part in
    kill) for w in $WORKLOADS; do for db in $DBS; do kill_cycles "$db" "$w"; done; done ;;
    index) index_damage ;;
    full)
      if [[ $(id -u) != 0 ]]; then
        ROWS+=("full disk|-|skipped (needs root for tmpfs)|||||")
      else
        for db in $DBS; do
          if [[ $db == sqlite ]]; then full_sqlite; else full_postgres; fi
        done
      fi
      ;;
  esac
done

echo
printf '| %-9s | %-8s | %-24s | %-12s | %-4s | %-4s | %-36s | %-18s |\n' part database cycles acknowledged lost 500s recovery search
printf '|%s|\n' "-----------|----------|--------------------------|--------------|------|------|--------------------------------------|--------------------"
for r in "${ROWS[@]}"; do
  IFS='|' read -r a b c d e f g h <<<"$r"
  printf '| %-9s | %-8s | %-24s | %-12s | %-4s | %-4s | %-36s | %-18s |\n' "$a" "$b" "$c" "$d" "$e" "$f" "$g" "$h"
done
