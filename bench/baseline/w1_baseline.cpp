// w1_baseline — the hand-written yardstick for W1 (shared/workloads/w1.md).
//
//   w1_baseline --data DIR --year Y --out DIR
//
// Plain loops and arrays, no engine: it reads the W1 CSV files, applies rules 1-12 and writes
// person_results.csv and unit_results.csv exactly as thidua must. Written to be fast and obviously
// faithful to the spec, so that thidua's speed is measured against something honest and its
// results have a second opinion. Reads only what the rules need: person_years and unit_years of
// years Y and Y-1, awards of Y-1 and Y-2, and the units' clusters (people.csv is not needed).
//
// Files are memory-mapped and parsed in place; ids are interned into dense indices with an
// open-addressing hash table. Rows in bad shape stop the program with file:row: message.
#include <fcntl.h>
#include <sys/mman.h>
#include <sys/stat.h>
#include <unistd.h>

#include <algorithm>
#include <chrono>
#include <cstdint>
#include <cstdio>
#include <cstdlib>
#include <cstring>
#include <filesystem>
#include <string>
#include <string_view>
#include <vector>

namespace {

[[noreturn]] void die(const std::string& message) {
  std::fprintf(stderr, "w1_baseline: %s\n", message.c_str());
  std::exit(2);
}

// ---- input -------------------------------------------------------------------------------------

class mapped_file {
 public:
  explicit mapped_file(const std::string& path) : path_(path) {
    fd_ = ::open(path.c_str(), O_RDONLY);
    if (fd_ < 0) die(path + ": cannot open");
    struct stat st {};
    if (::fstat(fd_, &st) != 0) die(path + ": cannot stat");
    size_ = static_cast<std::size_t>(st.st_size);
    if (size_ != 0) {
      void* p = ::mmap(nullptr, size_, PROT_READ, MAP_PRIVATE, fd_, 0);
      if (p == MAP_FAILED) die(path + ": cannot map");
      data_ = static_cast<const char*>(p);
      ::madvise(p, size_, MADV_SEQUENTIAL);
    }
  }
  ~mapped_file() {
    if (data_ != nullptr) ::munmap(const_cast<char*>(data_), size_);
    if (fd_ >= 0) ::close(fd_);
  }
  mapped_file(const mapped_file&) = delete;
  mapped_file& operator=(const mapped_file&) = delete;
  std::string_view text() const { return {data_, size_}; }
  const std::string& path() const { return path_; }

 private:
  std::string path_;
  int fd_ = -1;
  const char* data_ = nullptr;
  std::size_t size_ = 0;
};

// Splits one CSV record into fields. Fast path for unquoted fields; quoted fields (RFC 4180,
// "" for a quote, embedded commas and newlines) are unescaped into `scratch`.
class csv_reader {
 public:
  explicit csv_reader(const mapped_file& f) : file_(f), text_(f.text()) {
    if (text_.substr(0, 3) == "\xEF\xBB\xBF") pos_ = 3;
  }
  bool next(std::vector<std::string_view>& fields) {
    fields.clear();
    if (pos_ >= text_.size()) return false;
    ++row_;
    scratch_.clear();
    quoted_.clear();
    for (;;) {
      if (pos_ < text_.size() && text_[pos_] == '"') {
        const std::size_t start = scratch_.size();
        ++pos_;
        for (;;) {
          if (pos_ >= text_.size()) die(where() + "unterminated quoted field");
          const char c = text_[pos_++];
          if (c == '"') {
            if (pos_ < text_.size() && text_[pos_] == '"') {
              scratch_ += '"';
              ++pos_;
            } else {
              break;
            }
          } else {
            scratch_ += c;
          }
        }
        // Pointed into scratch_ once the record is complete (it may still grow).
        quoted_.emplace_back(fields.size(), start);
        fields.emplace_back(nullptr, scratch_.size() - start);
      } else {
        const std::size_t start = pos_;
        while (pos_ < text_.size() && text_[pos_] != ',' && text_[pos_] != '\n' &&
               text_[pos_] != '\r') {
          ++pos_;
        }
        fields.emplace_back(text_.data() + start, pos_ - start);
      }
      const bool end = pos_ >= text_.size();
      const char c = end ? '\n' : text_[pos_++];
      if (c == ',') continue;
      if (c == '\r' && pos_ < text_.size() && text_[pos_] == '\n') ++pos_;
      for (const auto& [field, start] : quoted_) {
        fields[field] = std::string_view(scratch_.data() + start, fields[field].size());
      }
      return true;
    }
  }
  std::string where() const { return file_.path() + ":" + std::to_string(row_) + ": "; }

