// thidua_reference --rules DIR --data DIR --year Y --out DIR: runs the reference interpreter
// (tests/support/reference.hpp) and writes the pack's outputs. A test tool, not a product.
#include <cstdio>
#include <cstdlib>
#include <filesystem>
#include <fstream>
#include <string>

#include "api/model.hpp"
#include "reference.hpp"
#include "thidua/data.hpp"
#include "thidua/pack.hpp"

int main(int argc, char** argv) {
  std::string rules, data, out;
  int year = 0;
  for (int i = 1; i + 1 < argc; i += 2) {
    const std::string a = argv[i];
    if (a == "--rules")
      rules = argv[i + 1];
    else if (a == "--data")
      data = argv[i + 1];
    else if (a == "--out")
      out = argv[i + 1];
    else if (a == "--year")
      year = std::atoi(argv[i + 1]);
  }
  if (rules.empty() || data.empty() || out.empty() || year == 0) {
    std::fprintf(stderr, "usage: thidua_reference --rules DIR --data DIR --year Y --out DIR\n");
    return 3;
  }
  const auto rs = thidua::compile(thidua::pack_source::directory(rules));
  if (!rs) {
    std::fputs(thidua::format(rs.diagnostics()).c_str(), stderr);
    return 1;
  }
  const auto ds = thidua::load_csv(*rs, data);
  if (!ds) {
    std::fputs(thidua::format(ds.diagnostics()).c_str(), stderr);
    return 2;
  }
  const auto files = thidua::test::evaluate_reference(rs->model().program, ds->data().data, year);
  std::filesystem::create_directories(out);
  for (const auto& [name, text] : files) {
    std::ofstream(std::filesystem::path(out) / name, std::ios::binary) << text;
  }
  return 0;
}
