// plan/cse.cpp — shared subexpressions (see passes.hpp): hash-consing over the expression arena.
#include <functional>
#include <unordered_map>

#include "plan/passes.hpp"

namespace thidua::plan {

using check::expr;
using check::id;
using check::no_id;

namespace {

// The structure of a node with its children already canonical: equal signatures, equal values.
struct signature {
  check::op kind;
  check::type_kind type;
  id type_ref;
  std::uint8_t scale;
  id ref;
  std::int64_t value;
  std::int32_t offset;
  bool window;
  std::string text;
  std::vector<id> args;
  bool operator==(const signature&) const = default;
};

struct signature_hash {
  std::size_t operator()(const signature& s) const noexcept {
    std::size_t h = std::hash<std::int64_t>{}(s.value);
    auto mix = [&](std::size_t v) { h ^= v + 0x9e3779b97f4a7c15ULL + (h << 6) + (h >> 2); };
    mix(static_cast<std::size_t>(s.kind));
    mix(static_cast<std::size_t>(s.type));
    mix(s.type_ref);
    mix(s.scale);
    mix(s.ref);
    mix(static_cast<std::size_t>(s.offset));
    mix(s.window ? 1 : 0);
    mix(std::hash<std::string>{}(s.text));
    for (const id a : s.args) mix(a);
    return h;
  }
};

}  // namespace

void share_subexpressions(check::program& p, pass_stats& stats) {
  auto& xs = p.exprs;
  std::vector<id> canonical(xs.size(), no_id);
  std::unordered_map<signature, id, signature_hash> seen;
  // Post-order, iteratively (expressions can be deep: 50,000-term sums are valid packs).
  std::vector<std::pair<id, bool>> stack;
  for (id root = 0; root < xs.size(); ++root) {
    if (canonical[root] != no_id) continue;
    stack.emplace_back(root, false);
    while (!stack.empty()) {
      auto [i, expanded] = stack.back();
      stack.pop_back();
      if (canonical[i] != no_id) continue;
      if (!expanded) {
        stack.emplace_back(i, true);
        for (const id a : xs[i].args) {
          if (a != no_id && canonical[a] == no_id) stack.emplace_back(a, false);
        }
        continue;
      }
      expr& x = xs[i];
      for (id& a : x.args) {
        if (a != no_id) a = canonical[a];
      }
      signature s{x.kind,  x.t.kind, x.t.ref,  x.t.scale, x.ref,
                  x.value, x.offset, x.window, x.text,    x.args};
      const auto [it, fresh] = seen.emplace(std::move(s), i);
      canonical[i] = it->second;
      if (!fresh) ++stats.shared;
    }
  }
}

}  // namespace thidua::plan
