// exec/engine.hpp — the columnar engine: evaluates a checked program over a dataset for one year.
//
// Values flow as vectors (`vec`) over a *frame*: a list of lanes, each an entity row (and, inside
// an aggregate over sub-year records or targets, a record row). Expressions are interpreted a
// node at a time over a whole batch of lanes (vector-at-a-time, as in MonetDB/X100), so the
// per-node dispatch cost is paid once per batch rather than once per row.
//
// Representation (docs/decisions.md, "Engine"): every value is a 64-bit integer plus a known
// byte. Numbers are exact scaled integers at the expression's static scale (`fraction_scale`);
// enum codes, set bitmasks, entity rows and dates are integers; text is a pointer to a string;
// `share()` yields an exact rational, kept as a numerator with a per-lane denominator.
//
// Everything population-wide — titles (tri-state per entity row), aggregates per owner row, form
// selections, per-year record indexes, CSR member indexes, prior awards — is materialized once,
// single-threaded *orchestration* with parallel batch loops inside, before anything that reads it
// runs (`prepare`). Batch loops write disjoint slices, so results are byte-identical for any
// thread count.
#pragma once

#include <atomic>
#include <cstdint>
#include <functional>
#include <map>
#include <memory>
#include <set>
#include <span>
#include <string>
#include <utility>
#include <vector>

#include "check/model.hpp"
#include "data/dataset.hpp"
#include "exec/parallel.hpp"

namespace thidua::exec {

using check::id;
using check::no_id;

inline constexpr std::size_t batch_size = 1024;

// Tri-state truth as materialized for titles: 0 false, 1 true, 2 unknown.
enum : std::uint8_t { no = 0, yes = 1, unknown = 2 };

struct vec {
  std::vector<std::int64_t> v;
  std::vector<std::uint8_t> k;           // 1 = known
  std::vector<std::int64_t> den;         // per-lane denominators of a rational (share); else empty
  std::vector<const std::string*> text;  // text values; else empty
  void resize(std::size_t n) {
    v.resize(n);
    k.resize(n);
  }
  [[nodiscard]] std::size_t size() const noexcept { return v.size(); }
};

// A what-if: one entity row of the assessed year seen with some field values replaced, and the
// titles, forms and quota places decided for it under those values (engine::what_if). Frames
// carry it down to every expression they evaluate; the rest of the population reads as decided.
struct overlay {
  struct value {
    std::int64_t v = 0;  // as the column stores it
    bool known = false;
    std::string text;
  };
  id entity = no_id;
  std::uint32_t row = 0;
  int year = 0;
  std::map<id, value> fields;                                 // field id -> replacement
  std::map<id, std::uint8_t> titles;                          // decided under the overlay
  std::map<id, std::int32_t> forms;                           // selections under the overlay
  std::map<id, std::pair<std::int32_t, std::int64_t>> ranks;  // quota title -> (rank, places)
  [[nodiscard]] bool applies(id e, std::uint32_t r, int y) const noexcept {
    return e == entity && r == row && y == year;
  }
};

struct frame {
  id entity = no_id;
  int year = 0;
  std::span<const std::uint32_t> rows;  // entity rows, one per lane
  std::span<const std::int64_t> sub;    // sub-year or target record rows, or empty
  const overlay* ov = nullptr;          // a what-if, or none
  [[nodiscard]] std::size_t size() const noexcept { return rows.size(); }
};

using check::fraction_scale;

// Quota and ranking details of one title in one year, for explanations.
struct rank_info {
  std::vector<std::int32_t> rank;    // by entity row: 1-based place within its group, 0 if none
  std::vector<std::int64_t> places;  // by entity row: places of its group
  std::vector<std::uint32_t> order;  // candidates in rank order, groups contiguous
};

struct csr {
  std::vector<std::uint32_t> offsets;  // owner row -> [offsets[r], offsets[r+1])
  std::vector<std::uint32_t> rows;     // member entity rows
  std::vector<std::int64_t> sub;       // record rows (periods, targets), else empty
};

struct options {
  unsigned threads = 1;
  // Per title, the order to evaluate its requirements in (plan::order_requirements); null:
  // declaration order. Any order gives the same result.
  const std::vector<std::vector<std::uint32_t>>* order = nullptr;
};

class engine {
 public:
  engine(const check::program& p, const data::dataset& d, int year, const options& o);

