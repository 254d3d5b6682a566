// The AST as an indented tree, for golden tests: one node per line, `kind@line:col fields`.
#include <boost/variant/apply_visitor.hpp>

#include "support/source_map.hpp"
#include "syntax/parser.hpp"

namespace thidua::syntax {

namespace {

class dumper {
 public:
  explicit dumper(const ast::file& f) : map_(f.path, f.text) {}

  std::string take() { return std::move(out_); }

  void file(const ast::file& f) {
    for (const auto& d : f.declarations) {
      boost::apply_visitor([&](const auto& n) { (*this)(n); }, d);
    }
  }

  // ---- leaves ----
  std::string at(const ast::node& n) const {
    const auto p = map_.position(n.begin);
    return "@" + std::to_string(p.line) + ":" + std::to_string(p.column);
  }
  static std::string text(const ast::ident& i) { return i.name; }
  static std::string text(const ast::string_lit& s) { return "\"" + s.value + "\""; }
  static std::string text(const ast::date_lit& d) {
    char buf[40];
    std::snprintf(buf, sizeof buf, "%04d-%02d-%02d", d.year % 10000, d.month % 100, d.day % 100);
    return buf;
  }
  static std::string text(const ast::number_lit& n) {
    return n.digits + (n.fraction.empty() ? "" : "." + n.fraction) +
           (n.suffix.empty() ? "" : (n.suffix == "%" ? "%" : " " + n.suffix));
  }
  template <class T>
  static std::string opt(const boost::optional<T>& o) {
    return o ? text(*o) : std::string("-");
  }

  void line(const std::string& s) { out_ += std::string(depth_ * 2, ' ') + s + '\n'; }

  struct indent {
    explicit indent(dumper& d) : d_(d) { ++d_.depth_; }
    ~indent() { --d_.depth_; }
    indent(const indent&) = delete;
    indent& operator=(const indent&) = delete;
    dumper& d_;
  };

  void cite(const boost::optional<ast::citation>& c) {
    if (c) line("cite" + at(*c) + " " + c->source.name + " " + opt(c->locator));
  }
  void range(const char* what, const boost::optional<ast::date_range>& r) {
    if (r) line(std::string(what) + at(*r) + " " + text(r->from) + " .. " + opt(r->to));
  }

  // ---- expressions ----
  void expr(const ast::expr& e) {
    line("expr" + at(e));
    indent in(*this);
    operand(e.first);
    for (const auto& b : e.rest) {
      line("op" + at(b) + " " + b.op);
      operand(b.rhs);
    }
  }
  void operand(const ast::operand& o) {
    std::string pre;
    for (const auto& p : o.prefix) pre += p + " ";
    boost::apply_visitor([&](const auto& v) { value(pre, v); }, o.value);
  }
  void value(const std::string& pre, const ast::number_lit& n) {
    line(pre + "number" + at(n) + " " + text(n));
  }
  void value(const std::string& pre, const ast::date_lit& n) {
    line(pre + "date" + at(n) + " " + text(n));
  }
  void value(const std::string& pre, const ast::string_lit& n) {
    line(pre + "string" + at(n) + " " + text(n));
  }
  void value(const std::string& pre, const ast::bool_lit& n) {
    line(pre + "bool" + at(n) + (n.value ? " true" : " false"));
  }
  void value(const std::string& pre, const ast::set_lit& n) {
    std::string items;
    for (const auto& i : n.items) items += " " + i.name;
    line(pre + "set" + at(n) + items);
  }
  void value(const std::string& pre, const ast::call& c) {
    line(pre + "call" + at(c) + " " + c.function.name);
    indent in(*this);
    for (const auto& a : c.args) {
      line(std::string(a.last ? "arg last" : "arg") + at(a));
      indent in2(*this);
      expr(a.value);
      if (a.filter) {
        line("where");
        expr(*a.filter);
      }
    }
  }
  void value(const std::string& pre, const ast::expr& e) {
    line(pre + "paren");
    indent in(*this);
    expr(e);
  }
  void value(const std::string& pre, const ast::path& p) {
    std::string s = p.head.name;
    for (const auto& t : p.tail) s += "." + t.name;
    line(pre + "name" + at(p) + " " + s);
  }
  template <class T>
  void value(const std::string& pre, const ast::x3::forward_ast<T>& f) {
    value(pre, f.get());
  }

