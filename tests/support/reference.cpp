#include "reference.hpp"

#include <algorithm>
#include <functional>
#include <map>
#include <numeric>
#include <optional>
#include <set>
#include <stdexcept>
#include <tuple>
#include <unordered_map>

namespace thidua::test {

namespace {

using check::id;
using check::no_id;
using check::op;
using check::type_kind;

__extension__ typedef __int128 i128;

i128 gcd128(i128 a, i128 b) {
  if (a < 0) a = -a;
  if (b < 0) b = -b;
  while (b != 0) {
    const i128 t = a % b;
    a = b;
    b = t;
  }
  return a;
}

// An exact rational number: what every numeric value is here.
struct rat {
  i128 n = 0;
  i128 d = 1;
  static rat of(i128 n, i128 d = 1) {
    if (d < 0) {
      n = -n;
      d = -d;
    }
    const i128 g = gcd128(n, d);
    if (g > 1) {
      n /= g;
      d /= g;
    }
    return {n, d};
  }
};
rat operator+(rat a, rat b) { return rat::of(a.n * b.d + b.n * a.d, a.d * b.d); }
rat operator-(rat a, rat b) { return rat::of(a.n * b.d - b.n * a.d, a.d * b.d); }
rat operator*(rat a, rat b) { return rat::of(a.n * b.n, a.d * b.d); }
int compare(rat a, rat b) {
  const i128 l = a.n * b.d;
  const i128 r = b.n * a.d;
  return l < r ? -1 : l > r ? 1 : 0;
}
i128 floor_of(rat a) {
  i128 q = a.n / a.d;
  if (a.n % a.d != 0 && a.n < 0) --q;
  return q;
}
i128 ceil_of(rat a) { return -floor_of(rat{-a.n, a.d}); }
i128 round_half_away(rat a) {
  const rat half{1, 2};
  return a.n >= 0 ? floor_of(a + half) : -floor_of(rat{-a.n, a.d} + half);
}
i128 pow10(unsigned k) {
  i128 p = 1;
  while (k-- > 0) p *= 10;
  return p;
}

// A value: unknown, or a number (bools, codes, rows, set masks and dates are numbers too), or a
// text.
struct val {
  bool known = false;
  rat num;
  const std::string* text = nullptr;
};
val unknown() { return {}; }
val number(rat r) { return {true, r, nullptr}; }
val integer(i128 v) { return number(rat{v, 1}); }
val boolean(bool b) { return integer(b ? 1 : 0); }
bool is_true(const val& v) { return v.known && v.num.n != 0; }
bool is_false(const val& v) { return v.known && v.num.n == 0; }

struct ctx {
  id entity = no_id;
  std::uint32_t row = 0;
  int year = 0;
  std::int64_t sub_row = -1;  // a sub-year record row, inside an aggregate over periods
};

class interpreter {
 public:
  interpreter(const check::program& p, const data::dataset& d) : p_(p), d_(d) {
    // (entity row, year) -> yearly record row, per entity; and each field's column.
    yearly_.resize(p_.entities.size());
    for (id e = 0; e < p_.entities.size(); ++e) {
      const auto& t = d_.records[e][0];
      for (std::size_t i = 0; i < t.entity.size(); ++i) {
        yearly_[e].emplace(key(t.entity[i], t.year[i]), static_cast<std::uint32_t>(i));
      }
      for (std::size_t c = 0; c < d_.entities[e].columns.size(); ++c) {
        column_of_[d_.entities[e].columns[c].field] = &d_.entities[e].columns[c];
      }
      for (const auto& rt : d_.records[e]) {
        for (const auto& c : rt.columns) column_of_[c.field] = &c;
      }
    }
    for (const auto& t : d_.targets) {
      for (const auto& c : t.columns) column_of_[c.field] = &c;
    }
    for (const auto& a : d_.awards) awards_.insert(award_key(a.title, a.row, a.year));
  }

