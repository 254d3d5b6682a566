#include "plan/graph.hpp"

#include <gtest/gtest.h>

#include "api/model.hpp"
#include "test_util.hpp"

namespace thidua {
namespace {

plan::evaluation_graph graph_of(const std::string& body) {
  const auto rs = test::compile_text(std::string(test::prelude) + body);
  EXPECT_TRUE(rs.ok()) << format(rs.diagnostics());
  return plan::build(rs->model().program);
}

TEST(plan, order_is_topological) {
  const auto eg = graph_of(
      "title LDTT for person cite law06 \"Điều 24\" { require r: rating >= HTT\n"
      "  require w: months >= 10\n  except w when leave == thai_san }\n"
      "title CSTDCS for person { require l: LDTT\n"
      "  quota 15% * count(members, LDTT) per unit by score desc, person_id }\n"
      "title TT for unit { require s: share(members, LDTT) >= 70% }\n"
      "reward LDTT = 0.3 * base\n"
      "output o for person to \"o.csv\" { person_id, LDTT, CSTDCS, m = reward_total }\n");
  const auto& g = eg.graph;
  ASSERT_EQ(eg.order.size(), boost::num_vertices(g));
  std::vector<std::size_t> position(eg.order.size());
  for (std::size_t i = 0; i < eg.order.size(); ++i) position[eg.order[i]] = i;
  for (auto [e, end] = boost::edges(g); e != end; ++e) {
    EXPECT_LT(position[boost::source(*e, g)], position[boost::target(*e, g)])
        << g[boost::source(*e, g)].label << " -> " << g[boost::target(*e, g)].label;
  }
  // The quota depends on LDTT (through the count) and feeds CSTDCS.
  std::size_t ldtt = 0, quota = 0, cstdcs = 0;
  for (const auto v : eg.order) {
    if (g[v].label == "LDTT") ldtt = position[v];
    if (g[v].label == "CSTDCS quota") quota = position[v];
    if (g[v].label == "CSTDCS") cstdcs = position[v];
  }
  EXPECT_LT(ldtt, quota);
  EXPECT_LT(quota, cstdcs);
}

TEST(plan, dot_shows_conditions_and_citations) {
  const auto eg = graph_of(
      "title LDTT \"Lao động tiên tiến\" for person cite law06 \"Điều 24\" {\n"
      "  require r: rating >= HTT # a comment after the condition\n}\n");
  const auto dot = plan::to_dot(eg, "t 1");
  EXPECT_NE(dot.find("digraph \"t 1\""), std::string::npos);
  EXPECT_NE(
      dot.find("LDTT\\nLao động tiên tiến\\n[Luật Thi đua, khen thưởng số 06/2022/QH15, Điều 24]"),
      std::string::npos)
      << dot;
  EXPECT_NE(dot.find("LDTT.r\\nrating >= HTT\""), std::string::npos) << dot;  // no comment
  EXPECT_NE(dot.find("person.rating\\npy.csv: rating"), std::string::npos) << dot;
}

TEST(plan, history_adds_no_same_year_edge) {
  const auto eg =
      graph_of("title A for person { require x: held(A, year - 1) and at(year - 1, A) }\n");
  const auto& g = eg.graph;
  for (auto [e, end] = boost::edges(g); e != end; ++e) {
    EXPECT_FALSE(g[boost::source(*e, g)].kind == plan::node_kind::title &&
                 g[boost::target(*e, g)].label == "A.x");
  }
}

TEST(plan, long_expressions_do_not_exhaust_the_stack) {
  std::string sum = "months";
  for (int i = 0; i < 50000; ++i) sum += " + 1";
  const auto eg = graph_of("title A for person { require x: " + sum + " > 0 }\n");
  EXPECT_GE(boost::num_vertices(eg.graph), 3U);  // the input, the condition, the title
}

}  // namespace
}  // namespace thidua
