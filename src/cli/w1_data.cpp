#include "cli/w1_data.hpp"

#include <algorithm>
#include <array>
#include <charconv>
#include <cstdio>
#include <memory>
#include <system_error>
#include <thread>
#include <vector>

namespace thidua::cli {

namespace {

// ---- deterministic randomness ------------------------------------------------------------------
// splitmix64, and our own bounded draws: std:: distributions differ between standard libraries,
// and the data must be identical everywhere for a seed.

std::uint64_t mix(std::uint64_t x) {
  x += 0x9E3779B97F4A7C15ULL;
  x = (x ^ (x >> 30)) * 0xBF58476D1CE4E5B9ULL;
  x = (x ^ (x >> 27)) * 0x94D049BB133111EBULL;
  return x ^ (x >> 31);
}

class rng {
 public:
  explicit rng(std::uint64_t seed) : s_(seed) {}
  std::uint64_t next() {
    s_ += 0x9E3779B97F4A7C15ULL;
    std::uint64_t z = s_;
    z = (z ^ (z >> 30)) * 0xBF58476D1CE4E5B9ULL;
    z = (z ^ (z >> 27)) * 0x94D049BB133111EBULL;
    return z ^ (z >> 31);
  }
  double uniform() { return static_cast<double>(next() >> 11) * 0x1.0p-53; }
  // Modulo bias is below n / 2^64: immaterial for these sizes.
  std::uint64_t below(std::uint64_t n) { return next() % n; }
  bool chance(double p) { return uniform() < p; }

 private:
  std::uint64_t s_;
};

// ---- codes (shared/workloads/w1.md) ------------------------------------------------------------

enum rating : std::uint8_t { KHT, HT, HTT, HTXS };
constexpr std::array<const char*, 4> rating_code = {"KHT", "HT", "HTT", "HTXS"};
constexpr std::array<const char*, 6> discipline_code = {"none",   "khien_trach", "canh_cao",
                                                        "ha_bac", "cach_chuc",   "buoc_thoi_viec"};
enum leave : std::uint8_t { no_leave, thai_san, tai_nan_lao_dong, benh_nghe_nghiep, om_dai_ngay };
constexpr std::array<const char*, 5> leave_code = {"none", "thai_san", "tai_nan_lao_dong",
                                                   "benh_nghe_nghiep", "om_dai_ngay"};
constexpr std::array<const char*, 4> scope_code = {"none", "co_so", "tinh", "toan_quoc"};
enum unit_kind : std::uint8_t { district, commune, agency, school, village, enterprise };
constexpr std::array<const char*, 6> kind_code = {"district", "commune", "agency",
                                                  "school",   "village", "enterprise"};
constexpr std::array<const char*, 6> kind_name = {"Huyện",  "Xã",   "Cơ quan",
                                                  "Trường", "Thôn", "Doanh nghiệp"};

constexpr std::array<const char*, 16> family_names = {
    "Nguyễn", "Trần", "Lê",  "Phạm", "Hoàng", "Huỳnh", "Phan",  "Vũ",
    "Võ",     "Đặng", "Bùi", "Đỗ",   "Hồ",    "Ngô",   "Dương", "Lý"};
constexpr std::array<const char*, 8> middle_names = {"Văn",  "Thị",   "Hữu", "Minh",
                                                     "Ngọc", "Thanh", "Đức", "Thu"};
constexpr std::array<const char*, 24> given_names = {
    "An",   "Bình", "Châu", "Dũng", "Giang", "Hà",   "Hải",  "Hạnh",
    "Hoa",  "Hùng", "Lan",  "Linh", "Long",  "Mai",  "Nam",  "Phương",
    "Quân", "Sơn",  "Tâm",  "Thảo", "Trang", "Tuấn", "Việt", "Yến"};

// National layout codes (rules/vn/data.tdk).
constexpr std::array<const char*, 5> hold_code = {"none", "xem_xet_ky_luat", "dieu_tra",
                                                  "khieu_nai", "bao_chi"};

// A date as text, YYYY-MM-DD (day 1..28: valid in every month).
std::string date_text(int y, int m, int d) {
  char buf[48];
  std::snprintf(buf, sizeof buf, "%04d-%02d-%02d", y, m, d);
  return buf;
}

// The level that issues an award, as the registry records it (docs/data-layout.md).
const char* issuer_of(const std::string& code, std::uint8_t kind) {
  if (code == "CSTD_TINH" || code == "BK_TINH" || code == "TTLDXS" || code == "CO_TINH") {
    return "tinh";
  }
  if (code == "BK_TTG" || code == "CO_CP" || code == "CSTD_TOANQUOC") return "thu_tuong";
  if (code == "HCLD_3") return "chu_tich_nuoc";
  if (code == "GD_VANHOA") return "xa";
  if (code == "THON_VANHOA") return "huyen";
  switch (kind) {
    case district:
      return "huyen";
    case commune:
    case village:
      return code == "LDTT" || code == "GK_XA" ? "xa" : "huyen";
    case enterprise:
      return "doanh_nghiep";
    default:
      return "co_so";
  }
}

enum registration : std::uint8_t { reg_ldtt = 1, reg_cstdcs = 2, reg_ttldtt = 4, reg_ttldxs = 8 };

struct person_row {
  int year = 0;
  std::int64_t unit = 0;  // global unit index
  std::uint8_t rating = HTT, discipline = 0, leave = no_leave, initiatives = 0, scope = 0;
  std::uint8_t months = 12, registered = 0;
  int score = 8000;  // hundredths
};

struct unit_row {
  int year = 0;
  std::uint8_t rating = HTT, registered = 0;
  int score = 8000;
};

// ---- output ------------------------------------------------------------------------------------

class text {
 public:
  text& operator<<(const char* s) {
    s_ += s;
    return *this;
  }
  text& operator<<(const std::string& s) {
    s_ += s;
    return *this;
  }
  text& operator<<(char c) {
    s_ += c;
    return *this;
  }
  text& operator<<(std::int64_t v) {
    char buf[24];
    const auto r = std::to_chars(buf, buf + sizeof buf, v);
    s_.append(buf, r.ptr);
    return *this;
  }
  text& operator<<(int v) { return *this << static_cast<std::int64_t>(v); }
  // An id: prefix and zero-padded number, so byte order is numeric order.
  text& id(char prefix, std::int64_t n, int width) {
    char buf[24];
    const auto r = std::to_chars(buf, buf + sizeof buf, n);
    const auto len = static_cast<int>(r.ptr - buf);
    s_ += prefix;
    s_.append(static_cast<std::size_t>(width > len ? width - len : 0), '0');
    s_.append(buf, r.ptr);
    return *this;
  }
  text& score(int hundredths) {
    *this << hundredths / 100 << '.';
    s_ += static_cast<char>('0' + (hundredths / 10) % 10);
    s_ += static_cast<char>('0' + hundredths % 10);
    return *this;
  }
  text& registered(std::uint8_t bits, bool unit) {
    bool first = true;
    auto put = [&](const char* code) {
      if (!first) s_ += ';';
      s_ += code;
      first = false;
    };
    if (!unit) {
      if ((bits & reg_ldtt) != 0) put("LDTT");
      if ((bits & reg_cstdcs) != 0) put("CSTDCS");
    } else {
      if ((bits & reg_ttldtt) != 0) put("TTLDTT");
      if ((bits & reg_ttldxs) != 0) put("TTLDXS");
    }
    return *this;
  }
  std::string& str() { return s_; }

