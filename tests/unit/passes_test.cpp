// Plan passes: each does what it says on the W1 pack and on small cases; that they never change
// a result is the differential test's job (tests/unit/differential_test.cpp).
#include "plan/passes.hpp"

#include <gtest/gtest.h>

#include "api/model.hpp"
#include "test_util.hpp"
#include "thidua/pack.hpp"

namespace thidua {
namespace {

using check::op;

TEST(passes, w1_folds_money_shares_aggregates_and_orders_requirements) {
  const auto rs = compile(pack_source::directory(THIDUA_SOURCE_DIR "/bench/w1"));
  ASSERT_TRUE(rs) << format(rs.diagnostics());
  const auto o = plan::optimize(rs->model().program);
  // 0.3 * base_salary, 1.0 * base_salary, ...: 8 rewards, each a param and a product.
  EXPECT_GE(o.stats.folded, 16U);
  // count(members, LDTT) is written in CSTDCS's quota, TTLDTT; count(members) twice, ...
  EXPECT_GE(o.stats.shared, 3U);
  // CSTDCS: `ldtt: LDTT` (a title read) stays first; CO_TINH's `held` before `TTLDXS`? Both
  // cheap; at least BK_TINH's history-heavy requirement moves after `clean`.
  EXPECT_GE(o.stats.reordered, 1U);
  for (const auto& r : o.program.rewards) {
    EXPECT_EQ(o.program.exprs[r.amount].kind, op::lit_money) << "reward not folded";
  }
}

TEST(passes, boolean_folding_is_kleene_safe) {
  const auto rs = test::compile_text(std::string(test::prelude) +
                                     "title A for person { require r: false and rating >= HTT }\n"
                                     "title B for person { require r: true and rating >= HTT }\n"
                                     "title C for person { require r: true or rating >= HTT }\n"
                                     "title D for person { require r: not (2 > 3) }\n");
  ASSERT_TRUE(rs.ok()) << format(rs.diagnostics());
  const auto o = plan::optimize(rs->model().program);
  const auto& p = o.program;
  const auto cond = [&](std::size_t t) { return p.exprs[p.titles[t].requirements[0].condition]; };
  EXPECT_EQ(cond(0).kind, op::lit_bool);  // false and unknown is false
  EXPECT_EQ(cond(0).value, 0);
  EXPECT_EQ(cond(1).kind, op::ge);  // true and x is x (x may be unknown: not folded further)
  EXPECT_EQ(cond(2).kind, op::lit_bool);
  EXPECT_EQ(cond(2).value, 1);
  EXPECT_EQ(cond(3).kind, op::lit_bool);
  EXPECT_EQ(cond(3).value, 1);
  // Spans are kept: explanations still show the condition as written.
  EXPECT_EQ(cond(1).where.begin,
            rs->model()
                .program.exprs[rs->model().program.titles[1].requirements[0].condition]
                .where.begin);
}

TEST(passes, off_is_the_program_as_checked) {
  const auto rs = compile(pack_source::directory(THIDUA_SOURCE_DIR "/bench/w1"));
  ASSERT_TRUE(rs);
  const auto o = plan::optimize(rs->model().program, false);
  EXPECT_EQ(o.stats.folded + o.stats.shared + o.stats.reordered, 0U);
  for (const auto& order : o.order) {
    for (std::uint32_t i = 0; i < order.size(); ++i) EXPECT_EQ(order[i], i);
  }
}

}  // namespace
}  // namespace thidua
