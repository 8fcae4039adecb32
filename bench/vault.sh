#!/usr/bin/env bash
# Vault ingest benchmark (issue 4): Spona ingest (hash + encrypt + store, fsync included) next
# to sha256sum and `age -r` on the same 2 GiB file, with wall time, throughput and peak memory
# of each (from /usr/bin/time -v). The last row also reads the blob back (decrypt + hash).
# Figures are only comparable on an otherwise idle machine: under load a program with more
# threads gets a larger share of the CPU.
#
#   bench/vault.sh            # 2 GiB
#   SIZE_MIB=512 bench/vault.sh
set -euo pipefail
cd "$(dirname "$0")/.."

SIZE_MIB=${SIZE_MIB:-2048}
export CARGO_TARGET_DIR=${CARGO_TARGET_DIR:-/work/target-vault}
WORK=${BENCH_DIR:-${TMPDIR:-/tmp}}

for tool in age age-keygen sha256sum /usr/bin/time; do
  if ! command -v "$tool" >/dev/null; then
    echo "installing what provides $tool" >&2
    apt-get install -y age time >/dev/null
  fi
done

need_kib=$(( SIZE_MIB * 1024 * 3 + 1024 * 1024 ))   # file + stored blob + age output + slack
free_kib=$(df -Pk "$WORK" | awk 'NR==2 {print $4}')
if (( free_kib < need_kib )); then
  echo "not enough free space in $WORK: need $((need_kib / 1024)) MiB, have $((free_kib / 1024)) MiB" >&2
  exit 1
fi

cargo build --release -q -p spona-vault --example ingest_bench
BIN="$CARGO_TARGET_DIR/release/examples/ingest_bench"

DIR=$(mktemp -d "$WORK/spona-vault-bench.XXXXXX")
trap 'rm -rf "$DIR"' EXIT
echo "creating a ${SIZE_MIB} MiB file of random bytes in $DIR"
head -c "$((SIZE_MIB * 1024 * 1024))" /dev/urandom > "$DIR/input.bin"
age-keygen -o "$DIR/key.txt" 2>/dev/null
RECIPIENT=$(age-keygen -y "$DIR/key.txt")
# Warm the page cache so every contender reads from memory.
cat "$DIR/input.bin" > /dev/null

run() { # name, command...
  local name=$1; shift
  /usr/bin/time -v -o "$DIR/$name.time" "$@" > "$DIR/$name.out"
  local wall rss
  wall=$(awk -F': ' '/Elapsed \(wall clock\)/ {print $2}' "$DIR/$name.time")
  rss=$(awk -F': ' '/Maximum resident set size/ {print $2}' "$DIR/$name.time")
  local secs
  secs=$(echo "$wall" | awk -F: '{ if (NF==3) print $1*3600+$2*60+$3; else print $1*60+$2 }')
  printf '%-28s %8.2f s %10.0f MiB/s %10.1f MiB peak RSS\n' "$name" "$secs" \
    "$(echo "$SIZE_MIB / $secs" | bc -l)" "$(echo "$rss / 1024" | bc -l)"
  echo "$secs" > "$DIR/$name.secs"
}

echo
printf '%-28s %10s %16s %20s\n' "" "wall" "throughput" "memory"
run sha256sum sha256sum "$DIR/input.bin"
run spona-ingest "$BIN" "$DIR/input.bin" "$DIR/store"
if command -v openssl >/dev/null; then
  # A SHA-NI hasher, for reference: Debian's coreutils sha256sum does not use SHA-NI.
  run "openssl dgst -sha256" openssl dgst -sha256 "$DIR/input.bin"
fi
run "age -r" age -r "$RECIPIENT" -o "$DIR/input.age" "$DIR/input.bin"
rm -f "$DIR/input.age"
run sha256sum-again sha256sum "$DIR/input.bin"
rm -rf "$DIR/store"
VERIFY=1 run spona-ingest+verify "$BIN" "$DIR/input.bin" "$DIR/store"

echo
grep -h "spona" "$DIR/spona-ingest+verify.out"
a=$(awk '{print $1}' "$DIR/sha256sum.out"); b=$(awk 'NR==1 {print $1}' "$DIR/spona-ingest.out")
[[ "$a" == "$b" ]] && echo "hashes agree: $a" || { echo "HASH MISMATCH: sha256sum $a, spona $b"; exit 1; }
best_sha=$(sort -n "$DIR/sha256sum.secs" "$DIR/sha256sum-again.secs" | head -1)
printf 'throughput ratio spona-ingest / sha256sum (best of two): %.2f  (aim >= 0.80)\n' \
  "$(echo "$best_sha / $(cat "$DIR/spona-ingest.secs")" | bc -l)"
if [[ -f "$DIR/openssl dgst -sha256.secs" ]]; then
  printf 'throughput ratio spona-ingest / openssl dgst -sha256 (SHA-NI): %.2f\n' \
    "$(echo "$(cat "$DIR/openssl dgst -sha256.secs") / $(cat "$DIR/spona-ingest.secs")" | bc -l)"
fi
