#include "syntax/parser.hpp"

#include <algorithm>
#include <array>
#include <string_view>

#include "support/source_map.hpp"
#include "syntax/grammar.hpp"
#include "syntax/lexical.hpp"

namespace thidua::syntax {

namespace {

constexpr std::array<std::string_view, 21> declaration_keywords = {
    "pack",        "include",   "cite",    "enum",         "set",         "entity", "yearly",
    "half_yearly", "quarterly", "monthly", "prior_awards", "relation",    "param",  "title",
    "award",       "form",      "reward",  "let",          "score_table", "target", "output"};

bool starts_declaration(std::string_view rest) {
  for (auto kw : declaration_keywords) {
    if (rest.substr(0, kw.size()) == kw &&
        (rest.size() == kw.size() || !is_name_char(rest[kw.size()]))) {
      return true;
    }
  }
  return false;
}

// After a syntax error: the offset of the next line that begins (in column 1) with a
// declaration keyword, or the end of the text.
std::size_t recover(std::string_view text, std::size_t from) {
  std::size_t i = text.find('\n', from);
  while (i != std::string_view::npos) {
    ++i;
    if (starts_declaration(text.substr(i))) return i;
    i = text.find('\n', i);
  }
  return text.size();
}

// What the parser found where it expected something else, for the message.
std::string describe_found(std::string_view text, std::size_t at) {
  while (at < text.size() &&
         (text[at] == ' ' || text[at] == '\t' || text[at] == '\r' || text[at] == '\n')) {
    ++at;
  }
  if (at >= text.size()) return "end of file";
  if (is_name_char(text[at])) {
    std::size_t e = at;
    while (e < text.size() && is_name_char(text[e])) ++e;
    const auto word = text.substr(at, e - at);
    return (is_reserved(word) ? "keyword '" : "'") + std::string(word) + "'";
  }
  if (text[at] == '"') return "a string";
  return "'" + std::string(1, text[at]) + "'";
}

std::size_t skip_blank_and_comments(std::string_view text, std::size_t i) {
  for (;;) {
    while (i < text.size() &&
           (text[i] == ' ' || text[i] == '\t' || text[i] == '\r' || text[i] == '\n')) {
      ++i;
    }
    if (i < text.size() && text[i] == '#') {
      while (i < text.size() && text[i] != '\n') ++i;
      continue;
    }
    return i;
  }
}

}  // namespace

parse_output parse(std::string path, std::string text, const compile_options& options,
                   std::size_t node_budget) {
  parse_output out;
  out.file.path = std::move(path);
  out.file.text = std::move(text);
  // A UTF-8 byte order mark is not part of the text: editors do not show it or count it.
  if (out.file.text.rfind("\xEF\xBB\xBF", 0) == 0) out.file.text.erase(0, 3);
  const std::string_view src = out.file.text;
  const support::source_map map(out.file.path, src);

  if (src.size() > options.max_file_bytes) {
    out.diagnostics.push_back(map.make(
        severity::error, 0, 0, support::code::file_too_large,
        "file is " + std::to_string(src.size()) + " bytes, over the limit of " +
            std::to_string(options.max_file_bytes),
        "split it into several files joined with include (compile_options::max_file_bytes)"));
    return out;
  }

  // Lexical errors are reported, and parsing goes on so that the other mistakes in the file are
  // found too; a syntax error on a line that already has a lexical one is the same mistake seen
  // twice and is dropped. Only over-deep nesting stops the parse, since it bounds the stack.
  const auto lexical = prescan(src, options.max_nesting);
  std::vector<std::uint32_t> lexical_lines;
  for (const auto& e : lexical) {
    out.diagnostics.push_back(
        map.make(severity::error, e.offset, e.offset + e.length, e.code, e.message, e.hint));
    lexical_lines.push_back(out.diagnostics.back().region.begin.line);
    if (e.code == support::code::nesting_too_deep) return out;
  }

  std::size_t pos = 0;
  parse_state state;
  state.buffer = src.data();
  // X3 contexts hold references to the next context: keep each one alive in a variable.
  const auto skip_ctx = x3::make_context<x3::skipper_tag>(x3::as_parser(skipper_rule()));
  const auto ctx = x3::make_context<state_tag>(state, skip_ctx);

  for (pos = skip_blank_and_comments(src, pos); pos < src.size();
       pos = skip_blank_and_comments(src, pos)) {
    const char* it = src.data() + pos;
    const char* const end = src.data() + src.size();
    const std::size_t errors_before = state.errors.size();
    ast::declaration decl;
    bool ok = false;
    try {
      ok = declaration_rule().parse(it, end, ctx, x3::unused, decl);
    } catch (const std::bad_alloc&) {
      throw;
    } catch (const std::exception& e) {
      // X3 reports expectation failures to the declaration rule's handler; anything else is
      // unexpected, but still becomes a located error rather than escaping the library.
      state.errors.push_back({static_cast<std::uint32_t>(pos), std::string("valid syntax")});
    }
    if (state.nodes > node_budget) {
      out.diagnostics.push_back(
          map.make(severity::error, pos, pos, support::code::too_many_nodes,
                   "pack has more than " + std::to_string(options.max_nodes) + " syntax nodes",
                   "compile_options::max_nodes bounds the size of a pack"));
      break;
    }
    if (ok) {
      out.file.declarations.push_back(std::move(decl));
      pos = static_cast<std::size_t>(it - src.data());
      continue;
    }
    if (state.errors.size() == errors_before) {
      state.errors.push_back(
          {static_cast<std::uint32_t>(pos),
           "a declaration (pack, include, cite, enum, set, entity, yearly, relation, param, "
           "title, award, form, reward, let, score_table, target, output)"});
    }
    const auto& err = state.errors.back();
    std::size_t at = skip_blank_and_comments(src, err.offset);
    std::size_t stop = at;
    while (stop < src.size() && is_name_char(src[stop])) ++stop;
    if (stop == at && at < src.size()) stop = at + 1;
    auto d = map.make(severity::error, at, stop, support::code::syntax,
                      "expected " + err.expected + ", found " + describe_found(src, err.offset));
    if (std::find(lexical_lines.begin(), lexical_lines.end(), d.region.begin.line) !=
        lexical_lines.end()) {
      pos = recover(src, std::max(pos, static_cast<std::size_t>(err.offset)));
      continue;
    }
    out.diagnostics.push_back(std::move(d));
    if (at < src.size() && is_name_char(src[at])) {
      std::size_t e = at;
      while (e < src.size() && is_name_char(src[e])) ++e;
      if (is_reserved(src.substr(at, e - at)) && err.expected == "a name") {
        out.diagnostics.back().hint =
            "'" + std::string(src.substr(at, e - at)) + "' is a reserved word; choose another name";
      }
    }
    pos = recover(src, std::max(pos, static_cast<std::size_t>(err.offset)));
  }
  out.nodes = state.nodes;
  return out;
}

}  // namespace thidua::syntax
