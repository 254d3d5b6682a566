// thidua/options.hpp — compile options and the limits that keep hostile input bounded.
//
// Each limit turns input that would otherwise exhaust memory or the stack into a located error.
// Defaults are generous for real packs (the national pack is ~100 KB in a few dozen files, with
// expressions a handful of levels deep) and small enough that a fuzzer cannot hang the checker.
#pragma once

#include <cstddef>

namespace thidua {

struct compile_options {
  // Largest single .tdk file, in bytes. Real files are a few KB; 4 MiB leaves room for generated
  // packs while bounding parse time and memory.
  std::size_t max_file_bytes = std::size_t{4} << 20;

  // Deepest nesting of parentheses, braces and brackets (and so of expressions). The parser is
  // recursive descent: this bounds its stack use. Law reads shallow; 64 is far past any real rule.
  // Four times this bounds a chain of lets each using one declared after it (typed on demand).
  std::size_t max_nesting = 64;

  // Most syntax nodes in the whole pack (declarations, clauses, expression terms). Bounds the
  // checker's memory and time; the national pack has well under 20,000.
  std::size_t max_nodes = 500'000;

  // Deepest chain of `include`s from pack.tdk. Packs are flat in practice; deep chains are
  // almost always an include cycle the user did not mean.
  std::size_t max_include_depth = 16;

  // Most files in a pack (pack.tdk and everything it includes).
  std::size_t max_files = 1'000;

  // Stop collecting after this many errors (warnings are not counted); a note says how many
  // more were suppressed. 0 means no limit.
  std::size_t max_errors = 100;

  // Treat warnings (unused declarations, ...) as errors.
  bool warnings_as_errors = false;
};

}  // namespace thidua
