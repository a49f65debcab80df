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
  bool lenient = false;  // unknown tags and fields: warnings, not errors
  // At most this many works from a query; 0: every match when standard
  // output is a file or pipe, 500 on a terminal.
  size_t limit = 0;
};

// What a query selected beside the works: the number of matches (exact), so
// a capped list can say what it left out.
struct SelectedWorks {
  std::vector<query::TableEntry> entries;
  uint64_t matches = 0;
};

// Adds the selection options (query words, --cited-by, filters, --limit).
void AddSelectionOptions(CLI::App* sub, WorkSelection* s, bool with_cited_by);

// The selected works in order (ids only; callers read each record as they
// write it). Unknown ids read from stdin are reported on stderr and skipped.
Result<SelectedWorks> SelectWorks(const kb::KnowledgeBase& base, const WorkSelection& s);

// "ckb: 500 of 1958 written; --limit to change" when the selection was capped.
void ReportSelectionCapped(const SelectedWorks& selected, size_t written);

}  // namespace ckb::cli
