// SPDX-License-Identifier: GPL-3.0-or-later
// The trial listing (`ckb trials`) and one trial's page (`ckb trial`): registry
// facts merged with what the linked works say (drugs, biomarker states,
// phase, years), filters and sort orders.
#include <algorithm>
#include <cctype>
#include <map>
#include <set>

#include "knowledge/entities.h"
#include "kb/keys.h"
#include "query/views.h"
#include "text/text_util.h"

namespace ckb::query {
namespace {

std::string StripType(const std::string& id) {
  size_t c = id.find(':');
  return c == std::string::npos ? id : id.substr(c + 1);
}

int RoleOrder(const std::string& role) {
  static const char* kRoles[] = {"registry", "reports", "discusses", "cites", "mentions"};
  for (int i = 0; i < 5; ++i) {
    if (role == kRoles[i]) return i;
  }
  return 5;
}

// What the trial row collects from entity mentions.
struct Facts {
  std::set<std::string> drugs, drug_ids, biomarkers, biomarker_ids, diseases, phases;
};

void AddEntities(const Json& ents, Facts* f, bool phases) {
  if (!ents.is_array()) return;
  for (const auto& m : ents) {
    std::string type = JsonStr(m, "type"), id = JsonStr(m, "id");
    const Json attrs = m.value("attrs", Json::object());
    if (type == "drug") {
      f->drugs.insert(JsonStr(m, "name").empty() ? StripType(id) : JsonStr(m, "name"));
      f->drug_ids.insert(id);
    } else if (type == "biomarker") {
      std::string b = StripType(id);
      f->biomarker_ids.insert(id);
      if (attrs.contains("state") && attrs["state"].is_string()) {
        std::string st = attrs["state"].get<std::string>();
        f->biomarkers.insert(b + "-" + st);
        f->biomarker_ids.insert(id + "/" + st);
      }
    } else if (type == "disease") {
      f->diseases.insert(JsonStr(m, "name"));
    } else if (type == "phase" && phases && attrs.contains("phase") && attrs["phase"].is_string()) {
      f->phases.insert(NormalizePhase(attrs["phase"].get<std::string>()));
    }
  }
}

// The acronym of a trial: the registry's, else the lexicon's name for the
// NCT id, else the key itself when the trial is known only by its acronym.
std::string AcronymOf(const Json& rec, const std::string& key) {
  std::string a = JsonStr(rec, "acronym");
  if (!a.empty()) return a;
  if (const auto* e = knowledge::EntityExtractor::Default().Find("trial:" + key)) {
    if (e->name != key) return e->name;
  }
  bool registry = key.rfind("NCT", 0) == 0 || key.rfind("ChiCTR", 0) == 0 || key.rfind("ISRCTN", 0) == 0 ||
                  (!key.empty() && std::isdigit(static_cast<unsigned char>(key[0])));
  return registry ? "" : key;
}

Json TrialRow(const kb::KnowledgeBase& base, const Json& rec, Status* st) {
  std::string nct = JsonStr(rec, "nct");
  Json row;
  row["nct"] = nct;
  std::vector<std::string> reg;
  std::string acronym = AcronymOf(rec, nct);
  if (acronym != nct) reg.push_back(nct);
  for (const auto& o : rec.value("other_ids", Json::array())) {
    if (o.is_string()) reg.push_back(o.get<std::string>());
  }
  row["registry_ids"] = reg;
  row["other_ids"] = rec.value("other_ids", Json::array());
  row["acronym"] = acronym.empty() ? Json(nullptr) : Json(acronym);
  std::string title = JsonStr(rec, "brief_title");
  row["title"] = title.empty() ? Json(nullptr) : Json(title);
  std::string phase = NormalizePhase(JsonStr(rec, "phase"));
  row["status"] = rec.value("status", Json(nullptr));
  row["conditions"] = rec.value("conditions", Json::array());
  Facts facts;
  std::set<std::string> cited_by;
  std::map<std::string, int> roles;
  std::set<int> years;
  AddEntities(rec.value("entities", Json::array()), &facts, true);
  Status s = base.Scan(kb::kCfTrialWorks, kb::PrefixOf(nct), [&](std::string_view k, std::string_view) {
    auto parts = kb::SplitKey(k);
    if (parts.size() < 3) return true;
    cited_by.insert(parts[1]);
    roles[parts[2]]++;
    auto w = base.GetWork(parts[1]);
    if (w.ok() && w.value()) {
      const Json& wj = *w.value();
      if (wj.contains("year") && wj["year"].is_number_integer()) years.insert(wj["year"].get<int>());
      // Works that report the trial speak for it; citing works only name it.
      bool reports = parts[2] == "reports" || parts[2] == "mentions";
      if (title.empty() && reports) {
        std::string t = JsonStr(wj, "title");
        if (!t.empty()) {
          title = t;
          row["title"] = t;
        }
      }
      if (reports) AddEntities(wj.value("entities", Json::array()), &facts, true);
    }
    return true;
  });
  if (!s.ok()) *st = s;
  if (phase.empty() && facts.phases.size() == 1) phase = *facts.phases.begin();
  row["phase"] = phase.empty() ? Json(nullptr) : Json(phase);
  std::vector<std::string> conditions;
  for (const auto& c : row["conditions"]) {
    if (c.is_string()) conditions.push_back(c.get<std::string>());
  }
  row["diseases"] = std::vector<std::string>(facts.diseases.begin(), facts.diseases.end());
  row["drugs"] = std::vector<std::string>(facts.drugs.begin(), facts.drugs.end());
  row["drug_ids"] = std::vector<std::string>(facts.drug_ids.begin(), facts.drug_ids.end());
  row["biomarkers"] = std::vector<std::string>(facts.biomarkers.begin(), facts.biomarkers.end());
  row["biomarker_ids"] = std::vector<std::string>(facts.biomarker_ids.begin(), facts.biomarker_ids.end());
  row["enrollment"] = rec.value("enrollment", Json(nullptr));
  Json dates = rec.value("dates", Json::object());
  row["start"] = dates.is_object() && dates.contains("start") ? dates["start"] : Json(nullptr);
  row["cited_by"] = std::vector<std::string>(cited_by.begin(), cited_by.end());
  row["cited_by_count"] = cited_by.size();
  row["roles"] = roles;
  row["years"] = std::vector<int>(years.begin(), years.end());
  return row;
}

bool AnyContains(const Json& arr, const std::string& needle) {
  std::string n = text::LowerAscii(needle);
  for (const auto& v : arr) {
    if (v.is_string() && text::LowerAscii(v.get<std::string>()).find(n) != std::string::npos) return true;
  }
  return false;
}

bool AnyOf(const Json& arr, const std::vector<std::string>& wanted) {
  for (const auto& v : arr) {
    if (!v.is_string()) continue;
    for (const auto& w : wanted) {
      if (text::LowerAscii(v.get<std::string>()) == text::LowerAscii(w)) return true;
    }
  }
  return false;
}

std::string StatusKey(std::string s) {
  s = text::LowerAscii(s);
  std::replace(s.begin(), s.end(), ' ', '_');
  std::replace(s.begin(), s.end(), ',', '_');
  return s;
}

// Whether a trial of phase `trial` is one of phase `want`: the same phase,
// or a combined phase that includes it ("2/3" is a phase 3 trial, as the
// registry's own phase filter counts it); "2/3" asked for is "2/3" only.
bool PhaseIncludes(const std::string& trial, const std::string& want) {
  if (trial == want) return true;
  if (want.empty() || want.find('/') != std::string::npos || trial.find('/') == std::string::npos) return false;
  for (size_t b = 0;;) {
    size_t e = trial.find('/', b);
    if (trial.substr(b, e == std::string::npos ? std::string::npos : e - b) == want) return true;
    if (e == std::string::npos) return false;
    b = e + 1;
  }
}

bool Matches(const Json& row, const TrialFilter& f) {
  if (!f.drug_ids.empty() ? !AnyOf(row["drug_ids"], f.drug_ids) : !f.drug.empty() && !AnyContains(row["drugs"], f.drug)) {
    return false;
  }
  if (!f.biomarker_ids.empty() ? !AnyOf(row["biomarker_ids"], f.biomarker_ids)
                               : !f.biomarker.empty() && !AnyContains(row["biomarkers"], f.biomarker)) {
    return false;
  }
  if (!f.condition.empty() && !AnyContains(row["conditions"], f.condition) && !AnyContains(row["diseases"], f.condition)) {
    return false;
  }
  if (!f.phase.empty() && !PhaseIncludes(JsonStr(row, "phase"), NormalizePhase(f.phase))) return false;
  if (!f.status.empty() && StatusKey(JsonStr(row, "status")) != StatusKey(f.status)) return false;
  return true;
}

// Sort key of a phase: "3" > "2/3" > "2" > "1b/2" > ... > none.
double PhaseRank(const std::string& p) {
  if (p.empty()) return -1;
  if (p == "n/a") return 0;
  double last = 0;
  for (char c : p) {
    if (std::isdigit(static_cast<unsigned char>(c))) last = c - '0';
  }
  return last + (p.find('/') != std::string::npos ? -0.5 : 0) + (p.rfind("early", 0) == 0 ? -0.7 : 0);
}

std::string DateKey(const Json& row) {
  std::string d = JsonStr(row, "start");
  if (!d.empty()) return d;
  const Json& y = row["years"];
  return y.empty() ? "" : std::to_string(y.front().get<int>());
}

}  // namespace

std::string NormalizePhase(const std::string& phase) {
  std::string p = text::LowerAscii(phase);
  for (const char* w : {"phase", " "}) {
    size_t at;
    while ((at = p.find(w)) != std::string::npos) p.erase(at, std::string(w).size());
  }
  if (p.empty() || p == "na" || p == "n/a") return p.empty() ? "" : "n/a";
  static const std::pair<const char*, const char*> kRoman[] = {{"iv", "4"}, {"iii", "3"}, {"ii", "2"}, {"i", "1"}};
  std::string out;
  size_t i = 0;
  while (i < p.size()) {
    bool done = false;
    for (const auto& [r, d] : kRoman) {
      size_t n = std::string(r).size();
      if (p.compare(i, n, r) == 0) {
        out += d;
        i += n;
        done = true;
        break;
      }
    }
    if (done) continue;
    char c = p[i++];
    if (c == '-' || c == '|' || c == ',') c = '/';
    out.push_back(c);
  }
  return out;
}

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
      return PhaseRank(JsonStr(a, "phase")) > PhaseRank(JsonStr(b, "phase"));
    });
  } else if (sort == "date") {
    std::stable_sort(rows.begin(), rows.end(), [](const Json& a, const Json& b) { return DateKey(a) > DateKey(b); });
  }
  Json out;
  out["trials"] = rows;
  return out;
}

