// Golden-file runner.
//
//   thidua_golden ast   CASE_DIR [--update]   parse CASE_DIR/input.tdk, compare the AST dump
//                                             with CASE_DIR/expected.ast
//   thidua_golden check CASE_DIR [--update]   compile the pack in CASE_DIR, compare the rendered
//                                             diagnostics with CASE_DIR/expected.txt
//   thidua_golden load  CASE_DIR [--update]   compile CASE_DIR/pack, load CASE_DIR/data, compare
//                                             the data diagnostics with CASE_DIR/expected.txt
//
//   thidua_golden explain CASE_DIR [--update] compile CASE_DIR/pack, load CASE_DIR/data, evaluate
//                                             CASE_DIR/year, explain each line of CASE_DIR/explain
//                                             and render the outputs, compare with expected.txt.
//                                             CASE_DIR/expect (optional), written by hand: lines
//                                             "ENTITY KEY TITLE LABEL OUTCOME" — the outcome of
//                                             condition LABEL ("-": the title's own outcome) must
//                                             be OUTCOME, and a condition must carry its
//                                             citation. "ENTITY KEY TITLE @authority LEVEL"
//                                             checks who decides, "ENTITY KEY @money VND" the
//                                             total reward. Checked on --update too.
//
// Paths in the output are relative to the current directory, which ctest sets to the folder
// holding the cases, so the files do not depend on where the tree is checked out. A case may
// hold `options.txt` with compile options, one `name=value` a line. `--update` rewrites the
// expected file (review the diff before committing it).
#include <cstdio>
#include <filesystem>
#include <fstream>
#include <iostream>
#include <sstream>
#include <string>

#include "syntax/parser.hpp"
#include "thidua/data.hpp"
#include "thidua/evaluate.hpp"
#include "thidua/pack.hpp"

namespace fs = std::filesystem;

namespace {

const thidua::explained_condition* find_condition(
    const std::vector<thidua::explained_condition>& cs, const std::string& label) {
  for (const auto& c : cs) {
    if (c.label == label) return &c;
    if (const auto* in = find_condition(c.children, label)) return in;
  }
  return nullptr;
}

// The hand-written expectations of CASE_DIR/expect; returns the failures, one per line.
std::string check_expectations(const thidua::evaluation& run, const std::string& text) {
  std::istringstream lines(text);
  std::string line, failures;
  int n = 0;
  while (std::getline(lines, line)) {
    ++n;
    if (line.empty() || line[0] == '#') continue;
    std::istringstream words(line);
    std::string entity, key, title, label, outcome, more;
    words >> entity >> key >> title >> label;
    std::getline(words >> std::ws, outcome);
    const std::string where = "expect:" + std::to_string(n) + ": " + line + ": ";
    if (title == "@money") {  // ENTITY KEY @money VND: the entity's total reward
      const auto r = run.lookup(entity, key);
      if (!r || std::to_string(r->money) != label) {
        failures += where + "the money is " + (r ? std::to_string(r->money) : "not found") + "\n";
      }
      continue;
    }
    const auto why = run.explain(entity, key, title);
    if (!why || why->size() != 1) {
      failures += where + "no explanation\n" + thidua::format(why.diagnostics());
      continue;
    }
    const auto& e = why->front();
    if (label == "@authority") {  // ENTITY KEY TITLE @authority LEVEL: who decides
      if (e.authority != outcome) failures += where + "decided by " + e.authority + "\n";
      continue;
    }
    if (label == "-") {
      if (e.outcome != outcome) failures += where + "the title is " + e.outcome + "\n";
      continue;
    }
    const auto* c = find_condition(e.conditions, label);
    if (c == nullptr) {
      failures += where + "no condition labelled " + label + "\n";
    } else if (c->outcome != outcome) {
      failures += where + "the condition is " + c->outcome + "\n";
    } else if (!c->citation || c->citation->locator.empty()) {
      failures += where + "the condition has no citation\n";
    }
  }
  return failures;
}

std::string read(const fs::path& p) {
  std::ifstream in(p, std::ios::binary);
  std::ostringstream ss;
  ss << in.rdbuf();
  return ss.str();
}

bool options_from(const fs::path& file, thidua::compile_options& o) {
  std::ifstream in(file);
  std::string line;
  while (std::getline(in, line)) {
    if (line.empty() || line[0] == '#') continue;
    const auto eq = line.find('=');
    if (eq == std::string::npos) return false;
    const std::string key = line.substr(0, eq);
    const std::size_t v = std::stoul(line.substr(eq + 1));
    if (key == "max_file_bytes")
      o.max_file_bytes = v;
    else if (key == "max_nesting")
      o.max_nesting = v;
    else if (key == "max_nodes")
      o.max_nodes = v;
    else if (key == "max_include_depth")
      o.max_include_depth = v;
    else if (key == "max_files")
      o.max_files = v;
    else if (key == "max_errors")
      o.max_errors = v;
    else if (key == "warnings_as_errors")
      o.warnings_as_errors = v != 0;
    else
      return false;
  }
  return true;
}

}  // namespace

