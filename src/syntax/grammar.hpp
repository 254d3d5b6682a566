// syntax/grammar.hpp — the declaration of the .tdk grammar.
//
// Only the `declaration` rule is visible; its definition lives in grammar_def.hpp and is
// instantiated once, in grammar.cpp, for the iterator and context types below. Nothing outside
// syntax/ includes Spirit X3 headers.
#pragma once

#include <boost/spirit/home/x3.hpp>

#include "syntax/ast.hpp"
#include "syntax/error_handler.hpp"

namespace thidua::syntax {

namespace grammar {

struct declaration_class;
using declaration_type = x3::rule<declaration_class, ast::declaration>;
BOOST_SPIRIT_DECLARE(declaration_type)

// Whitespace and `#` comments (to end of line). Comments may hold any UTF-8.
struct skipper_class;
using skipper_type = x3::rule<skipper_class, x3::unused_type>;
BOOST_SPIRIT_DECLARE(skipper_type)

}  // namespace grammar

[[nodiscard]] const grammar::declaration_type& declaration_rule();
[[nodiscard]] const grammar::skipper_type& skipper_rule();

using iterator_type = const char*;
using phrase_context_type = x3::phrase_parse_context<grammar::skipper_type>::type;
using context_type = x3::context<state_tag, parse_state, phrase_context_type>;

}  // namespace thidua::syntax