 private:
  const mapped_file& file_;
  std::string_view text_;
  std::size_t pos_ = 0;
  std::size_t row_ = 0;
  std::string scratch_;
  std::vector<std::pair<std::size_t, std::size_t>> quoted_;  // field index, start in scratch_
};

// Column positions by header name.
std::vector<int> columns(csv_reader& r, const std::vector<const char*>& wanted) {
  std::vector<std::string_view> header;
  if (!r.next(header)) die(r.where() + "empty file");
  std::vector<int> idx;
  for (const char* w : wanted) {
    const auto it = std::find(header.begin(), header.end(), std::string_view(w));
    if (it == header.end()) die(r.where() + "missing column " + w);
    idx.push_back(static_cast<int>(it - header.begin()));
  }
  return idx;
}

int to_int(std::string_view s, const csv_reader& r) {
  if (s.empty()) die(r.where() + "empty number");
  int v = 0;
  bool neg = false;
  std::size_t i = 0;
  if (s[0] == '-') {
    neg = true;
    i = 1;
  }
  for (; i < s.size(); ++i) {
    if (s[i] < '0' || s[i] > '9') die(r.where() + "not a number: " + std::string(s));
    v = v * 10 + (s[i] - '0');
  }
  return neg ? -v : v;
}

// A score "87.25" as hundredths.
int to_cents(std::string_view s, const csv_reader& r) {
  const auto dot = s.find('.');
  if (dot == std::string_view::npos) return to_int(s, r) * 100;
  const std::string_view frac = s.substr(dot + 1);
  if (frac.empty() || frac.size() > 2) die(r.where() + "bad score: " + std::string(s));
  int f = to_int(frac, r);
  if (frac.size() == 1) f *= 10;
  return to_int(s.substr(0, dot), r) * 100 + f;
}

template <std::size_t N>
int code(std::string_view s, const char* const (&codes)[N], const csv_reader& r, const char* what) {
  for (std::size_t i = 0; i < N; ++i) {
    if (s == codes[i]) return static_cast<int>(i);
  }
  die(r.where() + "unknown " + what + " '" + std::string(s) + "'");
}

const char* const rating_codes[] = {"KHT", "HT", "HTT", "HTXS"};
const char* const discipline_codes[] = {"none",   "khien_trach", "canh_cao",
                                        "ha_bac", "cach_chuc",   "buoc_thoi_viec"};
const char* const leave_codes[] = {"none", "thai_san", "tai_nan_lao_dong", "benh_nghe_nghiep",
                                   "om_dai_ngay"};
const char* const scope_codes[] = {"none", "co_so", "tinh", "toan_quoc"};
const char* const award_codes[] = {"LDTT",   "CSTDCS",  "CSTD_TINH", "TTLDTT",
                                   "TTLDXS", "CO_TINH", "BK_TINH",   "GK_XA"};
enum { LDTT, CSTDCS, CSTD_TINH, TTLDTT, TTLDXS, CO_TINH, BK_TINH, GK_XA };

unsigned registered_bits(std::string_view s, const csv_reader& r) {
  unsigned bits = 0;
  while (!s.empty()) {
    const auto semi = s.find(';');
    const std::string_view one = s.substr(0, semi);
    bits |= 1U << code(one, award_codes, r, "award");
    if (semi == std::string_view::npos) break;
    s.remove_prefix(semi + 1);
  }
  return bits;
}

// Interns ids (unique strings) into dense indices; open addressing, power-of-two capacity.
class interner {
 public:
  std::int32_t find_or_add(std::string_view id) {
    if ((ids_.size() + 1) * 2 > slots_.size()) grow();
    std::size_t h = hash(id) & (slots_.size() - 1);
    while (slots_[h] >= 0) {
      if (ids_[static_cast<std::size_t>(slots_[h])] == id) return slots_[h];
      h = (h + 1) & (slots_.size() - 1);
    }
    slots_[h] = static_cast<std::int32_t>(ids_.size());
    ids_.emplace_back(id);
    return slots_[h];
  }
  std::int32_t find(std::string_view id) const {
    if (slots_.empty()) return -1;
    std::size_t h = hash(id) & (slots_.size() - 1);
    while (slots_[h] >= 0) {
      if (ids_[static_cast<std::size_t>(slots_[h])] == id) return slots_[h];
      h = (h + 1) & (slots_.size() - 1);
    }
    return -1;
  }
  const std::string& id(std::int32_t i) const { return ids_[static_cast<std::size_t>(i)]; }
  std::size_t size() const { return ids_.size(); }

