// check/model.hpp — the typed model: what `check` produces and `plan` consumes.
//
// Names are resolved to dense ids, every expression is typed, dates are days since 1970-01-01,
// decimals and money are scaled integers. Expressions live in one arena (`program::exprs`) and
// refer to their children by index. Every node keeps the source span it came from, so later
// phases can explain a decision down to the character that stated it.
#pragma once

#include <cstdint>
#include <optional>
#include <string>
#include <vector>

#include "thidua/diagnostic.hpp"

namespace thidua::check {

using id = std::uint32_t;
inline constexpr id no_id = 0xFFFFFFFFU;

struct span {
  id file = no_id;
  std::uint32_t begin = 0;
  std::uint32_t end = 0;
};

enum class type_kind : std::uint8_t {
  error,  // an expression that already has a reported error; never reported again
  boolean,
  integer,
  decimal,
  percent,
  money,
  date,
  text,
  enumeration,  // ref = enum id
  set,          // ref = enum id of the elements
  entity,       // ref = entity id (a reference to one entity, e.g. a person's unit)
  group,        // ref = entity id (a relation's members); only as an aggregate source
  form,         // ref = form id (the selected award of a form group, or none)
};

struct type {
  type_kind kind = type_kind::error;
  id ref = no_id;
  std::uint8_t scale = 0;  // decimal places of a decimal
  friend bool operator==(const type&, const type&) = default;
};

enum class period : std::uint8_t { year, half_year, quarter, month };

enum class op : std::uint8_t {
  // leaves
  lit_bool,
  lit_int,
  lit_decimal,
  lit_percent,
  lit_money,
  lit_date,
  lit_text,
  lit_code,
  lit_set,
  year,          // the assessed year
  key,           // the entity's key (ref = entity)
  field,         // ref = field id; args[0] = base entity reference, if navigated
  title,         // ref = title id: earned in the evaluated period; args[0] = base, if navigated
  let,           // ref = let id
  score,         // ref = score table id: the total points
  band,          // ref = score table id: the classification
  form,          // ref = form id: the selected award
  param,         // ref = param id (value at the decision date)
  named_set,     // ref = named set id
  achieved,      // inside an aggregate over a target: the row met its target
  reward_total,  // the entity's total reward money
  // operators
  not_,
  neg,
  and_,
  or_,
  eq,
  ne,
  lt,
  le,
  gt,
  ge,
  in,
  not_in,
  add,
  sub,
  mul,
  div,
  // functions
  floor,
  ceil,
  round,
  min2,
  max2,
  known,
  choose,         // if(args[0], args[1], args[2])
  months_served,  // whole months from args[0] (a date) through the decision date
  // aggregates: args[0] = source, args[1] = filter (or no_id), args[2] = value (or no_id)
  agg_all,
  agg_any,
  agg_none,
  agg_count,
  agg_share,
  agg_sum,
  agg_avg,
  agg_min,
  agg_max,
  // sources of aggregates
  relation,     // ref = relation id; args[0] = owner reference (or none: this entity)
  periods,      // ref = record id: the sub-year rows of this entity in the year
  target_rows,  // ref = target id
  // history: `offset` = years back
  at_year,      // args[0] evaluated `offset` years earlier
  streak,       // consecutive years, ending in the assessed one, where args[0] holds
  count_years,  // years among the last `offset` (including this one) where args[0] holds
  years_since,  // years since args[0] last held, before this year
  held,         // ref = title id held (prior_awards) `offset` years back; window when `window`
  times_held,   // ref = title id: in how many of the last `offset` years it was decided
  has_record,   // the entity has a yearly row `offset` years back
};

[[nodiscard]] constexpr bool is_aggregate(op k) noexcept {
  return k >= op::agg_all && k <= op::agg_max;
}

struct expr {
  op kind = op::lit_bool;
  type t;
  span where;
  id ref = no_id;
  std::int64_t value = 0;   // int value, scaled decimal/percent (scale in t.scale), money, days
  std::int32_t offset = 0;  // years back for history operators
  bool window = false;      // held(..., last N): any of the last `offset` years
  std::string text;         // text literal, code name (for dumps and explanations)
  std::vector<id> args;
};

struct citation {
  id source = no_id;  // cite_source id
  std::string locator;
  span where;
};

struct cite_source {
  std::string name;
  std::string title;
  span where;
  bool used = false;
};

struct enum_code {
  std::string code;
  std::string display;
  span where;
};

struct enumeration {
  std::string name;
  bool ordered = false;
  std::vector<enum_code> codes;
  span where;
  bool used = false;
};

struct named_set {
  std::string name;
  id element = no_id;  // enum id
  std::vector<id> codes;
  span where;
  bool used = false;
};

struct field {
  std::string name;
  std::string column;
  type t;
  bool optional = false;
  id entity = no_id;
  std::optional<period> record;  // nullopt: an entity (static) field; else a record's period
  id target = no_id;             // set for the fields of a target declaration
  std::string file;              // the CSV the column is read from
  span where;
};

struct entity {
  std::string name;
  std::string file;
  std::string key;
  span key_where;
  std::vector<id> fields;                 // static fields and record fields
  std::vector<std::string> record_files;  // per period, in `period` order ("" if none)
  span where;
};

struct relation {
  std::string name;
  id owner = no_id;
  id member = no_id;
  id via = no_id;  // field of the member that refers to the owner
  span where;
  bool used = false;
};

struct param_value {
  std::int32_t from = 0;   // days since epoch
  std::int64_t value = 0;  // scaled as data is: decimal(N) by 10^N, percent points by 10^4
  std::optional<citation> cite;
  span where;
  std::string text;  // a text parameter's value
};

struct param {
  std::string name;
  type t;
  std::vector<param_value> values;  // ascending `from`; one value with from = INT32_MIN if constant
  std::optional<std::int32_t> until;
  std::optional<citation> cite;
  span where;
  bool used = false;
};

struct requirement {
  std::string label;
  id condition = no_id;
  std::optional<citation> cite;
  std::optional<std::int32_t> from, to;  // own in-force window (days), if any
  std::string assumption;
  std::vector<id> any_of;  // for an any_of group: the alternatives (requirements), else empty
  span where;
};

struct exception_rule {
  id requirement = no_id;  // the requirement waived (index into the title's requirements)
  id condition = no_id;
  std::optional<citation> cite;
  span where;
};

// `hold LABEL when COND`: while COND holds the title is not decided (on hold, neither earned nor
// refused); its value is unknown.
struct hold_rule {
  std::string label;
  id condition = no_id;
  std::optional<citation> cite;
  span where;
};

// `decided_by LEVEL [when COND] [in_force FROM .. TO] [cite ...]`: the first clause in force at
// the decision date whose condition holds names the level that decides.
struct authority_rule {
  std::string level;
  id when = no_id;  // no_id: always
  std::optional<std::int32_t> from, to;
  std::optional<citation> cite;
  span where;
};

enum class rounding : std::uint8_t { floor, ceil, nearest };

struct sort_key {
  id key = no_id;
  bool descending = false;
  span where;
};

struct quota {
  id count = no_id;  // evaluated in the group's context (or constant)
  rounding round = rounding::floor;
  id per = no_id;  // expression: the group key
  std::vector<sort_key> keys;
  span where;
};

struct ranking {
  std::int64_t top = 1;
  id per = no_id;
  std::vector<sort_key> keys;
  span where;
};

struct title {
  std::string code;
  std::string display;
  bool award = false;  // `award` (a form of commendation) rather than `title`
  id entity = no_id;
  period per = period::year;
  std::optional<citation> cite;
  std::optional<std::int32_t> from, to;
  std::vector<requirement> requirements;  // top-level, in order (any_of groups included)
  std::vector<requirement> alternatives;  // members of any_of groups (referenced by index)
  std::vector<exception_rule> exceptions;
  std::optional<quota> quota_rule;
  std::optional<ranking> rank_rule;
  std::vector<hold_rule> holds;
  std::vector<std::string> assumptions;
  std::vector<authority_rule> authorities;
  span where;
};

struct form {
  std::string name;
  id entity = no_id;
  std::vector<id> awards;  // title ids, highest precedence first
  span where;
  bool used = false;
};

struct reward {
  id title = no_id;  // title/award rewarded
  id amount = no_id;
  std::int64_t round_to = 1;  // VND
  std::optional<citation> cite;
  span where;
};

struct let {
  std::string name;
  id entity = no_id;
  id value = no_id;
  span where;
  bool used = false;
};

struct score_item {
  std::string label;
  std::string display;
  id points = no_id;
  id when = no_id;
  std::optional<std::int64_t> cap;  // scaled by score_table::scale
  std::optional<citation> cite;
  span where;
};

struct band {
  id code = no_id;
  std::optional<std::int64_t> min;  // scaled; nullopt for `otherwise`
};

struct score_table {
  std::string name;
  std::string display;
  id entity = no_id;
  std::uint8_t scale = 2;  // points are decimal(2)
  std::optional<std::int64_t> cap;
  std::vector<score_item> items;
  id band_enum = no_id;
  std::vector<band> bands;
  span where;
  bool used = false;
};

struct target {
  std::string name;
  std::string display;
  id entity = no_id;
  period per = period::quarter;
  std::string file;
  std::vector<id> fields;
  id achieved = no_id;
  span where;
  bool used = false;
};

struct output_column {
  std::string header;
  id value = no_id;
  span where;
};

struct output {
  std::string name;
  id entity = no_id;
  std::string file;
  std::vector<output_column> columns;
  span where;
};

struct prior_awards {
  std::string file;
  std::string entity_column = "entity_id";
  std::string year_column = "year";
  std::string award_column = "award";
  // `only FIELD in { ... }`: rows whose FIELD (an enum column) is not in the set are not counted.
  std::string filter_column;  // empty: every row counts
  id filter_enum = no_id;
  std::vector<bool> filter_codes;  // per code of filter_enum: counts
  std::optional<citation> filter_cite;
  bool ignore_unknown = false;  // award codes that are not titles of the pack are skipped
  span where;
};

struct program {
  std::string name, version;
  std::optional<std::int32_t> in_force_from, in_force_to;
  bool requires_citations = false;
  std::vector<std::string> files;    // pack-relative paths; index = span::file
  std::vector<std::string> sources;  // their text, for showing a condition as written
  std::vector<cite_source> cites;
  std::vector<enumeration> enums;
  std::vector<named_set> sets;
  std::vector<entity> entities;
  std::vector<field> fields;
  std::vector<relation> relations;
  std::vector<param> params;
  std::vector<title> titles;
  std::vector<form> forms;
  std::vector<reward> rewards;
  std::vector<let> lets;
  std::vector<score_table> scores;
  std::vector<target> targets;
  std::vector<output> outputs;
  std::optional<prior_awards> awards;
  std::vector<expr> exprs;
};

// The decimal places of the exact fraction a value of type `t` holds as a scaled integer:
// decimal(N) N, percent with N places of points N + 2, money its scale, everything else 0.
[[nodiscard]] constexpr int fraction_scale(const type& t) noexcept {
  switch (t.kind) {
    case type_kind::percent:
      return t.scale + 2;
    case type_kind::decimal:
    case type_kind::money:
      return t.scale;
    default:
      return 0;
  }
}

// Days since 1970-01-01 for a valid civil date (proleptic Gregorian).
[[nodiscard]] std::int32_t days_from_civil(int y, int m, int d) noexcept;
[[nodiscard]] bool valid_date(int y, int m, int d) noexcept;
[[nodiscard]] std::string civil_from_days(std::int32_t days);
struct civil_date {
  int y, m, d;
};
[[nodiscard]] civil_date civil_of(std::int32_t days) noexcept;
// Whole calendar months served from day `since` through day `end`, both included: 2024-07-01
// through 2024-12-31 is 6; 2024-07-03 through 2024-12-31 (5 months 29 days) is 5. 0 if `since`
// is after `end`; a start on the 31st completes a month at the end of a shorter month.
[[nodiscard]] std::int64_t months_served(std::int32_t since, std::int32_t end) noexcept;

[[nodiscard]] std::string to_string(const program& p, const type& t);
[[nodiscard]] const char* to_string(period p) noexcept;

}  // namespace thidua::check
