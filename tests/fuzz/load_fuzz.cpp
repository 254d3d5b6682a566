// Fuzz target: the data loader on arbitrary CSV files for a pack with every column type (the
// `valid` data golden's pack: bool, int, decimal, percent, money, date, text, enum, set, entity
// references, optional fields, prior awards). The input is split at "\n%%\n" into units.csv,
// people.csv, person_years.csv and awards.csv. A load must succeed or explain itself; it must
// never crash, hang, or leave a half-loaded dataset.
#include <cstddef>
#include <cstdint>
#include <string>
#include <string_view>

#include "api/model.hpp"
#include "io/load.hpp"
#include "thidua/pack.hpp"

#ifndef THIDUA_SOURCE_DIR
#error "THIDUA_SOURCE_DIR must name the source tree"
#endif

namespace {

const thidua::ruleset& rules() {
  static const auto rs = thidua::compile(
      thidua::pack_source::directory(THIDUA_SOURCE_DIR "/tests/golden/data/valid/pack"));
  if (!rs) __builtin_trap();
  return *rs;
}

}  // namespace

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
  std::string_view input(reinterpret_cast<const char*>(data), size);
  static const char* names[] = {"units.csv", "people.csv", "person_years.csv", "awards.csv"};
  std::string files[4];
  for (auto& f : files) {
    const auto split = input.find("\n%%\n");
    f = std::string(input.substr(0, split));
    input = split == std::string_view::npos ? std::string_view() : input.substr(split + 4);
  }
  const thidua::io::file_reader reader = [&](const std::string& name, std::string& text,
                                             std::string& error) {
    for (int i = 0; i < 4; ++i) {
      if (name == names[i]) {
        text = files[i];
        return true;
      }
    }
    error = "no such file";
    return false;
  };
  const auto out = thidua::io::load(rules().model().program, reader, "fuzz");
  if (out.ok != out.diagnostics.empty() && out.ok) __builtin_trap();
  if (!out.ok && (out.diagnostics.empty() || !out.data.entities.empty())) __builtin_trap();
  return 0;
}
