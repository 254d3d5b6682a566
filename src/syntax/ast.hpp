// syntax/ast.hpp — the position-tagged abstract syntax tree of a .tdk file.
//
// Plain structs filled by the Spirit X3 grammar (grammar_def.hpp). Every node that a diagnostic
// may point at derives from `node`, which holds byte offsets into its file; the checker turns
// them into line:column regions. Expressions are kept flat here (operands separated by binary
// operators, prefix operators attached to operands): the checker applies precedence, which keeps
// the grammar small and lets it report "comparisons do not chain" with a location.
#pragma once

#include <boost/optional.hpp>
#include <boost/spirit/home/x3/support/ast/variant.hpp>
#include <cstdint>
#include <string>
#include <vector>

namespace thidua::syntax::ast {

namespace x3 = boost::spirit::x3;

// Byte offsets [begin, end) of a node in its file, set when its grammar rule succeeds.
struct node {
  std::uint32_t begin = 0;
  std::uint32_t end = 0;
};

struct ident : node {
  ident() = default;
  ident(std::string n) : name(std::move(n)) {}  // NOLINT(google-explicit-constructor): X3 assigns
  std::string name;
};

struct string_lit : node {
  string_lit() = default;
  string_lit(std::string v) : value(std::move(v)) {}  // NOLINT(google-explicit-constructor)
  std::string value;                                  // unescaped UTF-8
};

struct date_lit : node {
  int year = 0;
  int month = 0;
  int day = 0;
};

// A number as written: digits with '_' separators removed, optional fraction, optional suffix
// ("%" for percent, "VND" for money).
struct number_lit : node {
  std::string digits;    // integer part, e.g. "1800000"
  std::string fraction;  // may be empty, e.g. "3" for 0.3
  std::string suffix;    // "", "%" or "VND"
};

struct bool_lit : node {
  bool value = false;
  bool dummy = false;  // keeps the fusion sequence at two members (X3 single-element rules)
};

struct citation : node {
  ident source;
  boost::optional<string_lit> locator;
};

struct date_range : node {
  date_lit from;
  boost::optional<date_lit> to;  // open end when absent
};

// ---- expressions -------------------------------------------------------------------------------

struct expr;
struct call;
struct set_lit;

// `a.b.c`: a name, possibly navigated through entity references.
struct path : node {
  ident head;
  std::vector<ident> tail;
};

struct operand_value
    : x3::variant<number_lit, date_lit, string_lit, bool_lit, x3::forward_ast<set_lit>,
                  x3::forward_ast<call>, x3::forward_ast<expr>, path> {
  using base_type::base_type;
  using base_type::operator=;
};

// An operand with its prefix operators ("not", "-"), outermost first.
struct operand : node {
  std::vector<std::string> prefix;
  operand_value value;
};

struct binary_op : node {
  std::string op;  // "or" "and" "==" "!=" "<" "<=" ">" ">=" "in" "not in" "+" "-" "*" "/"
  operand rhs;
};

struct expr : node {
  operand first;
  std::vector<binary_op> rest;
};

struct set_lit : node {
  std::vector<ident> items;
  bool dummy = false;
};

// One argument of a call: `expr`, `expr where filter`, or `last N`.
struct call_arg : node {
  bool last = false;  // `last N` (a window of N years)
  expr value;
  boost::optional<expr> filter;  // `where ...`
};

struct call : node {
  ident function;
  std::vector<call_arg> args;
};

// ---- declarations ------------------------------------------------------------------------------

struct pack_decl : node {
  string_lit name;
  string_lit version;
  boost::optional<date_range> in_force;
  std::vector<ident> options;  // e.g. requires_citations
};

struct include_decl : node {
  include_decl() = default;
  include_decl(string_lit p) : path(std::move(p)) {}  // NOLINT(google-explicit-constructor)
  string_lit path;
};

struct cite_decl : node {
  ident id;
  string_lit title;
};

struct enum_item : node {
  ident code;
  boost::optional<string_lit> display;
};

struct enum_decl : node {
  bool ordered = false;
  ident name;
  std::vector<enum_item> items;
};

// `set protected_leave of leave = { thai_san, tai_nan_lao_dong }`
struct set_decl : node {
  ident name;
  ident element;
  set_lit items;
};

// `int`, `decimal(2)`, `set<award>`, `unit?`
struct type_ref : node {
  ident name;
  std::vector<std::string> args;  // "2" for decimal(2), "award" for set<award>
  bool optional = false;
};

struct field_decl : node {
  ident name;
  type_ref type;
  boost::optional<string_lit> column;  // CSV column when it differs from the field name
};

// `entity person from "people.csv" key person_id { ... }`
struct entity_decl : node {
  ident name;
  string_lit file;
  ident key;
  std::vector<field_decl> fields;
};

// `yearly person from "person_years.csv" { ... }` (also half_yearly, quarterly, monthly)
struct record_decl : node {
  std::string period;  // "yearly" ...
  ident entity;
  string_lit file;
  std::vector<field_decl> fields;
};

// `prior_awards from "awards.csv"`: awards decided in earlier years (entity_id, year, award).
// `only kind in { cong_trang } cite nd98 "Điều 4 khoản 3"`: which decisions count.
struct awards_filter : node {
  ident field;
  set_lit codes;
  boost::optional<citation> cite;
};

struct prior_awards_decl : node {
  string_lit file;
  std::vector<field_decl> columns;  // renames of entity_id/year/award; the filter's field
  boost::optional<awards_filter> only;
  boost::optional<std::string> ignore_unknown;  // "ignore_unknown": codes not in the pack skipped
};

// `relation members of unit = person by unit`
struct relation_decl : node {
  ident name;
  ident owner;
  ident member;
  ident via;
};

struct param_value : node {
  date_lit from;
  expr value;
  boost::optional<citation> cite;
};

struct param_series : node {
  std::vector<param_value> values;
  boost::optional<date_lit> until;  // no value after this date (reading it then is an error)
};

// `param base_salary: money { from 2023-07-01: 1_800_000 VND cite ...  until 2030-01-01 }`
// or `param cstdcs_share: percent = 15%`
struct param_decl : node {
  ident name;
  type_ref type;
  boost::optional<expr> constant;
  boost::optional<param_series> series;
  boost::optional<citation> cite;
};

// `require rating: rating >= HTT cite law06 "Điều 24 k1 a"`. Every requirement has a label: it
// names the requirement in explanations and is the target of `except`.
struct require_clause : node {
  ident label;
  expr condition;
  boost::optional<citation> cite;
  boost::optional<date_range> in_force;
  boost::optional<string_lit> assumption;
};

// `any_of worked { require full: ...  require leave: ... }`
struct any_of_clause : node {
  ident label;
  std::vector<require_clause> items;
  boost::optional<citation> cite;
};

// `except worked when leave in protected_leave cite ...`
struct except_clause : node {
  ident target;
  expr condition;
  boost::optional<citation> cite;
};

struct sort_key : node {
  expr key;
  std::string direction;  // "asc", "desc", or empty (asc)
};

// `quota 15% * count(members, LDTT) round floor per unit by score desc, person_id asc`
struct quota_clause : node {
  expr count;
  std::string rounding;  // "floor", "ceil", "nearest", or empty (floor)
  path per;
  std::vector<sort_key> keys;
};

// `rank top 1 per cluster by score desc, unit_id asc`
struct rank_clause : node {
  number_lit top;
  path per;
  std::vector<sort_key> keys;
};

struct assume_clause : node {
  string_lit note;
  bool dummy = false;
};

// `hold review when under_review cite nd98 "Điều 4 khoản 4"`: while the condition holds, the
// title is not decided now (on hold), neither earned nor refused.
struct hold_clause : node {
  ident label;
  expr condition;
  boost::optional<citation> cite;
};

// `decided_by commune when unit.level == xa in_force 2025-07-01 .. cite nd129 "..."`
struct authority_clause : node {
  ident level;
  boost::optional<expr> when;
  boost::optional<date_range> in_force;
  boost::optional<citation> cite;
};

struct clause : x3::variant<require_clause, any_of_clause, except_clause, quota_clause, rank_clause,
                            assume_clause, authority_clause, hold_clause> {
  using base_type::base_type;
  using base_type::operator=;
};

// `title LDTT "Lao động tiên tiến" for person per year cite law06 "Điều 24" { ... }`
struct title_decl : node {
  std::string kind;  // "title" or "award"
  ident code;
  boost::optional<string_lit> display;
  ident entity;
  boost::optional<std::string> period;
  boost::optional<citation> cite;
  boost::optional<date_range> in_force;
  std::vector<clause> clauses;
};

// `form person_form for person one_of BK_TINH > GK_XA`
struct form_decl : node {
  ident name;
  ident entity;
  std::vector<ident> forms;  // highest precedence first
};

// `reward LDTT = 0.3 * base_salary round 1000 cite nd98 "Điều 73"`
struct reward_decl : node {
  ident target;
  expr amount;
  boost::optional<number_lit> round_to;
  boost::optional<citation> cite;
};

// `let n_ldtt for unit = count(members, LDTT)`
struct let_decl : node {
  ident name;
  ident entity;
  expr value;
};

struct score_item : node {
  ident label;
  boost::optional<string_lit> display;
  expr points;
  boost::optional<expr> when;
  boost::optional<number_lit> cap;
  boost::optional<citation> cite;
};

struct band : node {
  ident code;
  boost::optional<number_lit> min;  // absent for `otherwise`
};

struct band_table : node {
  ident enum_name;
  std::vector<band> bands;  // highest threshold first; the last is `otherwise`
};

// score_table unit_points "Bảng chấm điểm" for unit cap 100 {
//   item targets: 40 when rating >= HTT
//   item initiatives: 5 * initiatives cap 20
//   bands rating { HTXS >= 90, HTT >= 70, HT >= 50, otherwise KHT }
// }
struct score_decl : node {
  ident name;
  boost::optional<string_lit> display;
  ident entity;
  boost::optional<number_lit> cap;
  std::vector<score_item> items;
  boost::optional<band_table> bands;
};

// target sales "Doanh thu" for unit per quarter from "unit_targets.csv" {
//   planned: decimal(2)  actual: decimal(2)
//   achieved when actual >= planned
// }
struct target_decl : node {
  ident name;
  boost::optional<string_lit> display;
  ident entity;
  std::string period;
  string_lit file;
  std::vector<field_decl> fields;
  expr achieved;
};

// `person_id` or `money = reward_total`. Parsed as `expr [= expr]` (X3 would leak a
// backtracked optional header); the checker requires the left side of `=` to be a plain name.
struct output_column : node {
  expr first;
  boost::optional<expr> value;  // when present, `first` is the header
};

// `output person_results for person to "person_results.csv" { person_id, LDTT, form = person_form
// }`
struct output_decl : node {
  ident name;
  ident entity;
  string_lit file;
  std::vector<output_column> columns;
};

struct declaration
    : x3::variant<pack_decl, include_decl, cite_decl, enum_decl, set_decl, entity_decl, record_decl,
                  prior_awards_decl, relation_decl, param_decl, title_decl, form_decl, reward_decl,
                  let_decl, score_decl, target_decl, output_decl> {
  using base_type::base_type;
  using base_type::operator=;
};

// A parsed file: its declarations in order.
struct file {
  std::string path;
  std::string text;
  std::vector<declaration> declarations;
};

}  // namespace thidua::syntax::ast
