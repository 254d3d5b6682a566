#!/usr/bin/env bash
# examples/hai-anh: the commune example of docs/hai-anh.md. The engine's results (outputs and
# proposal lists) must equal examples/hai-anh/expected/, whose rows the walkthrough works out by
# hand; the reference interpreter must write the same outputs.
set -euo pipefail
cli=$1
reference=$2
root=$(cd "$(dirname "$0")/../.." && pwd)
ex=$root/examples/hai-anh
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT
"$cli" eval -q --rules "$root/rules/vn" --data "$ex/data" --year 2025 --out "$work/engine"
"$reference" --rules "$root/rules/vn" --data "$ex/data" --year 2025 --out "$work/reference"
fail=0
for f in "$ex"/expected/*.csv; do
  diff -u "$f" "$work/engine/$(basename "$f")" || fail=1
done
for f in person_results.csv unit_results.csv household_results.csv; do
  diff -u "$ex/expected/$f" "$work/reference/$f" || fail=1
done
exit $fail
