#!/usr/bin/env bash
# Two Spona deployments in two network namespaces over HTTPS with a test CA (issue 20).
#
#   spona-bel-N  10.231.7.1  Belgrade   `serve --demo`            SQLite
#   spona-pri-N  10.231.7.2  Prishtina  `serve --demo=prishtina`  PostgreSQL (Unix socket)
#
# joined by one veth pair and nothing else (no route to any other address). Each serves
# HTTPS itself (`--tls-cert/--tls-key`, a certificate for its address from a test CA made
# with Python's `trustme`, or openssl) and trusts the other only through
# `--federation-ca-file`. tests/federation/netns_drive.py then pairs them through their
# admin pages, sends a referral Belgrade → Prishtina and its answer back, stops Prishtina
# while three notes queue and checks each is received once after the restart, and
# withdraws consent. Ends with `netns: passed`.
#
# Needs root and `ip netns` (skips with a message, exit 0, when unavailable), python3 with
# requests (and trustme, else openssl), psql and a PostgreSQL server on the Unix socket
# /var/run/postgresql (a database is made and dropped).
#
# Usage: tests/federation/netns.sh
#   SPONA_BIN=target/release/spona   the binary (default target/debug/spona, built if missing)
#   BENCH=1                          then run the federation benchmark over the namespaces
#                                    (N=500 ROUNDS=50; see bench/federation.sh)
#   KEEP=1                           keep the work directory (logs, certificates)
set -euo pipefail
ROOT=$(cd "$(dirname "${BASH_SOURCE[0]}")/../.." && pwd)
cd "$ROOT"

skip() {
  echo "netns: SKIPPED: $*"
  exit 0
}

[[ $(id -u) == 0 ]] || skip "needs root (ip netns, veth)"
command -v ip >/dev/null || skip "no 'ip' command"
command -v psql >/dev/null || skip "no psql (Prishtina runs on PostgreSQL)"
[[ -S /var/run/postgresql/.s.PGSQL.5432 ]] || skip "no PostgreSQL on /var/run/postgresql"
python3 -c 'import requests' 2>/dev/null || skip "python3 without requests"

ID=$$
NS_A=spona-bel-$ID
NS_B=spona-pri-$ID
VA=vsb$ID
VB=vsp$ID
ADDR_A=10.231.7.1
ADDR_B=10.231.7.2
PG_DB=spona_netns_$ID
WORK=$(mktemp -d /tmp/spona-netns.XXXXXX)

ip netns add "$NS_A" 2>/dev/null || skip "ip netns add failed (no permission to make network namespaces here)"

