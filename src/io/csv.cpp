#include "io/csv.hpp"

#include <array>

namespace thidua::io {

namespace {
// Bytes that end an unquoted field (',', '\n', '\r') or may not appear in one ('"').
constexpr auto stops = [] {
  std::array<bool, 256> t{};
  t[static_cast<unsigned char>(',')] = true;
  t[static_cast<unsigned char>('\n')] = true;
  t[static_cast<unsigned char>('\r')] = true;
  t[static_cast<unsigned char>('"')] = true;
  return t;
}();
}  // namespace

csv_cursor::csv_cursor(std::string_view text) : text_(text) {
  if (text_.substr(0, 3) == "\xEF\xBB\xBF") pos_ = 3;
}

bool csv_cursor::next(std::vector<std::string_view>& fields, csv_error& error) {
  fields.clear();
  failed_ = false;
  if (pos_ >= text_.size()) return false;
  ++row_;
  buffer_.clear();
  buffered_.clear();
  auto fail = [&](std::size_t column, std::string message) {
    error = {row_, column, std::move(message)};
    failed_ = true;
    // Resynchronise at the next line end outside quotes we can no longer trust: the next '\n'.
    const auto nl = text_.find('\n', pos_);
    pos_ = nl == std::string_view::npos ? text_.size() : nl + 1;
    return false;
  };
  for (;;) {
    const std::size_t column = fields.size() + 1;
    if (pos_ < text_.size() && text_[pos_] == '"') {
      ++pos_;
      const std::size_t start = pos_;
      bool unescape = false;
      for (;;) {
        const auto q = text_.find('"', pos_);
        if (q == std::string_view::npos) {
          pos_ = text_.size();
          return fail(column, "quoted field is not closed");
        }
        if (q + 1 < text_.size() && text_[q + 1] == '"') {
          unescape = true;
          pos_ = q + 2;
          continue;
        }
        pos_ = q + 1;
        break;
      }
      const std::string_view raw = text_.substr(start, pos_ - 1 - start);
      if (!unescape) {
        fields.push_back(raw);
      } else {
        buffered_.emplace_back(fields.size(), buffer_.size());
        for (std::size_t i = 0; i < raw.size(); ++i) {
          buffer_ += raw[i];
          if (raw[i] == '"') ++i;  // "" -> "
        }
        fields.emplace_back(nullptr, buffer_.size() - buffered_.back().second);
      }
      if (pos_ < text_.size() && text_[pos_] != ',' && text_[pos_] != '\n' && text_[pos_] != '\r') {
        return fail(column, "unexpected text after a closing quote");
      }
    } else {
      const std::size_t start = pos_;
      // One table lookup per byte for the four bytes that end or break an unquoted field.
      const char* p = text_.data();
      const std::size_t end = text_.size();
      while (pos_ < end && !stops[static_cast<unsigned char>(p[pos_])]) ++pos_;
      if (pos_ < end && p[pos_] == '"') return fail(column, "quote inside an unquoted field");
      fields.push_back(text_.substr(start, pos_ - start));
    }
    if (pos_ >= text_.size()) break;
    const char c = text_[pos_++];
    if (c == ',') {
      if (pos_ >= text_.size()) {
        fields.emplace_back();  // a trailing comma at the very end: one more empty field
        break;
      }
      continue;
    }
    if (c == '\r') {
      if (pos_ < text_.size() && text_[pos_] == '\n') {
        ++pos_;
      } else {
        return fail(column, "carriage return without a line feed");
      }
    }
    break;
  }
  for (const auto& [field, offset] : buffered_) {
    fields[field] = std::string_view(buffer_.data() + offset, fields[field].size());
  }
  return true;
}

}  // namespace thidua::io
