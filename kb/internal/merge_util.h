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

// A JSON value of `cf` read through `batch`; nullopt when absent.
Result<std::optional<Json>> LoadJson(const KnowledgeBase& kb, const Batch& batch, const char* cf,
                                     const std::string& key);

}  // namespace ckb::kb
