#include "io/load.hpp"

#include <algorithm>
#include <charconv>
#include <cstdio>

#include <atomic>
#include <exception>
#include <mutex>
#include <optional>

#include <fcntl.h>
#include <sys/mman.h>
#include <sys/stat.h>
#include <unistd.h>
#include <system_error>
#include <thread>

#include "check/checker.hpp"
#include "io/csv.hpp"
#include "support/codes.hpp"
#include "support/utf8.hpp"

namespace thidua::io {

namespace {

using check::id;
using check::no_id;
using check::type_kind;
using support::code;

// Collects data errors: the first `max` are kept, all are counted.
class error_sink {
 public:
  explicit error_sink(std::size_t max) : max_(max) {}
  void add(const std::string& path, std::size_t row, std::size_t column, code c,
           std::string message) {
    ++count_;
    if (max_ != 0 && kept_.size() >= max_) return;
    diagnostic d;
    d.level = severity::error;
    d.region.path = path;
    d.region.begin = {static_cast<std::uint32_t>(row), static_cast<std::uint32_t>(column)};
    d.region.end = d.region.begin;
    d.code = std::string(support::name(c));
    d.message = std::move(message);
    kept_.push_back(std::move(d));
  }
  [[nodiscard]] std::size_t count() const noexcept { return count_; }
  [[nodiscard]] std::size_t max() const noexcept { return max_; }
  // No more messages are kept (they are still counted).
  [[nodiscard]] bool full() const noexcept { return max_ != 0 && kept_.size() >= max_; }
  // Appends every message of another sink (to be sorted and cut with sort_by_position).
  void merge_all(error_sink&& other) {
    count_ += other.count_;
    for (auto& d : other.kept_) kept_.push_back(std::move(d));
  }
  // Appends another sink's errors (those of a later part of a file).
  void merge(error_sink&& other) {
    count_ += other.count_;
    for (auto& d : other.kept_) {
      if (full()) break;
      kept_.push_back(std::move(d));
    }
  }
  // Orders kept messages by row, then column (stable), keeping the first `max` of them.
  void sort_by_position() {
    std::stable_sort(kept_.begin(), kept_.end(), [](const diagnostic& a, const diagnostic& b) {
      return std::pair(a.region.begin.line, a.region.begin.column) <
             std::pair(b.region.begin.line, b.region.begin.column);
    });
    if (max_ != 0 && kept_.size() > max_) kept_.resize(max_);
  }
  std::vector<diagnostic> take(const std::string& where) {
    if (count_ > kept_.size()) {
      diagnostic d;
      d.level = severity::note;
      d.region.path = where;
      d.message = std::to_string(count_) + " data errors in total; the first " +
                  std::to_string(kept_.size()) + " are shown";
      kept_.push_back(std::move(d));
    }
    return std::move(kept_);
  }

