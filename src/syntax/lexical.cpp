#include "syntax/lexical.hpp"

#include <algorithm>

#include "support/utf8.hpp"

namespace thidua::syntax {

namespace {

// Sorted, for binary search. Only the words that may start or join an expression are reserved;
// declaration and clause keywords are recognised by position, so `form`, `title` or `award`
// stay usable as field and column names (W1's output has a `form` column).
const std::vector<std::string_view> reserved = {
    "and", "false", "in", "last", "not", "or", "true", "where",
};

constexpr std::size_t max_lexical_errors = 20;

}  // namespace

bool is_reserved(std::string_view word) noexcept {
  return std::binary_search(reserved.begin(), reserved.end(), word);
}

const std::vector<std::string_view>& reserved_words() noexcept { return reserved; }

std::vector<lexical_error> prescan(std::string_view text, std::size_t max_nesting) {
  std::vector<lexical_error> errors;
  enum class state { code, string, comment } st = state::code;
  std::size_t depth = 0;
  for (std::size_t i = 0; i < text.size() && errors.size() < max_lexical_errors;) {
    const char c = text[i];
    const auto u = static_cast<unsigned char>(c);
    if (u >= 0x80) {
      std::size_t n = support::utf8_length(text, i);
      if (n == 0) {
        errors.push_back({static_cast<std::uint32_t>(i), 1, support::code::invalid_utf8,
                          "invalid UTF-8 byte 0x" + std::string(1, "0123456789ABCDEF"[u >> 4]) +
                              std::string(1, "0123456789ABCDEF"[u & 15]),
                          "save the file as UTF-8"});
        ++i;
        continue;
      }
      if (st == state::code) {
        // One error for the whole word ("động"), not one per character.
        std::size_t b = i;
        while (b > 0 && is_name_char(text[b - 1])) --b;
        std::size_t e = i + n;
        while (e < text.size()) {
          const auto ue = static_cast<unsigned char>(text[e]);
          const std::size_t k =
              ue >= 0x80 ? support::utf8_length(text, e) : (is_name_char(text[e]) ? 1 : 0);
          if (k == 0) break;
          e += k;
        }
        // Built with append: GCC 12 warns falsely (-Wrestrict) on "'" + std::string(...).
        std::string message(1, '\'');
        message.append(text.substr(b, e - b));
        message.append("' has characters that are not allowed outside strings and comments");
        errors.push_back({static_cast<std::uint32_t>(b), static_cast<std::uint32_t>(e - b),
                          support::code::non_ascii_name, std::move(message),
                          "names are ASCII (LDTT, rating); put Vietnamese text in a \"string\" "
                          "or a # comment"});
        n = e - i;
      }
      i += n;
      continue;
    }
    if (u < 0x20 && c != '\n' && c != '\r' && c != '\t') {
      errors.push_back({static_cast<std::uint32_t>(i), 1, support::code::control_character,
                        "control character 0x" + std::string(1, "0123456789ABCDEF"[u >> 4]) +
                            std::string(1, "0123456789ABCDEF"[u & 15]) + " in source",
                        ""});
      ++i;
      continue;
    }
    switch (st) {
      case state::comment:
        if (c == '\n') st = state::code;
        break;
      case state::string:
        if (c == '\\' && i + 1 < text.size() && text[i + 1] != '\n') {
          ++i;
        } else if (c == '"' || c == '\n') {
          st = state::code;
        }
        break;
      case state::code:
        if (c == '#') {
          st = state::comment;
        } else if (c == '"') {
          st = state::string;
        } else if (c == '(' || c == '{' || c == '[') {
          if (++depth > max_nesting) {
            errors.push_back(
                {static_cast<std::uint32_t>(i), 1, support::code::nesting_too_deep,
                 "brackets nested deeper than the limit of " + std::to_string(max_nesting),
                 "split the condition into labelled requirements or let "
                 "declarations (compile_options::max_nesting)"});
            return errors;
          }
        } else if ((c == ')' || c == '}' || c == ']') && depth > 0) {
          --depth;
        }
        break;
    }
    ++i;
  }
  return errors;
}

}  // namespace thidua::syntax
