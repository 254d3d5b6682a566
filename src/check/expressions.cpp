// Typing expressions: precedence, name resolution in an entity's scope, and the type rules.
//
// The grammar leaves expressions flat (operands and binary operators); here they are first
// arranged by precedence (a small Pratt parser over the flat list), then typed bottom-up.
// Every error is reported at the span of the offending operand or operator and its result is
// typed `error`, which is never reported again, so one mistake gives one message.
#include <array>
#include <boost/variant/apply_visitor.hpp>
#include <boost/variant/get.hpp>
#include <limits>

#include "check/checker.hpp"

namespace thidua::check {

namespace ast = syntax::ast;

namespace {

// ---- precedence --------------------------------------------------------------------------------

int precedence(const std::string& op) {
  if (op == "or") return 1;
  if (op == "and") return 2;
  if (op == "==" || op == "!=" || op == "<" || op == "<=" || op == ">" || op == ">=" ||
      op == "in" || op == "not in") {
    return 4;
  }
  if (op == "+" || op == "-") return 5;
  return 6;  // * /
}
constexpr int not_precedence = 3;
constexpr int negate_precedence = 7;

bool is_comparison(const std::string& op) { return precedence(op) == 4; }

struct tree_node {
  enum class kind : std::uint8_t { leaf, prefix, binary } k = kind::leaf;
  const ast::operand* leaf = nullptr;
  std::string op;
  int lhs = -1;
  int rhs = -1;
  std::uint32_t begin = 0;
  std::uint32_t end = 0;
  std::uint32_t op_begin = 0;
  std::uint32_t op_end = 0;
};

// One token of the flat expression: a prefix operator, an operand value, or a binary operator.
struct token {
  enum class kind : std::uint8_t { prefix, value, binary } k;
  const ast::operand* operand = nullptr;
  const ast::binary_op* binary = nullptr;
  std::string op;
};

class pratt {
 public:
  pratt(const ast::expr& e, std::vector<tree_node>& nodes) : nodes_(nodes) {
    add_operand(e.first);
    for (const auto& b : e.rest) {
      tokens_.push_back({token::kind::binary, nullptr, &b, b.op});
      add_operand(b.rhs);
    }
  }
  int parse(int min_prec) {
    int lhs = nud();
    while (pos_ < tokens_.size() && tokens_[pos_].k == token::kind::binary &&
           precedence(tokens_[pos_].op) >= min_prec) {
      const auto& t = tokens_[pos_++];
      const int p = precedence(t.op);
      const int rhs = parse(p + 1);
      tree_node n;
      n.k = tree_node::kind::binary;
      n.op = t.op;
      n.lhs = lhs;
      n.rhs = rhs;
      n.begin = nodes_[static_cast<std::size_t>(lhs)].begin;
      n.end = nodes_[static_cast<std::size_t>(rhs)].end;
      n.op_begin = t.binary->begin;
      n.op_end = t.binary->begin + static_cast<std::uint32_t>(t.op == "not in" ? 6 : t.op.size());
      nodes_.push_back(n);
      lhs = static_cast<int>(nodes_.size()) - 1;
    }
    return lhs;
  }

 private:
  void add_operand(const ast::operand& o) {
    for (const auto& p : o.prefix) tokens_.push_back({token::kind::prefix, &o, nullptr, p});
    tokens_.push_back({token::kind::value, &o, nullptr, {}});
  }
  int nud() {
    const auto& t = tokens_[pos_++];
    if (t.k == token::kind::prefix) {
      const int inner = parse(t.op == "not" ? not_precedence : negate_precedence);
      tree_node n;
      n.k = tree_node::kind::prefix;
      n.op = t.op;
      n.lhs = inner;
      n.begin = t.operand->begin;
      n.end = nodes_[static_cast<std::size_t>(inner)].end;
      n.op_begin = n.begin;
      n.op_end = n.begin + static_cast<std::uint32_t>(t.op.size());
      nodes_.push_back(n);
      return static_cast<int>(nodes_.size()) - 1;
    }
    tree_node n;
    n.leaf = t.operand;
    n.end = t.operand->end;
    // The operand's span without its prefix operators.
    n.begin = boost::apply_visitor(
        [](const auto& v) -> std::uint32_t {
          if constexpr (std::is_base_of_v<ast::node, std::decay_t<decltype(v)>>) {
            return v.begin;
          } else {
            return v.get().begin;
          }
        },
        t.operand->value);
    nodes_.push_back(n);
    return static_cast<int>(nodes_.size()) - 1;
  }

  std::vector<tree_node>& nodes_;
  std::vector<token> tokens_;
  std::size_t pos_ = 0;
};

bool numeric(type_kind k) { return k == type_kind::integer || k == type_kind::decimal; }

constexpr std::array<std::string_view, 23> function_names = {
    "all",  "any",   "none",   "count",       "share",       "sum",           "avg",        "min",
    "max",  "at",    "streak", "count_years", "years_since", "held",          "has_record", "floor",
    "ceil", "round", "known",  "band",        "if",          "months_served", "times_held"};

}  // namespace

// ---- the typer ---------------------------------------------------------------------------------

class typer {
 public:
  typer(checker& c, const scope& s) : c_(c), s_(s) {}

  id expr(const ast::expr& e, const type* expected, bool allow_group = false) {
    // Prefix chains (`not not not ...`) recurse in the precedence parser: bound them like
    // brackets. Long binary chains do not recurse (see typed()).
    std::size_t prefixes = e.first.prefix.size();
    for (const auto& b : e.rest) prefixes = std::max(prefixes, b.rhs.prefix.size());
    if (prefixes > c_.options_.max_nesting) {
      c_.error(
          where(e.begin, e.end), code::nesting_too_deep,
          "more than " + std::to_string(c_.options_.max_nesting) + " prefix operators in a row",
          "compile_options::max_nesting");
      return fail(where(e.begin, e.end));
    }
    std::vector<tree_node> nodes;
    pratt p(e, nodes);
    const int root = p.parse(1);
    nodes_ = &nodes;
    const id r = typed(root, expected, allow_group);
    return r;
  }

 private:
  checker& c_;
  const scope& s_;
  std::vector<tree_node>* nodes_ = nullptr;

  span where(std::uint32_t b, std::uint32_t e) const { return {s_.file, b, e}; }

  id make(op k, type t, span w, id ref = no_id, std::vector<id> args = {}) {
    struct expr x;
    x.kind = k;
    x.t = t;
    x.where = w;
    x.ref = ref;
    x.args = std::move(args);
    c_.prog_.exprs.push_back(std::move(x));
    return static_cast<id>(c_.prog_.exprs.size() - 1);
  }
  id fail(span w) { return make(op::lit_bool, type{type_kind::error}, w); }
  const struct expr& get(id i) const { return c_.prog_.exprs[i]; }
  std::string name(const type& t) const { return c_.type_name(t); }