 private:
  std::size_t max_;
  std::size_t count_ = 0;
  std::vector<diagnostic> kept_;
};

// Shows a cell in a message: quoted, shortened, control characters made visible.
std::string quote(std::string_view s) {
  std::string t = support::printable(s.size() > 60 ? s.substr(0, 57) : s);
  if (s.size() > 60) t += "...";
  return "'" + t + "'";
}

bool parse_int(std::string_view s, std::int64_t& out) {
  if (s.empty() || s.size() > 19) return false;
  const char* first = s.data();
  const char* last = s.data() + s.size();
  if (*first == '+') return false;
  const auto r = std::from_chars(first, last, out);
  return r.ec == std::errc() && r.ptr == last;
}

// "87.25" with at most `scale` decimal places, as an integer scaled by 10^scale.
enum class decimal_status { ok, bad, too_precise };
decimal_status parse_decimal(std::string_view s, unsigned scale, std::int64_t& out) {
  bool negative = false;
  if (!s.empty() && s[0] == '-') {
    negative = true;
    s.remove_prefix(1);
  }
  const auto dot = s.find('.');
  const std::string_view whole = s.substr(0, dot);
  const std::string_view frac =
      dot == std::string_view::npos ? std::string_view() : s.substr(dot + 1);
  if (whole.empty() || (dot != std::string_view::npos && frac.empty())) return decimal_status::bad;
  if (whole.size() + scale > 18) return decimal_status::bad;
  std::int64_t v = 0;
  for (const char c : whole) {
    if (c < '0' || c > '9') return decimal_status::bad;
    v = v * 10 + (c - '0');
  }
  for (const char c : frac) {
    if (c < '0' || c > '9') return decimal_status::bad;
  }
  if (frac.size() > scale) return decimal_status::too_precise;
  for (unsigned i = 0; i < scale; ++i) {
    v = v * 10 + (i < frac.size() ? frac[i] - '0' : 0);
  }
  out = negative ? -v : v;
  return decimal_status::ok;
}

bool parse_date(std::string_view s, std::int64_t& out) {
  if (s.size() != 10 || s[4] != '-' || s[7] != '-') return false;
  auto num = [&](std::size_t at, std::size_t n, int& v) {
    v = 0;
    for (std::size_t i = at; i < at + n; ++i) {
      if (s[i] < '0' || s[i] > '9') return false;
      v = v * 10 + (s[i] - '0');
    }
    return true;
  };
  int y = 0;
  int m = 0;
  int d = 0;
  if (!num(0, 4, y) || !num(5, 2, m) || !num(8, 2, d) || !check::valid_date(y, m, d)) return false;
  out = check::days_from_civil(y, m, d);
  return true;
}

// The scale a data column of type `t` is stored with.
unsigned storage_scale(const check::type& t) {
  switch (t.kind) {
    case type_kind::decimal:
      return t.scale;
    case type_kind::percent:
      return 4;  // percent points with up to 4 decimals: 12.5% is 125000
    default:
      return 0;
  }
}

// A data file's text: mapped from disk (read-only, no copy) or held in memory.
class file_text {
 public:
  file_text() = default;
  file_text(const file_text&) = delete;
  file_text& operator=(const file_text&) = delete;
  ~file_text() {
    if (map_ != nullptr) ::munmap(map_, size_);
  }
  [[nodiscard]] std::string_view view() const {
    return map_ != nullptr ? std::string_view(static_cast<const char*>(map_), size_)
                           : std::string_view(owned);
  }
  bool map(const std::filesystem::path& path, std::string& error) {
    std::error_code ec;
    if (!std::filesystem::is_regular_file(path, ec)) {
      error = "no such file";
      return false;
    }
    const int fd = ::open(path.c_str(), O_RDONLY | O_CLOEXEC);
    if (fd < 0) {
      error = "cannot open";
      return false;
    }
    struct stat st {};
    if (::fstat(fd, &st) != 0) {
      ::close(fd);
      error = "cannot read";
      return false;
    }
    size_ = static_cast<std::size_t>(st.st_size);
    if (size_ != 0) {
      void* p = ::mmap(nullptr, size_, PROT_READ, MAP_PRIVATE, fd, 0);
      if (p == MAP_FAILED) {
        ::close(fd);
        error = "cannot map";
        return false;
      }
      ::madvise(p, size_, MADV_SEQUENTIAL | MADV_WILLNEED);
      map_ = p;
    }
    ::close(fd);
    return true;
  }
  std::string owned;

 private:
  void* map_ = nullptr;
  std::size_t size_ = 0;
};

// The fields a program reads anywhere: in an expression, or as the link of a relation.
std::vector<bool> fields_read(const check::program& p) {
  std::vector<bool> used(p.fields.size(), false);
  for (const auto& x : p.exprs) {
    if (x.kind == check::op::field && x.ref < used.size()) used[x.ref] = true;
  }
  for (const auto& r : p.relations) {
    if (r.via < used.size()) used[r.via] = true;
  }
  return used;
}

}  // namespace

// One cell's value as the field's type stores it (see load.hpp).
cell_parse parse_cell(const check::program& p, const check::field& f, std::string_view s,
                      std::int64_t& v, std::string& text) {
  auto code_of = [&](id e, std::string_view code) -> std::int64_t {
    const auto& codes = p.enums[e].codes;
    for (std::size_t k = 0; k < codes.size(); ++k) {
      if (codes[k].code == code) return static_cast<std::int64_t>(k);
    }
    return -1;
  };
  auto bad = [](std::string what) { return cell_parse{cell_status::bad, std::move(what)}; };
  switch (f.t.kind) {
    case type_kind::boolean:
      if (s == "1" || s == "true") {
        v = 1;
      } else if (s == "0" || s == "false") {
        v = 0;
      } else {
        return bad("a boolean (0, 1, true or false)");
      }
      break;
    case type_kind::integer:
      if (!parse_int(s, v)) return bad("a whole number");
      break;
    case type_kind::decimal:
    case type_kind::percent:
    case type_kind::money: {
      std::string_view n = s;
      if (f.t.kind == type_kind::percent && !n.empty() && n.back() == '%') n.remove_suffix(1);
      const unsigned scale = storage_scale(f.t);
      const auto st = parse_decimal(n, scale, v);
      if (st == decimal_status::too_precise) {
        return bad(f.t.kind == type_kind::money
                       ? "a whole number of VND"
                       : "a number with at most " + std::to_string(scale) + " decimal places");
      }
      if (st != decimal_status::ok) return bad("a number");
      break;
    }
    case type_kind::date:
      if (!parse_date(s, v)) return bad("a date (YYYY-MM-DD)");
      break;
    case type_kind::text:
      text = std::string(s);
      break;
    case type_kind::enumeration: {
      const auto k = code_of(f.t.ref, s);
      if (k < 0) return {cell_status::unknown_code, std::string(s)};
      v = k;
      break;
    }
    case type_kind::set: {
      if (p.enums[f.t.ref].codes.size() > 64) {
        return bad("a set: enum " + p.enums[f.t.ref].name + " has more than 64 codes");
      }
      std::uint64_t bits = 0;
      std::string_view rest = s;
      while (true) {
        const auto semi = rest.find(';');
        const std::string_view one = rest.substr(0, semi);
        const auto k = code_of(f.t.ref, one);
        if (k < 0) return {cell_status::unknown_code, std::string(one)};
        bits |= std::uint64_t{1} << k;
        if (semi == std::string_view::npos) break;
        rest.remove_prefix(semi + 1);
      }
      v = static_cast<std::int64_t>(bits);
      break;
    }
    default:
      return {cell_status::reference, {}};
  }
  return {cell_status::ok, {}};
}

namespace {

// Every column of a record table to `n` rows (growing without zeroing: see data::buffer).
template <class Table>
void resize_rows(Table& table, std::size_t n) {
  table.entity.resize(n);
  table.year.resize(n);
  table.period.resize(n);
  for (auto& col : table.columns) {
    col.values.resize(n);
    col.known.resize(n);
  }
}

class loader {
 public:
  loader(const check::program& p, const file_reader& reader, std::string dir, const load_options& o)
      : p_(p),
        reader_(reader),
        dir_(std::move(dir)),
        errors_(o.max_errors),
        threads_(o.threads == 0 ? std::max(1U, std::thread::hardware_concurrency()) : o.threads) {
    if (o.project) used_ = fields_read(p);
    progress_ = o.progress;
  }

