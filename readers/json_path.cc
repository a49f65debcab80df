// SPDX-License-Identifier: GPL-3.0-or-later
// Path helpers for reading nested JSON records (readers/internal/json_path.h).
#include "readers/internal/json_path.h"

#include "readers/internal/format_util.h"

namespace ckb::readers::json_path {

const json& Get(const json& o, const char* key) {
  static const json kNull;
  if (!o.is_object()) return kNull;
  auto it = o.find(key);
  return it == o.end() ? kNull : *it;
}

const json& At(const json& o, std::string_view path) {
  const json* cur = &o;
  while (!path.empty()) {
    size_t dot = path.find('.');
    std::string key(path.substr(0, dot));
    cur = &Get(*cur, key.c_str());
    path = dot == std::string_view::npos ? std::string_view() : path.substr(dot + 1);
  }
  return *cur;
}

std::string Str(const json& v) {
  if (v.is_string()) return Trim(v.get_ref<const std::string&>());
  if (v.is_number_integer()) return std::to_string(v.get<int64_t>());
  if (v.is_number()) return std::to_string(v.get<double>());
  if (v.is_boolean()) return v.get<bool>() ? "true" : "false";
  return "";
}

std::string Str(const json& o, std::string_view path) { return Str(At(o, path)); }

std::vector<std::string> Strings(const json& v) {
  std::vector<std::string> out;
  if (!v.is_array()) return out;
  for (const json& e : v) AddUnique(&out, Str(e));
  return out;
}

const json& Array(const json& o, std::string_view path) {
  static const json kEmpty = json::array();
  const json& v = At(o, path);
  return v.is_array() ? v : kEmpty;
}

std::optional<int64_t> Count(const json& v) {
  if (v.is_number_integer()) return v.get<int64_t>();
  if (v.is_number_unsigned()) return static_cast<int64_t>(v.get<uint64_t>());
  std::string s = Str(v);
  if (s.empty() || s.size() > 12 || s.find_first_not_of("0123456789") != std::string::npos)
    return std::nullopt;
  return std::stoll(s);
}

}  // namespace ckb::readers::json_path
