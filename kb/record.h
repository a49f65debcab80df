// SPDX-License-Identifier: GPL-3.0-or-later
// JSON forms of the model structs. The same forms are stored in RocksDB and
// printed by `ckb parse`/`ckb show` (schemas/ describes them).
#pragma once

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

// The inverse of ToJson; missing keys leave defaults, wrong types are skipped.
Mention MentionFromJson(const Json& j);
Reference ReferenceFromJson(const Json& j);
Work WorkFromJson(const Json& j);
Trial TrialFromJson(const Json& j);

// The string at `key` of an object, or "" when absent or not a string.
std::string JsonStr(const Json& j, const char* key);

// Serialises with invalid UTF-8 replaced (never throws).
std::string Dump(const Json& j, int indent = -1);
// Parses; returns a discarded value (is_discarded()) on malformed input.
Json ParseJson(std::string_view s);

}  // namespace ckb