  // Whether a field's values are parsed: all of them, or with `project`, those the pack reads.
  [[nodiscard]] bool parsed(id f) const { return used_.empty() || used_[f]; }

  // Reads files by mapping them from `dir` rather than through the reader.
  void map_files_of(const std::filesystem::path& dir) {
    mapped_dir_ = dir;
    std::vector<std::string> files;
    for (const auto& e : p_.entities) {
      files.push_back(e.file);
      for (const auto& r : e.record_files) {
        if (!r.empty()) files.push_back(r);
      }
    }
    for (const auto& t : p_.targets) files.push_back(t.file);
    if (p_.awards) files.push_back(p_.awards->file);
    std::sort(files.begin(), files.end());
    files.erase(std::unique(files.begin(), files.end()), files.end());
    for (const auto& f : files) {
      std::error_code ec;
      const auto n = std::filesystem::file_size(dir / f, ec);
      if (!ec) total_bytes_ += n;
    }
  }

  load_output run() {
    load_output out;
    out.data.entities.resize(p_.entities.size());
    out.data.records.resize(p_.entities.size());
    data_ = &out.data;
    // Keys first, so that references between entities (a unit's parent, a person's unit)
    // resolve whatever the declaration order.
    for (id e = 0; e < p_.entities.size(); ++e) load_entity(e);
    for (id e = 0; e < p_.entities.size(); ++e) resolve_entity_references(e);
    for (id e = 0; e < p_.entities.size(); ++e) {
      for (int per = 0; per < 4; ++per) {
        if (!p_.entities[e].record_files[static_cast<std::size_t>(per)].empty()) {
          load_rows(e, static_cast<check::period>(per), no_id);
        }
      }
    }
    out.data.targets.resize(p_.targets.size());
    for (id t = 0; t < p_.targets.size(); ++t) {
      if (p_.targets[t].entity != no_id) load_rows(p_.targets[t].entity, p_.targets[t].per, t);
    }
    if (p_.awards) load_awards();
    out.ok = errors_.count() == 0;
    out.diagnostics = errors_.take(dir_);
    if (!out.ok) out.data = data::dataset();  // nothing half-loaded
    return out;
  }

 private:
  const check::program& p_;
  const file_reader& reader_;
  std::string dir_;  // shown in messages
  error_sink errors_;
  data::dataset* data_ = nullptr;
  // Static reference cells waiting for every entity's keys: (entity, column index, row, text).
  struct pending_ref {
    id entity;
    std::size_t column;
    std::uint32_t row;
    std::string key;
    std::size_t csv_row;
    std::size_t csv_column;
  };
  std::vector<pending_ref> refs_;
  std::size_t threads_ = 1;
  std::vector<bool> used_;  // by field id, when projecting; empty: parse every field
  std::function<void(std::uint64_t, std::uint64_t)> progress_;
  std::uint64_t total_bytes_ = 0;
  std::atomic<std::uint64_t> done_bytes_{0};
  std::thread::id main_thread_ = std::this_thread::get_id();
  std::optional<std::filesystem::path> mapped_dir_;  // set: map the files of this folder
  std::vector<std::size_t> row_of_slot_;  // CSV row of each loaded record, when rows were dropped

  std::string path_of(const std::string& file) const {
    return dir_.empty() ? file : dir_ + "/" + file;
  }

  bool read(const std::string& file, file_text& text) {
    std::string error;
    const bool ok =
        mapped_dir_ ? text.map(*mapped_dir_ / file, error) : reader_(file, text.owned, error);
    if (!ok) {
      errors_.add(path_of(file), 0, 0, code::cannot_read,
                  "cannot read " + path_of(file) + ": " + error);
      return false;
    }
    data_->bytes_read += text.view().size();
    return true;
  }

