// cli/commands.hpp — the subcommands of the `thidua` command line and its exit codes.
#pragma once

#include <CLI/CLI.hpp>
#include <cstdint>
#include <optional>
#include <string>
#include <vector>

#include "thidua/pack.hpp"

namespace thidua::cli {

inline constexpr int exit_ok = 0;
inline constexpr int exit_rules = 1;     // the criteria pack has errors
inline constexpr int exit_data = 2;      // a data file has errors
inline constexpr int exit_usage = 3;     // bad flags or arguments
inline constexpr int exit_internal = 4;  // a bug in thidua: please report it

// Compiles the pack in `dir` for a subcommand: prints its diagnostics (errors only when
// `quiet`) and a one-line count on failure. Returns nullopt with `exit_code` set when there is
// no ruleset to go on with; `warnings` counts the warnings.
std::optional<ruleset> compile_rules(const std::string& dir, const compile_options& options,
                                     bool quiet, int& exit_code, std::size_t& warnings);

struct check_options {
  std::string rules;
  std::string data;
  bool werror = false;
  bool quiet = false;
  bool summary = false;
  std::size_t max_errors = 100;
};

void add_check_command(CLI::App& app, check_options& o);
int run_check(const check_options& o);

struct gen_options {
  std::string size;
  int year = 2024;
  std::uint64_t seed = 1;
  std::string out;
  unsigned threads = 2;
  std::string layout = "w1";
};

void add_gen_command(CLI::App& app, gen_options& o);
int run_gen(const gen_options& o);

struct graph_options {
  std::string rules;
  std::string format = "dot";
  std::string out;
};

void add_graph_command(CLI::App& app, graph_options& o);
int run_graph(const graph_options& o);

struct eval_options {
  std::string rules;
  std::string data;
  int year = 0;
  std::string out;
  unsigned threads = 0;
  std::string format = "csv";
  bool quiet = false;
};

void add_eval_command(CLI::App& app, eval_options& o);
int run_eval(const eval_options& o);

struct explain_options {
  std::string rules;
  std::string data;
  int year = 0;
  std::string id;
  std::string entity;
  std::string title;
  bool json = false;
  unsigned threads = 0;
  std::vector<std::string> set;  // what-if edits: FIELD=VALUE
};

void add_explain_command(CLI::App& app, explain_options& o);
int run_explain(const explain_options& o);

}  // namespace thidua::cli
