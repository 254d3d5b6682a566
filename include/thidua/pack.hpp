// thidua/pack.hpp — where a criteria pack's files come from, and compiling them.
//
// A pack is a folder of UTF-8 `.tdk` files. Its root file, `pack.tdk`, names the pack, its
// version and the period it is in force, and `include`s the other files (paths relative to the
// including file). A host can read a pack from disk or hand the files in from memory, e.g. from
// its own database or a web form:
//
//   auto rs = thidua::compile(thidua::pack_source::directory("rules/vn"));
//   auto rs2 = thidua::compile(thidua::pack_source::memory(
//       {{"pack.tdk", "pack \"demo\" version \"1\" in_force 2024-01-01 .. 2024-12-31\n"}}));
//
// `compile` parses every file, resolves names, types every expression and checks the whole pack
// in one pass, collecting every error it finds (see thidua/diagnostic.hpp). The resulting
// `ruleset` is immutable and may be shared freely between threads.
#pragma once

#include <filesystem>
#include <functional>
#include <map>
#include <memory>
#include <optional>
#include <string>
#include <vector>

#include "thidua/diagnostic.hpp"
#include "thidua/options.hpp"
#include "thidua/result.hpp"

namespace thidua {

namespace detail {
struct model;
}

class pack_source {
 public:
  // Reads `dir/pack.tdk` and the files it includes from disk.
  static pack_source directory(std::filesystem::path dir);

  // Serves files from memory; `files` maps pack-relative paths ("pack.tdk", "titles/ldtt.tdk")
  // to their contents.
  static pack_source memory(std::map<std::string, std::string> files);

  // The path shown in diagnostics for the root file.
  [[nodiscard]] const std::string& root() const noexcept { return root_; }

  // Reads one pack-relative file. Returns nullopt and sets `error` when it cannot be read.
  [[nodiscard]] std::optional<std::string> read(const std::string& path, std::string& error) const;

 private:
  using reader = std::function<std::optional<std::string>(const std::string&, std::string&)>;
  pack_source(std::string root, reader r) : root_(std::move(root)), read_(std::move(r)) {}

  std::string root_;
  reader read_;
};

// One citation: the declared source (`cite law06 = "Luật ..."`) and the locator within it.
struct citation_info {
  std::string source;   // the cite id, e.g. "law06"
  std::string title;    // the source's full title
  std::string locator;  // e.g. "Điều 24 khoản 1 điểm a"; may be empty
};

// A title or award form as declared in the pack.
struct title_info {
  std::string code;    // e.g. "LDTT"
  std::string name;    // Vietnamese display name; may be empty
  std::string kind;    // "title" or "award"
  std::string entity;  // the entity it is for, e.g. "person"
  std::string period;  // "year", "half_year", "quarter" or "month"
  std::optional<citation_info> citation;
  std::vector<std::string> requirements;  // labels of the requirements, in order
};

// A compiled criteria pack. Cheap to copy (shared, immutable state).
class ruleset {
 public:
  [[nodiscard]] const std::string& name() const noexcept;
  [[nodiscard]] const std::string& version() const noexcept;
  // In-force period as ISO dates ("2024-01-01"); `in_force_to` is empty for an open end.
  [[nodiscard]] const std::string& in_force_from() const noexcept;
  [[nodiscard]] const std::string& in_force_to() const noexcept;
  [[nodiscard]] std::vector<std::string> files() const;
  [[nodiscard]] std::vector<title_info> titles() const;
  // Names of the declared entities (e.g. "unit", "person"), in declaration order.
  [[nodiscard]] std::vector<std::string> entities() const;
  // Number of declarations of each kind, e.g. {"enum", 6}, {"title", 9}.
  [[nodiscard]] std::map<std::string, std::size_t> declaration_counts() const;

  // Internal: the checked model, for the later phases (plan, exec) of this library.
  [[nodiscard]] const detail::model& model() const noexcept { return *model_; }
  explicit ruleset(std::shared_ptr<const detail::model> m);

 private:
  std::shared_ptr<const detail::model> model_;
  std::string from_, to_;
};

// Parses and checks a whole pack. On failure the result holds every error found (up to
// options.max_errors) and any warnings; on success it holds the ruleset and any warnings.
[[nodiscard]] result<ruleset> compile(const pack_source& source,
                                      const compile_options& options = {});

}  // namespace thidua
