// "Did you mean ...?": the closest declared name to a misspelt one.
#include <algorithm>

#include "check/checker.hpp"

namespace thidua::check {

std::size_t edit_distance(std::string_view a, std::string_view b) {
  // Optimal string alignment (Levenshtein plus adjacent transpositions), case-insensitive on
  // ASCII so that "htxs" still finds "HTXS".
  auto lower = [](char c) { return c >= 'A' && c <= 'Z' ? static_cast<char>(c - 'A' + 'a') : c; };
  const std::size_t n = a.size();
  const std::size_t m = b.size();
  std::vector<std::size_t> prev2(m + 1), prev(m + 1), cur(m + 1);
  for (std::size_t j = 0; j <= m; ++j) prev[j] = j;
  for (std::size_t i = 1; i <= n; ++i) {
    cur[0] = i;
    for (std::size_t j = 1; j <= m; ++j) {
      const std::size_t cost = lower(a[i - 1]) == lower(b[j - 1]) ? 0 : 1;
      cur[j] = std::min({prev[j] + 1, cur[j - 1] + 1, prev[j - 1] + cost});
      if (i > 1 && j > 1 && lower(a[i - 1]) == lower(b[j - 2]) &&
          lower(a[i - 2]) == lower(b[j - 1])) {
        cur[j] = std::min(cur[j], prev2[j - 2] + 1);
      }
    }
    prev2 = prev;
    prev = cur;
  }
  return prev[m];
}

std::string best_match(std::string_view word, const std::vector<std::string_view>& candidates) {
  // A typo is at most a third of the word (at least one edit): "HTXX" -> "HTXS", not "KHT".
  const std::size_t limit = std::max<std::size_t>(1, word.size() / 3);
  std::string_view best;
  std::size_t best_d = limit + 1;
  for (const auto c : candidates) {
    if (c == word) continue;
    const std::size_t d = edit_distance(word, c);
    if (d < best_d || (d == best_d && !best.empty() && c < best)) {
      best = c;
      best_d = d;
    }
  }
  return best_d <= limit ? std::string(best) : std::string();
}

}  // namespace thidua::check
