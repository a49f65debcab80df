// SPDX-License-Identifier: GPL-3.0-or-later
#include "query/views.h"

#include <algorithm>
#include <set>

#include "kb/keys.h"

namespace ckb::query {
namespace {

std::string Str(const Json& j, const char* key) {
  auto it = j.find(key);
  return it != j.end() && it->is_string() ? it->get<std::string>() : std::string();
}

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
  CKB_RETURN_IF_ERROR(base.Scan(kb::kCfEdges, kb::PrefixOf(id), [&](std::string_view k, std::string_view) {
    auto parts = kb::SplitKey(k);
    if (parts.size() >= 2) (parts[1] == "references" ? refs : related)++;
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
      if (Str(m, "type") == "trial") trials.insert(StripType(Str(m, "id")));
    }
  }
  j["trials"] = std::vector<std::string>(trials.begin(), trials.end());
  return j;
}

Result<Json> RefsView(const kb::KnowledgeBase& base, const std::string& id) {
  Json out;
  out["id"] = id;
  Json refs = Json::array(), related = Json::array();
  CKB_RETURN_IF_ERROR(base.Scan(kb::kCfEdges, kb::PrefixOf(id), [&](std::string_view k, std::string_view v) {
    auto parts = kb::SplitKey(k);
    Json e = ParseJson(v);
    if (e.is_discarded() || parts.size() < 3) return true;
    Json ref = e.contains("ref") ? e["ref"] : Json{{"n", e.value("n", 0)}, {"raw", Str(e, "raw")}};
    ref["work_id"] = Str(e, "cited");
    (parts[1] == "references" ? refs : related).push_back(std::move(ref));
    return true;
  }));
  out["references"] = std::move(refs);
  out["related"] = std::move(related);
  return out;
}

namespace {

Json TrialRow(const kb::KnowledgeBase& base, const Json& rec, Status* st) {
  std::string nct = Str(rec, "nct");
  Json row;
  row["nct"] = nct;
  row["other_ids"] = rec.value("other_ids", Json::array());
  row["acronym"] = rec.value("acronym", Json(nullptr));
  std::string title = Str(rec, "brief_title");
  row["title"] = title.empty() ? Json(nullptr) : Json(title);
  row["phase"] = rec.value("phase", Json(nullptr));
  row["status"] = rec.value("status", Json(nullptr));
  row["conditions"] = rec.value("conditions", Json::array());
  std::set<std::string> drugs, biomarkers;
  std::set<std::string> cited_by;
  std::set<int> years;
  auto add_entities = [&](const Json& ents) {
    if (!ents.is_array()) return;
    for (const auto& m : ents) {
      std::string type = Str(m, "type");
      if (type == "drug") drugs.insert(Str(m, "name").empty() ? StripType(Str(m, "id")) : Str(m, "name"));
      if (type == "biomarker") {
        std::string b = StripType(Str(m, "id"));
        if (m.contains("attrs") && m["attrs"].contains("state")) b += "-" + m["attrs"]["state"].get<std::string>();
        biomarkers.insert(b);
      }
    }
  };
  add_entities(rec.value("entities", Json::array()));
  Status s = base.Scan(kb::kCfTrialWorks, kb::PrefixOf(nct), [&](std::string_view k, std::string_view) {
    auto parts = kb::SplitKey(k);
    if (parts.size() < 3) return true;
    cited_by.insert(parts[1]);
    auto w = base.GetWork(parts[1]);
    if (w.ok() && w.value()) {
      const Json& wj = *w.value();
      if (wj.contains("year") && wj["year"].is_number_integer()) years.insert(wj["year"].get<int>());
      if (title.empty() && parts[2] != "cites") {
        std::string t = Str(wj, "title");
        if (!t.empty()) {
          title = t;
          row["title"] = t;
        }
      }
      add_entities(wj.value("entities", Json::array()));
    }
    return true;
  });
  if (!s.ok()) *st = s;
  row["drugs"] = std::vector<std::string>(drugs.begin(), drugs.end());
  row["biomarkers"] = std::vector<std::string>(biomarkers.begin(), biomarkers.end());
  row["enrollment"] = rec.value("enrollment", Json(nullptr));
  row["cited_by"] = std::vector<std::string>(cited_by.begin(), cited_by.end());
  row["cited_by_count"] = cited_by.size();
  row["years"] = std::vector<int>(years.begin(), years.end());
  return row;
}

bool Matches(const Json& row, const TrialFilter& f) {
  auto contains = [](const Json& arr, const std::string& needle) {
    if (needle.empty()) return true;
    std::string n = needle;
    std::transform(n.begin(), n.end(), n.begin(), ::tolower);
    for (const auto& v : arr) {
      if (!v.is_string()) continue;
      std::string s = v.get<std::string>();
      std::transform(s.begin(), s.end(), s.begin(), ::tolower);
      if (s.find(n) != std::string::npos) return true;
    }
    return false;
  };
  if (!contains(row["drugs"], f.drug)) return false;
  if (!contains(row["biomarkers"], f.biomarker)) return false;
  if (!contains(row["conditions"], f.condition)) return false;
  if (!f.phase.empty() && Str(row, "phase") != f.phase) return false;
  if (!f.status.empty()) {
    std::string s = Str(row, "status"), w = f.status;
    std::transform(s.begin(), s.end(), s.begin(), ::tolower);
    std::transform(w.begin(), w.end(), w.begin(), ::tolower);
    if (s != w) return false;
  }
  return true;
}

}  // namespace

Result<Json> TrialsView(const kb::KnowledgeBase& base, const TrialFilter& filter, const std::string& sort) {
  std::vector<Json> rows;
  Status inner;
  CKB_RETURN_IF_ERROR(base.Scan(kb::kCfTrials, "", [&](std::string_view, std::string_view v) {
    Json rec = ParseJson(v);
    if (rec.is_discarded()) return true;
    Json row = TrialRow(base, rec, &inner);
    if (Matches(row, filter)) rows.push_back(std::move(row));
    return true;
  }));
  CKB_RETURN_IF_ERROR(inner);
  if (sort == "cited") {
    std::stable_sort(rows.begin(), rows.end(), [](const Json& a, const Json& b) {
      return a["cited_by_count"].get<size_t>() > b["cited_by_count"].get<size_t>();
    });
  } else if (sort == "phase") {
    std::stable_sort(rows.begin(), rows.end(), [](const Json& a, const Json& b) {
      return Str(a, "phase") > Str(b, "phase");
    });
  } else if (sort == "date") {
    std::stable_sort(rows.begin(), rows.end(), [](const Json& a, const Json& b) {
      int ya = a["years"].empty() ? 0 : a["years"].back().get<int>();
      int yb = b["years"].empty() ? 0 : b["years"].back().get<int>();
      return ya > yb;
    });
  }
  Json out;
  out["trials"] = rows;
  return out;
}

Result<Json> TrialView(const kb::KnowledgeBase& base, const std::string& nct) {
  CKB_ASSIGN_OR_RETURN(auto rec, base.GetTrial(nct));
  if (!rec) return Status::NotFound("no trial " + nct);
  Json out = std::move(*rec);
  out.erase("contrib");
  Json links = Json::array();
  CKB_RETURN_IF_ERROR(base.Scan(kb::kCfTrialWorks, kb::PrefixOf(nct), [&](std::string_view k, std::string_view v) {
    auto parts = kb::SplitKey(k);
    if (parts.size() < 3) return true;
    Json link = ParseJson(v);
    Json row;
    row["work_id"] = parts[1];
    row["role"] = parts[2];
    row["context"] = link.is_discarded() ? Json(nullptr) : link.value("context", Json(nullptr));
    auto w = base.GetWork(parts[1]);
    if (w.ok() && w.value()) {
      row["title"] = w.value()->value("title", Json(nullptr));
      row["year"] = w.value()->value("year", Json(nullptr));
      row["doi"] = w.value()->value("doi", Json(nullptr));
      row["pmid"] = w.value()->value("pmid", Json(nullptr));
    }
    links.push_back(std::move(row));
    return true;
  }));
  out["works"] = std::move(links);
  return out;
}

}  // namespace ckb::query
