// SPDX-License-Identifier: GPL-3.0-or-later
// The merge rules of works shared by the full merge (kb/merge.cc) and the
// incremental one (kb/merge_insert.cc): which fields come from one source,
// which keep conflicts, which are unions, and how values are compared.
#pragma once

#include <cstddef>
#include <string>

#include "kb/kb.h"

namespace ckb::kb {

// Scalar and list fields whose value comes from one source.
inline constexpr const char* kSingleFields[] = {
    "type", "title", "authors", "journal", "journal_abbrev", "year",      "volume",
    "issue", "pages", "doi",    "pmid",    "pmcid",          "dates",     "abstract",
    "lang", "email",  "url",    "source_id", "sections",     "pub_types", "outcomes"};
// Fields where a conflict is worth showing.
inline constexpr const char* kConflictFields[] = {"title", "journal", "year",  "volume", "issue",
                                                  "pages", "doi",     "pmid",  "pmcid"};
// Fields whose values are the union over sources.
inline constexpr const char* kUnionFields[] = {"keywords", "mesh", "registry_ids"};
// A work cited by thousands of reference lists, or given a different PMID
// by every copy of a record, would otherwise carry every variant in its
// record, read and rewritten with each new statement: the first values in
// merge order are kept, enough to show that sources disagree and how.
inline constexpr size_t kMaxConflictValues = 16;  // per field
inline constexpr size_t kMaxCitedAs = 32;         // printed forms of the reference
// The sources of a work cited by every copy of a review: the first ones by
// name are listed, and "source_count" (present only past the cap) counts
// them all.
inline constexpr size_t kMaxSources = 64;

// A value folded for comparison: case, punctuation and spacing ignored.
std::string Comparable(const Json& v);

// Whether the fields `b` of one statement name the same journal as the
// fields `a` of another: equal names without "The", or one's abbreviation
// is the other's name, or both give the same abbreviation.
bool SameJournalFields(const Json& a, const Json& b);

// Identity of an entity mention when mentions of several sources are joined.
std::string EntityKey(const Json& m);

// Rewrites `obj` with its keys in the order of `fields` (the order a full
// merge inserts them), so that records compare equal byte for byte however
// they were built.
template <size_t N>
void OrderKeys(Json& obj, const char* const (&fields)[N]) {
  Json out = Json::object();
  for (const char* f : fields) {
    auto it = obj.find(f);
    if (it != obj.end()) out[f] = std::move(*it);
  }
  obj = std::move(out);
}

// Merges statement `key` (rank `rank`, stored entry `entry`: {rank, work,
// raw}) into the merged view `rec` of work `id`, reading only the few other
// statements whose place in merge order decides a field (the owners of the
// fields it gives and the sources of the conflicts it joins), never all of
// them. `last` tells that the statement comes after every other one in
// merge order. Returns true when `rec` is now what a full merge over all the
// statements gives; false (with `rec` in an unspecified state) when only a
// full merge can tell: the statement takes the journal from another one, or
// brings list values or a reference string ahead of others.
Result<bool> InsertContribution(const KnowledgeBase& kb, const Batch& batch, const std::string& id,
                                Json& rec, const std::string& key, int rank, const Json& entry,
                                bool last);

}  // namespace ckb::kb
