// `thidua graph --rules DIR [--format dot|svg] [--out FILE]`: the evaluation graph for Graphviz.
#include <fmt/core.h>

#include <spawn.h>
#include <sys/wait.h>
#include <unistd.h>
#include <cstdio>
#include <filesystem>
#include <fstream>

#include "cli/commands.hpp"
#include "thidua/graph.hpp"
#include "thidua/pack.hpp"

namespace thidua::cli {

void add_graph_command(CLI::App& app, graph_options& o) {
  auto* cmd = app.add_subcommand("graph", "Print the evaluation graph of a pack (Graphviz)");
  cmd->add_option("--rules", o.rules, "Pack folder (holding pack.tdk)")->required();
  cmd->add_option("--format", o.format, "dot, or svg (needs Graphviz's dot program)")
      ->check(CLI::IsMember({"dot", "svg"}))
      ->capture_default_str();
  cmd->add_option("--out", o.out, "Write to this file instead of standard output");
}

int run_graph(const graph_options& o) {
  namespace fs = std::filesystem;
  std::error_code ec;
  int exit_code = exit_ok;
  std::size_t warnings = 0;
  const auto rs = compile_rules(o.rules, {}, true, exit_code, warnings);
  if (!rs) return exit_code;
  const std::string dot = graph_dot(*rs);
  if (o.format == "dot") {
    if (o.out.empty()) {
      fmt::print("{}", dot);
      return exit_ok;
    }
    const auto tmp = o.out + ".tmp";
    std::ofstream(tmp, std::ios::binary) << dot;
    fs::rename(tmp, o.out, ec);
    if (ec) {
      fmt::print(stderr, "thidua graph: {}: {}\n", o.out, ec.message());
      return exit_usage;
    }
    return exit_ok;
  }
  // Graphviz's dot, run without a shell so that no path is ever interpreted.
  const auto dir = fs::temp_directory_path(ec);
  const auto in = (dir / ("thidua-graph-" + std::to_string(::getpid()) + ".dot")).string();
  std::ofstream(in, std::ios::binary) << dot;
  const std::string target = o.out.empty() ? std::string("/dev/stdout") : o.out + ".tmp";
  std::string a0 = "dot", a1 = "-Tsvg", a2 = in, a3 = "-o", a4 = target;
  char* argv[] = {a0.data(), a1.data(), a2.data(), a3.data(), a4.data(), nullptr};
  pid_t pid = 0;
  int status = 0;
  const int spawned = ::posix_spawnp(&pid, "dot", nullptr, nullptr, argv, environ);
  if (spawned == 0) ::waitpid(pid, &status, 0);
  fs::remove(in, ec);
  if (spawned != 0) {
    fmt::print(stderr,
               "thidua graph: --format svg needs Graphviz's dot (apt-get install graphviz)\n");
    return exit_usage;
  }
  if (!WIFEXITED(status) || WEXITSTATUS(status) != 0) {
    fmt::print(stderr, "thidua graph: dot failed\n");
    return exit_internal;
  }
  if (!o.out.empty()) fs::rename(target, o.out, ec);
  return ec ? exit_usage : exit_ok;
}

}  // namespace thidua::cli
