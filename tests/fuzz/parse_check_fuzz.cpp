// Fuzz target: parse and check arbitrary bytes as a pack. The input is split at the first
// "\n%%\n" into pack.tdk and an included file "b.tdk", so includes are exercised too.
// Built as a libFuzzer target with -DTHIDUA_FUZZ=ON (clang), and replayed by ctest through
// replay_main.cpp over the corpus and the example packs.
#include <cstddef>
#include <cstdint>
#include <map>
#include <string>
#include <string_view>

#include "thidua/pack.hpp"

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
  const std::string_view input(reinterpret_cast<const char*>(data), size);
  std::map<std::string, std::string> files;
  const auto split = input.find("\n%%\n");
  if (split == std::string_view::npos) {
    files["pack.tdk"] = std::string(input);
  } else {
    files["pack.tdk"] = std::string(input.substr(0, split));
    files["b.tdk"] = std::string(input.substr(split + 4));
  }
  thidua::compile_options options;
  options.max_file_bytes = 1 << 16;
  options.max_nodes = 20'000;
  const auto rs = thidua::compile(thidua::pack_source::memory(std::move(files)), options);
  // Every diagnostic must be renderable, and a failure must say why.
  for (const auto& d : rs.diagnostics()) (void)thidua::format(d);
  if (!rs && rs.diagnostics().empty()) __builtin_trap();
  return 0;
}
