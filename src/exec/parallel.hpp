// exec/parallel.hpp — a small fixed pool of worker threads for batch loops.
//
// `run(n, fn)` calls fn(i) for every i in [0, n), spread over the pool's threads and the caller;
// it returns when all calls have returned. Batches are claimed from an atomic counter, so the
// split is dynamic, but every call writes only its own batch's slice of the output: results do
// not depend on the thread count or on scheduling. An exception thrown by fn (an internal check,
// std::bad_alloc) stops the remaining calls and is rethrown by run() on the calling thread, so it
// becomes a diagnostic there instead of terminating the process from a worker.
#pragma once

#include <atomic>
#include <condition_variable>
#include <cstddef>
#include <exception>
#include <functional>
#include <mutex>
#include <thread>
#include <utility>
#include <vector>

namespace thidua::exec {

class thread_pool {
 public:
  explicit thread_pool(unsigned threads) {
    for (unsigned i = 1; i < threads; ++i) workers_.emplace_back([this] { work(); });
  }
  ~thread_pool() {
    {
      const std::lock_guard lock(mutex_);
      stop_ = true;
    }
    wake_.notify_all();
    for (auto& w : workers_) w.join();
  }
  thread_pool(const thread_pool&) = delete;
  thread_pool& operator=(const thread_pool&) = delete;

  [[nodiscard]] unsigned threads() const noexcept {
    return static_cast<unsigned>(workers_.size()) + 1;
  }

  void run(std::size_t n, const std::function<void(std::size_t)>& fn) {
    if (n == 0) return;
    if (workers_.empty() || n == 1) {
      for (std::size_t i = 0; i < n; ++i) fn(i);
      return;
    }
    error_ = nullptr;
    {
      const std::lock_guard lock(mutex_);
      job_ = &fn;
      size_ = n;
      next_.store(0);
      active_ = workers_.size();
      ++generation_;
    }
    wake_.notify_all();
    drain(fn, n);
    std::unique_lock lock(mutex_);
    done_.wait(lock, [this] { return active_ == 0; });
    job_ = nullptr;
    if (error_) std::rethrow_exception(std::exchange(error_, nullptr));
  }

 private:
  void drain(const std::function<void(std::size_t)>& fn, std::size_t n) noexcept {
    try {
      for (std::size_t i = next_.fetch_add(1); i < n; i = next_.fetch_add(1)) fn(i);
    } catch (...) {
      next_.store(n);  // no further batches start
      const std::lock_guard lock(mutex_);
      if (!error_) error_ = std::current_exception();
    }
  }

  void work() {
    std::size_t seen = 0;
    for (;;) {
      const std::function<void(std::size_t)>* job = nullptr;
      std::size_t n = 0;
      {
        std::unique_lock lock(mutex_);
        wake_.wait(lock, [&] { return stop_ || generation_ != seen; });
        if (stop_) return;
        seen = generation_;
        job = job_;
        n = size_;
      }
      drain(*job, n);
      {
        const std::lock_guard lock(mutex_);
        --active_;
      }
      done_.notify_one();
    }
  }

  std::vector<std::thread> workers_;
  std::mutex mutex_;
  std::condition_variable wake_, done_;
  const std::function<void(std::size_t)>* job_ = nullptr;
  std::size_t size_ = 0;
  std::atomic<std::size_t> next_{0};
  std::size_t active_ = 0;
  std::size_t generation_ = 0;
  bool stop_ = false;
  std::exception_ptr error_;
};

}  // namespace thidua::exec
