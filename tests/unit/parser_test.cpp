#include "syntax/parser.hpp"

#include <gtest/gtest.h>

#include <boost/variant/get.hpp>

namespace thidua::syntax {
namespace {

parse_output parse_text(const std::string& text) {
  return parse("t.tdk", text, compile_options{}, 1'000'000);
}

TEST(parser, every_declaration_kind) {
  const auto out = parse_text(R"(
pack "p" version "1" in_force 2024-01-01 .. 2025-06-30 options requires_citations
include "other.tdk"
cite law06 = "Luật 06/2022/QH15"
enum rating ordered { KHT "Không hoàn thành", HT, HTT, HTXS, }
set protected_leave of leave = { thai_san, benh }
entity unit from "units.csv" key unit_id { parent: unit? column "parent_id" }
yearly person from "py.csv" { rating: rating  score: decimal(2)  registered: set<award> }
quarterly person from "pq.csv" { done: bool }
prior_awards from "awards.csv" { award: text column "code" }
relation members of unit = person by unit
param base: money { from 2023-07-01: 1_800_000 VND cite nd24 "Điều 3"  until 2030-01-01 }
param share: percent = 15%
title LDTT "Lao động tiên tiến" for person per year cite law06 "Điều 24" in_force 2024-01-01 .. {
  require a: x >= 1 cite law06 "k1" in_force 2024-01-01 .. 2024-12-31 assume "chưa rõ"
  any_of worked { require full: m >= 10  require leave: leave in { thai_san } }
  except a when y
  quota 15% * count(members, LDTT) round ceil per unit by score desc, person_id
  rank top 2 per unit.cluster by score desc, person_id asc
  assume "note"
  decided_by commune
}
award BK for person { require a: true }
form f for person one_of BK > LDTT
reward LDTT = 0.3 * base round 1000 cite law06 "Điều 73"
let n for unit = count(members where rating >= HT, LDTT)
score_table pts "Điểm" for unit cap 100 {
  item a "A": 40 when rating >= HTT cap 40 cite law06
  bands rating { HTXS >= 90, HTT >= 70.5, otherwise KHT }
}
target sales for unit per quarter from "t.csv" { planned: int  actual: int  achieved when actual >= planned }
output o for person to "o.csv" { person_id, form = f, m = reward_total }
)");
  EXPECT_TRUE(out.diagnostics.empty()) << format(out.diagnostics);
  EXPECT_EQ(out.file.declarations.size(), 20U);
}

TEST(parser, precedence_is_left_flat_for_the_checker) {
  const auto out = parse_text("let n for unit = not a and b or -c * 2 + 1 >= 3\n");
  ASSERT_TRUE(out.diagnostics.empty()) << format(out.diagnostics);
  const auto& let = boost::get<ast::let_decl>(out.file.declarations[0]);
  ASSERT_EQ(let.value.rest.size(), 5U);
  EXPECT_EQ(let.value.first.prefix, std::vector<std::string>{"not"});
  EXPECT_EQ(let.value.rest[0].op, "and");
  EXPECT_EQ(let.value.rest[1].op, "or");
  EXPECT_EQ(let.value.rest[1].rhs.prefix, std::vector<std::string>{"-"});
  EXPECT_EQ(let.value.rest[4].op, ">=");
}

TEST(parser, not_in_is_one_operator) {
  const auto out = parse_text("let n for unit = leave not in protected\n");
  ASSERT_TRUE(out.diagnostics.empty()) << format(out.diagnostics);
  const auto& let = boost::get<ast::let_decl>(out.file.declarations[0]);
  ASSERT_EQ(let.value.rest.size(), 1U);
  EXPECT_EQ(let.value.rest[0].op, "not in");
}

TEST(parser, numbers) {
  const auto out = parse_text("let n for unit = 1_800_000 VND + 12.5% + 0.3\n");
  ASSERT_TRUE(out.diagnostics.empty()) << format(out.diagnostics);
  const auto& let = boost::get<ast::let_decl>(out.file.declarations[0]);
  const auto& a = boost::get<ast::number_lit>(let.value.first.value);
  EXPECT_EQ(a.digits, "1800000");
  EXPECT_EQ(a.suffix, "VND");
  const auto& b = boost::get<ast::number_lit>(let.value.rest[0].rhs.value);
  EXPECT_EQ(b.digits, "12");
  EXPECT_EQ(b.fraction, "5");
  EXPECT_EQ(b.suffix, "%");
}

TEST(parser, recovers_and_reports_every_broken_declaration) {
  const auto out = parse_text(
      "pack \"p\" version 1\n"                     // line 1: version needs a string
      "enum rating ordered { KHT, HT HTT }\n"      // line 2: missing comma
      "entity unit from \"u.csv\" key id { }\n"    // line 3: fine
      "title T for person { require a x }\n"       // line 4: missing ':'
      "let x for unit = (1 + 2\n"                  // line 5: unclosed parenthesis
      "output o for unit to \"o.csv\" { id }\n");  // line 6: fine
  ASSERT_EQ(out.diagnostics.size(), 4U) << format(out.diagnostics);
  EXPECT_EQ(out.diagnostics[0].region.begin.line, 1U);
  EXPECT_EQ(out.diagnostics[0].region.begin.column, 18U);
  EXPECT_EQ(out.diagnostics[0].message, "expected a string in double quotes, found '1'");
  EXPECT_EQ(out.diagnostics[1].region.begin.line, 2U);
  EXPECT_EQ(out.diagnostics[1].message, "expected '}', found 'HTT'");
  EXPECT_EQ(out.diagnostics[2].region.begin.line, 4U);
  EXPECT_EQ(out.diagnostics[2].message, "expected ':', found 'x'");
  EXPECT_EQ(out.diagnostics[3].region.begin.line, 6U);  // found at the next declaration
  EXPECT_EQ(out.diagnostics[3].message, "expected ')', found 'output'");
  EXPECT_EQ(out.file.declarations.size(), 1U);  // entity; output was skipped in recovery
}

TEST(parser, reserved_word_as_name_has_a_hint) {
  const auto out = parse_text("let and for unit = 1\n");
  ASSERT_EQ(out.diagnostics.size(), 1U);
  EXPECT_EQ(out.diagnostics[0].message, "expected a name, found keyword 'and'");
  EXPECT_NE(out.diagnostics[0].hint.find("reserved"), std::string::npos);
}

TEST(parser, garbage_at_top_level) {
  const auto out = parse_text("hello world\n");
  ASSERT_EQ(out.diagnostics.size(), 1U);
  EXPECT_EQ(out.diagnostics[0].code, "syntax");
  EXPECT_NE(out.diagnostics[0].message.find("expected a declaration"), std::string::npos);
}

TEST(parser, byte_order_mark_is_skipped) {
  const auto out = parse_text("\xEF\xBB\xBFpack \"p\" version \"1\"\n");
  EXPECT_TRUE(out.diagnostics.empty()) << format(out.diagnostics);
  EXPECT_EQ(out.file.declarations.size(), 1U);
}

TEST(parser, limits) {
  compile_options o;
  o.max_file_bytes = 10;
  auto out = parse("t.tdk", "pack \"p\" version \"1\"\n", o, 100);
  ASSERT_EQ(out.diagnostics.size(), 1U);
  EXPECT_EQ(out.diagnostics[0].code, "file-too-large");

  out = parse("t.tdk", "let x for u = " + std::string(100, '(') + "1" + std::string(100, ')'),
              compile_options{}, 1'000'000);
  ASSERT_EQ(out.diagnostics.size(), 1U);
  EXPECT_EQ(out.diagnostics[0].code, "nesting-too-deep");

  out = parse("t.tdk", "enum e { a, b, c, d, e, f, g, h, i, j, k }\n", compile_options{}, 5);
  ASSERT_EQ(out.diagnostics.size(), 1U);
  EXPECT_EQ(out.diagnostics[0].code, "too-many-nodes");
}

TEST(parser, deep_unary_chains_do_not_recurse) {
  std::string text = "let x for u = ";
  for (int i = 0; i < 100000; ++i) text += "not ";
  text += "true\n";
  const auto out = parse("t.tdk", text, compile_options{}, 10'000'000);
  EXPECT_TRUE(out.diagnostics.empty()) << format(out.diagnostics);
}

TEST(dump, is_stable_and_located) {
  const auto out = parse_text("enum r ordered { A \"Á\", B }\nlet x for u = r >= A\n");
  ASSERT_TRUE(out.diagnostics.empty());
  EXPECT_EQ(dump(out.file),
            "enum@1:1 r ordered\n"
            "  code@1:18 A \"Á\"\n"
            "  code@1:25 B -\n"
            "let@2:1 x for u\n"
            "  expr@2:15\n"
            "    name@2:15 r\n"
            "    op@2:17 >=\n"
            "    name@2:20 A\n");
}

}  // namespace
}  // namespace thidua::syntax
