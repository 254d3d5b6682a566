// api/evaluate.cpp — thidua::evaluate and the evaluation handle over exec::engine.
#include "thidua/evaluate.hpp"

#include <algorithm>
#include <array>
#include <thread>

#include "api/model.hpp"
#include "exec/engine.hpp"
#include "exec/explain.hpp"
#include "io/load.hpp"
#include "plan/passes.hpp"
#include "support/source_map.hpp"

namespace thidua {

namespace detail {
struct evaluation_state {
  ruleset rules;
  dataset data;
  plan::optimized plan;
  std::unique_ptr<exec::engine> engine;
  std::unique_ptr<exec::explainer> explainer;
  std::map<std::string, std::string> files;  // output file -> CSV text
};
}  // namespace detail

namespace {

using check::id;
using check::no_id;
using support::code;

id entity_named(const check::program& p, const std::string& name) {
  for (id e = 0; e < p.entities.size(); ++e) {
    if (p.entities[e].name == name) return e;
  }
  return no_id;
}

diagnostic located(const detail::model& m, const check::span& s, code c, std::string message,
                   std::string hint = {}) {
  const auto& p = m.program;
  if (s.file >= p.files.size()) return support::unlocated(m.root, c, std::move(message));
  const std::string path = m.root.empty() ? p.files[s.file] : m.root + "/" + p.files[s.file];
  const support::source_map map(path, p.sources[s.file]);
  return map.make(severity::error, s.begin, s.end, c, std::move(message), std::move(hint));
}

std::string describe_candidates(const check::program& p) {
  std::string s;
  for (const auto& e : p.entities) s += (s.empty() ? "" : ", ") + e.name;
  return s;
}

}  // namespace

evaluation::evaluation(std::shared_ptr<detail::evaluation_state> s) : state_(std::move(s)) {}

int evaluation::year() const noexcept { return state_->engine->year(); }

std::vector<output_info> evaluation::outputs() const {
  const auto& p = state_->rules.model().program;
  std::vector<output_info> out;
  for (id o = 0; o < p.outputs.size(); ++o) {
    output_info i;
    i.name = p.outputs[o].name;
    i.entity = p.entities[p.outputs[o].entity].name;
    i.file = p.outputs[o].file;
    for (const auto& c : p.outputs[o].columns) i.columns.push_back(c.header);
    i.rows = state_->engine->population(p.outputs[o].entity, year()).size();
    out.push_back(std::move(i));
  }
  return out;
}

std::string evaluation::render(const std::string& output, const std::string& format) const {
  const auto& p = state_->rules.model().program;
  for (id o = 0; o < p.outputs.size(); ++o) {
    if (p.outputs[o].name != output) continue;
    if (format == "json") return state_->engine->render_json(o);
    const auto it = state_->files.find(p.outputs[o].file);
    return it == state_->files.end() ? std::string() : it->second;
  }
  return {};
}

const std::string& evaluation::csv(const std::string& output) const {
  static const std::string none;
  const auto& p = state_->rules.model().program;
  for (id o = 0; o < p.outputs.size(); ++o) {
    if (p.outputs[o].name != output) continue;
    const auto it = state_->files.find(p.outputs[o].file);
    return it == state_->files.end() ? none : it->second;
  }
  return none;
}

std::vector<title_count> evaluation::title_counts() const {
  const auto& p = state_->rules.model().program;
  auto& e = *state_->engine;
  std::vector<title_count> out;
  for (id t = 0; t < p.titles.size(); ++t) {
    title_count c;
    c.code = p.titles[t].code;
    c.name = p.titles[t].display;
    c.entity = p.entities[p.titles[t].entity].name;
    const std::int32_t date = check::days_from_civil(year(), 12, 31);
    c.in_force = (!p.titles[t].from || *p.titles[t].from <= date) &&
                 (!p.titles[t].to || date <= *p.titles[t].to);
    const auto& tv = e.title(t, year());
    for (const auto r : e.population(p.titles[t].entity, year())) {
      ++c.assessed;
      c.earned += tv[r] == exec::yes ? 1 : 0;
      if (tv[r] == exec::unknown) {
        ++c.unknown;
        c.on_hold += e.hold(t, r, year()) >= 0 ? 1 : 0;
      }
    }
    out.push_back(std::move(c));
  }
  return out;
}

std::map<std::string, std::map<std::string, std::size_t>> evaluation::form_counts() const {
  const auto& p = state_->rules.model().program;
  auto& e = *state_->engine;
  std::map<std::string, std::map<std::string, std::size_t>> out;
  for (id f = 0; f < p.forms.size(); ++f) {
    auto& counts = out[p.forms[f].name];
    const auto& sel = e.form(f, year());
    for (const auto r : e.population(p.forms[f].entity, year())) {
      if (sel[r] >= 0) ++counts[p.titles[p.forms[f].awards[static_cast<std::size_t>(sel[r])]].code];
    }
  }
  return out;
}

std::vector<proposal> evaluation::proposals() const {
  const auto& p = state_->rules.model().program;
  auto& e = *state_->engine;
  // Highest level first, as the lists go up.
  static constexpr std::array<std::string_view, 8> levels = {
      "president", "prime_minister", "ministry",   "province",
      "district",  "commune",        "enterprise", "unit_head"};
  struct line {
    std::size_t level;
    id title;
    std::uint32_t row;
  };
  std::vector<line> lines;
  for (id t = 0; t < p.titles.size(); ++t) {
    const auto& tt = p.titles[t];
    if (tt.authorities.empty()) continue;
    // An award in a form is proposed only when the form selects it.
    id form = no_id;
    std::int32_t pos = -1;
    for (id f = 0; f < p.forms.size(); ++f) {
      const auto& aw = p.forms[f].awards;
      const auto it = std::find(aw.begin(), aw.end(), t);
      if (it != aw.end()) {
        form = f;
        pos = static_cast<std::int32_t>(it - aw.begin());
      }
    }
    const auto& tv = e.title(t, year());
    std::vector<std::uint32_t> rows;
    for (const auto r : e.population(tt.entity, year())) {
      if (tv[r] != exec::yes) continue;
      if (form != no_id && e.form(form, year())[r] != pos) continue;
      rows.push_back(r);
    }
    const auto who = e.authorities(t, rows, year());
    for (std::size_t i = 0; i < rows.size(); ++i) {
      if (who[i] < 0) continue;
      const auto& level = tt.authorities[static_cast<std::size_t>(who[i])].level;
      const auto at =
          static_cast<std::size_t>(std::find(levels.begin(), levels.end(), level) - levels.begin());
      lines.push_back({at, t, rows[i]});
    }
  }
  std::sort(lines.begin(), lines.end(), [&](const line& a, const line& b) {
    if (a.level != b.level) return a.level < b.level;
    if (a.title != b.title) return a.title < b.title;
    const auto& ka = e.data().entities[p.titles[a.title].entity].keys[a.row];
    const auto& kb = e.data().entities[p.titles[b.title].entity].keys[b.row];
    return ka < kb;
  });
  std::vector<proposal> out;
  out.reserve(lines.size());
  for (const auto& l : lines) {
    const auto& tt = p.titles[l.title];
    out.push_back({std::string(levels[l.level]), tt.code, p.entities[tt.entity].name,
                   e.data().entities[tt.entity].keys[l.row]});
  }
  return out;
}

std::map<std::string, std::int64_t> evaluation::money_totals() const {
  const auto& p = state_->rules.model().program;
  auto& e = *state_->engine;
  std::map<std::string, std::int64_t> out;
  for (id en = 0; en < p.entities.size(); ++en) {
    const auto& rows = e.population(en, year());
    std::int64_t total = 0;
    exec::vec v;
    for (std::size_t lo = 0; lo < rows.size(); lo += exec::batch_size) {
      const std::size_t n = std::min(exec::batch_size, rows.size() - lo);
      e.rewards(exec::frame{en, year(), std::span(rows).subspan(lo, n), {}}, v);
      for (std::size_t i = 0; i < n; ++i) total += v.v[i];
    }
    out[p.entities[en].name] = total;
  }
  return out;
}

namespace {

// One entity's results: as the evaluation decided them, or under a what-if overlay.
entity_result result_of(const check::program& p, exec::engine& e, id en, std::uint32_t row,
                        int year, const exec::overlay* ov) {
  entity_result r;
  r.entity = p.entities[en].name;
  r.key = e.data().entities[en].keys[row];
  r.assessed = e.has_row(en, row, year);
  for (id t = 0; t < p.titles.size(); ++t) {
    if (p.titles[t].entity != en) continue;
    const auto v = ov != nullptr ? ov->titles.at(t) : e.title(t, year)[row];
    r.titles[p.titles[t].code] = v == exec::yes                  ? "earned"
                                 : v == exec::no                 ? "not earned"
                                 : e.hold(t, row, year, ov) >= 0 ? "on hold"
                                                                 : "unknown";
  }
  for (id f = 0; f < p.forms.size(); ++f) {
    if (p.forms[f].entity != en) continue;
    const auto s = ov != nullptr ? ov->forms.at(f) : e.form(f, year)[row];
    r.forms[p.forms[f].name] =
        s < 0 ? std::string() : p.titles[p.forms[f].awards[static_cast<std::size_t>(s)]].code;
  }
  if (r.assessed) {
    const std::uint32_t rows[1] = {row};
    exec::vec v;
    e.rewards(exec::frame{en, year, rows, {}, ov}, v);
    r.money = v.v[0];
  }
  return r;
}

}  // namespace

result<entity_result> evaluation::lookup(const std::string& entity, const std::string& key) const {
  const auto& m = state_->rules.model();
  const auto& p = m.program;
  const id en = entity_named(p, entity);
  if (en == no_id) {
    return result<entity_result>::failure({support::unlocated(
        m.root, code::unknown_entity,
        "no entity '" + entity + "' in the pack (it has " + describe_candidates(p) + ")")});
  }
  const auto& table = state_->data.data().data.entities[en];
  const auto found = table.row.find(key);
  if (found < 0) {
    return result<entity_result>::failure({support::unlocated(
        m.root, code::unknown_key, "no " + entity + " with id '" + key + "' in the data")});
  }
  return result<entity_result>(
      result_of(p, *state_->engine, en, static_cast<std::uint32_t>(found), year(), nullptr));
}

result<what_if_result> evaluation::what_if(const std::string& entity, const std::string& key,
                                           const std::vector<edit>& edits, bool explain) const {
  using out_t = result<what_if_result>;
  const auto& m = state_->rules.model();
  const auto& p = m.program;
  auto& e = *state_->engine;
  const id en = entity_named(p, entity);
  if (en == no_id) {
    return out_t::failure({support::unlocated(
        m.root, code::unknown_entity,
        "no entity '" + entity + "' in the pack (it has " + describe_candidates(p) + ")")});
  }
  const auto found = state_->data.data().data.entities[en].row.find(key);
  if (found < 0) {
    return out_t::failure({support::unlocated(
        m.root, code::unknown_key, "no " + entity + " with id '" + key + "' in the data")});
  }
  const auto row = static_cast<std::uint32_t>(found);
  if (!e.has_row(en, row, year())) {
    return out_t::failure({support::unlocated(
        m.root, code::unknown_key,
        entity + " " + key + " has no row in " + std::to_string(year()) + ": not assessed")});
  }
  exec::overlay ov;
  ov.entity = en;
  ov.row = row;
  ov.year = year();
  std::vector<diagnostic> problems;
  for (const auto& [name, text] : edits) {
    id fid = no_id;
    for (id f = 0; f < p.fields.size(); ++f) {
      if (p.fields[f].entity == en && p.fields[f].name == name && p.fields[f].target == no_id) {
        fid = f;
      }
    }
    const std::string where = "what-if " + entity + " " + key + ": " + name;
    if (fid == no_id) {
      problems.push_back(
          support::unlocated(where, code::unknown_field, entity + " has no field '" + name + "'"));
      continue;
    }
    const auto& fd = p.fields[fid];
    if (fd.record && *fd.record != check::period::year) {
      problems.push_back(support::unlocated(where, code::bad_value,
                                            "a what-if edits static and yearly fields, not " +
                                                std::string(check::to_string(*fd.record)) +
                                                " records"));
      continue;
    }
    if (fd.t.kind == check::type_kind::entity) {
      problems.push_back(support::unlocated(
          where, code::bad_value,
          "a what-if cannot move an entity to another group: memberships (and the aggregates "
          "over them) are the population's"));
      continue;
    }
    exec::overlay::value v;
    if (text.empty() && fd.optional) {
      v.known = false;
    } else if (text.empty() && fd.t.kind != check::type_kind::text &&
               fd.t.kind != check::type_kind::set) {
      problems.push_back(support::unlocated(where, code::empty_value,
                                            "an empty value for required field " + name));
      continue;
    } else {
      const auto parsed = io::parse_cell(p, fd, text, v.v, v.text);
      if (parsed.status == io::cell_status::bad) {
        problems.push_back(
            support::unlocated(where, code::bad_value, "'" + text + "' is not " + parsed.what));
        continue;
      }
      if (parsed.status == io::cell_status::unknown_code) {
        problems.push_back(support::unlocated(
            where, code::bad_value,
            "unknown " + p.enums[fd.t.ref].name + " code '" + parsed.what + "'"));
        continue;
      }
      v.known = true;
    }
    ov.fields[fid] = std::move(v);
  }
  if (!problems.empty()) return out_t::failure(std::move(problems));
  try {
    e.what_if(ov);
    what_if_result out;
    out.result = result_of(p, e, en, row, year(), &ov);
    const exec::explainer why(e, &ov);
    for (id t = 0; explain && t < p.titles.size(); ++t) {
      if (p.titles[t].entity == en) out.explanations.push_back(why.explain(t, row));
    }
    return out_t(std::move(out));
  } catch (const std::exception& ex) {
    return out_t::failure({support::unlocated(m.root, code::internal_error, ex.what())});
  }
}

result<std::vector<explanation>> evaluation::explain(const std::string& entity,
                                                     const std::string& key,
                                                     const std::string& title) const {
  using out_t = result<std::vector<explanation>>;
  const auto& m = state_->rules.model();
  const auto& p = m.program;
  const auto one = lookup(entity, key);
  if (!one) return out_t::failure(one.diagnostics());
  const id en = entity_named(p, entity);
  const auto row = static_cast<std::uint32_t>(state_->data.data().data.entities[en].row.find(key));
  std::vector<explanation> out;
  bool found = title.empty();
  for (id t = 0; t < p.titles.size(); ++t) {
    if (p.titles[t].entity != en) continue;
    if (!title.empty() && p.titles[t].code != title) continue;
    found = true;
    out.push_back(state_->explainer->explain(t, row));
  }
  if (!found) {
    std::string codes;
    for (const auto& t : p.titles) {
      if (t.entity == en) codes += (codes.empty() ? "" : ", ") + t.code;
    }
    return out_t::failure({support::unlocated(
        m.root, code::unknown_title,
        "no title or award '" + title + "' for " + entity + " (it has " + codes + ")")});
  }
  return out_t(std::move(out));
}

result<evaluation> evaluate(const ruleset& rules, const dataset& data, int year,
                            const evaluate_options& options) {
  const auto& m = rules.model();
  const auto& p = m.program;
  try {
    if (&data.rules().model() != &m) {
      return result<evaluation>::failure({support::unlocated(
          m.root, code::wrong_dataset,
          "the dataset was loaded for another ruleset; load it with this one (load_csv(rules, "
          "dir))")});
    }
    const std::int32_t date = check::days_from_civil(year, 12, 31);
    if ((p.in_force_from && date < *p.in_force_from) || (p.in_force_to && date > *p.in_force_to)) {
      const std::string from = p.in_force_from ? check::civil_from_days(*p.in_force_from) : "";
      const std::string to = p.in_force_to ? check::civil_from_days(*p.in_force_to) : "";
      const std::string window = to.empty()     ? "from " + from
                                 : from.empty() ? "until " + to
                                                : "from " + from + " to " + to;
      const std::string root_file = m.root.empty() ? "pack.tdk" : m.root + "/pack.tdk";
      auto d = support::unlocated(root_file, code::not_in_force,
                                  "pack " + p.name + " " + p.version + " is in force " + window +
                                      "; it cannot assess " + std::to_string(year) +
                                      " (decisions dated " + check::civil_from_days(date) + ")");
      d.hint = "use the pack version in force for that year";
      return result<evaluation>::failure({std::move(d)});
    }
    if (year < 1900 || year > 9999) {
      return result<evaluation>::failure({support::unlocated(
          m.root, code::not_in_force, "year " + std::to_string(year) + " is out of range")});
    }
    auto st = std::make_shared<detail::evaluation_state>(
        detail::evaluation_state{rules, data, plan::optimize(p, options.optimize), {}, {}, {}});
    exec::options o;
    o.threads =
        options.threads != 0 ? options.threads : std::max(1U, std::thread::hardware_concurrency());
    o.order = &st->plan.order;
    st->engine = std::make_unique<exec::engine>(st->plan.program, data.data().data, year, o);
    auto& e = *st->engine;
    // Decide every title, form and reward of the year, so lookups and explanations only read.
    const std::size_t steps = p.titles.size() + 1;
    for (id t = 0; t < p.titles.size(); ++t) {
      (void)e.title(t, year);
      if (options.progress) options.progress(t + 1, steps);
    }
    e.run();
    for (id f = 0; f < p.forms.size(); ++f) (void)e.form(f, year);
    for (id en = 0; en < p.entities.size(); ++en) e.prepare_rewards(en, year);
    st->files = e.outputs();
    if (options.progress) options.progress(steps, steps);
    st->explainer = std::make_unique<exec::explainer>(e);
    const id bad = e.overflow();
    if (e.overflowed() && bad != no_id) {
      return result<evaluation>::failure({located(
          m, p.exprs[bad].where, code::overflow,
          "arithmetic overflow: a value here exceeds what 64 bits hold at this expression's "
          "decimal places",
          "round an intermediate value with round(), or use fewer decimal places")});
    }
    if (e.overflowed()) {
      return result<evaluation>::failure({support::unlocated(
          m.root, code::overflow, "arithmetic overflow in a score total or a reward sum")});
    }
    return result<evaluation>(evaluation(std::move(st)));
  } catch (const std::bad_alloc&) {
    return result<evaluation>::failure({support::unlocated(
        m.root, code::out_of_memory, "out of memory while evaluating the population")});
  } catch (const std::exception& ex) {  // an internal check, or threads that cannot start
    return result<evaluation>::failure({support::unlocated(
        m.root, code::internal_error,
        std::string(ex.what()) +
            " (please report this bug with the pack and data that caused it)")});
  }
}

}  // namespace thidua