 private:
  static std::size_t hash(std::string_view s) {
    std::uint64_t h = 1469598103934665603ULL;  // FNV-1a
    for (const char c : s) h = (h ^ static_cast<unsigned char>(c)) * 1099511628211ULL;
    return static_cast<std::size_t>(h ^ (h >> 29));
  }
  void grow() {
    std::vector<std::int32_t> old(std::max<std::size_t>(64, slots_.size() * 2), -1);
    slots_.swap(old);
    for (std::size_t i = 0; i < ids_.size(); ++i) {
      std::size_t h = hash(ids_[i]) & (slots_.size() - 1);
      while (slots_[h] >= 0) h = (h + 1) & (slots_.size() - 1);
      slots_[h] = static_cast<std::int32_t>(i);
    }
  }
  std::vector<std::int32_t> slots_;
  std::vector<std::string> ids_;
};

// ---- the rules
// -----------------------------------------------------------------------------------

struct person {
  bool row = false, prev_row = false;
  std::int32_t unit = -1;
  std::int8_t rating = 0, discipline = 0, leave = 0, scope = 0, prev_rating = 0;
  int months = 0, initiatives = 0, prev_initiatives = 0, score = 0;
  unsigned registered = 0;
  bool cstdcs_y1 = false, cstdcs_y2 = false;
  // results
  bool ldtt = false, cstdcs_ok = false, cstdcs = false, cstd_tinh = false, bk = false, gk = false;
};

struct unit {
  std::int32_t cluster = -1;
  bool row = false;
  std::int8_t rating = 0;
  int score = 0;
  unsigned registered = 0;
  bool ttldxs_y1 = false;
  int members = 0, ldtt = 0;
  bool all_ht = true, any_cstdcs = false, any_warned = false;
  bool ttldtt = false, ttldxs = false, co_tinh = false;
};

void write_file(const std::filesystem::path& path, const std::string& content) {
  const auto tmp = path.string() + ".tmp";
  std::FILE* f = std::fopen(tmp.c_str(), "wb");
  if (f == nullptr) die(tmp + ": cannot create");
  const bool ok = std::fwrite(content.data(), 1, content.size(), f) == content.size();
  if (std::fclose(f) != 0 || !ok) die(tmp + ": write error");
  std::filesystem::rename(tmp, path);
}

}  // namespace

