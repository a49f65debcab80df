// SPDX-License-Identifier: GPL-3.0-or-later
// Literature-review tables: one row per work with citation, design, phase,
// sample size, population, interventions, comparator and trials taken from
// the stored record and its entity mentions; grouping by drug, biomarker,
// trial, design or year.
#pragma once

#include <string>
#include <vector>

#include "kb/kb.h"
#include "query/table.h"

namespace ckb::query {

struct ColumnInfo {
  std::string key;
  std::string header;
  std::string description;
};

// Every column `ckb table --columns` accepts, in documentation order.
const std::vector<ColumnInfo>& ReviewColumns();
// citation, title, design, phase, n, drugs, biomarkers, trials.
const std::vector<std::string>& DefaultReviewColumns();
// Keys accepted by --group-by: drug, biomarker, trial, design, year.
const std::vector<std::string>& GroupByKeys();

// A work to tabulate and its position in a reference list (0 = none).
struct TableEntry {
  std::string work_id;
  int ref = 0;
  std::string raw;  // the reference string, used when the work is unknown
};

// A review's reference list in its printed order (resolved work ids).
Result<std::vector<TableEntry>> ReferenceEntries(const kb::KnowledgeBase& base, const std::string& review_id);

// The row of one work: an object holding every column of ReviewColumns()
// plus "id" and "drug_ids". Lists are arrays; unknown values are null.
Result<Json> ReviewRow(const kb::KnowledgeBase& base, const TableEntry& entry);

// The columns of a table with `columns` and no rows: kInvalidArgument for
// an unknown key. `ckb table` writes the rows of ungrouped CSV, TSV and
// JSON tables one ReviewRow at a time under it (TableWriter::Streams).
Result<Table> ReviewTableHeader(const std::vector<std::string>& columns);

// Rows for `entries` with `columns` (keys of ReviewColumns(); an unknown key
// is kInvalidArgument). With `group_by`, a row appears under each of its
// values (a work naming two drugs is listed under both); rows without a
// value come last under "(none)".
Result<Table> ReviewTable(const kb::KnowledgeBase& base, const std::vector<TableEntry>& entries,
                          const std::vector<std::string>& columns, const std::string& group_by);

// Pure helpers, exposed for tests.
// "Modi S", "Jacot W" -> "Modi et al., 2022"; one author -> "Modi, 2022".
std::string CitationLabel(const std::vector<std::string>& authors, bool et_al, const Json& year);
// The comparator named after "versus", "vs" or "compared with" in a title,
// up to the next " in ", " for ", " among ", ":" or ";"; empty when none.
std::string ComparatorOf(const std::string& title);

}  // namespace ckb::query