  id typed(int n, const type* expected, bool allow_group) {
    const tree_node node = (*nodes_)[static_cast<std::size_t>(n)];
    switch (node.k) {
      case tree_node::kind::leaf: {
        const id r = leaf(*node.leaf, expected, allow_group, where(node.begin, node.end));
        if (!allow_group && get(r).t.kind == type_kind::group) {
          c_.error(get(r).where, code::group_as_value,
                   "'" + text_of(node) + "' is a group of " + c_.prog_.entities[get(r).t.ref].name +
                       "s, not a value",
                   "use it in an aggregate: count(...), all(..., cond), share(..., cond)");
          return fail(get(r).where);
        }
        return r;
      }
      case tree_node::kind::prefix:
        return prefix(node, expected);
      case tree_node::kind::binary: {
        // `a + b + c + ...` is a left-deep chain as long as the expression: walk its left
        // spine with a loop, so that stack use does not grow with the number of terms.
        std::vector<int> spine{n};
        while (true) {
          const auto& lhs = (*nodes_)[static_cast<std::size_t>(
              (*nodes_)[static_cast<std::size_t>(spine.back())].lhs)];
          if (lhs.k != tree_node::kind::binary) break;
          spine.push_back((*nodes_)[static_cast<std::size_t>(spine.back())].lhs);
        }
        id result = binary((*nodes_)[static_cast<std::size_t>(spine.back())], no_id);
        for (auto it = spine.rbegin() + 1; it != spine.rend(); ++it) {
          result = binary((*nodes_)[static_cast<std::size_t>(*it)], result);
        }
        (void)expected;
        return result;
      }
    }
    return fail(where(node.begin, node.end));
  }

  std::string text_of(const tree_node& n) const {
    const auto& text = c_.files_[s_.file].text;
    return text.substr(n.begin, n.end - n.begin);
  }

  // ---- operators ----

  id prefix(const tree_node& n, const type* expected) {
    const span w = where(n.begin, n.end);
    if (n.op == "not") {
      const id a = typed(n.lhs, nullptr, false);
      const auto k = get(a).t.kind;
      if (k == type_kind::error) return fail(w);
      if (k != type_kind::boolean) {
        c_.error(where(n.op_begin, n.op_end), code::type_mismatch,
                 "'not' needs a condition, but this is " + name(get(a).t));
        return fail(w);
      }
      return make(op::not_, type{type_kind::boolean}, w, no_id, {a});
    }
    const id a = typed(n.lhs, expected, false);
    const auto t = get(a).t;
    if (t.kind == type_kind::error) return fail(w);
    if (!numeric(t.kind) && t.kind != type_kind::money && t.kind != type_kind::percent) {
      c_.error(where(n.op_begin, n.op_end), code::type_mismatch, "cannot negate " + name(t));
      return fail(w);
    }
    return make(op::neg, t, w, no_id, {a});
  }

  bool is_plain_name(int n) const {
    const auto& node = (*nodes_)[static_cast<std::size_t>(n)];
    if (node.k != tree_node::kind::leaf || !node.leaf->prefix.empty()) return false;
    const auto* p = boost::get<ast::path>(&node.leaf->value);
    return p != nullptr && p->tail.empty();
  }
  bool is_set_literal(int n) const {
    const auto& node = (*nodes_)[static_cast<std::size_t>(n)];
    return node.k == tree_node::kind::leaf && node.leaf->prefix.empty() &&
           boost::get<ast::x3::forward_ast<ast::set_lit>>(&node.leaf->value) != nullptr;
  }

  // Types the two sides of a comparison so that an enum code on either side is read as a code
  // of the other side's enum: `rating >= HTT` and `HTT <= rating` both work.
  std::pair<id, id> sides(const tree_node& n, id lhs) {
    // After an error on the left, a bare code on the right has nothing to be a code of:
    // reporting it too would repeat the same mistake.
    auto right = [&](id l) -> id {
      const type lt = get(l).t;
      if (lt.kind == type_kind::error && is_plain_name(n.rhs)) return fail(where(n.begin, n.end));
      return typed(n.rhs, lt.kind == type_kind::error ? nullptr : &lt, false);
    };
    if (lhs != no_id) return {lhs, right(lhs)};
    if (is_plain_name(n.lhs)) {
      ++c_.quiet_;
      c_.quiet_failed_ = false;
      typed(n.lhs, nullptr, false);
      const bool lhs_fails = c_.quiet_failed_;
      --c_.quiet_;
      c_.quiet_failed_ = false;
      if (lhs_fails) {
        // Both sides unresolved (`ratin == HT`): the left one is the mistake to report.
        ++c_.quiet_;
        typed(n.rhs, nullptr, false);
        const bool rhs_fails = c_.quiet_failed_;
        --c_.quiet_;
        c_.quiet_failed_ = false;
        if (rhs_fails) {
          const id l = typed(n.lhs, nullptr, false);
          return {l, fail(where(n.begin, n.end))};
        }
        const id r = typed(n.rhs, nullptr, false);
        const type rt = get(r).t;
        const id l = typed(n.lhs, rt.kind == type_kind::error ? nullptr : &rt, false);
        return {l, r};
      }
    }
    const id l = typed(n.lhs, nullptr, false);
    return {l, right(l)};
  }

  // `lhs` is the already-typed left operand when the caller walked a chain, else no_id.
  id binary(const tree_node& n, id lhs) {
    const span w = where(n.begin, n.end);
    const span opw = where(n.op_begin, n.op_end);
    auto left = [&](const type* expected) {
      return lhs != no_id ? lhs : typed(n.lhs, expected, false);
    };
    if (n.op == "and" || n.op == "or") {
      const id a = left(nullptr);
      const id b = typed(n.rhs, nullptr, false);
      bool bad = false;
      for (const id x : {a, b}) {
        const auto k = get(x).t.kind;
        if (k == type_kind::error) {
          bad = true;
        } else if (k != type_kind::boolean) {
          c_.error(get(x).where, code::type_mismatch,
                   "'" + n.op + "' joins conditions, but this is " + name(get(x).t));
          bad = true;
        }
      }
      if (bad) return fail(w);
      return make(n.op == "and" ? op::and_ : op::or_, type{type_kind::boolean}, w, no_id, {a, b});
    }
    if (is_comparison(n.op)) {
      const auto& lnode = (*nodes_)[static_cast<std::size_t>(n.lhs)];
      if (lnode.k == tree_node::kind::binary && is_comparison(lnode.op)) {
        c_.error(opw, code::chained_comparison, "comparisons do not chain",
                 "write a < b and b < c, or put parentheses around the first comparison");
        return fail(w);
      }
    }
    if (n.op == "in" || n.op == "not in") return membership(n, lhs, w, opw);
    if (is_comparison(n.op)) return comparison(n, lhs, w, opw);
    return arithmetic(n, left(nullptr), w, opw);
  }

  id membership(const tree_node& n, id lhs, span w, span opw) {
    id set_id = no_id;
    id elem = no_id;
    if (is_set_literal(n.rhs)) {
      elem = lhs != no_id ? lhs : typed(n.lhs, nullptr, false);
      const type et = get(elem).t;
      if (et.kind == type_kind::error) return fail(w);
      if (et.kind != type_kind::enumeration) {
        c_.error(get(elem).where, code::type_mismatch,
                 "only enum values can be tested against a set of codes; this is " + name(et));
        return fail(w);
      }
      set_id = typed(n.rhs, &et, false);
    } else {
      set_id = typed(n.rhs, nullptr, false);
      const type st = get(set_id).t;
      if (st.kind == type_kind::error) return fail(w);
      if (st.kind != type_kind::set) {
        c_.error(get(set_id).where, code::type_mismatch,
                 "'" + n.op + "' needs a set on its right, but this is " + name(st),
                 "a set field (registered), a named set, or codes in braces { a, b }");
        return fail(w);
      }
      const type et{type_kind::enumeration, st.ref};
      elem = lhs != no_id ? lhs : typed(n.lhs, &et, false);
      if (get(elem).t.kind == type_kind::error) return fail(w);
      if (!(get(elem).t == et)) {
        c_.error(get(elem).where, code::type_mismatch,
                 "this is " + name(get(elem).t) + ", but the set holds codes of enum " +
                     c_.prog_.enums[st.ref].name);
        return fail(w);
      }
    }
    if (get(set_id).t.kind == type_kind::error) return fail(w);
    (void)opw;
    return make(n.op == "in" ? op::in : op::not_in, type{type_kind::boolean}, w, no_id,
                {elem, set_id});
  }

