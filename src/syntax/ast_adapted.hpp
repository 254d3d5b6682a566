// syntax/ast_adapted.hpp — Boost.Fusion adaptation of the AST, in the order the grammar fills
// each struct (which is not always declaration order).
#pragma once

#include <boost/fusion/include/adapt_struct.hpp>

#include "syntax/ast.hpp"

BOOST_FUSION_ADAPT_STRUCT(thidua::syntax::ast::date_lit, year, month, day)
BOOST_FUSION_ADAPT_STRUCT(thidua::syntax::ast::number_lit, digits, fraction, suffix)
BOOST_FUSION_ADAPT_STRUCT(thidua::syntax::ast::bool_lit, value, dummy)
BOOST_FUSION_ADAPT_STRUCT(thidua::syntax::ast::citation, source, locator)
BOOST_FUSION_ADAPT_STRUCT(thidua::syntax::ast::date_range, from, to)
BOOST_FUSION_ADAPT_STRUCT(thidua::syntax::ast::path, head, tail)
BOOST_FUSION_ADAPT_STRUCT(thidua::syntax::ast::operand, prefix, value)
BOOST_FUSION_ADAPT_STRUCT(thidua::syntax::ast::binary_op, op, rhs)
BOOST_FUSION_ADAPT_STRUCT(thidua::syntax::ast::expr, first, rest)
BOOST_FUSION_ADAPT_STRUCT(thidua::syntax::ast::set_lit, items, dummy)
BOOST_FUSION_ADAPT_STRUCT(thidua::syntax::ast::call_arg, last, value, filter)
BOOST_FUSION_ADAPT_STRUCT(thidua::syntax::ast::call, function, args)
BOOST_FUSION_ADAPT_STRUCT(thidua::syntax::ast::pack_decl, name, version, in_force, options)
BOOST_FUSION_ADAPT_STRUCT(thidua::syntax::ast::cite_decl, id, title)
BOOST_FUSION_ADAPT_STRUCT(thidua::syntax::ast::enum_item, code, display)
BOOST_FUSION_ADAPT_STRUCT(thidua::syntax::ast::enum_decl, name, ordered, items)
BOOST_FUSION_ADAPT_STRUCT(thidua::syntax::ast::set_decl, name, element, items)
BOOST_FUSION_ADAPT_STRUCT(thidua::syntax::ast::type_ref, name, args, optional)
BOOST_FUSION_ADAPT_STRUCT(thidua::syntax::ast::field_decl, name, type, column)
BOOST_FUSION_ADAPT_STRUCT(thidua::syntax::ast::entity_decl, name, file, key, fields)
BOOST_FUSION_ADAPT_STRUCT(thidua::syntax::ast::record_decl, period, entity, file, fields)
BOOST_FUSION_ADAPT_STRUCT(thidua::syntax::ast::awards_filter, field, codes, cite)
BOOST_FUSION_ADAPT_STRUCT(thidua::syntax::ast::prior_awards_decl, file, columns, only,
                          ignore_unknown)
BOOST_FUSION_ADAPT_STRUCT(thidua::syntax::ast::relation_decl, name, owner, member, via)
BOOST_FUSION_ADAPT_STRUCT(thidua::syntax::ast::param_value, from, value, cite)
BOOST_FUSION_ADAPT_STRUCT(thidua::syntax::ast::param_series, values, until)
BOOST_FUSION_ADAPT_STRUCT(thidua::syntax::ast::param_decl, name, type, constant, series, cite)
BOOST_FUSION_ADAPT_STRUCT(thidua::syntax::ast::require_clause, label, condition, cite, in_force,
                          assumption)
BOOST_FUSION_ADAPT_STRUCT(thidua::syntax::ast::any_of_clause, label, cite, items)
BOOST_FUSION_ADAPT_STRUCT(thidua::syntax::ast::except_clause, target, condition, cite)
BOOST_FUSION_ADAPT_STRUCT(thidua::syntax::ast::sort_key, key, direction)
BOOST_FUSION_ADAPT_STRUCT(thidua::syntax::ast::quota_clause, count, rounding, per, keys)
BOOST_FUSION_ADAPT_STRUCT(thidua::syntax::ast::rank_clause, top, per, keys)
BOOST_FUSION_ADAPT_STRUCT(thidua::syntax::ast::assume_clause, note, dummy)
BOOST_FUSION_ADAPT_STRUCT(thidua::syntax::ast::authority_clause, level, when, in_force, cite)
BOOST_FUSION_ADAPT_STRUCT(thidua::syntax::ast::hold_clause, label, condition, cite)
BOOST_FUSION_ADAPT_STRUCT(thidua::syntax::ast::title_decl, kind, code, display, entity, period,
                          cite, in_force, clauses)
BOOST_FUSION_ADAPT_STRUCT(thidua::syntax::ast::form_decl, name, entity, forms)
BOOST_FUSION_ADAPT_STRUCT(thidua::syntax::ast::reward_decl, target, amount, round_to, cite)
BOOST_FUSION_ADAPT_STRUCT(thidua::syntax::ast::let_decl, name, entity, value)
BOOST_FUSION_ADAPT_STRUCT(thidua::syntax::ast::score_item, label, display, points, when, cap, cite)
BOOST_FUSION_ADAPT_STRUCT(thidua::syntax::ast::band, code, min)
BOOST_FUSION_ADAPT_STRUCT(thidua::syntax::ast::band_table, enum_name, bands)
BOOST_FUSION_ADAPT_STRUCT(thidua::syntax::ast::score_decl, name, display, entity, cap, items, bands)
BOOST_FUSION_ADAPT_STRUCT(thidua::syntax::ast::target_decl, name, display, entity, period, file,
                          fields, achieved)
BOOST_FUSION_ADAPT_STRUCT(thidua::syntax::ast::output_column, first, value)
BOOST_FUSION_ADAPT_STRUCT(thidua::syntax::ast::output_decl, name, entity, file, columns)