  output_files outputs(int year) {
    output_files out;
    for (const auto& o : p_.outputs) {
      std::string s;
      for (std::size_t c = 0; c < o.columns.size(); ++c) {
        s += (c == 0 ? "" : ",") + o.columns[c].header;
      }
      s += '\n';
      auto rows = population(o.entity, year);
      const auto& keys = d_.entities[o.entity].keys;
      std::sort(rows.begin(), rows.end(),
                [&](std::uint32_t a, std::uint32_t b) { return keys[a] < keys[b]; });
      for (const auto r : rows) {
        const ctx c{o.entity, r, year};
        for (std::size_t k = 0; k < o.columns.size(); ++k) {
          if (k != 0) s += ',';
          s += cell(o.columns[k].value, c);
        }
        s += '\n';
      }
      out[o.file] = std::move(s);
    }
    return out;
  }

 private:
  const check::program& p_;
  const data::dataset& d_;
  std::vector<std::unordered_map<std::uint64_t, std::uint32_t>> yearly_;
  std::unordered_map<id, const data::column*> column_of_;
  std::set<std::tuple<id, std::uint32_t, int>> awards_;
  // Titles decided population-wide per (title, year): 0 no, 1 yes, 2 unknown.
  std::map<std::pair<id, int>, std::vector<std::uint8_t>> titles_;
  std::map<std::pair<id, int>, std::vector<std::vector<std::uint32_t>>> members_;

  static std::uint64_t key(std::uint32_t row, int year) {
    return (static_cast<std::uint64_t>(row) << 12) | static_cast<std::uint64_t>(year - 1900);
  }
  static std::tuple<id, std::uint32_t, int> award_key(id t, std::uint32_t row, int year) {
    return {t, row, year};
  }
  const check::expr& x(id e) const { return p_.exprs[e]; }

  bool has_row(id entity, std::uint32_t row, int year) const {
    if (!d_.records[entity][0].present) return true;
    return yearly_[entity].count(key(row, year)) != 0;
  }

  std::vector<std::uint32_t> population(id entity, int year) const {
    std::vector<std::uint32_t> rows;
    for (std::uint32_t r = 0; r < d_.entities[entity].keys.size(); ++r) {
      if (has_row(entity, r, year)) rows.push_back(r);
    }
    return rows;
  }

  // ---- values --------------------------------------------------------------------------------

  val stored(const check::field& f, const data::column& c, std::size_t i) const {
    if (!c.is_known(i)) return unknown();
    const std::int64_t v = c.value(i);
    switch (f.t.kind) {
      case type_kind::decimal:
        return number(rat::of(v, pow10(f.t.scale)));
      case type_kind::percent:
        return number(rat::of(v, pow10(4) * 100));
      case type_kind::text:
        return {true, {}, &c.strings[static_cast<std::size_t>(v)]};
      default:
        return integer(v);
    }
  }

  val field(id f, const ctx& c) const {
    const auto& fd = p_.fields[f];
    const auto it = column_of_.find(f);
    if (it == column_of_.end()) return unknown();
    if (!fd.record) return stored(fd, *it->second, c.row);
    if (*fd.record == check::period::year) {
      const auto r = yearly_[fd.entity].find(key(c.row, c.year));
      if (r == yearly_[fd.entity].end()) return unknown();
      return stored(fd, *it->second, r->second);
    }
    // A sub-year record's or a target's field: the row the enclosing aggregate is at.
    if (c.sub_row < 0) return unknown();
    return stored(fd, *it->second, static_cast<std::size_t>(c.sub_row));
  }

  val param(id pid, int year) const {
    const auto& p = p_.params[pid];
    const std::int32_t date = check::days_from_civil(year, 12, 31);  // the decision date
    const check::param_value* found = nullptr;
    for (const auto& v : p.values) {
      if (v.from <= date) found = &v;
    }
    if (found == nullptr || (p.until && date >= *p.until)) return unknown();
    switch (p.t.kind) {
      case type_kind::text:
        return val{true, rat{}, &found->text};
      case type_kind::decimal:
        return number(rat::of(found->value, pow10(p.t.scale)));
      case type_kind::percent:
        return number(rat::of(found->value, pow10(4) * 100));
      default:
        return integer(found->value);
    }
  }

