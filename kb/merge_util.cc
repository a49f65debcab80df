// SPDX-License-Identifier: GPL-3.0-or-later
// Helpers shared by the merge of works (kb/merge.cc) and of trial records
// (kb/merge_links.cc): empty values, statement keys, reading stored JSON,
// and the derived form of a record's only contribution.
#include "kb/internal/merge_util.h"

namespace ckb::kb {

bool IsEmptyValue(const Json& v) {
  return v.is_null() || (v.is_string() && v.get<std::string>().empty()) ||
         (v.is_array() && v.empty()) || (v.is_object() && v.empty());
}

std::string SourceOfKey(const std::string& key) {
  size_t h = key.rfind('#');
  return h == std::string::npos ? key : key.substr(0, h);
}

Result<std::optional<Json>> LoadJson(const KnowledgeBase& kb, const Batch& batch, const char* cf,
                                     const std::string& key) {
  CKB_ASSIGN_OR_RETURN(auto v, kb.Get(cf, key, &batch));
  if (!v) return std::optional<Json>();
  Json j = ParseJson(*v);
  if (j.is_discarded()) return Status::Corruption(std::string(cf) + " record " + key + " is not JSON");
  return std::optional<Json>(std::move(j));
}

Json FieldsOf(const Json& rec, const Json& shape, const char* skip) {
  Json out = Json::object();
  for (auto f = shape.begin(); f != shape.end(); ++f) {
    if (f.key() == skip) continue;
    auto it = rec.find(f.key());
    if (it != rec.end() && !IsEmptyValue(*it)) out[f.key()] = *it;
  }
  return out;
}

bool GivesBack(const Json& rec, const Json& shape, const char* skip, const Json& fields) {
  // fields == FieldsOf(rec, shape, skip), without copying rec's values.
  if (!fields.is_object()) return false;
  auto want = fields.begin();
  for (auto f = shape.begin(); f != shape.end(); ++f) {
    if (f.key() == skip) continue;
    auto it = rec.find(f.key());
    if (it == rec.end() || IsEmptyValue(*it)) continue;
    if (want == fields.end() || want.key() != f.key() || want.value() != *it) return false;
    ++want;
  }
  return want == fields.end();
}

Json DerivedEntry(const Json& e, const char* fields_key) {
  Json d = Json::object();
  for (auto it = e.begin(); it != e.end(); ++it) {
    if (it.key() != fields_key) d[it.key()] = it.value();
  }
  d[kDerived] = true;
  return d;
}

Json ExpandedEntry(const Json& e, const char* fields_key, Json fields) {
  Json out = Json::object();
  out["rank"] = e.contains("rank") ? e["rank"] : Json(0);
  out[fields_key] = std::move(fields);
  for (auto it = e.begin(); it != e.end(); ++it) {
    if (it.key() != "rank" && it.key() != kDerived) out[it.key()] = it.value();
  }
  return out;
}

}  // namespace ckb::kb
