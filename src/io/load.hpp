// io/load.hpp — load a pack's data files (a folder of CSV) into typed columns.
//
// Files and columns are the ones the pack declares (entity and record declarations, prior
// awards). Headers are matched by name (extra columns are ignored; a missing one is an error).
// Every bad value is an error `file:row:column: message` quoting the offending text; errors are
// collected (the first `max_errors` kept, all counted) and, if there is any, nothing is returned:
// a dataset is loaded whole or not at all.
#pragma once

#include <filesystem>
#include <functional>
#include <string>
#include <string_view>
#include <vector>

#include "check/model.hpp"
#include "data/dataset.hpp"
#include "thidua/diagnostic.hpp"

namespace thidua::io {

struct load_options {
  std::size_t max_errors = 100;
  unsigned threads = 1;  // 0: every hardware thread
  // Parse only the columns the pack reads (every declared column must still be in the header).
  // Evaluation uses this; `thidua check --data` checks every value.
  bool project = false;
  // Called on the loading thread as files are read: bytes done and the total (0 when unknown,
  // e.g. for a reader that is not a folder).
  std::function<void(std::uint64_t done, std::uint64_t total)> progress;
};

struct load_output {
  data::dataset data;
  std::vector<diagnostic> diagnostics;  // errors (and a note with the total when truncated)
  bool ok = false;
};

// Where data files come from: reads file `name` into `text`, or sets `error` and returns false.
using file_reader =
    std::function<bool(const std::string& name, std::string& text, std::string& error)>;

// Reads the files of a folder.
[[nodiscard]] file_reader directory_reader(const std::filesystem::path& dir);

// Loads from any reader; `display_dir` prefixes file names in messages.
[[nodiscard]] load_output load(const check::program& program, const file_reader& reader,
                               const std::string& display_dir, const load_options& options = {});

// One cell's text as a field's type stores it: bool 0/1, int, decimals scaled by their places,
// dates as days, enum codes as indexes, sets as bit masks, text into `text`. `what` says what the
// text should have been (bad), or is the unknown code. References are not resolved here.
enum class cell_status : std::uint8_t { ok, bad, unknown_code, reference };
struct cell_parse {
  cell_status status = cell_status::ok;
  std::string what;
};
[[nodiscard]] cell_parse parse_cell(const check::program& p, const check::field& f,
                                    std::string_view s, std::int64_t& value, std::string& text);

// Loads the files of a folder.
[[nodiscard]] load_output load(const check::program& program, const std::filesystem::path& dir,
                               const load_options& options = {});

}  // namespace thidua::io
