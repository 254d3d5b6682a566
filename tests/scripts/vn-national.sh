#!/usr/bin/env bash
# The national pack on generated national-layout data (thidua gen --layout national), for
# 2024 and 2025 (both regimes): the engine (1 and 2 threads) and the reference interpreter write
# byte-identical results; W1 runs on the same files (its five files are a subset of the layout).
set -euo pipefail
cli=$1
reference=$2
root=$(cd "$(dirname "$0")/../.." && pwd)
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT
"$cli" gen --size tiny --layout national --year 2025 --seed 7 --out "$work/data" >/dev/null
"$cli" check --rules "$root/rules/vn" --data "$work/data" >/dev/null
for year in 2024 2025; do
  "$cli" eval -q --threads 1 --rules "$root/rules/vn" --data "$work/data" --year $year --out "$work/e1-$year"
  "$cli" eval -q --threads 2 --rules "$root/rules/vn" --data "$work/data" --year $year --out "$work/e2-$year"
  "$reference" --rules "$root/rules/vn" --data "$work/data" --year $year --out "$work/ref-$year"
  for f in person_results.csv unit_results.csv household_results.csv; do
    cmp "$work/e1-$year/$f" "$work/ref-$year/$f"
    cmp "$work/e1-$year/$f" "$work/e2-$year/$f"
  done
  # Something is decided: not an empty or all-zero result.
  [ "$(grep -c ',1,' "$work/e1-$year/person_results.csv")" -gt 100 ]
  grep -q "^commune,LDTT,person," "$work/e1-$year/proposals.csv"
done
# The regime is recorded in each year's results.
grep -q ",2024.1 — " "$work/e1-2024/unit_results.csv"
grep -q ",2025.7 — " "$work/e1-2025/unit_results.csv"
# W1 on the national files.
"$cli" eval -q --rules "$root/bench/w1" --data "$work/data" --year 2025 --out "$work/w1"
[ -s "$work/w1/person_results.csv" ]
echo "ok"