  id comparison(const tree_node& n, id lhs, span w, span opw) {
    const auto [a, b] = sides(n, lhs);
    const type at = get(a).t;
    const type bt = get(b).t;
    if (at.kind == type_kind::error || bt.kind == type_kind::error) return fail(w);
    const bool ordering = n.op != "==" && n.op != "!=";
    bool ok = false;
    std::string hint;
    if (numeric(at.kind) && numeric(bt.kind)) {
      ok = true;
    } else if (at.kind == bt.kind && at.kind != type_kind::enumeration &&
               at.kind != type_kind::entity && at.kind != type_kind::set &&
               at.kind != type_kind::form) {
      ok = !ordering || (at.kind != type_kind::boolean && at.kind != type_kind::text);
      if (!ok) hint = "only numbers, money, percents, dates and ordered enums have an order";
    } else if (at.kind == type_kind::enumeration && bt == at) {
      ok = !ordering || c_.prog_.enums[at.ref].ordered;
      if (!ok) {
        hint = "enum " + c_.prog_.enums[at.ref].name + " is not ordered: declare it 'enum " +
               c_.prog_.enums[at.ref].name +
               " ordered { ... }' with the lowest code first, or compare with == / in";
      }
    } else if ((at.kind == type_kind::entity || at.kind == type_kind::form) && bt == at) {
      ok = !ordering;
    }
    if (!ok) {
      if (hint.empty()) {
        if (at.kind == type_kind::money || bt.kind == type_kind::money) {
          hint = "money literals end in VND, e.g. 1_000_000 VND";
        } else if (at.kind == type_kind::percent || bt.kind == type_kind::percent) {
          hint = "percent literals end in %, e.g. 70%";
        } else if (at.kind == type_kind::enumeration || bt.kind == type_kind::enumeration) {
          const id e = at.kind == type_kind::enumeration ? at.ref : bt.ref;
          hint = "compare with a code of " + c_.prog_.enums[e].name + ", e.g. " +
                 (c_.prog_.enums[e].codes.empty() ? std::string("...")
                                                  : c_.prog_.enums[e].codes.back().code);
        }
      }
      c_.error(opw, code::type_mismatch, "cannot compare " + name(at) + " " + n.op + " " + name(bt),
               hint);
      return fail(w);
    }
    const op k = n.op == "=="   ? op::eq
                 : n.op == "!=" ? op::ne
                 : n.op == "<"  ? op::lt
                 : n.op == "<=" ? op::le
                 : n.op == ">"  ? op::gt
                                : op::ge;
    return make(k, type{type_kind::boolean}, w, no_id, {a, b});
  }

  id arithmetic(const tree_node& n, id a, span w, span opw) {
    const id b = typed(n.rhs, nullptr, false);
    const type at = get(a).t;
    const type bt = get(b).t;
    if (at.kind == type_kind::error || bt.kind == type_kind::error) return fail(w);
    std::optional<type> r;
    auto dec = [](int scale) {
      type t{type_kind::decimal};
      t.scale = static_cast<std::uint8_t>(std::min(scale, 255));
      return t;
    };
    auto scale_of = [](const type& t) -> int {
      return t.kind == type_kind::percent ? t.scale + 2 : t.scale;
    };
    const char o = n.op[0];
    if (o == '+' || o == '-') {
      if (at.kind == type_kind::integer && bt.kind == type_kind::integer) {
        r = at;
      } else if (numeric(at.kind) && numeric(bt.kind)) {
        r = dec(std::max(at.scale, bt.scale));
      } else if (at.kind == bt.kind &&
                 (at.kind == type_kind::money || at.kind == type_kind::percent)) {
        r = at;
        r->scale = std::max(at.scale, bt.scale);
      }
    } else if (o == '*') {
      if (at.kind == type_kind::integer && bt.kind == type_kind::integer) {
        r = at;
      } else if ((numeric(at.kind) || at.kind == type_kind::percent) &&
                 (numeric(bt.kind) || bt.kind == type_kind::percent) &&
                 !(at.kind == type_kind::percent && bt.kind == type_kind::percent)) {
        r = dec(scale_of(at) + scale_of(bt));
      } else if ((at.kind == type_kind::money) !=
                 (bt.kind == type_kind::money)) {  // exactly one side is money
        const type other = at.kind == type_kind::money ? bt : at;
        const type money = at.kind == type_kind::money ? at : bt;
        if (numeric(other.kind) || other.kind == type_kind::percent) {
          r = money;
          r->scale = static_cast<std::uint8_t>(money.scale + scale_of(other));
        }
      }
    } else {  // '/'
      if ((numeric(at.kind) && numeric(bt.kind)) ||
          (at.kind == type_kind::money && bt.kind == type_kind::money)) {
        r = dec(6);
      } else if (at.kind == type_kind::money && numeric(bt.kind)) {
        r = at;
        r->scale = 6;
      }
    }
    if (!r) {
      std::string hint;
      if (at.kind == type_kind::enumeration || bt.kind == type_kind::enumeration) {
        hint = "enum codes are not numbers";
      } else if ((at.kind == type_kind::money) != (bt.kind == type_kind::money) &&
                 (o == '+' || o == '-')) {
        hint = "money literals end in VND, e.g. 500_000 VND";
      }
      c_.error(opw, code::type_mismatch, "cannot compute " + name(at) + " " + n.op + " " + name(bt),
               hint);
      return fail(w);
    }
    if (r->scale > 18) {
      c_.error(opw, code::precision, "the result has more than 18 decimal places",
               "round an intermediate value with round(), floor() or ceil()");
      return fail(w);
    }
    const op k = o == '+' ? op::add : o == '-' ? op::sub : o == '*' ? op::mul : op::div;
    return make(k, *r, w, no_id, {a, b});
  }

  // ---- operands ----

  id leaf(const ast::operand& o, const type* expected, bool allow_group, span w) {
    return boost::apply_visitor(
        [&](const auto& v) -> id { return value(v, expected, allow_group, w); }, o.value);
  }

