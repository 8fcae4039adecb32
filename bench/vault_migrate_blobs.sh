#!/usr/bin/env bash
# Time `spona vault migrate-blobs` moving a local store of FILES blobs of MIB MiB each into
# moto's S3 server (loopback), then the re-run that finds them all in place.
# Usage: bench/vault_migrate_blobs.sh [FILES=64] [MIB=32] [SPONA=target/debug/spona]
# (The blobs are random bytes under UUID names: migration copies sealed files as they are
# and never opens them, so their content does not matter here.)
set -euo pipefail
FILES=${1:-64}
MIB=${2:-32}
SPONA=${3:-target/debug/spona}
work=$(mktemp -d)
port=$(python3 -c 'import socket; s=socket.socket(); s.bind(("127.0.0.1",0)); print(s.getsockname()[1])')
moto_server -H 127.0.0.1 -p "$port" >/dev/null 2>&1 &
moto=$!
trap 'kill $moto 2>/dev/null; rm -rf "$work"' EXIT
for _ in $(seq 100); do curl -fs "http://127.0.0.1:$port" >/dev/null && break; sleep 0.1; done
curl -fs -X PUT "http://127.0.0.1:$port/bench" >/dev/null
for i in $(seq "$FILES"); do
  id=$(python3 -c 'import uuid; print(uuid.uuid4())')
  dir="$work/store/blobs/${id: -2}"
  mkdir -p "$dir"
  head -c $((MIB * 1024 * 1024)) /dev/urandom > "$dir/$id"
done
export AWS_ENDPOINT="http://127.0.0.1:$port" AWS_REGION=eu-central-1 \
  AWS_ACCESS_KEY_ID=bench AWS_SECRET_ACCESS_KEY=bench AWS_ALLOW_HTTP=true SPONA_LOG=warn
echo "moving $FILES blobs of $MIB MiB ($((FILES * MIB)) MiB)"
for run in first again; do
  start=$(date +%s.%N)
  "$SPONA" --data-dir "$work/data" vault migrate-blobs --from "$work/store" \
    --to s3://bench/vault | tail -1
  end=$(date +%s.%N)
  echo "$run run: $(python3 -c "print(f'{$end - $start:.1f} s')")"
done
