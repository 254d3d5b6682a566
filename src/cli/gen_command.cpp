// `thidua gen --size district|province|nation --year Y --seed N --out DIR`: synthetic data in the
// W1 layout (shared/workloads/w1.md), deterministic per seed.
#include <fmt/core.h>

#include <chrono>
#include <cstdio>

#include "cli/commands.hpp"
#include "cli/w1_data.hpp"

namespace thidua::cli {

void add_gen_command(CLI::App& app, gen_options& o) {
  auto* cmd = app.add_subcommand(
      "gen", "Generate a synthetic population in the W1 data layout (deterministic per seed)");
  cmd->add_option("--size", o.size, "district (100k persons), province (1M), nation (10M) or tiny")
      ->required()
      ->check(CLI::IsMember({"tiny", "district", "province", "nation"}));
  cmd->add_option("--year", o.year, "The year assessed; data covers year-4 .. year")
      ->check(CLI::Range(1904, 2999))
      ->capture_default_str();
  cmd->add_option("--seed", o.seed, "Random seed")->capture_default_str();
  cmd->add_option("--out", o.out, "Output folder (created; its W1 files are replaced)")->required();
  cmd->add_option("--layout", o.layout,
                  "w1 (the benchmark's five files) or national (rules/vn: the W1 files with more "
                  "columns, plus initiatives and households; docs/data-layout.md)")
      ->check(CLI::IsMember({"w1", "national"}))
      ->capture_default_str();
  cmd->add_option("--threads", o.threads, "Worker threads (the output does not depend on it)")
      ->check(CLI::Range(1, 256))
      ->capture_default_str();
}

int run_gen(const gen_options& o) {
  w1_options w;
  if (!w1_size_named(o.size, w.size)) {
    fmt::print(stderr, "thidua gen: unknown size '{}'\n", o.size);
    return exit_usage;
  }
  w.year = o.year;
  w.seed = o.seed;
  w.threads = o.threads;
  w.layout = o.layout == "national" ? data_layout::national : data_layout::w1;
  const auto start = std::chrono::steady_clock::now();
  w1_stats stats;
  std::string error;
  if (!generate_w1(w, o.out, stats, error)) {
    fmt::print(stderr, "thidua gen: {}\n", error);
    return exit_data;
  }
  const double seconds =
      std::chrono::duration<double>(std::chrono::steady_clock::now() - start).count();
  fmt::print(
      "{}: {} persons, {} units, {} person-years, {} unit-years, {} prior awards, {}"
      "{:.1f} MB, years {}..{}, seed {} ({:.2f} s)\n",
      o.out, stats.persons, stats.units, stats.person_years, stats.unit_years, stats.awards,
      w.layout == data_layout::national
          ? fmt::format("{} initiatives, {} households, ", stats.initiatives, stats.households)
          : std::string(),
      static_cast<double>(stats.bytes) / 1e6, o.year - 4, o.year, o.seed, seconds);
  return exit_ok;
}

}  // namespace thidua::cli
