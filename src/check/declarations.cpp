// Registering and checking declarations. Expressions are typed in expressions.cpp.
#include <array>
#include <boost/variant/apply_visitor.hpp>
#include <boost/variant/get.hpp>
#include <set>

#include "check/checker.hpp"

namespace thidua::check {

namespace ast = syntax::ast;

namespace {

constexpr std::array<std::string_view, 26> builtin_names = {
    "band",   "year",        "reward_total", "achieved", "all",        "any",   "none",
    "count",  "share",       "sum",          "avg",      "min",        "max",   "at",
    "streak", "count_years", "years_since",  "held",     "has_record", "floor", "ceil",
    "round",  "known",       "quarters",     "months",   "half_years"};

constexpr std::array<std::string_view, 8> authority_levels = {
    "unit_head", "enterprise", "commune",        "district",
    "province",  "ministry",   "prime_minister", "president"};

const char* kind_name(symbol_kind k) {
  switch (k) {
    case symbol_kind::enumeration:
      return "enum";
    case symbol_kind::set:
      return "set";
    case symbol_kind::entity:
      return "entity";
    case symbol_kind::relation:
      return "relation";
    case symbol_kind::param:
      return "param";
    case symbol_kind::title:
      return "title";
    case symbol_kind::form:
      return "form";
    case symbol_kind::let:
      return "let";
    case symbol_kind::score:
      return "score_table";
    case symbol_kind::target:
      return "target";
    case symbol_kind::output:
      return "output";
  }
  return "declaration";
}

std::optional<period> period_of(const std::string& word) {
  if (word == "year" || word == "yearly") return period::year;
  if (word == "half_year" || word == "half_yearly") return period::half_year;
  if (word == "quarter" || word == "quarterly") return period::quarter;
  if (word == "month" || word == "monthly") return period::month;
  return std::nullopt;
}

}  // namespace

// ---- registration ------------------------------------------------------------------------------

void checker::register_names() {
  bool have_pack = false;
  auto add = [&](const ast::ident& name, symbol_kind kind, id index, id file) {
    const span where = at(file, name);
    if (std::find(builtin_names.begin(), builtin_names.end(), name.name) != builtin_names.end()) {
      error(where, code::reserved_name, "'" + name.name + "' is a built-in name",
            "choose another name");
      return;
    }
    const auto [it, inserted] = globals_.emplace(name.name, symbol{kind, index, where});
    if (!inserted) {
      const std::string previous = kind_name(it->second.kind);
      error(where, code::duplicate_name,
            std::string(kind_name(kind)) + " '" + name.name + "' is already declared as " +
                (previous[0] == 'e' || previous[0] == 'o' ? "an " : "a ") + previous);
      note(it->second.where, "'" + name.name + "' is first declared here");
    }
  };

  for (id fid = 0; fid < files_.size(); ++fid) {
    for (const auto& decl : files_[fid].declarations) {
      if (const auto* d = boost::get<ast::pack_decl>(&decl)) {
        if (fid != 0) {
          error(at(fid, *d), code::pack_not_root, "the pack declaration belongs in pack.tdk");
        } else if (have_pack) {
          error(at(fid, *d), code::duplicate_pack, "pack.tdk declares the pack twice");
        } else {
          have_pack = true;
          prog_.name = d->name.value;
          prog_.version = d->version.value;
          if (d->in_force) {
            prog_.in_force_from = date_of(d->in_force->from, fid);
            if (d->in_force->to) {
              prog_.in_force_to = date_of(*d->in_force->to, fid);
              if (prog_.in_force_from && prog_.in_force_to &&
                  *prog_.in_force_to < *prog_.in_force_from) {
                error(at(fid, *d->in_force), code::bad_date_range,
                      "the pack's in-force period ends before it starts");
              }
            }
          }
          for (const auto& o : d->options) {
            if (o.name == "requires_citations") {
              prog_.requires_citations = true;
            } else {
              const auto guess = best_match(o.name, {"requires_citations"});
              error(at(fid, o), code::unknown_option, "unknown pack option '" + o.name + "'",
                    guess.empty() ? "the pack options are: requires_citations"
                                  : "did you mean " + guess + "?");
            }
          }
        }
      } else if (const auto* d = boost::get<ast::cite_decl>(&decl)) {
        const auto [it, inserted] = cites_.emplace(d->id.name, static_cast<id>(prog_.cites.size()));
        if (!inserted) {
          error(at(fid, d->id), code::duplicate_name,
                "citation source '" + d->id.name + "' is already declared");
          note(prog_.cites[it->second].where, "'" + d->id.name + "' is first declared here");
        } else {
          prog_.cites.push_back({d->id.name, d->title.value, at(fid, d->id), false});
        }
      } else if (const auto* d = boost::get<ast::enum_decl>(&decl)) {
        add(d->name, symbol_kind::enumeration, static_cast<id>(prog_.enums.size()), fid);
        enumeration e;
        e.name = d->name.name;
        e.ordered = d->ordered;
        e.where = at(fid, d->name);
        prog_.enums.push_back(std::move(e));
        enum_asts_.emplace_back(fid, d);
      } else if (const auto* d = boost::get<ast::set_decl>(&decl)) {
        add(d->name, symbol_kind::set, static_cast<id>(prog_.sets.size()), fid);
        prog_.sets.push_back({d->name.name, no_id, {}, at(fid, d->name), false});
        set_asts_.emplace_back(fid, d);
      } else if (const auto* d = boost::get<ast::entity_decl>(&decl)) {
        add(d->name, symbol_kind::entity, static_cast<id>(prog_.entities.size()), fid);
        entity e;
        e.name = d->name.name;
        e.file = d->file.value;
        e.key = d->key.name;
        e.key_where = at(fid, d->key);
        e.record_files.assign(4, std::string());
        e.where = at(fid, d->name);
        prog_.entities.push_back(std::move(e));
        entity_fields_.emplace_back();
        entity_asts_.emplace_back(fid, d);
      } else if (const auto* d = boost::get<ast::record_decl>(&decl)) {
        record_asts_.emplace_back(fid, d);
      } else if (const auto* d = boost::get<ast::prior_awards_decl>(&decl)) {
        if (prog_.awards) {
          error(at(fid, *d), code::duplicate_prior_awards, "prior_awards is declared twice");
          note(prog_.awards->where, "first declared here");
          continue;
        }
        prior_awards pa;
        pa.file = d->file.value;
        pa.where = at(fid, *d);
        pa.ignore_unknown = d->ignore_unknown.has_value();
        for (const auto& c : d->columns) {
          const std::string column = c.column ? c.column->value : c.name.name;
          if (c.name.name == "entity_id") {
            pa.entity_column = column;
          } else if (c.name.name == "year") {
            pa.year_column = column;
          } else if (c.name.name == "award") {
            pa.award_column = column;
          } else if (d->only && d->only->field.name == c.name.name) {
            pa.filter_column = column;  // typed once enums are known
          } else {
            error(at(fid, c.name), code::unknown_field,
                  "prior_awards has no field '" + c.name.name + "'",
                  "its fields are entity_id, year and award, and the field an 'only' filter "
                  "reads");
          }
        }
        prog_.awards = std::move(pa);
        awards_ast_ = std::make_pair(fid, d);
      } else if (const auto* d = boost::get<ast::relation_decl>(&decl)) {
        add(d->name, symbol_kind::relation, static_cast<id>(prog_.relations.size()), fid);
        prog_.relations.push_back({d->name.name, no_id, no_id, no_id, at(fid, d->name), false});
        relation_asts_.emplace_back(fid, d);
      } else if (const auto* d = boost::get<ast::param_decl>(&decl)) {
        add(d->name, symbol_kind::param, static_cast<id>(prog_.params.size()), fid);
        param p;
        p.name = d->name.name;
        p.where = at(fid, d->name);
        prog_.params.push_back(std::move(p));
        param_asts_.emplace_back(fid, d);
      } else if (const auto* d = boost::get<ast::title_decl>(&decl)) {
        add(d->code, symbol_kind::title, static_cast<id>(prog_.titles.size()), fid);
        title t;
        t.code = d->code.name;
        t.display = d->display ? d->display->value : std::string();
        t.award = d->kind == "award";
        t.where = at(fid, d->code);
        prog_.titles.push_back(std::move(t));
        title_labels_.emplace_back();
        title_asts_.emplace_back(fid, d);
      } else if (const auto* d = boost::get<ast::form_decl>(&decl)) {
        add(d->name, symbol_kind::form, static_cast<id>(prog_.forms.size()), fid);
        prog_.forms.push_back({d->name.name, no_id, {}, at(fid, d->name), false});
        form_asts_.emplace_back(fid, d);
      } else if (const auto* d = boost::get<ast::reward_decl>(&decl)) {
        reward_asts_.emplace_back(fid, d);
      } else if (const auto* d = boost::get<ast::let_decl>(&decl)) {
        add(d->name, symbol_kind::let, static_cast<id>(prog_.lets.size()), fid);
        prog_.lets.push_back({d->name.name, no_id, no_id, at(fid, d->name), false});
        let_decls_.push_back(d);
        let_files_.push_back(fid);
        let_states_.push_back(let_state::unchecked);
      } else if (const auto* d = boost::get<ast::score_decl>(&decl)) {
        add(d->name, symbol_kind::score, static_cast<id>(prog_.scores.size()), fid);
        score_table st;
        st.name = d->name.name;
        st.display = d->display ? d->display->value : std::string();
        st.where = at(fid, d->name);
        prog_.scores.push_back(std::move(st));
        score_asts_.emplace_back(fid, d);
      } else if (const auto* d = boost::get<ast::target_decl>(&decl)) {
        add(d->name, symbol_kind::target, static_cast<id>(prog_.targets.size()), fid);
        target tg;
        tg.name = d->name.name;
        tg.display = d->display ? d->display->value : std::string();
        tg.file = d->file.value;
        tg.where = at(fid, d->name);
        prog_.targets.push_back(std::move(tg));
        target_fields_.emplace_back();
        target_asts_.emplace_back(fid, d);
      } else if (const auto* d = boost::get<ast::output_decl>(&decl)) {
        add(d->name, symbol_kind::output, static_cast<id>(prog_.outputs.size()), fid);
        output o;
        o.name = d->name.name;
        o.file = d->file.value;
        o.where = at(fid, d->name);
        prog_.outputs.push_back(std::move(o));
        output_asts_.emplace_back(fid, d);
      }
    }
  }
  if (!have_pack && !files_.empty()) {
    error({0, 0, 0}, code::missing_pack, "pack.tdk has no pack declaration",
          "start it with: pack \"name\" version \"1\" in_force 2024-01-01 ..");
  }
}

// ---- helpers -----------------------------------------------------------------------------------

static id find_entity(checker& c, const ast::ident& name, id file) {
  const auto it = c.globals_.find(name.name);
  if (it != c.globals_.end() && it->second.kind == symbol_kind::entity) return it->second.index;
  std::vector<std::string_view> names;
  for (const auto& e : c.prog_.entities) names.push_back(e.name);
  const auto guess = best_match(name.name, names);
  c.error(c.at(file, name), code::unknown_entity, "unknown entity '" + name.name + "'",
          guess.empty() ? "declare it with: entity " + name.name + " from \"file.csv\" key id { }"
                        : "did you mean " + guess + "?");
  return no_id;
}

static void add_fields(checker& c, const std::vector<ast::field_decl>& fields, id file, id ent,
                       std::optional<period> record, id target_index, const std::string& csv,
                       std::unordered_map<std::string, id>& names, std::vector<id>* list) {
  for (const auto& f : fields) {
    bool optional = false;
    auto t = c.resolve_type(f.type, file, optional);
    if (c.prog_.entities.size() > ent && ent != no_id && f.name.name == c.prog_.entities[ent].key) {
      c.error(c.at(file, f.name), code::duplicate_field,
              "'" + f.name.name + "' is the key of " + c.prog_.entities[ent].name +
                  "; it is not declared as a field");
      continue;
    }
    if (f.name.name == "year") {
      c.error(c.at(file, f.name), code::reserved_name,
              "'year' is a built-in name (the year assessed); records have their year column "
              "implicitly");
      continue;
    }
    field fd;
    fd.name = f.name.name;
    fd.column = f.column ? f.column->value : f.name.name;
    fd.t = t.value_or(type{});
    fd.optional = optional;
    fd.entity = ent;
    fd.record = record;
    fd.target = target_index;
    fd.file = csv;
    fd.where = c.at(file, f.name);
    const auto fid = static_cast<id>(c.prog_.fields.size());
    const auto [it, inserted] = names.emplace(f.name.name, fid);
    if (!inserted) {
      c.error(fd.where, code::duplicate_field, "field '" + f.name.name + "' is declared twice");
      c.note(c.prog_.fields[it->second].where, "first declared here");
      continue;
    }
    c.prog_.fields.push_back(std::move(fd));
    if (list != nullptr) list->push_back(fid);
  }
}

// ---- checking ----------------------------------------------------------------------------------

void checker::check_declarations() {
  // Enums.
  for (id i = 0; i < enum_asts_.size(); ++i) {
    const id file = enum_asts_[i].first;
    const auto* d = enum_asts_[i].second;
    std::set<std::string> seen;
    for (const auto& item : d->items) {
      if (!seen.insert(item.code.name).second) {
        error(at(file, item.code), code::duplicate_code,
              "code '" + item.code.name + "' appears twice in enum " + d->name.name);
        continue;
      }
      prog_.enums[i].codes.push_back(
          {item.code.name, item.display ? item.display->value : "", at(file, item.code)});
    }
  }
  auto code_of = [&](id enum_id, const ast::ident& code, id file) -> id {
    const auto& e = prog_.enums[enum_id];
    for (id k = 0; k < e.codes.size(); ++k) {
      if (e.codes[k].code == code.name) return k;
    }
    std::vector<std::string_view> names;
    for (const auto& c : e.codes) names.push_back(c.code);
    const auto guess = best_match(code.name, names);
    std::string all;
    for (const auto& c : e.codes) all += (all.empty() ? "" : ", ") + c.code;
    error(
        at(file, code), code::unknown_code, "unknown code '" + code.name + "' for enum " + e.name,
        guess.empty() ? "the codes of " + e.name + " are: " + all : "did you mean " + guess + "?");
    return no_id;
  };

  // Named sets.
  for (id i = 0; i < set_asts_.size(); ++i) {
    const id file = set_asts_[i].first;
    const auto* d = set_asts_[i].second;
    const auto it = globals_.find(d->element.name);
    if (it == globals_.end() || it->second.kind != symbol_kind::enumeration) {
      error(at(file, d->element), code::unknown_type, "unknown enum '" + d->element.name + "'",
            "a named set holds codes of one enum: set NAME of ENUM = { ... }");
      continue;
    }
    prog_.sets[i].element = it->second.index;
    prog_.enums[it->second.index].used = true;
    for (const auto& code : d->items.items) {
      const id k = code_of(it->second.index, code, file);
      if (k != no_id) prog_.sets[i].codes.push_back(k);
    }
  }

  // Entities and their records.
  for (id i = 0; i < entity_asts_.size(); ++i) {
    const id file = entity_asts_[i].first;
    const auto* d = entity_asts_[i].second;
    add_fields(*this, d->fields, file, i, std::nullopt, no_id, d->file.value, entity_fields_[i],
               &prog_.entities[i].fields);
  }
  for (const auto& entry : record_asts_) {
    const id file = entry.first;
    const auto* d = entry.second;
    const id ent = find_entity(*this, d->entity, file);
    if (ent == no_id) continue;
    const period per = period_of(d->period).value_or(period::year);
    auto& rf = prog_.entities[ent].record_files[static_cast<std::size_t>(per)];
    if (!rf.empty()) {
      error(at(file, *d), code::duplicate_record,
            "a " + d->period + " record of " + d->entity.name + " is already declared",
            "declare all of an entity's " + d->period + " fields in one record");
      continue;
    }
    rf = d->file.value;
    add_fields(*this, d->fields, file, ent, per, no_id, d->file.value, entity_fields_[ent],
               &prog_.entities[ent].fields);
  }

  // Relations.
  for (id i = 0; i < relation_asts_.size(); ++i) {
    const id file = relation_asts_[i].first;
    const auto* d = relation_asts_[i].second;
    auto& r = prog_.relations[i];
    r.owner = find_entity(*this, d->owner, file);
    r.member = find_entity(*this, d->member, file);
    if (r.owner == no_id || r.member == no_id) continue;
    const auto& fields = entity_fields_[r.member];
    const auto it = fields.find(d->via.name);
    if (it == fields.end()) {
      error(at(file, d->via), code::unknown_field,
            d->member.name + " has no field '" + d->via.name + "'");
      continue;
    }
    const auto& f = prog_.fields[it->second];
    if (f.t.kind != type_kind::entity || f.t.ref != r.owner) {
      error(at(file, d->via), code::relation_via,
            "field '" + d->via.name + "' of " + d->member.name + " is " + type_name(f.t) +
                ", not a reference to " + d->owner.name,
            "a relation groups the " + d->member.name + "s whose field refers to the " +
                d->owner.name);
      continue;
    }
    r.via = it->second;
  }

  // The prior-awards filter: an enum field and the codes that count.
  if (awards_ast_ && awards_ast_->second->only && prog_.awards) {
    const id file = awards_ast_->first;
    const auto& only = *awards_ast_->second->only;
    auto& pa = *prog_.awards;
    const syntax::ast::field_decl* fd = nullptr;
    for (const auto& c : awards_ast_->second->columns) {
      if (c.name.name == only.field.name) fd = &c;
    }
    pa.filter_cite = resolve_cite(only.cite, file);
    bool optional = false;
    const auto t = fd != nullptr ? resolve_type(fd->type, file, optional) : std::nullopt;
    if (fd == nullptr) {
      error(at(file, only.field), code::unknown_field,
            "prior_awards has no field '" + only.field.name + "' to filter on",
            "declare it: prior_awards from \"...\" { " + only.field.name + ": ENUM } only " +
                only.field.name + " in { ... }");
    } else if (t && t->kind != type_kind::enumeration) {
      error(at(file, fd->type), code::type_mismatch,
            "the field an 'only' filter reads must be an enum, not " + type_name(*t));
    } else if (t) {
      pa.filter_enum = t->ref;
      auto& en = prog_.enums[t->ref];
      en.used = true;
      pa.filter_codes.assign(en.codes.size(), false);
      for (const auto& code_name : only.codes.items) {
        bool found = false;
        for (std::size_t k = 0; k < en.codes.size(); ++k) {
          if (en.codes[k].code == code_name.name) {
            pa.filter_codes[k] = true;
            found = true;
          }
        }
        if (!found) {
          std::vector<std::string_view> names;
          for (const auto& c : en.codes) names.push_back(c.code);
          const auto guess = best_match(code_name.name, names);
          error(at(file, code_name), code::unknown_code,
                "unknown code '" + code_name.name + "' for enum " + en.name,
                guess.empty() ? "" : "did you mean " + guess + "?");
        }
      }
    }
  }

  // Parameters.
  for (id i = 0; i < param_asts_.size(); ++i) {
    const id file = param_asts_[i].first;
    const auto* d = param_asts_[i].second;
    auto& p = prog_.params[i];
    bool optional = false;
    auto t = resolve_type(d->type, file, optional);
    if (!t) continue;
    if (t->kind == type_kind::set || t->kind == type_kind::entity || optional) {
      error(at(file, d->type), code::bad_type,
            "a parameter is a single value: bool, int, decimal, percent, money, date, text or "
            "an enum");
      continue;
    }
    p.t = *t;
    p.cite = resolve_cite(d->cite, file);
    const scope global = make_scope(file);
    std::string text_value;  // of the last value checked, for a text parameter
    auto value_of = [&](const ast::expr& e) -> std::optional<std::int64_t> {
      const id v = check_expr(e, global, &p.t);
      const auto& x = prog_.exprs[v];
      text_value = x.text;
      if (x.t.kind == type_kind::error) return std::nullopt;
      const bool literal = x.kind == op::lit_bool || x.kind == op::lit_int ||
                           x.kind == op::lit_decimal || x.kind == op::lit_percent ||
                           x.kind == op::lit_money || x.kind == op::lit_date ||
                           x.kind == op::lit_code || x.kind == op::lit_text;
      if (!literal) {
        error(x.where, code::param_not_constant, "a parameter's value must be a literal",
              "parameters are data: write the value itself, e.g. 2_340_000 VND");
        return std::nullopt;
      }
      // Percent literals carry their own places (70% vs 12.5%); a percent parameter takes any.
      const bool same_kind =
          x.t == p.t || (x.t.kind == type_kind::percent && p.t.kind == type_kind::percent);
      if (!same_kind && !(p.t.kind == type_kind::decimal &&
                          (x.t.kind == type_kind::integer || x.t.kind == type_kind::decimal))) {
        std::string hint;
        if (p.t.kind == type_kind::money) hint = "money literals end in VND, e.g. 1_800_000 VND";
        if (p.t.kind == type_kind::percent) hint = "percent literals end in %, e.g. 15%";
        error(x.where, code::type_mismatch,
              "parameter " + p.name + " is " + type_name(p.t) + " but this value is " +
                  type_name(x.t),
              hint);
        return std::nullopt;
      }
      if (p.t.kind == type_kind::percent) {
        // Stored like percent data: percent points with 4 decimals (12.5% is 125000).
        if (x.t.scale > 4) {
          error(x.where, code::type_mismatch, "a percent has at most 4 decimal places");
          return std::nullopt;
        }
        std::int64_t v2 = x.value;
        for (int k = x.t.scale; k < 4; ++k) v2 *= 10;
        return v2;
      }
      if (p.t.kind == type_kind::decimal && x.t.kind != type_kind::decimal) {
        std::int64_t v2 = x.value;
        for (int k = 0; k < p.t.scale; ++k) v2 *= 10;
        return v2;
      }
      if (p.t.kind == type_kind::decimal && x.t.scale != p.t.scale) {
        std::int64_t v2 = x.value;
        if (x.t.scale > p.t.scale) {
          error(x.where, code::type_mismatch,
                "value has more decimal places than " + type_name(p.t));
          return std::nullopt;
        }
        for (int k = x.t.scale; k < p.t.scale; ++k) v2 *= 10;
        return v2;
      }
      return x.value;
    };
    if (d->constant && d->series) {
      error(at(file, *d), code::param_value,
            "a parameter has either one value (= ...) or dated values "
            "({ from ...: ... }), not both");
      continue;
    }
    if (!d->constant && (!d->series || d->series->values.empty())) {
      error(at(file, d->name), code::param_value, "parameter " + p.name + " has no value",
            "give it one: param " + p.name +
                ": ... = VALUE, or dated values in { from DATE: "
                "VALUE }");
      continue;
    }
    if (d->constant) {
      if (auto v = value_of(*d->constant)) {
        p.values.push_back({std::numeric_limits<std::int32_t>::min(), *v, std::nullopt,
                            at(file, *d->constant), text_value});
      }
      continue;
    }
    for (const auto& pv : d->series->values) {
      const auto from = date_of(pv.from, file);
      const auto v = value_of(pv.value);
      if (!from || !v) continue;
      if (!p.values.empty() && *from <= p.values.back().from) {
        error(at(file, pv.from), code::param_dates_order,
              "dated values of " + p.name + " must be in increasing date order",
              "the previous value starts " + civil_from_days(p.values.back().from));
        continue;
      }
      p.values.push_back({*from, *v, resolve_cite(pv.cite, file), at(file, pv), text_value});
    }
    if (d->series->until) {
      const auto until = date_of(*d->series->until, file);
      if (until && !p.values.empty() && *until <= p.values.back().from) {
        error(at(file, *d->series->until), code::param_dates_order,
              "'until' must come after the last dated value of " + p.name);
      } else {
        p.until = until;
      }
    }
  }

  // Targets (before titles, which may aggregate over them).
  for (id i = 0; i < target_asts_.size(); ++i) {
    const id file = target_asts_[i].first;
    const auto* d = target_asts_[i].second;
    auto& tg = prog_.targets[i];
    tg.entity = find_entity(*this, d->entity, file);
    tg.per = period_of(d->period).value_or(period::quarter);
    if (tg.per == period::year) {
      error(at(file, *d), code::target_period,
            "a target is registered per half_year, quarter or month",
            "for a yearly target, use a yearly record field and a requirement");
    }
    add_fields(*this, d->fields, file, tg.entity, tg.per, i, d->file.value, target_fields_[i],
               &tg.fields);
    scope s = make_scope(file, tg.entity);
    s.target = i;
    tg.achieved = check_condition(d->achieved, s, "a target's achievement check");
  }

  // Titles and awards: headers first (entities, periods), then the clauses.
  for (id i = 0; i < title_asts_.size(); ++i) {
    const id file = title_asts_[i].first;
    const auto* d = title_asts_[i].second;
    auto& t = prog_.titles[i];
    t.entity = find_entity(*this, d->entity, file);
    if (d->period) t.per = period_of(*d->period).value_or(period::year);
    t.cite = resolve_cite(d->cite, file);
    if (!d->cite && prog_.requires_citations) {
      error(at(file, d->code), code::missing_citation,
            std::string(t.award ? "award " : "title ") + t.code + " has no citation",
            "this pack requires citations: add cite SOURCE \"Điều N\" after the entity");
    }
    if (d->in_force) {
      t.from = date_of(d->in_force->from, file);
      if (d->in_force->to) t.to = date_of(*d->in_force->to, file);
      if (t.from && t.to && *t.to < *t.from) {
        error(at(file, *d->in_force), code::bad_date_range,
              "the in-force period of " + t.code + " ends before it starts");
      }
      if (t.from && prog_.in_force_to && *t.from > *prog_.in_force_to) {
        error(at(file, *d->in_force), code::in_force_outside_pack,
              "in force only after the pack itself ends (" + civil_from_days(*prog_.in_force_to) +
                  ")");
      }
    }
  }
  for (id i = 0; i < title_asts_.size(); ++i) {
    const id file = title_asts_[i].first;
    const auto* d = title_asts_[i].second;
    auto& t = prog_.titles[i];
    const id node = graph_node(symbol_kind::title, i);
    const scope s = make_scope(file, t.entity, t.per, node);
    auto& labels = title_labels_[i];
    auto add_label = [&](const ast::ident& label) {
      const auto [it, inserted] = labels.emplace(label.name, static_cast<id>(labels.size()));
      if (!inserted) {
        error(at(file, label), code::duplicate_label,
              "requirement label '" + label.name + "' is used twice in " + t.code);
      }
    };
    auto make_requirement = [&](const ast::require_clause& r) {
      requirement q;
      q.label = r.label.name;
      q.where = at(file, r.label);
      q.condition = t.entity == no_id ? no_id : check_condition(r.condition, s, "a requirement");
      q.cite = resolve_cite(r.cite, file);
      if (r.in_force) {
        q.from = date_of(r.in_force->from, file);
        if (r.in_force->to) q.to = date_of(*r.in_force->to, file);
        if (q.from && q.to && *q.to < *q.from) {
          error(at(file, *r.in_force), code::bad_date_range,
                "the in-force period of requirement " + q.label + " ends before it starts");
        } else if ((q.to && t.from && *q.to < *t.from) || (q.from && t.to && *q.from > *t.to)) {
          error(at(file, *r.in_force), code::in_force_outside_pack,
                "requirement " + q.label + " is never in force while " + t.code + " is");
        }
      }
      if (r.assumption) q.assumption = r.assumption->value;
      return q;
    };
    std::size_t quotas = 0;
    std::size_t ranks = 0;
    auto check_keys = [&](const std::vector<ast::sort_key>& keys) {
      std::vector<sort_key> out;
      for (const auto& k : keys) {
        sort_key sk;
        sk.key = check_expr(k.key, s);
        sk.descending = k.direction == "desc";
        sk.where = at(file, k);
        const auto& x = prog_.exprs[sk.key];
        const auto kind = x.t.kind;
        const bool sortable = kind == type_kind::integer || kind == type_kind::decimal ||
                              kind == type_kind::percent || kind == type_kind::money ||
                              kind == type_kind::date || kind == type_kind::text ||
                              kind == type_kind::error ||
                              (kind == type_kind::enumeration && prog_.enums[x.t.ref].ordered);
        if (!sortable) {
          error(x.where, code::bad_sort_key, "cannot rank by a value of type " + type_name(x.t),
                "rank by numbers, money, dates, text or an ordered enum");
        }
        out.push_back(sk);
      }
      // A ranking must be total, or the cut-off depends on row order: end with the key.
      if (!out.empty() && t.entity != no_id) {
        const auto& last = prog_.exprs[out.back().key];
        if (last.kind != op::key && last.t.kind != type_kind::error) {
          error(out.back().where, code::ranking_not_total,
                "ranking must end with the unique key " + prog_.entities[t.entity].key +
                    " so that ties are broken the same way every run",
                "add: , " + prog_.entities[t.entity].key + " asc");
        }
      }
      return out;
    };
    auto group_key = [&](const ast::path& per) -> std::pair<id, id> {
      // The group key is an expression of the title's entity; when it refers to an entity
      // (a person's unit), the quota is computed in that entity's context.
      ast::expr e;
      e.begin = per.begin;
      e.end = per.end;
      e.first.value = per;
      e.first.begin = per.begin;
      e.first.end = per.end;
      const id k = check_expr(e, s);
      const auto& x = prog_.exprs[k];
      if (x.t.kind == type_kind::entity) return {k, x.t.ref};
      if (x.t.kind != type_kind::text && x.t.kind != type_kind::enumeration &&
          x.t.kind != type_kind::integer && x.t.kind != type_kind::error) {
        error(x.where, code::bad_group, "cannot group by a value of type " + type_name(x.t),
              "group by an entity reference (unit), a text (cluster) or an enum");
      }
      return {k, no_id};
    };

    for (const auto& c : d->clauses) {
      if (const auto* r = boost::get<ast::require_clause>(&c)) {
        add_label(r->label);
        t.requirements.push_back(make_requirement(*r));
      } else if (const auto* g = boost::get<ast::any_of_clause>(&c)) {
        add_label(g->label);
        requirement q;
        q.label = g->label.name;
        q.where = at(file, g->label);
        q.cite = resolve_cite(g->cite, file);
        for (const auto& r : g->items) {
          add_label(r.label);
          q.any_of.push_back(static_cast<id>(t.alternatives.size()));
          t.alternatives.push_back(make_requirement(r));
        }
        t.requirements.push_back(std::move(q));
      } else if (const auto* a = boost::get<ast::assume_clause>(&c)) {
        t.assumptions.push_back(a->note.value);
      } else if (const auto* a = boost::get<ast::authority_clause>(&c)) {
        authority_rule ar;
        ar.level = a->level.name;
        ar.where = at(file, a->level);
        ar.cite = resolve_cite(a->cite, file);
        if (std::find(authority_levels.begin(), authority_levels.end(), a->level.name) ==
            authority_levels.end()) {
          std::vector<std::string_view> names(authority_levels.begin(), authority_levels.end());
          const auto guess = best_match(a->level.name, names);
          error(at(file, a->level), code::unknown_authority,
                "unknown awarding authority '" + a->level.name + "'",
                guess.empty() ? "levels: unit_head, enterprise, commune, district, province, "
                                "ministry, prime_minister, president"
                              : "did you mean " + guess + "?");
          continue;
        }
        if (a->when && t.entity != no_id) {
          ar.when = check_condition(*a->when, s, "an authority condition");
        }
        if (a->in_force) {
          ar.from = date_of(a->in_force->from, file);
          if (a->in_force->to) ar.to = date_of(*a->in_force->to, file);
          if (ar.from && ar.to && *ar.to < *ar.from) {
            error(at(file, *a->in_force), code::bad_date_range,
                  "the in-force period of this authority ends before it starts");
          }
        }
        // A clause after one that always applies is never reached.
        if (std::any_of(t.authorities.begin(), t.authorities.end(), [](const authority_rule& r) {
              return r.when == no_id && !r.from && !r.to;
            })) {
          error(at(file, a->level), code::duplicate_authority,
                t.code + " already has an authority that always applies",
                "give the earlier decided_by a 'when' condition or an in_force period, or "
                "remove this one");
        }
        t.authorities.push_back(std::move(ar));
      } else if (const auto* h = boost::get<ast::hold_clause>(&c)) {
        add_label(h->label);
        hold_rule hr;
        hr.label = h->label.name;
        hr.where = at(file, h->label);
        hr.cite = resolve_cite(h->cite, file);
        hr.condition = t.entity == no_id ? no_id : check_condition(h->condition, s, "a hold");
        t.holds.push_back(std::move(hr));
      } else if (const auto* q = boost::get<ast::quota_clause>(&c)) {
        if (++quotas > 1) {
          error(at(file, *q), code::duplicate_quota, t.code + " already has a quota");
          continue;
        }
        if (t.entity == no_id) continue;
        quota qr;
        qr.where = at(file, *q);
        qr.round = q->rounding == "ceil"      ? rounding::ceil
                   : q->rounding == "nearest" ? rounding::nearest
                                              : rounding::floor;
        const auto [per, group_entity] = group_key(q->per);
        qr.per = per;
        const scope gs = make_scope(file, group_entity, t.per, node);
        qr.count = check_expr(q->count, gs);
        const auto& cx = prog_.exprs[qr.count];
        if (cx.t.kind != type_kind::integer && cx.t.kind != type_kind::decimal &&
            cx.t.kind != type_kind::error) {
          error(cx.where, code::type_mismatch,
                "a quota is a number of places, not " + type_name(cx.t),
                "e.g. quota 15% * count(members, LDTT) per unit by ...");
        }
        qr.keys = check_keys(q->keys);
        t.quota_rule = std::move(qr);
      } else if (const auto* rk = boost::get<ast::rank_clause>(&c)) {
        if (++ranks > 1) {
          error(at(file, *rk), code::duplicate_rank, t.code + " already has a ranking");
          continue;
        }
        if (t.entity == no_id) continue;
        ranking rr;
        rr.where = at(file, *rk);
        if (!rk->top.fraction.empty() || !rk->top.suffix.empty() || rk->top.digits.size() > 9 ||
            std::stoll(rk->top.digits) < 1) {
          error(at(file, rk->top), code::bad_top, "rank top needs a whole number of at least 1");
        } else {
          rr.top = std::stoll(rk->top.digits);
        }
        rr.per = group_key(rk->per).first;
        rr.keys = check_keys(rk->keys);
        t.rank_rule = std::move(rr);
      }
    }
    // Exceptions name a requirement declared anywhere in the title.
    for (const auto& c : d->clauses) {
      const auto* e = boost::get<ast::except_clause>(&c);
      if (e == nullptr) continue;
      exception_rule x;
      x.where = at(file, *e);
      x.cite = resolve_cite(e->cite, file);
      x.condition = t.entity == no_id ? no_id : check_condition(e->condition, s, "an exception");
      for (id k = 0; k < t.requirements.size(); ++k) {
        if (t.requirements[k].label == e->target.name) x.requirement = k;
      }
      if (x.requirement == no_id) {
        std::vector<std::string_view> names;
        for (const auto& r : t.requirements) names.push_back(r.label);
        const auto guess = best_match(e->target.name, names);
        error(at(file, e->target), code::unknown_label,
              t.code + " has no requirement labelled '" + e->target.name + "'",
              guess.empty() ? "except names the label of a require in the same title"
                            : "did you mean " + guess + "?");
        continue;
      }
      t.exceptions.push_back(x);
    }
    if (t.requirements.empty()) {
      warning(at(file, d->code), code::empty_title,
              std::string(t.award ? "award " : "title ") + t.code +
                  " has no requirements: everyone qualifies");
    }
  }

  // Forms: one award per achievement, by precedence.
  std::vector<id> form_of_title(prog_.titles.size(), no_id);
  for (id i = 0; i < form_asts_.size(); ++i) {
    const id file = form_asts_[i].first;
    const auto* d = form_asts_[i].second;
    auto& f = prog_.forms[i];
    f.entity = find_entity(*this, d->entity, file);
    const id node = graph_node(symbol_kind::form, i);
    for (const auto& name : d->forms) {
      const auto it = globals_.find(name.name);
      if (it == globals_.end() || it->second.kind != symbol_kind::title) {
        std::vector<std::string_view> names;
        for (const auto& t : prog_.titles) names.push_back(t.code);
        const auto guess = best_match(name.name, names);
        error(at(file, name), code::unknown_title, "unknown title or award '" + name.name + "'",
              guess.empty() ? "" : "did you mean " + guess + "?");
        continue;
      }
      const id ti = it->second.index;
      if (f.entity != no_id && prog_.titles[ti].entity != no_id &&
          prog_.titles[ti].entity != f.entity) {
        error(at(file, name), code::wrong_entity,
              name.name + " is for " + prog_.entities[prog_.titles[ti].entity].name +
                  ", but form " + f.name + " is for " + prog_.entities[f.entity].name);
        continue;
      }
      if (std::find(f.awards.begin(), f.awards.end(), ti) != f.awards.end()) {
        error(at(file, name), code::duplicate_name,
              name.name + " is listed twice in form " + f.name);
        continue;
      }
      if (form_of_title[ti] != no_id) {
        error(at(file, name), code::in_two_forms,
              name.name + " is already in form " + prog_.forms[form_of_title[ti]].name,
              "an achievement gets one award form: list each award in one form only");
        continue;
      }
      form_of_title[ti] = i;
      f.awards.push_back(ti);
      edges_.emplace_back(node, graph_node(symbol_kind::title, ti));
      edge_where_.push_back(at(file, name));
    }
  }

  // Rewards.
  std::vector<bool> rewarded(prog_.titles.size(), false);
  for (const auto& entry : reward_asts_) {
    const id file = entry.first;
    const auto* d = entry.second;
    const auto it = globals_.find(d->target.name);
    if (it == globals_.end() || it->second.kind != symbol_kind::title) {
      std::vector<std::string_view> names;
      for (const auto& t : prog_.titles) names.push_back(t.code);
      const auto guess = best_match(d->target.name, names);
      error(at(file, d->target), code::unknown_title,
            "unknown title or award '" + d->target.name + "'",
            guess.empty() ? "a reward is paid for a title or award declared in the pack"
                          : "did you mean " + guess + "?");
      continue;
    }
    const id ti = it->second.index;
    if (rewarded[ti]) {
      error(at(file, d->target), code::duplicate_reward, d->target.name + " already has a reward");
      continue;
    }
    rewarded[ti] = true;
    reward r;
    r.title = ti;
    r.where = at(file, *d);
    r.cite = resolve_cite(d->cite, file);
    const scope s = make_scope(file, prog_.titles[ti].entity, prog_.titles[ti].per);
    r.amount = check_expr(d->amount, s);
    const auto& ax = prog_.exprs[r.amount];
    if (ax.t.kind != type_kind::money && ax.t.kind != type_kind::error) {
      error(ax.where, code::type_mismatch, "a reward is money, but this is " + type_name(ax.t),
            "multiply a money parameter, e.g. 0.3 * base_salary");
    }
    if (d->round_to) {
      if (!d->round_to->fraction.empty() || !d->round_to->suffix.empty() ||
          d->round_to->digits.size() > 12 || std::stoll(d->round_to->digits) < 1) {
        error(at(file, *d->round_to), code::bad_rounding,
              "round needs a whole number of VND, e.g. round 1000");
      } else {
        r.round_to = std::stoll(d->round_to->digits);
      }
    }
    prog_.rewards.push_back(std::move(r));
  }

  // Lets (typed on demand; whatever no one used is typed now).
  for (id i = 0; i < let_decls_.size(); ++i) check_let(i);

  // Score tables.
  for (id i = 0; i < score_asts_.size(); ++i) {
    const id file = score_asts_[i].first;
    const auto* d = score_asts_[i].second;
    auto& st = prog_.scores[i];
    st.entity = find_entity(*this, d->entity, file);
    const id node = graph_node(symbol_kind::score, i);
    const scope s = make_scope(file, st.entity, period::year, node);
    auto points_of = [&](const ast::number_lit& n) -> std::optional<std::int64_t> {
      if (!n.suffix.empty() || n.fraction.size() > st.scale || n.digits.size() > 12) {
        error(at(file, n), code::bad_points, "points are a plain number with at most 2 decimals");
        return std::nullopt;
      }
      std::int64_t v = std::stoll(n.digits);
      std::string frac = n.fraction;
      frac.resize(st.scale, '0');
      for (char ch : frac) v = v * 10 + (ch - '0');
      return v;
    };
    if (d->cap) st.cap = points_of(*d->cap);
    std::set<std::string> labels;
    for (const auto& it : d->items) {
      score_item si;
      si.label = it.label.name;
      si.display = it.display ? it.display->value : std::string();
      si.where = at(file, it.label);
      if (!labels.insert(si.label).second) {
        error(si.where, code::duplicate_label,
              "item '" + si.label + "' appears twice in " + st.name);
      }
      if (st.entity != no_id) {
        si.points = check_expr(it.points, s);
        const auto& px = prog_.exprs[si.points];
        if (px.t.kind != type_kind::integer && px.t.kind != type_kind::decimal &&
            px.t.kind != type_kind::error) {
          error(px.where, code::type_mismatch,
                "points are a number, but this is " + type_name(px.t));
        }
        if (it.when) si.when = check_condition(*it.when, s, "a score item's condition");
      }
      if (it.cap) si.cap = points_of(*it.cap);
      si.cite = resolve_cite(it.cite, file);
      st.items.push_back(std::move(si));
    }
    if (d->bands) {
      const auto eit = globals_.find(d->bands->enum_name.name);
      if (eit == globals_.end() || eit->second.kind != symbol_kind::enumeration) {
        error(at(file, d->bands->enum_name), code::unknown_type,
              "unknown enum '" + d->bands->enum_name.name + "' for the bands");
      } else {
        st.band_enum = eit->second.index;
        prog_.enums[st.band_enum].used = true;
        std::optional<std::int64_t> previous;
        for (std::size_t k = 0; k < d->bands->bands.size(); ++k) {
          const auto& b = d->bands->bands[k];
          band bd;
          bd.code = code_of(st.band_enum, b.code, file);
          const bool last = k + 1 == d->bands->bands.size();
          if (b.min) {
            bd.min = points_of(*b.min);
            if (bd.min && previous && *bd.min >= *previous) {
              error(at(file, *b.min), code::bands_order,
                    "bands go from the highest threshold down; this one is not lower than the "
                    "one before");
            }
            if (bd.min) previous = bd.min;
            if (last) {
              error(at(file, b), code::bands_otherwise,
                    "the last band must be 'otherwise CODE' so every total gets a class");
            }
          } else if (!last) {
            error(at(file, b), code::bands_otherwise, "'otherwise' must be the last band");
          }
          st.bands.push_back(bd);
        }
      }
    }
  }

  // Outputs.
  std::map<std::string, id> output_files;
  for (id i = 0; i < output_asts_.size(); ++i) {
    const id file = output_asts_[i].first;
    const auto* d = output_asts_[i].second;
    auto& o = prog_.outputs[i];
    o.entity = find_entity(*this, d->entity, file);
    const auto [fit, inserted] = output_files.emplace(o.file, i);
    if (!inserted) {
      error(at(file, d->file), code::duplicate_output_file,
            "output " + prog_.outputs[fit->second].name + " already writes " + o.file);
    }
    if (o.entity == no_id) continue;
    const scope s = make_scope(file, o.entity);
    std::set<std::string> headers;
    for (const auto& c : d->columns) {
      output_column oc;
      oc.where = at(file, c);
      // A plain name (`unit.rating` too) heads its own column; `header = expr` names one.
      auto plain_name = [](const ast::expr& e) -> std::string {
        if (!e.rest.empty() || !e.first.prefix.empty()) return {};
        const auto* p = boost::get<ast::path>(&e.first.value);
        if (p == nullptr) return {};
        std::string n = p->head.name;
        for (const auto& t : p->tail) n += "_" + t.name;
        return n;
      };
      if (c.value) {
        oc.value = check_expr(*c.value, s);
        oc.header = plain_name(c.first);
        const auto* p = boost::get<ast::path>(&c.first.first.value);
        if (oc.header.empty() || (p != nullptr && !p->tail.empty())) {
          error(at(file, c.first), code::output_header, "a column header is a plain name",
                "write it as: header = expression");
          continue;
        }
      } else {
        oc.value = check_expr(c.first, s);
        oc.header = plain_name(c.first);
      }
      if (oc.header.empty()) {
        error(oc.where, code::output_header, "this output column needs a header",
              "write it as: header = expression");
        continue;
      }
      if (!headers.insert(oc.header).second) {
        error(oc.where, code::duplicate_column,
              "column '" + oc.header + "' appears twice in " + o.name);
      }
      const auto kind = prog_.exprs[oc.value].t.kind;
      if (kind == type_kind::group || kind == type_kind::set) {
        error(oc.where, code::bad_output,
              "cannot write a " + type_name(prog_.exprs[oc.value].t) + " as a column");
      }
      o.columns.push_back(std::move(oc));
    }
  }
}

void checker::check_let(id index) {
  if (let_states_[index] == let_state::done) return;
  if (let_states_[index] == let_state::checking) return;  // a cycle: reported by check_cycles
  const auto* d = let_decls_[index];
  const id file = let_files_[index];
  // A let used before its declaration is typed on the spot, inside the user's typing: a chain of
  // thousands would exhaust the stack, so the chain is bounded like bracket nesting.
  if (let_depth_ >= options_.max_nesting * 4) {
    // Typed as an error (no cascade of "unknown name"), and reported once for the pack.
    let_states_[index] = let_state::done;
    prog_.lets[index].entity = find_entity(*this, d->entity, file);
    if (let_chain_reported_) return;
    let_chain_reported_ = true;
    error(
        at(file, d->name), code::nesting_too_deep,
        "lets refer to later lets more than " + std::to_string(options_.max_nesting * 4) + " deep",
        "declare lets before the lets that use them (compile_options::max_nesting)");
    return;
  }
  let_states_[index] = let_state::checking;
  ++let_depth_;
  auto& l = prog_.lets[index];
  l.entity = find_entity(*this, d->entity, file);
  if (l.entity != no_id) {
    const scope s = make_scope(file, l.entity, period::year, graph_node(symbol_kind::let, index));
    prog_.lets[index].value = check_expr(d->value, s);
  }
  --let_depth_;
  let_states_[index] = let_state::done;
}

void checker::check_unused() {
  // Declarations next to an error are often "unused" only because of it: warn on a clean pack.
  if (errors_ != 0) return;
  auto warn = [&](bool used, const span& where, const char* what, const std::string& name) {
    if (!used) {
      warning(where, code::unused,
              std::string(what) + " '" + name + "' is declared but never used");
    }
  };
  for (const auto& c : prog_.cites) warn(c.used, c.where, "citation source", c.name);
  for (const auto& e : prog_.enums) warn(e.used, e.where, "enum", e.name);
  for (const auto& s : prog_.sets) warn(s.used, s.where, "set", s.name);
  for (const auto& r : prog_.relations) warn(r.used, r.where, "relation", r.name);
  for (const auto& p : prog_.params) warn(p.used, p.where, "param", p.name);
  for (const auto& l : prog_.lets) warn(l.used, l.where, "let", l.name);
  for (const auto& s : prog_.scores) warn(s.used, s.where, "score_table", s.name);
  for (const auto& t : prog_.targets) warn(t.used, t.where, "target", t.name);
}

}  // namespace thidua::check
