// The README's 30-second embedding example, built by the dev preset so that it cannot rot:
// compile a criteria pack, print its diagnostics or its titles.
//
//   build/dev/examples/embedding/thidua_embedding_example bench/w1
#include <thidua/thidua.hpp>

#include <iostream>

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
}
