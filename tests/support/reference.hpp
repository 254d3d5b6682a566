// tests/support/reference.hpp — a slow, obviously-correct reference interpreter.
//
// Evaluates a checked pack over a loaded dataset one entity at a time, straight from the typed
// model, with exact rational arithmetic and three-valued logic, memoising nothing but titles
// (which quotas need population-wide). It is the oracle the columnar engine is tested against
// (differential tests), and with the hand-written baseline it gives W1 a second opinion.
// Semantics: docs/language.md.
#pragma once

#include <map>
#include <string>

#include "check/model.hpp"
#include "data/dataset.hpp"

namespace thidua::test {

// Output file name -> CSV text (header, rows sorted by key in byte order, LF line ends).
using output_files = std::map<std::string, std::string>;

[[nodiscard]] output_files evaluate_reference(const check::program& program,
                                              const data::dataset& data, int year);

}  // namespace thidua::test
