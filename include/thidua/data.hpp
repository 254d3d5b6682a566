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
#include <memory>
#include <string>

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

[[nodiscard]] result<dataset> load_csv(const ruleset& rules, const std::filesystem::path& dir,
                                       const load_options& options = {});

}  // namespace thidua
