// SPDX-License-Identifier: GPL-3.0-or-later
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

struct TrialFilter {
  std::string drug, biomarker, phase, status, condition;  // entity ids / values; empty = any
};

// `ckb trials`: {"trials": [{"nct", "acronym", "title", "phase", "status",
// "conditions", "drugs", "biomarkers", "enrollment", "cited_by": [ids],
// "cited_by_count", "years"}]}.
Result<Json> TrialsView(const kb::KnowledgeBase& base, const TrialFilter& filter,
                        const std::string& sort);

// `ckb trial NCT`: the registry facts and every linked work with its role
// and the sentence or reference string where the link was found.
Result<Json> TrialView(const kb::KnowledgeBase& base, const std::string& nct);

// Works citing `id` (references section), in key order.
Result<std::vector<std::string>> CitingWorks(const kb::KnowledgeBase& base, const std::string& id);

}  // namespace ckb::query
