// check/checker.hpp — the checker: names, types, effective dates and diagnostics for a whole pack.
//
// One `checker` per compile. It loads pack.tdk and its includes, registers every declaration,
// then checks each one, collecting every error (up to compile_options::max_errors) instead of
// stopping at the first. Its output is the typed model (check/model.hpp) or the diagnostics.
#pragma once

#include <map>
#include <memory>
#include <optional>
#include <string>
#include <unordered_map>
#include <vector>

#include "check/model.hpp"
#include "support/source_map.hpp"
#include "syntax/ast.hpp"
#include "thidua/options.hpp"
#include "thidua/pack.hpp"

namespace thidua::check {

using support::code;

struct check_output {
  program prog;
  std::vector<diagnostic> diagnostics;
  bool ok = false;
};

// Parses and checks the pack served by `source`.
[[nodiscard]] check_output check_pack(const pack_source& source, const compile_options& options);

// Edit distance for "did you mean" hints; `best_match` returns the closest candidate within a
// distance that still reads as a typo, or an empty string.
[[nodiscard]] std::size_t edit_distance(std::string_view a, std::string_view b);
[[nodiscard]] std::string best_match(std::string_view word,
                                     const std::vector<std::string_view>& candidates);

enum class symbol_kind : std::uint8_t {
  enumeration,
  set,
  entity,
  relation,
  param,
  title,
  form,
  let,
  score,
  target,
  output
};

struct symbol {
  symbol_kind kind;
  id index;
  span where;
};

// Where an expression is checked: the entity whose names are in scope, the period its record
// fields may come from, and the dependency node that references are recorded for.
struct scope {
  id file = no_id;
  id entity = no_id;  // no_id: only parameters, literals and `year`
  period per = period::year;
  id target = no_id;           // inside an aggregate over a target's rows
  std::optional<period> rows;  // inside an aggregate over sub-year records
  bool history = false;        // inside at()/years_since(): no same-year dependency
  id node = no_id;             // dependency-graph node of the declaration being checked
};

// A scope for `entity` in `file`, recording dependencies for graph node `node`.
[[nodiscard]] inline scope make_scope(id file, id entity = no_id, period per = period::year,
                                      id node = no_id) {
  scope s;
  s.file = file;
  s.entity = entity;
  s.per = per;
  s.node = node;
  return s;
}

class checker {
 public:
  checker(const pack_source& source, const compile_options& options);
  check_output run();

  // ---- diagnostics (checker.cpp) ----
  void report(severity level, span where, std::optional<code> c, std::string message,
              std::string hint = {});
  void error(span where, code c, std::string message, std::string hint = {}) {
    report(severity::error, where, c, std::move(message), std::move(hint));
  }
  void warning(span where, code c, std::string message, std::string hint = {}) {
    report(severity::warning, where, c, std::move(message), std::move(hint));
  }
  void note(span where, std::string message) {
    report(severity::note, where, std::nullopt, std::move(message));
  }
  [[nodiscard]] span at(id file, const syntax::ast::node& n) const {
    return {file, n.begin, n.end};
  }

  // ---- declarations (declarations.cpp) ----
  void register_names();
  void check_declarations();
  void check_unused();

  // ---- expressions (expressions.cpp) ----
  id check_expr(const syntax::ast::expr& e, const scope& s, const type* expected = nullptr,
                bool allow_group = false);
  id check_condition(const syntax::ast::expr& e, const scope& s, const char* what);
  std::optional<std::int64_t> constant_int(id e) const;

  // ---- types (types.cpp) ----
  std::optional<type> resolve_type(const syntax::ast::type_ref& t, id file, bool& optional);
  [[nodiscard]] std::string type_name(const type& t) const { return to_string(prog_, t); }
  std::optional<std::int32_t> date_of(const syntax::ast::date_lit& d, id file);
  std::optional<citation> resolve_cite(const boost::optional<syntax::ast::citation>& c, id file);

  // ---- dependency graph (graph.cpp) ----
  id graph_node(symbol_kind kind, id index);
  void depend(const scope& s, symbol_kind kind, id index);
  void check_cycles();

  // ---- state shared by the parts ----
  const pack_source& source_;
  const compile_options& options_;
  program prog_;
  std::vector<syntax::ast::file> files_;
  std::vector<std::unique_ptr<support::source_map>> maps_;
  std::vector<diagnostic> diags_;
  std::size_t errors_ = 0;
  std::size_t suppressed_ = 0;
  std::size_t nodes_ = 0;
  // While quiet_ > 0, diagnostics are not reported, only noted in quiet_failed_: used to probe
  // whether a name resolves before deciding the order in which to type a comparison.
  std::size_t quiet_ = 0;
  bool quiet_failed_ = false;

  std::unordered_map<std::string, symbol> globals_;
  std::unordered_map<std::string, id> cites_;
  std::vector<std::unordered_map<std::string, id>> entity_fields_;  // per entity
  std::vector<std::unordered_map<std::string, id>> target_fields_;  // per target
  std::vector<std::unordered_map<std::string, id>> title_labels_;   // per title

  // Dependency graph between same-period computations (titles, lets, scores, forms).
  struct graph_vertex {
    symbol_kind kind;
    id index;
  };
  std::vector<graph_vertex> vertices_;
  std::map<std::pair<int, id>, id> vertex_of_;
  std::vector<std::pair<id, id>> edges_;
  std::vector<span> edge_where_;

  // The AST of each registered declaration, by id (same order as the program's vectors).
  template <class T>
  using decl_list = std::vector<std::pair<id, const T*>>;
  decl_list<syntax::ast::enum_decl> enum_asts_;
  decl_list<syntax::ast::set_decl> set_asts_;
  decl_list<syntax::ast::entity_decl> entity_asts_;
  decl_list<syntax::ast::record_decl> record_asts_;
  decl_list<syntax::ast::relation_decl> relation_asts_;
  decl_list<syntax::ast::param_decl> param_asts_;
  std::optional<std::pair<id, const syntax::ast::prior_awards_decl*>> awards_ast_;
  decl_list<syntax::ast::title_decl> title_asts_;
  decl_list<syntax::ast::form_decl> form_asts_;
  decl_list<syntax::ast::reward_decl> reward_asts_;
  decl_list<syntax::ast::score_decl> score_asts_;
  decl_list<syntax::ast::target_decl> target_asts_;
  decl_list<syntax::ast::output_decl> output_asts_;

  // Lets are typed on demand (a let may use another declared later).
  enum class let_state : std::uint8_t { unchecked, checking, done };
  std::vector<let_state> let_states_;
  std::size_t let_depth_ = 0;  // lets being typed inside one another (bounded: stack use)
  bool let_chain_reported_ = false;
  std::vector<const syntax::ast::let_decl*> let_decls_;
  std::vector<id> let_files_;
  void check_let(id index);

 private:
  void load_files();
};

}  // namespace thidua::check
