#include <gtest/gtest.h>

#include <thread>

#include "test_util.hpp"
#include "thidua/thidua.hpp"

namespace thidua {
namespace {

TEST(api, compile_from_memory_with_includes) {
  const auto rs = compile(pack_source::memory({
      {"pack.tdk",
       "pack \"m\" version \"2\" in_force 2024-01-01 .. 2025-06-30\ninclude \"t/a.tdk\"\n"},
      {"t/a.tdk", "include \"b.tdk\"\nentity person from \"p.csv\" key id { }\n"},
      {"t/b.tdk", "title X \"Tên\" for person { require y: true }\n"},
  }));
  ASSERT_TRUE(rs.ok()) << format(rs.diagnostics());
  EXPECT_EQ(rs->name(), "m");
  EXPECT_EQ(rs->version(), "2");
  EXPECT_EQ(rs->in_force_from(), "2024-01-01");
  EXPECT_EQ(rs->in_force_to(), "2025-06-30");
  EXPECT_EQ(rs->files(), (std::vector<std::string>{"pack.tdk", "t/a.tdk", "t/b.tdk"}));
  ASSERT_EQ(rs->titles().size(), 1U);
  EXPECT_EQ(rs->titles()[0].name, "Tên");
  EXPECT_EQ(rs->titles()[0].requirements, std::vector<std::string>{"y"});
}

TEST(api, missing_pack_is_an_error_not_a_crash) {
  const auto rs = compile(pack_source::directory("/nonexistent/thidua/pack"));
  ASSERT_FALSE(rs.ok());
  EXPECT_EQ(test::codes(rs.diagnostics()), std::vector<std::string>{"cannot-read"});
  EXPECT_THROW((void)rs.value(), bad_result_access);
}

TEST(api, ruleset_is_shared_across_threads) {
  const auto rs = test::compile_text(std::string(test::prelude) +
                                     "title LDTT for person { require r: rating >= HTT }\n");
  ASSERT_TRUE(rs.ok());
  const ruleset shared = *rs;
  std::vector<std::thread> threads;
  std::vector<std::size_t> seen(4);
  for (std::size_t i = 0; i < seen.size(); ++i) {
    threads.emplace_back([&, i] {
      const ruleset copy = shared;
      seen[i] = copy.titles().size();
    });
  }
  for (auto& t : threads) t.join();
  for (auto n : seen) EXPECT_EQ(n, 1U);
}

TEST(api, include_outside_the_pack_is_refused) {
  const auto rs = compile(pack_source::memory(
      {{"pack.tdk", "pack \"m\" version \"1\"\ninclude \"../../etc/passwd\"\n"}}));
  EXPECT_EQ(test::codes(rs.diagnostics()), std::vector<std::string>{"include-outside-pack"});
}

TEST(api, version) { EXPECT_STREQ(version_string(), THIDUA_VERSION_STRING); }

}  // namespace
}  // namespace thidua
