// api/model.hpp — what the public handles hold: a ruleset its checked program (later: the
// plan), a dataset its typed columns.
#pragma once

#include "check/model.hpp"
#include "data/dataset.hpp"

namespace thidua::detail {

struct model {
  check::program program;
  std::string root;  // the pack's root as diagnostics show it ("rules/vn"), may be empty
};

// What a thidua::dataset holds.
struct loaded_data {
  data::dataset data;
};

}  // namespace thidua::detail
