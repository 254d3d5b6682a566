// Helpers shared by the unit tests.
#pragma once

#include <string>
#include <vector>

#include "thidua/pack.hpp"

namespace thidua::test {

// Compiles a one-file pack held in memory.
inline result<ruleset> compile_text(const std::string& text, compile_options o = {}) {
  return compile(pack_source::memory({{"pack.tdk", text}}), o);
}

// The codes of the diagnostics of `level`, in order.
inline std::vector<std::string> codes(const std::vector<diagnostic>& ds,
                                      severity level = severity::error) {
  std::vector<std::string> out;
  for (const auto& d : ds) {
    if (d.level == level) out.push_back(d.code);
  }
  return out;
}

// A small, valid prelude most checker tests build on.
inline const char* prelude = R"(pack "t" version "1" in_force 2024-01-01 .. 2025-12-31
cite law06 = "Luật Thi đua, khen thưởng số 06/2022/QH15"
enum rating ordered { KHT, HT, HTT, HTXS "Hoàn thành xuất sắc nhiệm vụ" }
enum leave { none, thai_san, benh }
enum award { LDTT, CSTDCS }
entity unit from "units.csv" key unit_id { cluster: text }
entity person from "people.csv" key person_id { name: text }
yearly person from "py.csv" {
  unit: unit  rating: rating  months: int  leave: leave  score: decimal(2)  registered: set<award>
}
yearly unit from "uy.csv" { rating: rating  score: decimal(2) }
relation members of unit = person by unit
prior_awards from "awards.csv"
param base: money = 2_340_000 VND
)";

}  // namespace thidua::test
