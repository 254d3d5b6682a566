// support/codes.hpp — every diagnostic code thidua can report, in one list.
//
// A code is the stable, machine-readable name of a kind of problem ("unknown-code"); hosts may
// key translations or documentation on it. Keeping them in one enum means a new diagnostic
// cannot be added without a name here, and tests/unit/diagnostic_codes_test.cpp checks that each
// one has a golden test showing its message.
#pragma once

#include <array>
#include <string_view>

namespace thidua::support {

#define THIDUA_DIAGNOSTIC_CODES(X)                    \
  X(bad_date_range, "bad-date-range")                 \
  X(bad_group, "bad-group")                           \
  X(bad_money, "bad-money")                           \
  X(bad_output, "bad-output")                         \
  X(bad_points, "bad-points")                         \
  X(bad_rounding, "bad-rounding")                     \
  X(bad_sort_key, "bad-sort-key")                     \
  X(bad_top, "bad-top")                               \
  X(bad_type, "bad-type")                             \
  X(bad_value, "bad-value")                           \
  X(bands_order, "bands-order")                       \
  X(bands_otherwise, "bands-otherwise")               \
  X(cannot_read, "cannot-read")                       \
  X(chained_comparison, "chained-comparison")         \
  X(code_without_enum, "code-without-enum")           \
  X(control_character, "control-character")           \
  X(csv_syntax, "csv-syntax")                         \
  X(cycle, "cycle")                                   \
  X(duplicate_authority, "duplicate-authority")       \
  X(duplicate_code, "duplicate-code")                 \
  X(duplicate_column, "duplicate-column")             \
  X(duplicate_field, "duplicate-field")               \
  X(duplicate_key, "duplicate-key")                   \
  X(duplicate_label, "duplicate-label")               \
  X(duplicate_name, "duplicate-name")                 \
  X(duplicate_output_file, "duplicate-output-file")   \
  X(duplicate_pack, "duplicate-pack")                 \
  X(duplicate_prior_awards, "duplicate-prior-awards") \
  X(duplicate_quota, "duplicate-quota")               \
  X(duplicate_rank, "duplicate-rank")                 \
  X(duplicate_record, "duplicate-record")             \
  X(duplicate_reward, "duplicate-reward")             \
  X(duplicate_row, "duplicate-row")                   \
  X(empty_title, "empty-title")                       \
  X(empty_value, "empty-value")                       \
  X(file_too_large, "file-too-large")                 \
  X(group_as_value, "group-as-value")                 \
  X(history_offset, "history-offset")                 \
  X(history_window, "history-window")                 \
  X(in_force_outside_pack, "in-force-outside-pack")   \
  X(in_two_forms, "in-two-forms")                     \
  X(include_cycle, "include-cycle")                   \
  X(include_outside_pack, "include-outside-pack")     \
  X(include_too_deep, "include-too-deep")             \
  X(include_twice, "include-twice")                   \
  X(internal_error, "internal-error")                 \
  X(invalid_date, "invalid-date")                     \
  X(invalid_utf8, "invalid-utf8")                     \
  X(missing_citation, "missing-citation")             \
  X(missing_column, "missing-column")                 \
  X(missing_pack, "missing-pack")                     \
  X(nesting_too_deep, "nesting-too-deep")             \
  X(no_bands, "no-bands")                             \
  X(no_entity, "no-entity")                           \
  X(no_prior_awards, "no-prior-awards")               \
  X(no_record, "no-record")                           \
  X(non_ascii_name, "non-ascii-name")                 \
  X(not_a_condition, "not-a-condition")               \
  X(not_a_group, "not-a-group")                       \
  X(not_a_reference, "not-a-reference")               \
  X(not_a_score_table, "not-a-score-table")           \
  X(not_in_force, "not-in-force")                     \
  X(number_too_large, "number-too-large")             \
  X(out_of_memory, "out-of-memory")                   \
  X(output_header, "output-header")                   \
  X(overflow, "overflow")                             \
  X(pack_not_root, "pack-not-root")                   \
  X(param_dates_order, "param-dates-order")           \
  X(param_not_constant, "param-not-constant")         \
  X(param_value, "param-value")                       \
  X(period_mismatch, "period-mismatch")               \
  X(precision, "precision")                           \
  X(ragged_row, "ragged-row")                         \
  X(ranking_not_total, "ranking-not-total")           \
  X(relation_via, "relation-via")                     \
  X(reserved_name, "reserved-name")                   \
  X(set_context, "set-context")                       \
  X(syntax, "syntax")                                 \
  X(target_period, "target-period")                   \
  X(too_many_files, "too-many-files")                 \
  X(too_many_nodes, "too-many-nodes")                 \
  X(type_mismatch, "type-mismatch")                   \
  X(unknown_authority, "unknown-authority")           \
  X(unknown_cite, "unknown-cite")                     \
  X(unknown_code, "unknown-code")                     \
  X(unknown_entity, "unknown-entity")                 \
  X(unknown_field, "unknown-field")                   \
  X(unknown_function, "unknown-function")             \
  X(unknown_key, "unknown-key")                       \
  X(unknown_label, "unknown-label")                   \
  X(unknown_name, "unknown-name")                     \
  X(unknown_option, "unknown-option")                 \
  X(unknown_reference, "unknown-reference")           \
  X(unknown_title, "unknown-title")                   \
  X(unknown_type, "unknown-type")                     \
  X(unused, "unused")                                 \
  X(wrong_arguments, "wrong-arguments")               \
  X(wrong_dataset, "wrong-dataset")                   \
  X(wrong_entity, "wrong-entity")

enum class code : unsigned char {
#define THIDUA_X(id, text) id,
  THIDUA_DIAGNOSTIC_CODES(THIDUA_X)
#undef THIDUA_X
};

inline constexpr std::array code_names = {
#define THIDUA_X(id, text) std::string_view(text),
    THIDUA_DIAGNOSTIC_CODES(THIDUA_X)
#undef THIDUA_X
};

[[nodiscard]] constexpr std::string_view name(code c) noexcept {
  return code_names[static_cast<std::size_t>(c)];
}

}  // namespace thidua::support
