// thidua/thidua.hpp — the umbrella header of thidua, an embeddable rules engine for Vietnam's
// emulation and commendation work (thi đua, khen thưởng).
//
// Tutorial
// --------
// The law's criteria live in declarative files (a "pack" of .tdk files, see docs/language.md),
// not in C++. A host compiles a pack once and keeps the immutable `ruleset`:
//
//   #include <thidua/thidua.hpp>
//
//   auto rs = thidua::compile(thidua::pack_source::directory("/usr/share/thidua/rules/vn"));
//   if (!rs) {                                   // bad rules never throw or abort:
//     for (const auto& d : rs.diagnostics())     // every error, located
//       log(thidua::format(d));                  // "pack.tdk:7:26: error: ... [code]"
//     return;
//   }
//   for (const auto& t : rs->titles())           // what the pack decides, with citations
//     show(t.code, t.name, t.citation);
//
// A pack can also come from memory (a database, an upload), so a council can edit criteria
// without files on disk:
//
//   auto rs = thidua::compile(thidua::pack_source::memory({{"pack.tdk", text}}));
//
// Diagnostics are values (thidua/diagnostic.hpp): severity, file:line:column region, message,
// hint and a stable code. Limits on hostile input are options (thidua/options.hpp).
//
// Evaluating a population against a ruleset (tables in, titles, quotas, award forms, money and
// explanations out) is the next layer of this API and is not in this version.
#pragma once

#include "thidua/data.hpp"        // IWYU pragma: export
#include "thidua/diagnostic.hpp"  // IWYU pragma: export
#include "thidua/evaluate.hpp"    // IWYU pragma: export
#include "thidua/graph.hpp"       // IWYU pragma: export
#include "thidua/options.hpp"     // IWYU pragma: export
#include "thidua/pack.hpp"        // IWYU pragma: export
#include "thidua/result.hpp"      // IWYU pragma: export
#include "thidua/version.hpp"     // IWYU pragma: export
