// support/json.hpp — the one JSON string escaper the library uses (explanations, JSON outputs).
#pragma once

#include <cstdio>
#include <string>
#include <string_view>

namespace thidua::support {

// Appends `s` as a JSON string literal (quotes included). Text is UTF-8 already; only quotes,
// backslashes and control characters need escaping.
inline void json_string(std::string& out, std::string_view s) {
  out += '"';
  for (const char ch : s) {
    switch (ch) {
      case '"':
        out += "\\\"";
        break;
      case '\\':
        out += "\\\\";
        break;
      case '\n':
        out += "\\n";
        break;
      case '\r':
        out += "\\r";
        break;
      case '\t':
        out += "\\t";
        break;
      default:
        if (static_cast<unsigned char>(ch) < 0x20) {
          static constexpr char hex[] = "0123456789abcdef";
          out += "\\u00";
          out += hex[(static_cast<unsigned char>(ch) >> 4) & 0xF];
          out += hex[static_cast<unsigned char>(ch) & 0xF];
        } else {
          out += ch;
        }
    }
  }
  out += '"';
}

[[nodiscard]] inline std::string json_string(std::string_view s) {
  std::string out;
  json_string(out, s);
  return out;
}

}  // namespace thidua::support
