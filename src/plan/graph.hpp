// plan/graph.hpp — the evaluation graph: a Boost.Graph DAG over a checked program.
//
// Nodes are the things evaluation computes — data inputs, parameters, requirements (conditions),
// exceptions, aggregates, titles and awards, quotas and rankings, lets, score tables, form
// selection, rewards and outputs — and an edge u -> v says v needs u. `order` is a topological
// order (inputs first), the order exec will run in. Each node keeps its source span and citation,
// so explanations and the DOT export can show the law behind it.
//
// This header is the graph; passes over it (constant folding, shared subexpressions, conjunct
// ordering) live in their own files.
#pragma once

#include <boost/graph/adjacency_list.hpp>
#include <string>
#include <vector>

#include "check/model.hpp"

namespace thidua::plan {

enum class node_kind : std::uint8_t {
  input,
  param,
  condition,
  exception,
  aggregate,
  title,
  quota,
  ranking,
  let,
  score,
  form,
  reward,
  output
};

[[nodiscard]] const char* to_string(node_kind k) noexcept;

struct node {
  node_kind kind = node_kind::input;
  check::id ref = check::no_id;   // field, param, title, let, score, form, reward or output id
  check::id expr = check::no_id;  // the condition or aggregate expression, if any
  std::string label;              // short name, e.g. "LDTT.rating"
  std::string detail;             // Vietnamese name or the condition as written
  std::string citation;           // "Luật ..., Điều 24", may be empty
};

using graph_type = boost::adjacency_list<boost::setS, boost::vecS, boost::bidirectionalS, node>;
using vertex = graph_type::vertex_descriptor;

struct evaluation_graph {
  graph_type graph;
  std::vector<vertex> order;  // topological: every node after all it needs
};

// Builds the graph of a checked program (which the checker guarantees acyclic within a year).
// Throws std::logic_error if it is not, which would be a checker bug.
[[nodiscard]] evaluation_graph build(const check::program& program);

// Graphviz DOT text: one node per box, labelled with its name, detail and citation.
[[nodiscard]] std::string to_dot(const evaluation_graph& g, const std::string& name);

}  // namespace thidua::plan
