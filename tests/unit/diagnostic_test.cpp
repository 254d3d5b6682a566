#include <gtest/gtest.h>

#include "support/source_map.hpp"
#include "thidua/diagnostic.hpp"

namespace thidua {
namespace {

TEST(source_map, columns_count_code_points) {
  const std::string text = "title X \"Lao động\" for person\n  require x: y\n";
  support::source_map map("p.tdk", text);
  const auto at = text.find("for");
  const auto pos = map.position(at);
  EXPECT_EQ(pos.line, 1U);
  EXPECT_EQ(pos.column, 20U);  // "động" is 4 characters, 6 bytes
  EXPECT_EQ(map.position(text.find("require")).line, 2U);
  EXPECT_EQ(map.position(text.find("require")).column, 3U);
  EXPECT_EQ(map.line_text(2), "  require x: y");
  EXPECT_EQ(map.line_text(99), "");
}

TEST(format, caret_under_span_after_utf8) {
  const std::string text = "title X \"Lao động\" for persn\n";
  support::source_map map("p.tdk", text);
  const auto b = text.find("persn");
  const auto d = map.make(severity::error, b, b + 5, support::code::unknown_entity,
                          "unknown entity 'persn'", "did you mean person?");
  EXPECT_EQ(format(d),
            "p.tdk:1:24: error: unknown entity 'persn' [unknown-entity]\n"
            "  title X \"Lao động\" for persn\n"
            "                         ^~~~~\n"
            "  hint: did you mean person?\n");
}

TEST(format, tabs_keep_the_caret_aligned) {
  const std::string text = "\trequire x: y\n";
  support::source_map map("p.tdk", text);
  const auto d = map.make(severity::warning, 1, 8, support::code::unused, "m");
  EXPECT_EQ(format(d), "p.tdk:1:2: warning: m [unused]\n  \trequire x: y\n  \t^~~~~~~\n");
}

TEST(format, crlf_is_not_part_of_the_line) {
  const std::string text = "a b\r\nc\r\n";
  support::source_map map("p.tdk", text);
  EXPECT_EQ(map.line_text(1), "a b");
  EXPECT_EQ(map.position(text.find('c')).line, 2U);
}

TEST(format, without_location) {
  diagnostic d;
  d.region.path = "rules/vn";
  d.message = "cannot read pack.tdk: no such file";
  d.code = "cannot-read";
  EXPECT_EQ(format(d), "rules/vn: error: cannot read pack.tdk: no such file [cannot-read]\n");
  EXPECT_EQ(count({d, d}, severity::error), 2U);
  EXPECT_EQ(count({d}, severity::warning), 0U);
}

}  // namespace
}  // namespace thidua
