// plan/order.cpp — cheapest requirement first (see passes.hpp).
#include <algorithm>
#include <numeric>

#include "plan/passes.hpp"

namespace thidua::plan {

using check::id;
using check::no_id;
using check::op;

namespace {

// A rough per-row cost of evaluating an expression in the engine: a node visit is 1; reading a
// materialized title or aggregate is cheap; history multiplies its operand's cost by the years it
// may visit.
std::size_t cost(const check::program& p, id e, std::vector<std::size_t>& memo, int depth = 0) {
  if (e == no_id) return 0;
  if (memo[e] != 0) return memo[e];
  if (depth > 200) return 1000;  // a very deep expression: expensive enough, without recursing
  const auto& x = p.exprs[e];
  std::size_t c = 1;
  std::size_t below = 0;
  for (const id a : x.args) below += cost(p, a, memo, depth + 1);
  switch (x.kind) {
    case op::at_year:
      c += 2 + below;
      break;
    case op::streak:
    case op::years_since:
      c += 10 * (1 + below);
      break;
    case op::count_years:
      c += static_cast<std::size_t>(std::max(1, x.offset)) * (1 + below);
      break;
    case op::let:
      c += cost(p, p.lets[x.ref].value, memo, depth + 1) + below;
      break;
    case op::score:
    case op::band:
    case op::reward_total:
      c += 8 + below;
      break;
    default:
      // Aggregates are read from a materialized column: their operands are not per-row costs
      // of this title (only the owner reference of a navigated relation is).
      if (!check::is_aggregate(x.kind)) c += below;
      break;
  }
  memo[e] = c;
  return c;
}

}  // namespace

std::vector<std::vector<std::uint32_t>> order_requirements(const check::program& p,
                                                           pass_stats& stats) {
  std::vector<std::size_t> memo(p.exprs.size(), 0);
  std::vector<std::vector<std::uint32_t>> out(p.titles.size());
  for (std::size_t t = 0; t < p.titles.size(); ++t) {
    const auto& reqs = p.titles[t].requirements;
    std::vector<std::size_t> costs(reqs.size(), 0);
    for (std::size_t q = 0; q < reqs.size(); ++q) {
      if (reqs[q].condition != no_id) costs[q] = cost(p, reqs[q].condition, memo);
      for (const id a : reqs[q].any_of)
        costs[q] += cost(p, p.titles[t].alternatives[a].condition, memo);
      for (const auto& ex : p.titles[t].exceptions) {
        if (ex.requirement == q) costs[q] += cost(p, ex.condition, memo);
      }
    }
    auto& order = out[t];
    order.resize(reqs.size());
    std::iota(order.begin(), order.end(), 0U);
    std::stable_sort(order.begin(), order.end(),
                     [&](std::uint32_t a, std::uint32_t b) { return costs[a] < costs[b]; });
    if (!std::is_sorted(order.begin(), order.end())) ++stats.reordered;
  }
  return out;
}

optimized optimize(const check::program& p, bool enabled) {
  optimized o;
  o.program = p;
  if (enabled) {
    fold_constants(o.program, o.stats);
    share_subexpressions(o.program, o.stats);
    o.order = order_requirements(o.program, o.stats);
  } else {
    o.order.resize(p.titles.size());
    for (std::size_t t = 0; t < p.titles.size(); ++t) {
      o.order[t].resize(p.titles[t].requirements.size());
      std::iota(o.order[t].begin(), o.order[t].end(), 0U);
    }
  }
  return o;
}

}  // namespace thidua::plan
