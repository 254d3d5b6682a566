// cli/w1_data.hpp — the synthetic data generator behind `thidua gen` (shared/workloads/w1.md).
//
// Writes the standard W1 layout (units, people, person_years, unit_years, awards) for years
// Y-4..Y, deterministic for a given seed and size whatever the thread count: each district is
// generated from its own random stream and districts are written in order. Realistic shape (a
// unit tree, skewed unit sizes, mostly HTT ratings, hires, retirements, moves, rare discipline and
// leave, prior awards consistent with each year's ratings) plus planted edge cases that sit on
// the W1 rules' boundaries (exactly 70% and 50% LDTT, quota cut-offs, score ties, gap years, empty
// units, units without a row in the year).
#pragma once

#include <cstdint>
#include <filesystem>
#include <string>

namespace thidua::cli {

struct w1_size {
  std::int64_t districts = 1;
  std::int64_t persons_per_district = 100'000;
  std::int64_t units_per_district = 2'000;
  std::int64_t clusters_per_district = 40;
};

// "district" (100k persons), "province" (10 districts), "nation" (100 districts), or "tiny"
// (three districts of 1,000 persons and 60 units, for tests).
[[nodiscard]] bool w1_size_named(const std::string& name, w1_size& out);

// The layout: W1's five files, or the national layout of rules/vn (docs/data-layout.md): the W1
// files with more columns (so W1 still runs on it) plus initiatives, households and their years.
enum class data_layout : std::uint8_t { w1, national };

struct w1_options {
  w1_size size;
  int year = 2024;
  std::uint64_t seed = 1;
  unsigned threads = 2;
  data_layout layout = data_layout::w1;
};

struct w1_stats {
  std::int64_t persons = 0, units = 0, person_years = 0, unit_years = 0, awards = 0;
  std::int64_t initiatives = 0, households = 0;
  std::uint64_t bytes = 0;
};

// Generates into `out` (created if needed). Files are written under temporary names and renamed
// into place only when all are complete. Returns false and sets `error` on failure.
[[nodiscard]] bool generate_w1(const w1_options& o, const std::filesystem::path& out,
                               w1_stats& stats, std::string& error);

}  // namespace thidua::cli
