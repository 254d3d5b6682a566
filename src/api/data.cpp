#include "thidua/data.hpp"

#include "api/model.hpp"
#include "io/load.hpp"
#include "support/source_map.hpp"

namespace thidua {

dataset::dataset(std::shared_ptr<const detail::loaded_data> d, ruleset rules)
    : data_(std::move(d)), rules_(std::move(rules)) {}

namespace {
check::id entity_id(const ruleset& rules, const std::string& name) {
  const auto& p = rules.model().program;
  for (check::id e = 0; e < p.entities.size(); ++e) {
    if (p.entities[e].name == name) return e;
  }
  return check::no_id;
}
}  // namespace

std::size_t dataset::entity_rows(const std::string& entity) const {
  const auto e = entity_id(rules_, entity);
  return e == check::no_id ? 0 : data_->data.entities[e].keys.size();
}

std::size_t dataset::record_rows(const std::string& entity, const std::string& period) const {
  const auto e = entity_id(rules_, entity);
  if (e == check::no_id) return 0;
  for (int p = 0; p < 4; ++p) {
    if (period == check::to_string(static_cast<check::period>(p))) {
      return data_->data.records[e][static_cast<std::size_t>(p)].entity.size();
    }
  }
  return 0;
}

bool dataset::has_key(const std::string& entity, const std::string& key) const {
  const auto e = entity_id(rules_, entity);
  return e != check::no_id && data_->data.entities[e].row.find(key) >= 0;
}

std::size_t dataset::award_rows() const { return data_->data.awards.size(); }
std::uint64_t dataset::bytes_read() const { return data_->data.bytes_read; }

result<dataset> load_csv(const ruleset& rules, const std::filesystem::path& dir,
                         const load_options& options) {
  try {
    io::load_options o;
    o.max_errors = options.max_errors;
    o.threads = options.threads;
    o.project = options.only_used_columns;
    o.progress = options.progress;
    auto out = io::load(rules.model().program, dir, o);
    if (!out.ok) return result<dataset>::failure(std::move(out.diagnostics));
    auto d = std::make_shared<detail::loaded_data>();
    d->data = std::move(out.data);
    return result<dataset>(dataset(std::move(d), rules), std::move(out.diagnostics));
  } catch (const std::bad_alloc&) {
    return result<dataset>::failure(
        {support::unlocated(dir.generic_string(), support::code::out_of_memory,
                            "out of memory while loading the data")});
  } catch (const std::exception& e) {
    // An internal check (a bug in thidua, not in the data): a value, never an abort.
    return result<dataset>::failure({support::unlocated(
        dir.generic_string(), support::code::internal_error,
        std::string(e.what()) + " (please report this bug with the data that caused it)")});
  }
}

}  // namespace thidua