  // Counts a part of a file as parsed when it goes out of scope, however the parsing ends.
  struct progress_guard {
    loader& l;
    std::size_t n;
    progress_guard(loader& owner, std::size_t bytes) : l(owner), n(bytes) {}
    progress_guard(const progress_guard&) = delete;
    progress_guard& operator=(const progress_guard&) = delete;
    ~progress_guard() { l.parsed_bytes(n, std::this_thread::get_id() == l.main_thread_); }
  };

  // Bytes of a file parsed: counted, and shown to the host from the loading thread.
  void parsed_bytes(std::size_t n, bool report) {
    const auto done = done_bytes_.fetch_add(n) + n;
    if (report && progress_) progress_(done, total_bytes_);
  }

  // Header: the position of each wanted column, or errors for the missing ones.
  bool header(csv_cursor& cur, const std::string& path, const std::vector<std::string>& wanted,
              std::vector<std::size_t>& positions, std::size_t& width) {
    std::vector<std::string_view> fields;
    csv_error err;
    if (!cur.next(fields, err)) {
      if (cur.failed()) {
        errors_.add(path, err.row, err.column, code::csv_syntax, err.message);
      } else {
        errors_.add(path, 1, 0, code::missing_column, "the file is empty: it needs a header row");
      }
      return false;
    }
    width = fields.size();
    bool ok = true;
    positions.clear();
    for (const auto& w : wanted) {
      std::size_t found = fields.size();
      for (std::size_t i = 0; i < fields.size(); ++i) {
        if (fields[i] == w) found = i;
      }
      if (found == fields.size()) {
        errors_.add(path, 1, 0, code::missing_column, "missing column '" + w + "'");
        ok = false;
      }
      positions.push_back(found);
    }
    return ok;
  }

  // Iterates the records of a cursor, checking their width; calls f(fields, row) with the CSV
  // row number (the cursor's own record number plus `row0`, the rows before its text).
  template <class F>
  void rows(csv_cursor& cur, error_sink& errors, const std::string& path, std::size_t width,
            std::size_t row0, F&& f) {
    std::vector<std::string_view> fields;
    csv_error err;
    for (;;) {
      if (!cur.next(fields, err)) {
        if (cur.failed()) {
          errors.add(path, row0 + err.row, err.column, code::csv_syntax, err.message);
          continue;
        }
        break;
      }
      if (fields.size() == 1 && fields[0].empty() && width > 1) continue;  // a blank line
      if (fields.size() != width) {
        errors.add(path, row0 + cur.row(), std::min(fields.size(), width) + 1, code::ragged_row,
                   "row has " + std::to_string(fields.size()) + " fields, the header has " +
                       std::to_string(width));
        continue;
      }
      f(fields, row0 + cur.row());
    }
  }

  // Calls f(i) for i in [0, n) on up to threads_ threads.
  template <class F>
  void run_parallel(std::size_t n, F&& f) {
    const std::size_t workers = std::min<std::size_t>(threads_, n);
    if (workers <= 1) {
      for (std::size_t i = 0; i < n; ++i) f(i);
      return;
    }
    std::atomic<std::size_t> next{0};
    std::exception_ptr error;  // the first exception (bad_alloc): rethrown here, not in a worker
    std::mutex error_mutex;
    auto work = [&]() noexcept {
      try {
        for (std::size_t i = next.fetch_add(1); i < n; i = next.fetch_add(1)) f(i);
      } catch (...) {
        next.store(n);
        const std::lock_guard lock(error_mutex);
        if (!error) error = std::current_exception();
      }
    };
    std::vector<std::thread> pool;
    for (std::size_t t = 1; t < workers; ++t) pool.emplace_back(work);
    work();
    for (auto& t : pool) t.join();
    if (error) std::rethrow_exception(error);
  }

  // Parses one cell into column `c` (already sized), for field `f`. References are resolved by
  // the caller (they need another table).
  void cell(error_sink& errors, const check::field& f, data::column& c, std::size_t at,
            std::string_view s, const std::string& path, std::size_t row, std::size_t column) {
    const auto bad = [&](const std::string& what) {
      errors.add(path, row, column, code::bad_value,
                 quote(s) + " is not " + what + " (column " + f.column + ")");
    };
    if (s.empty()) {
      // An empty set cell is the empty set, and an empty text cell the empty text, unless the
      // field is optional: then, as for every other type, empty means unknown.
      if (!f.optional && (f.t.kind == type_kind::set || f.t.kind == type_kind::text)) {
        if (f.t.kind == type_kind::text) {
          c.values[at] = static_cast<std::int64_t>(c.strings.size());
          c.strings.emplace_back();
        }
        c.known[at] = 1;
      } else if (!f.optional) {
        errors.add(path, row, column, code::empty_value,
                   "empty value in required column " + f.column);
      }
      return;
    }
    // Almost every cell is ASCII: check that with one pass over the bytes, and only walk the
    // UTF-8 sequences of a cell that has a byte >= 0x80.
    unsigned char high = 0;
    for (const char ch : s) high |= static_cast<unsigned char>(ch);
    for (std::size_t i = 0; (high & 0x80U) != 0 && i < s.size();) {
      const std::size_t n = support::utf8_length(s, i);
      if (n == 0) {
        errors.add(path, row, column, code::invalid_utf8,
                   "invalid UTF-8 in column " + f.column + ": " + quote(s));
        return;
      }
      i += n;
    }
    std::int64_t v = 0;
    std::string text;
    const auto parsed = parse_cell(p_, f, s, v, text);
    switch (parsed.status) {
      case cell_status::ok:
        break;
      case cell_status::bad:
        return bad(parsed.what);
      case cell_status::unknown_code:
        return unknown_code(errors, f, parsed.what, path, row, column);
      default:
        return;  // references are resolved by the caller
    }
    if (f.t.kind == type_kind::text) {
      v = static_cast<std::int64_t>(c.strings.size());
      c.strings.push_back(std::move(text));
    }
    c.values[at] = v;
    c.known[at] = 1;
  }

