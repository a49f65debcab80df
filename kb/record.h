// SPDX-License-Identifier: GPL-3.0-or-later
// JSON forms of the model structs. The same forms are stored in RocksDB and
// printed by `ckb parse`/`ckb show` (schemas/ describes them).
#pragma once

#include <string_view>
#include <vector>

#include <nlohmann/json.hpp>

#include "kb/model.h"

namespace ckb {

using Json = nlohmann::ordered_json;

Json ToJson(const Mention& m);
Json ToJson(const Reference& r);
Json ToJson(const Work& w);
Json ToJson(const Trial& t);
Json ToJson(const Diagnostic& d);
Json ToJson(const Document& d);
// A work's trial results (kb/outcomes_json.cc).
Json ToJson(const Outcomes& o);

// The inverse of ToJson; missing keys leave defaults, wrong types are skipped.
Mention MentionFromJson(const Json& j);
Outcomes OutcomesFromJson(const Json& j);
Reference ReferenceFromJson(const Json& j);
Work WorkFromJson(const Json& j);
Trial TrialFromJson(const Json& j);

// A trial's registered arms, outcome measures and posted results as keys
// "arms", "outcomes", "results" of its record, and back (kb/registry_json.cc).
void PutRegistryFacts(const Trial& t, Json* j);
void GetRegistryFacts(const Json& j, Trial* t);

// The string at `key` of an object, or "" when absent or not a string.
std::string JsonStr(const Json& j, const char* key);
// The strings of the array at `key` (other elements skipped; empty when absent).
std::vector<std::string> JsonStrs(const Json& j, const char* key);

// Calls f(element) for each object of the array at `key`.
template <class F>
void EachObject(const Json& j, const char* key, F f) {
  auto it = j.find(key);
  if (it == j.end() || !it->is_array()) return;
  for (const auto& e : *it) {
    if (e.is_object()) f(e);
  }
}

// Serialises with invalid UTF-8 replaced (never throws).
std::string Dump(const Json& j, int indent = -1);
// Parses; returns a discarded value (is_discarded()) on malformed input.
Json ParseJson(std::string_view s);

// Parses only the members `keys` of the JSON object `s`: the values of other
// members are skipped by bracket and string matching, unparsed and
// unvalidated, so reading a few fields of a large record costs little more
// than scanning its bytes; a wanted string without escapes or control
// characters is copied as it is (its UTF-8 unchecked). Members keep their
// order in `s`. Returns a discarded value when `s` is not an object or a
// wanted value is malformed.
Json ParseJsonFields(std::string_view s, const std::vector<std::string_view>& keys);

}  // namespace ckb