  id value(const ast::number_lit& n, const type* /*expected*/, bool, span w) {
    const std::string digits = n.digits + n.fraction;
    if (digits.size() > 18) {
      c_.error(w, code::number_too_large, "number has more than 18 digits");
      return fail(w);
    }
    const std::int64_t v = std::stoll(digits);
    type t;
    if (n.suffix == "%") {
      t = type{type_kind::percent};
    } else if (n.suffix == "VND") {
      if (!n.fraction.empty()) {
        c_.error(w, code::bad_money, "money is a whole number of VND");
        return fail(w);
      }
      t = type{type_kind::money};
    } else {
      t = type{n.fraction.empty() ? type_kind::integer : type_kind::decimal};
    }
    t.scale = static_cast<std::uint8_t>(n.fraction.size());
    const op k = t.kind == type_kind::percent   ? op::lit_percent
                 : t.kind == type_kind::money   ? op::lit_money
                 : t.kind == type_kind::integer ? op::lit_int
                                                : op::lit_decimal;
    const id r = make(k, t, w);
    c_.prog_.exprs[r].value = v;
    return r;
  }
  id value(const ast::date_lit& d, const type*, bool, span w) {
    const auto days = c_.date_of(d, s_.file);
    if (!days) return fail(w);
    const id r = make(op::lit_date, type{type_kind::date}, w);
    c_.prog_.exprs[r].value = *days;
    return r;
  }
  id value(const ast::string_lit& s, const type*, bool, span w) {
    const id r = make(op::lit_text, type{type_kind::text}, w);
    c_.prog_.exprs[r].text = s.value;
    return r;
  }
  id value(const ast::bool_lit& b, const type*, bool, span w) {
    const id r = make(op::lit_bool, type{type_kind::boolean}, w);
    c_.prog_.exprs[r].value = b.value ? 1 : 0;
    return r;
  }
  id value(const ast::x3::forward_ast<ast::set_lit>& fs, const type* expected, bool, span w) {
    const auto& s = fs.get();
    if (expected == nullptr ||
        (expected->kind != type_kind::enumeration && expected->kind != type_kind::set)) {
      c_.error(w, code::set_context, "a set of codes needs an enum to belong to",
               "use it on the right of 'in': leave in { thai_san, benh_nghe_nghiep }");
      return fail(w);
    }
    const id e = expected->ref;
    std::vector<id> codes;
    bool bad = false;
    for (const auto& item : s.items) {
      const id k = code(e, item, true);
      if (k == no_id) {
        bad = true;
      } else {
        const id lit =
            make(op::lit_code, type{type_kind::enumeration, e}, {s_.file, item.begin, item.end}, e);
        c_.prog_.exprs[lit].value = k;
        c_.prog_.exprs[lit].text = item.name;
        codes.push_back(lit);
      }
    }
    if (bad) return fail(w);
    return make(op::lit_set, type{type_kind::set, e}, w, e, std::move(codes));
  }
  id value(const ast::x3::forward_ast<ast::expr>& e, const type* expected, bool allow_group, span) {
    return c_.check_expr(e.get(), s_, expected, allow_group);
  }
  id value(const ast::x3::forward_ast<ast::call>& fc, const type* expected, bool allow_group,
           span w) {
    return call(fc.get(), expected, allow_group, w);
  }
  id value(const ast::path& p, const type* expected, bool allow_group, span w) {
    return path(p, expected, allow_group, w);
  }

  // The index of `item` among the codes of enum `e`, reporting an unknown code when `report`.
  id code(id e, const ast::ident& item, bool report) {
    const auto& en = c_.prog_.enums[e];
    for (id k = 0; k < en.codes.size(); ++k) {
      if (en.codes[k].code == item.name) return k;
    }
    if (report) {
      std::vector<std::string_view> names;
      std::string all;
      for (const auto& cd : en.codes) {
        names.push_back(cd.code);
        all += (all.empty() ? "" : ", ") + cd.code;
      }
      const auto guess = best_match(item.name, names);
      c_.error({s_.file, item.begin, item.end}, code::unknown_code,
               "unknown code '" + item.name + "' for enum " + en.name,
               guess.empty() ? "the codes of " + en.name + " are: " + all
                             : "did you mean " + guess + "?");
    }
    return no_id;
  }

  // ---- names ----

  // Resolves `name` as a member of `entity` (a field, the key, a title, let, score, form or
  // relation). Returns no_id, without reporting, when there is none.
  id member(id entity, const ast::ident& nm, id base, span w) {
    const auto& fields = c_.entity_fields_[entity];
    if (const auto it = fields.find(nm.name); it != fields.end()) {
      const auto& f = c_.prog_.fields[it->second];
      if (f.record && *f.record != period::year && base == no_id) {
        const bool ok = s_.rows == f.record || (s_.per == *f.record && s_.target == no_id);
        if (!ok) {
          const std::string src = *f.record == period::quarter ? "quarters"
                                  : *f.record == period::month ? "months"
                                                               : "half_years";
          c_.error(w, code::period_mismatch,
                   "'" + nm.name + "' is a " + to_string(*f.record) + "ly value, read here in a " +
                       to_string(s_.per) + "ly context",
                   "aggregate it over the year, e.g. all(" + src + ", " + nm.name + " ...)");
          return fail(w);
        }
      }
      std::vector<id> args;
      if (base != no_id) args.push_back(base);
      return make(op::field, f.t, w, it->second, std::move(args));
    }
    if (nm.name == c_.prog_.entities[entity].key) {
      std::vector<id> args;
      if (base != no_id) args.push_back(base);
      return make(op::key, type{type_kind::text}, w, entity, std::move(args));
    }
    const auto g = c_.globals_.find(nm.name);
    if (g == c_.globals_.end()) return no_id;
    const symbol& sym = g->second;
    std::vector<id> args;
    if (base != no_id) args.push_back(base);
    switch (sym.kind) {
      case symbol_kind::title: {
        const auto& t = c_.prog_.titles[sym.index];
        if (t.entity != entity) return no_id;
        if (static_cast<int>(t.per) > static_cast<int>(s_.per) && s_.rows == std::nullopt) {
          c_.error(w, code::period_mismatch,
                   t.code + " is decided per " + to_string(t.per) + ", read here per " +
                       to_string(s_.per),
                   "count the periods it was earned in over the year instead");
          return fail(w);
        }
        c_.depend(s_, symbol_kind::title, sym.index);
        return make(op::title, type{type_kind::boolean}, w, sym.index, std::move(args));
      }
      case symbol_kind::let: {
        if (c_.prog_.lets[sym.index].entity != entity && c_.prog_.lets[sym.index].entity != no_id) {
          return no_id;
        }
        c_.check_let(sym.index);
        c_.prog_.lets[sym.index].used = true;
        c_.depend(s_, symbol_kind::let, sym.index);
        const id v = c_.prog_.lets[sym.index].value;
        const type t = v == no_id ? type{} : get(v).t;
        if (c_.prog_.lets[sym.index].entity == no_id) return no_id;
        return make(op::let, t, w, sym.index, std::move(args));
      }
      case symbol_kind::score: {
        // Score tables are checked after titles; their entity comes from the AST.
        const auto& sa = c_.score_asts_[sym.index];
        const auto eit = c_.globals_.find(sa.second->entity.name);
        if (eit == c_.globals_.end() || eit->second.index != entity ||
            eit->second.kind != symbol_kind::entity) {
          return no_id;
        }
        c_.prog_.scores[sym.index].used = true;
        c_.depend(s_, symbol_kind::score, sym.index);
        type t{type_kind::decimal};
        t.scale = 2;
        return make(op::score, t, w, sym.index, std::move(args));
      }
      case symbol_kind::form: {
        const auto& fa = c_.form_asts_[sym.index];
        const auto eit = c_.globals_.find(fa.second->entity.name);
        if (eit == c_.globals_.end() || eit->second.index != entity ||
            eit->second.kind != symbol_kind::entity) {
          return no_id;
        }
        c_.prog_.forms[sym.index].used = true;
        c_.depend(s_, symbol_kind::form, sym.index);
        return make(op::form, type{type_kind::form, sym.index}, w, sym.index, std::move(args));
      }
      case symbol_kind::relation: {
        const auto& r = c_.prog_.relations[sym.index];
        if (r.owner != entity || r.member == no_id) return no_id;
        c_.prog_.relations[sym.index].used = true;
        return make(op::relation, type{type_kind::group, r.member}, w, sym.index, std::move(args));
      }
      default:
        return no_id;
    }
  }

