// io/csv.hpp — an RFC 4180 CSV tokenizer over text in memory.
//
// Fields are views into the text, or, for quoted fields that contain a doubled quote, into the
// cursor's own buffer (valid until the next call). Accepts LF and CRLF, an optional UTF-8 byte
// order mark, quoted fields with commas, quotes ("") and newlines. Rows are numbered from 1 (the
// header), as a spreadsheet shows them; columns from 1.
#pragma once

#include <cstddef>
#include <string>
#include <string_view>
#include <vector>

namespace thidua::io {

struct csv_error {
  std::size_t row = 0;
  std::size_t column = 0;
  std::string message;
};

class csv_cursor {
 public:
  explicit csv_cursor(std::string_view text);

  // Reads the next record into `fields`. Returns false at the end of the text, or on a malformed
  // record (then `error` is set and the cursor has skipped to the next line).
  bool next(std::vector<std::string_view>& fields, csv_error& error);

  // The 1-based number of the record last read.
  [[nodiscard]] std::size_t row() const noexcept { return row_; }
  [[nodiscard]] bool failed() const noexcept { return failed_; }
  // Byte offset of the next record in the text.
  [[nodiscard]] std::size_t offset() const noexcept { return pos_; }

 private:
  std::string_view text_;
  std::size_t pos_ = 0;
  std::size_t row_ = 0;
  bool failed_ = false;
  std::string buffer_;
  std::vector<std::pair<std::size_t, std::size_t>> buffered_;  // field index, offset in buffer_
};

}  // namespace thidua::io
