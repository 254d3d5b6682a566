// api/explain.cpp — rendering explanations for people (text) and programs (JSON).
#include "support/json.hpp"
#include "thidua/evaluate.hpp"

namespace thidua {

namespace {

std::string cite_text(const std::optional<citation_info>& c) {
  if (!c) return {};
  std::string s = c->title.empty() ? c->source : c->title;
  if (!c->locator.empty()) s += ", " + c->locator;
  return s;
}

const char* mark(const std::string& outcome) {
  if (outcome == "passed" || outcome == "waived" || outcome == "clear") return "[ok]  ";
  if (outcome == "failed") return "[NO]  ";
  if (outcome == "unknown") return "[??]  ";
  if (outcome == "on hold") return "[HOLD]";
  return "[--]  ";
}

void condition_text(std::string& s, const explained_condition& c, const std::string& indent) {
  s += indent + mark(c.outcome);
  if (c.kind == "exception") s += "except ";
  if (c.kind == "hold") s += "hold ";
  if (c.kind == "alternative") s += "or ";
  if (!c.label.empty()) s += c.label + ": ";
  s += c.text + " — " + c.outcome + '\n';
  const std::string more = indent + "      ";
  if (c.citation) s += more + "law: " + cite_text(c.citation) + '\n';
  if (!c.assumption.empty()) s += more + "assumption (unverified): " + c.assumption + '\n';
  for (const auto& v : c.inputs) {
    s += more + v.expression + " = " + v.value;
    if (!v.source.empty()) s += "  (" + v.source + ", " + std::to_string(v.year) + ")";
    // Missing data matters when it leaves the condition undecided; otherwise (an optional cell
    // read through known(), or outvoted by `or`) it is only shown as having no value.
    // A data cell is missing; a title or aggregate is undecided (missing data or a hold below).
    if (!v.known) {
      s += c.outcome != "unknown" ? "  (no value)"
           : v.source.empty()     ? "  <- undecided (missing data or on hold)"
                                  : "  <- missing data";
    }
    s += '\n';
  }
  for (const auto& child : c.children) condition_text(s, child, more);
}

void json_citation(std::string& s, const std::optional<citation_info>& c) {
  if (!c) {
    s += "null";
    return;
  }
  s += "{\"source\": ";
  support::json_string(s, c->source);
  s += ", \"title\": ";
  support::json_string(s, c->title);
  s += ", \"locator\": ";
  support::json_string(s, c->locator);
  s += "}";
}

void json_condition(std::string& s, const explained_condition& c) {
  s += "{\"kind\": ";
  support::json_string(s, c.kind);
  s += ", \"label\": ";
  support::json_string(s, c.label);
  s += ", \"text\": ";
  support::json_string(s, c.text);
  s += ", \"outcome\": ";
  support::json_string(s, c.outcome);
  s += ", \"citation\": ";
  json_citation(s, c.citation);
  s += ", \"assumption\": ";
  support::json_string(s, c.assumption);
  s += ", \"inputs\": [";
  for (std::size_t i = 0; i < c.inputs.size(); ++i) {
    const auto& v = c.inputs[i];
    s += i == 0 ? "{" : ", {";
    s += "\"expression\": ";
    support::json_string(s, v.expression);
    s += ", \"value\": ";
    support::json_string(s, v.value);
    s += ", \"known\": ";
    s += v.known ? "true" : "false";
    s += ", \"year\": " + std::to_string(v.year) + ", \"source\": ";
    support::json_string(s, v.source);
    s += "}";
  }
  s += "], \"children\": [";
  for (std::size_t i = 0; i < c.children.size(); ++i) {
    if (i != 0) s += ", ";
    json_condition(s, c.children[i]);
  }
  s += "]}";
}

}  // namespace

std::string format(const explanation& e) {
  std::string s = e.title;
  if (!e.name.empty()) s += " \"" + e.name + "\"";
  s += " — " + e.entity + " " + e.key + ", " + std::to_string(e.year) + ": " + e.outcome + '\n';
  if (e.citation) s += "  law: " + cite_text(e.citation) + '\n';
  if (!e.authority.empty()) {
    s += "  decided by: " + e.authority;
    if (e.authority_citation) s += " (" + cite_text(e.authority_citation) + ")";
    s += '\n';
  }
  for (const auto& a : e.assumptions) s += "  assumption (unverified): " + a + '\n';
  if (e.outcome == "not assessed") {
    s += "  no row for " + e.entity + " " + e.key + " in " + std::to_string(e.year) +
         ": not assessed this year\n";
  }
  for (const auto& c : e.conditions) condition_text(s, c, "  ");
  if (e.quota) {
    const auto& q = *e.quota;
    s += "  " + q.kind + ": " + q.text + '\n';
    s += "      group " + q.group + ": rank " + std::to_string(q.rank) + ", " +
         std::to_string(q.places) + (q.places == 1 ? " place" : " places") + " — " +
         (q.rank <= q.places ? "within the cut-off" : "below the cut-off") + '\n';
    for (const auto& n : q.above) {
      s += "      just above: " + n.key + " (rank " + std::to_string(n.rank) + ")\n";
    }
    for (const auto& n : q.below) {
      s += "      just below: " + n.key + " (rank " + std::to_string(n.rank) + ")\n";
    }
  }
  return s;
}

std::string to_json(const explanation& e) {
  std::string s = "{\"entity\": ";
  support::json_string(s, e.entity);
  s += ", \"key\": ";
  support::json_string(s, e.key);
  s += ", \"year\": " + std::to_string(e.year) + ", \"title\": ";
  support::json_string(s, e.title);
  s += ", \"name\": ";
  support::json_string(s, e.name);
  s += ", \"kind\": ";
  support::json_string(s, e.kind);
  s += ", \"authority\": ";
  support::json_string(s, e.authority);
  s += ", \"authority_citation\": ";
  json_citation(s, e.authority_citation);
  s += ", \"citation\": ";
  json_citation(s, e.citation);
  s += ", \"outcome\": ";
  support::json_string(s, e.outcome);
  s += ", \"assumptions\": [";
  for (std::size_t i = 0; i < e.assumptions.size(); ++i) {
    if (i != 0) s += ", ";
    support::json_string(s, e.assumptions[i]);
  }
  s += "], \"conditions\": [";
  for (std::size_t i = 0; i < e.conditions.size(); ++i) {
    if (i != 0) s += ", ";
    json_condition(s, e.conditions[i]);
  }
  s += "], \"quota\": ";
  if (!e.quota) {
    s += "null";
  } else {
    const auto& q = *e.quota;
    s += "{\"kind\": ";
    support::json_string(s, q.kind);
    s += ", \"text\": ";
    support::json_string(s, q.text);
    s += ", \"group\": ";
    support::json_string(s, q.group);
    s += ", \"rank\": " + std::to_string(q.rank) + ", \"places\": " + std::to_string(q.places);
    for (const auto* side : {&q.above, &q.below}) {
      s += side == &q.above ? ", \"above\": [" : ", \"below\": [";
      for (std::size_t i = 0; i < side->size(); ++i) {
        s += i == 0 ? "{\"key\": " : ", {\"key\": ";
        support::json_string(s, (*side)[i].key);
        s += ", \"rank\": " + std::to_string((*side)[i].rank) + "}";
      }
      s += "]";
    }
    s += "}";
  }
  s += "}";
  return s;
}

}  // namespace thidua
