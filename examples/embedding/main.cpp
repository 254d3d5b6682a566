// The README's embedding example, built by the dev preset so that it cannot rot: compile a
// criteria pack and print its titles; given a data folder, evaluate a year, look one entity up
// and explain a decision.
//
//   build/dev/examples/embedding/thidua_embedding_example bench/w1
//   build/dev/examples/embedding/thidua_embedding_example bench/w1 DATA_DIR 2024 P02 CSTDCS
#include <thidua/thidua.hpp>

#include <iostream>
#include <string>

int main(int argc, char** argv) {
  const char* dir = argc > 1 ? argv[1] : "bench/w1";
  auto rs = thidua::compile(thidua::pack_source::directory(dir));
  if (!rs) {                                        // bad rules: values, never exceptions
    std::cerr << thidua::format(rs.diagnostics());  // file:line:col, source line, caret, hint
    return 1;
  }
  for (const auto& t : rs->titles()) {
    std::cout << t.code << "  " << t.name << " (" << t.entity << ")\n";
  }
  if (argc < 6) return 0;

  auto data = thidua::load_csv(*rs, argv[2]);  // every bad cell: file:row:column
  if (!data) {
    std::cerr << thidua::format(data.diagnostics());
    return 2;
  }
  auto run = thidua::evaluate(*rs, *data, std::stoi(argv[3]), {.threads = 2});
  if (!run) {
    std::cerr << thidua::format(run.diagnostics());
    return 1;
  }
  for (const auto& c : run->title_counts()) {  // the whole population, decided
    std::cout << c.code << ": " << c.earned << " of " << c.assessed << "\n";
  }
  auto one = run->lookup("person", argv[4]);  // one entity, from what was decided
  if (one) std::cout << argv[4] << " money: " << one->money << " VND\n";
  auto why = run->explain("person", argv[4], argv[5]);  // why / why not, with the law
  if (why) {
    for (const auto& e : *why) std::cout << thidua::format(e);
  }
}