Result<std::string> ResolveTrial(const kb::KnowledgeBase& base, const std::string& term) {
  std::vector<std::string> keys = {term};
  for (const auto& id : knowledge::EntityExtractor::Default().Resolve(term, "trial")) keys.push_back(StripType(id));
  std::string upper = term;
  for (char& c : upper) c = static_cast<char>(std::toupper(static_cast<unsigned char>(c)));
  keys.push_back(upper);
  for (const auto& k : keys) {
    CKB_ASSIGN_OR_RETURN(auto rec, base.GetTrial(k));
    if (rec) return k;
  }
  std::string found;
  CKB_RETURN_IF_ERROR(base.Scan(kb::kCfTrials, "", [&](std::string_view k, std::string_view v) {
    Json rec = ParseJson(v);
    if (rec.is_discarded()) return true;
    std::string key(k);
    if (text::LowerAscii(JsonStr(rec, "acronym")) == text::LowerAscii(term) || text::LowerAscii(key) == text::LowerAscii(term)) {
      found = key;
      return false;
    }
    for (const auto& o : rec.value("other_ids", Json::array())) {
      if (o.is_string() && text::LowerAscii(o.get<std::string>()) == text::LowerAscii(term)) {
        found = key;
        return false;
      }
    }
    return true;
  }));
  if (found.empty()) return Status::NotFound("no trial " + term);
  return found;
}

