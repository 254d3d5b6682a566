// Replays a fuzz target over files and folders (recursively: *.tdk and corpus files), and over
// deterministic mutations of each (byte flips, deletions, duplications, splices), so that ctest
// exercises the same code paths as the fuzzer on every run, under ASan/UBSan in the dev preset.
//
//   thidua_fuzz_replay [--mutations N] [--ext .tdk] PATH...   (files in folders: those ending in
//   EXT, and every file of a folder named corpus, csv_corpus or load_corpus)
#include <algorithm>
#include <cstdint>
#include <cstdio>
#include <filesystem>
#include <fstream>
#include <random>
#include <sstream>
#include <string>
#include <vector>

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size);

namespace fs = std::filesystem;

namespace {

void run(const std::string& s) {
  LLVMFuzzerTestOneInput(reinterpret_cast<const std::uint8_t*>(s.data()), s.size());
}

std::string mutate(std::string s, std::mt19937_64& rng, const std::string& other) {
  const int edits = 1 + static_cast<int>(rng() % 4);
  for (int e = 0; e < edits; ++e) {
    const std::size_t n = s.size();
    const std::size_t at = n == 0 ? 0 : rng() % n;
    switch (rng() % 6) {
      case 0:
        if (n != 0) s[at] = static_cast<char>(rng() % 256);
        break;
      case 1:
        if (n != 0) s.erase(at, 1 + rng() % 16);
        break;
      case 2:
        if (n != 0) s.insert(at, s.substr(rng() % n, 1 + rng() % 32));
        break;
      case 3: {
        static const char* tokens[] = {"(",
                                       ")",
                                       "{",
                                       "}",
                                       "\"",
                                       "#",
                                       "..",
                                       " and ",
                                       " not ",
                                       "require x: ",
                                       "title T for person {",
                                       "\xE1\xBB",
                                       "%",
                                       "year - 1",
                                       "where",
                                       "last 3",
                                       "include \"b.tdk\"\n"};
        s.insert(at, tokens[rng() % (sizeof tokens / sizeof *tokens)]);
        break;
      }
      case 4:
        if (!other.empty()) s.insert(at, other.substr(rng() % other.size(), 1 + rng() % 64));
        break;
      default:
        s.resize(at);
        break;
    }
  }
  return s;
}

}  // namespace

int main(int argc, char** argv) {
  int mutations = 0;
  std::string ext = ".tdk";
  std::vector<fs::path> files;
  for (int i = 1; i < argc; ++i) {
    const std::string a = argv[i];
    if (a == "--mutations" && i + 1 < argc) {
      mutations = std::stoi(argv[++i]);
      continue;
    }
    if (a == "--ext" && i + 1 < argc) {
      ext = argv[++i];
      continue;
    }
    const fs::path p(a);
    if (fs::is_directory(p)) {
      for (const auto& e : fs::recursive_directory_iterator(p)) {
        if (!e.is_regular_file()) continue;
        if (e.path().extension() == ext || p.filename() == "corpus" ||
            p.filename() == "csv_corpus" || p.filename() == "load_corpus") {
          files.push_back(e.path());
        }
      }
    } else if (fs::is_regular_file(p)) {
      files.push_back(p);
    }
  }
  std::sort(files.begin(), files.end());
  std::vector<std::string> inputs;
  for (const auto& f : files) {
    std::ifstream in(f, std::ios::binary);
    std::ostringstream ss;
    ss << in.rdbuf();
    inputs.push_back(ss.str());
  }
  std::mt19937_64 rng(20241130);
  std::size_t runs = 0;
  for (std::size_t i = 0; i < inputs.size(); ++i) {
    run(inputs[i]);
    ++runs;
    for (int m = 0; m < mutations; ++m) {
      run(mutate(inputs[i], rng, inputs[rng() % inputs.size()]));
      ++runs;
    }
  }
  std::printf("replayed %zu inputs (%zu files, %d mutations each)\n", runs, files.size(),
              mutations);
  return files.empty() ? 1 : 0;
}
