#!/usr/bin/env bash
# Matching solver benchmark (issue: cross-border matching).
#  (a) a dense 2,000 × 2,000 score matrix, solved by Spona's solver and, in the same run, by
#      SciPy's linear_sum_assignment(maximize=True) on the very same matrix;
#  (b) a sparse instance: 50,000 participants (25,000 per side), 50 candidates each.
# Prints time and total score for each. SciPy comes from PyPI into bench/.venv.
set -euo pipefail
ROOT=$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)
N=${N:-2000}
SPARSE_N=${SPARSE_N:-25000}
DEGREE=${DEGREE:-50}
SEED=${SEED:-20261125}
WORK=$(mktemp -d)
trap 'rm -rf "$WORK"' EXIT

cargo build --release -q -p spona-matching --example matching_bench --manifest-path "$ROOT/Cargo.toml"
BIN=$ROOT/target/release/examples/matching_bench

VENV=$ROOT/bench/.venv
if [ ! -x "$VENV/bin/python" ]; then
  python3 -m venv "$VENV"
  "$VENV/bin/pip" install -q numpy scipy
fi

spona_dense=$("$BIN" dense "$N" "$SEED" "$WORK/dense.bin")
scipy_dense=$("$VENV/bin/python" - "$WORK/dense.bin" "$N" <<'PY'
import sys, time
import numpy as np
from scipy.optimize import linear_sum_assignment
n = int(sys.argv[2])
m = np.fromfile(sys.argv[1], dtype="<i8").reshape(n, n)
start = time.perf_counter()
rows, cols = linear_sum_assignment(m, maximize=True)
took = time.perf_counter() - start
print(f"dense n={n} total={int(m[rows, cols].sum())} seconds={took:.3f}")
PY
)
spona_sparse=$("$BIN" sparse "$SPARSE_N" "$DEGREE" "$SEED")

field() { sed -n "s/.*$1=\([^ ]*\).*/\1/p" <<<"$2"; }
echo
echo "| instance | solver | seconds | total score |"
echo "|---|---|---:|---:|"
echo "| dense ${N}×${N} | Spona | $(field seconds "$spona_dense") | $(field total "$spona_dense") |"
echo "| dense ${N}×${N} | SciPy linear_sum_assignment | $(field seconds "$scipy_dense") | $(field total "$scipy_dense") |"
echo "| sparse $((2 * SPARSE_N)) participants, ${DEGREE} candidates each | Spona | $(field seconds "$spona_sparse") | $(field total "$spona_sparse") |"
if [ "$(field total "$spona_dense")" = "$(field total "$scipy_dense")" ]; then
  echo; echo "dense optimum: same as SciPy"
else
  echo; echo "dense optimum: DIFFERENT from SciPy" >&2; exit 1
fi
