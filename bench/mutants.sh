#!/usr/bin/env bash
# Mutation testing of the pure crates (issue 16 item 6): how many of cargo-mutants' mutants
# the crate's own tests catch. Outside CI: it rebuilds the crate once per mutant and takes
# from minutes (spona-matching) to hours (spona-vault) on two cores.
#
#   cargo install cargo-mutants --locked
#   bench/mutants.sh                      # both crates
#   bench/mutants.sh spona-matching       # one crate
#   SHARD=0/8 bench/mutants.sh spona-vault  # one eighth of the mutants (a sample)
#
# Results go to artifacts/mutants/<crate>/mutants.out (caught.txt, missed.txt, timeout.txt,
# unviable.txt, outcomes.json). The score is caught / (caught + missed + timeout); unviable
# mutants (ones that do not compile) are not counted.
set -euo pipefail
cd "$(dirname "$0")/.."
command -v cargo-mutants >/dev/null || { echo "cargo install cargo-mutants --locked" >&2; exit 1; }
crates=("$@")
[ ${#crates[@]} -gt 0 ] || crates=(spona-matching spona-vault)
for crate in "${crates[@]}"; do
  out="artifacts/mutants/$crate"
  mkdir -p "$out"
  args=(--package "$crate" --test-package "$crate" --jobs 1 --timeout 120 --build-timeout 600
        --no-shuffle --output "$out" --colors never)
  [ -n "${SHARD:-}" ] && args+=(--shard "$SHARD" --sharding round-robin)
  cargo mutants "${args[@]}" || true   # exits non-zero when any mutant is missed
  m="$out/mutants.out"
  caught=$(wc -l <"$m/caught.txt"); missed=$(wc -l <"$m/missed.txt")
  timeout=$(wc -l <"$m/timeout.txt"); unviable=$(wc -l <"$m/unviable.txt")
  echo "$crate: caught $caught, missed $missed, timeout $timeout, unviable $unviable;" \
       "score $caught/$((caught + missed + timeout))"
done