  std::int64_t code_of(id e, std::string_view s) const {
    const auto& codes = p_.enums[e].codes;
    for (std::size_t k = 0; k < codes.size(); ++k) {
      if (codes[k].code == s) return static_cast<std::int64_t>(k);
    }
    return -1;
  }

  void unknown_code(error_sink& errors, const check::field& f, std::string_view s,
                    const std::string& path, std::size_t row, std::size_t column) {
    unknown_code(errors, f.t.ref, f.column, s, path, row, column);
  }
  void unknown_code(error_sink& errors, id enum_id, const std::string& column_name,
                    std::string_view s, const std::string& path, std::size_t row,
                    std::size_t column) {
    const auto& en = p_.enums[enum_id];
    std::vector<std::string_view> names;
    std::string all;
    for (const auto& c : en.codes) {
      names.push_back(c.code);
      all += (all.empty() ? "" : ", ") + c.code;
    }
    const auto guess = check::best_match(s, names);
    errors.add(path, row, column, code::bad_value,
               "unknown " + en.name + " code " + quote(s) + " in column " + column_name +
                   (guess.empty() ? "; the codes are " + all : "; did you mean " + guess + "?"));
  }

  std::int64_t lookup(id entity, std::string_view key) const {
    const auto& t = data_->entities[entity];
    return t.row.find(key);
  }

  void load_entity(id e) {
    const auto& ent = p_.entities[e];
    const std::string path = path_of(ent.file);
    file_text file;
    if (!read(ent.file, file)) return;
    const std::string_view text = file.view();
    const progress_guard done{*this, text.size()};
    csv_cursor cur(text);
    std::vector<std::string> wanted{ent.key};
    std::vector<id> declared;
    for (const id f : ent.fields) {
      if (!p_.fields[f].record) {
        wanted.push_back(p_.fields[f].column);
        declared.push_back(f);
      }
    }
    std::vector<std::size_t> pos;
    std::size_t width = 0;
    if (!header(cur, path, wanted, pos, width)) return;
    auto& table = data_->entities[e];
    std::vector<id> fields;         // the fields parsed: the ones the pack reads, when projecting
    std::vector<std::size_t> fpos;  // their positions in a row
    for (std::size_t i = 0; i < declared.size(); ++i) {
      if (!parsed(declared[i])) continue;
      fields.push_back(declared[i]);
      fpos.push_back(pos[i + 1]);
    }
    table.columns.resize(fields.size());
    for (std::size_t i = 0; i < fields.size(); ++i) table.columns[i].field = fields[i];
    std::vector<std::size_t> csv_row;  // the CSV row of each loaded key, for duplicate messages
    const auto expected_rows = static_cast<std::size_t>(std::count(text.begin(), text.end(), '\n'));
    table.keys.reserve(expected_rows);
    table.row.reserve(expected_rows);
    csv_row.reserve(expected_rows);
    rows(cur, errors_, path, width, 0,
         [&](const std::vector<std::string_view>& row, std::size_t r) {
           const std::string_view key = row[pos[0]];
           if (key.empty()) {
             errors_.add(path, r, pos[0] + 1, code::empty_value, "empty key in column " + ent.key);
             return;
           }
           const auto at = static_cast<std::uint32_t>(table.keys.size());
           table.keys.emplace_back(key);
           const auto earlier = table.row.insert_last(table.keys);
           if (earlier >= 0) {
             table.keys.pop_back();
             errors_.add(path, r, pos[0] + 1, code::duplicate_key,
                         "duplicate " + ent.key + " " + quote(key) + " (first on row " +
                             std::to_string(csv_row[static_cast<std::size_t>(earlier)]) + ")");
             return;
           }
           csv_row.push_back(r);
           for (std::size_t i = 0; i < fields.size(); ++i) {
             auto& col = table.columns[i];
             col.values.push_back(0);
             col.known.push_back(0);
             const auto& f = p_.fields[fields[i]];
             const std::string_view s = row[fpos[i]];
             if (f.t.kind == type_kind::entity && !s.empty()) {
               refs_.push_back({e, i, at, std::string(s), r, fpos[i] + 1});
             } else {
               cell(errors_, f, col, at, s, path, r, fpos[i] + 1);
             }
           }
         });
  }

