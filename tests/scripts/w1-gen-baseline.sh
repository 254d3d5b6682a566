#!/usr/bin/env bash
# W1 data and baseline tests:
#   1. `thidua gen` is deterministic: the same seed gives byte-identical files for 1 and 3 threads,
#      and a different seed gives different data;
#   2. the hand-written baseline, run on generated data, meets every planted edge case
#      (tests/scripts/w1_planted_check.py);
#   3. the reference interpreter, running bench/w1's rules alone, writes the same two files as the
#      baseline, byte for byte, for two seeds (a differential test of language, io and semantics);
#   4. the engine (`thidua eval`) writes the same two files with 1 and 2 threads;
#   5. a failed generation leaves no partial files behind.
set -euo pipefail
thidua=$1
baseline=$2
reference=$3
rules=$(cd "$(dirname "$0")/../../bench/w1" && pwd)
here=$(cd "$(dirname "$0")" && pwd)
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT

"$thidua" gen --size tiny --seed 11 --threads 1 --out "$work/a" >/dev/null
"$thidua" gen --size tiny --seed 11 --threads 3 --out "$work/b" >/dev/null
"$thidua" gen --size tiny --seed 12 --threads 2 --out "$work/c" >/dev/null
diff -r "$work/a" "$work/b" >/dev/null || { echo "gen output depends on the thread count"; exit 1; }
if diff -q "$work/a/person_years.csv" "$work/c/person_years.csv" >/dev/null; then
  echo "gen ignores the seed"; exit 1
fi
for f in units people person_years unit_years awards; do
  [ -s "$work/a/$f.csv" ] || { echo "gen wrote no $f.csv"; exit 1; }
done
ls -A "$work/a" | grep -q '\.tmp$' && { echo "gen left temporary files"; exit 1; }

"$baseline" --data "$work/a" --year 2024 --out "$work/out" 2>/dev/null
python3 "$here/w1_planted_check.py" "$work/a" "$work/out"

for data in a c; do
  "$baseline" --data "$work/$data" --year 2024 --out "$work/base-$data" 2>/dev/null
  "$reference" --rules "$rules" --data "$work/$data" --year 2024 --out "$work/ref-$data"
  for f in person_results.csv unit_results.csv; do
    cmp "$work/base-$data/$f" "$work/ref-$data/$f" || { echo "reference and baseline differ on $f"; exit 1; }
  done
  for threads in 1 2; do
    "$thidua" eval -q --rules "$rules" --data "$work/$data" --year 2024 --threads $threads \
      --out "$work/eng-$data-$threads"
    for f in person_results.csv unit_results.csv; do
      cmp "$work/base-$data/$f" "$work/eng-$data-$threads/$f" ||
        { echo "engine ($threads threads) and baseline differ on $f"; exit 1; }
    done
  done
  ls -A "$work/eng-$data-1" | grep -q 'tmp' && { echo "eval left temporary files"; exit 1; }
done

# Generation into a path that cannot be created fails cleanly, with nothing written.
touch "$work/file"
if "$thidua" gen --size tiny --out "$work/file/sub" >/dev/null 2>"$work/err"; then
  echo "gen into a file path succeeded"; exit 1
fi
grep -q "thidua gen:" "$work/err" || { echo "no error message: $(cat "$work/err")"; exit 1; }
echo "gen deterministic; baseline meets the planted cases; reference = engine = baseline byte for byte"
