#include "syntax/lexical.hpp"

#include <gtest/gtest.h>

namespace thidua::syntax {
namespace {

struct lexical_case {
  const char* name;
  std::string text;
  std::size_t nesting;
  std::vector<std::pair<support::code, std::uint32_t>> expected;  // code and offset
};

void PrintTo(const lexical_case& c, std::ostream* os) { *os << c.name; }

class lexical : public ::testing::TestWithParam<lexical_case> {};

TEST_P(lexical, reports) {
  const auto& c = GetParam();
  const auto errors = prescan(c.text, c.nesting);
  ASSERT_EQ(errors.size(), c.expected.size()) << c.name;
  for (std::size_t i = 0; i < errors.size(); ++i) {
    EXPECT_EQ(errors[i].code, c.expected[i].first) << c.name << " #" << i;
    EXPECT_EQ(errors[i].offset, c.expected[i].second) << c.name << " #" << i;
  }
}

using support::code;

INSTANTIATE_TEST_SUITE_P(
    cases, lexical,
    ::testing::Values(
        lexical_case{"ascii", "title LDTT for person { }", 64, {}},
        lexical_case{"vietnamese in string", "x \"Lao động tiên tiến\"", 64, {}},
        lexical_case{"vietnamese in comment", "# Chiến sĩ thi đua\nx", 64, {}},
        lexical_case{"vietnamese name", "let động = 1", 64, {{code::non_ascii_name, 4}}},
        lexical_case{"one error per word", "Lao động", 64, {{code::non_ascii_name, 4}}},
        lexical_case{"invalid utf8 in string", "\"a\xFF\"", 64, {{code::invalid_utf8, 2}}},
        lexical_case{"overlong encoding",
                     "# \xC0\xAF",
                     64,
                     {{code::invalid_utf8, 2}, {code::invalid_utf8, 3}}},
        lexical_case{"truncated sequence at end",
                     "\"\xE1\xBB",
                     64,
                     {{code::invalid_utf8, 1}, {code::invalid_utf8, 2}}},
        lexical_case{"surrogate",
                     "\"\xED\xA0\x80\"",
                     64,
                     {{code::invalid_utf8, 1}, {code::invalid_utf8, 2}, {code::invalid_utf8, 3}}},
        lexical_case{"control character", "a\x01 b", 64, {{code::control_character, 1}}},
        lexical_case{"tabs and CRLF are fine", "a\tb\r\nc", 64, {}},
        lexical_case{"nesting at the limit", "((()))", 3, {}},
        lexical_case{"nesting over the limit", "(((())))", 3, {{code::nesting_too_deep, 3}}},
        lexical_case{"brackets in strings do not count", "\"((((((\"", 2, {}},
        lexical_case{"brackets in comments do not count", "# ((((((\n()", 2, {}}),
    [](const auto& info) {
      std::string n = info.param.name;
      for (auto& ch : n) ch = std::isalnum(static_cast<unsigned char>(ch)) ? ch : '_';
      return n;
    });

TEST(reserved, only_expression_words) {
  EXPECT_TRUE(is_reserved("and"));
  EXPECT_TRUE(is_reserved("where"));
  EXPECT_FALSE(is_reserved("form"));  // W1's output has a `form` column
  EXPECT_FALSE(is_reserved("score"));
  EXPECT_FALSE(is_reserved("year"));
  EXPECT_TRUE(std::is_sorted(reserved_words().begin(), reserved_words().end()));
}

}  // namespace
}  // namespace thidua::syntax