 private:
  std::string s_;
};

struct chunk {
  text units, people, person_years, unit_years, awards, initiatives, households, household_years;
  w1_stats stats;
};

struct layout {
  w1_options o;
  int person_width = 8;
  int unit_width = 6;
  bool national = false;
  std::int64_t mid_units = 0;  // communes and agencies per district (children of the root)
};

int digits(std::int64_t n) {
  int d = 1;
  while (n >= 10) {
    n /= 10;
    ++d;
  }
  return d;
}

// Planted edge cases: designs for the last units and persons of every district (see the file
// comment). Each design is a unit with a fixed list of members and their rows in year Y.
struct planted_member {
  std::uint8_t rating;
  std::uint8_t registered;
  std::uint8_t initiatives;
  std::uint8_t leave;
  std::uint8_t months;
  std::uint8_t discipline;
  int score;
};
struct planted_unit {
  const char* what;
  std::uint8_t unit_rating;
  std::uint8_t unit_registered;
  bool ttldxs_last_year;
  std::vector<planted_member> members;
};

std::vector<planted_unit> planted_designs() {
  const planted_member ldtt{HTT, reg_ldtt, 0, no_leave, 12, 0, 8000};
  const planted_member ht{HT, reg_ldtt, 0, no_leave, 12, 0, 7000};
  const planted_member cstdcs{HTXS, reg_ldtt | reg_cstdcs, 1, no_leave, 12, 0, 9500};
  std::vector<planted_unit> d;
  auto members = [](std::initializer_list<std::pair<int, planted_member>> parts) {
    std::vector<planted_member> out;
    for (const auto& [n, m] : parts) out.insert(out.end(), static_cast<std::size_t>(n), m);
    return out;
  };
  const std::uint8_t both = reg_ttldtt | reg_ttldxs;
  d.push_back({"exactly 70% LDTT", HTXS, both, true, members({{1, cstdcs}, {6, ldtt}, {3, ht}})});
  d.push_back({"exactly 70% LDTT, same cluster and score as the one before", HTXS, both, true,
               members({{1, cstdcs}, {6, ldtt}, {3, ht}})});
  d.push_back({"60% LDTT", HTXS, both, false, members({{1, cstdcs}, {5, ldtt}, {4, ht}})});
  d.push_back({"exactly 50% LDTT", HTT, reg_ttldtt, false, members({{2, ldtt}, {2, ht}})});
  d.push_back({"60% LDTT of 5", HTT, reg_ttldtt, false, members({{3, ldtt}, {2, ht}})});
  d.push_back(
      {"quota 15% of 7 = 1, two tied", HTT, both, false, members({{2, cstdcs}, {5, ldtt}})});
  d.push_back({"quota 15% of 6 = 0", HTT, both, false, members({{1, cstdcs}, {5, ldtt}})});
  planted_member maternity{HTT, reg_ldtt, 0, thai_san, 5, 0, 8100};
  planted_member sick{HTT, reg_ldtt, 0, om_dai_ngay, 5, 0, 8200};
  planted_member nine{HTT, reg_ldtt, 0, no_leave, 9, 0, 8300};
  d.push_back({"leave exceptions", HTT, reg_ttldtt, false,
               members({{2, maternity}, {1, sick}, {1, nine}})});
  planted_member warned{HTT, reg_ldtt, 0, no_leave, 12, 2, 8400};
  d.push_back({"one member disciplined", HTXS, both, false,
               members({{1, cstdcs}, {4, ldtt}, {1, warned}})});
  return d;
}

void generate_district(const layout& L, std::int64_t d, chunk& out) {
  const auto& o = L.o;
  const auto& s = o.size;
  const int Y = o.year;
  const std::int64_t U = s.units_per_district;
  const std::int64_t P = s.persons_per_district;
  const std::int64_t base_u = d * U;
  const std::int64_t base_p = d * P;
  rng r(mix(o.seed ^ mix(static_cast<std::uint64_t>(d) + 1)));
  // The national layout's extra values come from their own stream, so the W1 columns are the
  // same whichever layout is written.
  rng rn(mix(o.seed ^ 0x6E6174696F6E616CULL ^ mix(static_cast<std::uint64_t>(d) + 7)));
  const bool nat = L.national;
  // One line of the registry: W1's three columns, then the national ones.
  auto award_line = [&](char prefix, std::int64_t id, int width, int year, const char* code,
                        std::uint8_t kind) {
    out.awards.id(prefix, id, width) << ',' << year << ',' << code;
    if (nat) {
      const std::string c = code;
      const bool sudden =
          (c == "BK_TINH" && rn.chance(0.1)) || (c.rfind("GK_", 0) == 0 && rn.chance(0.1));
      out.awards << ',' << (sudden ? (c == "BK_TINH" ? "dot_xuat" : "chuyen_de") : "cong_trang")
                 << ','
                 << date_text(year + 1, 1 + static_cast<int>(rn.below(3)),
                              1 + static_cast<int>(rn.below(28)))
                 << ',' << issuer_of(c, kind);
    }
    out.awards << '\n';
    ++out.stats.awards;
  };
  const auto designs = planted_designs();
  std::int64_t planted_persons = 0;
  for (const auto& p : designs) planted_persons += static_cast<std::int64_t>(p.members.size());
  const bool plant =
      U >= static_cast<std::int64_t>(designs.size()) + L.mid_units + 10 && P >= planted_persons * 4;
  const std::int64_t first_planted_unit = plant ? U - static_cast<std::int64_t>(designs.size()) : U;
  const std::int64_t first_planted_person = plant ? P - planted_persons : P;

  // Units: the district, its communes and agencies, then schools, villages and enterprises.
  std::vector<std::uint8_t> kind(static_cast<std::size_t>(U));
  std::vector<std::int64_t> parent(static_cast<std::size_t>(U), -1);
  std::vector<int> cluster(static_cast<std::size_t>(U));
  std::vector<std::uint64_t> cumulative(static_cast<std::size_t>(U));
  std::uint64_t total_weight = 0;
  for (std::int64_t i = 0; i < U; ++i) {
    const auto k = static_cast<std::size_t>(i);
    if (i == 0) {
      kind[k] = district;
    } else if (i <= L.mid_units) {
      kind[k] = r.chance(0.75) ? commune : agency;
      parent[k] = 0;
    } else {
      parent[k] = 1 + static_cast<std::int64_t>(r.below(static_cast<std::uint64_t>(L.mid_units)));
      const double x = r.uniform();
      kind[k] = kind[static_cast<std::size_t>(parent[k])] == commune
                    ? (x < 0.3   ? school
                       : x < 0.9 ? village
                                 : enterprise)
                    : (x < 0.2 ? school : enterprise);
    }
    cluster[k] = static_cast<int>(r.below(static_cast<std::uint64_t>(s.clusters_per_district)));
    // Skewed sizes: most units small, a few large; about 1% empty; planted units filled below.
    std::uint64_t w = 0;
    if (i == 0) {
      w = 5;
    } else if (i >= first_planted_unit || r.chance(0.01)) {
      w = 0;
    } else {
      const double x = r.uniform();
      w = 1 + static_cast<std::uint64_t>(200.0 * x * x * x);
    }
    total_weight += w;
    cumulative[k] = total_weight;
  }
  // The two 70% units compete for the same cluster's flag with the same score.
  if (plant)
    cluster[static_cast<std::size_t>(first_planted_unit + 1)] =
        cluster[static_cast<std::size_t>(first_planted_unit)];
  auto sample_unit = [&]() -> std::int64_t {
    const std::uint64_t x = r.below(total_weight);
    const auto it = std::upper_bound(cumulative.begin(), cumulative.end(), x);
    return static_cast<std::int64_t>(it - cumulative.begin());
  };

  for (std::int64_t i = 0; i < U; ++i) {
    const auto k = static_cast<std::size_t>(i);
    out.units.id('U', base_u + i, L.unit_width) << ',';
    if (parent[k] >= 0) out.units.id('U', base_u + parent[k], L.unit_width);
    out.units << ',';
    // A few enterprise names need RFC 4180 quoting (a comma and quotes).
    if (kind[k] == enterprise && r.chance(0.02)) {
      out.units << "\"Công ty TNHH \"\"Hải Anh\"\", chi nhánh " << i << "\"";
    } else {
      out.units << kind_name[kind[k]] << ' ' << (kind[k] == district ? d + 1 : i);
    }
    out.units << ',' << kind_code[kind[k]] << ",K" << (d + 1) << '-' << cluster[k];
    if (nat) {
      // Agencies of a ministry (and what hangs under them) are bo_nganh; a few units set their
      // own minimum months or CSTĐCS quota (docs/data-layout.md).
      const std::int64_t top = parent[k] <= 0 ? i : parent[k];
      const bool ministry = kind[static_cast<std::size_t>(top)] == agency &&
                            mix(o.seed ^ static_cast<std::uint64_t>(base_u + top)) % 10 < 3;
      out.units << ',' << (ministry ? "bo_nganh" : "dia_phuong") << ',';
      if (rn.chance(0.03)) out.units << 10;
      out.units << ',';
      if (rn.chance(0.03)) {
        out.units << "15%," << (rn.chance(0.5) ? "len" : "xuong");
      } else {
        out.units << ',';
      }
    }
    out.units << '\n';
  }
  out.stats.units += U;

  // Unit years, and the units' earlier awards.
  for (std::int64_t i = 0; i < U; ++i) {
    const bool planted = i >= first_planted_unit;
    const planted_unit* design =
        planted ? &designs[static_cast<std::size_t>(i - first_planted_unit)] : nullptr;
    for (int y = Y - 4; y <= Y; ++y) {
      // About 1.5% of units have no row in the assessed year.
      if (!planted && r.chance(y == Y ? 0.015 : 0.01)) continue;
      unit_row u;
      u.year = y;
      const double x = r.uniform();
      u.rating = x < 0.25 ? HTXS : x < 0.85 ? HTT : x < 0.97 ? HT : KHT;
      u.score = 6000 + static_cast<int>(r.below(4000));  // 100.00 is left to planted units
      u.registered = static_cast<std::uint8_t>((r.chance(0.85) ? reg_ttldtt : 0) |
                                               (r.chance(0.35) ? reg_ttldxs : 0));
      if (design != nullptr && y == Y) {
        u.rating = design->unit_rating;
        u.registered = design->unit_registered;
        u.score = 10000;
      }
      if (design != nullptr && y == Y - 1) {
        u.rating = HTXS;
        u.registered = reg_ttldtt | reg_ttldxs;
      }
      out.unit_years.id('U', base_u + i, L.unit_width)
          << ',' << y << ',' << rating_code[u.rating] << ',';
      out.unit_years.score(u.score) << ',';
      out.unit_years.registered(u.registered, true);
      if (nat) {
        const auto& ku = kind[static_cast<std::size_t>(i)];
        auto flag = [&](double p) { out.unit_years << ',' << (rn.chance(p) ? '1' : '0'); };
        out.unit_years << ',' << hold_code[rn.chance(0.005) ? 1 + rn.below(4) : 0];
        flag(u.rating >= HTT ? 0.95 : 0.4);   // movement
        flag(0.97);                           // solidarity
        flag(u.rating == HTXS ? 0.6 : 0.1);   // exceeded_targets
        flag(0.3);                            // new_models
        flag(u.rating == HTXS ? 0.08 : 0.0);  // cluster_leader
        flag(ku == village ? 0.85 : 0.0);     // culture_criteria
      }
      out.unit_years << '\n';
      ++out.stats.unit_years;
      if (y < Y) {
        const bool xs = design != nullptr && y == Y - 1
                            ? design->ttldxs_last_year
                            : u.rating == HTXS && (u.registered & reg_ttldxs) != 0 && r.chance(0.6);
        const bool tt = u.rating >= HTT && (u.registered & reg_ttldtt) != 0 && r.chance(0.7);
        auto award = [&](const char* code) {
          award_line('U', base_u + i, L.unit_width, y, code, kind[static_cast<std::size_t>(i)]);
        };
        if (tt) award("TTLDTT");
        if (xs) award("TTLDXS");
        if (xs && r.chance(0.05)) award("CO_TINH");
        if (nat && kind[static_cast<std::size_t>(i)] == village && rn.chance(0.8)) {
          award("THON_VANHOA");
        }
      }
    }
  }

  // Households of the villages (national layout).
  if (nat) {
    for (std::int64_t i = 0; i < U; ++i) {
      if (kind[static_cast<std::size_t>(i)] != village) continue;
      const auto n = 3 + static_cast<std::int64_t>(rn.below(8));
      for (std::int64_t h = 0; h < n; ++h) {
        const std::int64_t hid = (base_u + i) * 16 + h;
        out.households.id('H', hid, L.unit_width + 2) << ',';
        out.households.id('U', base_u + i, L.unit_width)
            << ',' << family_names[rn.below(family_names.size())] << ' '
            << middle_names[rn.below(middle_names.size())] << ' '
            << given_names[rn.below(given_names.size())] << '\n';
        ++out.stats.households;
        for (int y = Y - 4; y <= Y; ++y) {
          const bool ok = rn.chance(0.88);
          out.household_years.id('H', hid, L.unit_width + 2)
              << ',' << y << ',' << (ok ? '1' : '0') << ',' << hold_code[rn.chance(0.003) ? 3 : 0]
              << '\n';
          if (ok && y < Y && rn.chance(0.95)) {
            award_line('H', hid, L.unit_width + 2, y, "GD_VANHOA", village);
          }
        }
      }
    }
  }

  // Persons.
  std::vector<person_row> rows;
  std::size_t design_index = 0;
  std::size_t member_index = 0;
  for (std::int64_t k = 0; k < P; ++k) {
    const std::int64_t pid = base_p + k;
    out.people.id('P', pid, L.person_width)
        << ',' << family_names[r.below(family_names.size())] << ' ';
    const auto mi = r.below(middle_names.size());
    out.people << middle_names[mi] << ' ' << given_names[r.below(given_names.size())] << ','
               << (Y - 22 - static_cast<int>(r.below(38)));
    const bool planted = k >= first_planted_person;
    const planted_member* pm = nullptr;
    std::int64_t planted_unit_index = 0;
    if (planted) {
      while (member_index >= designs[design_index].members.size()) {
        ++design_index;
        member_index = 0;
      }
      pm = &designs[design_index].members[member_index++];
      planted_unit_index = first_planted_unit + static_cast<std::int64_t>(design_index);
    }
    const double ability = r.uniform();
    int first = r.chance(0.85) ? Y - 4 : Y - 3 + static_cast<int>(r.below(4));
    int last = r.chance(0.92)
                   ? Y
                   : first + static_cast<int>(r.below(static_cast<std::uint64_t>(Y - first + 1)));
    int gap = 0;  // a year without a row inside the person's span (W1: "gaps in history")
    if (last - first >= 2 && r.chance(0.015))
      gap = first + 1 + static_cast<int>(r.below(static_cast<std::uint64_t>(last - first - 1)));
    if (planted) {
      first = Y - 4;
      last = Y;
      gap = 0;
    }
    std::int64_t unit = planted ? planted_unit_index : sample_unit();
    rows.clear();
    for (int y = first; y <= last; ++y) {
      if (y == gap) continue;
      if (!planted && y > first && r.chance(0.04)) unit = sample_unit();  // moves
      person_row p;
      p.year = y;
      p.unit = unit;
      const double v = 0.6 * ability + 0.4 * r.uniform();
      p.rating = v > 0.80 ? HTXS : v > 0.22 ? HTT : v > 0.07 ? HT : KHT;
      if (r.chance(0.015)) {
        const double x = r.uniform();
        p.discipline = x < 0.5 ? 1 : x < 0.75 ? 2 : x < 0.87 ? 3 : x < 0.95 ? 4 : 5;
      }
      const double lx = r.uniform();
      p.leave = lx < 0.025   ? thai_san
                : lx < 0.029 ? tai_nan_lao_dong
                : lx < 0.033 ? benh_nghe_nghiep
                : lx < 0.040 ? om_dai_ngay
                             : no_leave;
      if (y == first && first > Y - 4) {
        p.months = static_cast<std::uint8_t>(1 + r.below(12));  // hired during the year
      } else if (p.leave != no_leave) {
        p.months = static_cast<std::uint8_t>(4 + r.below(6));
      } else {
        p.months = r.chance(0.93) ? 12 : static_cast<std::uint8_t>(6 + r.below(6));
      }
      if (p.rating == HTXS) {
        const double x = r.uniform();
        p.initiatives = x < 0.3 ? 0 : x < 0.8 ? 1 : 2;
      } else if (p.rating == HTT && r.chance(0.12)) {
        p.initiatives = 1;
      }
      if (p.initiatives > 0) {
        const double x = r.uniform();
        p.scope = x < 0.75 ? 1 : x < 0.95 ? 2 : 3;
      }
      p.score = 5000 + static_cast<int>(v * 5000.0);
      if (r.chance(0.03)) p.score = p.score / 100 * 100;  // whole scores: ties
      p.registered = static_cast<std::uint8_t>(
          (r.chance(0.92) ? reg_ldtt : 0) |
          ((p.rating == HTXS && r.chance(0.85)) || (p.rating == HTT && r.chance(0.08)) ? reg_cstdcs
                                                                                       : 0));
      if (pm != nullptr && y == Y) {
        p.rating = pm->rating;
        p.registered = pm->registered;
        p.initiatives = pm->initiatives;
        p.scope = pm->initiatives > 0 ? 2 : 0;
        p.leave = pm->leave;
        p.months = pm->months;
        p.discipline = pm->discipline;
        p.score = pm->score;
      }
      // Planted CSTDCS candidates were CSTDCS in the two years before (CSTD_TINH material) and
      // HTXS with an initiative last year (BK_TINH material); the others were HTT (GK_XA).
      if (pm != nullptr && y < Y && y >= Y - 2) {
        const bool candidate = pm->initiatives > 0;
        p.rating = candidate ? HTXS : HTT;
        p.initiatives = candidate ? 1 : 0;
        p.scope = candidate ? 2 : 0;
        p.registered = candidate ? reg_ldtt | reg_cstdcs : reg_ldtt;
        p.discipline = 0;
        p.leave = no_leave;
        p.months = 12;
      }
      rows.push_back(p);
    }
    // The rest of the people line: sex and recruitment date (national layout).
    if (nat) {
      const bool woman = std::string_view(middle_names[mi]) == "Thị" ||
                         (std::string_view(middle_names[mi]) != "Văn" && rn.chance(0.5));
      out.people << ',' << (woman ? "nu" : "nam") << ',';
      const auto& f0 = rows.front();
      if (f0.year > Y - 4 || (f0.year == Y - 4 && f0.months < 12 && f0.leave == no_leave)) {
        // Hired during the first year: the months worked that year end on 31 December.
        const int month = 12 - static_cast<int>(f0.months) + 1;
        out.people << date_text(f0.year, std::clamp(month, 1, 12),
                                1 + static_cast<int>(rn.below(28)));
      } else {
        out.people << date_text(f0.year - 1 - static_cast<int>(rn.below(25)),
                                1 + static_cast<int>(rn.below(12)),
                                1 + static_cast<int>(rn.below(28)));
      }
    }
    out.people << '\n';
    // Earlier years' official awards, consistent with the rows.
    std::vector<int> cstdcs_years;
    std::vector<int> bk_years, cstd_tinh_years;
    const std::uint8_t home_kind = kind[static_cast<std::size_t>(rows.front().unit)];
    for (const auto& p : rows) {
      if (p.year >= Y) continue;
      const std::uint8_t pk = kind[static_cast<std::size_t>(p.unit)];
      auto award = [&](const char* code) {
        award_line('P', pid, L.person_width, p.year, code, pk);
      };
      const bool worked = p.months >= 10 || p.leave == thai_san || p.leave == tai_nan_lao_dong ||
                          p.leave == benh_nghe_nghiep;
      const bool ldtt = (p.registered & reg_ldtt) != 0 && p.rating >= HTT && p.discipline == 0 &&
                        worked && (pm != nullptr || r.chance(0.95));
      if (ldtt) award("LDTT");
      const bool cstdcs = ldtt && (p.registered & reg_cstdcs) != 0 && p.rating == HTXS &&
                          p.initiatives >= 1 && (pm != nullptr ? p.year >= Y - 2 : r.chance(0.55));
      if (cstdcs) {
        award("CSTDCS");
        cstdcs_years.push_back(p.year);
        const auto n = cstdcs_years.size();
        if (n >= 3 && cstdcs_years[n - 2] == p.year - 1 && cstdcs_years[n - 3] == p.year - 2 &&
            p.scope >= 2 && r.chance(0.7)) {
          award("CSTD_TINH");
          cstd_tinh_years.push_back(p.year);
        }
      }
      if (p.rating == HTXS && p.discipline == 0 && r.chance(0.15)) {
        award("BK_TINH");
        bk_years.push_back(p.year);
      } else if (p.rating >= HTT && p.discipline == 0 && r.chance(0.2)) {
        // W1 has one Giấy khen; the national registry names the issuer's.
        award(!nat                           ? "GK_XA"
              : pk == district               ? (p.year < 2025 ? "GK_HUYEN" : "GK_XA")
              : pk == enterprise             ? "GK_DN"
              : pk == agency || pk == school ? "GK_DONVI"
                                             : "GK_XA");
      }
    }
    // Older decisions of long careers (national): Bằng khen and Bằng khen Thủ tướng five to ten
    // years back (material for BK_TTG and HCLD_3), and codes of other catalogues.
    if (nat && rows.front().year == Y - 4) {
      const int old = Y - 5 - static_cast<int>(rn.below(6));
      if (rn.chance(0.08)) award_line('P', pid, L.person_width, old, "BK_TINH", home_kind);
      if (rn.chance(0.015)) award_line('P', pid, L.person_width, old, "BK_TTG", home_kind);
      if (rn.chance(0.02)) award_line('P', pid, L.person_width, old, "KNC_BO", home_kind);
    }
    std::string until;  // a discipline period still running: shown on the next year's row too
    int until_year = 0;
    std::int64_t next_initiative = 0;
    for (const auto& p : rows) {
      auto& t = out.person_years;
      t.id('P', pid, L.person_width) << ',' << p.year << ',';
      t.id('U', base_u + p.unit, L.unit_width)
          << ',' << rating_code[p.rating] << ',' << discipline_code[p.discipline] << ','
          << static_cast<int>(p.months) << ',' << leave_code[p.leave] << ','
          << static_cast<int>(p.initiatives) << ',' << scope_code[p.scope] << ',';
      t.score(p.score) << ',';
      t.registered(p.registered, false);
      if (nat) {
        if (p.discipline > 0) {
          until_year = p.year + 1;
          until = date_text(until_year, 1 + static_cast<int>(rn.below(12)),
                            1 + static_cast<int>(rn.below(28)));
        }
        const bool running = !until.empty() && p.year <= until_year;
        const int leave_months =
            p.leave != no_leave ? std::max(0, 12 - static_cast<int>(p.months)) : 0;
        const int room = 12 - static_cast<int>(p.months) - leave_months;
        const int training = room > 0 && rn.chance(0.3)
                                 ? 1 + static_cast<int>(rn.below(static_cast<std::uint64_t>(room)))
                                 : 0;
        t << ',' << (running ? until : std::string()) << ','
          << hold_code[rn.chance(0.004) ? 1 + rn.below(4) : 0] << ','
          << (p.rating >= HT ? (rn.chance(0.98) ? '1' : '0') : (rn.chance(0.3) ? '1' : '0')) << ','
          << (p.rating == HTXS && rn.chance(0.05) ? '1' : '0') << ',' << leave_months << ','
          << training;
        // The initiatives behind the W1 counts: the first has the row's scope.
        for (int n = 0; n < p.initiatives; ++n) {
          auto& in = out.initiatives;
          in.id('I', pid * 16 + next_initiative++, L.person_width + 2) << ',';
          in.id('P', pid, L.person_width)
              << ',' << p.year << ',' << (rn.chance(0.15) ? "de_tai" : "sang_kien") << ','
              << scope_code[n == 0 ? p.scope : 1] << ',';
          const bool for_bk =
              p.year < Y && std::find(bk_years.begin(), bk_years.end(), p.year) != bk_years.end();
          const bool for_tinh = n == 0 && p.year < Y &&
                                std::find(cstd_tinh_years.begin(), cstd_tinh_years.end(), p.year) !=
                                    cstd_tinh_years.end();
          in << (for_tinh ? "CSTD_TINH" : for_bk ? "BK_TINH" : "") << '\n';
          ++out.stats.initiatives;
        }
      }
      t << '\n';
      ++out.stats.person_years;
    }
  }
  out.stats.persons += P;
}

}  // namespace

bool w1_size_named(const std::string& name, w1_size& out) {
  if (name == "district") {
    out = w1_size{1, 100'000, 2'000, 40};
  } else if (name == "province") {
    out = w1_size{10, 100'000, 2'000, 40};
  } else if (name == "nation") {
    out = w1_size{100, 100'000, 2'000, 40};
  } else if (name == "tiny") {
    out = w1_size{3, 1'000, 60, 4};
  } else {
    return false;
  }
  return true;
}

bool generate_w1(const w1_options& o, const std::filesystem::path& dir, w1_stats& stats,
                 std::string& error) {
  namespace fs = std::filesystem;
  std::error_code ec;
  fs::create_directories(dir, ec);
  if (ec) {
    error = dir.string() + ": " + ec.message();
    return false;
  }
  layout L;
  L.o = o;
  L.person_width = std::max(8, digits(o.size.districts * o.size.persons_per_district - 1));
  L.unit_width = std::max(6, digits(o.size.districts * o.size.units_per_district - 1));
  L.mid_units = std::max<std::int64_t>(1, o.size.units_per_district / 10);
  L.national = o.layout == data_layout::national;

  // The W1 files; the national layout adds columns at their ends, and three files.
  std::vector<std::pair<std::string, std::string>> files = {
      {"units.csv", "unit_id,parent_id,name,kind,cluster"},
      {"people.csv", "person_id,full_name,birth_year"},
      {"person_years.csv",
       "person_id,year,unit_id,rating,discipline,months_worked,leave,initiatives,"
       "initiative_scope,score,registered"},
      {"unit_years.csv", "unit_id,year,rating,score,registered"},
      {"awards.csv", "entity_id,year,award"},
  };
  if (L.national) {
    files[0].second += ",branch,min_months_worked,cstdcs_quota,quota_rounding";
    files[1].second += ",sex,recruited_on";
    files[2].second += ",discipline_until,hold,exemplary,notable,leave_months,training_months";
    files[3].second +=
        ",hold,movement,solidarity,exceeded_targets,new_models,cluster_leader,culture_criteria";
    files[4].second += ",kind,decision_date,issuer_level";
    files.emplace_back("initiatives.csv", "initiative_id,person_id,year,kind,scope,used_for");
    files.emplace_back("households.csv", "household_id,village_id,head_name");
    files.emplace_back("household_years.csv", "household_id,year,culture_criteria,hold");
  }
  for (auto& f : files) f.second += '\n';
  auto part = [](chunk& c, std::size_t i) -> std::string& {
    switch (i) {
      case 0:
        return c.units.str();
      case 1:
        return c.people.str();
      case 2:
        return c.person_years.str();
      case 3:
        return c.unit_years.str();
      case 4:
        return c.awards.str();
      case 5:
        return c.initiatives.str();
      case 6:
        return c.households.str();
      default:
        return c.household_years.str();
    }
  };
  struct closer {
    void operator()(std::FILE* f) const { std::fclose(f); }
  };
  std::vector<std::unique_ptr<std::FILE, closer>> out;
  std::vector<fs::path> tmp;
  auto fail = [&](const std::string& message) {
    error = message;
    out.clear();
    for (const auto& t : tmp) fs::remove(t, ec);
    return false;
  };
  for (const auto& [name, header] : files) {
    tmp.push_back(dir / (std::string(".") + name + ".tmp"));
    out.emplace_back(std::fopen(tmp.back().c_str(), "wb"));
    if (!out.back()) return fail(tmp.back().string() + ": cannot create");
    std::fputs(header.c_str(), out.back().get());
    stats.bytes += header.size();
  }

  // Districts in waves of `threads`, written in order: identical output for any thread count.
  const unsigned threads = std::max(1U, o.threads);
  for (std::int64_t d0 = 0; d0 < o.size.districts; d0 += threads) {
    const std::int64_t n = std::min<std::int64_t>(threads, o.size.districts - d0);
    std::vector<chunk> chunks(static_cast<std::size_t>(n));
    std::vector<std::thread> pool;
    for (std::int64_t t = 0; t < n; ++t) {
      pool.emplace_back(
          [&, t] { generate_district(L, d0 + t, chunks[static_cast<std::size_t>(t)]); });
    }
    for (auto& th : pool) th.join();
    for (auto& c : chunks) {
      for (std::size_t i = 0; i < files.size(); ++i) {
        const std::string& s = part(c, i);
        if (std::fwrite(s.data(), 1, s.size(), out[i].get()) != s.size()) {
          return fail(tmp[i].string() + ": write error");
        }
        stats.bytes += s.size();
      }
      stats.persons += c.stats.persons;
      stats.units += c.stats.units;
      stats.person_years += c.stats.person_years;
      stats.unit_years += c.stats.unit_years;
      stats.awards += c.stats.awards;
      stats.initiatives += c.stats.initiatives;
      stats.households += c.stats.households;
    }
  }
  for (std::size_t i = 0; i < out.size(); ++i) {
    if (std::fflush(out[i].get()) != 0 || std::ferror(out[i].get()) != 0) {
      return fail(tmp[i].string() + ": write error");
    }
  }
  out.clear();
  for (std::size_t i = 0; i < files.size(); ++i) {
    fs::rename(tmp[i], dir / files[i].first, ec);
    if (ec) return fail((dir / files[i].first).string() + ": " + ec.message());
  }
  return true;
}

}  // namespace thidua::cli
