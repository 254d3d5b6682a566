// Differential tests: the columnar engine against the reference interpreter on randomly generated
// packs and data (many seeds), and the engine against itself for 1 and N threads.
//
// Each seed writes a pack in the criteria language — titles and awards over persons and units
// with random conditions (comparisons, arithmetic, sets, missing data, history, prior awards,
// navigation, aggregates with filters, exceptions, any_of, quotas, rankings, forms, rewards) —
// and a small random population over four years with gaps and empty cells, then compares every
// output file byte for byte. A failure prints the seed, the pack and the first differing line.
#include <gtest/gtest.h>

#include <cstdio>
#include <map>
#include <string>
#include <vector>

#include "api/model.hpp"
#include "exec/engine.hpp"
#include "io/load.hpp"
#include "plan/passes.hpp"
#include "support/reference.hpp"
#include "thidua/pack.hpp"

namespace thidua {
namespace {

class rng {
 public:
  explicit rng(std::uint64_t seed) : s_(seed * 0x9E3779B97F4A7C15ULL + 1) {}
  std::uint64_t next() {
    std::uint64_t z = (s_ += 0x9E3779B97F4A7C15ULL);
    z = (z ^ (z >> 30)) * 0xBF58476D1CE4E5B9ULL;
    z = (z ^ (z >> 27)) * 0x94D049BB133111EBULL;
    return z ^ (z >> 31);
  }
  int below(int n) { return static_cast<int>(next() % static_cast<std::uint64_t>(n)); }
  bool chance(int percent) { return below(100) < percent; }
  template <class T>
  const T& pick(const std::vector<T>& v) {
    return v[static_cast<std::size_t>(below(static_cast<int>(v.size())))];
  }

 private:
  std::uint64_t s_;
};

const char* const schema = R"(pack "diff" version "1" in_force 2000-01-01 ..
enum rating ordered { A, B, C, D }
enum kind { x, y, z }
set xy of kind = { x, y }
entity unit from "units.csv" key unit_id { cluster: text  size: int? }
entity person from "people.csv" key person_id { born: int  hired: date? }
yearly person from "person_years.csv" {
  unit: unit column "unit_id"
  r: rating
  n: int
  d: decimal(1)?
  k: kind
  tags: set<kind>
  p: percent?
  m: money?
}
yearly unit from "unit_years.csv" { r: rating  s: decimal(2)  q: int? }
prior_awards from "awards.csv"
relation members of unit = person by unit
param base: money = 1_000_000 VND
param rate: percent { from 2000-01-01: 10%  from 2024-06-01: 12.5% }
)";

class pack_writer {
 public:
  explicit pack_writer(rng& r) : r_(r) {}

  std::string person_number(int depth) {
    if (depth <= 0 || r_.chance(40)) {
      return r_.pick(std::vector<std::string>{"n", "d", "born - 1990", "at(year - 1, n)",
                                              "at(year - 2, d)", "unit.q", "months_served(hired)"});
    }
    const std::string a = person_number(depth - 1);
    const std::string b = person_number(depth - 1);
    switch (r_.below(10)) {
      case 8:
        return "if(" + r_.pick(std::vector<std::string>{"n > 3", "k in xy", "known(d)"}) + ", " +
               a + ", " + b + ")";
      case 0:
        return "(" + a + " + " + b + ")";
      case 1:
        return "(" + a + " - " + b + ")";
      case 2:
        return "(" + a + " * " + std::to_string(r_.below(5)) + ")";
      case 3:
        return "(" + a + " / " + std::to_string(1 + r_.below(4)) + ")";
      case 4:
        return "floor(" + a + ")";
      case 5:
        return "round(" + a + " / 4)";
      case 6:
        return "min(" + a + ", " + b + ")";
      case 7:
        return "max(" + a + ", 1.5)";
      default:
        return "-" + a;
    }
  }

  std::string unit_number(int depth) {
    if (depth <= 0 || r_.chance(40)) {
      return r_.pick(std::vector<std::string>{"s", "q", "size", "count(members)", "sum(members, n)",
                                              "avg(members, d)", "min(members, n)",
                                              "max(members, d)", "count(members where r >= C)",
                                              "sum(members where k in xy, n)", "at(year - 1, s)"});
    }
    const std::string a = unit_number(depth - 1);
    switch (r_.below(4)) {
      case 0:
        return "(" + a + " + " + unit_number(depth - 1) + ")";
      case 1:
        return "(" + a + " * 2)";
      case 2:
        return "(" + a + " / 3)";
      default:
        return "ceil(" + a + ")";
    }
  }

