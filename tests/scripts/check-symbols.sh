#!/usr/bin/env bash
# The library never prints and never ends the process (style.md; simdjson does the same check):
# its undefined symbols must not include stdio/iostream output or abort/exit.
# (std::terminate is not checked: clang references it from every object for the implicit
# noexcept of destructors, which is the language's own guard, not a call thidua makes.)
set -euo pipefail
lib=$1
forbidden='^(printf|vprintf|puts|putchar|fputs|fputc|fprintf|vfprintf|fwrite|perror|abort|exit|_exit|_Exit|quick_exit|__assert_fail|std::cout|std::cerr|std::clog|stdout|stderr)$'
syms=$(nm -C --undefined-only "$lib" | awk '{ $1 = ""; sub(/^ /, ""); print }' | sed 's/@.*//' | sort -u)
hits=$(printf '%s\n' "$syms" | grep -E "$forbidden" || true)
if [ -n "$hits" ]; then
  echo "libthidua references symbols it must not use:"
  printf '  %s\n' $hits
  # Show which objects reference them, to find the culprit.
  for s in $hits; do nm -A -C --undefined-only "$lib" | grep -E " U $s\$" | head -5; done
  exit 1
fi
echo "no printing or aborting symbols in $(basename "$lib") ($(printf '%s\n' "$syms" | wc -l) undefined symbols checked)"
