// SPDX-License-Identifier: GPL-3.0-or-later
// Merging what several sources say about one work (or trial) into one
// record. Each source's statement is a Contribution kept inside the record;
// the merged view takes every field from the highest-ranked source that has
// it, and keeps differing values of lower-ranked sources as visible
// conflicts instead of overwriting them. Removing a contribution recomputes
// the view, so re-indexing a changed file replaces what it said.
#pragma once

#include <string>

#include "kb/kb.h"
#include "kb/model.h"

namespace ckb::kb {

// Source ranks: a fuller, more authoritative source wins a field.
inline constexpr int kRankRegistry = 95;
inline constexpr int kRankPubmed = 90;
inline constexpr int kRankJats = 80;
inline constexpr int kRankJsonl = 70;
inline constexpr int kRankCitationManager = 60;  // RIS, BibTeX
inline constexpr int kRankPage = 50;
inline constexpr int kRankReference = 20;
inline constexpr int kRankRelated = 15;

struct Contribution {
  std::string key;     // unique per statement: "<source>#<record>[/ref/<n>]"
  std::string source;  // the file (or archive member) it came from
  int rank = 0;
  Work work;           // the fields this source states (id ignored)
  std::string raw;     // the reference string, when the statement is one
};

// Merge order of two statements: the higher rank first; between equal ranks
// the statement key, with runs of digits compared as numbers ("f#9" before
// "f#10/ref/2"). The first statement in this order that gives a field wins it.
bool Precedes(int rank_a, std::string_view key_a, int rank_b, std::string_view key_b);

// The fuzzy identity of a work without identifiers: first author's family
// name, year and title, normalised. Empty when any of them is missing.
std::string FuzzyKey(const Work& w);

// Finds the work `c` speaks about (by DOI, PMID, PMCID, source id, then fuzzy
// key) or creates it, and merges `c` into it. Returns the work id.
Result<std::string> UpsertWork(const KnowledgeBase& kb, Batch& batch, const Contribution& c);

// Removes contribution `key` from work `id`; deletes the work when nothing
// else speaks about it.
Status RemoveWorkContribution(const KnowledgeBase& kb, Batch& batch, const std::string& id,
                              const std::string& key);

// Citation edges (both directions), keyed with the tag of the source that
// lists them. `parsed`, when given, is kept with the edge (the reference as
// printed).
Status PutCitation(const KnowledgeBase& kb, Batch& batch, const Citation& c,
                   const Reference* parsed = nullptr);
// Removes entry `n` of `section` of `citing` as `source` listed it (and the
// untagged entry of a store written before tags, when there is one).
Status DeleteCitation(const KnowledgeBase& kb, Batch& batch, const std::string& citing,
                      const std::string& section, int n, const std::string& source);

// Trial records: contributions keyed like works, on the registry id.
Status UpsertTrial(const KnowledgeBase& kb, Batch& batch, const std::string& key, int rank,
                   const Trial& t);
Status RemoveTrialContribution(const KnowledgeBase& kb, Batch& batch, const std::string& nct,
                               const std::string& key);

// Links a work to a trial with a role ("registry", "reports", "cites",
// "mentions") and the sentence or reference string where it was found.
// Creates a bare trial record for an id never seen before.
Status LinkTrial(const KnowledgeBase& kb, Batch& batch, const std::string& nct,
                 const std::string& work_id, const std::string& role, const std::string& context,
                 const std::string& source);
Status UnlinkTrial(const KnowledgeBase& kb, Batch& batch, const std::string& link_key);

}  // namespace ckb::kb