  val literal(const check::expr& e) const {
    switch (e.kind) {
      case op::lit_decimal:
        return number(rat::of(e.value, pow10(e.t.scale)));
      case op::lit_percent:
        return number(rat::of(e.value, pow10(e.t.scale) * 100));
      case op::lit_text:
        return {true, {}, &e.text};
      case op::lit_set: {
        i128 mask = 0;
        for (const id a : e.args) mask |= i128{1} << x(a).value;
        return integer(mask);
      }
      default:
        return integer(e.value);
    }
  }

  // The entity a reference-typed base expression points at.
  bool base(const check::expr& e, const ctx& c, ctx& out) {
    if (e.args.empty()) {
      out = c;
      return true;
    }
    const val b = eval(e.args[0], c);
    if (!b.known) return false;
    out = ctx{x(e.args[0]).t.ref, static_cast<std::uint32_t>(b.num.n), c.year};
    return true;
  }

  val eval(id ei, const ctx& c) {
    const auto& e = x(ei);
    switch (e.kind) {
      case op::lit_bool:
      case op::lit_int:
      case op::lit_decimal:
      case op::lit_percent:
      case op::lit_money:
      case op::lit_date:
      case op::lit_text:
      case op::lit_code:
      case op::lit_set:
        return literal(e);
      case op::year:
        return integer(c.year);
      case op::key: {
        ctx b;
        if (!base(e, c, b)) return unknown();
        return {true, {}, &d_.entities[b.entity].keys[b.row]};
      }
      case op::field: {
        ctx b;
        if (!base(e, c, b)) return unknown();
        return field(e.ref, b);
      }
      case op::title: {
        ctx b;
        if (!base(e, c, b)) return unknown();
        const auto t = title(e.ref, b.row, b.year);
        return t == 2 ? unknown() : boolean(t == 1);
      }
      case op::let: {
        ctx b;
        if (!base(e, c, b)) return unknown();
        return eval(p_.lets[e.ref].value, b);
      }
      case op::form: {
        ctx b;
        if (!base(e, c, b)) return unknown();
        return integer(form(e.ref, b));
      }
      case op::param:
        return param(e.ref, c.year);
      case op::named_set: {
        i128 mask = 0;
        for (const id k : p_.sets[e.ref].codes) mask |= i128{1} << k;
        return integer(mask);
      }
      case op::reward_total:
        return number(reward_total(c));
      case op::not_: {
        const val a = eval(e.args[0], c);
        return a.known ? boolean(a.num.n == 0) : unknown();
      }
      case op::neg: {
        const val a = eval(e.args[0], c);
        return a.known ? number(rat{-a.num.n, a.num.d}) : unknown();
      }
      case op::and_: {
        const val a = eval(e.args[0], c);
        if (is_false(a)) return boolean(false);
        const val b = eval(e.args[1], c);
        if (is_false(b)) return boolean(false);
        return a.known && b.known ? boolean(true) : unknown();
      }
      case op::or_: {
        const val a = eval(e.args[0], c);
        if (is_true(a)) return boolean(true);
        const val b = eval(e.args[1], c);
        if (is_true(b)) return boolean(true);
        return a.known && b.known ? boolean(false) : unknown();
      }
      case op::eq:
      case op::ne:
      case op::lt:
      case op::le:
      case op::gt:
      case op::ge: {
        const val a = eval(e.args[0], c);
        const val b = eval(e.args[1], c);
        if (!a.known || !b.known) return unknown();
        const int k = a.text != nullptr ? a.text->compare(*b.text) : compare(a.num, b.num);
        switch (e.kind) {
          case op::eq:
            return boolean(k == 0);
          case op::ne:
            return boolean(k != 0);
          case op::lt:
            return boolean(k < 0);
          case op::le:
            return boolean(k <= 0);
          case op::gt:
            return boolean(k > 0);
          default:
            return boolean(k >= 0);
        }
      }
      case op::in:
      case op::not_in: {
        const val a = eval(e.args[0], c);
        const val s = eval(e.args[1], c);
        if (!a.known || !s.known) return unknown();
        const bool member = ((s.num.n >> static_cast<int>(a.num.n)) & 1) != 0;
        return boolean(e.kind == op::in ? member : !member);
      }
      case op::add:
      case op::sub:
      case op::mul:
      case op::div: {
        const val a = eval(e.args[0], c);
        const val b = eval(e.args[1], c);
        if (!a.known || !b.known) return unknown();
        if (e.kind == op::add) return number(a.num + b.num);
        if (e.kind == op::sub) return number(a.num - b.num);
        if (e.kind == op::mul) return number(a.num * b.num);
        if (b.num.n == 0) return unknown();
        // Division yields 6 decimal places, rounded half away from zero (docs/language.md).
        const rat q = rat::of(a.num.n * b.num.d, a.num.d * b.num.n);
        return number(rat::of(round_half_away(q * rat{pow10(6), 1}), pow10(6)));
      }
      case op::floor:
      case op::ceil:
      case op::round: {
        const val a = eval(e.args[0], c);
        if (!a.known) return unknown();
        return integer(e.kind == op::floor  ? floor_of(a.num)
                       : e.kind == op::ceil ? ceil_of(a.num)
                                            : round_half_away(a.num));
      }
      case op::min2:
      case op::max2: {
        const val a = eval(e.args[0], c);
        const val b = eval(e.args[1], c);
        if (!a.known || !b.known) return unknown();
        const bool first = (compare(a.num, b.num) <= 0) == (e.kind == op::min2);
        return first ? a : b;
      }
      case op::known:
        return boolean(eval(e.args[0], c).known);
      case op::months_served: {
        const val d = eval(e.args[0], c);
        if (!d.known) return unknown();
        // Straight from the calendar: count months while since + m months (clamped) <= end + 1.
        const auto since = check::civil_of(static_cast<std::int32_t>(d.num.n / d.num.d));
        const std::int32_t end = check::days_from_civil(c.year, 12, 31) + 1;
        std::int64_t m = 0;
        for (;;) {
          const std::int64_t total = since.m - 1 + m + 1;
          const int y = since.y + static_cast<int>(total / 12);
          const int mo = static_cast<int>(total % 12) + 1;
          if (y > 2999) break;
          int day = since.d;
          while (!check::valid_date(y, mo, day)) --day;
          if (check::days_from_civil(y, mo, day) > end) break;
          ++m;
        }
        return integer(m);
      }
      case op::choose: {
        const val k = eval(e.args[0], c);
        if (!k.known) return unknown();
        return eval(is_true(k) ? e.args[1] : e.args[2], c);
      }
      case op::agg_all:
      case op::agg_any:
      case op::agg_none:
      case op::agg_count:
      case op::agg_share:
      case op::agg_sum:
      case op::agg_avg:
      case op::agg_min:
      case op::agg_max:
        return aggregate(e, c);
      case op::at_year: {
        ctx b = c;
        b.year -= e.offset;
        b.sub_row = -1;
        if (!has_row(c.entity, c.row, b.year)) return unknown();
        return eval(e.args[0], b);
      }
      case op::streak: {
        int n = 0;
        for (int y = c.year;; --y) {
          if (!has_row(c.entity, c.row, y)) break;
          ctx b = c;
          b.year = y;
          if (!is_true(eval(e.args[0], b))) break;
          ++n;
          if (n > 200) break;
        }
        return integer(n);
      }
      case op::count_years: {
        int n = 0;
        for (int k = 0; k < e.offset; ++k) {
          if (!has_row(c.entity, c.row, c.year - k)) continue;
          ctx b = c;
          b.year = c.year - k;
          n += is_true(eval(e.args[0], b)) ? 1 : 0;
        }
        return integer(n);
      }
      case op::years_since: {
        for (int k = 1; k <= 100; ++k) {
          if (!has_row(c.entity, c.row, c.year - k)) continue;
          ctx b = c;
          b.year = c.year - k;
          if (is_true(eval(e.args[0], b))) return integer(k);
        }
        return unknown();
      }
      case op::times_held: {
        i128 times = 0;
        for (int k = 1; k <= e.offset; ++k) {
          times += awards_.count(award_key(e.ref, c.row, c.year - k)) != 0 ? 1 : 0;
        }
        return integer(times);
      }
      case op::held: {
        if (e.window) {
          for (int k = 1; k <= e.offset; ++k) {
            if (awards_.count(award_key(e.ref, c.row, c.year - k)) != 0) return boolean(true);
          }
          return boolean(false);
        }
        return boolean(awards_.count(award_key(e.ref, c.row, c.year - e.offset)) != 0);
      }
      case op::has_record:
        return boolean(has_row(c.entity, c.row, c.year - e.offset));
      case op::score: {
        ctx b;
        if (!base(e, c, b)) return unknown();
        const auto total = score(e.ref, b);
        return total ? number(*total) : unknown();
      }
      case op::band: {
        const auto total = score(e.ref, c);
        if (!total) return unknown();
        const auto& st = p_.scores[e.ref];
        for (const auto& b : st.bands) {
          if (!b.min || compare(*total, rat::of(*b.min, pow10(st.scale))) >= 0) {
            return integer(b.code);
          }
        }
        return unknown();
      }
      case op::achieved:
        return eval(p_.targets[e.ref].achieved, c);
      case op::relation:
      case op::periods:
      case op::target_rows:
        break;  // only as the group of an aggregate
    }
    throw std::logic_error("reference interpreter: operation not supported here");
  }

