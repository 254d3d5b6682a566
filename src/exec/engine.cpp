// exec/engine.cpp — materialization (titles, quotas, aggregates, forms) and the vector kernels.
#include "exec/engine.hpp"

#include <algorithm>
#include <numeric>
#include <stdexcept>

#include "exec/numeric.hpp"

namespace thidua::exec {

using check::op;
using check::type_kind;

namespace {

bool chained(op k) {
  return k == op::and_ || k == op::or_ || k == op::add || k == op::sub || k == op::mul ||
         k == op::div || k == op::min2 || k == op::max2;
}

bool navigable(op k) {
  return k == op::key || k == op::field || k == op::title || k == op::let || k == op::form ||
         k == op::score;
}

int storage_scale(const check::type& t) {
  // As io stores columns and the checker stores parameters: percent points with 4 decimals.
  return t.kind == type_kind::percent ? 6 : fraction_scale(t);
}

std::int32_t decision_date(int year) { return check::days_from_civil(year, 12, 31); }

bool in_window(std::optional<std::int32_t> from, std::optional<std::int32_t> to, int year) {
  const std::int32_t date = decision_date(year);
  return (!from || *from <= date) && (!to || date <= *to);
}

// A lane's value as a fraction num/den (den > 0).
struct fraction {
  i128 num;
  i128 den;
};
fraction frac(const vec& v, std::size_t i, int scale) {
  return {v.v[i], v.den.empty() ? i128{pow10_table[scale]} : i128{v.den[i]}};
}
int cmp(fraction a, fraction b) {
  const i128 l = a.num * b.den;
  const i128 r = b.num * a.den;
  return l < r ? -1 : l > r ? 1 : 0;
}

void fill(vec& out, std::int64_t value, bool known = true) {
  std::fill(out.v.begin(), out.v.end(), value);
  std::fill(out.k.begin(), out.k.end(), known ? 1 : 0);
}

// Lanes of a frame as a sub-frame: the rows (and record rows) of the selected lanes.
struct subset {
  std::vector<std::uint32_t> rows;
  std::vector<std::int64_t> sub;
  std::vector<std::uint32_t> lanes;
  frame at(const frame& f, int year) const {
    return frame{f.entity, year, rows, std::span<const std::int64_t>(sub), f.ov};
  }
  void add(const frame& f, std::size_t i) {
    rows.push_back(f.rows[i]);
    if (!f.sub.empty()) sub.push_back(f.sub[i]);
    lanes.push_back(static_cast<std::uint32_t>(i));
  }
};

// Copies lane j of `from` into lane i of `to`.
void put(vec& to, std::size_t i, const vec& from, std::size_t j) {
  to.v[i] = from.v[j];
  to.k[i] = from.k[j];
  if (!from.den.empty()) {
    if (to.den.empty()) to.den.assign(to.v.size(), 1);
    to.den[i] = from.den[j];
  }
  if (!from.text.empty()) {
    if (to.text.empty()) to.text.assign(to.v.size(), nullptr);
    to.text[i] = from.text[j];
  }
}

void set_unknown(vec& out) {
  std::fill(out.v.begin(), out.v.end(), 0);
  std::fill(out.k.begin(), out.k.end(), 0);
}

}  // namespace

// ---- construction and indexes -------------------------------------------------------------------

engine::engine(const check::program& p, const data::dataset& d, int year, const options& o)
    : p_(p), d_(d), year_(year), pool_(std::max(1U, o.threads)), order_(o.order) {
  column_of_.assign(p_.fields.size(), nullptr);
  auto bind = [&](const data::column& c) {
    if (c.field < column_of_.size()) column_of_[c.field] = &c;
  };
  min_year_.assign(p_.entities.size(), 0);
  max_year_.assign(p_.entities.size(), -1);
  for (id e = 0; e < p_.entities.size() && e < d_.entities.size(); ++e) {
    for (const auto& c : d_.entities[e].columns) bind(c);
    for (const auto& rt : d_.records[e]) {
      for (const auto& c : rt.columns) bind(c);
    }
    const auto& yt = d_.records[e][0];
    if (yt.present && !yt.year.empty()) {
      const auto [lo, hi] = std::minmax_element(yt.year.begin(), yt.year.end());
      min_year_[e] = *lo;
      max_year_[e] = *hi;
    }
  }
  for (const auto& t : d_.targets) {
    for (const auto& c : t.columns) bind(c);
  }
}

const engine::year_index& engine::index(id entity, int year) {
  auto [it, fresh] = years_.try_emplace({entity, year});
  if (fresh) {
    const auto& t = d_.records[entity][0];
    it->second.record.assign(d_.entities[entity].keys.size(), -1);
    if (year >= min_year_[entity] && year <= max_year_[entity]) {
      for (std::size_t i = 0; i < t.entity.size(); ++i) {
        if (t.year[i] == year) it->second.record[t.entity[i]] = static_cast<std::int32_t>(i);
      }
    }
  }
  return it->second;
}

const engine::year_index* engine::find_index(id entity, int year) const {
  const auto it = years_.find({entity, year});
  return it == years_.end() ? nullptr : &it->second;
}

bool engine::has_row(id entity, std::uint32_t row, int year) const {
  if (entity == no_id || !d_.records[entity][0].present) return true;
  const auto* ix = find_index(entity, year);
  return ix != nullptr && ix->record[row] >= 0;
}

const std::vector<std::uint32_t>& engine::population(id entity, int year) {
  auto [it, fresh] = population_.try_emplace({entity, year});
  if (fresh) {
    const auto n = static_cast<std::uint32_t>(d_.entities[entity].keys.size());
    if (!d_.records[entity][0].present) {
      it->second.resize(n);
      std::iota(it->second.begin(), it->second.end(), 0U);
    } else {
      const auto& ix = index(entity, year);
      for (std::uint32_t r = 0; r < n; ++r) {
        if (ix.record[r] >= 0) it->second.push_back(r);
      }
    }
  }
  return it->second;
}

std::pair<int, int> engine::year_range(id entity, int year, int back) const {
  // Years [year - back, year] that can hold rows of the entity.
  int lo = year - back;
  int hi = year;
  if (entity != no_id && d_.records[entity][0].present) {
    lo = std::max(lo, min_year_[entity]);
    hi = std::min(hi, max_year_[entity]);
  }
  return {lo, hi};
}

// ---- prepare: materialize what an expression reads ----------------------------------------------

void engine::prepare(id root, id root_entity, int root_year) {
  // A work list rather than recursion: a 50,000-term sum is a valid pack.
  std::vector<work_item> work{{root, root_entity, root_year}};
  while (!work.empty()) {
    const work_item w = work.back();
    work.pop_back();
    prepare_one(w.expr, w.entity, w.year, work);
  }
}

void engine::prepare_one(id ei, id entity, int year, std::vector<work_item>& work) {
  if (!prepared_.insert({ei, year}).second) return;
  if (entity != no_id && d_.records[entity][0].present) index(entity, year);
  const auto& e = p_.exprs[ei];
  id here = entity;
  if (navigable(e.kind) && !e.args.empty()) {
    work.push_back({e.args[0], entity, year});
    here = p_.exprs[e.args[0]].t.ref;
    if (here != no_id && d_.records[here][0].present) index(here, year);
  }
  switch (e.kind) {
    case op::title:
      ensure_title(e.ref, year);
      return;
    case op::field: {
      const auto& fd = p_.fields[e.ref];
      if (fd.record == check::period::year) index(fd.entity, year);
      return;
    }
    case op::let:
      prepare(p_.lets[e.ref].value, p_.lets[e.ref].entity, year);
      return;
    case op::form:
      ensure_form(e.ref, year);
      return;
    case op::score:
    case op::band:
      for (const auto& item : p_.scores[e.ref].items) {
        prepare(item.points, p_.scores[e.ref].entity, year);
        if (item.when != no_id) prepare(item.when, p_.scores[e.ref].entity, year);
      }
      return;
    case op::reward_total:
      prepare_rewards(entity, year);
      return;
    case op::achieved:
      prepare(p_.targets[e.ref].achieved, p_.targets[e.ref].entity, year);
      return;
    case op::at_year:
      if (entity != no_id && d_.records[entity][0].present) index(entity, year - e.offset);
      work.push_back({e.args[0], entity, year - e.offset});
      return;
    case op::streak:
      prepare_history(e.args[0], entity, year, 200);
      return;
    case op::count_years:
      prepare_history(e.args[0], entity, year, e.offset - 1);
      return;
    case op::years_since:
      prepare_history(e.args[0], entity, year - 1, 99);
      return;
    case op::held:
    case op::times_held:
      for (int k = e.window ? 1 : e.offset; k <= e.offset; ++k) ensure_held(e.ref, year - k);
      return;
    case op::has_record:
      if (entity != no_id && d_.records[entity][0].present) index(entity, year - e.offset);
      return;
    default:
      break;
  }
  if (check::is_aggregate(e.kind)) {
    const auto& src = p_.exprs[e.args[0]];
    id owner = entity;
    if (src.kind == op::relation) {
      if (!src.args.empty()) prepare(src.args[0], entity, year);
      owner = p_.relations[src.ref].owner;
    }
    ensure_aggregate(ei, owner, year);
    return;
  }
  for (const id a : e.args) {
    if (a != no_id) work.push_back({a, entity, year});
  }
}

void engine::prepare_rewards(id entity, int year) {
  for (const auto& r : p_.rewards) {
    if (p_.titles[r.title].entity != entity) continue;
    ensure_title(r.title, year);
    for (id fi = 0; fi < p_.forms.size(); ++fi) {
      const auto& aw = p_.forms[fi].awards;
      if (std::find(aw.begin(), aw.end(), r.title) != aw.end()) ensure_form(fi, year);
    }
    prepare(r.amount, entity, year);
  }
}

void engine::prepare_history(id e, id entity, int year, int back) {
  const auto [lo, hi] = year_range(entity, year, back);
  for (int y = hi; y >= lo; --y) {
    if (entity != no_id && d_.records[entity][0].present) index(entity, y);
    prepare(e, entity, y);
  }
}

void engine::ensure_held(id t, int year) {
  auto [it, fresh] = held_.try_emplace({t, year});
  if (!fresh) return;
  const id entity = p_.titles[t].entity;
  it->second.assign(d_.entities[entity].keys.size(), 0);
  for (const auto& a : d_.awards) {
    if (a.title == t && a.year == year && a.row < it->second.size()) it->second[a.row] = 1;
  }
}

void engine::ensure_form(id fi, int year) {
  if (forms_.count({fi, year}) != 0) return;
  const auto& f = p_.forms[fi];
  for (const id t : f.awards) ensure_title(t, year);
  std::vector<std::int32_t> sel(d_.entities[f.entity].keys.size(), -1);
  for (std::size_t k = f.awards.size(); k-- > 0;) {
    const auto& tv = titles_.at({f.awards[k], year});
    for (std::size_t r = 0; r < sel.size(); ++r) {
      if (tv[r] == yes) sel[r] = static_cast<std::int32_t>(k);
    }
  }
  forms_.emplace(std::make_pair(fi, year), std::move(sel));
}

const std::vector<std::uint8_t>& engine::title(id t, int year) {
  ensure_title(t, year);
  return titles_.at({t, year});
}

const std::vector<std::int32_t>& engine::form(id f, int year) {
  ensure_form(f, year);
  return forms_.at({f, year});
}

const rank_info* engine::ranks(id t, int year) const {
  const auto it = ranks_.find({t, year});
  return it == ranks_.end() ? nullptr : &it->second;
}

void engine::ensure_title(id t, int year) {
  if (titles_.count({t, year}) != 0) return;
  if (!in_progress_.insert({t, year}).second) {
    throw std::logic_error("title depends on itself within a year (the checker should reject it)");
  }
  const auto& tt = p_.titles[t];
  for (const auto& q : tt.requirements) {
    if (q.condition != no_id) prepare(q.condition, tt.entity, year);
  }
  for (const auto& q : tt.alternatives) {
    if (q.condition != no_id) prepare(q.condition, tt.entity, year);
  }
  for (const auto& x : tt.exceptions) prepare(x.condition, tt.entity, year);
  for (const auto& h : tt.holds) prepare(h.condition, tt.entity, year);
  for (const auto& a : tt.authorities) {
    if (a.when != no_id) prepare(a.when, tt.entity, year);
  }
  if (tt.quota_rule || tt.rank_rule) {
    const id per = tt.quota_rule ? tt.quota_rule->per : tt.rank_rule->per;
    prepare(per, tt.entity, year);
    for (const auto& k : tt.quota_rule ? tt.quota_rule->keys : tt.rank_rule->keys) {
      prepare(k.key, tt.entity, year);
    }
    if (tt.quota_rule) {
      const auto& pt = p_.exprs[per].t;
      prepare(tt.quota_rule->count, pt.kind == type_kind::entity ? pt.ref : no_id, year);
    }
  }
  decide(t, year);
  in_progress_.erase({t, year});
}

// ---- titles: requirements over batches with selection vectors ----------------------------------

// Holds and requirements of title t over the lanes of `all` (before any quota): yes, no or
// unknown per lane into `tri` (sized to the lanes, all yes on entry).
void engine::requirements(id t, const frame& all, std::vector<std::uint8_t>& tri) const {
  const auto& tt = p_.titles[t];
  const int year = all.year;
  const std::size_t n = all.size();
  std::vector<std::uint32_t> sel(n);
  std::iota(sel.begin(), sel.end(), 0U);
  vec v;
  vec w;
  // Holds first: an entity on hold (or whose hold is unknown) is not decided now.
  for (const auto& h : tt.holds) {
    if (sel.empty()) break;
    std::vector<std::uint32_t> hrows(sel.size());
    for (std::size_t i = 0; i < sel.size(); ++i) hrows[i] = all.rows[sel[i]];
    eval(h.condition, frame{tt.entity, year, hrows, {}, all.ov}, v);
    std::size_t kept = 0;
    for (std::size_t i = 0; i < sel.size(); ++i) {
      if (v.k[i] == 0 || v.v[i] != 0) {
        tri[sel[i]] = unknown;
        continue;
      }
      sel[kept++] = sel[i];
    }
    sel.resize(kept);
  }
  std::vector<std::uint32_t> srows;
  for (std::size_t oi = 0; oi < tt.requirements.size() && !sel.empty(); ++oi) {
    const std::size_t qi = order_ != nullptr ? (*order_)[t][oi] : oi;
    const auto& q = tt.requirements[qi];
    if (!in_window(q.from, q.to, year)) continue;
    srows.resize(sel.size());
    for (std::size_t i = 0; i < sel.size(); ++i) srows[i] = all.rows[sel[i]];
    const frame f{tt.entity, year, srows, {}, all.ov};
    // The requirement's value per selected lane: 0, 1 or 2.
    std::vector<std::uint8_t> r(sel.size(), no);
    // Kleene `or` of a condition into r (an any_of alternative, or an exception's waiver).
    auto or_in = [&](const vec& c) {
      for (std::size_t i = 0; i < sel.size(); ++i) {
        if (r[i] == yes) continue;
        if (c.k[i] == 0) {
          r[i] = unknown;
        } else if (c.v[i] != 0) {
          r[i] = yes;
        }
      }
    };
    if (!q.any_of.empty()) {
      for (const id a : q.any_of) {
        const auto& alt = tt.alternatives[a];
        if (!in_window(alt.from, alt.to, year)) continue;
        eval(alt.condition, f, v);
        or_in(v);
      }
    } else {
      eval(q.condition, f, v);
      for (std::size_t i = 0; i < sel.size(); ++i) {
        r[i] = v.k[i] == 0 ? unknown : v.v[i] != 0 ? yes : no;
      }
    }
    for (const auto& x : tt.exceptions) {
      if (x.requirement != qi) continue;
      eval(x.condition, f, w);
      or_in(w);  // a waiver met counts as the requirement met
    }
    std::size_t kept = 0;
    for (std::size_t i = 0; i < sel.size(); ++i) {
      if (r[i] == no) {
        tri[sel[i]] = no;
        continue;
      }
      if (r[i] == unknown) tri[sel[i]] = unknown;
      sel[kept++] = sel[i];
    }
    sel.resize(kept);
  }
}

void engine::decide(id t, int year) {
  const auto& tt = p_.titles[t];
  const auto& rows = population(tt.entity, year);
  std::vector<std::uint8_t> out(d_.entities[tt.entity].keys.size(), unknown);
  if (!in_window(tt.from, tt.to, year)) {
    for (const auto r : rows) out[r] = no;
    titles_.emplace(std::make_pair(t, year), std::move(out));
    decided_.emplace_back(t, year);
    return;
  }
  const std::size_t batches = (rows.size() + batch_size - 1) / batch_size;
  pool_.run(batches, [&](std::size_t b) {
    const std::size_t lo = b * batch_size;
    const std::size_t n = std::min(batch_size, rows.size() - lo);
    const frame all{tt.entity, year, std::span(rows).subspan(lo, n), {}};
    std::vector<std::uint8_t> tri(n, yes);
    requirements(t, all, tri);
    for (std::size_t i = 0; i < n; ++i) out[all.rows[i]] = tri[i];
  });
  if (tt.quota_rule || tt.rank_rule) rank(t, year, out);
  titles_.emplace(std::make_pair(t, year), std::move(out));
  decided_.emplace_back(t, year);
}

std::vector<std::int32_t> engine::authorities(id t, std::span<const std::uint32_t> rows,
                                              int year) const {
  const auto& tt = p_.titles[t];
  std::vector<std::int32_t> out(rows.size(), -1);
  std::vector<std::uint32_t> pending(rows.size());
  std::iota(pending.begin(), pending.end(), 0U);
  vec v;
  for (std::size_t a = 0; a < tt.authorities.size() && !pending.empty(); ++a) {
    const auto& ar = tt.authorities[a];
    if (!in_window(ar.from, ar.to, year)) continue;
    if (ar.when == no_id) {
      for (const auto i : pending) out[i] = static_cast<std::int32_t>(a);
      break;
    }
    for (std::size_t lo = 0; lo < pending.size(); lo += batch_size) {
      const std::size_t n = std::min(batch_size, pending.size() - lo);
      std::vector<std::uint32_t> r(n);
      for (std::size_t i = 0; i < n; ++i) r[i] = rows[pending[lo + i]];
      eval(ar.when, frame{tt.entity, year, r, {}}, v);
      for (std::size_t i = 0; i < n; ++i) {
        if (v.k[i] != 0 && v.v[i] != 0) out[pending[lo + i]] = static_cast<std::int32_t>(a);
      }
    }
    std::erase_if(pending, [&](std::uint32_t i) { return out[i] >= 0; });
  }
  return out;
}

int engine::hold(id t, std::uint32_t row, int year, const overlay* ov) const {
  const auto& tt = p_.titles[t];
  const std::uint32_t rows[1] = {row};
  vec v;
  for (std::size_t h = 0; h < tt.holds.size(); ++h) {
    eval(tt.holds[h].condition, frame{tt.entity, year, rows, {}, ov}, v);
    if (v.k[0] == 0) return -2;
    if (v.v[0] != 0) return static_cast<int>(h);
  }
  return -1;
}

void engine::rank(id t, int year, std::vector<std::uint8_t>& out) {
  const auto& tt = p_.titles[t];
  const id per = tt.quota_rule ? tt.quota_rule->per : tt.rank_rule->per;
  const auto& keys = tt.quota_rule ? tt.quota_rule->keys : tt.rank_rule->keys;
  std::vector<std::uint32_t> cand;
  for (const auto r : population(tt.entity, year)) {
    if (out[r] == yes) cand.push_back(r);
  }
  const frame f{tt.entity, year, cand, {}};
  vec group;
  eval(per, f, group);
  std::vector<vec> sk(keys.size());
  for (std::size_t k = 0; k < keys.size(); ++k) eval(keys[k].key, f, sk[k]);
  const int gscale = fraction_scale(p_.exprs[per].t);
  auto value_cmp = [&](const vec& v, int scale, std::size_t a, std::size_t b) {
    if (v.k[a] == 0 || v.k[b] == 0) return v.k[a] == v.k[b] ? 0 : (v.k[a] != 0 ? -1 : 1);
    if (!v.text.empty()) {
      const int c = v.text[a]->compare(*v.text[b]);
      return c < 0 ? -1 : c > 0 ? 1 : 0;
    }
    // Lanes of one vector share a scale: plain integers compare directly; only exact
    // rationals (a share, a score total) need cross-multiplying.
    if (v.den.empty()) return v.v[a] < v.v[b] ? -1 : v.v[a] > v.v[b] ? 1 : 0;
    return cmp(frac(v, a, scale), frac(v, b, scale));
  };
  std::vector<std::uint32_t> order(cand.size());
  std::iota(order.begin(), order.end(), 0U);
  std::vector<int> kscale(keys.size());
  for (std::size_t k = 0; k < keys.size(); ++k) kscale[k] = fraction_scale(p_.exprs[keys[k].key].t);
  std::stable_sort(order.begin(), order.end(), [&](std::uint32_t a, std::uint32_t b) {
    const int g = value_cmp(group, gscale, a, b);
    if (g != 0) return g < 0;
    for (std::size_t k = 0; k < keys.size(); ++k) {
      int s = value_cmp(sk[k], kscale[k], a, b);
      if (keys[k].descending && sk[k].k[a] != 0 && sk[k].k[b] != 0) s = -s;
      if (s != 0) return s < 0;
    }
    return false;
  });
  // Group boundaries and each group's places.
  std::vector<std::size_t> starts;
  for (std::size_t i = 0; i < order.size(); ++i) {
    if (i == 0 || value_cmp(group, gscale, order[i - 1], order[i]) != 0) starts.push_back(i);
  }
  std::vector<std::int64_t> places(starts.size(), 0);
  if (tt.rank_rule) {
    std::fill(places.begin(), places.end(), tt.rank_rule->top);
  } else {
    const auto& q = *tt.quota_rule;
    const auto& pt = p_.exprs[per].t;
    const id gentity = pt.kind == type_kind::entity ? pt.ref : no_id;
    std::vector<std::uint32_t> grows(starts.size(), 0);
    for (std::size_t g = 0; g < starts.size(); ++g) {
      const auto lane = order[starts[g]];
      grows[g] =
          gentity != no_id && group.k[lane] != 0 ? static_cast<std::uint32_t>(group.v[lane]) : 0;
    }
    vec count;
    eval(q.count, frame{gentity, year, grows, {}}, count);
    const int cs = fraction_scale(p_.exprs[q.count].t);
    for (std::size_t g = 0; g < starts.size(); ++g) {
      if (group.k[order[starts[g]]] == 0 || count.k[g] == 0) continue;
      const auto fr = frac(count, g, cs);
      const i128 pl = q.round == check::rounding::floor  ? floor_div(fr.num, fr.den)
                      : q.round == check::rounding::ceil ? ceil_div(fr.num, fr.den)
                                                         : round_div(fr.num, fr.den);
      places[g] = fits(pl) ? static_cast<std::int64_t>(pl) : 0;
    }
  }
  rank_info info;
  info.rank.assign(out.size(), 0);
  info.places.assign(out.size(), 0);
  for (std::size_t g = 0; g < starts.size(); ++g) {
    const std::size_t end = g + 1 < starts.size() ? starts[g + 1] : order.size();
    for (std::size_t i = starts[g]; i < end; ++i) {
      const auto row = cand[order[i]];
      const auto place = static_cast<std::int64_t>(i - starts[g]);
      out[row] = place < places[g] ? yes : no;
      info.rank[row] = static_cast<std::int32_t>(place + 1);
      info.places[row] = places[g];
      info.order.push_back(row);
    }
  }
  ranks_.emplace(std::make_pair(t, year), std::move(info));
}

// ---- aggregates: CSR groups, evaluated over all members, reduced per owner ---------------------

const csr& engine::group(const check::expr& src, id owner_entity, int year) {
  if (src.kind == op::relation) {
    auto [it, fresh] = groups_.try_emplace({src.ref, year});
    if (!fresh) return it->second;
    const auto& rel = p_.relations[src.ref];
    const auto& members = population(rel.member, year);
    const auto& via = p_.fields[rel.via];
    const data::column* col = column_of_[rel.via];
    const year_index* ix = via.record ? &index(rel.member, year) : nullptr;
    const std::size_t owners = d_.entities[rel.owner].keys.size();
    std::vector<std::uint32_t> owner_of(members.size(), UINT32_MAX);
    auto& g = it->second;
    g.offsets.assign(owners + 1, 0);
    for (std::size_t i = 0; i < members.size(); ++i) {
      if (col == nullptr) break;
      const std::int64_t at = ix != nullptr ? ix->record[members[i]] : members[i];
      if (at < 0 || !col->is_known(static_cast<std::size_t>(at))) continue;
      const auto o = col->value(static_cast<std::size_t>(at));
      if (o < 0 || static_cast<std::size_t>(o) >= owners) continue;
      owner_of[i] = static_cast<std::uint32_t>(o);
      ++g.offsets[static_cast<std::size_t>(o) + 1];
    }
    for (std::size_t o = 0; o < owners; ++o) g.offsets[o + 1] += g.offsets[o];
    g.rows.resize(g.offsets[owners]);
    std::vector<std::uint32_t> fillp(g.offsets.begin(), g.offsets.end() - 1);
    for (std::size_t i = 0; i < members.size(); ++i) {
      if (owner_of[i] != UINT32_MAX) g.rows[fillp[owner_of[i]]++] = members[i];
    }
    return g;
  }
  // Sub-year records of the owner, or its target rows, in the year.
  const bool periods = src.kind == op::periods;
  const id key = (periods ? 0x40000000U + owner_entity * 8U + src.ref : 0x20000000U + src.ref);
  auto [it, fresh] = groups_.try_emplace({key, year});
  if (!fresh) return it->second;
  const auto& table = periods ? d_.records[owner_entity][src.ref] : d_.targets[src.ref];
  const std::size_t owners = d_.entities[owner_entity].keys.size();
  auto& g = it->second;
  g.offsets.assign(owners + 1, 0);
  for (std::size_t i = 0; i < table.entity.size(); ++i) {
    if (table.year[i] == year) ++g.offsets[table.entity[i] + 1];
  }
  for (std::size_t o = 0; o < owners; ++o) g.offsets[o + 1] += g.offsets[o];
  g.rows.resize(g.offsets[owners]);
  g.sub.resize(g.offsets[owners]);
  std::vector<std::uint32_t> fillp(g.offsets.begin(), g.offsets.end() - 1);
  for (std::size_t i = 0; i < table.entity.size(); ++i) {
    if (table.year[i] != year) continue;
    const auto at = fillp[table.entity[i]]++;
    g.rows[at] = table.entity[i];
    g.sub[at] = static_cast<std::int64_t>(i);
  }
  return g;
}

void engine::ensure_aggregate(id ei, id owner_entity, int year) {
  if (aggregates_.count({ei, year}) != 0) return;
  const auto& e = p_.exprs[ei];
  const auto& src = p_.exprs[e.args[0]];
  const id member = src.kind == op::relation  ? p_.relations[src.ref].member
                    : src.kind == op::periods ? owner_entity
                                              : p_.targets[src.ref].entity;
  const id filter = e.args[1];
  const id value = e.args[2];
  if (filter != no_id) prepare(filter, member, year);
  if (value != no_id) prepare(value, member, year);
  const csr& g = group(src, owner_entity, year);
  const std::size_t m = g.rows.size();
  const bool boolean = value != no_id && p_.exprs[value].t.kind == type_kind::boolean;
  const int vscale = value != no_id ? fraction_scale(p_.exprs[value].t) : 0;
  // Filter and value over every member row at once (in parallel batches).
  std::vector<std::uint8_t> fk(m, 1), fv(m, 1);
  vec val;
  if (value != no_id) val.resize(m);
  if (value != no_id && may_be_rational(value)) val.den.assign(m, 1);
  const std::size_t batches = (m + batch_size - 1) / batch_size;
  pool_.run(batches, [&](std::size_t b) {
    const std::size_t lo = b * batch_size;
    const std::size_t n = std::min(batch_size, m - lo);
    const frame f{
        member, year, std::span(g.rows).subspan(lo, n),
        g.sub.empty() ? std::span<const std::int64_t>() : std::span(g.sub).subspan(lo, n)};
    vec tmp;
    if (filter != no_id) {
      eval(filter, f, tmp);
      for (std::size_t i = 0; i < n; ++i) {
        fk[lo + i] = tmp.k[i];
        fv[lo + i] = tmp.v[i] != 0 ? 1 : 0;
      }
    }
    if (value != no_id) {
      eval(value, f, tmp);
      for (std::size_t i = 0; i < n; ++i) {
        val.v[lo + i] = tmp.v[i];
        val.k[lo + i] = tmp.k[i];
        if (!val.den.empty()) {
          val.den[lo + i] = tmp.den.empty() ? pow10_table[vscale] : tmp.den[i];
        }
      }
    }
  });
  const int rscale = fraction_scale(e.t);
  const std::size_t owners = g.offsets.size() - 1;
  vec out;
  out.resize(owners);
  if (e.kind == op::agg_share) out.den.assign(owners, 1);
  const bool rational_values = !val.den.empty();
  if (e.kind == op::agg_min || e.kind == op::agg_max) {
    if (rational_values) out.den.assign(owners, 1);
  }
  const std::size_t obatches = (owners + batch_size - 1) / batch_size;
  pool_.run(obatches, [&](std::size_t b) {
    const std::size_t lo = b * batch_size;
    const std::size_t hi = std::min(owners, lo + batch_size);
    for (std::size_t o = lo; o < hi; ++o) {
      std::int64_t n = 0, count = 0;
      bool any_unknown = false, any_true = false, any_false = false;
      i128 sum_num = 0, sum_den = 1;
      std::size_t best = SIZE_MAX;
      for (std::size_t i = g.offsets[o]; i < g.offsets[o + 1]; ++i) {
        if (filter != no_id) {
          if (fk[i] == 0) {
            any_unknown = true;
            continue;
          }
          if (fv[i] == 0) continue;
        }
        ++n;
        if (value == no_id) continue;
        if (val.k[i] == 0) {
          any_unknown = true;
          continue;
        }
        if (boolean) {
          (val.v[i] != 0 ? any_true : any_false) = true;
          count += val.v[i] != 0 ? 1 : 0;
          continue;
        }
        const fraction x = frac(val, i, vscale);
        if (rational_values) {
          sum_num = sum_num * x.den + x.num * sum_den;
          sum_den *= x.den;
          const i128 gg = gcd_wide(sum_num, sum_den);
          if (gg > 1) {
            sum_num /= gg;
            sum_den /= gg;
          }
        } else {
          sum_num += val.v[i];
          sum_den = pow10_table[vscale];
        }
        if (best == SIZE_MAX) {
          best = i;
        } else {
          const int c = cmp(x, frac(val, best, vscale));
          if ((e.kind == op::agg_min && c < 0) || (e.kind == op::agg_max && c > 0)) best = i;
        }
      }
      bool known = true;
      i128 r = 0;
      switch (e.kind) {
        case op::agg_all:
          known = any_false || !any_unknown;
          r = any_false ? 0 : 1;
          break;
        case op::agg_any:
          known = any_true || !any_unknown;
          r = any_true ? 1 : 0;
          break;
        case op::agg_none:
          known = any_true || !any_unknown;
          r = any_true ? 0 : 1;
          break;
        case op::agg_count:
          known = !any_unknown;
          r = value == no_id ? n : count;
          break;
        case op::agg_share:
          known = !any_unknown && n != 0;
          r = count;
          if (known) out.den[o] = n;
          break;
        case op::agg_sum:
          known = !any_unknown;
          // At the result's scale (the value's scale); a rational sum must land on it exactly
          // or be rounded the way the reference rounds output.
          r = n == 0 ? 0 : round_div(sum_num * pow10_table[rscale], sum_den);
          break;
        case op::agg_avg:
          known = !any_unknown && n != 0;
          if (known) r = round_div(sum_num * pow10_wide(rscale), sum_den * n);
          break;
        default:  // min, max
          known = !any_unknown && best != SIZE_MAX;
          if (known) {
            r = val.v[best];
            if (rational_values) out.den[o] = val.den[best];
          }
          break;
      }
      if (!fits(r)) {
        flag_overflow(ei);
        r = 0;
      }
      out.v[o] = static_cast<std::int64_t>(r);
      out.k[o] = known ? 1 : 0;
    }
  });
  aggregates_.emplace(std::make_pair(ei, year), std::move(out));
}

bool engine::may_be_rational(id ei) const {
  const auto& e = p_.exprs[ei];
  switch (e.kind) {
    case op::agg_share:
    case op::score:
      return true;
    case op::let:
      return may_be_rational(p_.lets[e.ref].value);
    case op::add:
    case op::sub:
    case op::mul:
    case op::min2:
    case op::max2: {
      // Down the left spine with a loop (long sums), right operands recursively (shallow).
      id at = ei;
      for (;;) {
        const auto k = p_.exprs[at].kind;
        if (k != op::add && k != op::sub && k != op::mul && k != op::min2 && k != op::max2) break;
        if (may_be_rational(p_.exprs[at].args[1])) return true;
        at = p_.exprs[at].args[0];
      }
      return may_be_rational(at);
    }
    case op::choose:
      return may_be_rational(e.args[1]) || may_be_rational(e.args[2]);
    case op::neg:
    case op::at_year:
    case op::agg_min:
    case op::agg_max:
      return std::any_of(e.args.begin(), e.args.end(),
                         [&](id a) { return a != no_id && may_be_rational(a); });
    default:
      return false;
  }
}

void engine::flag_overflow(id e) const {
  overflowed_.store(true);
  if (e == no_id) return;
  // Keep the lowest expression id, so the report does not depend on thread scheduling.
  id seen = overflow_expr_.load();
  while ((seen == no_id || e < seen) && !overflow_expr_.compare_exchange_weak(seen, e)) {
  }
}

// ---- the kernels --------------------------------------------------------------------------------

void engine::eval(id ei, const frame& f, vec& out) const {
  const auto& e = p_.exprs[ei];
  out.resize(f.size());
  out.den.clear();
  out.text.clear();
  if (navigable(e.kind) && !e.args.empty()) {
    navigate(e, ei, f, out);
    return;
  }
  eval_local(e, ei, f, out);
}

void engine::navigate(const check::expr& e, id ei, const frame& f, vec& out) const {
  vec base;
  eval(e.args[0], f, base);
  subset s;
  for (std::size_t i = 0; i < f.size(); ++i) {
    if (base.k[i] == 0) continue;
    s.rows.push_back(static_cast<std::uint32_t>(base.v[i]));
    s.lanes.push_back(static_cast<std::uint32_t>(i));
  }
  const frame g{p_.exprs[e.args[0]].t.ref, f.year, s.rows, {}, f.ov};
  vec tmp;
  tmp.resize(s.rows.size());
  eval_local(e, ei, g, tmp);
  set_unknown(out);
  for (std::size_t j = 0; j < s.lanes.size(); ++j) put(out, s.lanes[j], tmp, j);
}

void engine::field(const check::expr& e, const frame& f, vec& out) const {
  const auto& fd = p_.fields[e.ref];
  const data::column* col = column_of_[e.ref];
  if (col == nullptr) {
    set_unknown(out);
    return;
  }
  const int from = storage_scale(fd.t);
  const int to = fraction_scale(e.t);
  const std::int64_t mul = to > from ? pow10_table[to - from] : 1;
  const bool text = fd.t.kind == type_kind::text;
  if (text) out.text.assign(f.size(), nullptr);
  auto take = [&](std::size_t i, std::int64_t at) {
    if (at < 0 || !col->is_known(static_cast<std::size_t>(at))) {
      out.v[i] = 0;
      out.k[i] = 0;
      return;
    }
    const auto v = col->value(static_cast<std::size_t>(at));
    out.k[i] = 1;
    if (text) {
      out.v[i] = v;
      out.text[i] = &col->strings[static_cast<std::size_t>(v)];
    } else if (mul == 1) {
      out.v[i] = v;
    } else if (__builtin_mul_overflow(v, mul, &out.v[i])) {
      flag_overflow(static_cast<id>(&e - p_.exprs.data()));
    }
  };
  if (!fd.record) {
    for (std::size_t i = 0; i < f.size(); ++i) take(i, f.rows[i]);
  } else if (*fd.record == check::period::year) {
    const year_index* ix = find_index(fd.entity, f.year);
    if (ix == nullptr) {
      set_unknown(out);
      return;
    }
    for (std::size_t i = 0; i < f.size(); ++i) take(i, ix->record[f.rows[i]]);
  } else if (f.sub.empty()) {
    set_unknown(out);
  } else {
    for (std::size_t i = 0; i < f.size(); ++i) take(i, f.sub[i]);
  }
  // A what-if replaces the value of one row (a yearly field in the overlay's year only).
  if (f.ov != nullptr && fd.entity == f.ov->entity && (!fd.record || f.year == f.ov->year)) {
    const auto it = f.ov->fields.find(e.ref);
    if (it == f.ov->fields.end()) return;
    for (std::size_t i = 0; i < f.size(); ++i) {
      if (f.rows[i] != f.ov->row) continue;
      out.k[i] = it->second.known ? 1 : 0;
      out.v[i] = 0;
      if (!it->second.known) continue;
      if (text) {
        out.text[i] = &it->second.text;
      } else if (__builtin_mul_overflow(it->second.v, mul, &out.v[i])) {
        flag_overflow(static_cast<id>(&e - p_.exprs.data()));
      }
    }
  }
}

void engine::eval_local(const check::expr& e, id ei, const frame& f, vec& out) const {
  const std::size_t n = f.size();
  switch (e.kind) {
    case op::lit_bool:
    case op::lit_int:
    case op::lit_decimal:
    case op::lit_percent:
    case op::lit_money:
    case op::lit_date:
    case op::lit_code:
      fill(out, e.value);
      return;
    case op::lit_text:
      fill(out, 0);
      out.text.assign(n, &e.text);
      return;
    case op::lit_set: {
      std::uint64_t mask = 0;
      for (const id a : e.args) mask |= std::uint64_t{1} << p_.exprs[a].value;
      fill(out, static_cast<std::int64_t>(mask));
      return;
    }
    case op::named_set: {
      std::uint64_t mask = 0;
      for (const id k : p_.sets[e.ref].codes) mask |= std::uint64_t{1} << k;
      fill(out, static_cast<std::int64_t>(mask));
      return;
    }
    case op::year:
      fill(out, f.year);
      return;
    case op::key: {
      fill(out, 0);
      out.text.resize(n);
      for (std::size_t i = 0; i < n; ++i) out.text[i] = &d_.entities[f.entity].keys[f.rows[i]];
      return;
    }
    case op::field:
      field(e, f, out);
      return;
    case op::title: {
      const auto it = titles_.find({e.ref, f.year});
      if (it == titles_.end()) throw std::logic_error("engine: title read before it was decided");
      for (std::size_t i = 0; i < n; ++i) {
        const auto t = title_at(e.ref, f, i, it->second);
        out.v[i] = t == yes ? 1 : 0;
        out.k[i] = t == unknown ? 0 : 1;
      }
      return;
    }
    case op::let:
      eval(p_.lets[e.ref].value, frame{p_.lets[e.ref].entity, f.year, f.rows, f.sub, f.ov}, out);
      return;
    case op::form: {
      const auto it = forms_.find({e.ref, f.year});
      if (it == forms_.end()) throw std::logic_error("engine: form read before it was decided");
      for (std::size_t i = 0; i < n; ++i) {
        out.v[i] = form_at(e.ref, f, i, it->second);
        out.k[i] = 1;
      }
      return;
    }
    case op::score:
      score(e.ref, f, out, false);
      return;
    case op::band:
      score(e.ref, f, out, true);
      return;
    case op::param: {
      const auto& p = p_.params[e.ref];
      const std::int32_t date = decision_date(f.year);
      const check::param_value* found = nullptr;
      for (const auto& v : p.values) {
        if (v.from <= date) found = &v;
      }
      if (found == nullptr || (p.until && date >= *p.until)) {
        set_unknown(out);
        return;
      }
      const int from = storage_scale(p.t);
      const int to = fraction_scale(e.t);
      std::int64_t v = found->value;
      if (to > from && __builtin_mul_overflow(v, pow10_table[to - from], &v)) flag_overflow(ei);
      fill(out, v);
      if (p.t.kind == type_kind::text) out.text.assign(n, &found->text);
      return;
    }
    case op::reward_total:
      rewards(f, out);
      return;
    case op::not_: {
      eval(e.args[0], f, out);
      for (std::size_t i = 0; i < n; ++i) out.v[i] = out.v[i] == 0 ? 1 : 0;
      return;
    }
    case op::neg: {
      eval(e.args[0], f, out);
      for (std::size_t i = 0; i < n; ++i) out.v[i] = -out.v[i];
      return;
    }
    case op::and_:
    case op::or_:
    case op::add:
    case op::sub:
    case op::mul:
    case op::div:
    case op::min2:
    case op::max2:
      chain(e, ei, f, out);
      return;
    case op::eq:
    case op::ne:
    case op::lt:
    case op::le:
    case op::gt:
    case op::ge:
      compare(e, f, out);
      return;
    case op::in:
    case op::not_in: {
      vec s;
      eval(e.args[0], f, out);
      eval(e.args[1], f, s);
      const bool want = e.kind == op::in;
      for (std::size_t i = 0; i < n; ++i) {
        const bool member =
            ((static_cast<std::uint64_t>(s.v[i]) >> (static_cast<std::uint64_t>(out.v[i]) & 63U)) &
             1U) != 0;
        out.v[i] = member == want ? 1 : 0;
        out.k[i] = out.k[i] & s.k[i];
      }
      return;
    }
    case op::floor:
    case op::ceil:
    case op::round: {
      eval(e.args[0], f, out);
      const int from = fraction_scale(p_.exprs[e.args[0]].t);
      const int to = fraction_scale(e.t);
      for (std::size_t i = 0; i < n; ++i) {
        if (out.k[i] == 0) continue;
        const fraction x = frac(out, i, from);
        i128 r = e.kind == op::floor  ? floor_div(x.num, x.den)
                 : e.kind == op::ceil ? ceil_div(x.num, x.den)
                                      : round_div(x.num, x.den);
        r *= pow10_table[to];
        if (!fits(r)) {
          flag_overflow(ei);
          r = 0;
        }
        out.v[i] = static_cast<std::int64_t>(r);
      }
      out.den.clear();
      return;
    }
    case op::months_served: {
      eval(e.args[0], f, out);
      const std::int32_t end = decision_date(f.year);
      for (std::size_t i = 0; i < n; ++i) {
        out.v[i] =
            out.k[i] != 0 ? check::months_served(static_cast<std::int32_t>(out.v[i]), end) : 0;
      }
      return;
    }
    case op::choose: {
      vec c;
      vec b;
      eval(e.args[0], f, c);
      eval(e.args[1], f, out);
      eval(e.args[2], f, b);
      const int rs = fraction_scale(e.t);
      const int as = fraction_scale(p_.exprs[e.args[1]].t);
      const int bs = fraction_scale(p_.exprs[e.args[2]].t);
      const bool rational = !out.den.empty() || !b.den.empty();
      if (rational && out.den.empty()) out.den.assign(n, pow10_table[as]);
      auto up = [&](std::int64_t& v, int from) {
        if (!rational && rs > from && __builtin_mul_overflow(v, pow10_table[rs - from], &v)) {
          flag_overflow(ei);
          v = 0;
        }
      };
      for (std::size_t i = 0; i < n; ++i) {
        if (c.k[i] == 0) {
          out.k[i] = 0;
          out.v[i] = 0;
          if (rational) out.den[i] = 1;
          continue;
        }
        if (c.v[i] != 0) {
          up(out.v[i], as);
          continue;
        }
        out.v[i] = b.v[i];
        out.k[i] = b.k[i];
        if (rational) out.den[i] = b.den.empty() ? pow10_table[bs] : b.den[i];
        if (!out.text.empty()) out.text[i] = b.text[i];
        up(out.v[i], bs);
      }
      return;
    }
    case op::known:
      eval(e.args[0], f, out);
      for (std::size_t i = 0; i < n; ++i) {
        out.v[i] = out.k[i];
        out.k[i] = 1;
      }
      out.den.clear();
      out.text.clear();
      return;
    case op::agg_all:
    case op::agg_any:
    case op::agg_none:
    case op::agg_count:
    case op::agg_share:
    case op::agg_sum:
    case op::agg_avg:
    case op::agg_min:
    case op::agg_max:
      aggregate_read(e, ei, f, out);
      return;
    case op::at_year:
    case op::streak:
    case op::count_years:
    case op::years_since:
      history(e, f, out);
      return;
    case op::held:
    case op::times_held: {
      // held: decided in any of the years; times_held: in how many of them.
      const bool count = e.kind == op::times_held;
      for (std::size_t i = 0; i < n; ++i) {
        out.v[i] = 0;
        out.k[i] = 1;
      }
      for (int k = e.window ? 1 : e.offset; k <= e.offset; ++k) {
        const auto& h = held_.at({e.ref, f.year - k});
        for (std::size_t i = 0; i < n; ++i) {
          const std::int64_t was = h[f.rows[i]] != 0 ? 1 : 0;
          out.v[i] = count ? out.v[i] + was : (out.v[i] | was);
        }
      }
      return;
    }
    case op::has_record:
      for (std::size_t i = 0; i < n; ++i) {
        out.v[i] = has_row(f.entity, f.rows[i], f.year - e.offset) ? 1 : 0;
        out.k[i] = 1;
      }
      return;
    case op::achieved:
      eval(p_.targets[e.ref].achieved, f, out);
      return;
    case op::relation:
    case op::periods:
    case op::target_rows:
      break;
  }
  throw std::logic_error("engine: operation not supported here");
}

void engine::compare(const check::expr& e, const frame& f, vec& out) const {
  vec b;
  eval(e.args[0], f, out);
  eval(e.args[1], f, b);
  const std::size_t n = f.size();
  const int as = fraction_scale(p_.exprs[e.args[0]].t);
  const int bs = fraction_scale(p_.exprs[e.args[1]].t);
  auto decide = [&](int c) {
    switch (e.kind) {
      case op::eq:
        return c == 0;
      case op::ne:
        return c != 0;
      case op::lt:
        return c < 0;
      case op::le:
        return c <= 0;
      case op::gt:
        return c > 0;
      default:
        return c >= 0;
    }
  };
  if (!out.text.empty()) {
    for (std::size_t i = 0; i < n; ++i) {
      const bool k = out.k[i] != 0 && b.k[i] != 0;
      out.v[i] = k && decide(out.text[i]->compare(*b.text[i])) ? 1 : 0;
      out.k[i] = k ? 1 : 0;
    }
    out.text.clear();
    return;
  }
  if (out.den.empty() && b.den.empty()) {
    // Fast path: both scaled integers; bring them to a common scale.
    const int s = std::max(as, bs);
    const std::int64_t ma = pow10_table[s - as];
    const std::int64_t mb = pow10_table[s - bs];
    for (std::size_t i = 0; i < n; ++i) {
      const i128 x = i128{out.v[i]} * ma;
      const i128 y = i128{b.v[i]} * mb;
      out.v[i] = decide(x < y ? -1 : x > y ? 1 : 0) ? 1 : 0;
      out.k[i] = out.k[i] & b.k[i];
    }
    return;
  }
  for (std::size_t i = 0; i < n; ++i) {
    const bool k = out.k[i] != 0 && b.k[i] != 0;
    out.v[i] = k && decide(cmp(frac(out, i, as), frac(b, i, bs))) ? 1 : 0;
    out.k[i] = k ? 1 : 0;
  }
  out.den.clear();
}

void engine::chain(const check::expr& top, id top_id, const frame& f, vec& out) const {
  // A left-deep chain (a + b + c + ..., a and b and ...) is evaluated along its left spine with
  // a loop: the leftmost operand first, then each node combines its right operand.
  std::vector<id> spine{top_id};
  for (id at = top.args[0]; chained(p_.exprs[at].kind); at = p_.exprs[at].args[0]) {
    spine.push_back(at);
  }
  eval(p_.exprs[spine.back()].args[0], f, out);
  for (auto it = spine.rbegin(); it != spine.rend(); ++it) {
    const auto& node = p_.exprs[*it];
    if (node.kind == op::and_ || node.kind == op::or_) {
      logical(node, f, out);
    } else {
      arithmetic(node, *it, f, out);
    }
  }
}

void engine::logical(const check::expr& e, const frame& f, vec& out) const {
  vec b;
  eval(e.args[1], f, b);
  const std::size_t n = f.size();
  const bool is_and = e.kind == op::and_;
  for (std::size_t i = 0; i < n; ++i) {
    const bool af = out.k[i] != 0 && (out.v[i] != 0) != is_and;  // decisive: false for and
    const bool bf = b.k[i] != 0 && (b.v[i] != 0) != is_and;
    if (af || bf) {
      out.v[i] = is_and ? 0 : 1;
      out.k[i] = 1;
    } else {
      out.v[i] = is_and ? 1 : 0;
      out.k[i] = out.k[i] & b.k[i];
    }
  }
}

void engine::arithmetic(const check::expr& e, id ei, const frame& f, vec& out) const {
  // `out` holds the left operand's value.
  vec b;
  eval(e.args[1], f, b);
  const std::size_t n = f.size();
  const int as = fraction_scale(p_.exprs[e.args[0]].t);
  const int bs = fraction_scale(p_.exprs[e.args[1]].t);
  const int rs = fraction_scale(e.t);
  const bool rational = !out.den.empty() || !b.den.empty();
  auto store = [&](std::size_t i, i128 r) {
    if (!fits(r)) {
      flag_overflow(ei);
      r = 0;
    }
    out.v[i] = static_cast<std::int64_t>(r);
  };
  if (!rational) {
    switch (e.kind) {
      case op::add:
      case op::sub:
      case op::min2:
      case op::max2: {
        const std::int64_t ma = pow10_table[std::max(0, rs - as)];
        const std::int64_t mb = pow10_table[std::max(0, rs - bs)];
        for (std::size_t i = 0; i < n; ++i) {
          const i128 x = i128{out.v[i]} * ma;
          const i128 y = i128{b.v[i]} * mb;
          i128 r = e.kind == op::add    ? x + y
                   : e.kind == op::sub  ? x - y
                   : e.kind == op::min2 ? std::min(x, y)
                                        : std::max(x, y);
          store(i, r);
          out.k[i] = out.k[i] & b.k[i];
        }
        return;
      }
      case op::mul: {
        // Exact: the product has as + bs places; the result type has as many (checker).
        const int shift = rs - (as + bs);
        for (std::size_t i = 0; i < n; ++i) {
          i128 r = i128{out.v[i]} * b.v[i];
          if (shift > 0) r *= pow10_table[shift];
          if (shift < 0) r = round_div(r, pow10_table[-shift]);
          store(i, r);
          out.k[i] = out.k[i] & b.k[i];
        }
        return;
      }
      default: {  // div: rs places, rounded half away from zero
        for (std::size_t i = 0; i < n; ++i) {
          if (b.v[i] == 0) {
            out.k[i] = 0;
            out.v[i] = 0;
            continue;
          }
          i128 num = i128{out.v[i]} * pow10_wide(rs + bs - as < 0 ? 0 : rs + bs - as);
          i128 den = b.v[i];
          if (rs + bs - as < 0) den *= pow10_wide(as - rs - bs);
          if (den < 0) {
            num = -num;
            den = -den;
          }
          store(i, round_div(num, den));
          out.k[i] = out.k[i] & b.k[i];
        }
        return;
      }
    }
  }
  // Slow path: an operand is an exact rational (a share).
  std::vector<std::int64_t> den(n, 1);
  bool result_rational = e.kind != op::div;
  for (std::size_t i = 0; i < n; ++i) {
    const bool k = out.k[i] != 0 && b.k[i] != 0;
    if (!k) {
      out.k[i] = 0;
      out.v[i] = 0;
      continue;
    }
    const fraction x = frac(out, i, as);
    const fraction y = frac(b, i, bs);
    fraction r{0, 1};
    switch (e.kind) {
      case op::add:
        r = {x.num * y.den + y.num * x.den, x.den * y.den};
        break;
      case op::sub:
        r = {x.num * y.den - y.num * x.den, x.den * y.den};
        break;
      case op::mul:
        r = {x.num * y.num, x.den * y.den};
        break;
      case op::min2:
        r = cmp(x, y) <= 0 ? x : y;
        break;
      case op::max2:
        r = cmp(x, y) <= 0 ? y : x;
        break;
      default: {
        if (y.num == 0) {
          out.k[i] = 0;
          out.v[i] = 0;
          continue;
        }
        i128 num = x.num * y.den * pow10_table[rs];
        i128 d2 = x.den * y.num;
        if (d2 < 0) {
          num = -num;
          d2 = -d2;
        }
        store(i, round_div(num, d2));
        out.k[i] = 1;
        continue;
      }
    }
    const i128 g = gcd_wide(r.num, r.den);
    if (g > 1) {
      r.num /= g;
      r.den /= g;
    }
    if (!fits(r.num) || !fits(r.den)) {
      flag_overflow(ei);
      r = {0, 1};
    }
    out.v[i] = static_cast<std::int64_t>(r.num);
    den[i] = static_cast<std::int64_t>(r.den);
    out.k[i] = 1;
  }
  if (result_rational) {
    out.den = std::move(den);
  } else {
    out.den.clear();
  }
}

void engine::aggregate_read(const check::expr& e, id ei, const frame& f, vec& out) const {
  const auto it = aggregates_.find({ei, f.year});
  if (it == aggregates_.end()) throw std::logic_error("engine: aggregate read before computed");
  const vec& a = it->second;
  const auto& src = p_.exprs[e.args[0]];
  const std::size_t n = f.size();
  if (!a.den.empty()) out.den.assign(n, 1);
  auto take = [&](std::size_t i, std::size_t o) {
    out.v[i] = a.v[o];
    out.k[i] = a.k[o];
    if (!a.den.empty()) out.den[i] = a.den[o];
  };
  if (src.kind == op::relation && !src.args.empty()) {
    vec owner;
    eval(src.args[0], f, owner);
    for (std::size_t i = 0; i < n; ++i) {
      if (owner.k[i] == 0) {
        out.v[i] = 0;
        out.k[i] = 0;
        continue;
      }
      take(i, static_cast<std::size_t>(owner.v[i]));
    }
    return;
  }
  for (std::size_t i = 0; i < n; ++i) take(i, f.rows[i]);
}

void engine::history(const check::expr& e, const frame& f, vec& out) const {
  const std::size_t n = f.size();
  auto rows_at = [&](int y, const std::vector<std::uint32_t>& lanes, subset& s) {
    s = subset{};
    for (const auto i : lanes) {
      if (has_row(f.entity, f.rows[i], y)) s.add(frame{f.entity, y, f.rows, {}, f.ov}, i);
    }
  };
  std::vector<std::uint32_t> all(n);
  std::iota(all.begin(), all.end(), 0U);
  vec v;
  subset s;
  if (e.kind == op::at_year) {
    const int y = f.year - e.offset;
    rows_at(y, all, s);
    set_unknown(out);
    eval(e.args[0], s.at(f, y), v);
    for (std::size_t j = 0; j < s.lanes.size(); ++j) put(out, s.lanes[j], v, j);
    return;
  }
  fill(out, 0);
  if (e.kind == op::streak) {
    std::vector<std::uint32_t> active = all;
    for (int y = f.year; !active.empty(); --y) {
      rows_at(y, active, s);
      eval(e.args[0], s.at(f, y), v);
      active.clear();
      for (std::size_t j = 0; j < s.lanes.size(); ++j) {
        if (v.k[j] == 0 || v.v[j] == 0) continue;
        const auto i = s.lanes[j];
        if (++out.v[i] <= 200) active.push_back(i);
      }
    }
    return;
  }
  if (e.kind == op::count_years) {
    for (int k = 0; k < e.offset; ++k) {
      rows_at(f.year - k, all, s);
      eval(e.args[0], s.at(f, f.year - k), v);
      for (std::size_t j = 0; j < s.lanes.size(); ++j) {
        if (v.k[j] != 0 && v.v[j] != 0) ++out.v[s.lanes[j]];
      }
    }
    return;
  }
  // years_since: the first earlier year (up to 100 back) where the condition held.
  std::vector<std::uint32_t> open = all;
  std::fill(out.k.begin(), out.k.end(), 0);
  for (int k = 1; k <= 100 && !open.empty(); ++k) {
    rows_at(f.year - k, open, s);
    if (s.lanes.empty()) {
      // No lane has a row this year; stop once below every year of the data.
      if (f.entity != no_id && d_.records[f.entity][0].present &&
          f.year - k < min_year_[f.entity]) {
        break;
      }
      continue;
    }
    eval(e.args[0], s.at(f, f.year - k), v);
    std::vector<std::uint8_t> found(n, 0);
    for (std::size_t j = 0; j < s.lanes.size(); ++j) {
      if (v.k[j] != 0 && v.v[j] != 0) {
        out.v[s.lanes[j]] = k;
        out.k[s.lanes[j]] = 1;
        found[s.lanes[j]] = 1;
      }
    }
    std::erase_if(open, [&](std::uint32_t i) { return found[i] != 0; });
  }
}

void engine::score(id si, const frame& f, vec& out, bool band) const {
  const auto& st = p_.scores[si];
  const std::size_t n = f.size();
  const int ts = st.scale;  // points are decimal(scale)
  std::vector<i128> total_num(n, 0);
  std::vector<i128> total_den(n, 1);
  std::vector<std::uint8_t> known(n, 1);
  vec w;
  vec v;
  for (const auto& item : st.items) {
    if (item.when != no_id) eval(item.when, f, w);
    eval(item.points, f, v);
    const int ps = fraction_scale(p_.exprs[item.points].t);
    for (std::size_t i = 0; i < n; ++i) {
      if (known[i] == 0) continue;
      if (item.when != no_id) {
        if (w.k[i] == 0) {
          known[i] = 0;
          continue;
        }
        if (w.v[i] == 0) continue;
      }
      if (v.k[i] == 0) {
        known[i] = 0;
        continue;
      }
      fraction x = frac(v, i, ps);
      if (item.cap && cmp(x, fraction{*item.cap, pow10_table[ts]}) > 0) {
        x = fraction{*item.cap, pow10_table[ts]};
      }
      total_num[i] = total_num[i] * x.den + x.num * total_den[i];
      total_den[i] *= x.den;
      const i128 g = gcd_wide(total_num[i], total_den[i]);
      if (g > 1) {
        total_num[i] /= g;
        total_den[i] /= g;
      }
    }
  }
  if (!band) out.den.assign(n, 1);
  for (std::size_t i = 0; i < n; ++i) {
    fraction t{total_num[i], total_den[i]};
    if (st.cap && cmp(t, fraction{*st.cap, pow10_table[ts]}) > 0) t = {*st.cap, pow10_table[ts]};
    out.k[i] = known[i];
    if (known[i] == 0) {
      out.v[i] = 0;
      continue;
    }
    if (band) {
      out.k[i] = 0;
      out.v[i] = 0;
      for (const auto& b : st.bands) {
        if (!b.min || cmp(t, fraction{*b.min, pow10_table[ts]}) >= 0) {
          out.v[i] = b.code;
          out.k[i] = 1;
          break;
        }
      }
      continue;
    }
    if (!fits(t.num) || !fits(t.den)) {
      flag_overflow(no_id);
      t = {0, 1};
    }
    out.v[i] = static_cast<std::int64_t>(t.num);
    out.den[i] = static_cast<std::int64_t>(t.den);
  }
}

void engine::rewards(const frame& f, vec& out) const {
  const std::size_t n = f.size();
  out.resize(n);
  out.den.clear();
  out.text.clear();
  std::vector<i128> total(n, 0);
  vec a;
  for (id ri = 0; ri < p_.rewards.size(); ++ri) {
    const auto& r = p_.rewards[ri];
    if (p_.titles[r.title].entity != f.entity) continue;
    const auto& tv = titles_.at({r.title, f.year});
    subset s;
    for (std::size_t i = 0; i < n; ++i) {
      if (title_at(r.title, f, i, tv) != yes) continue;
      bool paid = true;
      for (id fi = 0; fi < p_.forms.size(); ++fi) {
        const auto& aw = p_.forms[fi].awards;
        const auto pos = std::find(aw.begin(), aw.end(), r.title);
        if (pos != aw.end()) paid = form_at(fi, f, i, forms_.at({fi, f.year})) == pos - aw.begin();
      }
      if (paid) s.add(f, i);
    }
    if (s.lanes.empty()) continue;
    eval(r.amount, s.at(f, f.year), a);
    const int as = fraction_scale(p_.exprs[r.amount].t);
    for (std::size_t j = 0; j < s.lanes.size(); ++j) {
      if (a.k[j] == 0) continue;
      const fraction x = frac(a, j, as);
      total[s.lanes[j]] += round_div(x.num, x.den * r.round_to) * r.round_to;
    }
  }
  for (std::size_t i = 0; i < n; ++i) {
    if (!fits(total[i])) {
      flag_overflow(no_id);
      total[i] = 0;
    }
    out.v[i] = static_cast<std::int64_t>(total[i]);
    out.k[i] = 1;
  }
}

// ---- what-if: one row with edited values, the population as decided -----------------------

namespace {

// Orders lane a of `x` against lane b of `y` (same expression, so the same scale): known values
// first, then by value (text by bytes, numbers exactly).
int compare_lanes(const vec& x, std::size_t a, const vec& y, std::size_t b, int scale) {
  if (x.k[a] == 0 || y.k[b] == 0) return x.k[a] == y.k[b] ? 0 : (x.k[a] != 0 ? -1 : 1);
  if (!x.text.empty() && !y.text.empty()) {
    const int c = x.text[a]->compare(*y.text[b]);
    return c < 0 ? -1 : c > 0 ? 1 : 0;
  }
  return cmp(frac(x, a, scale), frac(y, b, scale));
}

}  // namespace

void engine::what_if(overlay& ov) const {
  // The entity's titles in the order the population run decided them: each after the titles it
  // reads in the same year, so one pass decides them all.
  std::vector<id> ts;
  for (const auto& [t, y] : decided_) {
    if (y == ov.year && p_.titles[t].entity == ov.entity) ts.push_back(t);
  }
  for (const id t : ts) ov.titles[t] = titles_.at({t, ov.year})[ov.row];
  ov.ranks.clear();
  const std::uint32_t rows[1] = {ov.row};
  const frame f{ov.entity, ov.year, rows, {}, &ov};
  for (const id t : ts) ov.titles[t] = decide_one(t, f, ov);
  for (id fi = 0; fi < p_.forms.size(); ++fi) {
    const auto& fm = p_.forms[fi];
    if (fm.entity != ov.entity) continue;
    std::int32_t sel = -1;
    for (std::size_t a = 0; a < fm.awards.size() && sel < 0; ++a) {
      if (ov.titles[fm.awards[a]] == yes) sel = static_cast<std::int32_t>(a);
    }
    ov.forms[fi] = sel;
  }
}

std::uint8_t engine::decide_one(id t, const frame& f, overlay& ov) const {
  const auto& tt = p_.titles[t];
  if (!in_window(tt.from, tt.to, f.year)) return no;
  std::vector<std::uint8_t> tri(1, yes);
  requirements(t, f, tri);
  if (tri[0] != yes || (!tt.quota_rule && !tt.rank_rule)) return tri[0];
  // A candidate: its place among the population's candidates of its group, as decided.
  const id per = tt.quota_rule ? tt.quota_rule->per : tt.rank_rule->per;
  const auto& keys = tt.quota_rule ? tt.quota_rule->keys : tt.rank_rule->keys;
  vec group;
  eval(per, f, group);
  std::vector<vec> mine(keys.size());
  for (std::size_t k = 0; k < keys.size(); ++k) eval(keys[k].key, f, mine[k]);
  // The decided candidates are in rank order, groups contiguous and ordered by group value, each
  // group ordered by the keys: binary searches (one-lane evaluations) find the group, then the
  // place this row would take in it.
  const int gscale = fraction_scale(p_.exprs[per].t);
  std::int32_t rank = 1;
  if (const rank_info* info = ranks(t, f.year)) {
    const auto& order = info->order;
    auto one = [&](id expr, std::size_t at, vec& v) {
      const std::uint32_t r[1] = {order[at]};
      eval(expr, frame{tt.entity, f.year, r, {}}, v);
    };
    vec v;
    auto group_cmp = [&](std::size_t at) {  // order[at]'s group against this row's
      one(per, at, v);
      return compare_lanes(v, 0, group, 0, gscale);
    };
    auto before = [&](std::size_t at) {  // order[at] ranks before this row
      for (std::size_t k = 0; k < keys.size(); ++k) {
        one(keys[k].key, at, v);
        int c = compare_lanes(v, 0, mine[k], 0, fraction_scale(p_.exprs[keys[k].key].t));
        if (keys[k].descending && v.k[0] != 0 && mine[k].k[0] != 0) c = -c;
        if (c != 0) return c < 0;
      }
      return order[at] < ov.row;  // past the keys (the entity key ends them): population order
    };
    auto search = [&](std::size_t lo, std::size_t hi, auto&& go_right) {
      while (lo < hi) {
        const std::size_t mid = lo + (hi - lo) / 2;
        if (go_right(mid)) {
          lo = mid + 1;
        } else {
          hi = mid;
        }
      }
      return lo;
    };
    const std::size_t glo =
        search(0, order.size(), [&](std::size_t at) { return group_cmp(at) < 0; });
    const std::size_t ghi =
        search(glo, order.size(), [&](std::size_t at) { return group_cmp(at) <= 0; });
    const std::size_t at = search(glo, ghi, before);
    // This row itself may be among the decided candidates: it is not its own competitor.
    std::size_t self = 0;
    for (std::size_t k = glo; k < at; ++k) self += order[k] == ov.row ? 1 : 0;
    rank = static_cast<std::int32_t>(at - glo - self + 1);
  }
  std::int64_t places = 0;
  if (tt.rank_rule) {
    places = tt.rank_rule->top;
  } else if (group.k[0] != 0) {
    const auto& q = *tt.quota_rule;
    const auto& pt = p_.exprs[per].t;
    const id gentity = pt.kind == type_kind::entity ? pt.ref : no_id;
    const std::uint32_t grow[1] = {gentity != no_id ? static_cast<std::uint32_t>(group.v[0]) : 0};
    vec count;
    eval(q.count, frame{gentity, f.year, grow, {}, &ov}, count);
    if (count.k[0] != 0) {
      const auto fr = frac(count, 0, fraction_scale(p_.exprs[q.count].t));
      const i128 pl = q.round == check::rounding::floor  ? floor_div(fr.num, fr.den)
                      : q.round == check::rounding::ceil ? ceil_div(fr.num, fr.den)
                                                         : round_div(fr.num, fr.den);
      places = fits(pl) ? static_cast<std::int64_t>(pl) : 0;
    }
  }
  ov.ranks[t] = {rank, places};
  return rank <= places ? yes : no;
}

std::int64_t engine::reward_of(const overlay& ov) const {
  const std::uint32_t rows[1] = {ov.row};
  vec out;
  rewards(frame{ov.entity, ov.year, rows, {}, &ov}, out);
  return out.v[0];
}

}  // namespace thidua::exec
