#include "check/checker.hpp"

#include <algorithm>
#include <boost/variant/get.hpp>
#include <filesystem>
#include <tuple>

#include "syntax/parser.hpp"

namespace thidua::check {

checker::checker(const pack_source& source, const compile_options& options)
    : source_(source), options_(options) {}

void checker::report(severity level, span where, std::optional<code> c, std::string message,
                     std::string hint) {
  if (quiet_ > 0) {
    quiet_failed_ = quiet_failed_ || level == severity::error;
    return;
  }
  if (level == severity::warning && options_.warnings_as_errors) level = severity::error;
  if (level == severity::error) {
    if (options_.max_errors != 0 && errors_ >= options_.max_errors) {
      ++suppressed_;
      return;
    }
    ++errors_;
  } else if (level == severity::note && options_.max_errors != 0 &&
             errors_ >= options_.max_errors && suppressed_ > 0) {
    return;  // a note to an error that was not shown
  }
  if (where.file == no_id || where.file >= maps_.size()) {
    diagnostic d;
    d.level = level;
    d.region.path = source_.root();
    d.code = c ? std::string(support::name(*c)) : std::string();
    d.message = std::move(message);
    d.hint = std::move(hint);
    diags_.push_back(std::move(d));
    return;
  }
  auto d = maps_[where.file]->make(level, where.begin, where.end, c.value_or(code::syntax),
                                   std::move(message), std::move(hint));
  if (!c) d.code.clear();
  diags_.push_back(std::move(d));
}

namespace {

// A pack-relative path for `target` included from `from`, or nullopt if it leaves the pack.
std::optional<std::string> resolve_include(const std::string& from, const std::string& target) {
  namespace fs = std::filesystem;
  const fs::path t(target);
  if (t.is_absolute() || target.empty()) return std::nullopt;
  const fs::path joined = (fs::path(from).parent_path() / t).lexically_normal();
  const std::string s = joined.generic_string();
  if (s.empty() || s == "." || s.rfind("..", 0) == 0) return std::nullopt;
  return s;
}

}  // namespace

void checker::load_files() {
  struct pending {
    std::string path;
    std::size_t depth;
    std::vector<std::string> chain;  // include chain, for cycle messages
    span from;                       // the include that asked for it
  };
  std::vector<pending> work{{"pack.tdk", 0, {"pack.tdk"}, {}}};
  std::unordered_map<std::string, id> loaded;
  std::vector<std::pair<id, const syntax::ast::include_decl*>> includes;

  // Depth-first, in include order, so files are numbered as a reader meets them.
  while (!work.empty()) {
    pending p = std::move(work.back());
    work.pop_back();
    std::string err;
    auto text = source_.read(p.path, err);
    if (!text) {
      if (p.depth == 0) {
        error({}, code::cannot_read, "cannot read pack.tdk: " + err,
              "a pack is a folder with a pack.tdk file");
      } else {
        error(p.from, code::cannot_read, "cannot read '" + p.path + "': " + err);
      }
      continue;
    }
    const auto fid = static_cast<id>(files_.size());
    loaded.emplace(p.path, fid);
    prog_.files.push_back(p.path);
    const std::string display = source_.root().empty() ? p.path : source_.root() + "/" + p.path;
    auto parsed = syntax::parse(display, std::move(*text), options_,
                                options_.max_nodes > nodes_ ? options_.max_nodes - nodes_ : 0);
    nodes_ += parsed.nodes;
    files_.push_back(std::move(parsed.file));
    maps_.push_back(std::make_unique<support::source_map>(display, files_.back().text));
    for (auto& d : parsed.diagnostics) {
      if (options_.max_errors != 0 && errors_ >= options_.max_errors) {
        ++suppressed_;
        continue;
      }
      ++errors_;
      diags_.push_back(std::move(d));
    }

    // Queue includes in reverse so they are processed in source order.
    std::vector<pending> next;
    for (const auto& decl : files_[fid].declarations) {
      const auto* inc = boost::get<syntax::ast::include_decl>(&decl);
      if (inc == nullptr) continue;
      const span where = at(fid, inc->path);
      auto resolved = resolve_include(p.path, inc->path.value);
      if (!resolved) {
        error(where, code::include_outside_pack,
              "include path '" + inc->path.value + "' leaves the pack folder",
              "use a path relative to this file, inside the pack");
        continue;
      }
      if (std::find(p.chain.begin(), p.chain.end(), *resolved) != p.chain.end()) {
        std::string cycle;
        for (const auto& c : p.chain) cycle += c + " -> ";
        error(where, code::include_cycle, "include cycle: " + cycle + *resolved);
        continue;
      }
      if (loaded.count(*resolved) != 0) {
        warning(where, code::include_twice, "'" + *resolved + "' is already included; ignored");
        continue;
      }
      if (p.depth + 1 > options_.max_include_depth) {
        error(where, code::include_too_deep,
              "includes nested deeper than the limit of " +
                  std::to_string(options_.max_include_depth),
              "compile_options::max_include_depth");
        continue;
      }
      if (files_.size() + work.size() + next.size() >= options_.max_files) {
        error(where, code::too_many_files,
              "pack has more than " + std::to_string(options_.max_files) + " files",
              "compile_options::max_files");
        continue;
      }
      auto chain = p.chain;
      chain.push_back(*resolved);
      loaded.emplace(*resolved, no_id);  // reserve: a second include of it is a duplicate
      next.push_back({*resolved, p.depth + 1, std::move(chain), where});
    }
    for (auto it = next.rbegin(); it != next.rend(); ++it) work.push_back(std::move(*it));
  }
}

check_output checker::run() {
  load_files();
  // After syntax errors the trees are partial: checking them would only add noise (names whose
  // declarations did not parse), so stop here.
  if (errors_ == 0) {
    register_names();
    check_declarations();
    check_cycles();
    check_unused();
  }
  // Report in reading order (file, line, column); a note stays with the diagnostic before it.
  {
    std::vector<std::vector<diagnostic>> groups;
    for (auto& d : diags_) {
      if (d.level == severity::note && !groups.empty()) {
        groups.back().push_back(std::move(d));
      } else {
        groups.push_back({std::move(d)});
      }
    }
    auto file_index = [&](const std::string& path) {
      for (std::size_t i = 0; i < maps_.size(); ++i) {
        if (maps_[i]->path() == path) return i;
      }
      return std::size_t{0};
    };
    std::stable_sort(groups.begin(), groups.end(), [&](const auto& a, const auto& b) {
      const auto& ra = a.front().region;
      const auto& rb = b.front().region;
      return std::make_tuple(file_index(ra.path), ra.begin.line, ra.begin.column) <
             std::make_tuple(file_index(rb.path), rb.begin.line, rb.begin.column);
    });
    diags_.clear();
    for (auto& g : groups) {
      for (auto& d : g) diags_.push_back(std::move(d));
    }
  }
  if (suppressed_ > 0) {
    diagnostic d;
    d.level = severity::note;
    d.region.path = source_.root();
    d.message =
        std::to_string(suppressed_) + " more errors not shown (compile_options::max_errors)";
    diags_.push_back(std::move(d));
  }
  for (const auto& f : files_) prog_.sources.push_back(f.text);
  check_output out;
  out.ok = errors_ == 0;
  out.prog = std::move(prog_);
  out.diagnostics = std::move(diags_);
  return out;
}

check_output check_pack(const pack_source& source, const compile_options& options) {
  checker c(source, options);
  return c.run();
}

}  // namespace thidua::check
