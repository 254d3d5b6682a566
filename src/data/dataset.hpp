// data/dataset.hpp — typed columns: what io loads (or a host hands in) and the engine reads.
//
// One table per entity (its static fields) and one per (entity, record period) (its per-period
// fields), each column typed by the pack's declaration and stored as 64-bit integers:
//
//   bool 0/1 · int as is · decimal, percent, money scaled by 10^scale · date as days since
//   1970-01-01 · enum as the code's index · set<E> as a bitmask of code indices (E has at most 64
//   codes) · entity reference as the referenced entity's row · text as an index into `strings`.
//
// `known` marks values that are present: an empty cell in an optional column is unknown, never
// a zero (docs/language.md, "Missing data").
#pragma once

#include <array>
#include <cstdint>
#include <functional>
#include <string>
#include <string_view>
#include <unordered_map>
#include <vector>

#include "check/model.hpp"

namespace thidua::data {

struct column {
  check::id field = check::no_id;  // the field it holds (check::program::fields)
  std::vector<std::int64_t> values;
  std::vector<std::uint8_t> known;   // 1 where the value is present
  std::vector<std::string> strings;  // for text columns
};

// Hashes std::string and std::string_view alike, so lookups by a view into the file allocate
// nothing.
struct key_hash {
  using is_transparent = void;
  std::size_t operator()(std::string_view s) const noexcept {
    return std::hash<std::string_view>{}(s);
  }
};

struct entity_table {
  std::vector<std::string> keys;                                                  // in file order
  std::unordered_map<std::string, std::uint32_t, key_hash, std::equal_to<>> row;  // key -> row
  std::vector<column> columns;  // static fields, in declaration order
};

struct record_table {
  bool present = false;
  std::vector<std::uint32_t> entity;  // row in the entity table
  std::vector<std::int32_t> year;
  std::vector<std::uint8_t> period;  // 1-based sub-period (half, quarter, month); 0 for yearly
  std::vector<column> columns;       // the record's fields, in declaration order
};

struct award_row {
  check::id entity = check::no_id;  // entity kind (check::program::entities)
  std::uint32_t row = 0;
  std::int32_t year = 0;
  check::id title = check::no_id;
};

struct dataset {
  std::vector<entity_table> entities;                // by entity id
  std::vector<std::array<record_table, 4>> records;  // by entity id, then check::period
  std::vector<record_table> targets;  // by target id: registered targets, several per period
  std::vector<award_row> awards;
  std::uint64_t bytes_read = 0;
};

}  // namespace thidua::data
