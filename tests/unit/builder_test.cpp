// dataset_builder: a host's columns evaluate exactly as the same data loaded from CSV, without
// copying the numeric columns; misuse is a diagnostic, never a crash.
#include <gtest/gtest.h>

#include "api/model.hpp"
#include "thidua/data.hpp"
#include "thidua/evaluate.hpp"
#include "thidua/pack.hpp"

namespace thidua {
namespace {

const char* const w1 = THIDUA_SOURCE_DIR "/bench/w1";
const char* const council = THIDUA_SOURCE_DIR "/tests/golden/explain/w1_council/data";

// Hands the loaded dataset's columns to a builder as a host would hand in its own arrays.
result<dataset> rebuild(const ruleset& rules, const dataset& loaded) {
  const auto& p = rules.model().program;
  const auto& d = loaded.data().data;
  dataset_builder b(rules);
  for (check::id e = 0; e < p.entities.size(); ++e) {
    const auto& name = p.entities[e].name;
    b.keys(name, d.entities[e].keys);
    const auto& rec = d.records[e][0];
    if (rec.present) b.records(name, rec.entity, rec.year);
    for (const auto* cols : {&d.entities[e].columns, &rec.columns}) {
      for (const auto& c : *cols) {
        const auto& f = p.fields[c.field];
        if (f.t.kind == check::type_kind::text) {
          std::vector<std::string> text;
          for (std::size_t i = 0; i < c.values.size(); ++i) {
            text.push_back(c.strings[static_cast<std::size_t>(c.values[i])]);
          }
          b.text(name, f.name, std::move(text));
        } else {
          b.column(name, f.name, std::span(c.values.data(), c.values.size()),
                   std::span(c.known.data(), c.known.size()));
        }
      }
    }
  }
  for (const auto& a : d.awards) b.award(p.titles[a.title].code, a.row, a.year);
  return b.build();
}

TEST(builder, host_columns_evaluate_like_csv) {
  const auto rules = compile(pack_source::directory(w1));
  ASSERT_TRUE(rules);
  const auto loaded = load_csv(*rules, council);
  ASSERT_TRUE(loaded) << format(loaded.diagnostics());
  const auto hosted = rebuild(*rules, *loaded);
  ASSERT_TRUE(hosted) << format(hosted.diagnostics());
  const auto a = evaluate(*rules, *loaded, 2024);
  const auto b = evaluate(*rules, *hosted, 2024);
  ASSERT_TRUE(a && b);
  for (const auto& o : a->outputs()) {
    EXPECT_FALSE(a->csv(o.name).empty());
    EXPECT_EQ(a->csv(o.name), b->csv(o.name)) << o.name;
  }
  // Zero copy: the hosted dataset reads the loaded one's buffers.
  const auto& col = hosted->data().data.records[1][0].columns[1];
  EXPECT_TRUE(col.hosted);
  EXPECT_TRUE(col.values.empty());
}

TEST(builder, misuse_is_a_diagnostic) {
  const auto rules = compile(pack_source::directory(w1));
  ASSERT_TRUE(rules);
  dataset_builder b(*rules);
  const std::vector<std::uint32_t> rows = {0, 1};
  const std::vector<std::int32_t> years = {2024, 2024};
  const std::vector<std::int64_t> ratings = {1, 9};  // 9 is not a rating code
  const std::vector<std::int64_t> short_column = {1};
  b.keys("person", {"A", "B", "A"});  // a duplicate key
  b.keys("nobody", {"x"});
  b.records("person", rows, years);
  b.column("person", "rating", ratings);
  b.column("person", "months_worked", short_column);
  b.column("person", "no_such_field", ratings);
  b.award("NOT_A_TITLE", 0, 2023);
  const auto d = b.build();
  ASSERT_FALSE(d);
  std::string all = format(d.diagnostics());
  for (const char* c : {"[duplicate-key]", "[unknown-entity]", "[unknown-field]", "[unknown-title]",
                        "[missing-column]", "[bad-value]"}) {
    EXPECT_NE(all.find(c), std::string::npos) << c << "\n" << all;
  }
  EXPECT_NE(all.find("person.rating[1] = 9 is out of range"), std::string::npos) << all;
  EXPECT_NE(all.find("person.months_worked: 1 values for 2 rows"), std::string::npos) << all;
}

TEST(builder, sub_year_fields_are_refused) {
  const auto rules = compile(pack_source::directory(THIDUA_SOURCE_DIR "/rules/examples/targets"));
  ASSERT_TRUE(rules) << format(rules.diagnostics());
  const auto& p = rules->model().program;
  for (const auto& f : p.fields) {
    if (!f.record || *f.record == check::period::year || f.target != check::no_id) continue;
    dataset_builder b(*rules);
    const std::vector<std::int64_t> one = {1};
    b.column(p.entities[f.entity].name, f.name, one);
    const auto d = b.build();
    ASSERT_FALSE(d);
    EXPECT_NE(format(d.diagnostics()).find("load such records from CSV"), std::string::npos);
    return;
  }
  GTEST_SKIP() << "rules/examples/targets has no sub-year record field";
}

}  // namespace
}  // namespace thidua
