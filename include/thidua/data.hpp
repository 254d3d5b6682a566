// thidua/data.hpp — a population's data, loaded from a folder of CSV files as a pack declares it.
//
//   auto rules = thidua::compile(thidua::pack_source::directory("bench/w1"));
//   auto data = thidua::load_csv(*rules, "district/");
//   if (!data) { for (auto& d : data.diagnostics()) log(thidua::format(d)); return; }
//   // "district/person_years.csv:1203:4: error: unknown rating code 'HTXX' in column rating;
//   //  did you mean HTXS? [bad-value]"
//
// Each file and column comes from the pack's `entity`, record (`yearly`, ...) and `prior_awards`
// declarations; headers are matched by name and extra columns are ignored. Values are typed as
// declared (enums dictionary-coded, decimals and money exact, empty optional cells unknown).
// Every bad value is reported with file:row:column and the offending text, all in one pass (up to
// `max_errors` shown, all counted); a dataset is loaded whole or not at all.
#pragma once

#include <cstdint>
#include <filesystem>
#include <functional>
#include <memory>
#include <span>
#include <string>
#include <vector>

#include "thidua/pack.hpp"
#include "thidua/result.hpp"

namespace thidua {

namespace detail {
struct loaded_data;
}

struct load_options {
  // Data errors kept in the result (all are counted; a note gives the total). 0: no limit.
  std::size_t max_errors = 100;
  // Threads that parse large files in parallel (the result is the same for any number); 0 uses
  // every hardware thread.
  unsigned threads = 0;
  // Parse only the columns the pack's rules read; the values of the others are not checked
  // (every declared column must still be present). Faster and smaller for evaluation; leave it
  // off to validate a whole dataset.
  bool only_used_columns = false;
  // Progress, for a host's progress bar: bytes parsed and the total (0 if unknown). Called on
  // the thread that called load_csv, every file and every chunk of a large file.
  std::function<void(std::uint64_t done, std::uint64_t total)> progress = nullptr;
};

class dataset {
 public:
  // Rows of an entity's file (e.g. "person"); 0 for an unknown entity.
  [[nodiscard]] std::size_t entity_rows(const std::string& entity) const;
  // Rows of an entity's record file for `period` ("year", "half_year", "quarter", "month").
  [[nodiscard]] std::size_t record_rows(const std::string& entity,
                                        const std::string& period = "year") const;
  [[nodiscard]] std::size_t award_rows() const;
  // Whether the entity's file has a row with this key.
  [[nodiscard]] bool has_key(const std::string& entity, const std::string& key) const;
  [[nodiscard]] std::uint64_t bytes_read() const;

  // The ruleset the data was loaded for.
  [[nodiscard]] const ruleset& rules() const noexcept { return rules_; }

  // Internal: the typed columns, for the engine.
  [[nodiscard]] const detail::loaded_data& data() const noexcept { return *data_; }
  dataset(std::shared_ptr<const detail::loaded_data> d, ruleset rules);

 private:
  std::shared_ptr<const detail::loaded_data> data_;
  ruleset rules_;
};

// Tables handed in as columns by a host that already holds them (a database extract, another
// system's arrays), instead of CSV files. Values are encoded as the loader stores them: bool 0/1,
// int as is, decimal(N), money and percent scaled (decimal(N) by 10^N, money in VND, percent as
// points with 4 decimals: 12.5% is 125000), dates as days since 1970-01-01, enums as the code's
// index in its declaration, sets as bitmasks of code indices, references as the row of the
// referenced entity. `known` is one byte per value (0: missing); empty means all known.
//
// Numeric columns are NOT copied: the spans must stay valid, unchanged, for as long as the
// dataset and every evaluation of it live. Keys, text and the record index (entity row, year)
// are copied. `build()` checks sizes, code and reference ranges and one row per entity and year,
// and returns every problem as a diagnostic. Static and yearly fields only: sub-year records and
// targets come from CSV (load_csv).
//
//   thidua::dataset_builder b(rules);
//   b.keys("person", ids).records("person", rows, years)
//    .column("person", "rating", ratings).column("person", "score", scores, score_known);
//   auto data = b.build();
class dataset_builder {
 public:
  explicit dataset_builder(ruleset rules);
  ~dataset_builder();
  dataset_builder(dataset_builder&&) noexcept;
  dataset_builder& operator=(dataset_builder&&) noexcept;
  dataset_builder(const dataset_builder&) = delete;
  dataset_builder& operator=(const dataset_builder&) = delete;

  // The entity's keys (ids), in row order.
  dataset_builder& keys(const std::string& entity, std::vector<std::string> keys);
  // The entity's yearly records: for each record, the entity row and the year.
  dataset_builder& records(const std::string& entity, std::span<const std::uint32_t> rows,
                           std::span<const std::int32_t> years);
  // A field's values: one per entity row (static fields) or per record (yearly fields).
  dataset_builder& column(const std::string& entity, const std::string& field,
                          std::span<const std::int64_t> values,
                          std::span<const std::uint8_t> known = {});
  // A text field's values (copied).
  dataset_builder& text(const std::string& entity, const std::string& field,
                        std::vector<std::string> values);
  // Prior awards: entity row, year and title code, one per official decision.
  dataset_builder& award(const std::string& title, std::uint32_t row, std::int32_t year);

  [[nodiscard]] result<dataset> build();

 private:
  struct state;
  std::unique_ptr<state> s_;
};

[[nodiscard]] result<dataset> load_csv(const ruleset& rules, const std::filesystem::path& dir,
                                       const load_options& options = {});

}  // namespace thidua