  // Evaluates every output (and all it needs). False on an arithmetic overflow; see `overflow`.
  bool run();

  [[nodiscard]] int year() const noexcept { return year_; }
  [[nodiscard]] const check::program& program() const noexcept { return p_; }
  [[nodiscard]] const data::dataset& data() const noexcept { return d_; }
  // An arithmetic overflow happened; `overflow` names the expression when one is known.
  [[nodiscard]] bool overflowed() const noexcept { return overflowed_.load(); }
  [[nodiscard]] id overflow() const noexcept { return overflow_expr_.load(); }

  // Population of an entity in a year: rows with a yearly record (all rows without records).
  [[nodiscard]] const std::vector<std::uint32_t>& population(id entity, int year);
  [[nodiscard]] bool has_row(id entity, std::uint32_t row, int year) const;

  // Materialized results (prepare first).
  const std::vector<std::uint8_t>& title(id t, int year);
  const std::vector<std::int32_t>& form(id f, int year);
  [[nodiscard]] const rank_info* ranks(id t, int year) const;
  // Every expression the value of `e` at `year` needs, materialized.
  void prepare(id e, id entity, int year);
  // Everything `rewards` reads for an entity kind in a year.
  void prepare_rewards(id entity, int year);

  // For each row: the index of the title's `decided_by` clause that applies (the first in force
  // at the decision date whose condition holds), or -1. The title must be prepared.
  [[nodiscard]] std::vector<std::int32_t> authorities(id t, std::span<const std::uint32_t> rows,
                                                      int year) const;
  // Whether a row is on hold for title t, and by which hold (index), or -1; -2 when a hold's
  // condition is unknown. With an overlay, as the what-if sees it.
  [[nodiscard]] int hold(id t, std::uint32_t row, int year, const overlay* ov = nullptr) const;

  // Decides every title and form of `ov.entity` for row `ov.row` in `ov.year` with `ov.fields`
  // replaced, into `ov.titles`, `ov.forms` and `ov.ranks` (a quota's place among the population's
  // candidates as decided), one pass in the order the titles were decided. Aggregates over groups
  // (a unit's count of members) are read as the population's evaluation decided them. Thread-safe;
  // the titles must be decided first.
  void what_if(overlay& ov) const;
  // The reward money of one row under an overlay (VND).
  [[nodiscard]] std::int64_t reward_of(const overlay& ov) const;

  // Evaluates `e` over a frame; everything it reads must be prepared. Thread-safe.
  void eval(id e, const frame& f, vec& out) const;
  // The reward money of entity rows (money, VND), per lane.
  void rewards(const frame& f, vec& out) const;

  // Output files: name -> CSV text, rows sorted by key in byte order.
  [[nodiscard]] std::map<std::string, std::string> outputs();
  // One output cell's text for a value (as the CSV shows it).
  [[nodiscard]] std::string cell(id e, const vec& v, std::size_t lane) const;
  void append_cell(std::string& out, id e, const vec& v, std::size_t lane) const;
  // An output as JSON: an array of objects, one per line; unknown values are null.
  [[nodiscard]] std::string render_json(id output);
  // Renders an output's rows in key order: row(text, column values, lane, row index) appends one.
  using row_writer =
      std::function<void(std::string&, const std::vector<vec>&, std::size_t, std::size_t)>;
  std::string render_rows(id output, const row_writer& row);
  // The rows of an output's entity, sorted by key.
  [[nodiscard]] std::vector<std::uint32_t> output_rows(id output);

  thread_pool& pool() noexcept { return pool_; }

