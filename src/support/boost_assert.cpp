// Boost's assertions (BOOST_ASSERT, used inside Spirit and Graph) would call abort() through
// assert(). The library never aborts: with BOOST_ENABLE_ASSERT_HANDLER they land here and become
// an exception, the channel reserved for internal bugs, which the API turns into an error.
#include <stdexcept>
#include <string>

namespace boost {

[[noreturn]] void assertion_failed(char const* expr, char const* function, char const* file,
                                   long line) {
  throw std::logic_error(std::string("internal error: ") + expr + " in " + function + " at " +
                         file + ":" + std::to_string(line));
}

[[noreturn]] void assertion_failed_msg(char const* expr, char const* msg, char const* function,
                                       char const* file, long line) {
  throw std::logic_error(std::string("internal error: ") + expr + " (" + msg + ") in " + function +
                         " at " + file + ":" + std::to_string(line));
}

}  // namespace boost
