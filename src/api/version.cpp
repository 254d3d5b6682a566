#include "thidua/version.hpp"

namespace thidua {
const char* version_string() noexcept { return THIDUA_VERSION_STRING; }
}  // namespace thidua
