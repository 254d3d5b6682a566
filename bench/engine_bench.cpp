// Engine benchmark families: each operator family over populations from 2^10 to 2^24 persons
// (items/s = persons decided per second), single-entity lookup and explain latency, and CSV load
// throughput (bytes/s). Data is synthetic and built in memory (columns directly, so the families
// measure the engine, not the CSV reader — except the load family).
//
//   build/bench/bench/thidua_bench --benchmark_filter=family
#include <benchmark/benchmark.h>

#include <filesystem>
#include <fstream>
#include <string>

#include "api/model.hpp"
#include "exec/engine.hpp"
#include "thidua/data.hpp"
#include "thidua/evaluate.hpp"
#include "thidua/pack.hpp"

namespace {

using namespace thidua;

const char* const schema = R"(pack "bench" version "1"
enum rating ordered { KHT, HT, HTT, HTXS }
enum kind { a, b, c, d }
entity unit from "units.csv" key unit_id { cluster: int }
entity person from "people.csv" key person_id { }
yearly person from "person_years.csv" {
  unit: unit column "unit_id"
  rating: rating
  n: int
  score: decimal(2)
  tags: set<kind>
}
yearly unit from "unit_years.csv" { rating: rating  score: decimal(2) }
prior_awards from "awards.csv"
relation members of unit = person by unit
param base: money = 2_340_000 VND
)";

std::uint64_t mix(std::uint64_t x) {
  x ^= x >> 33;
  x *= 0xff51afd7ed558ccdULL;
  x ^= x >> 33;
  return x;
}

// A population of `n` persons in n/32 units, with yearly rows for 2023 and 2024.
data::dataset make_data(const check::program& p, std::size_t n) {
  data::dataset d;
  d.entities.resize(p.entities.size());
  d.records.resize(p.entities.size());
  const std::size_t units = std::max<std::size_t>(1, n / 32);
  const check::id unit = 0;
  const check::id person = 1;
  auto& ut = d.entities[unit];
  data::column cluster;
  for (std::size_t u = 0; u < units; ++u) {
    ut.keys.push_back("U" + std::to_string(u));
    ut.row.insert_last(ut.keys);
    cluster.values.push_back(static_cast<std::int64_t>(u % 40));
    cluster.known.push_back(1);
  }
  for (check::id f = 0; f < p.fields.size(); ++f) {
    if (p.fields[f].entity == unit && !p.fields[f].record) cluster.field = f;
  }
  ut.columns.push_back(std::move(cluster));
  auto& pt = d.entities[person];
  pt.keys.reserve(n);
  for (std::size_t i = 0; i < n; ++i) {
    pt.keys.push_back("P" + std::to_string(i));
    pt.row.insert_last(pt.keys);
  }
  auto& py = d.records[person][0];
  auto& uy = d.records[unit][0];
  py.present = uy.present = true;
  for (const check::id f : p.entities[person].fields) {
    if (p.fields[f].record) py.columns.push_back(data::column{f, {}, {}, {}});
  }
  for (const check::id f : p.entities[unit].fields) {
    if (p.fields[f].record) uy.columns.push_back(data::column{f, {}, {}, {}});
  }
  for (int year = 2023; year <= 2024; ++year) {
    for (std::size_t i = 0; i < n; ++i) {
      const std::uint64_t h = mix(i * 2 + static_cast<std::uint64_t>(year));
      py.entity.push_back(static_cast<std::uint32_t>(i));
      py.year.push_back(year);
      py.period.push_back(0);
      const std::int64_t v[5] = {
          static_cast<std::int64_t>((i / 32) % units), static_cast<std::int64_t>(h % 4),
          static_cast<std::int64_t>(h % 13), static_cast<std::int64_t>(h % 10000),
          static_cast<std::int64_t>((h >> 8) % 16)};
      for (std::size_t c = 0; c < 5; ++c) {
        py.columns[c].values.push_back(v[c]);
        py.columns[c].known.push_back(1);
      }
    }
    for (std::size_t u = 0; u < units; ++u) {
      const std::uint64_t h = mix(u * 7 + static_cast<std::uint64_t>(year));
      uy.entity.push_back(static_cast<std::uint32_t>(u));
      uy.year.push_back(year);
      uy.period.push_back(0);
      uy.columns[0].values.push_back(static_cast<std::int64_t>(h % 4));
      uy.columns[1].values.push_back(static_cast<std::int64_t>(h % 10000));
      for (auto& c : uy.columns) c.known.push_back(1);
    }
  }
  return d;
}

struct family {
  const char* name;
  const char* rules;
};

const family families[] = {
    {"comparison", "title T for person { require r: rating >= HTT and n > 3 and score >= 50.5 }"},
    {"set_membership", "title T for person { require r: c in tags and not d in tags }"},
    {"member_aggregate",
     "title T for unit { require r: count(members, rating >= HTT) * 2 > count(members) and "
     "all(members, n >= 1) }"},
    {"history",
     "title T for person { require r: at(year - 1, rating) >= HTT and at(year - 1, n) > 2 }"},
    {"quota",
     "title T for person { require r: rating >= HT\n quota 15% * count(members) round floor per "
     "unit by score desc, person_id asc }"},
    {"ranking",
     "title T for unit { require r: rating >= HT\n rank top 1 per cluster by score desc, unit_id "
     "asc }"},
    {"form_selection",
     "award A for person { require r: rating == HTXS }\naward B for person { require r: rating >= "
     "HTT }\nform f for person one_of A > B\ntitle T for person { require r: n >= 0 }"},
    {"money",
     "award A for person { require r: rating == HTXS }\naward B for person { require r: rating >= "
     "HTT }\nform f for person one_of A > B\nreward A = 1.0 * base\nreward B = 0.3 * base\n"
     "title T for person { require r: reward_total >= 702_000 VND }"},
};

