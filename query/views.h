// SPDX-License-Identifier: GPL-3.0-or-later
// query/: the query language, views, tables, maps, exports and output
// formats over kb/, with entities resolved through knowledge/
// (docs/ARCHITECTURE.md).
//
// Read views over the knowledge base that commands print: a work with its
// citations, a reference list, the trials and a trial's linked works. Each
// returns JSON in the documented output shapes (schemas/).
#pragma once

#include <string>
#include <vector>

#include "kb/kb.h"
#include "kb/record.h"

namespace ckb::query {

// The work as shown by `ckb show`: the merged record without the raw
// per-source contributions, plus "cited_by_count", "references_count" and
// "trials" (linked registry ids).
Result<Json> WorkView(const kb::KnowledgeBase& base, const std::string& id);

// `ckb refs`: {"id", "references": [REF + "work_id"], "related": [...]}.
Result<Json> RefsView(const kb::KnowledgeBase& base, const std::string& id);

// Filters of `ckb trials`; an empty field matches any trial.
struct TrialFilter {
  // Drug entity ids ("drug:trastuzumab-deruxtecan"), any of which must be
  // named by the registry record or a linked work; `drug` is the user's
  // term, matched as text when the lexicon does not know it.
  std::vector<std::string> drug_ids;
  std::string drug;
  // Biomarker ids or state ids ("biomarker:HER2/low"); `biomarker` as typed.
  std::vector<std::string> biomarker_ids;
  std::string biomarker;
  std::string phase;      // 1, 2, 3, 1/2, 2/3, 4 (also "III", "phase 3")
  std::string status;     // registry status, case-insensitive; "_" and " " equal
  std::string condition;  // text contained in a condition or disease name
};

// "Phase III" / "PHASE3" / "3" -> "3"; "Phase 1b/2" -> "1b/2"; "" when none.
std::string NormalizePhase(const std::string& phase);

// `ckb trials`: {"trials": [{"nct", "registry_ids", "other_ids", "acronym",
// "title", "phase", "status", "conditions", "drugs", "biomarkers",
// "enrollment", "start", "cited_by": [ids], "cited_by_count", "years",
// "roles": {role: count}}]}. sort: cited (default), phase, date or id.
Result<Json> TrialsView(const kb::KnowledgeBase& base, const TrialFilter& filter,
                        const std::string& sort);

// `ckb trial NCT`: the registry facts and every linked work with its role
// (registry, reports, cites, mentions, discusses) and the sentence or
// reference string where the link was found. Links are ordered by role.
Result<Json> TrialView(const kb::KnowledgeBase& base, const std::string& nct);

// The trials key for what a user typed: an NCT (or other registry) number,
// an acronym known to the lexicon or stated by a registry record, matched
// case-insensitively. kNotFound when no trial matches.
Result<std::string> ResolveTrial(const kb::KnowledgeBase& base, const std::string& term);

// Works citing `id` (references section), in key order.
Result<std::vector<std::string>> CitingWorks(const kb::KnowledgeBase& base, const std::string& id);

}  // namespace ckb::query
