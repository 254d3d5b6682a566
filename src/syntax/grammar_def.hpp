// syntax/grammar_def.hpp — the .tdk grammar (Spirit X3). Included only by grammar.cpp.
//
// Conventions: `>` is an expectation point (a failure there is a syntax error with a location),
// `>>` may backtrack. Keywords and names are parsed by the small custom parsers below so that
// error messages read "expected 'for'" and "expected a name" instead of X3's internal names.
#pragma once

#include <array>
#include <string_view>

#include "syntax/ast.hpp"
#include "syntax/ast_adapted.hpp"
#include "syntax/error_handler.hpp"
#include "syntax/grammar.hpp"
#include "syntax/lexical.hpp"

namespace thidua::syntax::grammar {

using x3::attr;
using x3::lexeme;
using x3::lit;
using x3::omit;

// A keyword: the word, not followed by a name character. With `Value`, its attribute is the
// word itself (for `yearly`, `asc`, ...).
template <bool Value>
struct keyword_parser : x3::parser<keyword_parser<Value>> {
  using attribute_type = std::conditional_t<Value, std::string, x3::unused_type>;
  static constexpr bool has_attribute = Value;

  constexpr explicit keyword_parser(std::string_view w) : word(w) {}

  template <class It, class Ctx, class RCtx, class Attr>
  bool parse(It& first, const It& last, const Ctx& ctx, RCtx& /*rctx*/, Attr& out) const {
    x3::skip_over(first, last, ctx);
    It it = first;
    for (char c : word) {
      if (it == last || *it != c) return false;
      ++it;
    }
    if (it != last && is_name_char(*it)) return false;
    first = it;
    if constexpr (Value) x3::traits::move_to(std::string(word), out);
    return true;
  }

  std::string_view word;
};

constexpr keyword_parser<false> kw(std::string_view w) { return keyword_parser<false>(w); }
constexpr keyword_parser<true> kwv(std::string_view w) { return keyword_parser<true>(w); }

// A name: ASCII letter or '_', then letters, digits, '_'; never a reserved word.
struct name_parser : x3::parser<name_parser> {
  using attribute_type = std::string;
  static constexpr bool has_attribute = true;

  template <class It, class Ctx, class RCtx, class Attr>
  bool parse(It& first, const It& last, const Ctx& ctx, RCtx& /*rctx*/, Attr& out) const {
    x3::skip_over(first, last, ctx);
    It it = first;
    if (it == last || !is_name_start(*it)) return false;
    while (it != last && is_name_char(*it)) ++it;
    std::string_view word(&*first, static_cast<std::size_t>(it - first));
    if (is_reserved(word)) return false;
    x3::traits::move_to(std::string(word), out);
    first = it;
    return true;
  }
};
constexpr name_parser name{};

}  // namespace thidua::syntax::grammar

// Names for error messages: "expected 'for'" rather than X3's internal description.
namespace boost::spirit::x3 {
template <bool V>
struct get_info<::thidua::syntax::grammar::keyword_parser<V>> {
  using result_type = std::string;
  std::string operator()(const ::thidua::syntax::grammar::keyword_parser<V>& p) const {
    return "'" + std::string(p.word) + "'";
  }
};
template <>
struct get_info<::thidua::syntax::grammar::name_parser> {
  using result_type = std::string;
  std::string operator()(const ::thidua::syntax::grammar::name_parser& /*p*/) const {
    return "a name";
  }
};
}  // namespace boost::spirit::x3

