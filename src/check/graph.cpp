// The dependency graph between same-year computations (titles, lets, score tables, forms), and
// the cycle check on it. History reads (at(year - 1, ...), years_since, held) add no edge: they
// read earlier years, so `CSTD_TINH` may depend on last year's `CSTD_TINH`.
#include <boost/graph/adjacency_list.hpp>
#include <boost/graph/strong_components.hpp>
#include <functional>

#include "check/checker.hpp"

namespace thidua::check {

id checker::graph_node(symbol_kind kind, id index) {
  const auto key = std::make_pair(static_cast<int>(kind), index);
  const auto it = vertex_of_.find(key);
  if (it != vertex_of_.end()) return it->second;
  const auto v = static_cast<id>(vertices_.size());
  vertices_.push_back({kind, index});
  vertex_of_.emplace(key, v);
  return v;
}

void checker::depend(const scope& s, symbol_kind kind, id index) {
  if (s.node == no_id || s.history) return;
  edges_.emplace_back(s.node, graph_node(kind, index));
  edge_where_.push_back({});
}

void checker::check_cycles() {
  using graph = boost::adjacency_list<boost::vecS, boost::vecS, boost::directedS>;
  graph g(vertices_.size());
  for (const auto& [from, to] : edges_) boost::add_edge(from, to, g);

  // Adjacency and self-loops once, so the checks below stay linear in the graph's size.
  std::vector<std::vector<id>> next(vertices_.size());
  std::vector<bool> loops(vertices_.size(), false);
  for (const auto& [from, to] : edges_) {
    next[from].push_back(to);
    if (from == to) loops[from] = true;
  }
  std::vector<std::size_t> component(vertices_.size());
  const auto n = boost::strong_components(g, component.data());
  std::vector<std::vector<id>> members(n);
  for (id v = 0; v < vertices_.size(); ++v) members[component[v]].push_back(v);

  auto name_of = [&](id v) -> std::pair<std::string, span> {
    const auto& x = vertices_[v];
    switch (x.kind) {
      case symbol_kind::title:
        return {prog_.titles[x.index].code, prog_.titles[x.index].where};
      case symbol_kind::let:
        return {prog_.lets[x.index].name, prog_.lets[x.index].where};
      case symbol_kind::score:
        return {prog_.scores[x.index].name, prog_.scores[x.index].where};
      case symbol_kind::form:
        return {prog_.forms[x.index].name, prog_.forms[x.index].where};
      default:
        return {"?", {}};
    }
  };

  for (std::size_t c = 0; c < n; ++c) {
    const auto& vs = members[c];
    if (vs.size() == 1 && !loops[vs[0]]) continue;
    // Walk the cycle from its earliest-declared member, following edges inside the component,
    // to name the whole path: A -> B -> C -> A.
    const id start = *std::min_element(vs.begin(), vs.end(), [&](id a, id b) {
      const auto sa = name_of(a).second;
      const auto sb = name_of(b).second;
      return std::tie(sa.file, sa.begin) < std::tie(sb.file, sb.begin);
    });
    std::vector<id> path{start};
    std::vector<bool> seen(vertices_.size(), false);
    seen[start] = true;
    std::function<bool(id)> walk = [&](id v) -> bool {
      for (const id to : next[v]) {
        if (component[to] != c) continue;
        if (to == start) return true;
        if (seen[to]) continue;
        seen[to] = true;
        path.push_back(to);
        if (walk(to)) return true;
        path.pop_back();
      }
      return false;
    };
    walk(start);
    std::string text;
    for (const id v : path) text += name_of(v).first + " -> ";
    text += name_of(start).first;
    error(name_of(start).second, code::cycle,
          "cycle: " + text + " (each needs the other in the same year)",
          "break it, or read the earlier year with at(year - 1, ...) or held(..., year - 1)");
  }
}

}  // namespace thidua::check
