// api/model.hpp — what a thidua::ruleset holds: the checked program (later: the plan).
#pragma once

#include "check/model.hpp"

namespace thidua::detail {

struct model {
  check::program program;
};

}  // namespace thidua::detail
