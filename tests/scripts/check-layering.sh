#!/usr/bin/env bash
# Phases depend one way: syntax -> check -> plan -> exec; io and api join them; cli sits on
# the public API. Each folder under src/ may include only the folders listed for it, and the
# public headers include nothing from src/ and no third-party library.
set -euo pipefail
root=$1
cd "$root/src"
declare -A allowed=(
  [support]="support"
  [syntax]="support syntax"
  [check]="support syntax check"
  [data]="support check data"
  [plan]="support check plan"
  [exec]="support check data plan exec"
  [io]="support check data io"
  [api]="support syntax check data plan exec io api"
  [cli]="cli"
)
bad=0
for dir in */; do
  dir=${dir%/}
  if [ -z "${allowed[$dir]+x}" ]; then
    echo "src/$dir is not a known phase: add it to tests/scripts/check-layering.sh"
    bad=1
    continue
  fi
  while IFS= read -r line; do
    file=${line%%:*}
    inc=$(sed -E 's/.*#include "([^"/]+)\/.*/\1/' <<<"$line")
    [ "$inc" = "thidua" ] && continue
    if ! grep -qw "$inc" <<<"${allowed[$dir]}"; then
      echo "src/$file includes $inc/: $dir may include only: ${allowed[$dir]}"
      bad=1
    fi
  done < <(grep -rHE '^#include "[^"/]+/' "$dir" || true)
done
cd "$root/include"
if grep -rnE '^#include (<boost|<fmt|<CLI|<range|"(support|syntax|check|plan|exec|io|api|cli)/)' thidua; then
  echo "public headers must include only the standard library and thidua/"
  bad=1
fi
[ $bad -eq 0 ] && echo "layering ok"
exit $bad
