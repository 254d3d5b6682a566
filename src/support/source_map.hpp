// support/source_map.hpp — byte offsets to line:column regions, and the text of a line.
//
// Shared by every phase that reports on a file (syntax, check, io). Columns count code points,
// so they match what an editor shows for UTF-8 text.
#pragma once

#include <cstdint>
#include <string>
#include <string_view>
#include <vector>

#include "support/codes.hpp"
#include "thidua/diagnostic.hpp"

namespace thidua::support {

class source_map {
 public:
  source_map(std::string path, std::string_view text);

  [[nodiscard]] const std::string& path() const noexcept { return path_; }
  [[nodiscard]] source_position position(std::size_t offset) const;
  [[nodiscard]] source_region region(std::size_t begin, std::size_t end) const;
  // The text of 1-based `line`, without its terminator.
  [[nodiscard]] std::string_view line_text(std::uint32_t line) const;

  // A diagnostic pointing at [begin, end).
  [[nodiscard]] diagnostic make(severity level, std::size_t begin, std::size_t end, code c,
                                std::string message, std::string hint = {}) const;

 private:
  std::string path_;
  std::string_view text_;
  std::vector<std::size_t> line_starts_;
};

// A diagnostic about a whole file or folder (no line), e.g. running out of memory.
[[nodiscard]] diagnostic unlocated(std::string path, code c, std::string message);

// Number of code points in a UTF-8 string (continuation bytes are not counted).
[[nodiscard]] std::size_t code_points(std::string_view s) noexcept;

}  // namespace thidua::support
