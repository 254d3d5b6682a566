#include "thidua/pack.hpp"

#include <fstream>
#include <sstream>
#include <system_error>

#include "api/model.hpp"
#include "check/checker.hpp"
#include "support/source_map.hpp"

namespace thidua {

pack_source pack_source::directory(std::filesystem::path dir) {
  std::string root = dir.generic_string();
  while (root.size() > 1 && root.back() == '/') root.pop_back();
  return pack_source(root,
                     [dir = std::move(dir)](const std::string& path,
                                            std::string& error) -> std::optional<std::string> {
                       const auto full = dir / std::filesystem::path(path);
                       std::error_code ec;
                       if (!std::filesystem::is_regular_file(full, ec)) {
                         error = ec ? ec.message() : "no such file";
                         return std::nullopt;
                       }
                       std::ifstream in(full, std::ios::binary);
                       if (!in) {
                         error = "cannot open";
                         return std::nullopt;
                       }
                       std::ostringstream ss;
                       ss << in.rdbuf();
                       if (in.bad()) {
                         error = "read error";
                         return std::nullopt;
                       }
                       return std::move(ss).str();
                     });
}

pack_source pack_source::memory(std::map<std::string, std::string> files) {
  return pack_source("",
                     [files = std::move(files)](const std::string& path,
                                                std::string& error) -> std::optional<std::string> {
                       const auto it = files.find(path);
                       if (it == files.end()) {
                         error = "no such file";
                         return std::nullopt;
                       }
                       return it->second;
                     });
}

std::optional<std::string> pack_source::read(const std::string& path, std::string& error) const {
  return read_(path, error);
}

ruleset::ruleset(std::shared_ptr<const detail::model> m) : model_(std::move(m)) {
  const auto& p = model_->program;
  if (p.in_force_from) from_ = check::civil_from_days(*p.in_force_from);
  if (p.in_force_to) to_ = check::civil_from_days(*p.in_force_to);
}

const std::string& ruleset::name() const noexcept { return model_->program.name; }
const std::string& ruleset::version() const noexcept { return model_->program.version; }

const std::string& ruleset::in_force_from() const noexcept { return from_; }
const std::string& ruleset::in_force_to() const noexcept { return to_; }

std::vector<std::string> ruleset::files() const { return model_->program.files; }

std::vector<std::string> ruleset::entities() const {
  std::vector<std::string> out;
  for (const auto& e : model_->program.entities) out.push_back(e.name);
  return out;
}

std::vector<title_info> ruleset::titles() const {
  const auto& p = model_->program;
  std::vector<title_info> out;
  for (const auto& t : p.titles) {
    title_info ti;
    ti.code = t.code;
    ti.name = t.display;
    ti.kind = t.award ? "award" : "title";
    ti.entity = t.entity < p.entities.size() ? p.entities[t.entity].name : std::string();
    ti.period = check::to_string(t.per);
    if (t.cite && t.cite->source < p.cites.size()) {
      ti.citation = citation_info{p.cites[t.cite->source].name, p.cites[t.cite->source].title,
                                  t.cite->locator};
    }
    for (const auto& r : t.requirements) ti.requirements.push_back(r.label);
    out.push_back(std::move(ti));
  }
  return out;
}

std::map<std::string, std::size_t> ruleset::declaration_counts() const {
  const auto& p = model_->program;
  std::size_t titles = 0;
  std::size_t awards = 0;
  for (const auto& t : p.titles) (t.award ? awards : titles) += 1;
  return {{"cite", p.cites.size()},
          {"enum", p.enums.size()},
          {"set", p.sets.size()},
          {"entity", p.entities.size()},
          {"relation", p.relations.size()},
          {"param", p.params.size()},
          {"title", titles},
          {"award", awards},
          {"form", p.forms.size()},
          {"reward", p.rewards.size()},
          {"let", p.lets.size()},
          {"score_table", p.scores.size()},
          {"target", p.targets.size()},
          {"output", p.outputs.size()}};
}

result<ruleset> compile(const pack_source& source, const compile_options& options) {
  try {
    auto out = check::check_pack(source, options);
    if (!out.ok) return result<ruleset>::failure(std::move(out.diagnostics));
    auto m = std::make_shared<detail::model>();
    m->program = std::move(out.prog);
    m->root = source.root();
    return result<ruleset>(ruleset(std::move(m)), std::move(out.diagnostics));
  } catch (const std::bad_alloc&) {
    return result<ruleset>::failure({support::unlocated(source.root(), support::code::out_of_memory,
                                                        "out of memory while compiling the pack")});
  } catch (const std::logic_error& e) {
    // An internal assertion (a bug in thidua, not in the pack): still a value, never an abort.
    return result<ruleset>::failure({support::unlocated(
        source.root(), support::code::internal_error,
        std::string(e.what()) + " (please report this bug with the pack that caused it)")});
  }
}

}  // namespace thidua
