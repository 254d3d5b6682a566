// syntax/parser.hpp — parse one .tdk file into its AST, collecting every syntax error.
#pragma once

#include <string>
#include <vector>

#include "syntax/ast.hpp"
#include "thidua/diagnostic.hpp"
#include "thidua/options.hpp"

namespace thidua::syntax {

struct parse_output {
  ast::file file;
  std::vector<diagnostic> diagnostics;  // syntax and lexical errors; empty when clean
  std::size_t nodes = 0;                // syntax nodes built (for compile_options::max_nodes)
};

// Parses `text` (the contents of `path`). Never throws for bad input: every problem becomes a
// diagnostic, and parsing resumes at the next line that starts a declaration. `node_budget` is
// what is left of compile_options::max_nodes for this file.
[[nodiscard]] parse_output parse(std::string path, std::string text, const compile_options& options,
                                 std::size_t node_budget);

// Renders the AST as an indented tree, one node per line, with line:col of each node. Used by
// the golden tests (tests/golden/*.ast) and `thidua check --dump-ast`.
[[nodiscard]] std::string dump(const ast::file& file);

}  // namespace thidua::syntax
