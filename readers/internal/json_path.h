// SPDX-License-Identifier: GPL-3.0-or-later
// Reading nested JSON records by path without throwing: the helpers of the
// ClinicalTrials.gov JSON readers. Module-private.
#pragma once

#include <nlohmann/json.hpp>

#include <cstdint>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

namespace ckb::readers::json_path {

using nlohmann::json;

// The member `key` of an object, or null.
const json& Get(const json& o, const char* key);
// Follows a '.'-separated path of object keys; null where one is missing.
const json& At(const json& o, std::string_view path);
// A scalar as trimmed text ("" for null, objects and arrays).
std::string Str(const json& v);
std::string Str(const json& o, std::string_view path);
// The strings of an array, each once (empty for other types).
std::vector<std::string> Strings(const json& v);
// The array at `path`, or an empty one.
const json& Array(const json& o, std::string_view path);
// A non-negative count given as a number or digits.
std::optional<int64_t> Count(const json& v);

}  // namespace ckb::readers::json_path
