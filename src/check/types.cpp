// Types, dates and citations: the small resolutions every declaration needs.
#include "check/checker.hpp"

namespace thidua::check {

// Howard Hinnant's civil-date algorithms (public domain), proleptic Gregorian.
std::int32_t days_from_civil(int y, int m, int d) noexcept {
  y -= m <= 2 ? 1 : 0;
  const int era = (y >= 0 ? y : y - 399) / 400;
  const int yoe = y - era * 400;
  const int doy = (153 * (m + (m > 2 ? -3 : 9)) + 2) / 5 + d - 1;
  const int doe = yoe * 365 + yoe / 4 - yoe / 100 + doy;
  return era * 146097 + doe - 719468;
}

civil_date civil_of(std::int32_t z) noexcept {
  z += 719468;
  const int era = (z >= 0 ? z : z - 146096) / 146097;
  const int doe = z - era * 146097;
  const int yoe = (doe - doe / 1460 + doe / 36524 - doe / 146096) / 365;
  int y = yoe + era * 400;
  const int doy = doe - (365 * yoe + yoe / 4 - yoe / 100);
  const int mp = (5 * doy + 2) / 153;
  const int d = doy - (153 * mp + 2) / 5 + 1;
  const int m = mp < 10 ? mp + 3 : mp - 9;
  y += m <= 2 ? 1 : 0;
  return {y, m, d};
}

std::int64_t months_served(std::int32_t since, std::int32_t end) noexcept {
  if (since > end) return 0;
  const civil_date a = civil_of(since);
  const civil_date b = civil_of(end + 1);  // the last day counts as served
  std::int64_t m = (b.y - a.y) * 12 + (b.m - a.m);
  static constexpr int days[] = {31, 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31};
  const bool leap = (b.y % 4 == 0 && b.y % 100 != 0) || b.y % 400 == 0;
  const int month_days = days[b.m - 1] + (b.m == 2 && leap ? 1 : 0);
  if (b.d < std::min(a.d, month_days)) --m;  // the month is not complete yet
  return m < 0 ? 0 : m;
}

std::string civil_from_days(std::int32_t z) {
  const auto [y, m, d] = civil_of(z);
  char buf[40];
  std::snprintf(buf, sizeof buf, "%04d-%02d-%02d", y % 10000, m, d);
  return buf;
}

bool valid_date(int y, int m, int d) noexcept {
  if (y < 1900 || y > 2999 || m < 1 || m > 12 || d < 1) return false;
  static constexpr int days[] = {31, 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31};
  const bool leap = (y % 4 == 0 && y % 100 != 0) || y % 400 == 0;
  return d <= days[m - 1] + (m == 2 && leap ? 1 : 0);
}

const char* to_string(period p) noexcept {
  switch (p) {
    case period::year:
      return "year";
    case period::half_year:
      return "half_year";
    case period::quarter:
      return "quarter";
    case period::month:
      return "month";
  }
  return "year";
}

std::string to_string(const program& p, const type& t) {
  switch (t.kind) {
    case type_kind::error:
      return "<error>";
    case type_kind::boolean:
      return "bool";
    case type_kind::integer:
      return "int";
    case type_kind::decimal:
      return "decimal(" + std::to_string(t.scale) + ")";
    case type_kind::percent:
      return "percent";
    case type_kind::money:
      return "money";
    case type_kind::date:
      return "date";
    case type_kind::text:
      return "text";
    case type_kind::enumeration:
      return t.ref < p.enums.size() ? "enum " + p.enums[t.ref].name : "enum";
    case type_kind::set:
      return t.ref < p.enums.size() ? "set<" + p.enums[t.ref].name + ">" : "set";
    case type_kind::entity:
      return t.ref < p.entities.size() ? p.entities[t.ref].name : "entity";
    case type_kind::group:
      return t.ref < p.entities.size() ? "group of " + p.entities[t.ref].name : "group";
    case type_kind::form:
      return t.ref < p.forms.size() ? "form " + p.forms[t.ref].name : "form";
  }
  return "<error>";
}

std::optional<std::int32_t> checker::date_of(const syntax::ast::date_lit& d, id file) {
  if (!valid_date(d.year, d.month, d.day)) {
    error(at(file, d), code::invalid_date, "invalid date", "dates are YYYY-MM-DD, e.g. 2024-07-01");
    return std::nullopt;
  }
  return days_from_civil(d.year, d.month, d.day);
}

std::optional<citation> checker::resolve_cite(const boost::optional<syntax::ast::citation>& c,
                                              id file) {
  if (!c) return std::nullopt;
  const auto it = cites_.find(c->source.name);
  if (it == cites_.end()) {
    std::vector<std::string_view> names;
    for (const auto& [n, i] : cites_) names.push_back(n);
    const auto guess = best_match(c->source.name, names);
    error(at(file, c->source), code::unknown_cite,
          "unknown citation source '" + c->source.name + "'",
          guess.empty() ? "declare it: cite " + c->source.name + " = \"full title of the law\""
                        : "did you mean " + guess + "?");
    return std::nullopt;
  }
  prog_.cites[it->second].used = true;
  return citation{it->second, c->locator ? c->locator->value : std::string(), at(file, *c)};
}

std::optional<type> checker::resolve_type(const syntax::ast::type_ref& t, id file, bool& optional) {
  optional = t.optional;
  const std::string& n = t.name.name;
  const span where = at(file, t);
  auto no_args = [&]() {
    if (!t.args.empty()) {
      error(where, code::bad_type, "type '" + n + "' takes no arguments");
      return false;
    }
    return true;
  };
  if (n == "bool") return no_args() ? std::optional<type>(type{type_kind::boolean}) : std::nullopt;
  if (n == "int") return no_args() ? std::optional<type>(type{type_kind::integer}) : std::nullopt;
  if (n == "percent") {
    // Percent data and parameters are stored as percent points with 4 decimals (12.5% is
    // 125000), so the declared type carries that scale and arithmetic on it stays exact.
    return no_args() ? std::optional<type>(type{type_kind::percent, no_id, 4}) : std::nullopt;
  }
  if (n == "money") return no_args() ? std::optional<type>(type{type_kind::money}) : std::nullopt;
  if (n == "date") return no_args() ? std::optional<type>(type{type_kind::date}) : std::nullopt;
  if (n == "text") return no_args() ? std::optional<type>(type{type_kind::text}) : std::nullopt;
  if (n == "decimal") {
    if (t.args.size() != 1 || t.args[0].size() > 1 || t.args[0][0] > '6') {
      error(where, code::bad_type, "decimal needs its number of decimal places, 0 to 6",
            "e.g. decimal(2) for a score such as 87.25");
      return std::nullopt;
    }
    type r{type_kind::decimal};
    r.scale = static_cast<std::uint8_t>(t.args[0][0] - '0');
    return r;
  }
  if (n == "set") {
    if (t.args.size() != 1) {
      error(where, code::bad_type, "set needs its element enum, e.g. set<award>");
      return std::nullopt;
    }
    const auto it = globals_.find(t.args[0]);
    if (it == globals_.end() || it->second.kind != symbol_kind::enumeration) {
      error(where, code::unknown_type, "unknown enum '" + t.args[0] + "' in set type",
            "the elements of a set are the codes of an enum");
      return std::nullopt;
    }
    prog_.enums[it->second.index].used = true;
    return type{type_kind::set, it->second.index};
  }
  const auto it = globals_.find(n);
  if (it != globals_.end() && it->second.kind == symbol_kind::enumeration) {
    if (!no_args()) return std::nullopt;
    prog_.enums[it->second.index].used = true;
    return type{type_kind::enumeration, it->second.index};
  }
  if (it != globals_.end() && it->second.kind == symbol_kind::entity) {
    if (!no_args()) return std::nullopt;
    return type{type_kind::entity, it->second.index};
  }
  std::vector<std::string_view> names = {"bool",  "int",  "decimal", "percent",
                                         "money", "date", "text",    "set"};
  for (const auto& [name, sym] : globals_) {
    if (sym.kind == symbol_kind::enumeration || sym.kind == symbol_kind::entity) {
      names.push_back(name);
    }
  }
  const auto guess = best_match(n, names);
  error(at(file, t.name), code::unknown_type, "unknown type '" + n + "'",
        guess.empty() ? "types are bool, int, decimal(N), percent, money, date, text, set<E>, "
                        "an enum or an entity"
                      : "did you mean " + guess + "?");
  return std::nullopt;
}

}  // namespace thidua::check
