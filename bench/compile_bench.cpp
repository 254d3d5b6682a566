// Compile time of a pack: parse + check of the W1 pack from disk, and of generated packs of
// growing size (N titles with a handful of requirements each) from memory, in items/s.
#include <benchmark/benchmark.h>

#include <string>

#include "thidua/pack.hpp"

namespace {

void compile_w1(benchmark::State& state) {
  const auto source = thidua::pack_source::directory(THIDUA_SOURCE_DIR "/bench/w1");
  for (auto _ : state) {
    auto rs = thidua::compile(source);
    if (!rs) state.SkipWithError("W1 pack does not compile");
    benchmark::DoNotOptimize(rs);
  }
}
BENCHMARK(compile_w1)->Unit(benchmark::kMicrosecond);

std::string generated_pack(std::int64_t titles) {
  std::string s =
      "pack \"g\" version \"1\"\nenum rating ordered { KHT, HT, HTT, HTXS }\n"
      "entity unit from \"u.csv\" key unit_id { }\n"
      "entity person from \"p.csv\" key person_id { }\n"
      "yearly person from \"py.csv\" { unit: unit rating: rating months: int score: decimal(2) }\n"
      "relation members of unit = person by unit\n";
  for (std::int64_t i = 0; i < titles; ++i) {
    const auto n = std::to_string(i);
    s += "title T" + n + " for person {\n  require a: rating >= HTT\n  require b: months >= " + n +
         "\n  require c: score > 50.5 or (months > 3 and rating != KHT)\n" +
         (i > 0 ? "  require d: T" + std::to_string(i - 1) + "\n" : "") + "}\n";
  }
  return s;
}

void compile_generated(benchmark::State& state) {
  const auto source = thidua::pack_source::memory({{"pack.tdk", generated_pack(state.range(0))}});
  for (auto _ : state) {
    auto rs = thidua::compile(source);
    if (!rs) state.SkipWithError("generated pack does not compile");
    benchmark::DoNotOptimize(rs);
  }
  state.SetItemsProcessed(state.iterations() * state.range(0));
}
BENCHMARK(compile_generated)->RangeMultiplier(8)->Range(8, 4096)->Unit(benchmark::kMillisecond);

}  // namespace
