#!/usr/bin/env bash
# Evaluates an example pack on a small hand-made dataset and compares every output file with
# the expected one, whose rows were worked out by hand from the rules (tests/golden/eval/NAME:
# `pack` names the pack folder, `year` the year assessed, `data/` the CSV files, `expected/` the
# outputs). The evaluator is the reference interpreter or the engine (`thidua eval`): any extra
# arguments (e.g. `eval -q`) come before the common flags.
set -euo pipefail
evaluator=$1
case_dir=$2
shift 2
root=$(cd "$(dirname "$0")/../.." && pwd)
out=$(mktemp -d)
trap 'rm -rf "$out"' EXIT
"$evaluator" "$@" --rules "$root/$(cat "$case_dir/pack")" --data "$case_dir/data" \
  --year "$(cat "$case_dir/year")" --out "$out"
fail=0
for f in "$case_dir"/expected/*; do
  diff -u "$f" "$out/$(basename "$f")" || fail=1
done
exit $fail