namespace thidua::syntax::grammar {

// ---- rules -------------------------------------------------------------------------------------

#define THIDUA_RULE(id, type, what) \
  struct id##_class : annotate {};  \
  const x3::rule<id##_class, type> id = what;

THIDUA_RULE(ident, ast::ident, "a name")
THIDUA_RULE(string_lit, ast::string_lit, "a string in double quotes")
THIDUA_RULE(date_lit, ast::date_lit, "a date (YYYY-MM-DD)")
THIDUA_RULE(number_lit, ast::number_lit, "a number")
THIDUA_RULE(bool_lit, ast::bool_lit, "true or false")
THIDUA_RULE(citation, ast::citation, "a citation")
THIDUA_RULE(date_range, ast::date_range, "a date range (FROM .. TO)")
THIDUA_RULE(path, ast::path, "a name")
THIDUA_RULE(operand, ast::operand, "an operand")
THIDUA_RULE(binary_op, ast::binary_op, "an operator")
THIDUA_RULE(expr, ast::expr, "an expression")
THIDUA_RULE(paren_expr, ast::expr, "an expression in parentheses")
THIDUA_RULE(set_lit, ast::set_lit, "a set { ... }")
THIDUA_RULE(call_arg, ast::call_arg, "an argument")
THIDUA_RULE(call, ast::call, "a call")
THIDUA_RULE(pack_decl, ast::pack_decl, "a pack declaration")
THIDUA_RULE(include_decl, ast::include_decl, "an include")
THIDUA_RULE(cite_decl, ast::cite_decl, "a citation source")
THIDUA_RULE(enum_item, ast::enum_item, "an enum code")
THIDUA_RULE(enum_decl, ast::enum_decl, "an enum")
THIDUA_RULE(set_decl, ast::set_decl, "a named set")
THIDUA_RULE(type_ref, ast::type_ref, "a type")
THIDUA_RULE(field_decl, ast::field_decl, "a field (name: type)")
THIDUA_RULE(entity_decl, ast::entity_decl, "an entity")
THIDUA_RULE(record_decl, ast::record_decl, "a record")
THIDUA_RULE(awards_filter, ast::awards_filter, "a filter (only FIELD in { ... })")
THIDUA_RULE(prior_awards_decl, ast::prior_awards_decl, "prior awards")
THIDUA_RULE(relation_decl, ast::relation_decl, "a relation")
THIDUA_RULE(param_value, ast::param_value, "a dated value (from DATE: VALUE)")
THIDUA_RULE(param_series, ast::param_series, "dated values")
THIDUA_RULE(param_decl, ast::param_decl, "a parameter")
THIDUA_RULE(require_clause, ast::require_clause, "a requirement")
THIDUA_RULE(any_of_clause, ast::any_of_clause, "an any_of group")
THIDUA_RULE(except_clause, ast::except_clause, "an exception")
THIDUA_RULE(sort_key, ast::sort_key, "a sort key")
THIDUA_RULE(quota_clause, ast::quota_clause, "a quota")
THIDUA_RULE(rank_clause, ast::rank_clause, "a ranking")
THIDUA_RULE(assume_clause, ast::assume_clause, "an assumption")
THIDUA_RULE(authority_clause, ast::authority_clause, "an awarding authority")
THIDUA_RULE(hold_clause, ast::hold_clause, "a hold")
THIDUA_RULE(clause, ast::clause,
            "a clause (require, any_of, except, hold, quota, rank, assume, decided_by)")
THIDUA_RULE(title_decl, ast::title_decl, "a title or award")
THIDUA_RULE(form_decl, ast::form_decl, "a form selection")
THIDUA_RULE(reward_decl, ast::reward_decl, "a reward")
THIDUA_RULE(let_decl, ast::let_decl, "a let")
THIDUA_RULE(score_item, ast::score_item, "a score item")
THIDUA_RULE(band, ast::band, "a band (CODE >= N or otherwise CODE)")
THIDUA_RULE(band_table, ast::band_table, "classification bands")
THIDUA_RULE(score_decl, ast::score_decl, "a score table")
THIDUA_RULE(target_decl, ast::target_decl, "a target")
THIDUA_RULE(output_column, ast::output_column, "an output column")
THIDUA_RULE(output_decl, ast::output_decl, "an output")
#undef THIDUA_RULE

struct declaration_class : annotate, on_expectation_failure {};
const declaration_type declaration =
    "a declaration (pack, include, cite, enum, set, entity, yearly, relation, param, title, "
    "award, form, reward, let, score_table, target, output)";
const skipper_type skipper = "whitespace";

// ---- lexical pieces ----------------------------------------------------------------------------

const auto blank = lit(' ') | '\t' | '\r' | '\n';
const auto comment = lit('#') >> *(x3::char_ - '\n');
const auto skipper_def = +blank | comment;

const auto digit = x3::char_('0', '9');
const auto ident_def = name;
const auto escape = lit('\\') >
                    (lit('"') >> attr('"') | lit('\\') >> attr('\\') | lit('n') >> attr('\n'));
const x3::rule<struct string_body_class, std::string> string_body = "a string in double quotes";
const auto string_body_def =
    lexeme[lit('"') > *(escape | (x3::char_ - '"' - '\\' - '\n')) > lit('"')];
BOOST_SPIRIT_DEFINE(string_body)
const auto string_lit_def = string_body;
const auto date_lit_def =
    lexeme[x3::uint_parser<int, 10, 4, 4>() >> '-' >> x3::uint_parser<int, 10, 2, 2>() >> '-' >>
           x3::uint_parser<int, 10, 2, 2>() >> !digit];
const x3::rule<struct digits_class, std::string> digits = "digits";
const auto digits_def = lexeme[+digit >> *(omit[lit('_')] >> +digit)];
const x3::rule<struct fraction_class, std::string> fraction = "a fraction";
const auto fraction_def =
    x3::no_skip[-(lit('.') >> +digit)] >> x3::no_skip[!x3::char_("a-zA-Z_0-9")];
BOOST_SPIRIT_DEFINE(digits, fraction)
const auto number_suffix = -(x3::string("%") | kwv("VND"));
const auto number_lit_def = digits >> fraction >> number_suffix;
const auto bool_lit_def = (kw("true") >> attr(true) | kw("false") >> attr(false)) >> attr(false);
// `cite law06 "Điều 24"`; not followed by '=', which starts a `cite NAME = "title"` declaration
// after a declaration that ends in an optional citation.
const auto citation_def = kw("cite") >> ident >> !lit('=') >> -string_lit;
const auto date_range_def = date_lit > lit("..") > -date_lit;

// ---- expressions -------------------------------------------------------------------------------

const auto prefix_op = kwv("not") | x3::string("-");
const auto path_def = ident >> *(lit('.') >> ident);
const auto set_lit_def = lit('{') > -(ident % ',') > -lit(',') > lit('}') > attr(false);
const auto call_arg_def = (kw("last") >> attr(true) | attr(false)) >> expr >> -(kw("where") > expr);
const auto call_def = (ident >> lit('(') >> -(call_arg % ',')) > lit(')');
const auto paren_expr_def = lit('(') > expr > lit(')');
const auto operand_def = *prefix_op >> (date_lit | number_lit | string_lit | bool_lit | set_lit |
                                        call | paren_expr | path);
const auto comparison_op = x3::string("==") | x3::string("!=") | x3::string("<=") |
                           x3::string(">=") | x3::string("<") | x3::string(">");
const auto binop = kwv("or") | kwv("and") | (kw("not") >> kw("in") >> attr(std::string("not in"))) |
                   kwv("in") | comparison_op | x3::string("+") | x3::string("-") | x3::string("*") |
                   x3::string("/");
const auto binary_op_def = binop > operand;
const auto expr_def = operand >> *binary_op;

// ---- declarations ------------------------------------------------------------------------------

const auto period_name = kwv("year") | kwv("half_year") | kwv("quarter") | kwv("month");
const auto pack_decl_def = kw("pack") > string_lit > kw("version") > string_lit >
                           -(kw("in_force") > date_range) > -(kw("options") > (ident % ','));
const auto include_decl_def = kw("include") > string_lit;
const auto cite_decl_def = kw("cite") > ident > lit('=') > string_lit;
const auto enum_item_def = ident >> -string_lit;
const auto enum_decl_def = kw("enum") > ident > (kw("ordered") >> attr(true) | attr(false)) >
                           lit('{') > (enum_item % ',') > -lit(',') > lit('}');
const auto set_decl_def = kw("set") > ident > kw("of") > ident > lit('=') > set_lit;
const auto type_arg = (lit('(') > lexeme[+digit] > lit(')')) | (lit('<') > name > lit('>'));
const auto type_ref_def = ident >> *type_arg >> (lit('?') >> attr(true) | attr(false));
const auto field_decl_def = (ident >> lit(':')) > type_ref > -(kw("column") > string_lit);
const auto field_list = lit('{') > *(field_decl >> -lit(',')) > lit('}');
const auto entity_decl_def = kw("entity") > ident > kw("from") > string_lit > kw("key") > ident
                             > field_list;
const auto record_decl_def = (kwv("yearly") | kwv("half_yearly") | kwv("quarterly") |
                              kwv("monthly")) > ident > kw("from") > string_lit
                             > field_list;
const auto awards_filter_def = kw("only") > ident > kw("in") > set_lit > -citation;
const auto prior_awards_decl_def = kw("prior_awards") > kw("from") > string_lit > -field_list >
                                   -awards_filter > -kwv("ignore_unknown");
const auto relation_decl_def = kw("relation") > ident > kw("of") > ident > lit('=') > ident >
                               kw("by") > ident;
const auto param_value_def = kw("from") > date_lit > lit(':') > expr > -citation;
const auto param_series_def = lit('{') > *param_value > -(kw("until") > date_lit) > lit('}');
const auto param_decl_def = kw("param") > ident > lit(':') > type_ref > -(lit('=') > expr) >
                            -param_series > -citation;

const auto require_clause_def = kw("require") > ident > lit(':') > expr > -citation >
                                -(kw("in_force") > date_range) > -(kw("assume") > string_lit);
const auto any_of_clause_def = kw("any_of") > ident > -citation > lit('{') > +require_clause >
                               lit('}');
const auto except_clause_def = kw("except") > ident > kw("when") > expr > -citation;
const auto sort_key_def = expr >> -(kwv("asc") | kwv("desc"));
const auto rounding = kwv("floor") | kwv("ceil") | kwv("nearest");
const auto quota_clause_def = kw("quota") > expr > -(kw("round") > rounding) > kw("per") > path >
                              kw("by") > (sort_key % ',');
const auto rank_clause_def = kw("rank") > kw("top") > number_lit > kw("per") > path > kw("by") >
                             (sort_key % ',');
const auto assume_clause_def = kw("assume") > string_lit > attr(false);
const auto authority_clause_def = kw("decided_by") > ident > -(kw("when") > expr) >
                                  -(kw("in_force") > date_range) > -citation;
const auto hold_clause_def = kw("hold") > ident > kw("when") > expr > -citation;
const auto clause_def = require_clause | any_of_clause | except_clause | quota_clause |
                        rank_clause | assume_clause | authority_clause | hold_clause;
const auto title_decl_def = (kwv("title") | kwv("award")) > ident > -string_lit > kw("for") > ident
                            > -(kw("per") > period_name) > -citation >
                            -(kw("in_force") > date_range) > lit('{') > *clause > lit('}');
const auto form_decl_def = kw("form") > ident > kw("for") > ident > kw("one_of") >
                           (ident % lit('>'));
const auto reward_decl_def = kw("reward") > ident > lit('=') > expr > -(kw("round") > number_lit) >
                             -citation;
const auto let_decl_def = kw("let") > ident > kw("for") > ident > lit('=') > expr;
const auto score_item_def = kw("item") > ident > -string_lit > lit(':') > expr >
                            -(kw("when") > expr) > -(kw("cap") > number_lit) > -citation;
const auto band_def = (kw("otherwise") > ident > attr(boost::optional<ast::number_lit>())) |
                      (ident > lit(">=") > number_lit);
const auto band_table_def = kw("bands") > ident > lit('{') > (band % ',') > -lit(',') > lit('}');
const auto score_decl_def = kw("score_table") > ident > -string_lit > kw("for") > ident >
                            -(kw("cap") > number_lit) > lit('{') > *score_item > -band_table >
                            lit('}');
const auto target_decl_def = kw("target") > ident > -string_lit > kw("for") > ident >
                             kw("per") > period_name > kw("from") > string_lit > lit('{') >
                             *(field_decl >> -lit(',')) > kw("achieved") > kw("when") > expr >
                             lit('}');
const auto output_column_def = expr >> -(lit('=') > expr);
const auto output_decl_def = kw("output") > ident > kw("for") > ident > kw("to") > string_lit >
                             lit('{') > (output_column % ',') > -lit(',') > lit('}');

const auto declaration_def = pack_decl | include_decl | cite_decl | enum_decl | set_decl |
                             entity_decl | record_decl | prior_awards_decl | relation_decl |
                             param_decl | title_decl | form_decl | reward_decl | let_decl |
                             score_decl | target_decl | output_decl;

BOOST_SPIRIT_DEFINE(ident, string_lit, date_lit, number_lit, bool_lit, citation, date_range, path,
                    operand, binary_op, expr, paren_expr, set_lit, call_arg, call, pack_decl,
                    include_decl, cite_decl, enum_item, enum_decl, set_decl, type_ref, field_decl,
                    entity_decl, record_decl, awards_filter, prior_awards_decl, relation_decl,
                    param_value, param_series, param_decl, require_clause, any_of_clause,
                    except_clause, sort_key, quota_clause, rank_clause, assume_clause,
                    authority_clause, hold_clause, clause, title_decl, form_decl, reward_decl,
                    let_decl, score_item, band, band_table, score_decl, target_decl, output_column,
                    output_decl, declaration, skipper)

}  // namespace thidua::syntax::grammar
