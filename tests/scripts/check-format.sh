#!/usr/bin/env bash
# Fails if clang-format would change any C++ file under include/ src/ tests/ bench/.
set -euo pipefail
root=$1
cd "$root"
command -v clang-format >/dev/null || { echo "clang-format is not installed (scripts/setup)"; exit 1; }
files=$(git ls-files -co --exclude-standard -- 'include/*.hpp' 'src/*.hpp' 'src/*.cpp' 'tests/*.hpp' \
        'tests/*.cpp' 'bench/*.hpp' 'bench/*.cpp' 2>/dev/null || true)
if [ -z "$files" ]; then
  files=$(find include src tests bench -name '*.hpp' -o -name '*.cpp')
fi
bad=0
for f in $files; do
  [ -f "$f" ] || continue
  if ! clang-format --dry-run --Werror "$f" >/dev/null 2>&1; then
    echo "needs clang-format: $f"
    bad=1
  fi
done
[ $bad -eq 0 ] && echo "clang-format: $(echo "$files" | wc -w) files clean"
exit $bad