  std::string person_cond(int depth, int titles_before) {
    if (depth <= 0 || r_.chance(35)) {
      switch (r_.below(16)) {
        case 0:
          return "r >= " + r_.pick(std::vector<std::string>{"A", "B", "C", "D"});
        case 1:
          return "k == " + r_.pick(std::vector<std::string>{"x", "y", "z"});
        case 2:
          return "k in xy";
        case 3:
          return r_.pick(std::vector<std::string>{"x", "y", "z"}) + " in tags";
        case 4:
          return "known(d)";
        case 5:
          return "p >= " + std::to_string(r_.below(30)) + ".5%";
        case 6:
          return "m > " + std::to_string(r_.below(9) * 100) + " VND";
        case 7:
          return "at(year - 1, r) >= C";
        case 8:
          return "has_record(year - 1)";
        case 9:
          return "streak(r >= C) >= " + std::to_string(1 + r_.below(3));
        case 10:
          return "count_years(n > 3, last 3) >= " + std::to_string(r_.below(3));
        case 11:
          return "years_since(r == A) >= 2";
        case 12:
          return "held(P" + std::to_string(r_.below(person_titles_)) + ", year - 1)";
        case 13:
          return "unit.r >= C";
        case 14:
          if (titles_before > 0) return "P" + std::to_string(r_.below(titles_before));
          return "n > 4";
        default:
          return person_number(2) +
                 r_.pick(std::vector<std::string>{" >= ", " < ", " == ", " != "}) +
                 std::to_string(r_.below(10)) + (r_.chance(50) ? ".5" : "");
      }
    }
    switch (r_.below(3)) {
      case 0:
        return "(" + person_cond(depth - 1, titles_before) + " and " +
               person_cond(depth - 1, titles_before) + ")";
      case 1:
        return "(" + person_cond(depth - 1, titles_before) + " or " +
               person_cond(depth - 1, titles_before) + ")";
      default:
        return "not " + person_cond(depth - 1, titles_before);
    }
  }

  std::string unit_cond(int depth, int unit_before) {
    if (depth <= 0 || r_.chance(35)) {
      const std::string pt = "P" + std::to_string(r_.below(person_titles_));
      switch (r_.below(12)) {
        case 0:
          return "r >= C";
        case 1:
          return "count(members, " + pt + ") >= " + std::to_string(r_.below(3));
        case 2:
          if (r_.chance(30)) {
            return "if(q > 2, share(members, " + pt +
                   "), 50%) >= " + std::to_string(r_.below(100)) + "%";
          }
          return "share(members, " + pt + ") >= " + std::to_string(r_.below(100)) + "%";
        case 3:
          return "all(members, r >= B)";
        case 4:
          return "any(members, n > 5)";
        case 5:
          return "none(members where known(d), k == z)";
        case 6:
          return "max(members, p) > 10%";
        case 7:
          if (r_.chance(40)) {
            return "times_held(U" + std::to_string(r_.below(unit_titles_)) +
                   ", last 3) >= " + std::to_string(r_.below(3));
          }
          return "held(U" + std::to_string(r_.below(unit_titles_)) + ", last 2)";
        case 8:
          if (unit_before > 0) return "U" + std::to_string(r_.below(unit_before));
          return "known(q)";
        case 9:
          return "2 * count(members, " + pt + ") > count(members)";
        case 10:
          return "streak(r >= B) >= 2";
        default:
          return unit_number(2) + r_.pick(std::vector<std::string>{" >= ", " < ", " > "}) +
                 std::to_string(r_.below(20));
      }
    }
    return "(" + unit_cond(depth - 1, unit_before) + (r_.chance(50) ? " and " : " or ") +
           unit_cond(depth - 1, unit_before) + ")";
  }

