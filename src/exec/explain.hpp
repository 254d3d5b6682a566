// exec/explain.hpp — explanations of single decisions (see thidua/evaluate.hpp for the shape).
#pragma once

#include <optional>
#include <string>
#include <vector>

#include "exec/engine.hpp"
#include "thidua/evaluate.hpp"

namespace thidua::exec {

class explainer {
 public:
  // With an overlay, explains the what-if it holds (engine::what_if decided it).
  explicit explainer(engine& e, const overlay* ov = nullptr);

  // Why entity row `row` did or did not earn title `t` in the engine's year. The title must be
  // decided (engine::title) first.
  [[nodiscard]] explanation explain(id t, std::uint32_t row) const;

  // A value as a reader sees it: "HTT (Hoàn thành tốt nhiệm vụ)", "yes", "{LDTT, CSTDCS}".
  [[nodiscard]] std::string display(id e, const vec& v, std::size_t lane) const;

 private:
  engine& e_;
  const check::program& p_;
  const overlay* ov_ = nullptr;

  [[nodiscard]] std::string text(const check::span& s) const;
  [[nodiscard]] std::optional<citation_info> citation(
      const std::optional<check::citation>& c) const;
  void inputs(id e, id entity, std::uint32_t row, int year,
              std::vector<explained_value>& out) const;
  void input(id e, id entity, std::uint32_t row, int year, std::vector<explained_value>& out) const;
  static const char* outcome(const vec& v);
  [[nodiscard]] explained_condition condition(const check::title& t, std::size_t qi,
                                              const check::requirement& q, std::uint32_t row,
                                              int year, bool alternative) const;
};

}  // namespace thidua::exec
