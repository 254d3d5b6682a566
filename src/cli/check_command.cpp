// `thidua check --rules DIR`: parse and check a criteria pack, print its diagnostics.
#include <fmt/core.h>

#include <cstdio>
#include <filesystem>

#include "cli/commands.hpp"
#include "thidua/data.hpp"
#include "thidua/pack.hpp"

namespace thidua::cli {

void add_check_command(CLI::App& app, check_options& o) {
  auto* cmd = app.add_subcommand("check", "Check a criteria pack and print its diagnostics");
  cmd->add_option("--rules", o.rules, "Pack folder (holding pack.tdk)")->required();
  cmd->add_option("--data", o.data,
                  "Also load and check a data folder (the CSV files the pack declares)");
  cmd->add_flag("--werror", o.werror, "Treat warnings as errors");
  cmd->add_flag("--quiet,-q", o.quiet, "Print errors only, not warnings");
  cmd->add_flag("--summary", o.summary, "After a clean check, print what the pack declares");
  cmd->add_option("--max-errors", o.max_errors, "Stop after this many errors (0: no limit)")
      ->capture_default_str();
}

std::optional<ruleset> compile_rules(const std::string& dir, const compile_options& options,
                                     bool quiet, int& exit_code, std::size_t& warnings) {
  std::error_code ec;
  if (!std::filesystem::is_directory(dir, ec)) {
    fmt::print(stderr, "thidua: --rules {}: not a folder\n", dir);
    exit_code = exit_usage;
    return std::nullopt;
  }
  auto rs = compile(pack_source::directory(dir), options);
  for (const auto& d : rs.diagnostics()) {
    if (!quiet || d.level == severity::error) fmt::print(stderr, "{}", format(d));
  }
  warnings = count(rs.diagnostics(), severity::warning);
  if (!rs) {
    const auto errors = count(rs.diagnostics(), severity::error);
    fmt::print(stderr, "{}: {} error{}, {} warning{}\n", dir, errors, errors == 1 ? "" : "s",
               warnings, warnings == 1 ? "" : "s");
    exit_code = exit_rules;
    return std::nullopt;
  }
  return std::move(rs).value();
}

int run_check(const check_options& o) {
  namespace fs = std::filesystem;
  std::error_code ec;
  compile_options opts;
  opts.warnings_as_errors = o.werror;
  opts.max_errors = o.max_errors;
  int exit_code = exit_ok;
  std::size_t warnings = 0;
  const auto rs = compile_rules(o.rules, opts, o.quiet, exit_code, warnings);
  if (!rs) return exit_code;
  if (o.summary) {
    fmt::print("pack {} version {} in force {} .. {}\n", rs->name(), rs->version(),
               rs->in_force_from().empty() ? "-" : rs->in_force_from(),
               rs->in_force_to().empty() ? "(open)" : rs->in_force_to());
    fmt::print("files: {}\n", rs->files().size());
    for (const auto& [kind, n] : rs->declaration_counts()) {
      if (n != 0) fmt::print("  {:<12} {}\n", kind, n);
    }
    for (const auto& t : rs->titles()) {
      fmt::print("  {} {:<10} for {:<7} per {:<9} {}{}\n", t.kind == "award" ? "award" : "title",
                 t.code, t.entity, t.period, t.name,
                 t.citation
                     ? " [" + t.citation->title +
                           (t.citation->locator.empty() ? "" : ", " + t.citation->locator) + "]"
                     : "");
    }
  }
  fmt::print("{}: ok ({} warning{})\n", o.rules, warnings, warnings == 1 ? "" : "s");
  if (o.data.empty()) return exit_ok;
  if (!fs::is_directory(o.data, ec)) {
    fmt::print(stderr, "thidua: --data {}: not a folder\n", o.data);
    return exit_usage;
  }
  load_options lo;
  lo.max_errors = o.max_errors;
  const auto data = load_csv(*rs, o.data, lo);
  for (const auto& d : data.diagnostics()) fmt::print(stderr, "{}", format(d));
  if (!data) {
    fmt::print(stderr, "{}: the data has errors; nothing was loaded\n", o.data);
    return exit_data;
  }
  std::string rows;
  for (const auto& e : rs->entities()) {
    rows += fmt::format("{}{}: {} rows", rows.empty() ? "" : ", ", e, data->entity_rows(e));
    const auto yearly = data->record_rows(e, "year");
    if (yearly != 0) rows += fmt::format(" and {} yearly rows", yearly);
  }
  fmt::print("{}: ok: {}, {} prior awards, {:.1f} MB read\n", o.data, rows, data->award_rows(),
             static_cast<double>(data->bytes_read()) / 1e6);
  return exit_ok;
}

}  // namespace thidua::cli
