#!/usr/bin/env bash
# Runs one CLI golden case: CASE/args holds the arguments (one line, shell words, run from the
# project root); CASE/expected.stdout, expected.stderr and expected.exit hold what must come out.
# With UPDATE=1 it rewrites the expected files instead.
set -uo pipefail
bin=$1
case_dir=$2
args=$(cat "$case_dir/args")
out=$(mktemp); err=$(mktemp)
trap 'rm -f "$out" "$err"' EXIT
eval "\"$bin\" $args" >"$out" 2>"$err"
code=$?
if [ "${UPDATE:-0}" = 1 ]; then
  cp "$out" "$case_dir/expected.stdout"; cp "$err" "$case_dir/expected.stderr"
  echo "$code" >"$case_dir/expected.exit"
  exit 0
fi
fail=0
if [ "$code" != "$(cat "$case_dir/expected.exit")" ]; then
  echo "exit code $code, expected $(cat "$case_dir/expected.exit")"; fail=1
fi
diff -u "$case_dir/expected.stdout" "$out" || fail=1
diff -u "$case_dir/expected.stderr" "$err" || fail=1
exit $fail
