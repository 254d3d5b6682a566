// `thidua eval` and `thidua explain`: evaluate a population, write the outputs, explain one entity.
#include <fmt/core.h>
#include <unistd.h>

#include <algorithm>
#include <chrono>
#include <cstdio>
#include <cstdlib>
#include <filesystem>
#include <fstream>
#include <map>
#include <string_view>

#include "cli/commands.hpp"
#include "thidua/data.hpp"
#include "thidua/evaluate.hpp"
#include "thidua/pack.hpp"

namespace thidua::cli {

namespace fs = std::filesystem;

namespace {

// A CSV field, quoted when it must be (RFC 4180).
std::string csv_quoted(const std::string& v) {
  if (v.find_first_of(",\"\r\n") == std::string::npos) return v;
  std::string out = "\"";
  for (const char c : v) {
    if (c == '"') out += '"';
    out += c;
  }
  return out + '"';
}

// A JSON string (the ids are UTF-8 already; control characters escaped).
std::string json_quoted(const std::string& v) {
  std::string out = "\"";
  for (const char c : v) {
    if (c == '"' || c == '\\') {
      out += '\\';
      out += c;
    } else if (static_cast<unsigned char>(c) < 0x20) {
      out += fmt::format("\\u{:04x}", static_cast<unsigned>(c));
    } else {
      out += c;
    }
  }
  return out + '"';
}

using clock_type = std::chrono::steady_clock;

double seconds_since(clock_type::time_point t) {
  return std::chrono::duration<double>(clock_type::now() - t).count();
}

// Shows the phase on stderr when it is a terminal (a one-line status, overwritten in place).
class status_line {
 public:
  explicit status_line(bool enabled) : enabled_(enabled && isatty(STDERR_FILENO) != 0) {}
  ~status_line() { clear(); }
  status_line(const status_line&) = delete;
  status_line& operator=(const status_line&) = delete;
  // A bar, once the phase has taken long enough to be worth one (half a second).
  void progress(const std::string& what, double fraction) {
    if (!enabled_) return;
    if (!started_) {
      started_ = true;
      since_ = clock_type::now();
    }
    if (seconds_since(since_) < 0.5) return;
    constexpr int width = 30;
    const int filled = static_cast<int>(fraction * width + 0.5);
    show(fmt::format("{:<12} [{}{}] {:3.0f}%", what,
                     std::string(static_cast<std::size_t>(filled), '#'),
                     std::string(static_cast<std::size_t>(width - filled), '.'), fraction * 100));
  }
  void restart() { started_ = false; }

  void show(const std::string& s) {
    if (!enabled_) return;
    fmt::print(stderr, "\r\033[K{}", s);
    std::fflush(stderr);
    shown_ = true;
  }
  void clear() {
    if (!shown_) return;
    fmt::print(stderr, "\r\033[K");
    std::fflush(stderr);
    shown_ = false;
  }

