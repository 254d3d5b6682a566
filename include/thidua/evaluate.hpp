// thidua/evaluate.hpp — evaluating a population, looking up one entity, explaining a decision.
//
//   auto rules = thidua::compile(thidua::pack_source::directory("bench/w1"));
//   auto data = thidua::load_csv(*rules, "district/");
//   auto run = thidua::evaluate(*rules, *data, 2024, {.threads = 2});
//   if (!run) { log(thidua::format(run.diagnostics())); return; }
//   for (auto& out : run->outputs()) save(out.file, run->render(out.name));   // CSV text
//   auto one = run->lookup("person", "P000123");       // titles, form, money: microseconds
//   auto why = run->explain("person", "P000123", "CSTDCS");
//   std::cout << thidua::format(*why);                  // conditions, values read, citations
//
// `evaluate` decides every title, award, quota, ranking, form and reward of the assessed year for
// the whole population, in parallel batches; the result is identical for any thread count. The
// `evaluation` keeps what it decided, so looking up or explaining one entity afterwards does not
// re-run the population. An evaluation is immutable and safe to share between threads.
#pragma once

#include <cstdint>
#include <functional>
#include <map>
#include <memory>
#include <optional>
#include <string>
#include <vector>

#include "thidua/data.hpp"
#include "thidua/pack.hpp"
#include "thidua/result.hpp"

namespace thidua {

namespace detail {
struct evaluation_state;
}

struct evaluate_options {
  // Worker threads; 0 uses every hardware thread.
  unsigned threads = 0;
  // Plan passes: constant folding, shared subexpressions, cheapest requirement first. The
  // results are the same either way (tested); off is for measuring and for bug reports.
  bool optimize = true;
  // Progress, for a host's progress bar: steps done and the total (each title decided for the
  // whole population is a step; the outputs are the last). Called on the calling thread.
  std::function<void(std::size_t done, std::size_t total)> progress = nullptr;
};

// A declared output (`output NAME for ENTITY to "FILE" { ... }`).
struct output_info {
  std::string name;
  std::string entity;
  std::string file;
  std::vector<std::string> columns;
  std::size_t rows = 0;
};

// How often a title or award was earned in the assessed year.
struct title_count {
  std::string code;
  std::string name;
  std::string entity;
  std::size_t earned = 0;
  std::size_t unknown = 0;  // undecided: data was missing, or on hold (counted in on_hold too)
  std::size_t on_hold = 0;  // undecided because a hold applies (an open case)
  std::size_t assessed = 0;
  bool in_force = true;  // false: the title is not in force at the year's decision date
};

// One line of a proposal list: an entity proposed for a title or award, and the level that
// decides it (the title's `decided_by`). Awards of a form are proposed only when selected.
struct proposal {
  std::string authority;  // unit_head, enterprise, commune, district, province, ministry, ...
  std::string title;
  std::string entity;
  std::string key;
};

// One entity's results (lookup).
struct entity_result {
  std::string entity;
  std::string key;
  bool assessed = false;  // has a row in the assessed year
  // code -> "earned", "not earned", "on hold" or "unknown"
  std::map<std::string, std::string> titles;
  std::map<std::string, std::string> forms;  // form name -> the award selected ("" for none)
  std::int64_t money = 0;                    // total reward, VND
};

// ---- explanations ----------------------------------------------------------------------------

// A value a condition read: a data field, a title, an aggregate, a parameter, a history value.
struct explained_value {
  std::string expression;  // as written in the pack, e.g. "at(year - 1, rating)"
  std::string value;       // as the outputs show it; "unknown" when missing
  bool known = true;
  int year = 0;
  std::string source;  // for data: "person_years.csv, column rating"; else empty
};

struct explained_condition {
  std::string kind;  // "requirement", "any_of", "alternative", "exception", "hold"
  std::string label;
  std::string text;  // the condition as written
  // "passed", "failed", "unknown", "not in force", "waived", "not checked"; for a hold "on hold"
  // or "clear"
  std::string outcome;
  std::optional<citation_info> citation;
  std::string assumption;  // an `assume` note of the pack, shown to the reader
  std::vector<explained_value> inputs;
  std::vector<explained_condition> children;  // alternatives of an any_of; exceptions
};

struct ranked_neighbour {
  std::string key;
  std::int32_t rank = 0;
};

// The quota or ranking step of a title, for an entity that met every requirement.
struct quota_explanation {
  std::string kind;   // "quota" or "ranking"
  std::string group;  // the group's value, e.g. the unit id
  std::int32_t rank = 0;
  std::int64_t places = 0;                     // the cut-off: places the group has
  std::vector<ranked_neighbour> above, below;  // up to two on each side
  std::string text;                            // the rule as written
};

struct explanation {
  std::string entity;
  std::string key;
  int year = 0;
  std::string title;      // code
  std::string name;       // Vietnamese name
  std::string kind;       // "title" or "award"
  std::string authority;  // the level that decides (decided_by), empty when the pack says none
  std::optional<citation_info> authority_citation;
  std::optional<citation_info> citation;
  // "earned", "not earned", "unknown" (missing data), "on hold" (a hold applies: not decided now),
  // "not assessed" (no row in the year), "not in force"
  std::string outcome;
  std::vector<explained_condition> conditions;
  std::optional<quota_explanation> quota;
  std::vector<std::string> assumptions;
};

// A readable account for a council clerk: outcome, each condition with its article and values.
[[nodiscard]] std::string format(const explanation& e);
// The same as a JSON object.
[[nodiscard]] std::string to_json(const explanation& e);

// ---- what-if -----------------------------------------------------------------------------------

// One edited value: a field of the entity (static, or its row of the assessed year) and the new
// value as a CSV cell would hold it ("" for empty, i.e. unknown in an optional field).
using edit = std::pair<std::string, std::string>;

// One entity decided again with edited values, against the population as evaluated.
struct what_if_result {
  entity_result result;                   // titles, forms and money under the edits
  std::vector<explanation> explanations;  // every title of the entity, under the edits
};

// ---- the evaluation ----------------------------------------------------------------------------

class evaluation {
 public:
  [[nodiscard]] int year() const noexcept;
  [[nodiscard]] std::vector<output_info> outputs() const;
  // An output's rows as CSV (header, rows sorted by key, LF) or as JSON (an array of objects, one
  // per line). Unknown values are empty cells / null. Empty string for an unknown output name.
  [[nodiscard]] std::string render(const std::string& output,
                                   const std::string& format = "csv") const;
  // The CSV text of an output as the evaluation keeps it (no copy); empty for an unknown name.
  [[nodiscard]] const std::string& csv(const std::string& output) const;
  [[nodiscard]] std::vector<title_count> title_counts() const;
  // Award selected by each form: form name -> award code -> count.
  [[nodiscard]] std::map<std::string, std::map<std::string, std::size_t>> form_counts() const;
  // The proposal lists: every earned title and selected award whose pack names who decides,
  // ordered by level (highest first), then title as declared, then key.
  [[nodiscard]] std::vector<proposal> proposals() const;
  // Total reward money per entity kind, VND.
  [[nodiscard]] std::map<std::string, std::int64_t> money_totals() const;

