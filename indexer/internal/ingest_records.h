// SPDX-License-Identifier: GPL-3.0-or-later
// Helpers of the indexing pipeline (indexer/ingest_records.cc).
#pragma once

#include <string>
#include <string_view>
#include <vector>

#include "indexer/entities.h"
#include "kb/model.h"

namespace ckb::indexer {

// The merge rank of what a format says (kb/merge.h).
int RankFor(const std::string& format);
// GB/T 7714 type tag ("J", "M", "EB/OL", ...) to a work type.
std::string WorkTypeForTag(const std::string& tag);
// The work a reference string speaks about.
Work WorkFromReference(const Reference& r);
// The work standing for a trial's registration record.
Work RegistrationWork(const Trial& t);
// Entity mentions of `text`, extracted in bounded pieces, with at most a
// few mentions of the same entity and a capped total per field.
std::vector<Mention> BoundedExtract(const EntityExtractor& extractor, std::string_view text,
                                    std::string_view field);

}  // namespace ckb::indexer