cleanup() {
  local rc=$?
  ip netns pids "$NS_A" 2>/dev/null | xargs -r kill 2>/dev/null || true
  ip netns pids "$NS_B" 2>/dev/null | xargs -r kill 2>/dev/null || true
  sleep 0.5
  ip netns del "$NS_A" 2>/dev/null || true
  ip netns del "$NS_B" 2>/dev/null || true
  psql -h /var/run/postgresql -U postgres -qc "DROP DATABASE IF EXISTS $PG_DB" >/dev/null 2>&1 || true
  if [[ -n ${KEEP:-} || $rc != 0 ]]; then
    echo "netns: work directory kept: $WORK"
    if [[ $rc != 0 ]]; then
      for f in "$WORK"/*.log; do [[ -f $f ]] && { echo "--- $f (last 40 lines)"; tail -n 40 "$f"; }; done
    fi
  else
    rm -rf "$WORK"
  fi
  exit $rc
}
trap cleanup EXIT

ip netns add "$NS_B"
ip link add "$VA" type veth peer name "$VB"
ip link set "$VA" netns "$NS_A"
ip link set "$VB" netns "$NS_B"
ip -n "$NS_A" addr add "$ADDR_A/30" dev "$VA"
ip -n "$NS_B" addr add "$ADDR_B/30" dev "$VB"
for ns in "$NS_A" "$NS_B"; do ip -n "$ns" link set lo up; done
ip -n "$NS_A" link set "$VA" up
ip -n "$NS_B" link set "$VB" up
echo "netns: $NS_A ($ADDR_A) and $NS_B ($ADDR_B) joined by a veth pair"

# The test CA and a certificate for each address.
if python3 -c 'import trustme' 2>/dev/null; then
  python3 - "$WORK" "$ADDR_A" "$ADDR_B" <<'EOF'
import sys, trustme
work, a, b = sys.argv[1:]
ca = trustme.CA(organization_name="Spona netns test CA")
ca.cert_pem.write_to_path(f"{work}/ca.pem")
for name, addr in (("belgrade", a), ("prishtina", b)):
    c = ca.issue_cert(addr)
    c.private_key_pem.write_to_path(f"{work}/{name}.key")
    with open(f"{work}/{name}.pem", "wb") as f:
        for pem in c.cert_chain_pems:
            f.write(pem.bytes())
EOF
  echo "netns: test CA and certificates made with trustme"
else
  openssl req -x509 -newkey ec -pkeyopt ec_paramgen_curve:P-256 -nodes -days 2 \
    -subj "/CN=Spona netns test CA" -keyout "$WORK/ca.key" -out "$WORK/ca.pem" 2>/dev/null
  for pair in "belgrade:$ADDR_A" "prishtina:$ADDR_B"; do
    name=${pair%%:*} addr=${pair#*:}
    openssl req -newkey ec -pkeyopt ec_paramgen_curve:P-256 -nodes -subj "/CN=$addr" \
      -keyout "$WORK/$name.key" -out "$WORK/$name.csr" 2>/dev/null
    printf 'subjectAltName=IP:%s\nbasicConstraints=CA:FALSE\n' "$addr" >"$WORK/$name.ext"
    openssl x509 -req -in "$WORK/$name.csr" -CA "$WORK/ca.pem" -CAkey "$WORK/ca.key" \
      -CAcreateserial -days 2 -extfile "$WORK/$name.ext" -out "$WORK/$name.pem" 2>/dev/null
  done
  echo "netns: test CA and certificates made with openssl"
fi

BIN=${SPONA_BIN:-target/debug/spona}
if [[ ! -x $BIN ]]; then
  echo "netns: building $BIN"
  nice cargo build -p spona >/dev/null
fi
BIN=$(cd "$(dirname "$BIN")" && pwd)/$(basename "$BIN")
psql -h /var/run/postgresql -U postgres -qc "CREATE DATABASE $PG_DB" >/dev/null
mkdir -p "$WORK/belgrade" "$WORK/prishtina"

DRIVE=(python3 "$ROOT/tests/federation/netns_drive.py" --bin "$BIN" --work "$WORK"
  --ns-a "$NS_A" --ns-b "$NS_B" --addr-a "$ADDR_A" --addr-b "$ADDR_B" --pg-db "$PG_DB")
if [[ -z ${BENCH:-} ]]; then
  ip netns exec "$NS_A" "${DRIVE[@]}"
  exit 0
fi

# The benchmark: the scenario first, then the servers keep running while the ignored e2e
# test queues pings straight into Belgrade's database and times their delivery to Prishtina
# across the namespaces.
INFO=$WORK/bench.json
ip netns exec "$NS_A" "${DRIVE[@]}" --bench-out "$INFO" &
DRIVER=$!
for _ in $(seq 1 600); do [[ -f $INFO ]] && break; sleep 0.5; done
[[ -f $INFO ]] || { echo "netns: the scenario did not reach the benchmark"; wait $DRIVER; exit 1; }
SPONA_NETNS_BENCH=$INFO FED_N=${N:-500} FED_ROUNDS=${ROUNDS:-50} \
  nice -n 10 cargo test -p spona --test e2e ${RELEASE:+--release} -- --ignored --nocapture \
  --exact federation::netns_bench::federation_over_namespaces 2>&1 \
  | grep -E '^(netns bench|throughput|round trip)|panicked|test result' || true
rm -f "$INFO"
wait $DRIVER