  // The rows an aggregate ranges over, each as a context.
  std::vector<ctx> group(const check::expr& src, const ctx& c) {
    std::vector<ctx> out;
    if (src.kind == op::relation) {
      std::uint32_t owner = c.row;
      if (!src.args.empty()) {
        const val o = eval(src.args[0], c);
        if (!o.known) return out;
        owner = static_cast<std::uint32_t>(o.num.n);
      }
      const auto& rel = p_.relations[src.ref];
      for (const auto m : members(src.ref, c.year)[owner]) out.push_back({rel.member, m, c.year});
      return out;
    }
    if (src.kind == op::periods) {
      const auto& t = d_.records[c.entity][src.ref];
      for (std::size_t i = 0; i < t.entity.size(); ++i) {
        if (t.entity[i] == c.row && t.year[i] == c.year) {
          out.push_back({c.entity, c.row, c.year, static_cast<std::int64_t>(i)});
        }
      }
      return out;
    }
    const auto& t = d_.targets[src.ref];
    for (std::size_t i = 0; i < t.entity.size(); ++i) {
      if (t.entity[i] == c.row && t.year[i] == c.year) {
        out.push_back({c.entity, c.row, c.year, static_cast<std::int64_t>(i)});
      }
    }
    return out;
  }

  // A score table's total: each item's points when its condition holds, capped per item, the
  // sum capped by the table. Unknown if any item is.
  std::optional<rat> score(id si, const ctx& c) {
    const auto& st = p_.scores[si];
    rat total;
    for (const auto& item : st.items) {
      if (item.when != no_id) {
        const val w = eval(item.when, c);
        if (!w.known) return std::nullopt;
        if (w.num.n == 0) continue;
      }
      const val v = eval(item.points, c);
      if (!v.known) return std::nullopt;
      rat points = v.num;
      if (item.cap) {
        const rat cap = rat::of(*item.cap, pow10(st.scale));
        if (compare(points, cap) > 0) points = cap;
      }
      total = total + points;
    }
    if (st.cap) {
      const rat cap = rat::of(*st.cap, pow10(st.scale));
      if (compare(total, cap) > 0) total = cap;
    }
    return total;
  }

