// SPDX-License-Identifier: GPL-3.0-or-later
// Helpers shared by the merge of works (kb/merge.cc) and of citation edges
// and trials (kb/merge_links.cc).
#pragma once

#include <optional>
#include <string>

#include "kb/kb.h"

namespace ckb::kb {

// One contribution in merge order.
struct Ranked {
  std::string key;
  int rank;
  const Json* work;
};

// Null, "", [] and {} are no value.
bool IsEmptyValue(const Json& v);

// The source part of a statement key "<source>#<record>[/...]".
std::string SourceOfKey(const std::string& key);

// A record with one contribution keeps that contribution "derived" (marked
// so, without its fields) when the merged record gives its fields back
// exactly: most records come from one source, and this halves what they
// store. A contribution is expanded back before the record gains or loses
// another.
inline constexpr const char* kDerived = "derived";

// The non-empty values of `rec` under the keys of `shape` (a default
// record's JSON), in that order, leaving out `skip`: what a record's only
// contribution said when the record was merged from it alone.
Json FieldsOf(const Json& rec, const Json& shape, const char* skip);

// Whether `fields` equals FieldsOf(rec, shape, skip) (compared in place).
bool GivesBack(const Json& rec, const Json& shape, const char* skip, const Json& fields);

// Contribution entry `e` without its fields (under `fields_key`: "work" or
// "trial"), marked kDerived.
Json DerivedEntry(const Json& e, const char* fields_key);

// A derived entry with its fields back, its keys in the order the merge
// writes them: rank, the fields, then the rest.
Json ExpandedEntry(const Json& e, const char* fields_key, Json fields);

// A JSON value of `cf` read through `batch`; nullopt when absent.
Result<std::optional<Json>> LoadJson(const KnowledgeBase& kb, const Batch& batch, const char* cf,
                                     const std::string& key);

}  // namespace ckb::kb