  // A band (classification) of a score table: `pts.band`.
  id path(const ast::path& p, const type* expected, bool /*allow_group*/, span w) {
    const ast::ident& head = p.head;
    const span hw{s_.file, head.begin, head.end};
    id cur = no_id;
    if (expected != nullptr && p.tail.empty() &&
        (expected->kind == type_kind::enumeration || expected->kind == type_kind::set)) {
      const id k = code(expected->ref, head, false);
      if (k != no_id) {
        const id r =
            make(op::lit_code, type{type_kind::enumeration, expected->ref}, w, expected->ref);
        c_.prog_.exprs[r].value = k;
        c_.prog_.exprs[r].text = head.name;
        return r;
      }
    }
    if (head.name == "year") {
      cur = make(op::year, type{type_kind::integer}, hw);
    } else if (head.name == "reward_total" && s_.entity != no_id) {
      cur = make(op::reward_total, type{type_kind::money}, hw, s_.entity);
    } else if (head.name == "achieved" && s_.target != no_id && s_.rows) {
      cur = make(op::achieved, type{type_kind::boolean}, hw, s_.target);
    }
    if (cur == no_id && s_.target != no_id && s_.rows) {
      const auto& tf = c_.target_fields_[s_.target];
      if (const auto it = tf.find(head.name); it != tf.end()) {
        cur = make(op::field, c_.prog_.fields[it->second].t, hw, it->second);
      }
    }
    if (cur == no_id && s_.target != no_id && !s_.rows) {
      // Inside the target's own achievement check: its fields.
      const auto& tf = c_.target_fields_[s_.target];
      if (const auto it = tf.find(head.name); it != tf.end()) {
        cur = make(op::field, c_.prog_.fields[it->second].t, hw, it->second);
      }
    }
    if (cur == no_id && s_.entity != no_id) cur = member(s_.entity, head, no_id, hw);
    if (cur == no_id) {
      const auto g = c_.globals_.find(head.name);
      if (g != c_.globals_.end() && g->second.kind == symbol_kind::param) {
        auto& prm = c_.prog_.params[g->second.index];
        prm.used = true;
        cur = make(op::param, prm.t, hw, g->second.index);
      } else if (g != c_.globals_.end() && g->second.kind == symbol_kind::set) {
        auto& st = c_.prog_.sets[g->second.index];
        st.used = true;
        if (st.element == no_id) return fail(w);
        cur = make(op::named_set, type{type_kind::set, st.element}, hw, g->second.index);
      }
    }
    if (cur == no_id && expected != nullptr && p.tail.empty() &&
        (expected->kind == type_kind::enumeration || expected->kind == type_kind::set)) {
      code(expected->ref, head, true);  // "unknown code 'HTXX' for enum rating"
      return fail(w);
    }
    if (cur == no_id) return unknown(head, hw);
    if (get(cur).t.kind == type_kind::error) return cur;
    for (const auto& t : p.tail) {
      const type ct = get(cur).t;
      const span tw{s_.file, head.begin, t.end};
      if (ct.kind != type_kind::entity) {
        c_.error({s_.file, t.begin, t.end}, code::not_a_reference,
                 "cannot read '" + t.name + "' through a value of type " + name(ct),
                 "'.' follows a reference to another entity, e.g. unit.rating");
        return fail(tw);
      }
      const id next = member(ct.ref, t, cur, tw);
      if (next == no_id) {
        std::vector<std::string_view> names;
        for (const auto& [fname, fid] : c_.entity_fields_[ct.ref]) names.push_back(fname);
        const auto guess = best_match(t.name, names);
        c_.error({s_.file, t.begin, t.end}, code::unknown_field,
                 c_.prog_.entities[ct.ref].name + " has no field, title or value '" + t.name + "'",
                 guess.empty() ? "" : "did you mean " + guess + "?");
        return fail(tw);
      }
      if (get(next).t.kind == type_kind::error) return next;
      cur = next;
    }
    return cur;
  }

  // Reports an unknown name with the most useful explanation available.
  id unknown(const ast::ident& nm, span w) {
    // A field or title of another entity: "months_worked is a field of person, not of unit".
    if (s_.entity != no_id) {
      for (id e = 0; e < c_.prog_.entities.size(); ++e) {
        if (e == s_.entity) continue;
        const bool is_field = c_.entity_fields_[e].count(nm.name) != 0;
        const auto g = c_.globals_.find(nm.name);
        const bool is_title = g != c_.globals_.end() && g->second.kind == symbol_kind::title &&
                              c_.prog_.titles[g->second.index].entity == e;
        if (is_field || is_title) {
          std::string hint;
          for (const auto& r : c_.prog_.relations) {
            if (r.owner == s_.entity && r.member == e) {
              hint = "aggregate over " + r.name + ", e.g. all(" + r.name + ", " + nm.name +
                     (is_field ? " ...)" : ")");
              break;
            }
          }
          c_.error(w, code::wrong_entity,
                   "'" + nm.name + "' is a " + (is_field ? "field" : "title") + " of " +
                       c_.prog_.entities[e].name + ", not of " + c_.prog_.entities[s_.entity].name,
                   hint);
          return fail(w);
        }
      }
    }
    // A code of some enum used where nothing says which enum is meant.
    for (const auto& en : c_.prog_.enums) {
      for (const auto& cd : en.codes) {
        if (cd.code == nm.name) {
          c_.error(w, code::code_without_enum,
                   "'" + nm.name + "' is a code of enum " + en.name + ", but nothing here is a " +
                       en.name + " to compare it with",
                   "compare it with a " + en.name + " value, e.g. " + en.name + " == " + nm.name);
          return fail(w);
        }
      }
    }
    std::vector<std::string_view> names;
    std::vector<std::string> owned;
    if (s_.entity != no_id) {
      for (const auto& [fname, fid] : c_.entity_fields_[s_.entity]) names.push_back(fname);
      names.push_back(c_.prog_.entities[s_.entity].key);
      for (const auto& t : c_.prog_.titles) {
        if (t.entity == s_.entity) names.push_back(t.code);
      }
      for (const auto& l : c_.prog_.lets) names.push_back(l.name);
    }
    for (const auto& p : c_.prog_.params) names.push_back(p.name);
    for (const auto& st : c_.prog_.sets) names.push_back(st.name);
    names.emplace_back("year");
    const auto guess = best_match(nm.name, names);
    c_.error(w, code::unknown_name, "unknown name '" + nm.name + "'",
             guess.empty() ? "" : "did you mean " + guess + "?");
    return fail(w);
  }

  // ---- calls ----

