#include "plan/graph.hpp"

#include <boost/graph/topological_sort.hpp>
#include <map>
#include <stdexcept>

namespace thidua::plan {

namespace {

using check::id;
using check::no_id;
using check::op;

class builder {
 public:
  explicit builder(const check::program& p) : p_(p) {}

  evaluation_graph run() {
    // Titles first, so requirements can point at them whatever the declaration order.
    for (id t = 0; t < p_.titles.size(); ++t) {
      const auto& ti = p_.titles[t];
      titles_[t] = add({node_kind::title, t, no_id, ti.code, ti.display, cite(ti.cite)});
    }
    for (id l = 0; l < p_.lets.size(); ++l) {
      lets_[l] =
          add({node_kind::let, l, p_.lets[l].value, p_.lets[l].name, text(p_.lets[l].value), ""});
    }
    for (id s = 0; s < p_.scores.size(); ++s) {
      scores_[s] = add({node_kind::score, s, no_id, p_.scores[s].name, p_.scores[s].display, ""});
    }
    for (id f = 0; f < p_.forms.size(); ++f) {
      forms_[f] =
          add({node_kind::form, f, no_id, p_.forms[f].name, "one award per achievement", ""});
    }
    for (id l = 0; l < p_.lets.size(); ++l) depend(p_.lets[l].value, lets_[l], false);
    for (id s = 0; s < p_.scores.size(); ++s) {
      for (const auto& item : p_.scores[s].items) {
        if (item.points != no_id) depend(item.points, scores_[s], false);
        if (item.when != no_id) depend(item.when, scores_[s], false);
      }
    }
    for (id f = 0; f < p_.forms.size(); ++f) {
      for (const id t : p_.forms[f].awards) edge(titles_[t], forms_[f]);
    }
    for (id t = 0; t < p_.titles.size(); ++t) title(t);
    for (id r = 0; r < p_.rewards.size(); ++r) {
      const auto& rw = p_.rewards[r];
      const auto v = add({node_kind::reward, r, rw.amount, "reward " + p_.titles[rw.title].code,
                          text(rw.amount), cite(rw.cite)});
      edge(titles_[rw.title], v);
      for (id f = 0; f < p_.forms.size(); ++f) {
        const auto& aw = p_.forms[f].awards;
        if (std::find(aw.begin(), aw.end(), rw.title) != aw.end()) edge(forms_[f], v);
      }
      depend(rw.amount, v, false);
      rewards_.push_back(v);
    }
    for (id o = 0; o < p_.outputs.size(); ++o) {
      const auto& out = p_.outputs[o];
      const auto v = add({node_kind::output, o, no_id, out.name, out.file, ""});
      for (const auto& c : out.columns) depend(c.value, v, false);
    }
    evaluation_graph eg;
    eg.graph = std::move(g_);
    try {
      std::vector<vertex> reversed;
      boost::topological_sort(eg.graph, std::back_inserter(reversed));
      eg.order.assign(reversed.rbegin(), reversed.rend());
    } catch (const boost::not_a_dag&) {
      throw std::logic_error("evaluation graph has a cycle the checker did not report");
    }
    return eg;
  }

 private:
  const check::program& p_;
  graph_type g_;
  std::map<id, vertex> titles_, lets_, scores_, forms_, inputs_, params_;
  std::vector<vertex> rewards_;

  vertex add(node n) { return boost::add_vertex(std::move(n), g_); }
  void edge(vertex from, vertex to) {
    if (from != to) boost::add_edge(from, to, g_);
  }

  std::string cite(const std::optional<check::citation>& c) const {
    if (!c || c->source >= p_.cites.size()) return {};
    return p_.cites[c->source].title + (c->locator.empty() ? "" : ", " + c->locator);
  }

  // The expression as written in its file.
  std::string text(id e) const {
    if (e == no_id) return {};
    const auto& w = p_.exprs[e].where;
    if (w.file >= p_.sources.size()) return {};
    std::string s = p_.sources[w.file].substr(w.begin, w.end - w.begin);
    for (auto& ch : s) {
      if (ch == '\n' || ch == '\r' || ch == '\t') ch = ' ';
    }
    return s;
  }

  vertex input(id f) {
    const auto it = inputs_.find(f);
    if (it != inputs_.end()) return it->second;
    const auto& fd = p_.fields[f];
    const std::string owner = fd.entity < p_.entities.size() ? p_.entities[fd.entity].name : "?";
    return inputs_[f] = add(
               {node_kind::input, f, no_id, owner + "." + fd.name, fd.file + ": " + fd.column, ""});
  }
  vertex param(id pid) {
    const auto it = params_.find(pid);
    if (it != params_.end()) return it->second;
    const auto& pr = p_.params[pid];
    return params_[pid] =
               add({node_kind::param, pid, no_id, pr.name, "dated parameter", cite(pr.cite)});
  }

  // Edges into `to` from everything expression `e` reads. `history` marks reads of earlier
  // years, which depend on inputs but not on this year's computations. A worklist, not
  // recursion: an expression may be a chain of thousands of terms.
  void depend(id root, vertex root_to, bool root_history) {
    struct item {
      id e;
      vertex to;
      bool history;
    };
    std::vector<item> work{{root, root_to, root_history}};
    while (!work.empty()) {
      const auto [e, to, history] = work.back();
      work.pop_back();
      if (e == no_id) continue;
      const auto& x = p_.exprs[e];
      switch (x.kind) {
        case op::field:
          edge(input(x.ref), to);
          break;
        case op::param:
          edge(param(x.ref), to);
          break;
        case op::title:
          if (!history) edge(titles_[x.ref], to);
          break;
        case op::let:
          if (!history) edge(lets_[x.ref], to);
          break;
        case op::score:
        case op::band:
          if (!history) edge(scores_[x.ref], to);
          break;
        case op::form:
          if (!history) edge(forms_[x.ref], to);
          break;
        case op::reward_total:
          for (const auto r : rewards_) edge(r, to);
          break;
        default:
          break;  // held(): prior awards are data, read through the title's code
      }
      vertex into = to;
      if (check::is_aggregate(x.kind)) {
        into = add({node_kind::aggregate, no_id, e, "aggregate", text(e), ""});
        edge(into, to);
      }
      const bool earlier = history || x.kind == op::at_year || x.kind == op::years_since;
      for (const id a : x.args) work.push_back({a, into, earlier});
    }
  }

