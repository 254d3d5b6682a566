#include <gtest/gtest.h>

#include "check/checker.hpp"

namespace thidua::check {
namespace {

TEST(edit_distance, basics) {
  EXPECT_EQ(edit_distance("", ""), 0U);
  EXPECT_EQ(edit_distance("HTXS", "HTXS"), 0U);
  EXPECT_EQ(edit_distance("HTXX", "HTXS"), 1U);
  EXPECT_EQ(edit_distance("ratign", "rating"), 1U);  // a transposition is one edit
  EXPECT_EQ(edit_distance("htxs", "HTXS"), 0U);      // case-insensitive
  EXPECT_EQ(edit_distance("abc", ""), 3U);
}

TEST(best_match, picks_close_names_only) {
  const std::vector<std::string_view> codes = {"KHT", "HT", "HTT", "HTXS"};
  EXPECT_EQ(best_match("HTXX", codes), "HTXS");
  EXPECT_EQ(best_match("HTTT", codes), "HTT");
  EXPECT_EQ(best_match("ZZZZZZ", codes), "");
  EXPECT_EQ(best_match("HT", {"HT"}), "");  // an exact match is not a suggestion
  EXPECT_EQ(best_match("months_workd", {"months_worked", "initiatives"}), "months_worked");
}

}  // namespace
}  // namespace thidua::check