  void resolve_entity_references(id e) {
    for (const auto& ref : refs_) {
      if (ref.entity != e) continue;
      auto& col = data_->entities[e].columns[ref.column];
      const auto& f = p_.fields[col.field];
      const auto r = lookup(f.t.ref, ref.key);
      if (r < 0) {
        errors_.add(path_of(p_.entities[e].file), ref.csv_row, ref.csv_column,
                    code::unknown_reference,
                    "unknown " + p_.entities[f.t.ref].name + " " + quote(ref.key) + " in column " +
                        f.column);
        continue;
      }
      col.values[ref.row] = r;
      col.known[ref.row] = 1;
    }
  }

  // A record file (`target` == no_id: one row per entity and period) or a target's file (any
  // number of rows per entity and period: one per registered target).
  //
  // Large files without quote characters are parsed in parallel: the body is cut into chunks at
  // line ends (without quotes a line is a record), each chunk fills its own slice of the
  // preallocated columns and keeps its own errors, and the errors are merged in file order. So
  // the result, and every message, is the same for any thread count.
  void load_rows(id e, check::period per, id target) {
    const auto& ent = p_.entities[e];
    const std::string& file =
        target == no_id ? ent.record_files[static_cast<std::size_t>(per)] : p_.targets[target].file;
    const std::string path = path_of(file);
    file_text mapped;
    if (!read(file, mapped)) return;
    const std::string_view text = mapped.view();
    csv_cursor cur(text);
    const bool sub_year = per != check::period::year;
    std::vector<std::string> wanted{ent.key, "year"};
    if (sub_year) wanted.emplace_back("period");
    std::vector<id> declared;
    for (const id f : target == no_id ? ent.fields : p_.targets[target].fields) {
      if (p_.fields[f].record == per && p_.fields[f].target == target) {
        declared.push_back(f);
        wanted.push_back(p_.fields[f].column);
      }
    }
    std::vector<std::size_t> pos;
    std::size_t width = 0;
    if (!header(cur, path, wanted, pos, width)) return;
    const std::size_t first_field = sub_year ? 3 : 2;
    std::vector<id> fields;         // the fields parsed: the ones the pack reads, when projecting
    std::vector<std::size_t> fpos;  // their positions in a row
    bool has_text = false;
    for (std::size_t i = 0; i < declared.size(); ++i) {
      if (!parsed(declared[i])) continue;
      fields.push_back(declared[i]);
      fpos.push_back(pos[first_field + i]);
      has_text = has_text || p_.fields[declared[i]].t.kind == type_kind::text;
    }
    const int periods = per == check::period::half_year ? 2
                        : per == check::period::quarter ? 4
                                                        : 12;
    auto& table =
        target == no_id ? data_->records[e][static_cast<std::size_t>(per)] : data_->targets[target];
    table.present = true;
    table.columns.resize(fields.size());
    for (std::size_t i = 0; i < fields.size(); ++i) table.columns[i].field = fields[i];

    // Chunks of the body, each starting at a line start.
    parsed_bytes(cur.offset(), true);  // the header
    const std::string_view body = text.substr(cur.offset());
    const bool parallel = threads_ > 1 && body.size() > (1U << 20) && !has_text &&
                          body.find('"') == std::string_view::npos;
    std::vector<std::string_view> chunks;
    if (!parallel) {
      chunks.push_back(body);
    } else {
      const std::size_t want = threads_ * 4;
      std::size_t at = 0;
      for (std::size_t c = 1; c <= want && at < body.size(); ++c) {
        std::size_t end = c == want ? body.size() : body.size() * c / want;
        if (end < at) end = at;
        const auto nl = body.find('\n', end == 0 ? 0 : end - 1);
        end = c == want || nl == std::string_view::npos ? body.size() : nl + 1;
        if (end > at) chunks.push_back(body.substr(at, end - at));
        at = end;
      }
    }
    // Records per chunk: lines (no quotes), or an upper bound for the one sequential chunk.
    std::vector<std::size_t> first(chunks.size() + 1, 0);
    for (std::size_t c = 0; c < chunks.size(); ++c) {
      const auto lines =
          static_cast<std::size_t>(std::count(chunks[c].begin(), chunks[c].end(), '\n'));
      const bool open_end = !chunks[c].empty() && chunks[c].back() != '\n';
      first[c + 1] = first[c] + lines + (open_end ? 1 : 0);
    }
    const std::size_t slots = first.back();
    // Sized without zeroing: each chunk's thread writes (and so first touches) its own slice.
    resize_rows(table, slots);
    std::vector<std::uint8_t> valid(slots, 0);
    std::vector<error_sink> sinks(chunks.size(), error_sink(errors_.max()));
    run_parallel(chunks.size(), [&](std::size_t c) {
      const progress_guard done{*this, chunks[c].size()};
      error_sink& err = sinks[c];
      csv_cursor cc(chunks[c]);
      const std::size_t row0 = first[c] + 1;  // CSV rows before this chunk (the header is row 1)
      std::string_view last_key;              // a view into the file, valid while it is mapped
      std::int64_t last_row = -1;
      rows(
          cc, err, path, width, row0, [&](const std::vector<std::string_view>& row, std::size_t r) {
            const std::size_t slot = r - 2;
            const std::string_view key = row[pos[0]];
            // Record files are usually grouped by entity: reuse the previous row's lookup.
            if (key != last_key) {
              last_key = key;
              last_row = lookup(e, key);
            }
            const auto er = last_row;
            if (er < 0) {
              err.add(path, r, pos[0] + 1, code::unknown_reference,
                      "unknown " + ent.name + " " + quote(key) + " (not in " + ent.file + ")");
              return;
            }
            std::int64_t year = 0;
            if (!parse_int(row[pos[1]], year) || year < 1900 || year > 2999) {
              err.add(path, r, pos[1] + 1, code::bad_value, quote(row[pos[1]]) + " is not a year");
              return;
            }
            std::int64_t sub = 0;
            if (sub_year && (!parse_int(row[pos[2]], sub) || sub < 1 || sub > periods)) {
              err.add(path, r, pos[2] + 1, code::bad_value,
                      quote(row[pos[2]]) + " is not a period from 1 to " + std::to_string(periods));
              return;
            }
            table.entity[slot] = static_cast<std::uint32_t>(er);
            table.year[slot] = static_cast<std::int32_t>(year);
            table.period[slot] = static_cast<std::uint8_t>(sub);
            valid[slot] = 1;
            for (std::size_t i = 0; i < fields.size(); ++i) {
              auto& col = table.columns[i];
              col.values[slot] = 0;  // unknown until parsed (an empty optional cell stays so)
              col.known[slot] = 0;
              const auto& f = p_.fields[fields[i]];
              const std::string_view s = row[fpos[i]];
              const std::size_t column = fpos[i] + 1;
              if (f.t.kind == type_kind::entity) {
                if (s.empty()) {
                  if (!f.optional) {
                    err.add(path, r, column, code::empty_value,
                            "empty value in required column " + f.column);
                  }
                  continue;
                }
                const auto ref = lookup(f.t.ref, s);
                if (ref < 0) {
                  err.add(path, r, column, code::unknown_reference,
                          "unknown " + p_.entities[f.t.ref].name + " " + quote(s) + " in column " +
                              f.column);
                  continue;
                }
                col.values[slot] = ref;
                col.known[slot] = 1;
              } else {
                cell(err, f, col, slot, s, path, r, column);
              }
            }
          });
    });
    error_sink file_errors(errors_.max());
    for (auto& sink : sinks) file_errors.merge_all(std::move(sink));
    // Blank lines and rejected rows leave holes: close them up (keeps file order).
    if (std::find(valid.begin(), valid.end(), 0) != valid.end()) {
      std::size_t kept = 0;
      std::vector<std::size_t> csv_rows;
      for (std::size_t i = 0; i < slots; ++i) {
        if (valid[i] == 0) continue;
        table.entity[kept] = table.entity[i];
        table.year[kept] = table.year[i];
        table.period[kept] = table.period[i];
        for (auto& col : table.columns) {
          col.values[kept] = col.values[i];
          col.known[kept] = col.known[i];
        }
        row_of_slot_.push_back(i + 2);
        ++kept;
      }
      resize_rows(table, kept);
    } else {
      row_of_slot_.clear();
    }
    if (target == no_id) check_duplicates(file_errors, e, table, path, sub_year, pos[0] + 1);
    row_of_slot_.clear();
    file_errors.sort_by_position();
    errors_.merge(std::move(file_errors));
  }

