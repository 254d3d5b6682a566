// The engine's thread pool: every batch runs once, and an exception in a worker reaches the
// caller (as a diagnostic later) instead of terminating the process.
#include "exec/parallel.hpp"

#include <gtest/gtest.h>

#include <atomic>
#include <stdexcept>
#include <vector>

namespace thidua {
namespace {

TEST(thread_pool, runs_every_batch_once) {
  exec::thread_pool pool(3);
  std::vector<std::atomic<int>> hits(1000);
  pool.run(hits.size(), [&](std::size_t i) { ++hits[i]; });
  for (const auto& h : hits) EXPECT_EQ(h.load(), 1);
}

TEST(thread_pool, an_exception_in_a_batch_reaches_the_caller) {
  exec::thread_pool pool(3);
  EXPECT_THROW(pool.run(1000,
                        [](std::size_t i) {
                          if (i == 617) throw std::logic_error("batch 617");
                        }),
               std::logic_error);
  // The pool is still usable afterwards.
  std::atomic<int> n{0};
  pool.run(100, [&](std::size_t) { ++n; });
  EXPECT_EQ(n.load(), 100);
}

}  // namespace
}  // namespace thidua