  // One entity's results, from what the evaluation decided.
  [[nodiscard]] result<entity_result> lookup(const std::string& entity,
                                             const std::string& key) const;
  // What if one entity's values were different (an online form, a complaint's "what if my rating
  // were HTXS")? Decides that entity's titles, quota places, forms and money again with `edits`
  // applied, without re-running the population: everyone else, and aggregates over groups (a
  // unit's count of members with LĐTT), stay as evaluated; a quota place is taken among the
  // candidates as decided. Thread-safe, like lookup. Editing a group membership (unit) is refused.
  // `explain = false` skips the explanations (the decision alone is a few µs).
  [[nodiscard]] result<what_if_result> what_if(const std::string& entity, const std::string& key,
                                               const std::vector<edit>& edits,
                                               bool explain = true) const;
  // Why (or why not) an entity earned a title; with an empty title, every title of its kind.
  [[nodiscard]] result<std::vector<explanation>> explain(const std::string& entity,
                                                         const std::string& key,
                                                         const std::string& title = {}) const;

  explicit evaluation(std::shared_ptr<detail::evaluation_state> s);

 private:
  std::shared_ptr<detail::evaluation_state> state_;
};

[[nodiscard]] result<evaluation> evaluate(const ruleset& rules, const dataset& data, int year,
                                          const evaluate_options& options = {});

}  // namespace thidua
