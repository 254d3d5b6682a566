#include "support/source_map.hpp"

#include <algorithm>

#include "support/utf8.hpp"

namespace thidua::support {

std::size_t code_points(std::string_view s) noexcept {
  return static_cast<std::size_t>(std::count_if(
      s.begin(), s.end(), [](char c) { return (static_cast<unsigned char>(c) & 0xC0U) != 0x80U; }));
}

source_map::source_map(std::string path, std::string_view text)
    : path_(std::move(path)), text_(text) {
  line_starts_.push_back(0);
  for (std::size_t i = 0; i < text.size(); ++i) {
    if (text[i] == '\n') line_starts_.push_back(i + 1);
  }
}

source_position source_map::position(std::size_t offset) const {
  offset = std::min(offset, text_.size());
  const auto it = std::upper_bound(line_starts_.begin(), line_starts_.end(), offset);
  const auto line = static_cast<std::size_t>(it - line_starts_.begin());  // 1-based
  const std::size_t start = line_starts_[line - 1];
  return {static_cast<std::uint32_t>(line),
          static_cast<std::uint32_t>(code_points(text_.substr(start, offset - start)) + 1)};
}

source_region source_map::region(std::size_t begin, std::size_t end) const {
  return {path_, position(begin), position(std::max(begin, end))};
}

std::string_view source_map::line_text(std::uint32_t line) const {
  if (line == 0 || line > line_starts_.size()) return {};
  const std::size_t start = line_starts_[line - 1];
  std::size_t stop = line < line_starts_.size() ? line_starts_[line] - 1 : text_.size();
  if (stop > start && text_[stop - 1] == '\r') --stop;
  return text_.substr(start, stop - start);
}

diagnostic unlocated(std::string path, code c, std::string message) {
  diagnostic d;
  d.region.path = std::move(path);
  d.code = std::string(name(c));
  d.message = std::move(message);
  return d;
}

diagnostic source_map::make(severity level, std::size_t begin, std::size_t end, code c,
                            std::string message, std::string hint) const {
  diagnostic d;
  d.level = level;
  d.region = region(begin, end);
  d.code = std::string(name(c));
  d.message = std::move(message);
  d.hint = std::move(hint);
  d.line_text = printable(line_text(d.region.begin.line));
  return d;
}

}  // namespace thidua::support
