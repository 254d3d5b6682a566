// Table-driven checker tests: a snippet after the shared prelude, and the error codes it must
// produce (in order), or none. Each message also has a golden test in tests/golden/diagnostics.
#include <gtest/gtest.h>

#include "test_util.hpp"

namespace thidua {
namespace {

struct check_case {
  const char* name;
  std::string body;
  std::vector<std::string> errors;
};

// Keeps ctest's test names short: gtest would print the case as bytes.
void PrintTo(const check_case& c, std::ostream* os) { *os << c.name; }

class checker_cases : public ::testing::TestWithParam<check_case> {};

TEST_P(checker_cases, errors) {
  const auto& c = GetParam();
  const auto rs = test::compile_text(std::string(test::prelude) + c.body);
  EXPECT_EQ(test::codes(rs.diagnostics()), c.errors) << format(rs.diagnostics());
  EXPECT_EQ(rs.ok(), c.errors.empty());
}

INSTANTIATE_TEST_SUITE_P(
    cases, checker_cases,
    ::testing::Values(
        check_case{"valid_title",
                   "title LDTT for person cite law06 \"Điều 24\" {\n"
                   "  require r: rating >= HTT\n  require w: months >= 10\n"
                   "  except w when leave in { thai_san, benh }\n}\n",
                   {}},
        check_case{"code_on_the_left", "title T for person { require r: HTT <= rating }\n", {}},
        check_case{
            "enum_vs_int", "title T for person { require r: rating >= 3 }\n", {"type-mismatch"}},
        check_case{"percent_vs_money",
                   "title T for person { require r: base > 70% }\n",
                   {"type-mismatch"}},
        check_case{
            "unknown_code", "title T for person { require r: rating == HTXX }\n", {"unknown-code"}},
        check_case{"unknown_code_in_set",
                   "title T for person { require r: leave in { thai_sna } }\n",
                   {"unknown-code"}},
        check_case{"person_field_on_unit",
                   "title T for unit { require r: months >= 10 }\n",
                   {"wrong-entity"}},
        check_case{"aggregate_reaches_members",
                   "title T for unit { require r: all(members, months >= 10) and "
                   "share(members where rating >= HT, LDTT) >= 70% }\n"
                   "title LDTT for person { require r: rating >= HTT }\n",
                   {}},
        check_case{"cycle",
                   "title A for person { require b: B }\ntitle B for person { require a: A }\n",
                   {"cycle"}},
        check_case{"history_breaks_cycles",
                   "title A for person { require before: held(A, year - 1) and at(year - 1, A) }\n",
                   {}},
        check_case{"history_reads_earlier_years",
                   "title A for person { require x: at(year, rating) == HT }\n",
                   {"history-offset"}},
        check_case{"chained",
                   "title A for person { require x: 1 < months < 12 }\n",
                   {"chained-comparison"}},
        check_case{
            "not_a_condition", "title A for person { require x: months }\n", {"not-a-condition"}},
        check_case{"ranking_must_be_total",
                   "title A for person { require x: true\n"
                   "  quota 15% * count(members) per unit by score desc }\n",
                   {"ranking-not-total"}},
        check_case{"quota_in_group_context",
                   "title A for person { require x: true\n"
                   "  quota 15% * count(members, B) per unit by score desc, person_id }\n"
                   "title B for person { require y: rating >= HTT }\n",
                   {}},
        check_case{"unordered_enum",
                   "title A for person { require x: leave > none }\n",
                   {"type-mismatch"}},
        check_case{"money_arithmetic",
                   "reward LDTT = 0.3 * base\ntitle LDTT for person { require x: true }\n",
                   {}},
        check_case{"reward_not_money",
                   "reward LDTT = 0.3\ntitle LDTT for person { require x: true }\n",
                   {"type-mismatch"}},
        check_case{
            "group_as_value", "title A for unit { require x: members }\n", {"group-as-value"}},
        check_case{"unknown_function",
                   "title A for unit { require x: cont(members) > 1 }\n",
                   {"unknown-function"}},
        check_case{
            "navigate_reference", "title A for person { require x: unit.rating >= HT }\n", {}},
        check_case{"navigate_value",
                   "title A for person { require x: months.x >= 1 }\n",
                   {"not-a-reference"}},
        check_case{"all_errors_in_one_pass",
                   "title A for person {\n  require a: rating >= HTXX\n  require b: months >= HT\n"
                   "  require c: ratin == HT\n  require d: rating\n}\n",
                   {"unknown-code", "code-without-enum", "unknown-name", "not-a-condition"}}),
    [](const auto& info) { return std::string(info.param.name); });

TEST(checker, warnings_do_not_fail_unless_asked) {
  const std::string pack = std::string(test::prelude) + "cite spare = \"x\"\n";
  auto rs = test::compile_text(pack);
  EXPECT_TRUE(rs.ok());
  EXPECT_EQ(test::codes(rs.diagnostics(), severity::warning),
            (std::vector<std::string>{"unused", "unused", "unused",
                                      "unused"}))  // law06, members, base, spare
      << format(rs.diagnostics());
  compile_options o;
  o.warnings_as_errors = true;
  rs = test::compile_text(pack, o);
  EXPECT_FALSE(rs.ok());
}

TEST(checker, max_errors_caps_the_report) {
  std::string body;
  for (int i = 0; i < 10; ++i)
    body += "title T" + std::to_string(i) + " for person { require x: nope }\n";
  compile_options o;
  o.max_errors = 3;
  const auto rs = test::compile_text(std::string(test::prelude) + body, o);
  EXPECT_EQ(test::codes(rs.diagnostics()).size(), 3U);
  ASSERT_FALSE(rs.diagnostics().empty());
  EXPECT_EQ(rs.diagnostics().back().message,
            "7 more errors not shown (compile_options::max_errors)");
}

TEST(checker, long_expressions_do_not_exhaust_the_stack) {
  std::string sum = "months";
  for (int i = 0; i < 50000; ++i) sum += " + 1";
  const auto rs = test::compile_text(std::string(test::prelude) +
                                     "title A for person { require x: " + sum + " > 0 }\n");
  EXPECT_TRUE(rs.ok()) << format(rs.diagnostics());
}

TEST(checker, let_chains_are_bounded) {
  // Each let uses the next one, declared later: typed on demand, one inside another.
  auto chain = [](int n) {
    std::string s;
    for (int i = 0; i < n; ++i) {
      s += "let l" + std::to_string(i) + " for person = l" + std::to_string(i + 1) + " + 1\n";
    }
    return s + "let l" + std::to_string(n) + " for person = months\n" +
           "output o for person to \"o.csv\" { person_id, v = l0 }\n";
  };
  auto rs = test::compile_text(std::string(test::prelude) + chain(50));
  EXPECT_TRUE(rs.ok()) << format(rs.diagnostics());
  rs = test::compile_text(std::string(test::prelude) + chain(2000));
  EXPECT_EQ(test::codes(rs.diagnostics()), std::vector<std::string>{"nesting-too-deep"});
}

TEST(checker, prefix_chains_are_bounded) {
  std::string nots;
  for (int i = 0; i < 1000; ++i) nots += "not ";
  const auto rs = test::compile_text(std::string(test::prelude) +
                                     "title A for person { require x: " + nots + "true }\n");
  EXPECT_EQ(test::codes(rs.diagnostics()), std::vector<std::string>{"nesting-too-deep"});
}

}  // namespace
}  // namespace thidua
