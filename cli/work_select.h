// SPDX-License-Identifier: GPL-3.0-or-later
// How `ckb table`, `ckb map` and `ckb export` choose their works: a search
// query with entity filters, a review's reference list (--cited-by), or ids
// read from stdin ("-").
#pragma once

#include <string>
#include <vector>

#include "cli/command.h"
#include "kb/kb.h"
#include "query/review_table.h"

namespace ckb::cli {

struct WorkSelection {
  std::vector<std::string> words;  // query words, or "-" for ids on stdin, or ids
  std::string cited_by;            // a review whose reference list is wanted
  std::vector<std::string> drug, biomarker, trial, design;
  std::string sort = "relevance";
  size_t limit = 500;
};

// Adds the selection options (query words, --cited-by, filters, --limit).
void AddSelectionOptions(CLI::App* sub, WorkSelection* s, bool with_cited_by);

// The selected works in order. Unknown ids read from stdin are reported on
// stderr and skipped.
Result<std::vector<query::TableEntry>> SelectWorks(const kb::KnowledgeBase& base, const WorkSelection& s);

}  // namespace ckb::cli
