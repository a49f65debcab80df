// SPDX-License-Identifier: GPL-3.0-or-later
// The identification boxes of a PRISMA 2020 flow diagram from what the
// knowledge base holds: records read per source file and format, the works
// they became, and the duplicates merged, by the key that merged them.
#pragma once

#include <map>
#include <string>
#include <vector>

#include "kb/kb.h"

namespace ckb::query {

struct SourceCount {
  std::string source;  // the file as indexed
  std::string format;  // pubmed, ris, ctgov-json, ...
  uint64_t documents = 0;  // documents read from it
  uint64_t records = 0;    // bibliographic records it contributed to works
};

struct DedupReport {
  std::vector<SourceCount> sources;  // in source-name order
  uint64_t records = 0;             // sum of SourceCount::records
  uint64_t works = 0;               // works made of at least one record
  uint64_t duplicates = 0;          // records merged into a work another record began
  // Duplicates by the key they share with the work's first record: "DOI",
  // "PMID", "PMCID", "registry id", "source id", "fuzzy" (first author, year,
  // title).
  std::map<std::string, uint64_t> by_key;
  uint64_t cited_only = 0;  // works known only from reference lists
};

// Reads the sources and every work's contributions (a full scan).
Result<DedupReport> BuildDedupReport(const kb::KnowledgeBase& base);

}  // namespace ckb::query
