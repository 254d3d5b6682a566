// plan/fold.cpp — constant folding (see passes.hpp).
#include <limits>

#include "plan/passes.hpp"

namespace thidua::plan {

using check::expr;
using check::id;
using check::no_id;
using check::op;
using check::type_kind;

namespace {

bool numeric_literal(const expr& x) {
  return x.kind == op::lit_int || x.kind == op::lit_decimal || x.kind == op::lit_percent ||
         x.kind == op::lit_money;
}

op literal_kind(type_kind k) {
  switch (k) {
    case type_kind::boolean:
      return op::lit_bool;
    case type_kind::decimal:
      return op::lit_decimal;
    case type_kind::percent:
      return op::lit_percent;
    case type_kind::money:
      return op::lit_money;
    default:
      return op::lit_int;
  }
}

bool scale_up(std::int64_t& v, int by) {
  for (int i = 0; i < by; ++i) {
    if (__builtin_mul_overflow(v, std::int64_t{10}, &v)) return false;
  }
  return true;
}

// Makes node `at` a literal of its own type with `value` (at the type's places).
void become_literal(expr& x, std::int64_t value) {
  x.kind = literal_kind(x.t.kind);
  x.value = value;
  x.args.clear();
  x.ref = no_id;
  x.offset = 0;
}

}  // namespace

void fold_constants(check::program& p, pass_stats& stats) {
  auto& xs = p.exprs;
  // Children usually precede parents in the arena; iterate to a fixed point to be sure.
  for (bool changed = true; changed;) {
    changed = false;
    for (id i = 0; i < xs.size(); ++i) {
      expr& x = xs[i];
      switch (x.kind) {
        case op::param: {
          const auto& pr = p.params[x.ref];
          const bool constant = pr.values.size() == 1 &&
                                pr.values[0].from == std::numeric_limits<std::int32_t>::min() &&
                                !pr.until;
          const auto k = pr.t.kind;
          if (!constant || !(k == type_kind::integer || k == type_kind::decimal ||
                             k == type_kind::money || k == type_kind::boolean)) {
            break;
          }
          if (!(x.t == pr.t)) break;
          become_literal(x, pr.values[0].value);
          ++stats.folded;
          changed = true;
          break;
        }
        case op::not_: {
          const expr& a = xs[x.args[0]];
          if (a.kind != op::lit_bool) break;
          become_literal(x, a.value == 0 ? 1 : 0);
          ++stats.folded;
          changed = true;
          break;
        }
        case op::and_:
        case op::or_: {
          const bool is_and = x.kind == op::and_;
          for (int side = 0; side < 2; ++side) {
            const expr& a = xs[x.args[static_cast<std::size_t>(side)]];
            if (a.kind != op::lit_bool) continue;
            const bool decisive = (a.value != 0) != is_and;  // false for and, true for or
            if (decisive) {
              become_literal(x, is_and ? 0 : 1);
            } else {
              // The neutral side: the node is the other operand (copied in, id and span kept).
              const check::span where = x.where;
              x = xs[x.args[static_cast<std::size_t>(1 - side)]];
              x.where = where;
            }
            ++stats.folded;
            changed = true;
            break;
          }
          break;
        }
        case op::eq:
        case op::ne:
        case op::lt:
        case op::le:
        case op::gt:
        case op::ge: {
          const expr& a = xs[x.args[0]];
          const expr& b = xs[x.args[1]];
          const bool ints = (a.kind == op::lit_int || a.kind == op::lit_code ||
                             a.kind == op::lit_bool || a.kind == op::lit_date) &&
                            a.kind == b.kind;
          if (!ints) break;
          const int c = a.value < b.value ? -1 : a.value > b.value ? 1 : 0;
          const bool r = x.kind == op::eq   ? c == 0
                         : x.kind == op::ne ? c != 0
                         : x.kind == op::lt ? c < 0
                         : x.kind == op::le ? c <= 0
                         : x.kind == op::gt ? c > 0
                                            : c >= 0;
          become_literal(x, r ? 1 : 0);
          ++stats.folded;
          changed = true;
          break;
        }
        case op::add:
        case op::sub:
        case op::mul: {
          const expr& a = xs[x.args[0]];
          const expr& b = xs[x.args[1]];
          if (!numeric_literal(a) || !numeric_literal(b)) break;
          const int pa = check::fraction_scale(a.t);
          const int pb = check::fraction_scale(b.t);
          const int pr = check::fraction_scale(x.t);
          std::int64_t va = a.value;
          std::int64_t vb = b.value;
          std::int64_t r = 0;
          bool ok = true;
          if (x.kind == op::mul) {
            ok = !__builtin_mul_overflow(va, vb, &r) && pr >= pa + pb && scale_up(r, pr - pa - pb);
          } else {
            ok = pr >= pa && pr >= pb && scale_up(va, pr - pa) && scale_up(vb, pr - pb) &&
                 !(x.kind == op::add ? __builtin_add_overflow(va, vb, &r)
                                     : __builtin_sub_overflow(va, vb, &r));
          }
          if (!ok) break;  // left for the engine, which reports the overflow where it happens
          become_literal(x, r);
          ++stats.folded;
          changed = true;
          break;
        }
        default:
          break;
      }
    }
  }
}

}  // namespace thidua::plan
