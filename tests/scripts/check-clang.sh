#!/usr/bin/env bash
# Compiles every library and CLI source with Clang (-fsyntax-only: full semantic analysis and
# template instantiation, no code generation) with the project's warnings as errors, so that the
# GCC-built CI also proves the "GCC 12 and Clang 14, warning-free" promise.
set -euo pipefail
clang=$1
root=$2
build=$3
flags=(-std=c++20 -fsyntax-only -Wall -Wextra -Wpedantic -Wconversion -Wno-sign-conversion
       -Wnon-virtual-dtor -Wold-style-cast -Woverloaded-virtual -Werror
       -DBOOST_ENABLE_ASSERT_HANDLER -I"$root/include" -I"$build/include" -I"$root/src")
n=0
for f in "$root"/src/*/*.cpp "$root"/bench/baseline/*.cpp "$root"/tests/support/*.cpp; do
  "$clang" "${flags[@]}" "$f"
  n=$((n + 1))
done
echo "clang: $n files compile warning-free"