  const std::vector<std::vector<std::uint32_t>>& members(id rel, int year) {
    auto& m = members_[{rel, year}];
    if (!m.empty()) return m;
    const auto& r = p_.relations[rel];
    m.resize(d_.entities[r.owner].keys.size() + 1);
    for (const auto row : population(r.member, year)) {
      const val v = field(r.via, ctx{r.member, row, year});
      if (v.known) m[static_cast<std::size_t>(v.num.n)].push_back(row);
    }
    return m;
  }

  val aggregate(const check::expr& e, const ctx& c) {
    const auto rows = group(x(e.args[0]), c);
    const id filter = e.args[1];
    const id value = e.args[2];
    std::size_t n = 0;
    std::size_t yes = 0;
    bool any_unknown = false;
    bool any_true = false;
    bool any_false = false;
    rat sum;
    std::optional<rat> lo, hi;
    for (const auto& m : rows) {
      if (filter != no_id) {
        const val f = eval(filter, m);
        if (!f.known) {
          any_unknown = true;
          continue;
        }
        if (f.num.n == 0) continue;
      }
      ++n;
      if (value == no_id) continue;
      const val v = eval(value, m);
      if (!v.known) {
        any_unknown = true;
        continue;
      }
      if (x(value).t.kind == type_kind::boolean) {
        (v.num.n != 0 ? any_true : any_false) = true;
        yes += v.num.n != 0 ? 1 : 0;
      } else {
        sum = sum + v.num;
        if (!lo || compare(v.num, *lo) < 0) lo = v.num;
        if (!hi || compare(v.num, *hi) > 0) hi = v.num;
      }
    }
    switch (e.kind) {
      case op::agg_all:
        return any_false ? boolean(false) : any_unknown ? unknown() : boolean(true);
      case op::agg_any:
        return any_true ? boolean(true) : any_unknown ? unknown() : boolean(false);
      case op::agg_none:
        return any_true ? boolean(false) : any_unknown ? unknown() : boolean(true);
      case op::agg_count:
        if (any_unknown) return unknown();
        return integer(static_cast<i128>(value == no_id ? n : yes));
      case op::agg_share:
        if (any_unknown || n == 0) return unknown();
        return number(rat::of(static_cast<i128>(yes), static_cast<i128>(n)));
      case op::agg_sum:
        return any_unknown ? unknown() : number(sum);
      case op::agg_avg:
        if (any_unknown || n == 0) return unknown();
        return number(
            rat::of(round_half_away(sum * rat{pow10(6), static_cast<i128>(n)}), pow10(6)));
      case op::agg_min:
        return any_unknown || !lo ? unknown() : number(*lo);
      default:
        return any_unknown || !hi ? unknown() : number(*hi);
    }
  }

