#include <string>

#include "support/source_map.hpp"
#include "thidua/diagnostic.hpp"

namespace thidua {

const char* to_string(severity s) noexcept {
  switch (s) {
    case severity::error:
      return "error";
    case severity::warning:
      return "warning";
    case severity::note:
      return "note";
  }
  return "error";
}

std::string format(const diagnostic& d) {
  std::string out;
  out += d.region.path.empty() ? std::string("<input>") : d.region.path;
  if (d.region.begin.line != 0) {
    out += ':' + std::to_string(d.region.begin.line);
    if (d.region.begin.column != 0) out += ':' + std::to_string(d.region.begin.column);
  }
  out += std::string(": ") + to_string(d.level) + ": " + d.message;
  if (!d.code.empty()) out += " [" + d.code + "]";
  out += '\n';
  if (!d.line_text.empty() && d.region.begin.column != 0) {
    out += "  " + d.line_text + '\n';
    // The caret line copies tabs from the source line so that it stays aligned.
    std::string caret = "  ";
    std::uint32_t col = 1;
    for (std::size_t i = 0; i < d.line_text.size() && col < d.region.begin.column; ++i) {
      const auto c = static_cast<unsigned char>(d.line_text[i]);
      if ((c & 0xC0U) == 0x80U) continue;
      caret += d.line_text[i] == '\t' ? '\t' : ' ';
      ++col;
    }
    caret += '^';
    const std::size_t line_len = support::code_points(d.line_text);
    std::size_t last =
        d.region.end.line == d.region.begin.line ? d.region.end.column : line_len + 1;
    last = std::min(last, line_len + 1);
    for (std::size_t c = d.region.begin.column + 1; c < last; ++c) caret += '~';
    out += caret + '\n';
  }
  if (!d.hint.empty()) out += "  hint: " + d.hint + '\n';
  return out;
}

std::string format(const std::vector<diagnostic>& ds) {
  std::string out;
  for (const auto& d : ds) out += format(d);
  return out;
}

std::size_t count(const std::vector<diagnostic>& ds, severity s) noexcept {
  std::size_t n = 0;
  for (const auto& d : ds) n += d.level == s ? 1 : 0;
  return n;
}

}  // namespace thidua