  // One row per entity, year (and period) in a record file: a bitmap per (year, period).
  void check_duplicates(error_sink& errors, id e, const data::record_table& table,
                        const std::string& path, bool sub_year, std::size_t key_column) {
    const auto& ent = p_.entities[e];
    if (table.year.empty()) return;
    const auto [lo, hi] = std::minmax_element(table.year.begin(), table.year.end());
    const std::size_t years = static_cast<std::size_t>(*hi - *lo) + 1;
    const std::size_t subs = sub_year ? 13 : 1;
    const std::size_t n = data_->entities[e].keys.size();
    std::vector<std::uint64_t> bits((years * subs * n + 63) / 64, 0);
    auto csv_row = [&](std::size_t i) { return row_of_slot_.empty() ? i + 2 : row_of_slot_[i]; };
    std::size_t duplicates = 0;
    for (std::size_t i = 0; i < table.year.size(); ++i) {
      const std::size_t b =
          (static_cast<std::size_t>(table.year[i] - *lo) * subs + table.period[i]) * n +
          table.entity[i];
      const std::uint64_t mask = std::uint64_t{1} << (b & 63);
      if ((bits[b / 64] & mask) == 0) {
        bits[b / 64] |= mask;
        continue;
      }
      if (errors.max() != 0 && ++duplicates > errors.max()) {
        // Beyond what can be shown: counted only, without searching for the first row.
        errors.add(path, csv_row(i), key_column, code::duplicate_row, {});
        continue;
      }
      std::size_t earlier = 0;
      while (table.entity[earlier] != table.entity[i] || table.year[earlier] != table.year[i] ||
             table.period[earlier] != table.period[i]) {
        ++earlier;
      }
      const auto& key = data_->entities[e].keys[table.entity[i]];
      errors.add(path, csv_row(i), key_column, code::duplicate_row,
                 "a second row for " + ent.name + " " + quote(key) + " in " +
                     std::to_string(table.year[i]) +
                     (sub_year ? " period " + std::to_string(table.period[i]) : "") +
                     " (first on row " + std::to_string(csv_row(earlier)) + ")");
    }
  }