  // ---- titles, forms, money ------------------------------------------------------------------

  bool in_window(std::optional<std::int32_t> from, std::optional<std::int32_t> to, int year) const {
    const std::int32_t date = check::days_from_civil(year, 12, 31);
    return (!from || *from <= date) && (!to || date <= *to);
  }

  // Kleene value of a requirement (with its exceptions and any_of alternatives).
  val requirement(const check::title& t, std::size_t k, const ctx& c) {
    const auto& q = t.requirements[k];
    if (!in_window(q.from, q.to, c.year)) return boolean(true);  // not in force: not applicable
    val v;
    if (!q.any_of.empty()) {
      v = boolean(false);
      bool unknown_seen = false;
      for (const id a : q.any_of) {
        const auto& alt = t.alternatives[a];
        const val w = in_window(alt.from, alt.to, c.year) ? eval(alt.condition, c) : boolean(false);
        if (is_true(w)) return boolean(true);
        unknown_seen = unknown_seen || !w.known;
      }
      v = unknown_seen ? unknown() : boolean(false);
    } else {
      v = eval(q.condition, c);
    }
    for (const auto& ex : t.exceptions) {
      if (ex.requirement != k || is_true(v)) continue;
      const val w = eval(ex.condition, c);
      if (is_true(w)) return boolean(true);
      if (!w.known) v = unknown();
    }
    return v;
  }