  std::string write() {
    std::string s = schema;
    for (int i = 0; i < person_titles_; ++i) {
      s += std::string(r_.chance(50) ? "award" : "title") + " P" + std::to_string(i) +
           " for person {\n";
      const int reqs = 1 + r_.below(3);
      for (int q = 0; q < reqs; ++q) {
        s += "  require q" + std::to_string(q) + ": " + person_cond(2, i) + "\n";
      }
      if (r_.chance(30)) s += "  except q0 when " + person_cond(1, i) + "\n";
      if (r_.chance(20)) s += "  hold h0 when " + person_cond(1, i) + "\n";
      if (r_.chance(25)) {
        s += "  any_of alt {\n    require a1: " + person_cond(1, i) +
             "\n    require a2: " + person_cond(1, i) + "\n  }\n";
      }
      if (r_.chance(35)) {
        s += "  quota " +
             r_.pick(std::vector<std::string>{"rate * count(members)", "50% * count(members)",
                                              "count(members) / 3", "2"}) +
             " round " + r_.pick(std::vector<std::string>{"floor", "ceil", "nearest"}) +
             " per unit by " +
             r_.pick(std::vector<std::string>{"n desc", "d asc", "p desc", "r desc"}) +
             ", person_id asc\n";
      }
      s += "}\n";
    }
    for (int i = 0; i < unit_titles_; ++i) {
      s += "title U" + std::to_string(i) + " for unit {\n";
      const int reqs = 1 + r_.below(3);
      for (int q = 0; q < reqs; ++q) {
        s += "  require q" + std::to_string(q) + ": " + unit_cond(2, i) + "\n";
      }
      if (r_.chance(35))
        s += "  rank top " + std::to_string(1 + r_.below(2)) +
             " per cluster by s desc, unit_id asc\n";
      s += "}\n";
    }
    s += "form fp for person one_of P0 > P1\n";
    s += "reward P0 = 0.3 * base\n";
    s += "reward P1 = base * rate round 1000\n";
    if (r_.chance(50)) s += "reward P2 = m * 2\n";
    s += "reward U0 = 1.5 * base\n";
    s += "let v0 for person = " + person_number(2) + "\n";
    s += "let v1 for unit = " + unit_number(2) + "\n";
    s += "output po for person to \"po.csv\" { person_id, P0, P1, P2, form = fp, money = "
         "reward_total, v0, ratio = n / 7, pm = p, mm = m, unit_id = unit }\n";
    s += "output uo for unit to \"uo.csv\" { unit_id, U0, U1, money = reward_total, v1, sh = "
         "share(members, P0), cl = cluster }\n";
    return s;
  }