int main(int argc, char** argv) {
  std::string data;
  std::string out;
  int year = 0;
  for (int i = 1; i + 1 < argc; i += 2) {
    const std::string_view a = argv[i];
    if (a == "--data")
      data = argv[i + 1];
    else if (a == "--out")
      out = argv[i + 1];
    else if (a == "--year")
      year = std::atoi(argv[i + 1]);
    else
      die("unknown option " + std::string(a));
  }
  if (data.empty() || out.empty() || year == 0) {
    std::fprintf(stderr, "usage: w1_baseline --data DIR --year Y --out DIR\n");
    return 3;
  }
  using clock = std::chrono::steady_clock;
  const auto t0 = clock::now();
  std::vector<std::string_view> f;

  // Units and clusters.
  interner unit_ids;
  interner clusters;
  std::vector<unit> units;
  {
    mapped_file file(data + "/units.csv");
    csv_reader r(file);
    const auto c = columns(r, {"unit_id", "cluster"});
    while (r.next(f)) {
      const auto u = unit_ids.find_or_add(f[static_cast<std::size_t>(c[0])]);
      if (static_cast<std::size_t>(u) != units.size()) die(r.where() + "duplicate unit id");
      units.emplace_back();
      units.back().cluster = clusters.find_or_add(f[static_cast<std::size_t>(c[1])]);
    }
  }
  auto unit_of = [&](std::string_view id, const csv_reader& r) {
    const auto u = unit_ids.find(id);
    if (u < 0) die(r.where() + "unknown unit '" + std::string(id) + "'");
    return u;
  };

  // Person years of Y and Y-1.
  interner person_ids;
  std::vector<person> persons;
  {
    mapped_file file(data + "/person_years.csv");
    csv_reader r(file);
    const auto c =
        columns(r, {"person_id", "year", "unit_id", "rating", "discipline", "months_worked",
                    "leave", "initiatives", "initiative_scope", "score", "registered"});
    auto col = [&](int k) { return f[static_cast<std::size_t>(c[static_cast<std::size_t>(k)])]; };
    while (r.next(f)) {
      const int y = to_int(col(1), r);
      if (y != year && y != year - 1) continue;
      const auto p = person_ids.find_or_add(col(0));
      if (static_cast<std::size_t>(p) == persons.size()) persons.emplace_back();
      person& x = persons[static_cast<std::size_t>(p)];
      if (y == year) {
        if (x.row) die(r.where() + "second row for the same person and year");
        x.row = true;
        x.unit = unit_of(col(2), r);
        x.rating = static_cast<std::int8_t>(code(col(3), rating_codes, r, "rating"));
        x.discipline = static_cast<std::int8_t>(code(col(4), discipline_codes, r, "discipline"));
        x.months = to_int(col(5), r);
        x.leave = static_cast<std::int8_t>(code(col(6), leave_codes, r, "leave"));
        x.initiatives = to_int(col(7), r);
        x.scope = static_cast<std::int8_t>(code(col(8), scope_codes, r, "initiative_scope"));
        x.score = to_cents(col(9), r);
        x.registered = registered_bits(col(10), r);
      } else {
        if (x.prev_row) die(r.where() + "second row for the same person and year");
        x.prev_row = true;
        x.prev_rating = static_cast<std::int8_t>(code(col(3), rating_codes, r, "rating"));
        x.prev_initiatives = to_int(col(7), r);
      }
    }
  }

  // Unit years of Y.
  {
    mapped_file file(data + "/unit_years.csv");
    csv_reader r(file);
    const auto c = columns(r, {"unit_id", "year", "rating", "score", "registered"});
    auto col = [&](int k) { return f[static_cast<std::size_t>(c[static_cast<std::size_t>(k)])]; };
    while (r.next(f)) {
      if (to_int(col(1), r) != year) continue;
      unit& u = units[static_cast<std::size_t>(unit_of(col(0), r))];
      if (u.row) die(r.where() + "second row for the same unit and year");
      u.row = true;
      u.rating = static_cast<std::int8_t>(code(col(2), rating_codes, r, "rating"));
      u.score = to_cents(col(3), r);
      u.registered = registered_bits(col(4), r);
    }
  }

  // Prior awards of Y-1 and Y-2.
  {
    mapped_file file(data + "/awards.csv");
    csv_reader r(file);
    const auto c = columns(r, {"entity_id", "year", "award"});
    while (r.next(f)) {
      const int y = to_int(f[static_cast<std::size_t>(c[1])], r);
      if (y != year - 1 && y != year - 2) continue;
      // Codes W1 does not know (a national registry has more) are skipped, as the W1 pack's
      // `prior_awards ... ignore_unknown` does.
      const auto known = std::find(std::begin(award_codes), std::end(award_codes),
                                   f[static_cast<std::size_t>(c[2])]);
      if (known == std::end(award_codes)) continue;
      const int a = static_cast<int>(known - std::begin(award_codes));
      const std::string_view id = f[static_cast<std::size_t>(c[0])];
      if (a == CSTDCS) {
        const auto p = person_ids.find(id);
        if (p >= 0)
          (y == year - 1 ? persons[static_cast<std::size_t>(p)].cstdcs_y1
                         : persons[static_cast<std::size_t>(p)].cstdcs_y2) = true;
      } else if (a == TTLDXS && y == year - 1) {
        const auto u = unit_ids.find(id);
        if (u >= 0) units[static_cast<std::size_t>(u)].ttldxs_y1 = true;
      }
    }
  }
  const auto t1 = clock::now();

  // Rules 1-2, and the unit counts.
  for (auto& p : persons) {
    if (!p.row) continue;
    const bool worked = p.months >= 10 || p.leave == 1 || p.leave == 2 || p.leave == 3;
    p.ldtt = (p.registered & (1U << LDTT)) != 0 && p.rating >= 2 && p.discipline == 0 && worked;
    p.cstdcs_ok =
        p.ldtt && (p.registered & (1U << CSTDCS)) != 0 && p.rating == 3 && p.initiatives >= 1;
    unit& u = units[static_cast<std::size_t>(p.unit)];
    ++u.members;
    u.ldtt += p.ldtt ? 1 : 0;
    u.all_ht = u.all_ht && p.rating >= 1;
    u.any_warned = u.any_warned || p.discipline >= 2;
  }
  // Rule 3: the CSTDCS quota per unit, best score first, then person_id in byte order.
  {
    std::vector<std::int32_t> cand;
    for (std::size_t i = 0; i < persons.size(); ++i) {
      if (persons[i].row && persons[i].cstdcs_ok) cand.push_back(static_cast<std::int32_t>(i));
    }
    std::sort(cand.begin(), cand.end(), [&](std::int32_t a, std::int32_t b) {
      const person& pa = persons[static_cast<std::size_t>(a)];
      const person& pb = persons[static_cast<std::size_t>(b)];
      if (pa.unit != pb.unit) return pa.unit < pb.unit;
      if (pa.score != pb.score) return pa.score > pb.score;
      return person_ids.id(a) < person_ids.id(b);
    });
    std::int32_t current = -1;
    int rank = 0;
    for (const auto i : cand) {
      person& p = persons[static_cast<std::size_t>(i)];
      rank = p.unit == current ? rank + 1 : 1;
      current = p.unit;
      p.cstdcs = rank <= 15 * units[static_cast<std::size_t>(p.unit)].ldtt / 100;
      if (p.cstdcs) units[static_cast<std::size_t>(p.unit)].any_cstdcs = true;
    }
  }
  // Rules 4-6.
  for (auto& p : persons) {
    if (!p.row) continue;
    p.cstd_tinh = p.cstdcs && p.cstdcs_y1 && p.cstdcs_y2 && p.scope >= 2;
    p.bk = p.prev_row && p.rating == 3 && p.prev_rating == 3 &&
           p.initiatives + p.prev_initiatives >= 2 && p.discipline == 0;
    p.gk = p.prev_row && p.rating >= 2 && p.prev_rating >= 2 && p.discipline == 0;
  }
  // Rules 9-11.
  std::vector<std::int32_t> best(clusters.size(), -1);
  for (std::size_t i = 0; i < units.size(); ++i) {
    unit& u = units[i];
    if (!u.row) continue;
    u.ttldtt = (u.registered & (1U << TTLDTT)) != 0 && u.rating >= 2 && 2 * u.ldtt > u.members &&
               !u.any_warned && u.members >= 1;
    u.ttldxs = (u.registered & (1U << TTLDXS)) != 0 && u.rating == 3 && u.all_ht &&
               10 * u.ldtt >= 7 * u.members && u.any_cstdcs && !u.any_warned && u.members >= 1;
    if (u.ttldxs && u.ttldxs_y1) {
      auto& b = best[static_cast<std::size_t>(u.cluster)];
      const auto ii = static_cast<std::int32_t>(i);
      if (b < 0 || u.score > units[static_cast<std::size_t>(b)].score ||
          (u.score == units[static_cast<std::size_t>(b)].score &&
           unit_ids.id(ii) < unit_ids.id(b))) {
        b = ii;
      }
    }
  }
  for (const auto b : best) {
    if (b >= 0) units[static_cast<std::size_t>(b)].co_tinh = true;
  }
  const auto t2 = clock::now();

  // Output, sorted by id in byte order.
  constexpr std::int64_t tenth = 234'000;  // base 2,340,000 VND / 10
  std::filesystem::create_directories(out);
  {
    std::vector<std::int32_t> order;
    for (std::size_t i = 0; i < persons.size(); ++i) {
      if (persons[i].row) order.push_back(static_cast<std::int32_t>(i));
    }
    std::sort(order.begin(), order.end(),
              [&](std::int32_t a, std::int32_t b) { return person_ids.id(a) < person_ids.id(b); });
    std::string s = "person_id,LDTT,CSTDCS,CSTD_TINH,BK_TINH,GK_XA,form,money\n";
    s.reserve(order.size() * 48);
    for (const auto i : order) {
      const person& p = persons[static_cast<std::size_t>(i)];
      const char* form = p.bk ? "BK_TINH" : p.gk ? "GK_XA" : "";
      const std::int64_t tenths = 3 * p.ldtt + 10 * p.cstdcs + 30 * p.cstd_tinh +
                                  (p.bk   ? 10
                                   : p.gk ? 3
                                          : 0);
      s += person_ids.id(i);
      s += p.ldtt ? ",1" : ",0";
      s += p.cstdcs ? ",1" : ",0";
      s += p.cstd_tinh ? ",1" : ",0";
      s += p.bk ? ",1" : ",0";
      s += p.gk ? ",1," : ",0,";
      s += form;
      s += ',';
      s += std::to_string(tenths * tenth);
      s += '\n';
    }
    write_file(std::filesystem::path(out) / "person_results.csv", s);
  }
  {
    std::vector<std::int32_t> order;
    for (std::size_t i = 0; i < units.size(); ++i) {
      if (units[i].row) order.push_back(static_cast<std::int32_t>(i));
    }
    std::sort(order.begin(), order.end(),
              [&](std::int32_t a, std::int32_t b) { return unit_ids.id(a) < unit_ids.id(b); });
    std::string s = "unit_id,TTLDTT,TTLDXS,CO_TINH,money\n";
    for (const auto i : order) {
      const unit& u = units[static_cast<std::size_t>(i)];
      const std::int64_t tenths = 8 * u.ttldtt + 15 * u.ttldxs + 80 * u.co_tinh;
      s += unit_ids.id(i);
      s += u.ttldtt ? ",1" : ",0";
      s += u.ttldxs ? ",1" : ",0";
      s += u.co_tinh ? ",1," : ",0,";
      s += std::to_string(tenths * tenth);
      s += '\n';
    }
    write_file(std::filesystem::path(out) / "unit_results.csv", s);
  }
  const auto t3 = clock::now();
  auto ms = [](auto a, auto b) { return std::chrono::duration<double, std::milli>(b - a).count(); };
  std::fprintf(stderr, "w1_baseline: load %.1f ms, rules %.1f ms, write %.1f ms, total %.1f ms\n",
               ms(t0, t1), ms(t1, t2), ms(t2, t3), ms(t0, t3));
  return 0;
}
