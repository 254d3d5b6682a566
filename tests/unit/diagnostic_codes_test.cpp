// Every diagnostic code has at least one golden test that shows its message, caret and hint.
#include <gtest/gtest.h>

#include <algorithm>
#include <filesystem>
#include <fstream>
#include <set>
#include <sstream>

#include "support/codes.hpp"

namespace thidua {
namespace {

// Codes that no pack can trigger on purpose.
const std::vector<std::string_view> untestable = {
    "out-of-memory",   // std::bad_alloc while compiling
    "internal-error",  // a failed internal assertion: a bug, with no pack to trigger it
    "wrong-dataset",   // API misuse: evaluating data loaded for another pack (api_test)
};

TEST(diagnostic_codes, each_has_a_golden_test) {
  namespace fs = std::filesystem;
  std::string all;
  for (const auto& e : fs::recursive_directory_iterator(THIDUA_SOURCE_DIR "/tests/golden")) {
    if (e.path().filename() != "expected.txt" && e.path().extension() != ".ast") continue;
    std::ifstream in(e.path());
    std::ostringstream ss;
    ss << in.rdbuf();
    all += ss.str();
  }
  ASSERT_FALSE(all.empty());
  for (const auto name : support::code_names) {
    if (std::find(untestable.begin(), untestable.end(), name) != untestable.end()) continue;
    EXPECT_NE(all.find("[" + std::string(name) + "]"), std::string::npos)
        << "no golden test shows diagnostic [" << name
        << "]: add one under tests/golden/diagnostics";
  }
}

TEST(diagnostic_codes, are_unique_kebab_case) {
  std::set<std::string_view> seen;
  for (const auto name : support::code_names) {
    EXPECT_TRUE(seen.insert(name).second) << name;
    for (const char c : name)
      EXPECT_TRUE((c >= 'a' && c <= 'z') || (c >= '0' && c <= '9') || c == '-') << name;
  }
}

}  // namespace
}  // namespace thidua
