#!/usr/bin/env bash
# Mutation testing of the pure crates (issue 16 item 6): how many of cargo-mutants' mutants
# the crate's own tests catch. Outside CI: it rebuilds the crate once per mutant and takes
# from minutes (spona-matching) to hours (spona-vault) on two cores.
#
#   cargo install cargo-mutants --locked
#   bench/mutants.sh                      # both crates
#   bench/mutants.sh spona-matching       # one crate
#   SHARD=0/8 bench/mutants.sh spona-vault  # one eighth of the mutants (a sample)
#   bench/mutants.sh app-access           # spona-app's access and privacy rules, unit tests only
#   ITERATE=1 bench/mutants.sh app-access # again, only the mutants missed last time
#   COPY_TARGET=1 ...                     # start from a copy of target/ (skips building the deps)
#
# Results go to artifacts/mutants/<crate>/mutants.out (caught.txt, missed.txt, timeout.txt,
# unviable.txt, outcomes.json). The score is caught / (caught + missed + timeout); unviable
# mutants (ones that do not compile) are not counted.
set -euo pipefail
cd "$(dirname "$0")/.."
command -v cargo-mutants >/dev/null || { echo "cargo install cargo-mutants --locked" >&2; exit 1; }
crates=("$@")
[ ${#crates[@]} -gt 0 ] || crates=(spona-matching spona-vault)
# The access rules of the use-case layer: who may do what (actor, access modules) and the
# privacy rules (contact details in the directory, names before both sides of a proposal
# accept). Groups', events' and newsletters' access files are left to their lanes.
APP_ACCESS=(crates/spona-app/src/actor.rs crates/spona-app/src/matching/access.rs
            crates/spona-app/src/vault/access.rs crates/spona-app/src/matching/privacy.rs
            crates/spona-app/src/directory/contacts.rs)
for crate in "${crates[@]}"; do
  out="artifacts/mutants/$crate"
  mkdir -p "$out"
  if [ "$crate" = app-access ]; then
    args=(--package spona-app --test-package spona-app --cargo-test-arg=--lib)
    for f in "${APP_ACCESS[@]}"; do args+=(--file "$f"); done
  else
    args=(--package "$crate" --test-package "$crate")
  fi
  args+=(--jobs 1 --timeout 120 --build-timeout 600 --no-shuffle --output "$out" --colors never)
  [ -n "${ITERATE:-}" ] && args+=(--iterate)
  [ -n "${COPY_TARGET:-}" ] && args+=(--copy-target=true)
  [ -n "${SHARD:-}" ] && args+=(--shard "$SHARD" --sharding round-robin)
  cargo mutants "${args[@]}" || true   # exits non-zero when any mutant is missed
  m="$out/mutants.out"
  caught=$(wc -l <"$m/caught.txt"); missed=$(wc -l <"$m/missed.txt")
  timeout=$(wc -l <"$m/timeout.txt"); unviable=$(wc -l <"$m/unviable.txt")
  echo "$crate: caught $caught, missed $missed, timeout $timeout, unviable $unviable;" \
       "score $caught/$((caught + missed + timeout))"
done
