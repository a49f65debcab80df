// SPDX-License-Identifier: GPL-3.0-or-later
#include "query/views.h"

#include <algorithm>
#include <set>

#include "kb/keys.h"

namespace ckb::query {
namespace {

std::string StripType(const std::string& id) {
  size_t c = id.find(':');
  return c == std::string::npos ? id : id.substr(c + 1);
}

}  // namespace

Result<std::vector<std::string>> CitingWorks(const kb::KnowledgeBase& base, const std::string& id) {
  std::vector<std::string> out;
  CKB_RETURN_IF_ERROR(base.Scan(kb::kCfCitedBy, kb::PrefixOf(id), [&](std::string_view k, std::string_view) {
    auto parts = kb::SplitKey(k);
    if (parts.size() >= 3 && parts[2] == "references" &&
        std::find(out.begin(), out.end(), parts[1]) == out.end()) {
      out.push_back(parts[1]);
    }
    return true;
  }));
  return out;
}

Result<Json> WorkView(const kb::KnowledgeBase& base, const std::string& id) {
  CKB_ASSIGN_OR_RETURN(auto rec, base.GetWork(id));
  if (!rec) return Status::NotFound("no work " + id);
  Json j = std::move(*rec);
  j.erase("contrib");
  CKB_ASSIGN_OR_RETURN(auto citing, CitingWorks(base, id));
  j["cited_by_count"] = citing.size();
  j["cited_by"] = citing;
  uint64_t refs = 0, related = 0;
  CKB_RETURN_IF_ERROR(base.ScanCitations(id, "references", [&](int, std::string_view) {
    ++refs;
    return true;
  }));
  CKB_RETURN_IF_ERROR(base.ScanCitations(id, "related", [&](int, std::string_view) {
    ++related;
    return true;
  }));
  j["references_count"] = refs;
  j["related_count"] = related;
  std::set<std::string> trials;
  for (const char* f : {"registry_ids"}) {
    if (j.contains(f) && j[f].is_array()) {
      for (const auto& v : j[f]) {
        if (v.is_string()) trials.insert(v.get<std::string>());
      }
    }
  }
  if (j.contains("entities") && j["entities"].is_array()) {
    for (const auto& m : j["entities"]) {
      if (JsonStr(m, "type") == "trial") trials.insert(StripType(JsonStr(m, "id")));
    }
  }
  j["trials"] = std::vector<std::string>(trials.begin(), trials.end());
  return j;
}

Result<Json> RefsView(const kb::KnowledgeBase& base, const std::string& id) {
  Json out;
  out["id"] = id;
  Json refs = Json::array(), related = Json::array();
  for (Json* list : {&refs, &related}) {
    CKB_RETURN_IF_ERROR(base.ScanCitations(id, list == &refs ? "references" : "related",
                                           [&](int, std::string_view v) {
                                             Json e = ParseJson(v);
                                             if (e.is_discarded()) return true;
                                             Json ref = e.contains("ref") ? e["ref"]
                                                                          : Json{{"n", e.value("n", 0)},
                                                                                 {"raw", JsonStr(e, "raw")}};
                                             ref["work_id"] = JsonStr(e, "cited");
                                             list->push_back(std::move(ref));
                                             return true;
                                           }));
  }
  out["references"] = std::move(refs);
  out["related"] = std::move(related);
  return out;
}

}  // namespace ckb::query
