#include "io/csv.hpp"

#include <gtest/gtest.h>

namespace thidua::io {
namespace {

using records = std::vector<std::vector<std::string>>;

// All records of `text`, or the first error as "row:column: message".
std::pair<records, std::string> parse_all(std::string_view text) {
  csv_cursor cur(text);
  records out;
  std::vector<std::string_view> fields;
  csv_error err;
  while (cur.next(fields, err)) out.emplace_back(fields.begin(), fields.end());
  if (cur.failed()) {
    return {out, std::to_string(err.row) + ":" + std::to_string(err.column) + ": " + err.message};
  }
  return {out, ""};
}

TEST(csv, plain_records) {
  const auto [r, e] = parse_all("a,b,c\n1,2,3\n");
  EXPECT_EQ(e, "");
  EXPECT_EQ(r, (records{{"a", "b", "c"}, {"1", "2", "3"}}));
}

TEST(csv, crlf_bom_and_no_final_newline) {
  const auto [r, e] = parse_all(
      "\xEF\xBB\xBF"
      "a,b\r\n1,2");
  EXPECT_EQ(e, "");
  EXPECT_EQ(r, (records{{"a", "b"}, {"1", "2"}}));
}

TEST(csv, quoted_fields) {
  const auto [r, e] = parse_all("\"a,b\",\"say \"\"hi\"\"\",\"two\nlines\",\"\"\n");
  EXPECT_EQ(e, "");
  EXPECT_EQ(r, (records{{"a,b", "say \"hi\"", "two\nlines", ""}}));
}

TEST(csv, empty_fields) {
  const auto [r, e] = parse_all(",,\nx,,\n");
  EXPECT_EQ(r, (records{{"", "", ""}, {"x", "", ""}}));
  const auto [r2, e2] = parse_all("a,");
  EXPECT_EQ(r2, (records{{"a", ""}}));
}

TEST(csv, vietnamese_is_bytes) {
  const auto [r, e] = parse_all("P1,Nguyễn Văn An\n");
  EXPECT_EQ(r, (records{{"P1", "Nguyễn Văn An"}}));
}

TEST(csv, errors_are_located_and_recover_at_the_next_line) {
  auto [r, e] = parse_all("a,b\n1,\"open\n");
  EXPECT_EQ(e, "2:2: quoted field is not closed");
  std::tie(r, e) = parse_all("a,b\n1,x\"y\n3,4\n");
  EXPECT_EQ(e, "2:2: quote inside an unquoted field");
  std::tie(r, e) = parse_all("a,\"b\"c\n");
  EXPECT_EQ(e, "1:2: unexpected text after a closing quote");
  std::tie(r, e) = parse_all("a\rb\n");
  EXPECT_EQ(e, "1:1: carriage return without a line feed");

  csv_cursor cur("bad\"x\nok,1\n");
  std::vector<std::string_view> f;
  csv_error err;
  EXPECT_FALSE(cur.next(f, err));
  EXPECT_TRUE(cur.failed());
  ASSERT_TRUE(cur.next(f, err));  // resumes on the next line
  EXPECT_EQ(cur.row(), 2U);
  EXPECT_EQ(f, (std::vector<std::string_view>{"ok", "1"}));
}

TEST(csv, buffered_fields_survive_many_quotes) {
  std::string text;
  for (int i = 0; i < 200; ++i) text += "\"x\"\"" + std::to_string(i) + "\",";
  text += "end\n";
  const auto [r, e] = parse_all(text);
  ASSERT_EQ(r.size(), 1U);
  ASSERT_EQ(r[0].size(), 201U);
  EXPECT_EQ(r[0][0], "x\"0");
  EXPECT_EQ(r[0][199], "x\"199");
}

}  // namespace
}  // namespace thidua::io
