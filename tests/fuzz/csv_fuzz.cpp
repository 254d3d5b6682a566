// Fuzz target: the CSV tokenizer on arbitrary bytes. Beyond "no crash" (under ASan/UBSan), it
// checks that the cursor always advances and that every record has at least one field.
#include <cstddef>
#include <cstdint>
#include <string_view>
#include <vector>

#include "io/csv.hpp"

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
  const std::string_view text(reinterpret_cast<const char*>(data), size);
  thidua::io::csv_cursor cur(text);
  std::vector<std::string_view> fields;
  thidua::io::csv_error err;
  std::size_t records = 0;
  for (;;) {
    const bool ok = cur.next(fields, err);
    if (!ok && !cur.failed()) break;
    if (++records > size + 1) __builtin_trap();  // must make progress
    if (!ok) continue;
    if (fields.empty()) __builtin_trap();
  }
  return 0;
}