  // `year - K` (K >= min_k): the offset K, or nullopt after reporting.
  std::optional<std::int32_t> year_offset(const ast::call_arg& a, std::int32_t min_k, span w) {
    const auto& e = a.value;
    const auto* head = boost::get<ast::path>(&e.first.value);
    bool ok = !a.last && !a.filter && e.first.prefix.empty() && head != nullptr &&
              head->head.name == "year" && head->tail.empty();
    std::int64_t k = 0;
    if (ok && e.rest.empty()) {
      k = 0;
    } else if (ok && e.rest.size() == 1 && e.rest[0].op == "-" && e.rest[0].rhs.prefix.empty()) {
      const auto* n = boost::get<ast::number_lit>(&e.rest[0].rhs.value);
      ok = n != nullptr && n->fraction.empty() && n->suffix.empty() && n->digits.size() <= 3;
      if (ok) k = std::stoll(n->digits);
    } else {
      ok = false;
    }
    if (!ok || k < min_k) {
      c_.error({s_.file, a.begin, a.end}, code::history_offset,
               min_k > 0 ? "expected an earlier year: year - 1, year - 2, ..."
                         : "expected a year: year, year - 1, year - 2, ...",
               "history reads only years before the one assessed (lesson: no same-year loops)");
      (void)w;
      return std::nullopt;
    }
    return static_cast<std::int32_t>(k);
  }

  // `last N`: N >= 1.
  std::optional<std::int32_t> last_n(const ast::call_arg& a) {
    const auto& e = a.value;
    const auto* n = boost::get<ast::number_lit>(&e.first.value);
    if (!a.last || !e.rest.empty() || !e.first.prefix.empty() || n == nullptr ||
        !n->fraction.empty() || !n->suffix.empty() || n->digits.size() > 3 ||
        std::stoll(n->digits) < 1) {
      c_.error({s_.file, a.begin, a.end}, code::history_window,
               "expected a window: last N (N >= 1)");
      return std::nullopt;
    }
    return static_cast<std::int32_t>(std::stoll(n->digits));
  }

  bool arity(const ast::call& c, std::size_t lo, std::size_t hi, span w, const char* usage) {
    if (c.args.size() < lo || c.args.size() > hi) {
      c_.error(
          w, code::wrong_arguments,
          c.function.name + " takes " +
              (lo == hi ? std::to_string(lo) : std::to_string(lo) + " to " + std::to_string(hi)) +
              " argument" + (hi == 1 ? "" : "s") + ", not " + std::to_string(c.args.size()),
          std::string("usage: ") + usage);
      return false;
    }
    return true;
  }

  bool plain(const ast::call_arg& a) {
    if (a.last || a.filter) {
      c_.error({s_.file, a.begin, a.end}, code::wrong_arguments,
               a.last ? "'last N' belongs only in count_years and held"
                      : "'where' filters only the group of an aggregate");
      return false;
    }
    return true;
  }

  id condition_in(const ast::expr& e, const scope& s, const char* what) {
    return c_.check_condition(e, s, what);
  }

