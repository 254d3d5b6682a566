// syntax/lexical.hpp — character classes, reserved words and the pre-scan of a .tdk file.
#pragma once

#include <cstddef>
#include <cstdint>
#include <string>
#include <string_view>
#include <vector>

#include "support/codes.hpp"

namespace thidua::syntax {

constexpr bool is_name_start(char c) noexcept {
  return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || c == '_';
}
constexpr bool is_name_char(char c) noexcept { return is_name_start(c) || (c >= '0' && c <= '9'); }

// Words that cannot be names: the expression words (and, or, not, in, where, last, true,
// false). Declaration and clause keywords are recognised by position; aggregate functions, `year`
// and period names are ordinary names resolved by the checker.
[[nodiscard]] bool is_reserved(std::string_view word) noexcept;
[[nodiscard]] const std::vector<std::string_view>& reserved_words() noexcept;

// A lexical problem found before parsing: invalid UTF-8, a non-ASCII character outside strings
// and comments, a control character, or brackets nested deeper than the limit.
struct lexical_error {
  std::uint32_t offset = 0;
  std::uint32_t length = 1;
  support::code code;
  std::string message;
  std::string hint;
};

// Scans `text` once: validates UTF-8, checks that non-ASCII text appears only in strings and
// comments, and that (), {}, [] nest no deeper than `max_nesting`. Stops at the first nesting
// error (deeper input is not parsed at all); reports every encoding error.
[[nodiscard]] std::vector<lexical_error> prescan(std::string_view text, std::size_t max_nesting);

}  // namespace thidua::syntax