  std::uint8_t title(id ti, std::uint32_t row, int year) {
    const auto k = std::make_pair(ti, year);
    auto it = titles_.find(k);
    if (it == titles_.end()) it = titles_.emplace(k, decide(ti, year)).first;
    return it->second[row];
  }

  std::vector<std::uint8_t> decide(id ti, int year) {
    const auto& t = p_.titles[ti];
    const auto n = d_.entities[t.entity].keys.size();
    std::vector<std::uint8_t> out(n, 2);  // no row that year: unknown
    std::vector<std::uint32_t> candidates;
    const bool decided = in_window(t.from, t.to, year);
    for (const auto r : population(t.entity, year)) {
      if (!decided) {
        out[r] = 0;
        continue;
      }
      val all = boolean(true);
      const ctx c{t.entity, r, year};
      // A hold that holds (or is unknown) leaves the title undecided: unknown.
      bool on_hold = false;
      for (const auto& h : t.holds) {
        const val v = eval(h.condition, c);
        if (!v.known || is_true(v)) on_hold = true;
      }
      if (on_hold) {
        out[r] = 2;
        continue;
      }
      for (std::size_t q = 0; q < t.requirements.size(); ++q) {
        const val v = requirement(t, q, c);
        if (is_false(v)) {
          all = boolean(false);
          break;
        }
        if (!v.known) all = unknown();
      }
      out[r] = is_true(all) ? 1 : all.known ? 0 : 2;
      if (out[r] == 1) candidates.push_back(r);
    }
    if (!t.quota_rule && !t.rank_rule) return out;
    // Quota or ranking: group the candidates, order them, admit the first n of each group.
    const id per = t.quota_rule ? t.quota_rule->per : t.rank_rule->per;
    const auto& keys = t.quota_rule ? t.quota_rule->keys : t.rank_rule->keys;
    struct entry {
      std::uint32_t row;
      val group;
      std::vector<val> sort;
    };
    std::vector<entry> es;
    for (const auto r : candidates) {
      const ctx c{t.entity, r, year};
      entry en{r, eval(per, c), {}};
      for (const auto& sk : keys) en.sort.push_back(eval(sk.key, c));
      out[r] = 0;
      es.push_back(std::move(en));
    }
    auto cmp_val = [](const val& a, const val& b) {
      if (!a.known || !b.known) return a.known == b.known ? 0 : (a.known ? -1 : 1);  // unknown last
      return a.text != nullptr ? a.text->compare(*b.text) : compare(a.num, b.num);
    };
    std::stable_sort(es.begin(), es.end(), [&](const entry& a, const entry& b) {
      const int g = cmp_val(a.group, b.group);
      if (g != 0) return g < 0;
      for (std::size_t i = 0; i < keys.size(); ++i) {
        int s = cmp_val(a.sort[i], b.sort[i]);
        if (keys[i].descending && a.sort[i].known && b.sort[i].known) s = -s;
        if (s != 0) return s < 0;
      }
      return false;
    });
    for (std::size_t i = 0; i < es.size();) {
      std::size_t j = i;
      while (j < es.size() && cmp_val(es[j].group, es[i].group) == 0) ++j;
      i128 places = 0;
      if (!es[i].group.known) {
        places = 0;
      } else if (t.quota_rule) {
        const auto& q = *t.quota_rule;
        ctx g{no_id, 0, year};
        if (x(per).t.kind == type_kind::entity) {
          g = ctx{x(per).t.ref, static_cast<std::uint32_t>(es[i].group.num.n), year};
        }
        const val count = eval(q.count, g);
        places = !count.known                        ? 0
                 : q.round == check::rounding::floor ? floor_of(count.num)
                 : q.round == check::rounding::ceil  ? ceil_of(count.num)
                                                     : round_half_away(count.num);
      } else {
        places = t.rank_rule->top;
      }
      for (std::size_t k = i; k < j; ++k) {
        if (static_cast<i128>(k - i) < places) out[es[k].row] = 1;
      }
      i = j;
    }
    return out;
  }