  void title(id t) {
    const auto& ti = p_.titles[t];
    const vertex tv = titles_[t];
    auto requirement = [&](const check::requirement& q, vertex into) {
      const auto v = add({node_kind::condition, t, q.condition, ti.code + "." + q.label,
                          text(q.condition), cite(q.cite)});
      depend(q.condition, v, false);
      edge(v, into);
      return v;
    };
    std::vector<vertex> conditions;
    for (std::size_t k = 0; k < ti.requirements.size(); ++k) {
      const auto& q = ti.requirements[k];
      vertex v;
      if (!q.any_of.empty()) {
        v = add({node_kind::condition, t, no_id, ti.code + "." + q.label, "any of", cite(q.cite)});
        for (const id a : q.any_of) requirement(ti.alternatives[a], v);
        edge(v, tv);
      } else {
        v = requirement(q, tv);
      }
      for (const auto& ex : ti.exceptions) {
        if (ex.requirement != k) continue;
        const auto xv =
            add({node_kind::exception, t, ex.condition, ti.code + "." + q.label + " (exception)",
                 text(ex.condition), cite(ex.cite)});
        depend(ex.condition, xv, false);
        edge(xv, v);
      }
      conditions.push_back(v);
    }
    if (ti.quota_rule || ti.rank_rule) {
      const bool quota = ti.quota_rule.has_value();
      const auto v = add(
          {quota ? node_kind::quota : node_kind::ranking, t, quota ? ti.quota_rule->count : no_id,
           ti.code + (quota ? " quota" : " ranking"),
           quota ? text(ti.quota_rule->count) : "top " + std::to_string(ti.rank_rule->top), ""});
      for (const auto c : conditions) edge(c, v);  // candidates: those meeting the requirements
      depend(quota ? ti.quota_rule->per : ti.rank_rule->per, v, false);
      if (quota) depend(ti.quota_rule->count, v, false);
      for (const auto& k : quota ? ti.quota_rule->keys : ti.rank_rule->keys)
        depend(k.key, v, false);
      edge(v, tv);
    }
  }
};

std::string escape(const std::string& s) {
  std::string out;
  for (const char c : s) {
    if (c == '"' || c == '\\') out += '\\';
    out += c;
  }
  return out;
}

}  // namespace

const char* to_string(node_kind k) noexcept {
  switch (k) {
    case node_kind::input:
      return "input";
    case node_kind::param:
      return "param";
    case node_kind::condition:
      return "condition";
    case node_kind::exception:
      return "exception";
    case node_kind::aggregate:
      return "aggregate";
    case node_kind::title:
      return "title";
    case node_kind::quota:
      return "quota";
    case node_kind::ranking:
      return "ranking";
    case node_kind::let:
      return "let";
    case node_kind::score:
      return "score";
    case node_kind::form:
      return "form";
    case node_kind::reward:
      return "reward";
    case node_kind::output:
      return "output";
  }
  return "node";
}

evaluation_graph build(const check::program& program) { return builder(program).run(); }

std::string to_dot(const evaluation_graph& eg, const std::string& name) {
  const auto& g = eg.graph;
  std::string out = "digraph \"" + escape(name) +
                    "\" {\n  rankdir=LR;\n  node [fontname=\"DejaVu Sans\", fontsize=10];\n";
  // Nodes in topological order, numbered by that order, so the text is stable.
  std::vector<std::size_t> number(boost::num_vertices(g));
  for (std::size_t i = 0; i < eg.order.size(); ++i) number[eg.order[i]] = i;
  for (std::size_t i = 0; i < eg.order.size(); ++i) {
    const auto& n = g[eg.order[i]];
    const char* shape = "box";
    switch (n.kind) {
      case node_kind::input:
        shape = "cylinder";
        break;
      case node_kind::param:
        shape = "note";
        break;
      case node_kind::title:
        shape = "doubleoctagon";
        break;
      case node_kind::aggregate:
        shape = "invtrapezium";
        break;
      case node_kind::quota:
      case node_kind::ranking:
        shape = "hexagon";
        break;
      case node_kind::form:
        shape = "diamond";
        break;
      case node_kind::output:
        shape = "folder";
        break;
      default:
        break;
    }
    std::string label = escape(n.label);
    if (!n.detail.empty()) label += "\\n" + escape(n.detail);
    if (!n.citation.empty()) label += "\\n[" + escape(n.citation) + "]";
    out += "  n" + std::to_string(i) + " [shape=" + shape + ", label=\"" + label + "\"];\n";
  }
  for (std::size_t i = 0; i < eg.order.size(); ++i) {
    std::vector<std::size_t> targets;
    for (auto [e, end] = boost::out_edges(eg.order[i], g); e != end; ++e) {
      targets.push_back(number[boost::target(*e, g)]);
    }
    std::sort(targets.begin(), targets.end());
    for (const auto t : targets) {
      out += "  n" + std::to_string(i) + " -> n" + std::to_string(t) + ";\n";
    }
  }
  return out + "}\n";
}

}  // namespace thidua::plan
