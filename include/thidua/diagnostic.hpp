// thidua/diagnostic.hpp — located, structured diagnostics.
//
// Every problem thidua finds in a criteria pack (and, later, in data files) comes back as a
// `diagnostic` value: a severity, the region of source it points at, a message, an optional
// hint, and a stable code. The library never prints; a host renders diagnostics itself or calls
// `format()` for the conventional compiler layout:
//
//   rules/ldtt.tdk:7:26: error: unknown code 'HTXX' for enum rating [unknown-code]
//     require rating: rating >= HTXX
//                              ^~~~
//   hint: did you mean HTXS?
//
// Lines are 1-based. Columns are 1-based and count Unicode code points (not bytes), so a caret
// lands under the right character even after Vietnamese text on the same line.
#pragma once

#include <cstdint>
#include <string>
#include <vector>

namespace thidua {

enum class severity : std::uint8_t { error, warning, note };

// A place in a source file. `line` and `column` are 1-based; 0 means "unknown".
struct source_position {
  std::uint32_t line = 0;
  std::uint32_t column = 0;
  friend bool operator==(const source_position&, const source_position&) = default;
};

// A span of source: `begin` inclusive, `end` exclusive (same conventions as source_position).
struct source_region {
  std::string path;
  source_position begin;
  source_position end;
};

struct diagnostic {
  severity level = severity::error;
  source_region region;
  std::string code;       // stable kebab-case identifier, e.g. "unknown-code"
  std::string message;    // one line, no trailing period
  std::string hint;       // may be empty
  std::string line_text;  // the source line `region.begin` is on (no line terminator), may be empty
};

[[nodiscard]] const char* to_string(severity s) noexcept;

// Renders one diagnostic as `path:line:col: error: message [code]`, then the source line and a
// caret line, then `hint: ...` when there is one. Ends with a newline.
[[nodiscard]] std::string format(const diagnostic& d);

// Renders all diagnostics in order.
[[nodiscard]] std::string format(const std::vector<diagnostic>& ds);

// Counts diagnostics of the given severity.
[[nodiscard]] std::size_t count(const std::vector<diagnostic>& ds, severity s) noexcept;

}  // namespace thidua