int main(int argc, char** argv) {
  if (argc < 3) {
    std::cerr << "usage: thidua_golden ast|check CASE_DIR [--update]\n";
    return 2;
  }
  const std::string mode = argv[1];
  const fs::path dir = argv[2];
  const bool update = argc > 3 && std::string(argv[3]) == "--update";
  std::string actual;
  fs::path expected_file;
  if (mode == "ast") {
    const fs::path input = dir / "input.tdk";
    auto out = thidua::syntax::parse(input.generic_string(), read(input), {}, 1'000'000);
    actual = thidua::format(out.diagnostics) + thidua::syntax::dump(out.file);
    expected_file = dir / "expected.ast";
  } else if (mode == "check") {
    thidua::compile_options options;
    if (fs::exists(dir / "options.txt") && !options_from(dir / "options.txt", options)) {
      std::cerr << "bad options.txt in " << dir << "\n";
      return 2;
    }
    const auto rs = thidua::compile(thidua::pack_source::directory(dir), options);
    actual = thidua::format(rs.diagnostics());
    actual += rs ? "result: ok\n" : "result: failed\n";
    expected_file = dir / "expected.txt";
  } else if (mode == "load") {
    // CASE_DIR/pack is a pack, CASE_DIR/data its data: render the data diagnostics.
    const auto rs = thidua::compile(thidua::pack_source::directory(dir / "pack"));
    if (!rs) {
      std::cerr << "the pack of " << dir << " does not compile:\n"
                << thidua::format(rs.diagnostics());
      return 2;
    }
    thidua::load_options options;
    if (fs::exists(dir / "options.txt")) {
      thidua::compile_options co;
      if (!options_from(dir / "options.txt", co)) return 2;
      options.max_errors = co.max_errors;
    }
    const auto data = thidua::load_csv(*rs, dir / "data", options);
    actual = thidua::format(data.diagnostics());
    if (data) {
      actual += "result: ok";
      for (const auto& e : rs->entities()) {
        actual += ", " + e + " " + std::to_string(data->entity_rows(e)) + "/" +
                  std::to_string(data->record_rows(e, "year"));
      }
      actual += ", awards " + std::to_string(data->award_rows()) + "\n";
    } else {
      actual += "result: failed\n";
    }
    expected_file = dir / "expected.txt";
  } else if (mode == "explain") {
    // CASE_DIR/pack (a folder, or a file naming a pack folder relative to the source tree),
    // CASE_DIR/data, CASE_DIR/year; CASE_DIR/explain: lines "ENTITY ID [TITLE]". Renders the
    // evaluation's diagnostics and each explanation as a clerk reads it.
    fs::path pack = dir / "pack";
    if (!fs::is_directory(pack)) {
      std::string rel = read(pack);
      while (!rel.empty() && (rel.back() == '\n' || rel.back() == ' ')) rel.pop_back();
      pack = fs::path("../../..") / rel;
    }
    const auto rs = thidua::compile(thidua::pack_source::directory(pack));
    if (!rs) {
      std::cerr << "the pack of " << dir << " does not compile:\n"
                << thidua::format(rs.diagnostics());
      return 2;
    }
    const auto data = thidua::load_csv(*rs, dir / "data");
    if (!data) {
      std::cerr << "the data of " << dir << " does not load:\n"
                << thidua::format(data.diagnostics());
      return 2;
    }
    const int year = std::stoi(read(dir / "year"));
    thidua::evaluate_options eo;
    eo.threads = 2;
    const auto run = thidua::evaluate(*rs, *data, year, eo);
    actual = thidua::format(run.diagnostics());
    if (run) {
      std::istringstream lines(fs::exists(dir / "explain") ? read(dir / "explain") : std::string());
      std::string line;
      while (std::getline(lines, line)) {
        if (line.empty() || line[0] == '#') continue;
        std::istringstream words(line);
        std::string entity, key, title;
        words >> entity >> key >> title;
        actual += "$ explain " + line + "\n";
        const auto why = run->explain(entity, key, title);
        actual += thidua::format(why.diagnostics());
        if (why) {
          for (const auto& e : *why) actual += thidua::format(e);
        }
      }
      for (const auto& o : run->outputs())
        actual += "$ output " + o.file + "\n" + run->render(o.name);
      for (const auto& pr : run->proposals()) {
        actual +=
            "$ proposal " + pr.authority + " " + pr.title + " " + pr.entity + " " + pr.key + "\n";
      }
      if (fs::exists(dir / "expect")) {
        const auto failures = check_expectations(*run, read(dir / "expect"));
        if (!failures.empty()) {
          std::cerr << "EXPECTATIONS FAILED in " << (dir / "expect").generic_string() << ":\n"
                    << failures;
          return 1;
        }
      }
    } else {
      actual += "result: failed\n";
    }
    expected_file = dir / "expected.txt";
  } else {
    std::cerr << "unknown mode " << mode << "\n";
    return 2;
  }
  if (update) {
    std::ofstream(expected_file, std::ios::binary) << actual;
    std::cout << "updated " << expected_file.generic_string() << "\n";
    return 0;
  }
  if (!fs::exists(expected_file)) {
    std::cerr << expected_file << " is missing; run with --update to create it. Actual:\n"
              << actual;
    return 1;
  }
  const std::string expected = read(expected_file);
  if (expected != actual) {
    std::cerr << "MISMATCH in " << expected_file.generic_string() << "\n--- expected\n"
              << expected << "--- actual\n"
              << actual;
    return 1;
  }
  return 0;
}
