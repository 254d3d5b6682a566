// thidua/result.hpp — a value or the diagnostics that explain why there is none.
//
// Bad input (rule files, data, API misuse) never throws across the API and never aborts: the
// functions that can fail return `result<T>`. A successful result may still carry warnings.
//
//   auto rs = thidua::compile(thidua::pack_source::directory("rules/vn"));
//   if (!rs) { std::cerr << thidua::format(rs.diagnostics()); return 1; }
//   use(*rs);
//
// Calling value() on a failed result is a programming error in the host; it throws
// thidua::bad_result_access (a std::logic_error) rather than terminating the process.
#pragma once

#include <optional>
#include <stdexcept>
#include <utility>
#include <vector>

#include "thidua/diagnostic.hpp"

namespace thidua {

class bad_result_access : public std::logic_error {
 public:
  bad_result_access() : std::logic_error("thidua::result holds diagnostics, not a value") {}
};

template <class T>
class result {
 public:
  // A success, possibly with warnings.
  explicit result(T value, std::vector<diagnostic> diags = {})
      : value_(std::move(value)), diagnostics_(std::move(diags)) {}

  // A failure: `diags` must hold at least one error.
  static result failure(std::vector<diagnostic> diags) { return result(std::move(diags)); }

  [[nodiscard]] bool ok() const noexcept { return value_.has_value(); }
  explicit operator bool() const noexcept { return ok(); }

  [[nodiscard]] T& value() & {
    if (!value_) throw bad_result_access();
    return *value_;
  }
  [[nodiscard]] const T& value() const& {
    if (!value_) throw bad_result_access();
    return *value_;
  }
  [[nodiscard]] T&& value() && {
    if (!value_) throw bad_result_access();
    return std::move(*value_);
  }
  T& operator*() & { return value(); }
  const T& operator*() const& { return value(); }
  T* operator->() { return &value(); }
  const T* operator->() const { return &value(); }

  // Errors (on failure) and warnings (on either).
  [[nodiscard]] const std::vector<diagnostic>& diagnostics() const noexcept { return diagnostics_; }

 private:
  explicit result(std::vector<diagnostic> diags) : diagnostics_(std::move(diags)) {}

  std::optional<T> value_;
  std::vector<diagnostic> diagnostics_;
};

}  // namespace thidua
