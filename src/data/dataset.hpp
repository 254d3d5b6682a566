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

#include <algorithm>
#include <array>
#include <cstdint>
#include <functional>
#include <memory>
#include <span>
#include <string>
#include <string_view>
#include <type_traits>
#include <utility>
#include <vector>

#include "check/model.hpp"

namespace thidua::data {

// An allocator that leaves new elements of trivial types uninitialised (value-initialises only
// when asked), so sizing a column for a whole file costs no memset: the loader writes every slot.
template <class T>
struct default_init_allocator : std::allocator<T> {
  using std::allocator<T>::allocator;
  template <class U>
  struct rebind {
    using other = default_init_allocator<U>;
  };
  template <class U>
  void construct(U* p) noexcept(std::is_nothrow_default_constructible_v<U>) {
    ::new (static_cast<void*>(p)) U;
  }
  template <class U, class... Args>
  void construct(U* p, Args&&... args) {
    ::new (static_cast<void*>(p)) U(std::forward<Args>(args)...);
  }
};

// A column buffer: a vector whose resize() does not zero.
template <class T>
using buffer = std::vector<T, default_init_allocator<T>>;

struct column {
  check::id field = check::no_id;  // the field it holds (check::program::fields)
  buffer<std::int64_t> values;
  buffer<std::uint8_t> known;        // 1 where the value is present
  std::vector<std::string> strings;  // for text columns
  // Columns a host hands in (thidua::dataset_builder) are not copied: they are read from the
  // host's memory, and `values`/`known` stay empty. An empty host_known means all known.
  std::span<const std::int64_t> host_values = {};
  std::span<const std::uint8_t> host_known = {};
  bool hosted = false;

  [[nodiscard]] std::int64_t value(std::size_t i) const noexcept {
    return hosted ? host_values[i] : values[i];
  }
  [[nodiscard]] bool is_known(std::size_t i) const noexcept {
    return hosted ? (host_known.empty() || host_known[i] != 0) : known[i] != 0;
  }
};

// Key -> row of an entity table: open addressing with linear probing over the table's own key
// strings (no second copy of the keys), sized to stay at most half full. Lookups by a view into a
// file allocate nothing.
class key_index {
 public:
  void reserve(std::size_t n) {
    std::size_t cap = 16;
    while (cap < 2 * n) cap *= 2;
    if (cap > slots_.size()) rehash(cap);
  }
  // The row of `key`, or -1.
  [[nodiscard]] std::int64_t find(std::string_view key) const noexcept {
    if (slots_.empty()) return -1;
    const std::size_t mask = slots_.size() - 1;
    const std::size_t h = hash(key);
    const auto tag = static_cast<std::uint32_t>(h >> 32);
    for (std::size_t i = h & mask;; i = (i + 1) & mask) {
      const std::uint64_t s = slots_[i];
      if (s == 0) return -1;
      // The tag (high hash bits) rules out almost every other key without reading it.
      const auto row = static_cast<std::uint32_t>(s);
      if (static_cast<std::uint32_t>(s >> 32) == tag && (*keys_)[row - 1] == key) return row - 1;
    }
  }
  // Adds keys.back() (just appended) as row keys.size() - 1, unless the key is present: then
  // returns that row and the caller removes the appended key.
  std::int64_t insert_last(const std::vector<std::string>& keys) {
    keys_ = &keys;
    if (2 * (size_ + 1) > slots_.size()) rehash(std::max<std::size_t>(16, slots_.size() * 2));
    const std::size_t mask = slots_.size() - 1;
    const std::string& key = keys.back();
    const std::size_t h = hash(key);
    const auto tag = static_cast<std::uint32_t>(h >> 32);
    for (std::size_t i = h & mask;; i = (i + 1) & mask) {
      const std::uint64_t s = slots_[i];
      if (s == 0) {
        slots_[i] = (std::uint64_t{tag} << 32) | static_cast<std::uint32_t>(keys.size());
        ++size_;
        return -1;
      }
      const auto row = static_cast<std::uint32_t>(s);
      if (static_cast<std::uint32_t>(s >> 32) == tag && keys[row - 1] == key) return row - 1;
    }
  }
  [[nodiscard]] std::size_t size() const noexcept { return size_; }
  // The keys vector lives in the same table; after the table is moved, point at the new one.
  void bind(const std::vector<std::string>& keys) noexcept { keys_ = &keys; }

 private:
  static std::size_t hash(std::string_view s) noexcept {
    std::uint64_t h = 0xcbf29ce484222325ULL;  // FNV-1a, then a final mix
    for (const char c : s) h = (h ^ static_cast<unsigned char>(c)) * 0x100000001b3ULL;
    h ^= h >> 32;
    h *= 0x9E3779B97F4A7C15ULL;
    return static_cast<std::size_t>(h ^ (h >> 29));
  }
  void rehash(std::size_t cap) {
    std::vector<std::uint64_t> old = std::move(slots_);
    slots_.assign(cap, 0);
    const std::size_t mask = cap - 1;
    for (const std::uint64_t s : old) {
      if (s == 0) continue;
      std::size_t i = hash((*keys_)[static_cast<std::uint32_t>(s) - 1]) & mask;
      while (slots_[i] != 0) i = (i + 1) & mask;
      slots_[i] = s;
    }
  }
  std::vector<std::uint64_t> slots_;  // hash tag << 32 | (row + 1); 0 is empty
  std::size_t size_ = 0;
  const std::vector<std::string>* keys_ = nullptr;
};

struct entity_table {
  entity_table() = default;
  entity_table(const entity_table& o) : keys(o.keys), row(o.row), columns(o.columns) {
    row.bind(keys);
  }
  entity_table(entity_table&& o) noexcept
      : keys(std::move(o.keys)), row(std::move(o.row)), columns(std::move(o.columns)) {
    row.bind(keys);
  }
  entity_table& operator=(entity_table o) noexcept {
    keys = std::move(o.keys);
    row = std::move(o.row);
    columns = std::move(o.columns);
    row.bind(keys);
    return *this;
  }
  ~entity_table() = default;

  std::vector<std::string> keys;  // in file order
  key_index row;                  // key -> row
  std::vector<column> columns;    // static fields, in declaration order
};

struct record_table {
  bool present = false;
  buffer<std::uint32_t> entity;  // row in the entity table
  buffer<std::int32_t> year;
  buffer<std::uint8_t> period;  // 1-based sub-period (half, quarter, month); 0 for yearly
  std::vector<column> columns;  // the record's fields, in declaration order
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
