// A tiny program that uses thidua the way a vendor's system would: compile a pack from memory
// and list its titles. Built by tests/package/run.cmake against an install tree and through
// add_subdirectory; exits non-zero if anything is off.
#include <thidua/thidua.hpp>

#include <cstdio>

int main() {
  const auto rs = thidua::compile(thidua::pack_source::memory({{"pack.tdk", R"(
pack "consumer" version "1" in_force 2024-01-01 ..
cite law06 = "Luật Thi đua, khen thưởng số 06/2022/QH15"
enum rating ordered { KHT, HT, HTT, HTXS }
entity person from "people.csv" key person_id { name: text }
yearly person from "person_years.csv" { rating: rating }
title LDTT "Lao động tiên tiến" for person cite law06 "Điều 24" {
  require rating: rating >= HTT
}
)"}}));
  if (!rs) {
    std::fputs(thidua::format(rs.diagnostics()).c_str(), stderr);
    return 1;
  }
  const auto titles = rs->titles();
  if (titles.size() != 1 || titles[0].code != "LDTT" || !titles[0].citation) return 1;
  std::printf("thidua %s: %s %s ok\n", thidua::version_string(), rs->name().c_str(),
              titles[0].code.c_str());
  return 0;
}
