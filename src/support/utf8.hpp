// support/utf8.hpp — UTF-8 validation, shared by the criteria parser and (later) the CSV reader.
#pragma once

#include <cstddef>
#include <string>
#include <string_view>

namespace thidua::support {

// Length (1..4) of the well-formed UTF-8 sequence starting at text[i], or 0 if it is not
// well-formed (stray continuation byte, overlong form, surrogate, beyond U+10FFFF, truncated).
[[nodiscard]] std::size_t utf8_length(std::string_view text, std::size_t i) noexcept;

// `text` with every ill-formed byte and every control character other than tab replaced by
// U+FFFD, so that it can be shown in a diagnostic. Code point columns are preserved.
[[nodiscard]] std::string printable(std::string_view text);

}  // namespace thidua::support