Result<Json> TrialView(const kb::KnowledgeBase& base, const std::string& nct) {
  CKB_ASSIGN_OR_RETURN(auto rec, base.GetTrial(nct));
  if (!rec) return Status::NotFound("no trial " + nct);
  Json out = std::move(*rec);
  bool has_registry = out.contains("contrib") && out["contrib"].is_object() && !out["contrib"].empty();
  out.erase("contrib");
  if (JsonStr(out, "acronym").empty()) {
    std::string a = AcronymOf(out, nct);
    if (!a.empty()) out["acronym"] = a;
  }
  Json links = Json::array();
  if (has_registry) {
    Json row;
    row["role"] = "registry";
    row["work_id"] = nullptr;
    row["source"] = out.contains("sources") && out["sources"].is_array() && !out["sources"].empty()
                        ? out["sources"][0]
                        : Json(nullptr);
    row["context"] = out.value("brief_title", Json(nullptr));
    links.push_back(std::move(row));
  }
  CKB_RETURN_IF_ERROR(base.Scan(kb::kCfTrialWorks, kb::PrefixOf(nct), [&](std::string_view k, std::string_view v) {
    auto parts = kb::SplitKey(k);
    if (parts.size() < 3) return true;
    Json link = ParseJson(v);
    Json row;
    row["work_id"] = parts[1];
    row["role"] = parts[2];
    row["context"] = link.is_discarded() ? Json(nullptr) : link.value("context", Json(nullptr));
    row["source"] = link.is_discarded() ? Json(nullptr) : link.value("source", Json(nullptr));
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
  std::stable_sort(links.begin(), links.end(), [](const Json& a, const Json& b) {
    return RoleOrder(JsonStr(a, "role")) < RoleOrder(JsonStr(b, "role"));
  });
  out["works"] = std::move(links);
  return out;
}

}  // namespace ckb::query