void operator_family(benchmark::State& state, const family& f) {
  const auto rs =
      compile(pack_source::memory({{"pack.tdk", std::string(schema) + f.rules + "\n"}}));
  if (!rs) {
    state.SkipWithError(format(rs.diagnostics()).c_str());
    return;
  }
  const auto& p = rs->model().program;
  const auto n = static_cast<std::size_t>(state.range(0));
  const auto d = make_data(p, n);
  check::id t = 0;
  for (check::id i = 0; i < p.titles.size(); ++i) {
    if (p.titles[i].code == "T") t = i;
  }
  const bool form = !p.forms.empty() && std::string(f.name) == "form_selection";
  for (auto _ : state) {
    exec::engine e(p, d, 2024, exec::options{static_cast<unsigned>(state.range(1))});
    if (form) {
      benchmark::DoNotOptimize(e.form(0, 2024).data());  // both awards decided, then selected
    } else {
      benchmark::DoNotOptimize(e.title(t, 2024).data());
    }
  }
  state.SetItemsProcessed(static_cast<std::int64_t>(state.iterations()) *
                          static_cast<std::int64_t>(n));
}

void register_families() {
  for (const auto& f : families) {
    auto* b = benchmark::RegisterBenchmark((std::string("family/") + f.name).c_str(),
                                           [&f](benchmark::State& s) { operator_family(s, f); });
    b->ArgNames({"persons", "threads"})->Unit(benchmark::kMillisecond)->UseRealTime();
    for (std::int64_t rows = 1 << 10; rows <= (1 << 24); rows <<= 2) {
      b->Args({rows, 1});
    }
    b->Args({1 << 20, 2});
  }
}

// ---- single entity, on a W1 district evaluated once ---------------------------------------------

struct w1_fixture {
  std::optional<ruleset> rules;
  std::optional<dataset> data;
  std::optional<evaluation> run;
  std::string dir;
  bool ok = false;
  w1_fixture() {
    dir = THIDUA_SOURCE_DIR "/build/w1-data/district-2024-1";
    auto rs = compile(pack_source::directory(THIDUA_SOURCE_DIR "/bench/w1"));
    if (!rs || !std::filesystem::exists(dir + "/awards.csv")) return;
    rules = *rs;
    auto d = load_csv(*rules, dir);
    if (!d) return;
    data = *d;
    auto r = evaluate(*rules, *data, 2024);
    if (!r) return;
    run = *r;
    ok = true;
  }
};

w1_fixture& w1() {
  static w1_fixture f;
  return f;
}

// Calls `query(evaluation, key)` on spread-out persons of the evaluated W1 district.
template <class F>
void on_w1_persons(benchmark::State& state, F&& query) {
  auto& f = w1();
  if (!f.ok) {
    state.SkipWithError("run bench/run-w1 --size district first (it generates the data)");
    return;
  }
  std::size_t i = 0;
  for (auto _ : state) {
    char key[16];
    std::snprintf(key, sizeof key, "P%08zu", (i++ * 7919) % 100000);
    benchmark::DoNotOptimize(query(*f.run, key));
  }
}

void single_entity_lookup(benchmark::State& state) {
  on_w1_persons(state,
                [](const evaluation& e, const char* key) { return e.lookup("person", key); });
}
BENCHMARK(single_entity_lookup)->Unit(benchmark::kMicrosecond);

void single_entity_explain(benchmark::State& state) {
  on_w1_persons(state, [](const evaluation& e, const char* key) {
    return e.explain("person", key, "CSTDCS");
  });
}
BENCHMARK(single_entity_explain)->Unit(benchmark::kMicrosecond);

// A what-if: one person decided again with an edited rating (quota place included), the
// population as evaluated.
void single_entity_what_if(benchmark::State& state) {
  on_w1_persons(state, [](const evaluation& e, const char* key) {
    return e.what_if("person", key, {{"rating", "HTXS"}, {"initiatives", "2"}});
  });
}
BENCHMARK(single_entity_what_if)->Unit(benchmark::kMicrosecond);

void single_entity_what_if_decision(benchmark::State& state) {
  on_w1_persons(state, [](const evaluation& e, const char* key) {
    return e.what_if("person", key, {{"rating", "HTXS"}, {"initiatives", "2"}}, false);
  });
}
BENCHMARK(single_entity_what_if_decision)->Unit(benchmark::kMicrosecond);

// ---- CSV load throughput (bytes/s), W1 district files
// --------------------------------------------

void csv_load(benchmark::State& state) {
  auto& f = w1();
  if (!f.ok) {
    state.SkipWithError("run bench/run-w1 --size district first (it generates the data)");
    return;
  }
  load_options o;
  o.threads = static_cast<unsigned>(state.range(0));
  o.only_used_columns = state.range(1) != 0;
  std::uint64_t bytes = 0;
  for (auto _ : state) {
    auto d = load_csv(*f.rules, f.dir, o);
    bytes += d ? d->bytes_read() : 0;
  }
  state.SetBytesProcessed(static_cast<std::int64_t>(bytes));
}
BENCHMARK(csv_load)
    ->ArgNames({"threads", "projected"})
    ->Args({1, 0})
    ->Args({1, 1})
    ->Args({2, 1})
    ->Unit(benchmark::kMillisecond)
    ->UseRealTime();

const int registered = (register_families(), 0);

}  // namespace
