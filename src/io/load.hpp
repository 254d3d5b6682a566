// io/load.hpp — load a pack's data files (a folder of CSV) into typed columns.
//
// Files and columns are the ones the pack declares (entity and record declarations, prior
// awards). Headers are matched by name (extra columns are ignored; a missing one is an error).
// Every bad value is an error `file:row:column: message` quoting the offending text; errors are
// collected (the first `max_errors` kept, all counted) and, if there is any, nothing is returned:
// a dataset is loaded whole or not at all.
#pragma once

#include <filesystem>
#include <string>
#include <vector>

#include "check/model.hpp"
#include "data/dataset.hpp"
#include "thidua/diagnostic.hpp"

namespace thidua::io {

struct load_options {
  std::size_t max_errors = 100;
};

struct load_output {
  data::dataset data;
  std::vector<diagnostic> diagnostics;  // errors (and a note with the total when truncated)
  bool ok = false;
};

[[nodiscard]] load_output load(const check::program& program, const std::filesystem::path& dir,
                               const load_options& options = {});

}  // namespace thidua::io
