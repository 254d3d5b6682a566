// exec/output.cpp — running the outputs and rendering their cells as CSV text.
#include <algorithm>
#include <charconv>
#include <numeric>

#include "exec/engine.hpp"
#include "exec/numeric.hpp"
#include "support/json.hpp"

namespace thidua::exec {

using check::op;
using check::type_kind;

namespace {

std::string to_text(i128 v) {
  if (v == 0) return "0";
  const bool neg = v < 0;
  std::string s;
  while (v != 0) {
    const int digit = static_cast<int>(v % 10);
    s += static_cast<char>('0' + (digit < 0 ? -digit : digit));
    v /= 10;
  }
  if (neg) s += '-';
  return {s.rbegin(), s.rend()};
}

void csv_quote(std::string& out, const std::string& s) {
  if (s.find_first_of(",\"\n\r") == std::string::npos) {
    out += s;
    return;
  }
  out += '"';
  for (const char ch : s) {
    if (ch == '"') out += '"';
    out += ch;
  }
  out += '"';
}

}  // namespace

bool engine::run() {
  for (id o = 0; o < p_.outputs.size(); ++o) {
    for (const auto& c : p_.outputs[o].columns) prepare(c.value, p_.outputs[o].entity, year_);
  }
  return !overflowed_.load();
}

std::vector<std::uint32_t> engine::output_rows(id o) {
  const id entity = p_.outputs[o].entity;
  std::vector<std::uint32_t> rows = population(entity, year_);
  const auto& keys = d_.entities[entity].keys;
  auto by_key = [&](std::uint32_t a, std::uint32_t b) { return keys[a] < keys[b]; };
  if (!std::is_sorted(rows.begin(), rows.end(), by_key))
    std::sort(rows.begin(), rows.end(), by_key);
  return rows;
}

std::string engine::cell(id ei, const vec& v, std::size_t i) const {
  std::string out;
  append_cell(out, ei, v, i);
  return out;
}

void engine::append_cell(std::string& out, id ei, const vec& v, std::size_t i) const {
  const auto& e = p_.exprs[ei];
  if (e.kind == op::title) {
    out += v.k[i] != 0 && v.v[i] != 0 ? '1' : '0';
    return;
  }
  if (v.k[i] == 0) return;
  const int fs = fraction_scale(e.t);
  switch (e.t.kind) {
    case type_kind::text:
      csv_quote(out, *v.text[i]);
      return;
    case type_kind::boolean:
      out += v.v[i] != 0 ? '1' : '0';
      return;
    case type_kind::enumeration:
      out += p_.enums[e.t.ref].codes[static_cast<std::size_t>(v.v[i])].code;
      return;
    case type_kind::form:
      if (v.v[i] >= 0) {
        out += p_.titles[p_.forms[e.t.ref].awards[static_cast<std::size_t>(v.v[i])]].code;
      }
      return;
    case type_kind::entity:
      csv_quote(out, d_.entities[e.t.ref].keys[static_cast<std::size_t>(v.v[i])]);
      return;
    case type_kind::date:
      out += check::civil_from_days(static_cast<std::int32_t>(v.v[i]));
      return;
    default:
      break;
  }
  if (v.den.empty() && fs == 0) {  // the common case: a whole number, written directly
    char buf[24];
    const auto r = std::to_chars(buf, buf + sizeof buf, v.v[i]);
    out.append(buf, r.ptr);
    return;
  }
  const i128 num = v.v[i];
  const i128 den = v.den.empty() ? i128{pow10_table[fs]} : i128{v.den[i]};
  if (e.t.kind == type_kind::decimal || e.t.kind == type_kind::percent) {
    // Decimals with their declared places; percents as points with 4 places.
    const int shown = e.t.kind == type_kind::percent ? 4 : e.t.scale;
    const int places = e.t.kind == type_kind::percent ? 6 : e.t.scale;
    const i128 scaled = round_div(num * pow10_wide(places), den);
    std::string s = to_text(scaled < 0 ? -scaled : scaled);
    const auto sh = static_cast<std::size_t>(shown);
    if (sh > 0) {
      if (s.size() <= sh) s.insert(0, sh + 1 - s.size(), '0');
      s.insert(s.size() - sh, ".");
    }
    if (scaled < 0) out += '-';
    out += s;
    return;
  }
  out += to_text(round_div(num, den));  // int and money: whole numbers
}

std::string engine::render_rows(id o, const row_writer& row) {
  // The output's rows in key order, in batches: each batch evaluates the columns over its rows
  // and renders its own text; the texts are joined in order (same bytes for any thread count).
  const auto& out = p_.outputs[o];
  const auto rows = output_rows(o);
  const std::size_t batches = (rows.size() + batch_size - 1) / batch_size;
  std::vector<std::string> parts(batches);
  pool_.run(batches, [&](std::size_t b) {
    const std::size_t lo = b * batch_size;
    const std::size_t n = std::min(batch_size, rows.size() - lo);
    const frame f{out.entity, year_, std::span(rows).subspan(lo, n), {}};
    std::vector<vec> cols(out.columns.size());
    for (std::size_t c = 0; c < out.columns.size(); ++c) eval(out.columns[c].value, f, cols[c]);
    std::string& s = parts[b];
    s.reserve(n * 16 * out.columns.size());
    for (std::size_t i = 0; i < n; ++i) row(s, cols, i, lo + i);
  });
  std::size_t total = 0;
  for (const auto& p : parts) total += p.size();
  std::string text;
  text.reserve(total);
  for (const auto& p : parts) text += p;
  return text;
}

std::map<std::string, std::string> engine::outputs() {
  std::map<std::string, std::string> files;
  for (id o = 0; o < p_.outputs.size(); ++o) {
    const auto& out = p_.outputs[o];
    std::string text;
    for (std::size_t c = 0; c < out.columns.size(); ++c) {
      if (c != 0) text += ',';
      text += out.columns[c].header;
    }
    text += '\n';
    text += render_rows(
        o, [&](std::string& s, const std::vector<vec>& cols, std::size_t i, std::size_t) {
          for (std::size_t c = 0; c < out.columns.size(); ++c) {
            if (c != 0) s += ',';
            append_cell(s, out.columns[c].value, cols[c], i);
          }
          s += '\n';
        });
    files[out.file] = std::move(text);
  }
  return files;
}

std::string engine::render_json(id o) {
  const auto& out = p_.outputs[o];
  std::string text = "[\n";
  const std::string rows = render_rows(
      o, [&](std::string& s, const std::vector<vec>& cols, std::size_t i, std::size_t index) {
        s += index == 0 ? "{" : ",\n{";
        for (std::size_t c = 0; c < out.columns.size(); ++c) {
          if (c != 0) s += ", ";
          support::json_string(s, out.columns[c].header);
          s += ": ";
          const id ei = out.columns[c].value;
          const auto& e = p_.exprs[ei];
          if (e.kind != op::title && cols[c].k[i] == 0) {
            s += "null";
            continue;
          }
          std::string v = cell(ei, cols[c], i);
          switch (e.t.kind) {
            case type_kind::integer:
            case type_kind::decimal:
            case type_kind::percent:
            case type_kind::money:
              s += v;
              break;
            case type_kind::boolean:
              s += v == "1" ? "true" : "false";
              break;
            case type_kind::form:
              if (v.empty()) {
                s += "null";
              } else {
                support::json_string(s, v);
              }
              break;
            case type_kind::text:
            case type_kind::entity:
              // The raw text, not its CSV quoting.
              v = e.t.kind == type_kind::text
                      ? *cols[c].text[i]
                      : d_.entities[e.t.ref].keys[static_cast<std::size_t>(cols[c].v[i])];
              support::json_string(s, v);
              break;
            default:
              support::json_string(s, v);
          }
        }
        s += "}";
      });
  text += rows;
  text += rows.empty() ? "]\n" : "\n]\n";
  return text;
}

}  // namespace thidua::exec
