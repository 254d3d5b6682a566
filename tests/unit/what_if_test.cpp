// evaluation::what_if: one entity decided again with edited values, without re-running the
// population. For edits that leave every group aggregate the entity reads unchanged, the what-if
// must give exactly what a full evaluation of the edited data gives for that entity; misuse is a
// diagnostic.
#include <gtest/gtest.h>

#include <filesystem>
#include <fstream>
#include <sstream>
#include <string>
#include <vector>

#include "thidua/data.hpp"
#include "thidua/evaluate.hpp"
#include "thidua/pack.hpp"

namespace thidua {
namespace {

namespace fs = std::filesystem;

const char* const vn = THIDUA_SOURCE_DIR "/rules/vn";
const char* const persons = THIDUA_SOURCE_DIR "/tests/golden/vn/persons_2024/data";

std::string slurp(const fs::path& p) {
  std::ifstream in(p, std::ios::binary);
  std::ostringstream s;
  s << in.rdbuf();
  return s.str();
}

// Copies the data folder with one cell replaced: in `file`, the row whose first column is `key`
// (and, when `year` is not empty, whose second column is `year`), column `column`.
fs::path edited_copy(const std::string& file, const std::string& key, const std::string& year,
                     const std::string& column, const std::string& value) {
  const fs::path dir =
      fs::temp_directory_path() /
      ("thidua-what-if-" +
       std::to_string(::testing::UnitTest::GetInstance()->current_test_info()->line()) + "-" + key +
       "-" + column);
  fs::remove_all(dir);
  fs::copy(persons, dir);
  std::istringstream in(slurp(dir / file));
  std::string line, out;
  std::vector<std::string> header;
  std::size_t col = 0;
  bool first = true;
  while (std::getline(in, line)) {
    std::vector<std::string> cells;
    std::stringstream ss(line);
    std::string cell;
    while (std::getline(ss, cell, ',')) cells.push_back(cell);
    if (!line.empty() && line.back() == ',') cells.emplace_back();
    if (first) {
      header = cells;
      col = static_cast<std::size_t>(std::find(header.begin(), header.end(), column) -
                                     header.begin());
      first = false;
    } else if (cells[0] == key && (year.empty() || cells[1] == year)) {
      cells.at(col) = value;
    }
    for (std::size_t i = 0; i < cells.size(); ++i) out += (i == 0 ? "" : ",") + cells[i];
    out += '\n';
  }
  std::ofstream(dir / file, std::ios::binary) << out;
  return dir;
}

struct world {
  result<ruleset> rules;
  result<dataset> data;
  result<evaluation> run;
};

world evaluate_dir(const fs::path& dir) {
  world w{compile(pack_source::directory(vn)), result<dataset>::failure({}),
          result<evaluation>::failure({})};
  EXPECT_TRUE(w.rules) << format(w.rules.diagnostics());
  w.data = load_csv(*w.rules, dir);
  EXPECT_TRUE(w.data) << format(w.data.diagnostics());
  w.run = evaluate(*w.rules, *w.data, 2024, {.threads = 2});
  EXPECT_TRUE(w.run) << format(w.run.diagnostics());
  return w;
}

struct edit_case {
  std::string file, key, year, column, value;
  friend void PrintTo(const edit_case& c, std::ostream* os) {
    *os << c.key << " " << c.column << " = '" << c.value << "'";
  }
};

class what_if_matches_full_evaluation : public ::testing::TestWithParam<edit_case> {};

TEST_P(what_if_matches_full_evaluation, for_the_edited_entity) {
  const auto& c = GetParam();
  const auto base = evaluate_dir(persons);
  ASSERT_TRUE(base.run);
  const auto before = base.run->lookup("person", c.key);
  ASSERT_TRUE(before);
  const auto w = base.run->what_if("person", c.key, {{c.column, c.value}});
  ASSERT_TRUE(w) << format(w.diagnostics());

  const auto dir = edited_copy(c.file, c.key, c.year, c.column, c.value);
  const auto full = evaluate_dir(dir);
  ASSERT_TRUE(full.run);
  const auto after = full.run->lookup("person", c.key);
  ASSERT_TRUE(after);
  EXPECT_EQ(w->result.titles, after->titles);
  EXPECT_EQ(w->result.forms, after->forms);
  EXPECT_EQ(w->result.money, after->money);
  // The edit changes something (the case is not vacuous) ...
  EXPECT_TRUE(before->titles != after->titles || before->money != after->money);
  // ... and the explanations agree with the result.
  for (const auto& e : w->explanations) {
    EXPECT_EQ(e.outcome == "earned", w->result.titles.at(e.title) == "earned") << e.title;
  }
  // The evaluation itself is untouched by the what-if.
  const auto again = base.run->lookup("person", c.key);
  ASSERT_TRUE(again);
  EXPECT_EQ(again->titles, before->titles);
  EXPECT_EQ(again->money, before->money);
  fs::remove_all(dir);
}

INSTANTIATE_TEST_SUITE_P(
    edits, what_if_matches_full_evaluation,
    ::testing::Values(
        // Months worked reach the unit's minimum of 10: LĐTT.
        edit_case{"person_years.csv", "A12", "2024", "months_worked", "10"},
        // A static field: recruited on 1 July instead of 3 July (6 months: LĐTT).
        edit_case{"people.csv", "A07", "", "recruited_on", "2024-07-01"},
        // The complaint is closed: LĐTT and CSTĐCS decided.
        edit_case{"person_years.csv", "A17", "2024", "hold", "none"},
        // A rating edit flows through LĐTT, CSTĐCS and the Bằng khen chain.
        edit_case{"person_years.csv", "D03", "2024", "rating", "HTXS"},
        // A missing rating supplied.
        edit_case{"person_years.csv", "A03", "2024", "rating", "HTT"},
        // The quota: B07's new score puts it first in U2 (1 place).
        edit_case{"person_years.csv", "B07", "2024", "score", "96.00"},
        // A required assessment removed: undecided, not failed.
        edit_case{"person_years.csv", "A01", "2024", "exemplary", ""}));

TEST(what_if, misuse_is_a_diagnostic) {
  const auto base = evaluate_dir(persons);
  ASSERT_TRUE(base.run);
  auto message = [&](const std::string& entity, const std::string& key, std::vector<edit> edits) {
    const auto w = base.run->what_if(entity, key, edits);
    EXPECT_FALSE(w);
    return format(w.diagnostics());
  };
  EXPECT_NE(message("person", "A01", {{"ratng", "HTT"}}).find("no field 'ratng'"),
            std::string::npos);
  EXPECT_NE(message("person", "A01", {{"rating", "HTTX"}}).find("unknown rating code 'HTTX'"),
            std::string::npos);
  EXPECT_NE(message("person", "A01", {{"months_worked", "ten"}}).find("a whole number"),
            std::string::npos);
  EXPECT_NE(message("person", "A01", {{"unit", "U2"}}).find("cannot move"), std::string::npos);
  EXPECT_NE(message("person", "A01", {{"hold", ""}}).find("required field hold"),
            std::string::npos);
  EXPECT_NE(message("person", "NOBODY", {}).find("no person with id"), std::string::npos);
  EXPECT_NE(message("village", "A01", {}).find("no entity 'village'"), std::string::npos);
}

TEST(what_if, without_edits_is_the_evaluation) {
  const auto base = evaluate_dir(persons);
  ASSERT_TRUE(base.run);
  for (const char* key : {"A01", "A17", "B06", "B07", "C01", "D05", "E06", "G14"}) {
    const auto w = base.run->what_if("person", key, {});
    ASSERT_TRUE(w) << format(w.diagnostics());
    const auto r = base.run->lookup("person", key);
    EXPECT_EQ(w->result.titles, r->titles) << key;
    EXPECT_EQ(w->result.forms, r->forms) << key;
    EXPECT_EQ(w->result.money, r->money) << key;
  }
}

// Not a what-if, but the same national data: the summary's counts say which titles are not in
// force in the year (Giấy khen huyện ends with the district level on 30/06/2025) and how many
// persons are on hold.
TEST(title_counts, name_what_is_not_in_force_and_on_hold) {
  const auto rules = compile(pack_source::directory(vn));
  ASSERT_TRUE(rules);
  const auto data = load_csv(*rules, THIDUA_SOURCE_DIR "/examples/hai-anh/data");
  ASSERT_TRUE(data) << format(data.diagnostics());
  for (const int year : {2024, 2025}) {
    const auto run = evaluate(*rules, *data, year);
    ASSERT_TRUE(run);
    for (const auto& c : run->title_counts()) {
      if (c.code == "GK_HUYEN") {
        EXPECT_EQ(c.in_force, year == 2024);
      }
      if (c.code == "LDTT") {
        EXPECT_TRUE(c.in_force);
        EXPECT_EQ(c.on_hold, year == 2025 ? 1U : 0U) << year;  // HA005's complaint, 2025 only
      }
    }
  }
}

}  // namespace
}  // namespace thidua
