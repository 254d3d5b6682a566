// exec/explain.cpp — why (or why not) one entity earned a title, from the materialized state.
//
// Every condition of the title is evaluated again for the one entity (a one-lane frame), so the
// explanation shows all conditions, not only the first that failed, with the values each read.
#include "exec/explain.hpp"

#include <algorithm>

#include "exec/numeric.hpp"

namespace thidua::exec {

using check::op;
using check::type_kind;

namespace {

bool is_input(op k) {
  switch (k) {
    case op::key:
    case op::field:
    case op::title:
    case op::let:
    case op::form:
    case op::score:
    case op::band:
    case op::param:
    case op::reward_total:
    case op::at_year:
    case op::streak:
    case op::count_years:
    case op::years_since:
    case op::held:
    case op::times_held:
    case op::has_record:
    case op::achieved:
      return true;
    default:
      return check::is_aggregate(k);
  }
}

}  // namespace

explainer::explainer(engine& e, const overlay* ov) : e_(e), p_(e.program()), ov_(ov) {}

std::string explainer::text(const check::span& s) const {
  if (s.file >= p_.sources.size()) return {};
  const auto& src = p_.sources[s.file];
  if (s.begin > s.end || s.end > src.size()) return {};
  std::string t = src.substr(s.begin, s.end - s.begin);
  // One line: collapse runs of whitespace (a condition may span lines).
  std::string out;
  bool space = false;
  for (const char ch : t) {
    if (ch == ' ' || ch == '\n' || ch == '\r' || ch == '\t') {
      space = !out.empty();
      continue;
    }
    if (space) out += ' ';
    space = false;
    out += ch;
  }
  // A condition of thousands of terms is shown by its start (cut between UTF-8 characters).
  constexpr std::size_t shown = 160;
  if (out.size() > shown) {
    std::size_t cut = shown;
    while (cut > 0 && (static_cast<unsigned char>(out[cut]) & 0xC0U) == 0x80U) --cut;
    out.resize(cut);
    out += " ...";
  }
  return out;
}

std::optional<citation_info> explainer::citation(const std::optional<check::citation>& c) const {
  if (!c || c->source >= p_.cites.size()) return std::nullopt;
  return citation_info{p_.cites[c->source].name, p_.cites[c->source].title, c->locator};
}

std::string explainer::display(id ei, const vec& v, std::size_t lane) const {
  const auto& x = p_.exprs[ei];
  if (v.k[lane] == 0) return "unknown";
  switch (x.t.kind) {
    case type_kind::boolean:
      return v.v[lane] != 0 ? "yes" : "no";
    case type_kind::enumeration: {
      const auto& code = p_.enums[x.t.ref].codes[static_cast<std::size_t>(v.v[lane])];
      return code.display.empty() ? code.code : code.code + " (" + code.display + ")";
    }
    case type_kind::set: {
      std::string s = "{";
      const auto& codes = p_.enums[x.t.ref].codes;
      for (std::size_t k = 0; k < codes.size() && k < 64; ++k) {
        if (((static_cast<std::uint64_t>(v.v[lane]) >> k) & 1U) == 0) continue;
        if (s.size() > 1) s += ", ";
        s += codes[k].code;
      }
      return s + "}";
    }
    case type_kind::form: {
      const std::string c = e_.cell(ei, v, lane);
      return c.empty() ? "none" : c;
    }
    case type_kind::money:
      return e_.cell(ei, v, lane) + " VND";
    case type_kind::percent:
      return e_.cell(ei, v, lane) + "%";
    default: {
      if (x.t.kind == type_kind::decimal && !v.den.empty()) {
        // An exact fraction (a share or a score total): show it as such too.
        const std::string shown = e_.cell(ei, v, lane);
        return shown + " (" + std::to_string(v.v[lane]) + "/" + std::to_string(v.den[lane]) + ")";
      }
      return e_.cell(ei, v, lane);
    }
  }
}

void explainer::inputs(id root, id entity, std::uint32_t row, int year,
                       std::vector<explained_value>& out) const {
  // Pre-order, left to right, with a stack (conditions may be long chains).
  std::vector<id> stack{root};
  while (!stack.empty()) {
    const id ei = stack.back();
    stack.pop_back();
    const auto& x = p_.exprs[ei];
    if (!is_input(x.kind)) {
      for (auto a = x.args.rbegin(); a != x.args.rend(); ++a) {
        if (*a != no_id) stack.push_back(*a);
      }
      continue;
    }
    input(ei, entity, row, year, out);
  }
}

void explainer::input(id ei, id entity, std::uint32_t row, int year,
                      std::vector<explained_value>& out) const {
  const auto& x = p_.exprs[ei];
  const std::uint32_t rows[1] = {row};
  vec v;
  e_.eval(ei, frame{entity, year, rows, {}, ov_}, v);
  explained_value ev;
  ev.expression = text(x.where);
  ev.known = v.k[0] != 0;
  ev.value = x.kind == op::title ? (v.k[0] == 0   ? "unknown"
                                    : v.v[0] != 0 ? "yes"
                                                  : "no")
                                 : display(ei, v, 0);
  ev.year = x.kind == op::at_year ? year - x.offset : year;
  if (x.kind == op::field) {
    const auto& f = p_.fields[x.ref];
    ev.source = f.file + ", column " + f.column;
  } else if (x.kind == op::at_year && p_.exprs[x.args[0]].kind == op::field) {
    const auto& f = p_.fields[p_.exprs[x.args[0]].ref];
    ev.source = f.file + ", column " + f.column;
  }
  for (const auto& seen : out) {
    if (seen.expression == ev.expression && seen.year == ev.year) return;
  }
  out.push_back(std::move(ev));
}

const char* explainer::outcome(const vec& v) {
  return v.k[0] == 0 ? "unknown" : v.v[0] != 0 ? "passed" : "failed";
}

explained_condition explainer::condition(const check::title& t, std::size_t qi,
                                         const check::requirement& q, std::uint32_t row, int year,
                                         bool alternative) const {
  const std::uint32_t rows[1] = {row};
  const frame f{t.entity, year, rows, {}, ov_};
  explained_condition c;
  c.kind = alternative ? "alternative" : q.any_of.empty() ? "requirement" : "any_of";
  c.label = q.label;
  c.text = q.condition != no_id ? text(p_.exprs[q.condition].where) : text(q.where);
  c.citation = citation(q.cite);
  c.assumption = q.assumption;
  const std::int32_t date = check::days_from_civil(year, 12, 31);
  if ((q.from && *q.from > date) || (q.to && date > *q.to)) {
    c.outcome = "not in force";
    return c;
  }
  std::uint8_t value = no;  // 0, 1, 2 as titles
  if (!q.any_of.empty()) {
    bool unknown_seen = false;
    for (const id a : q.any_of) {
      auto alt = condition(t, qi, t.alternatives[a], row, year, true);
      if (alt.outcome == "passed") value = yes;
      if (alt.outcome == "unknown") unknown_seen = true;
      c.children.push_back(std::move(alt));
    }
    if (value != yes && unknown_seen) value = unknown;
  } else {
    vec v;
    e_.eval(q.condition, f, v);
    value = v.k[0] == 0 ? unknown : v.v[0] != 0 ? yes : no;
    inputs(q.condition, t.entity, row, year, c.inputs);
  }
  if (alternative) {
    c.outcome = value == yes ? "passed" : value == no ? "failed" : "unknown";
    return c;
  }
  bool waived = false;
  for (const auto& x : t.exceptions) {
    if (x.requirement != qi) continue;
    explained_condition ex;
    ex.kind = "exception";
    ex.text = text(p_.exprs[x.condition].where);
    ex.citation = citation(x.cite);
    vec w;
    e_.eval(x.condition, f, w);
    inputs(x.condition, t.entity, row, year, ex.inputs);
    if (value == yes) {
      ex.outcome = "not checked";
    } else {
      ex.outcome = outcome(w);
      if (w.k[0] == 0 && !waived) value = unknown;
      if (w.k[0] != 0 && w.v[0] != 0) waived = true;
    }
    c.children.push_back(std::move(ex));
  }
  c.outcome = waived ? "waived" : value == yes ? "passed" : value == no ? "failed" : "unknown";
  return c;
}

explanation explainer::explain(id t, std::uint32_t row) const {
  const auto& tt = p_.titles[t];
  const int year = e_.year();
  explanation x;
  x.entity = p_.entities[tt.entity].name;
  x.key = e_.data().entities[tt.entity].keys[row];
  x.year = year;
  x.title = tt.code;
  x.name = tt.display;
  x.kind = tt.award ? "award" : "title";
  x.citation = citation(tt.cite);
  x.assumptions = tt.assumptions;
  const auto& tv = e_.title(t, year);
  const std::int32_t date = check::days_from_civil(year, 12, 31);
  if (!e_.has_row(tt.entity, row, year)) {
    x.outcome = "not assessed";
    return x;
  }
  if ((tt.from && *tt.from > date) || (tt.to && date > *tt.to)) {
    x.outcome = "not in force";
    return x;
  }
  const int held_by = e_.hold(t, row, year, ov_);
  const std::uint8_t value = ov_ != nullptr ? ov_->titles.at(t) : tv[row];
  x.outcome = value == yes   ? "earned"
              : value == no  ? "not earned"
              : held_by >= 0 ? "on hold"
                             : "unknown";
  {
    const std::uint32_t one[1] = {row};
    const auto a = e_.authorities(t, one, year)[0];
    if (a >= 0) {
      x.authority = tt.authorities[static_cast<std::size_t>(a)].level;
      x.authority_citation = citation(tt.authorities[static_cast<std::size_t>(a)].cite);
    }
  }
  const std::uint32_t hrows[1] = {row};
  for (const auto& h : tt.holds) {
    explained_condition c;
    c.kind = "hold";
    c.label = h.label;
    c.text = text(p_.exprs[h.condition].where);
    c.citation = citation(h.cite);
    vec v;
    e_.eval(h.condition, frame{tt.entity, year, hrows, {}, ov_}, v);
    c.outcome = v.k[0] == 0 ? "unknown" : v.v[0] != 0 ? "on hold" : "clear";
    inputs(h.condition, tt.entity, row, year, c.inputs);
    x.conditions.push_back(std::move(c));
  }
  // On hold, the requirements are still shown: what the council will weigh once the hold ends.
  for (std::size_t qi = 0; qi < tt.requirements.size(); ++qi) {
    x.conditions.push_back(condition(tt, qi, tt.requirements[qi], row, year, false));
  }
  if (ov_ != nullptr) {  // a what-if: the place it would take among the decided candidates
    const auto it = ov_->ranks.find(t);
    if (it != ov_->ranks.end()) {
      quota_explanation q;
      q.kind = tt.quota_rule ? "quota" : "ranking";
      q.text = text(tt.quota_rule ? tt.quota_rule->where : tt.rank_rule->where);
      q.rank = it->second.first;
      q.places = it->second.second;
      const id per = tt.quota_rule ? tt.quota_rule->per : tt.rank_rule->per;
      const std::uint32_t rows[1] = {row};
      vec g;
      e_.eval(per, frame{tt.entity, year, rows, {}, ov_}, g);
      q.group = display(per, g, 0);
      x.quota = std::move(q);
    }
    return x;
  }
  const rank_info* info = e_.ranks(t, year);
  if (info != nullptr && info->rank[row] > 0) {
    quota_explanation q;
    q.kind = tt.quota_rule ? "quota" : "ranking";
    q.text = text(tt.quota_rule ? tt.quota_rule->where : tt.rank_rule->where);
    q.rank = info->rank[row];
    q.places = info->places[row];
    const id per = tt.quota_rule ? tt.quota_rule->per : tt.rank_rule->per;
    const std::uint32_t rows[1] = {row};
    vec g;
    e_.eval(per, frame{tt.entity, year, rows, {}}, g);
    q.group = display(per, g, 0);
    const auto pos = static_cast<std::size_t>(
        std::find(info->order.begin(), info->order.end(), row) - info->order.begin());
    const auto& keys = e_.data().entities[tt.entity].keys;
    for (std::size_t k = 1; k <= 2 && pos >= k; ++k) {
      const auto r = info->order[pos - k];
      if (info->rank[r] != q.rank - static_cast<std::int32_t>(k)) break;  // another group
      q.above.insert(q.above.begin(), ranked_neighbour{keys[r], info->rank[r]});
    }
    for (std::size_t k = 1; k <= 2 && pos + k < info->order.size(); ++k) {
      const auto r = info->order[pos + k];
      if (info->rank[r] != q.rank + static_cast<std::int32_t>(k)) break;  // another group
      q.below.push_back(ranked_neighbour{keys[r], info->rank[r]});
    }
    x.quota = std::move(q);
  }
  return x;
}

}  // namespace thidua::exec
