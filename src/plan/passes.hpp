// plan/passes.hpp — rewrites of a checked program before execution, each in its own file.
//
//   fold.cpp   constant folding: literal arithmetic and comparisons, constant parameters,
//              `true and x` -> x, `false and x` -> false (Kleene-safe: false wins over unknown)
//   cse.cpp    shared subexpressions: structurally equal expressions become one node, so an
//              aggregate written twice (count(members, LDTT) in three titles) is computed once
//   order.cpp  cheapest requirement first: the order exec evaluates a title's requirements in
//              (the decision is an AND, so any order gives the same result; with selection
//              vectors, rows failing a cheap requirement never reach an expensive one)
//
// Every pass keeps expression ids and spans: a rewritten node keeps its id and its place in the
// source, so explanations still point at what the pack says. Differential tests run the engine
// with passes on and off against the reference interpreter.
#pragma once

#include <cstdint>
#include <vector>

#include "check/model.hpp"

namespace thidua::plan {

struct pass_stats {
  std::size_t folded = 0;     // nodes replaced by a literal or by one of their operands
  std::size_t shared = 0;     // nodes found equal to an earlier one
  std::size_t reordered = 0;  // titles whose requirements run in another order
};

void fold_constants(check::program& p, pass_stats& stats);
void share_subexpressions(check::program& p, pass_stats& stats);
// Per title, the indices of its requirements in evaluation order.
[[nodiscard]] std::vector<std::vector<std::uint32_t>> order_requirements(const check::program& p,
                                                                         pass_stats& stats);

struct optimized {
  check::program program;
  std::vector<std::vector<std::uint32_t>> order;  // per title; identity when not optimized
  pass_stats stats;
};

// All passes (or none, with `enabled` false: the program as checked, declaration order).
[[nodiscard]] optimized optimize(const check::program& p, bool enabled = true);

}  // namespace thidua::plan
