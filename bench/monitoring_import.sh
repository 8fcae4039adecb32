#!/usr/bin/env bash
# Import figures for issue 21: N recommendations (default 270,000) in the UHRI export layout,
# from CSV and from XLSX, into a fresh SQLite database (or PostgreSQL with
# SPONA_DATABASE_URL=postgres://…), through `spona monitoring import`: wall time and peak
# memory (VmHWM, from /usr/bin/time's maximum resident set size), then a second import of
# the same file (every row unchanged).
#
#   bench/monitoring_import.sh [N] [BIN]     e.g. bench/monitoring_import.sh 270000 target/release/spona
#
# Build first: `cargo build --release -p spona` (the lead runs the 270,000-row release figures
# when the machine is idle); a debug build on 20,000 rows is a quick check.
set -euo pipefail
cd "$(dirname "${BASH_SOURCE[0]}")/.."
N="${1:-270000}"
BIN="${2:-${SPONA_BIN:-target/release/spona}}"
WORK="$(mktemp -d)"
trap 'rm -rf "$WORK"' EXIT
python3 -c 'import openpyxl' 2>/dev/null || pip install --quiet openpyxl
echo "generating $N rows…"
python3 bench/monitoring/gen.py "$N" "$WORK/recs.csv"
python3 bench/monitoring/gen.py "$N" "$WORK/recs.xlsx"
ls -l "$WORK"/recs.* | awk '{print $5, $9}'
run() {
  local label="$1" data="$2" file="$3"
  /usr/bin/time -f "$label: %e s wall, peak RSS %M KiB" \
    "$BIN" --data-dir "$data" monitoring import "$file" 2>&1 | grep -v '^\s*$' | tail -2
}
for kind in csv xlsx; do
  data="$WORK/data-$kind"
  mkdir -p "$data"
  "$BIN" --data-dir "$data" migrate >/dev/null 2>&1 || true
  run "$kind first import" "$data" "$WORK/recs.$kind"
  run "$kind again (unchanged)" "$data" "$WORK/recs.$kind"
done