 private:
  bool enabled_;
  bool shown_ = false;
  bool started_ = false;
  clock_type::time_point since_{};
};

// Compiles and loads for eval and explain; nullopt with exit_code set on failure.
struct loaded {
  ruleset rules;
  dataset data;
  double compile_s = 0;
  double load_s = 0;
};

std::optional<loaded> compile_and_load(const std::string& rules_dir, const std::string& data_dir,
                                       bool quiet, unsigned threads, status_line& status,
                                       int& exit_code) {
  std::error_code ec;
  if (!fs::is_directory(data_dir, ec)) {
    fmt::print(stderr, "thidua: --data {}: not a folder\n", data_dir);
    exit_code = exit_usage;
    return std::nullopt;
  }
  auto t0 = clock_type::now();
  std::size_t warnings = 0;
  auto rs = compile_rules(rules_dir, {}, quiet, exit_code, warnings);
  if (!rs) return std::nullopt;
  const double compile_s = seconds_since(t0);
  status.show(fmt::format("loading {} ...", data_dir));
  t0 = clock_type::now();
  load_options lo;
  lo.threads = threads;
  status.restart();
  lo.progress = [&status](std::uint64_t done, std::uint64_t total) {
    if (total != 0)
      status.progress("loading", static_cast<double>(done) / static_cast<double>(total));
  };
  lo.only_used_columns = true;  // `thidua check --data` validates every column
  auto data = load_csv(*rs, data_dir, lo);
  status.clear();
  for (const auto& d : data.diagnostics()) fmt::print(stderr, "{}", format(d));
  if (!data) {
    fmt::print(stderr, "{}: the data has errors; nothing was evaluated or written\n", data_dir);
    exit_code = exit_data;
    return std::nullopt;
  }
  return loaded{std::move(*rs), std::move(*data), compile_s, seconds_since(t0)};
}

// Writes every file to a temporary name in `dir` first, then renames them all into place; on
// any failure removes the temporaries and leaves existing files untouched.
bool write_atomically(const fs::path& dir,
                      const std::vector<std::pair<std::string, std::string_view>>& files,
                      std::string& error) {
  std::error_code ec;
  fs::create_directories(dir, ec);
  if (ec) {
    error = "cannot create " + dir.string() + ": " + ec.message();
    return false;
  }
  std::vector<fs::path> temps;
  auto cleanup = [&] {
    for (const auto& t : temps) fs::remove(t, ec);
  };
  for (const auto& [name, text] : files) {
    const fs::path tmp = dir / ("." + name + ".tmp-" + std::to_string(getpid()));
    temps.push_back(tmp);
    std::ofstream out(tmp, std::ios::binary | std::ios::trunc);
    out.write(text.data(), static_cast<std::streamsize>(text.size()));
    out.close();
    if (!out) {
      error = "cannot write " + (dir / name).string();
      cleanup();
      return false;
    }
  }
  for (std::size_t i = 0; i < files.size(); ++i) {
    fs::rename(temps[i], dir / files[i].first, ec);
    if (ec) {
      error = "cannot rename into " + (dir / files[i].first).string() + ": " + ec.message();
      cleanup();
      return false;
    }
  }
  return true;
}

std::string thousands(std::int64_t v) {
  std::string s = std::to_string(v < 0 ? -v : v);
  for (int i = static_cast<int>(s.size()) - 3; i > 0; i -= 3)
    s.insert(static_cast<std::size_t>(i), ",");
  return (v < 0 ? "-" : "") + s;
}

}  // namespace

void add_eval_command(CLI::App& app, eval_options& o) {
  auto* cmd = app.add_subcommand("eval", "Evaluate a population and write the pack's outputs");
  cmd->add_option("--rules", o.rules, "Pack folder (holding pack.tdk)")->required();
  cmd->add_option("--data", o.data, "Data folder (the CSV files the pack declares)")->required();
  cmd->add_option("--year", o.year, "The year assessed")->required()->check(CLI::Range(1900, 9999));
  cmd->add_option("--out", o.out, "Folder for the output files (created if missing)")->required();
  cmd->add_option("--threads", o.threads, "Worker threads (0: all cores)")->capture_default_str();
  cmd->add_option("--format", o.format, "Output format")
      ->check(CLI::IsMember({"csv", "json"}))
      ->capture_default_str();
  cmd->add_flag("--quiet,-q", o.quiet, "Print errors only, no summary");
}

int run_eval(const eval_options& o) {
  int exit_code = exit_ok;
  status_line status(!o.quiet);
  auto in = compile_and_load(o.rules, o.data, o.quiet, o.threads, status, exit_code);
  if (!in) return exit_code;
  status.show(fmt::format("evaluating {} ...", o.year));
  auto t0 = clock_type::now();
  evaluate_options eo;
  eo.threads = o.threads;
  status.restart();
  eo.progress = [&status](std::size_t done, std::size_t total) {
    status.progress("evaluating", static_cast<double>(done) / static_cast<double>(total));
  };
  const auto run = evaluate(in->rules, in->data, o.year, eo);
  status.clear();
  for (const auto& d : run.diagnostics()) fmt::print(stderr, "{}", format(d));
  if (!run) {
    fmt::print(stderr, "thidua: evaluation failed; nothing was written\n");
    return exit_rules;
  }
  const double eval_s = seconds_since(t0);
  status.show("writing ...");
  t0 = clock_type::now();
  // (file name, text): CSV is written from the evaluation's own buffer, JSON rendered now.
  std::vector<std::string> rendered;
  std::vector<std::pair<std::string, std::string_view>> files;
  const auto outputs = run->outputs();
  rendered.reserve(outputs.size());
  for (const auto& out : outputs) {
    std::string name = out.file;
    if (o.format == "json") {
      name = fs::path(name).replace_extension(".json").string();
      rendered.push_back(run->render(out.name, "json"));
      files.emplace_back(name, rendered.back());
    } else {
      files.emplace_back(name, run->csv(out.name));
    }
  }
  // The proposal lists by deciding level, when the pack says who decides.
  const auto proposals = run->proposals();
  std::string proposal_text;
  const std::string proposal_file = o.format == "json" ? "proposals.json" : "proposals.csv";
  const bool taken = std::any_of(files.begin(), files.end(),
                                 [&](const auto& f) { return f.first == proposal_file; });
  if (!proposals.empty() && !taken) {
    if (o.format == "json") {
      proposal_text = "[\n";
      for (std::size_t i = 0; i < proposals.size(); ++i) {
        const auto& pr = proposals[i];
        proposal_text += fmt::format(
            "{{\"authority\": \"{}\", \"title\": \"{}\", \"entity\": \"{}\", \"key\": {}}}{}\n",
            pr.authority, pr.title, pr.entity, json_quoted(pr.key),
            i + 1 < proposals.size() ? "," : "");
      }
      proposal_text += "]\n";
    } else {
      proposal_text = "authority,title,entity,key\n";
      for (const auto& pr : proposals) {
        proposal_text +=
            pr.authority + ',' + pr.title + ',' + pr.entity + ',' + csv_quoted(pr.key) + '\n';
      }
    }
    files.emplace_back(proposal_file, proposal_text);
  }
  std::string error;
  if (!write_atomically(o.out, files, error)) {
    status.clear();
    fmt::print(stderr, "thidua: {}; no output was written\n", error);
    return exit_usage;
  }
  const double write_s = seconds_since(t0);
  status.clear();
  if (o.quiet) {
    std::fflush(stdout);
    std::_Exit(exit_ok);  // as below
  }
  fmt::print("{} {} — {} assessed {}\n", in->rules.name(), in->rules.version(), o.data, o.year);
  for (const auto& c : run->title_counts()) {
    if (!c.in_force) {
      fmt::print("  {:<13} {:<9} not in force in {}\n", c.code, c.entity, o.year);
      continue;
    }
    fmt::print(
        "  {:<13} {:<9} {:>9} earned of {:>9}{}\n", c.code, c.entity,
        thousands(static_cast<std::int64_t>(c.earned)),
        thousands(static_cast<std::int64_t>(c.assessed)),
        c.unknown == 0 ? std::string()
        : c.on_hold == 0
            ? fmt::format(" ({} undecided: missing data)",
                          thousands(static_cast<std::int64_t>(c.unknown)))
            : fmt::format(
                  " ({} on hold{})", thousands(static_cast<std::int64_t>(c.on_hold)),
                  c.unknown > c.on_hold
                      ? fmt::format(", {} undecided: missing data",
                                    thousands(static_cast<std::int64_t>(c.unknown - c.on_hold)))
                      : std::string()));
  }
  for (const auto& [form, counts] : run->form_counts()) {
    std::string s;
    for (const auto& [award, n] : counts)
      s += fmt::format("{}{} {}", s.empty() ? "" : ", ", award,
                       thousands(static_cast<std::int64_t>(n)));
    fmt::print("  form {}: {}\n", form, s.empty() ? "none" : s);
  }
  if (!proposals.empty()) {
    std::map<std::string, std::size_t> by_level;
    std::vector<std::string> order;
    for (const auto& pr : proposals) {
      if (by_level[pr.authority]++ == 0) order.push_back(pr.authority);
    }
    std::string s;
    for (const auto& level : order) {
      s += fmt::format("{}{} {}", s.empty() ? "" : ", ", level,
                       thousands(static_cast<std::int64_t>(by_level[level])));
    }
    fmt::print(
        "  proposals by deciding level: {}{}\n", s,
        taken ? fmt::format(" ({} not written: the pack writes a file of that name)", proposal_file)
              : std::string());
  }
  for (const auto& [entity, money] : run->money_totals()) {
    if (money != 0) fmt::print("  money {:<7} {} VND\n", entity, thousands(money));
  }
  for (const auto& [name, text] : files) {
    fmt::print("  wrote {} ({} bytes)\n", (fs::path(o.out) / name).string(),
               thousands(static_cast<std::int64_t>(text.size())));
  }
  const double mb = static_cast<double>(in->data.bytes_read()) / 1e6;
  fmt::print(
      "  time: compile {:.3f} s, load {:.3f} s ({:.0f} MB/s), eval {:.3f} s, write {:.3f} s\n",
      in->compile_s, in->load_s, in->load_s > 0 ? mb / in->load_s : 0.0, eval_s, write_s);
  // Done: every file is in place. Skip tearing down gigabytes of columns one allocation at a
  // time (a second or more for a nation); the operating system takes the memory back at once.
  std::fflush(stdout);
  std::fflush(stderr);
  std::_Exit(exit_ok);
}

void add_explain_command(CLI::App& app, explain_options& o) {
  auto* cmd = app.add_subcommand("explain", "Explain why an entity did or did not earn a title");
  cmd->add_option("--rules", o.rules, "Pack folder (holding pack.tdk)")->required();
  cmd->add_option("--data", o.data, "Data folder")->required();
  cmd->add_option("--year", o.year, "The year assessed")->required()->check(CLI::Range(1900, 9999));
  cmd->add_option("--id", o.id, "The person or unit id")->required();
  cmd->add_option("--entity", o.entity, "Entity kind of the id (default: found from the id)");
  cmd->add_option("--title", o.title, "Only this title or award (default: all of its kind)");
  cmd->add_flag("--json", o.json, "Print JSON instead of text");
  cmd->add_option("--set", o.set,
                  "What if: FIELD=VALUE replaces one of the entity's values (repeatable); the "
                  "entity is decided again against the population as evaluated");
  cmd->add_option("--threads", o.threads, "Worker threads (0: all cores)")->capture_default_str();
}

int run_explain(const explain_options& o) {
  int exit_code = exit_ok;
  status_line status(true);
  auto in = compile_and_load(o.rules, o.data, true, o.threads, status, exit_code);
  if (!in) return exit_code;
  std::string entity = o.entity;
  if (entity.empty()) {
    for (const auto& e : in->rules.entities()) {
      if (in->data.has_key(e, o.id)) {
        entity = e;
        break;
      }
    }
    if (entity.empty()) {
      fmt::print(stderr, "thidua: no entity has the id '{}' in {}\n", o.id, o.data);
      return exit_usage;
    }
  }
  status.show(fmt::format("evaluating {} ...", o.year));
  evaluate_options eo;
  eo.threads = o.threads;
  const auto run = evaluate(in->rules, in->data, o.year, eo);
  status.clear();
  for (const auto& d : run.diagnostics()) fmt::print(stderr, "{}", format(d));
  if (!run) return exit_rules;
  result<std::vector<explanation>> why = result<std::vector<explanation>>::failure({});
  if (o.set.empty()) {
    why = run->explain(entity, o.id, o.title);
  } else {
    std::vector<edit> edits;
    for (const auto& s : o.set) {
      const auto eq = s.find('=');
      if (eq == std::string::npos || eq == 0) {
        fmt::print(stderr, "thidua: --set takes FIELD=VALUE, not '{}'\n", s);
        return exit_usage;
      }
      edits.emplace_back(s.substr(0, eq), s.substr(eq + 1));
    }
    const auto w = run->what_if(entity, o.id, edits);
    if (!w) {
      why = result<std::vector<explanation>>::failure(w.diagnostics());
    } else {
      std::vector<explanation> chosen;
      for (const auto& e : w->explanations) {
        if (o.title.empty() || e.title == o.title) chosen.push_back(e);
      }
      if (chosen.empty()) {
        fmt::print(stderr, "thidua: no title or award '{}' for {}\n", o.title, entity);
        return exit_usage;
      }
      if (!o.json) {
        std::string list;
        for (const auto& [f, v] : edits)
          list += fmt::format("{}{} = '{}'", list.empty() ? "" : ", ", f, v);
        fmt::print("what if {} {} had {} (the others as evaluated): money {} VND\n\n", entity, o.id,
                   list, w->result.money);
      }
      why = result<std::vector<explanation>>(std::move(chosen));
    }
  }
  for (const auto& d : why.diagnostics()) fmt::print(stderr, "{}", format(d));
  if (!why) return exit_usage;
  if (why->empty()) {
    fmt::print(stderr, "thidua: the pack has no title or award for {}\n", entity);
    return exit_usage;
  }
  if (o.json) {
    fmt::print("[");
    for (std::size_t i = 0; i < why->size(); ++i)
      fmt::print("{}{}", i == 0 ? "" : ",\n ", to_json((*why)[i]));
    fmt::print("]\n");
    return exit_ok;
  }
  for (std::size_t i = 0; i < why->size(); ++i)
    fmt::print("{}{}", i == 0 ? "" : "\n", format((*why)[i]));
  return exit_ok;
}

}  // namespace thidua::cli
