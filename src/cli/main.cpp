// thidua — the command line. Subcommands live in their own files; this one wires them up and
// maps outcomes to the documented exit codes (docs/cli.md):
//   0 ok, 1 rule errors, 2 data errors, 3 usage errors, 4 internal error.
#include <fmt/core.h>
#include <CLI/CLI.hpp>

#include <unistd.h>

#include <cstdio>
#include <cstdlib>
#include <exception>

#include "cli/commands.hpp"
#include "thidua/version.hpp"

namespace {

// Large populations touch gigabytes of fresh memory; with 4 KiB pages the page faults cost as much
// as the parsing (measured: a third of load and eval time on a district). glibc backs its large
// allocations with transparent huge pages when asked through GLIBC_TUNABLES, which it reads only
// at start-up, so the command line re-executes itself once with it set (docs/decisions.md).
// THIDUA_NO_HUGEPAGES=1, or any GLIBC_TUNABLES of the user's own, turns this off.
void use_huge_pages(char** argv) {
  if (std::getenv("GLIBC_TUNABLES") != nullptr || std::getenv("THIDUA_NO_HUGEPAGES") != nullptr) {
    return;
  }
  if (::setenv("GLIBC_TUNABLES", "glibc.malloc.hugetlb=1", 1) != 0) return;
  ::execv("/proc/self/exe", argv);
  ::unsetenv("GLIBC_TUNABLES");  // exec failed (no /proc?): carry on as we are
}

}  // namespace

int main(int argc, char** argv) {
  use_huge_pages(argv);
  CLI::App app{"thidua — rules engine for emulation and commendation (thi đua, khen thưởng)",
               "thidua"};
  app.set_version_flag("--version", std::string("thidua ") + thidua::version_string());
  app.require_subcommand(1);
  app.fallthrough(false);

  thidua::cli::check_options check;
  thidua::cli::add_check_command(app, check);
  thidua::cli::gen_options gen;
  thidua::cli::add_gen_command(app, gen);
  thidua::cli::eval_options eval;
  thidua::cli::add_eval_command(app, eval);
  thidua::cli::explain_options explain;
  thidua::cli::add_explain_command(app, explain);
  thidua::cli::graph_options graph;
  thidua::cli::add_graph_command(app, graph);

  try {
    app.parse(argc, argv);
  } catch (const CLI::CallForHelp& e) {
    return app.exit(e);
  } catch (const CLI::CallForAllHelp& e) {
    return app.exit(e);
  } catch (const CLI::CallForVersion& e) {
    return app.exit(e);
  } catch (const CLI::ParseError& e) {
    app.exit(e);
    return thidua::cli::exit_usage;
  }
  try {
    if (app.got_subcommand("check")) return thidua::cli::run_check(check);
    if (app.got_subcommand("eval")) return thidua::cli::run_eval(eval);
    if (app.got_subcommand("explain")) return thidua::cli::run_explain(explain);
    if (app.got_subcommand("gen")) return thidua::cli::run_gen(gen);
    if (app.got_subcommand("graph")) return thidua::cli::run_graph(graph);
  } catch (const std::exception& e) {
    fmt::print(stderr, "thidua: internal error: {}\n", e.what());
    return thidua::cli::exit_internal;
  }
  return thidua::cli::exit_usage;
}