  id call(const ast::call& c, const type* /*expected*/, bool allow_group, span w) {
    const std::string& f = c.function.name;
    // A relation applied to a reference: members(unit).
    if (const auto g = c_.globals_.find(f);
        g != c_.globals_.end() && g->second.kind == symbol_kind::relation) {
      auto& r = c_.prog_.relations[g->second.index];
      if (!arity(c, 1, 1, w, (f + "(ENTITY)").c_str()) || !plain(c.args[0])) return fail(w);
      const id owner = c_.check_expr(c.args[0].value, s_);
      const type ot = get(owner).t;
      if (ot.kind == type_kind::error || r.member == no_id) return fail(w);
      if (ot.kind != type_kind::entity || ot.ref != r.owner) {
        c_.error(get(owner).where, code::type_mismatch,
                 f + " needs a " + c_.prog_.entities[r.owner].name + ", but this is " + name(ot));
        return fail(w);
      }
      r.used = true;
      const id res =
          make(op::relation, type{type_kind::group, r.member}, w, g->second.index, {owner});
      if (!allow_group) {
        c_.error(w, code::group_as_value, f + "(...) is a group, not a value",
                 "use it in an aggregate: count(" + f + "(...)), all(" + f + "(...), cond)");
        return fail(w);
      }
      return res;
    }
    if (f == "all" || f == "any" || f == "none" || f == "count" || f == "share" || f == "sum" ||
        f == "avg" || ((f == "min" || f == "max") && !c.args.empty() && source_like(c.args[0]))) {
      return aggregate(c, w);
    }
    if (f == "min" || f == "max") {
      if (!arity(c, 2, 2, w, "min(a, b), or min(GROUP, value)")) return fail(w);
      if (!plain(c.args[0]) || !plain(c.args[1])) return fail(w);
      const id a = c_.check_expr(c.args[0].value, s_);
      const id b = c_.check_expr(c.args[1].value, s_);
      const type at = get(a).t;
      const type bt = get(b).t;
      if (at.kind == type_kind::error || bt.kind == type_kind::error) return fail(w);
      type r = at;
      if (numeric(at.kind) && numeric(bt.kind)) {
        if (at.kind != bt.kind || at.scale != bt.scale) {
          r = type{type_kind::decimal};
          r.scale = std::max(at.scale, bt.scale);
        }
      } else if (!(at.kind == bt.kind &&
                   (at.kind == type_kind::money || at.kind == type_kind::percent ||
                    at.kind == type_kind::date))) {
        c_.error(w, code::type_mismatch,
                 "cannot take " + f + " of " + name(at) + " and " + name(bt));
        return fail(w);
      } else {
        r.scale = std::max(at.scale, bt.scale);  // e.g. 12.5% and a percent field: exact
      }
      return make(f == "min" ? op::min2 : op::max2, r, w, no_id, {a, b});
    }
    if (f == "floor" || f == "ceil" || f == "round") {
      if (!arity(c, 1, 1, w, (f + "(x)").c_str()) || !plain(c.args[0])) return fail(w);
      const id a = c_.check_expr(c.args[0].value, s_);
      const type at = get(a).t;
      if (at.kind == type_kind::error) return fail(w);
      type r;
      if (numeric(at.kind)) {
        r = type{type_kind::integer};
      } else if (at.kind == type_kind::money) {
        r = type{type_kind::money};
      } else {
        c_.error(get(a).where, code::type_mismatch, f + " needs a number, but this is " + name(at));
        return fail(w);
      }
      return make(f == "floor" ? op::floor : f == "ceil" ? op::ceil : op::round, r, w, no_id, {a});
    }
    if (f == "band") {
      if (!arity(c, 1, 1, w, "band(SCORE_TABLE)") || !plain(c.args[0])) return fail(w);
      const auto* p = boost::get<ast::path>(&c.args[0].value.first.value);
      const auto g = p != nullptr && p->tail.empty() && c.args[0].value.rest.empty()
                         ? c_.globals_.find(p->head.name)
                         : c_.globals_.end();
      if (g == c_.globals_.end() || g->second.kind != symbol_kind::score) {
        c_.error({s_.file, c.args[0].begin, c.args[0].end}, code::not_a_score_table,
                 "band() takes the name of a score_table with bands");
        return fail(w);
      }
      const auto& sa = *c_.score_asts_[g->second.index].second;
      const auto eit = c_.globals_.find(sa.bands ? sa.bands->enum_name.name : std::string());
      if (!sa.bands || eit == c_.globals_.end() || eit->second.kind != symbol_kind::enumeration) {
        c_.error({s_.file, c.args[0].begin, c.args[0].end}, code::no_bands,
                 "score_table " + p->head.name + " has no classification bands");
        return fail(w);
      }
      const auto ent = c_.globals_.find(sa.entity.name);
      if (ent == c_.globals_.end() || ent->second.index != s_.entity) {
        c_.error({s_.file, c.args[0].begin, c.args[0].end}, code::wrong_entity,
                 "score_table " + p->head.name + " is for " + sa.entity.name);
        return fail(w);
      }
      c_.prog_.scores[g->second.index].used = true;
      c_.depend(s_, symbol_kind::score, g->second.index);
      return make(op::band, type{type_kind::enumeration, eit->second.index}, w, g->second.index);
    }
    if (f == "if") {
      if (!arity(c, 3, 3, w, "if(condition, value when true, value when false)")) return fail(w);
      if (!plain(c.args[0]) || !plain(c.args[1]) || !plain(c.args[2])) return fail(w);
      const id k = c_.check_expr(c.args[0].value, s_);
      const id a = c_.check_expr(c.args[1].value, s_);
      const id b = c_.check_expr(c.args[2].value, s_);
      const type kt = get(k).t;
      const type at = get(a).t;
      const type bt = get(b).t;
      if (kt.kind == type_kind::error || at.kind == type_kind::error ||
          bt.kind == type_kind::error) {
        return fail(w);
      }
      if (kt.kind != type_kind::boolean) {
        c_.error(get(k).where, code::type_mismatch,
                 "the condition of if(...) must be true or false, not " + name(kt));
        return fail(w);
      }
      type r = at;
      if (numeric(at.kind) && numeric(bt.kind)) {
        if (at.kind != bt.kind || at.scale != bt.scale) {
          r = type{type_kind::decimal};
          r.scale = std::max(at.scale, bt.scale);
        }
      } else if (at.kind == bt.kind && at.ref == bt.ref && at.kind != type_kind::set) {
        r.scale = std::max(at.scale, bt.scale);
      } else {
        c_.error(
            w, code::type_mismatch,
            "the two values of if(...) must have the same type: " + name(at) + " and " + name(bt),
            "both branches give the same kind of value, e.g. if(c, 10_000 VND, 1_000 VND)");
        return fail(w);
      }
      return make(op::choose, r, w, no_id, {k, a, b});
    }
    if (f == "months_served") {
      if (!arity(c, 1, 1, w, "months_served(date)") || !plain(c.args[0])) return fail(w);
      const id a = c_.check_expr(c.args[0].value, s_);
      const type at = get(a).t;
      if (at.kind == type_kind::error) return fail(w);
      if (at.kind != type_kind::date) {
        c_.error(get(a).where, code::type_mismatch,
                 "months_served counts from a date, not " + name(at),
                 "e.g. months_served(recruited_on) >= 6");
        return fail(w);
      }
      return make(op::months_served, type{type_kind::integer}, w, no_id, {a});
    }
    if (f == "known") {
      if (!arity(c, 1, 1, w, "known(value)") || !plain(c.args[0])) return fail(w);
      const id a = c_.check_expr(c.args[0].value, s_);
      if (get(a).t.kind == type_kind::error) return fail(w);
      return make(op::known, type{type_kind::boolean}, w, no_id, {a});
    }
    if (f == "at") {
      if (!arity(c, 2, 2, w, "at(year - 1, value)")) return fail(w);
      const auto k = year_offset(c.args[0], 1, w);
      if (!k || !plain(c.args[1])) return fail(w);
      scope hs = s_;
      hs.history = true;
      const id a = c_.check_expr(c.args[1].value, hs);
      if (get(a).t.kind == type_kind::error) return fail(w);
      const id r = make(op::at_year, get(a).t, w, no_id, {a});
      c_.prog_.exprs[r].offset = *k;
      return r;
    }
    if (f == "streak" || f == "years_since") {
      if (!arity(c, 1, 1, w, (f + "(condition)").c_str()) || !plain(c.args[0])) return fail(w);
      scope hs = s_;
      hs.history = f == "years_since";
      const id a = condition_in(c.args[0].value, hs, f == "streak" ? "streak()" : "years_since()");
      if (get(a).t.kind == type_kind::error) return fail(w);
      return make(f == "streak" ? op::streak : op::years_since, type{type_kind::integer}, w, no_id,
                  {a});
    }
    if (f == "count_years") {
      if (!arity(c, 2, 2, w, "count_years(condition, last N)") || !plain(c.args[0])) return fail(w);
      const auto n = last_n(c.args[1]);
      const id a = condition_in(c.args[0].value, s_, "count_years()");
      if (!n || get(a).t.kind == type_kind::error) return fail(w);
      const id r = make(op::count_years, type{type_kind::integer}, w, no_id, {a});
      c_.prog_.exprs[r].offset = *n;
      return r;
    }
    if (f == "has_record") {
      if (!arity(c, 1, 1, w, "has_record(year - 1)")) return fail(w);
      if (s_.entity == no_id) {
        c_.error(w, code::no_entity, "has_record needs an entity context");
        return fail(w);
      }
      const auto k = year_offset(c.args[0], 0, w);
      if (!k) return fail(w);
      const id r = make(op::has_record, type{type_kind::boolean}, w, s_.entity);
      c_.prog_.exprs[r].offset = *k;
      return r;
    }
    if (f == "held" || f == "times_held") {
      const bool times = f == "times_held";
      if (!arity(c, 2, 2, w,
                 times ? "times_held(TITLE, last 5)"
                       : "held(TITLE, year - 1) or held(TITLE, last 3)")) {
        return fail(w);
      }
      if (!c_.prog_.awards) {
        c_.error(w, code::no_prior_awards,
                 f + "() reads earlier decisions, but the pack declares none",
                 "declare where they are: prior_awards from \"awards.csv\"");
        return fail(w);
      }
      const auto* p = boost::get<ast::path>(&c.args[0].value.first.value);
      const auto g =
          p != nullptr && p->tail.empty() ? c_.globals_.find(p->head.name) : c_.globals_.end();
      if (g == c_.globals_.end() || g->second.kind != symbol_kind::title ||
          !c.args[0].value.rest.empty() || !plain(c.args[0])) {
        c_.error({s_.file, c.args[0].begin, c.args[0].end}, code::unknown_title,
                 f + "() takes the code of a title or award");
        return fail(w);
      }
      if (c_.prog_.titles[g->second.index].entity != s_.entity) {
        c_.error({s_.file, c.args[0].begin, c.args[0].end}, code::wrong_entity,
                 p->head.name + " is not a title of " +
                     (s_.entity == no_id ? std::string("this context")
                                         : c_.prog_.entities[s_.entity].name));
        return fail(w);
      }
      std::optional<std::int32_t> k;
      bool window = false;
      if (c.args[1].last) {
        k = last_n(c.args[1]);
        window = true;
      } else if (times) {
        c_.error({s_.file, c.args[1].begin, c.args[1].end}, code::history_offset,
                 "times_held counts over a window of years", "write times_held(TITLE, last 5)");
        return fail(w);
      } else {
        k = year_offset(c.args[1], 1, w);
      }
      if (!k) return fail(w);
      const id r = times ? make(op::times_held, type{type_kind::integer}, w, g->second.index)
                         : make(op::held, type{type_kind::boolean}, w, g->second.index);
      c_.prog_.exprs[r].offset = *k;
      c_.prog_.exprs[r].window = window;
      return r;
    }
    // Unknown: suggest a function or a relation.
    std::vector<std::string_view> names(function_names.begin(), function_names.end());
    for (const auto& r : c_.prog_.relations) names.push_back(r.name);
    const auto guess = best_match(f, names);
    c_.error({s_.file, c.function.begin, c.function.end}, code::unknown_function,
             "unknown function '" + f + "'", guess.empty() ? "" : "did you mean " + guess + "?");
    return fail(w);
  }