  // The selected award of a form: its index in the form's list, or -1.
  i128 form(id fi, const ctx& c) {
    const auto& f = p_.forms[fi];
    for (std::size_t k = 0; k < f.awards.size(); ++k) {
      if (title(f.awards[k], c.row, c.year) == 1) return static_cast<i128>(k);
    }
    return -1;
  }

  rat reward_total(const ctx& c) {
    rat total;
    for (const auto& r : p_.rewards) {
      const auto& t = p_.titles[r.title];
      if (t.entity != c.entity || title(r.title, c.row, c.year) != 1) continue;
      bool paid = true;
      for (id fi = 0; fi < p_.forms.size(); ++fi) {
        const auto& f = p_.forms[fi];
        const auto pos = std::find(f.awards.begin(), f.awards.end(), r.title);
        if (pos != f.awards.end()) paid = form(fi, c) == pos - f.awards.begin();
      }
      if (!paid) continue;
      const val a = eval(r.amount, c);
      if (!a.known) continue;
      total = total + rat{round_half_away(a.num * rat{1, r.round_to}) * r.round_to, 1};
    }
    return total;
  }

  // ---- output --------------------------------------------------------------------------------

  static std::string to_text(i128 v) {
    if (v == 0) return "0";
    const bool neg = v < 0;
    std::string s;
    while (v != 0) {
      const int digit = static_cast<int>(v % 10);
      s += static_cast<char>('0' + (digit < 0 ? -digit : digit));
      v /= 10;
    }
    if (neg) s += '-';
    return {s.rbegin(), s.rend()};
  }

  static std::string csv(const std::string& s) {
    if (s.find_first_of(",\"\n\r") == std::string::npos) return s;
    std::string q = "\"";
    for (const char ch : s) q += ch == '"' ? std::string("\"\"") : std::string(1, ch);
    return q + "\"";
  }

  std::string cell(id ei, const ctx& c) {
    const auto& e = x(ei);
    if (e.kind == op::title) {
      ctx b;
      return base(e, c, b) && title(e.ref, b.row, b.year) == 1 ? "1" : "0";
    }
    const val v = eval(ei, c);
    if (!v.known) return "";
    switch (e.t.kind) {
      case type_kind::text:
        return csv(*v.text);
      case type_kind::boolean:
        return v.num.n != 0 ? "1" : "0";
      case type_kind::enumeration:
        return p_.enums[e.t.ref].codes[static_cast<std::size_t>(v.num.n)].code;
      case type_kind::form: {
        const auto k = v.num.n;
        return k < 0 ? std::string()
                     : p_.titles[p_.forms[e.t.ref].awards[static_cast<std::size_t>(k)]].code;
      }
      case type_kind::entity:
        return csv(d_.entities[e.t.ref].keys[static_cast<std::size_t>(v.num.n)]);
      case type_kind::date:
        return check::civil_from_days(static_cast<std::int32_t>(v.num.n));
      case type_kind::money:
        return to_text(round_half_away(v.num));
      case type_kind::decimal:
      case type_kind::percent: {
        const unsigned scale = e.t.kind == type_kind::percent ? 4 : e.t.scale;
        const rat r = e.t.kind == type_kind::percent ? v.num * rat{100, 1} : v.num;
        const i128 scaled = round_half_away(r * rat{pow10(scale), 1});
        std::string s = to_text(scaled < 0 ? -scaled : scaled);
        if (scale > 0) {
          if (s.size() <= scale) s.insert(0, scale + 1 - s.size(), '0');
          s.insert(s.size() - scale, ".");
        }
        return (scaled < 0 ? "-" : "") + s;
      }
      default:
        return to_text(round_half_away(v.num));
    }
  }
};

}  // namespace

output_files evaluate_reference(const check::program& program, const data::dataset& data,
                                int year) {
  interpreter in(program, data);
  return in.outputs(year);
}

}  // namespace thidua::test
