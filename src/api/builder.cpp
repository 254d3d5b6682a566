// api/builder.cpp — thidua::dataset_builder: a host's columns as a dataset, numeric columns
// without a copy (see thidua/data.hpp).
#include <algorithm>
#include <map>

#include "api/model.hpp"
#include "support/source_map.hpp"
#include "thidua/data.hpp"

namespace thidua {

namespace {
using check::id;
using check::no_id;
using check::type_kind;
using support::code;

constexpr const char* where = "dataset_builder";
}  // namespace

struct dataset_builder::state {
  ruleset rules;
  std::shared_ptr<detail::loaded_data> out = std::make_shared<detail::loaded_data>();
  std::vector<diagnostic> errors;
  std::vector<bool> has_keys;

  explicit state(ruleset r) : rules(std::move(r)) {
    const auto& p = rules.model().program;
    out->data.entities.resize(p.entities.size());
    out->data.records.resize(p.entities.size());
    out->data.targets.resize(p.targets.size());
    has_keys.assign(p.entities.size(), false);
  }
  const check::program& program() const { return rules.model().program; }
  void error(code c, std::string message) {
    errors.push_back(support::unlocated(where, c, std::move(message)));
  }
  id entity(const std::string& name) {
    const auto& p = program();
    for (id e = 0; e < p.entities.size(); ++e) {
      if (p.entities[e].name == name) return e;
    }
    error(code::unknown_entity, "no entity '" + name + "' in the pack");
    return no_id;
  }
  id field(id e, const std::string& name) {
    for (const id f : program().entities[e].fields) {
      const auto& fd = program().fields[f];
      if (fd.name != name) continue;
      if (fd.record && *fd.record != check::period::year) {
        // Sub-year records (half_yearly, quarterly, monthly) are not taken from a host yet:
        // refused here rather than read without their record index.
        error(code::bad_value, program().entities[e].name + "." + name + " is a " +
                                   check::to_string(*fd.record) +
                                   " field: load such records from CSV (load_csv)");
        return no_id;
      }
      return f;
    }
    error(code::unknown_field,
          "no field '" + name + "' of " + program().entities[e].name + " in the pack");
    return no_id;
  }
  data::column& column_for(id e, id f) {
    const auto& fd = program().fields[f];
    auto& cols = fd.record ? out->data.records[e][static_cast<std::size_t>(*fd.record)].columns
                           : out->data.entities[e].columns;
    for (auto& c : cols) {
      if (c.field == f) return c;
    }
    cols.emplace_back();
    cols.back().field = f;
    return cols.back();
  }
};

dataset_builder::dataset_builder(ruleset rules) : s_(std::make_unique<state>(std::move(rules))) {}
dataset_builder::~dataset_builder() = default;
dataset_builder::dataset_builder(dataset_builder&&) noexcept = default;
dataset_builder& dataset_builder::operator=(dataset_builder&&) noexcept = default;

dataset_builder& dataset_builder::keys(const std::string& entity, std::vector<std::string> keys) {
  const id e = s_->entity(entity);
  if (e == no_id) return *this;
  auto& t = s_->out->data.entities[e];
  t.keys.clear();
  t.row = data::key_index();
  t.row.reserve(keys.size());
  for (auto& k : keys) {
    t.keys.push_back(std::move(k));
    if (t.row.insert_last(t.keys) >= 0) {
      s_->error(code::duplicate_key, "duplicate " + entity + " key '" + t.keys.back() + "'");
      t.keys.pop_back();
    }
  }
  s_->has_keys[e] = true;
  return *this;
}

dataset_builder& dataset_builder::records(const std::string& entity,
                                          std::span<const std::uint32_t> rows,
                                          std::span<const std::int32_t> years) {
  const id e = s_->entity(entity);
  if (e == no_id) return *this;
  if (rows.size() != years.size()) {
    s_->error(code::bad_value, entity + " records: " + std::to_string(rows.size()) + " rows but " +
                                   std::to_string(years.size()) + " years");
    return *this;
  }
  auto& t = s_->out->data.records[e][0];
  t.present = true;
  t.entity.assign(rows.begin(), rows.end());
  t.year.assign(years.begin(), years.end());
  t.period.assign(rows.size(), 0);
  return *this;
}

dataset_builder& dataset_builder::column(const std::string& entity, const std::string& field,
                                         std::span<const std::int64_t> values,
                                         std::span<const std::uint8_t> known) {
  const id e = s_->entity(entity);
  if (e == no_id) return *this;
  const id f = s_->field(e, field);
  if (f == no_id) return *this;
  if (s_->program().fields[f].t.kind == type_kind::text) {
    s_->error(code::bad_value, entity + "." + field + " is text: hand it in with text()");
    return *this;
  }
  auto& c = s_->column_for(e, f);
  c.hosted = true;
  c.host_values = values;
  c.host_known = known;
  return *this;
}

dataset_builder& dataset_builder::text(const std::string& entity, const std::string& field,
                                       std::vector<std::string> values) {
  const id e = s_->entity(entity);
  if (e == no_id) return *this;
  const id f = s_->field(e, field);
  if (f == no_id) return *this;
  auto& c = s_->column_for(e, f);
  c.values.resize(values.size());
  c.known.assign(values.size(), 1);
  for (std::size_t i = 0; i < values.size(); ++i) c.values[i] = static_cast<std::int64_t>(i);
  c.strings = std::move(values);
  return *this;
}

dataset_builder& dataset_builder::award(const std::string& title, std::uint32_t row,
                                        std::int32_t year) {
  const auto& p = s_->program();
  for (id t = 0; t < p.titles.size(); ++t) {
    if (p.titles[t].code != title) continue;
    s_->out->data.awards.push_back({p.titles[t].entity, row, year, t});
    return *this;
  }
  s_->error(code::unknown_title, "no title or award '" + title + "' in the pack");
  return *this;
}

result<dataset> dataset_builder::build() {
  auto& st = *s_;
  const auto& p = st.program();
  auto& d = st.out->data;
  for (id e = 0; e < p.entities.size(); ++e) {
    const auto& ent = p.entities[e];
    const std::size_t n = d.entities[e].keys.size();
    if (!st.has_keys[e]) st.error(code::missing_column, "no keys for entity " + ent.name);
    const auto& rec = d.records[e][0];
    for (std::size_t i = 0; i < rec.entity.size(); ++i) {
      if (rec.entity[i] >= n) {
        st.error(code::unknown_reference, ent.name + " record " + std::to_string(i) + ": row " +
                                              std::to_string(rec.entity[i]) + " of " +
                                              std::to_string(n));
        break;
      }
    }
    // One record per entity and year.
    std::vector<std::pair<std::uint32_t, std::int32_t>> seen;
    seen.reserve(rec.entity.size());
    for (std::size_t i = 0; i < rec.entity.size(); ++i)
      seen.emplace_back(rec.entity[i], rec.year[i]);
    std::sort(seen.begin(), seen.end());
    const auto dup = std::adjacent_find(seen.begin(), seen.end());
    if (dup != seen.end() && dup->first < n) {
      st.error(code::duplicate_row, "two " + ent.name + " records for " +
                                        d.entities[e].keys[dup->first] + " in " +
                                        std::to_string(dup->second));
    }
    for (const id f : ent.fields) {
      const auto& fd = p.fields[f];
      if (fd.record && *fd.record != check::period::year) continue;
      const std::size_t rows = fd.record ? rec.entity.size() : n;
      const auto& cols = fd.record ? rec.columns : d.entities[e].columns;
      const auto it = std::find_if(cols.begin(), cols.end(),
                                   [&](const data::column& c) { return c.field == f; });
      if (it == cols.end()) {
        if (rows != 0 && !fd.optional) {
          st.error(code::missing_column, "no column for " + ent.name + "." + fd.name);
        }
        continue;
      }
      const std::size_t size = it->hosted ? it->host_values.size() : it->values.size();
      if (size != rows ||
          (it->hosted && !it->host_known.empty() && it->host_known.size() != rows)) {
        st.error(code::bad_value, ent.name + "." + fd.name + ": " + std::to_string(size) +
                                      " values for " + std::to_string(rows) + " rows");
        continue;
      }
      // Codes and references must be in range: the engine indexes with them.
      std::int64_t limit = -1;
      if (fd.t.kind == type_kind::enumeration) {
        limit = static_cast<std::int64_t>(p.enums[fd.t.ref].codes.size());
      } else if (fd.t.kind == type_kind::entity) {
        limit = static_cast<std::int64_t>(d.entities[fd.t.ref].keys.size());
      } else if (fd.t.kind == type_kind::boolean) {
        limit = 2;
      }
      for (std::size_t i = 0; i < rows; ++i) {
        if (!it->is_known(i)) continue;
        const auto v = it->value(i);
        const bool bad = (limit >= 0 && (v < 0 || v >= limit)) ||
                         (fd.t.kind == type_kind::set && p.enums[fd.t.ref].codes.size() < 64 &&
                          (static_cast<std::uint64_t>(v) >> p.enums[fd.t.ref].codes.size()) != 0);
        if (bad) {
          st.error(code::bad_value, ent.name + "." + fd.name + "[" + std::to_string(i) +
                                        "] = " + std::to_string(v) + " is out of range");
          break;
        }
      }
    }
  }
  for (const auto& a : d.awards) {
    if (a.entity == no_id || a.row >= d.entities[a.entity].keys.size()) {
      st.error(code::unknown_reference, "award " + p.titles[a.title].code + " for row " +
                                            std::to_string(a.row) + ": no such row");
      break;
    }
  }
  if (!st.errors.empty()) return result<dataset>::failure(std::move(st.errors));
  for (auto& t : d.entities) t.row.bind(t.keys);
  return result<dataset>(dataset(std::move(st.out), st.rules));
}

}  // namespace thidua
