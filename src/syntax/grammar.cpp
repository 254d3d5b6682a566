// The one translation unit that instantiates the Spirit X3 grammar. Everything else in thidua
// (and every user of it) sees only syntax/grammar.hpp, so X3's compile time is paid here once.
#include "syntax/grammar.hpp"

#include "syntax/grammar_def.hpp"

namespace thidua::syntax {

namespace grammar {
BOOST_SPIRIT_INSTANTIATE(declaration_type, iterator_type, context_type)
BOOST_SPIRIT_INSTANTIATE(skipper_type, iterator_type, x3::unused_type)
}  // namespace grammar

const grammar::declaration_type& declaration_rule() { return grammar::declaration; }
const grammar::skipper_type& skipper_rule() { return grammar::skipper; }

}  // namespace thidua::syntax