 private:
  rng& r_;
  int person_titles_ = 3;
  int unit_titles_ = 2;
};

std::map<std::string, std::string> write_data(rng& r) {
  std::map<std::string, std::string> files;
  const int units = 2 + r.below(8);
  const int persons = r.below(50);
  std::string u = "unit_id,cluster,size\n";
  std::string uy = "unit_id,year,r,s,q\n";
  const char* ratings[] = {"A", "B", "C", "D"};
  const char* kinds[] = {"x", "y", "z"};
  for (int i = 0; i < units; ++i) {
    u += "U" + std::to_string(i) + ",c" + std::to_string(r.below(3)) + "," +
         (r.chance(20) ? "" : std::to_string(r.below(9))) + "\n";
    for (int y = 2021; y <= 2024; ++y) {
      if (r.chance(15)) continue;
      uy += "U" + std::to_string(i) + "," + std::to_string(y) + "," + ratings[r.below(4)] + "," +
            std::to_string(r.below(100)) + "." + std::to_string(r.below(100)) + "," +
            (r.chance(20) ? "" : std::to_string(r.below(6))) + "\n";
    }
  }
  std::string p = "person_id,born,hired\n";
  std::string py = "person_id,year,unit_id,r,n,d,k,tags,p,m\n";
  for (int i = 0; i < persons; ++i) {
    // Hiring dates around the assessed years, month ends and the 31st included.
    std::string hired;
    if (!r.chance(15)) {
      char buf[48];
      std::snprintf(buf, sizeof buf, "%04d-%02d-%02d", 2022 + r.below(4), 1 + r.below(12),
                    r.chance(30) ? 28 + r.below(4) : 1 + r.below(27));
      hired = buf;
      if (!check::valid_date(std::stoi(hired.substr(0, 4)), std::stoi(hired.substr(5, 2)),
                             std::stoi(hired.substr(8, 2)))) {
        hired.replace(8, 2, "28");
      }
    }
    p += "P" + std::to_string(100 + i) + "," + std::to_string(1960 + r.below(40)) + "," + hired +
         "\n";
    const int home = r.below(units);
    for (int y = 2020; y <= 2024; ++y) {
      if (r.chance(20)) continue;
      const int unit = r.chance(85) ? home : r.below(units);
      std::string tags;
      for (const char* k : kinds) {
        if (r.chance(40)) tags += (tags.empty() ? "" : ";") + std::string(k);
      }
      py += "P" + std::to_string(100 + i) + "," + std::to_string(y) + ",U" + std::to_string(unit) +
            "," + ratings[r.chance(50) ? 2 + r.below(2) : r.below(4)] + "," +
            std::to_string(r.below(10)) + "," +
            (r.chance(15) ? "" : std::to_string(r.below(6)) + "." + std::to_string(r.below(10))) +
            "," + kinds[r.below(3)] + "," + tags + "," +
            (r.chance(20) ? "" : std::to_string(r.below(40)) + "." + std::to_string(r.below(10))) +
            "," + (r.chance(20) ? "" : std::to_string(r.below(1000))) + "\n";
    }
  }
  std::string a = "entity_id,year,award\n";
  const std::vector<std::string> titles = {"P0", "P1", "P2", "U0", "U1"};
  for (int i = 0; i < persons + units; ++i) {
    for (int y = 2021; y <= 2023; ++y) {
      if (!r.chance(30)) continue;
      const bool unit = i >= persons;
      a += (unit ? "U" + std::to_string(i - persons) : "P" + std::to_string(100 + i)) + "," +
           std::to_string(y) + "," +
           titles[static_cast<std::size_t>(unit ? 3 + r.below(2) : r.below(3))] + "\n";
    }
  }
  files["units.csv"] = u;
  files["unit_years.csv"] = uy;
  files["people.csv"] = p;
  files["person_years.csv"] = py;
  files["awards.csv"] = a;
  return files;
}

std::string first_difference(const std::string& a, const std::string& b) {
  std::size_t line = 1;
  std::size_t start = 0;
  for (std::size_t i = 0; i < std::min(a.size(), b.size()); ++i) {
    if (a[i] != b[i]) {
      const auto ea = a.find('\n', start);
      const auto eb = b.find('\n', start);
      return "line " + std::to_string(line) + ":\n  reference: " + a.substr(start, ea - start) +
             "\n  engine:    " + b.substr(start, eb - start);
    }
    if (a[i] == '\n') {
      ++line;
      start = i + 1;
    }
  }
  return "lengths differ: " + std::to_string(a.size()) + " vs " + std::to_string(b.size());
}

TEST(differential, engine_matches_reference_on_random_packs_and_data) {
  int compared = 0;
  for (std::uint64_t seed = 1; seed <= 300; ++seed) {
    rng r(seed);
    pack_writer w(r);
    const std::string pack = w.write();
    const auto rs = compile(pack_source::memory({{"pack.tdk", pack}}));
    ASSERT_TRUE(rs) << "seed " << seed << ": the generated pack does not compile\n"
                    << format(rs.diagnostics()) << pack;
    const auto files = write_data(r);
    const auto& program = rs->model().program;
    const io::file_reader reader = [&](const std::string& name, std::string& text,
                                       std::string& error) {
      const auto it = files.find(name);
      if (it == files.end()) {
        error = "no such file";
        return false;
      }
      text = it->second;
      return true;
    };
    const auto loaded = io::load(program, reader, "mem");
    io::load_options projected;
    projected.project = true;  // as `thidua eval` loads: only the columns the rules read
    projected.threads = 2;
    const auto narrow = io::load(program, reader, "mem", projected);
    ASSERT_TRUE(narrow.ok);
    ASSERT_TRUE(loaded.ok) << "seed " << seed << "\n" << format(loaded.diagnostics);
    const auto expected = test::evaluate_reference(program, loaded.data, 2024);
    struct config {
      unsigned threads;
      bool projected;
      bool passes;
    };
    for (const config c :
         {config{1, false, false}, config{3, true, true}, config{2, false, true}}) {
      const auto plan = plan::optimize(program, c.passes);
      exec::options o;
      o.threads = c.threads;
      o.order = &plan.order;
      exec::engine e(plan.program, c.projected ? narrow.data : loaded.data, 2024, o);
      ASSERT_TRUE(e.run()) << "seed " << seed << ": overflow";
      const auto actual = e.outputs();
      ASSERT_EQ(expected.size(), actual.size());
      for (const auto& [file, text] : expected) {
        const auto& got = actual.at(file);
        ASSERT_EQ(text, got) << "seed " << seed << ", " << c.threads << " threads"
                             << (c.projected ? ", projected load" : "")
                             << (c.passes ? ", plan passes" : "") << ", " << file << ": "
                             << first_difference(text, got) << "\n--- pack\n"
                             << pack;
      }
      // A what-if without edits decides every entity exactly as the population run did:
      // titles (quota places included), forms and money.
      for (check::id en = 0; c.threads == 2 && en < plan.program.entities.size(); ++en) {
        const auto& rows = e.population(en, 2024);
        for (std::size_t k = 0; k < rows.size(); k += 5) {
          exec::overlay ov;
          ov.entity = en;
          ov.row = rows[k];
          ov.year = 2024;
          e.what_if(ov);
          for (const auto& [t, v] : ov.titles) {
            ASSERT_EQ(v, e.title(t, 2024)[rows[k]])
                << "seed " << seed << ": what-if of " << plan.program.entities[en].name << " row "
                << rows[k] << ", title " << plan.program.titles[t].code << "\n--- pack\n"
                << pack;
          }
          for (const auto& [fi, sel] : ov.forms) ASSERT_EQ(sel, e.form(fi, 2024)[rows[k]]);
          const std::uint32_t one[1] = {rows[k]};
          exec::vec money;
          e.rewards(exec::frame{en, 2024, one, {}}, money);
          ASSERT_EQ(e.reward_of(ov), money.v[0]) << "seed " << seed;
        }
      }
    }
    ++compared;
  }
  EXPECT_EQ(compared, 300);
}

}  // namespace
}  // namespace thidua
