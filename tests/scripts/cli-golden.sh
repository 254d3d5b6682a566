#!/usr/bin/env bash
# Runs one CLI golden case: CASE/args holds the arguments (one line, shell words, run from the
# project root); CASE/expected.stdout, expected.stderr and expected.exit hold what must come out.
# With UPDATE=1 it rewrites the expected files instead.
#
# Cases that write files use $OUT in their args: a fresh scratch folder. An optional CASE/setup
# (shell) runs first with $OUT set (e.g. to leave an earlier result there); when
# CASE/expected.files exists, the files under $OUT afterwards (names and contents) must match
# it — this is how "a failed run leaves nothing behind, and earlier files untouched" is tested.
set -uo pipefail
bin=$1
case_dir=$2
args=$(cat "$case_dir/args")
out=$(mktemp); err=$(mktemp); files=$(mktemp)
OUT=$(mktemp -d)
export OUT
trap 'rm -rf "$out" "$err" "$files" "$OUT"' EXIT
[ -f "$case_dir/setup" ] && bash "$case_dir/setup"
eval "\"$bin\" $args" >"$out" 2>"$err"
code=$?
# Scratch paths vary from run to run: show them as $OUT.
sed -i "s|$OUT|\$OUT|g" "$out" "$err"
(cd "$OUT" && find . -type f | LC_ALL=C sort | while read -r f; do echo "== $f"; cat "$f"; done) >"$files"
if [ "${UPDATE:-0}" = 1 ]; then
  cp "$out" "$case_dir/expected.stdout"; cp "$err" "$case_dir/expected.stderr"
  echo "$code" >"$case_dir/expected.exit"
  if [ -f "$case_dir/expected.files" ] || [ -s "$files" ]; then cp "$files" "$case_dir/expected.files"; fi
  exit 0
fi
fail=0
if [ "$code" != "$(cat "$case_dir/expected.exit")" ]; then
  echo "exit code $code, expected $(cat "$case_dir/expected.exit")"; fail=1
fi
diff -u "$case_dir/expected.stdout" "$out" || fail=1
diff -u "$case_dir/expected.stderr" "$err" || fail=1
if [ -f "$case_dir/expected.files" ]; then
  diff -u "$case_dir/expected.files" "$files" || fail=1
elif [ -s "$files" ]; then
  echo "the run wrote files but the case has no expected.files"; fail=1
fi
exit $fail
