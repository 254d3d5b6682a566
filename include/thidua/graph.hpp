// thidua/graph.hpp — the evaluation graph of a compiled pack, for people to look at.
//
//   std::string dot = thidua::graph_dot(*rules);   // Graphviz: dot -Tsvg -o graph.svg
//
// One node per data input, parameter, requirement, exception, aggregate, title, quota or
// ranking, form selection, reward and output, labelled with its name, the condition as written
// and its citation; an edge from what is needed to what needs it.
#pragma once

#include <string>

#include "thidua/pack.hpp"

namespace thidua {

[[nodiscard]] std::string graph_dot(const ruleset& rules);

}  // namespace thidua
