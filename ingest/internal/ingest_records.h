// SPDX-License-Identifier: GPL-3.0-or-later
// Helpers of the indexing pipeline (ingest/ingest_records.cc).
#pragma once

#include <string>
#include <string_view>
#include <vector>

#include "knowledge/entities.h"
#include "kb/model.h"

namespace ckb::ingest {

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
std::vector<Mention> BoundedExtract(const knowledge::EntityExtractor& extractor, std::string_view text,
                                    std::string_view field);
// The text a trial's "registry" mentions point into: brief title, official
// title, summary, conditions and interventions, one per line.
std::string RegistryText(const Trial& t);
// The mentions of RegistryText(t), field "registry": those of the title and
// abstract of its registration work `w` (RegistrationWork(t), annotated by
// AnnotateWork), moved to their place there, and those of the conditions and
// interventions. The title and abstract are not extracted a second time, so
// context does not cross from one of these parts to another (an acronym in
// the brief title defined in the official title stays unresolved there).
std::vector<Mention> RegistryMentions(const knowledge::EntityExtractor& extractor, const Trial& t, const Work& w);

}  // namespace ckb::ingest
