#include "thidua/graph.hpp"

#include "api/model.hpp"
#include "plan/graph.hpp"

namespace thidua {

std::string graph_dot(const ruleset& rules) {
  const auto& p = rules.model().program;
  return plan::to_dot(plan::build(p), p.name + " " + p.version);
}

}  // namespace thidua
