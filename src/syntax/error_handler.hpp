// syntax/error_handler.hpp — what the grammar does when a rule succeeds or an expectation fails.
//
// Rules whose id derives from `annotate` record the byte span of the node they produced.
// The top-level `declaration` rule also derives from `on_expectation_failure`, which records a
// syntax error (where, and what was expected) in the parse state and lets the parser fail; the
// driver in parser.cpp then skips to the next declaration and goes on, so one pass reports
// every syntax error in a file.
#pragma once

#include <boost/spirit/home/x3.hpp>
#include <cstdint>
#include <string>
#include <type_traits>
#include <vector>

#include "syntax/ast.hpp"

namespace thidua::syntax {

namespace x3 = boost::spirit::x3;

struct syntax_error {
  std::uint32_t offset = 0;  // byte offset where the expected thing was missing
  std::string expected;      // human description, e.g. "an expression", "'{'"
};

// Per-parse state passed to the grammar through the X3 context.
struct parse_state {
  const char* buffer = nullptr;  // start of the file's text
  std::vector<syntax_error> errors;
  std::size_t nodes = 0;  // number of annotated nodes built (bounded by compile_options)
};

struct state_tag;

struct annotate {
  template <class Iterator, class Attribute, class Context>
  void on_success(const Iterator& first, const Iterator& last, Attribute& attr,
                  const Context& context) const {
    auto& state = x3::get<state_tag>(context);
    ++state.nodes;
    if constexpr (std::is_base_of_v<ast::node, Attribute>) {
      attr.begin = static_cast<std::uint32_t>(first - state.buffer);
      attr.end =
          static_cast<std::uint32_t>(trim(state.buffer, first - state.buffer, last - state.buffer));
    }
  }

  // X3 skips whitespace and comments before trying what might follow a node, so `last` can lie
  // past them: cut the span back to its last token.
  static std::ptrdiff_t trim(const char* text, std::ptrdiff_t begin, std::ptrdiff_t end) {
    for (;;) {
      while (end > begin && (text[end - 1] == ' ' || text[end - 1] == '\t' ||
                             text[end - 1] == '\r' || text[end - 1] == '\n')) {
        --end;
      }
      std::ptrdiff_t line = end;
      while (line > begin && text[line - 1] != '\n') --line;
      bool in_string = false;
      std::ptrdiff_t hash = -1;
      for (std::ptrdiff_t i = line; i < end; ++i) {
        if (text[i] == '"') in_string = !in_string;
        if (text[i] == '\\' && in_string) ++i;
        if (text[i] == '#' && !in_string) {
          hash = i;
          break;
        }
      }
      if (hash < 0) return end;
      end = hash;
    }
  }
};

struct on_expectation_failure {
  template <class Iterator, class Exception, class Context>
  x3::error_handler_result on_error(const Iterator& /*first*/, const Iterator& /*last*/,
                                    const Exception& x, const Context& context) const {
    auto& state = x3::get<state_tag>(context);
    state.errors.push_back({static_cast<std::uint32_t>(x.where() - state.buffer), x.which()});
    return x3::error_handler_result::fail;
  }
};

}  // namespace thidua::syntax
