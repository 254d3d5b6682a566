// exec/numeric.hpp — exact integer helpers shared by the engine's kernels.
#pragma once

#include <cstdint>

namespace thidua::exec {

__extension__ typedef __int128 i128;

inline constexpr std::int64_t pow10_table[19] = {1,
                                                 10,
                                                 100,
                                                 1000,
                                                 10000,
                                                 100000,
                                                 1000000,
                                                 10000000,
                                                 100000000,
                                                 1000000000,
                                                 10000000000,
                                                 100000000000,
                                                 1000000000000,
                                                 10000000000000,
                                                 100000000000000,
                                                 1000000000000000,
                                                 10000000000000000,
                                                 100000000000000000,
                                                 1000000000000000000};

[[nodiscard]] inline i128 pow10_wide(int k) noexcept {
  i128 p = 1;
  while (k-- > 0) p *= 10;
  return p;
}

// Floor of n / d for d > 0.
[[nodiscard]] inline i128 floor_div(i128 n, i128 d) noexcept {
  i128 q = n / d;
  if (n % d != 0 && n < 0) --q;
  return q;
}
[[nodiscard]] inline i128 ceil_div(i128 n, i128 d) noexcept { return -floor_div(-n, d); }
// n / d rounded half away from zero, d > 0.
[[nodiscard]] inline i128 round_div(i128 n, i128 d) noexcept {
  return n >= 0 ? (2 * n + d) / (2 * d) : -((2 * -n + d) / (2 * d));
}

[[nodiscard]] inline bool fits(i128 v) noexcept { return v >= INT64_MIN && v <= INT64_MAX; }

[[nodiscard]] inline i128 gcd_wide(i128 a, i128 b) noexcept {
  if (a < 0) a = -a;
  if (b < 0) b = -b;
  while (b != 0) {
    const i128 t = a % b;
    a = b;
    b = t;
  }
  return a;
}

}  // namespace thidua::exec