 private:
  void requirements(id t, const frame& all, std::vector<std::uint8_t>& tri) const;
  std::uint8_t decide_one(id t, const frame& f, overlay& ov) const;
  // A title's or form's value for lane i of a frame: the overlay's for its row, else as decided.
  template <class V>
  [[nodiscard]] static V overlaid(const std::map<id, V>& overlay_values, id which, const frame& f,
                                  std::size_t i, const std::vector<V>& decided) {
    if (f.ov != nullptr && f.ov->applies(f.entity, f.rows[i], f.year)) {
      const auto it = overlay_values.find(which);
      if (it != overlay_values.end()) return it->second;
    }
    return decided[f.rows[i]];
  }
  [[nodiscard]] static std::uint8_t title_at(id t, const frame& f, std::size_t i,
                                             const std::vector<std::uint8_t>& decided) {
    return f.ov != nullptr ? overlaid(f.ov->titles, t, f, i, decided) : decided[f.rows[i]];
  }
  [[nodiscard]] static std::int32_t form_at(id fi, const frame& f, std::size_t i,
                                            const std::vector<std::int32_t>& decided) {
    return f.ov != nullptr ? overlaid(f.ov->forms, fi, f, i, decided) : decided[f.rows[i]];
  }

  struct year_index {
    std::vector<std::int32_t> record;  // entity row -> yearly record row, -1 if none
  };

  const check::program& p_;
  const data::dataset& d_;
  int year_;
  thread_pool pool_;
  const std::vector<std::vector<std::uint32_t>>* order_;
  std::vector<const data::column*> column_of_;  // by field id
  std::vector<int> min_year_, max_year_;        // per entity, of its yearly records
  std::map<std::pair<id, int>, year_index> years_;
  std::map<std::pair<id, int>, std::vector<std::uint32_t>> population_;
  std::map<std::pair<id, int>, std::vector<std::uint8_t>> titles_;
  std::vector<std::pair<id, int>> decided_;  // (title, year) in the order decided
  std::map<std::pair<id, int>, rank_info> ranks_;
  std::map<std::pair<id, int>, std::vector<std::int32_t>> forms_;
  std::map<std::pair<id, int>, vec> aggregates_;  // (expr, year) -> by owner row
  std::map<std::pair<id, int>, csr> groups_;      // (relation / sub-year table key, year)
  std::map<std::pair<id, int>, std::vector<std::uint8_t>> held_;  // (title, year) -> by row
  std::set<std::pair<id, int>> prepared_;
  std::set<std::pair<id, int>> in_progress_;
  mutable std::atomic<id> overflow_expr_{no_id};
  mutable std::atomic<bool> overflowed_{false};

  struct work_item {
    id expr;
    id entity;
    int year;
  };
  void prepare_one(id e, id entity, int year, std::vector<work_item>& work);
  const year_index& index(id entity, int year);
  [[nodiscard]] const year_index* find_index(id entity, int year) const;
  void ensure_title(id t, int year);
  void ensure_form(id f, int year);
  void ensure_aggregate(id e, id owner_entity, int year);
  void ensure_held(id t, int year);
  const csr& group(const check::expr& src, id owner_entity, int year);
  void prepare_history(id e, id entity, int year, int years);
  [[nodiscard]] std::pair<int, int> year_range(id entity, int year, int back) const;

  void decide(id t, int year);
  void rank(id t, int year, std::vector<std::uint8_t>& out);

  // Evaluation helpers (const: read materialized state only).
  void eval_local(const check::expr& e, id ei, const frame& f, vec& out) const;
  void navigate(const check::expr& e, id ei, const frame& f, vec& out) const;
  void field(const check::expr& e, const frame& f, vec& out) const;
  void chain(const check::expr& top, id top_id, const frame& f, vec& out) const;
  void logical(const check::expr& e, const frame& f, vec& out) const;
  void arithmetic(const check::expr& e, id ei, const frame& f, vec& out) const;
  void compare(const check::expr& e, const frame& f, vec& out) const;
  void aggregate_read(const check::expr& e, id ei, const frame& f, vec& out) const;
  void history(const check::expr& e, const frame& f, vec& out) const;
  void score(id s, const frame& f, vec& out, bool band) const;
  void flag_overflow(id e) const;
  // Whether `e` can yield an exact rational (a share, a score total, or arithmetic on them).
  [[nodiscard]] bool may_be_rational(id e) const;

  friend class explainer;
};

}  // namespace thidua::exec