  // ---- declarations ----
  void operator()(const ast::pack_decl& d) {
    std::string opts;
    for (const auto& o : d.options) opts += " " + o.name;
    line("pack" + at(d) + " " + text(d.name) + " version " + text(d.version) + " options" +
         (opts.empty() ? " -" : opts));
    indent in(*this);
    range("in_force", d.in_force);
  }
  void operator()(const ast::include_decl& d) { line("include" + at(d) + " " + text(d.path)); }
  void operator()(const ast::cite_decl& d) {
    line("cite_source" + at(d) + " " + d.id.name + " " + text(d.title));
  }
  void operator()(const ast::enum_decl& d) {
    line("enum" + at(d) + " " + d.name.name + (d.ordered ? " ordered" : ""));
    indent in(*this);
    for (const auto& i : d.items) line("code" + at(i) + " " + i.code.name + " " + opt(i.display));
  }
  void operator()(const ast::set_decl& d) {
    line("named_set" + at(d) + " " + d.name.name + " of " + d.element.name);
    indent in(*this);
    value("", d.items);
  }
  std::string type(const ast::type_ref& t) {
    std::string s = t.name.name;
    for (const auto& a : t.args) s += "(" + a + ")";
    return s + (t.optional ? "?" : "");
  }
  void fields(const std::vector<ast::field_decl>& fs) {
    for (const auto& f : fs)
      line("field" + at(f) + " " + f.name.name + ": " + type(f.type) + " column " + opt(f.column));
  }
  void operator()(const ast::entity_decl& d) {
    line("entity" + at(d) + " " + d.name.name + " from " + text(d.file) + " key " + d.key.name);
    indent in(*this);
    fields(d.fields);
  }
  void operator()(const ast::record_decl& d) {
    line("record" + at(d) + " " + d.period + " " + d.entity.name + " from " + text(d.file));
    indent in(*this);
    fields(d.fields);
  }
  void operator()(const ast::prior_awards_decl& d) {
    line("prior_awards" + at(d) + " from " + text(d.file) +
         (d.ignore_unknown ? " ignore_unknown" : ""));
    indent in(*this);
    fields(d.columns);
    if (d.only) {
      std::string codes;
      for (const auto& c : d.only->codes.items) codes += (codes.empty() ? "" : ", ") + c.name;
      line("only" + at(*d.only) + " " + d.only->field.name + " in {" + codes + "}");
      indent in2(*this);
      cite(d.only->cite);
    }
  }
  void operator()(const ast::relation_decl& d) {
    line("relation" + at(d) + " " + d.name.name + " of " + d.owner.name + " = " + d.member.name +
         " by " + d.via.name);
  }
  void operator()(const ast::param_decl& d) {
    line("param" + at(d) + " " + d.name.name + ": " + type(d.type));
    indent in(*this);
    if (d.constant) expr(*d.constant);
    if (d.series) {
      for (const auto& v : d.series->values) {
        line("from" + at(v) + " " + text(v.from));
        indent in2(*this);
        expr(v.value);
        cite(v.cite);
      }
      if (d.series->until) line("until " + text(*d.series->until));
    }
    cite(d.cite);
  }
  void require(const ast::require_clause& r) {
    line("require" + at(r) + " " + r.label.name);
    indent in(*this);
    expr(r.condition);
    cite(r.cite);
    range("in_force", r.in_force);
    if (r.assumption) line("assume " + text(*r.assumption));
  }
  void keys(const std::vector<ast::sort_key>& ks) {
    for (const auto& k : ks) {
      line("key" + at(k) + " " + (k.direction.empty() ? "asc" : k.direction));
      indent in(*this);
      expr(k.key);
    }
  }
  void clause(const ast::require_clause& r) { require(r); }
  void clause(const ast::any_of_clause& a) {
    line("any_of" + at(a) + " " + a.label.name);
    indent in(*this);
    cite(a.cite);
    for (const auto& r : a.items) require(r);
  }
  void clause(const ast::except_clause& e) {
    line("except" + at(e) + " " + e.target.name);
    indent in(*this);
    expr(e.condition);
    cite(e.cite);
  }
  void clause(const ast::quota_clause& q) {
    line("quota" + at(q) + " round " + (q.rounding.empty() ? "floor" : q.rounding) + " per " +
         path_text(q.per));
    indent in(*this);
    expr(q.count);
    keys(q.keys);
  }
  void clause(const ast::rank_clause& r) {
    line("rank" + at(r) + " top " + text(r.top) + " per " + path_text(r.per));
    indent in(*this);
    keys(r.keys);
  }
  void clause(const ast::assume_clause& a) { line("assume" + at(a) + " " + text(a.note)); }
  void clause(const ast::authority_clause& a) {
    line("decided_by" + at(a) + " " + a.level.name);
    indent in(*this);
    if (a.when) expr(*a.when);
    range("in_force", a.in_force);
    cite(a.cite);
  }
  void clause(const ast::hold_clause& h) {
    line("hold" + at(h) + " " + h.label.name);
    indent in(*this);
    expr(h.condition);
    cite(h.cite);
  }
  static std::string path_text(const ast::path& p) {
    std::string s = p.head.name;
    for (const auto& t : p.tail) s += "." + t.name;
    return s;
  }
  void operator()(const ast::title_decl& d) {
    line(d.kind + at(d) + " " + d.code.name + " " + opt(d.display) + " for " + d.entity.name +
         " per " + (d.period ? *d.period : std::string("-")));
    indent in(*this);
    cite(d.cite);
    range("in_force", d.in_force);
    for (const auto& c : d.clauses) boost::apply_visitor([&](const auto& n) { clause(n); }, c);
  }
  void operator()(const ast::form_decl& d) {
    std::string forms;
    for (const auto& f : d.forms) forms += (forms.empty() ? "" : " > ") + f.name;
    line("form" + at(d) + " " + d.name.name + " for " + d.entity.name + " one_of " + forms);
  }
  void operator()(const ast::reward_decl& d) {
    line("reward" + at(d) + " " + d.target.name + " round " + opt(d.round_to));
    indent in(*this);
    expr(d.amount);
    cite(d.cite);
  }
  void operator()(const ast::let_decl& d) {
    line("let" + at(d) + " " + d.name.name + " for " + d.entity.name);
    indent in(*this);
    expr(d.value);
  }
  void operator()(const ast::score_decl& d) {
    line("score_table" + at(d) + " " + d.name.name + " " + opt(d.display) + " for " +
         d.entity.name + " cap " + opt(d.cap));
    indent in(*this);
    for (const auto& i : d.items) {
      line("item" + at(i) + " " + i.label.name + " " + opt(i.display) + " cap " + opt(i.cap));
      indent in2(*this);
      expr(i.points);
      if (i.when) {
        line("when");
        expr(*i.when);
      }
      cite(i.cite);
    }
    if (d.bands) {
      line("bands" + at(*d.bands) + " " + d.bands->enum_name.name);
      indent in2(*this);
      for (const auto& b : d.bands->bands)
        line("band" + at(b) + " " + b.code.name + " >= " + opt(b.min));
    }
  }
  void operator()(const ast::target_decl& d) {
    line("target" + at(d) + " " + d.name.name + " " + opt(d.display) + " for " + d.entity.name +
         " per " + d.period + " from " + text(d.file));
    indent in(*this);
    fields(d.fields);
    line("achieved");
    expr(d.achieved);
  }
  void operator()(const ast::output_decl& d) {
    line("output" + at(d) + " " + d.name.name + " for " + d.entity.name + " to " + text(d.file));
    indent in(*this);
    for (const auto& c : d.columns) {
      line(std::string("column") + at(c) + (c.value ? " =" : ""));
      indent in2(*this);
      expr(c.first);
      if (c.value) expr(*c.value);
    }
  }

 private:
  support::source_map map_;
  std::string out_;
  std::size_t depth_ = 0;
};

}  // namespace

std::string dump(const ast::file& file) {
  dumper d(file);
  d.file(file);
  return d.take();
}

}  // namespace thidua::syntax