  void load_awards() {
    const auto& pa = *p_.awards;
    const std::string path = path_of(pa.file);
    file_text file;
    if (!read(pa.file, file)) return;
    const std::string_view text = file.view();
    const progress_guard done{*this, text.size()};
    csv_cursor cur(text);
    std::vector<std::size_t> pos;
    std::size_t width = 0;
    std::vector<std::string> wanted = {pa.entity_column, pa.year_column, pa.award_column};
    if (!pa.filter_column.empty()) wanted.push_back(pa.filter_column);
    if (!header(cur, path, wanted, pos, width)) return;
    std::string_view last_key;  // a view into the mapped file
    id last_entity = no_id;
    std::int64_t last_row = -1;
    std::unordered_map<std::string, id> titles;
    for (id t = 0; t < p_.titles.size(); ++t) titles.emplace(p_.titles[t].code, t);
    rows(
        cur, errors_, path, width, 0, [&](const std::vector<std::string_view>& row, std::size_t r) {
          const auto t = titles.find(std::string(row[pos[2]]));
          if (t == titles.end() && pa.ignore_unknown) return;  // another catalogue's award
          if (!pa.filter_column.empty()) {
            const auto k = code_of(pa.filter_enum, row[pos[3]]);
            if (k < 0) {
              unknown_code(errors_, pa.filter_enum, pa.filter_column, row[pos[3]], path, r,
                           pos[3] + 1);
              return;
            }
            if (!pa.filter_codes[static_cast<std::size_t>(k)]) return;  // does not count
          }
          if (t == titles.end()) {
            errors_.add(
                path, r, pos[2] + 1, code::bad_value,
                "unknown award code " + quote(row[pos[2]]) + " (not a title or award of the pack)");
            return;
          }
          const id entity = p_.titles[t->second].entity;
          // The file is usually grouped by entity: reuse the previous row's lookup.
          if (entity != last_entity || row[pos[0]] != last_key) {
            last_entity = entity;
            last_key = row[pos[0]];
            last_row = entity == no_id ? -1 : lookup(entity, last_key);
          }
          const auto er = last_row;
          if (er < 0) {
            errors_.add(path, r, pos[0] + 1, code::unknown_reference,
                        "unknown " +
                            (entity == no_id ? std::string("entity") : p_.entities[entity].name) +
                            " " + quote(row[pos[0]]) + " for award " + t->first);
            return;
          }
          std::int64_t year = 0;
          if (!parse_int(row[pos[1]], year) || year < 1900 || year > 2999) {
            errors_.add(path, r, pos[1] + 1, code::bad_value,
                        quote(row[pos[1]]) + " is not a year");
            return;
          }
          data_->awards.push_back(
              {entity, static_cast<std::uint32_t>(er), static_cast<std::int32_t>(year), t->second});
        });
  }
};

}  // namespace

file_reader directory_reader(const std::filesystem::path& dir) {
  return [dir](const std::string& name, std::string& text, std::string& error) {
    const auto path = dir / name;
    std::error_code ec;
    if (!std::filesystem::is_regular_file(path, ec)) {
      error = "no such file";
      return false;
    }
    // One read into a buffer of the file's size: no stream copies, no regrowth.
    const auto size = std::filesystem::file_size(path, ec);
    std::FILE* f = ec ? nullptr : std::fopen(path.c_str(), "rb");
    if (f == nullptr) {
      error = "cannot open";
      return false;
    }
    text.resize(static_cast<std::size_t>(size));
    const std::size_t got = std::fread(text.data(), 1, text.size(), f);
    const bool failed = std::ferror(f) != 0 || got != text.size();
    std::fclose(f);
    if (failed) error = "read error";
    return !failed;
  };
}

load_output load(const check::program& program, const file_reader& reader,
                 const std::string& display_dir, const load_options& options) {
  loader l(program, reader, display_dir, options);
  return l.run();
}

load_output load(const check::program& program, const std::filesystem::path& dir,
                 const load_options& options) {
  const file_reader unused = directory_reader(dir);
  loader l(program, unused, dir.generic_string(), options);
  l.map_files_of(dir);
  return l.run();
}

}  // namespace thidua::io