  // Whether an argument looks like the group of an aggregate (for min/max, which are also the
  // two-argument minimum and maximum).
  bool source_like(const ast::call_arg& a) const {
    if (a.filter) return true;
    const auto& e = a.value;
    if (!e.rest.empty() || !e.first.prefix.empty()) return false;
    std::string head;
    if (const auto* p = boost::get<ast::path>(&e.first.value); p != nullptr && p->tail.empty()) {
      head = p->head.name;
    } else if (const auto* fc = boost::get<ast::x3::forward_ast<ast::call>>(&e.first.value)) {
      head = fc->get().function.name;
    }
    if (head == "quarters" || head == "months" || head == "half_years") return true;
    const auto g = c_.globals_.find(head);
    return g != c_.globals_.end() &&
           (g->second.kind == symbol_kind::relation || g->second.kind == symbol_kind::target);
  }

  id aggregate(const ast::call& c, span w) {
    const std::string& f = c.function.name;
    const bool value_agg = f == "sum" || f == "avg" || f == "min" || f == "max";
    const std::size_t lo = f == "count" ? 1 : 2;
    if (!arity(c, lo, 2, w,
               (f + (f == "count" ? "(GROUP [where filter] [, condition])"
                     : value_agg  ? "(GROUP [where filter], value)"
                                  : "(GROUP [where filter], condition)"))
                   .c_str())) {
      return fail(w);
    }
    const auto& src = c.args[0];
    if (src.last) {
      c_.error({s_.file, src.begin, src.end}, code::wrong_arguments,
               "'last N' belongs only in count_years and held");
      return fail(w);
    }
    // The source: a relation, sub-year periods, or a target's rows.
    scope inner = s_;
    id source = no_id;
    const auto* p = boost::get<ast::path>(&src.value.first.value);
    const bool bare =
        p != nullptr && p->tail.empty() && src.value.rest.empty() && src.value.first.prefix.empty();
    if (s_.entity == no_id) {
      c_.error(w, code::no_entity, "an aggregate needs an entity whose relations it reads");
      return fail(w);
    }
    if (bare &&
        (p->head.name == "quarters" || p->head.name == "months" || p->head.name == "half_years")) {
      const period per = p->head.name == "quarters" ? period::quarter
                         : p->head.name == "months" ? period::month
                                                    : period::half_year;
      if (c_.prog_.entities[s_.entity].record_files[static_cast<std::size_t>(per)].empty()) {
        c_.error({s_.file, p->begin, p->end}, code::no_record,
                 c_.prog_.entities[s_.entity].name + " has no " + to_string(per) + "ly record",
                 "declare one: " +
                     std::string(per == period::quarter ? "quarterly"
                                 : per == period::month ? "monthly"
                                                        : "half_yearly") +
                     " " + c_.prog_.entities[s_.entity].name + " from \"file.csv\" { ... }");
        return fail(w);
      }
      inner.rows = per;
      source = make(op::periods, type{type_kind::group, s_.entity}, {s_.file, p->begin, p->end},
                    static_cast<id>(per));
    } else if (const auto g = bare ? c_.globals_.find(p->head.name) : c_.globals_.end();
               bare && g != c_.globals_.end() && g->second.kind == symbol_kind::target) {
      auto& tg = c_.prog_.targets[g->second.index];
      if (tg.entity != s_.entity) {
        c_.error({s_.file, p->begin, p->end}, code::wrong_entity,
                 "target " + tg.name + " is registered by " +
                     (tg.entity == no_id ? std::string("another entity")
                                         : c_.prog_.entities[tg.entity].name));
        return fail(w);
      }
      tg.used = true;
      inner.target = g->second.index;
      inner.rows = tg.per;
      source = make(op::target_rows, type{type_kind::group, s_.entity}, {s_.file, p->begin, p->end},
                    g->second.index);
    } else {
      source = c_.check_expr(src.value, s_, nullptr, true);
      const type st = get(source).t;
      if (st.kind == type_kind::error) return fail(w);
      if (st.kind != type_kind::group) {
        c_.error(get(source).where, code::not_a_group,
                 f +
                     " needs a group (a relation such as members, quarters, or a target), but "
                     "this is " +
                     name(st));
        return fail(w);
      }
      inner.entity = st.ref;
      inner.rows = std::nullopt;
      inner.target = no_id;
    }
    id filter = no_id;
    if (src.filter) {
      filter = condition_in(*src.filter, inner, "a 'where' filter");
      if (get(filter).t.kind == type_kind::error) return fail(w);
    }
    id value = no_id;
    type r{type_kind::boolean};
    if (c.args.size() == 2) {
      if (!plain(c.args[1])) return fail(w);
      if (value_agg) {
        value = c_.check_expr(c.args[1].value, inner);
        const type vt = get(value).t;
        if (vt.kind == type_kind::error) return fail(w);
        if (!numeric(vt.kind) && vt.kind != type_kind::money && vt.kind != type_kind::percent &&
            !((f == "min" || f == "max") && vt.kind == type_kind::date)) {
          c_.error(get(value).where, code::type_mismatch,
                   f + " needs numbers, but this is " + name(vt));
          return fail(w);
        }
        r = vt;
        if (f == "avg") {
          r = type{vt.kind == type_kind::money ? type_kind::money : type_kind::decimal};
          r.scale = 6;
        }
      } else {
        value = condition_in(c.args[1].value, inner, (f + "()").c_str());
        if (get(value).t.kind == type_kind::error) return fail(w);
      }
    }
    if (f == "count") r = type{type_kind::integer};
    if (f == "share") {
      r = type{type_kind::percent};
      r.scale = 6;
    }
    const op k = f == "all"     ? op::agg_all
                 : f == "any"   ? op::agg_any
                 : f == "none"  ? op::agg_none
                 : f == "count" ? op::agg_count
                 : f == "share" ? op::agg_share
                 : f == "sum"   ? op::agg_sum
                 : f == "avg"   ? op::agg_avg
                 : f == "min"   ? op::agg_min
                                : op::agg_max;
    return make(k, r, w, no_id, {source, filter, value});
  }
};

id checker::check_expr(const syntax::ast::expr& e, const scope& s, const type* expected,
                       bool allow_group) {
  typer t(*this, s);
  return t.expr(e, expected, allow_group);
}

id checker::check_condition(const syntax::ast::expr& e, const scope& s, const char* what) {
  const id r = check_expr(e, s);
  const auto& x = prog_.exprs[r];
  if (x.t.kind != type_kind::boolean && x.t.kind != type_kind::error) {
    error(x.where, code::not_a_condition,
          std::string(what) + " must be true or false, but this is " + type_name(x.t),
          x.t.kind == type_kind::enumeration
              ? "compare it: " +
                    std::string(
                        files_[s.file].text.substr(x.where.begin, x.where.end - x.where.begin)) +
                    " >= " +
                    (prog_.enums[x.t.ref].codes.empty() ? "..."
                                                        : prog_.enums[x.t.ref].codes.back().code)
              : std::string());
    prog_.exprs[r].t = type{type_kind::error};
  }
  return r;
}

}  // namespace thidua::check
