// SPDX-License-Identifier: GPL-3.0-or-later
// Builds review-table rows from work records and their entity mentions.
#include "query/review_table.h"

#include <algorithm>
#include <cctype>
#include <map>
#include <set>

#include "knowledge/entities.h"
#include "kb/keys.h"
#include "query/review_outcomes.h"
#include "text/text_util.h"

namespace ckb::query {
namespace {

std::string AfterColon(const std::string& id) {
  size_t c = id.find(':');
  return c == std::string::npos ? id : id.substr(c + 1);
}

std::string Attr(const Json& m, const char* key) {
  auto it = m.find("attrs");
  if (it == m.end() || !it->is_object()) return "";
  return JsonStr(*it, key);
}

// Appends v to a list unless present.
void AddUnique(std::vector<std::string>* list, const std::string& v) {
  if (!v.empty() && std::find(list->begin(), list->end(), v) == list->end()) list->push_back(v);
}

Json ListOrEmpty(const std::vector<std::string>& v) { return Json(v); }

// "NCT03734029 (DESTINY-Breast04)" for a trial id, using the trial record or
// the lexicon for the acronym.
std::string TrialLabel(const kb::KnowledgeBase& base, const std::string& id, std::string* acronym) {
  std::string reg = id.rfind("trial:", 0) == 0 ? id.substr(6) : id;
  std::string acr;
  bool is_registry = reg.size() > 3 && (reg.rfind("NCT", 0) == 0 || reg.rfind("ChiCTR", 0) == 0 ||
                                        reg.rfind("ISRCTN", 0) == 0 || std::isdigit(static_cast<unsigned char>(reg.back())));
  if (reg.rfind("NCT", 0) == 0) {
    auto t = base.GetTrial(reg);
    if (t.ok() && t.value()) acr = JsonStr(*t.value(), "acronym");
  }
  if (acr.empty()) {
    if (const auto* e = knowledge::EntityExtractor::Default().Find("trial:" + reg)) {
      if (e->name != reg) acr = e->name;
    }
  }
  *acronym = acr;
  if (!is_registry || reg.rfind("NCT", 0) != 0) {
    return reg;  // an acronym-only entity, or another registry
  }
  return acr.empty() ? reg : reg + " (" + acr + ")";
}

}  // namespace

const std::vector<ColumnInfo>& ReviewColumns() {
  static const std::vector<ColumnInfo> cols = {
      {"ref", "Ref", "position in the review's reference list"},
      {"citation", "Citation", "first author et al., year"},
      {"authors", "Authors", "all authors"},
      {"title", "Title", "title as stored"},
      {"journal", "Journal", "journal name"},
      {"year", "Year", "publication year"},
      {"design", "Design", "study design terms (randomized, open-label, meta-analysis, ...)"},
      {"phase", "Phase", "trial phase stated in the record or its registry entry"},
      {"n", "N", "sample size stated (largest when several)"},
      {"population", "Population", "diseases and biomarker states"},
      {"drugs", "Drugs", "interventions: drug names (INN)"},
      {"interventions", "Interventions", "same as drugs"},
      {"biomarkers", "Biomarkers", "biomarker states (HER2-low, HER2-ultralow, ...)"},
      {"comparator", "Comparator", "what the title compares against (after versus/vs)"},
      {"trials", "Trials", "registry ids and acronyms"},
      {"doi", "DOI", "digital object identifier"},
      {"pmid", "PMID", "PubMed id"},
      {"cited_by", "Cited by", "works in the knowledge base citing this one"},
      {"outcomes", "Outcomes", "trial results: effects, medians, rates, arms, n randomised"},
      {"hr", "HR", "hazard ratios with interval, p value and endpoint"},
      {"median_pfs", "Median PFS", "median progression-free survival per arm"},
      {"median_os", "Median OS", "median overall survival per arm"},
      {"orr", "ORR", "objective response rates per arm"},
      {"arms", "Arms", "arms with their sizes"},
      {"n_total", "N randomised", "patients randomised (single-arm: enrolled) as stated"},
      {"id", "Work id", "ckb work id"},
  };
  return cols;
}

const std::vector<std::string>& DefaultReviewColumns() {
  static const std::vector<std::string> d = {"citation", "title", "design", "phase", "n", "drugs", "biomarkers", "trials"};
  return d;
}

const std::vector<std::string>& GroupByKeys() {
  static const std::vector<std::string> g = {"drug", "biomarker", "trial", "design", "year"};
  return g;
}

std::string CitationLabel(const std::vector<std::string>& authors, bool et_al, const Json& year) {
  std::string s;
  if (!authors.empty()) {
    const std::string& a = authors[0];
    size_t sp = a.find(' ');
    s = sp == std::string::npos ? a : a.substr(0, sp);
    if (authors.size() > 1 || et_al) s += " et al.";
  }
  std::string y = CellText(year);
  if (!y.empty()) s += s.empty() ? y : ", " + y;
  return s;
}

std::string ComparatorOf(const std::string& title) {
  std::string low = text::LowerAscii(title);
  size_t start = std::string::npos;
  for (const char* kw : {" versus ", " vs. ", " vs ", " compared with ", " compared to "}) {
    size_t p = low.find(kw);
    if (p != std::string::npos && (start == std::string::npos || p < start)) {
      start = p + std::string(kw).size();
    }
  }
  if (start == std::string::npos) return "";
  size_t end = low.size();
  for (const char* stop : {" in ", " for ", " among ", " as ", " after ", " with ", ":", ";", "(", ". "}) {
    size_t p = low.find(stop, start);
    if (p != std::string::npos && p < end) end = p;
  }
  std::string c = title.substr(start, end - start);
  while (!c.empty() && (c.back() == ' ' || c.back() == '.' || c.back() == ',')) c.pop_back();
  return c;
}

Result<std::vector<TableEntry>> ReferenceEntries(const kb::KnowledgeBase& base, const std::string& review_id) {
  std::vector<TableEntry> out;
  CKB_RETURN_IF_ERROR(base.ScanCitations(review_id, "references",
                                [&](int n, std::string_view v) {
                                  Json e = ParseJson(v);
                                  TableEntry t;
                                  t.ref = n;
                                  if (!e.is_discarded()) {
                                    t.work_id = JsonStr(e, "cited");
                                    t.raw = JsonStr(e, "raw");
                                    if (e.contains("ref") && e["ref"].is_object()) {
                                      if (t.raw.empty()) t.raw = JsonStr(e["ref"], "raw");
                                      if (e["ref"].value("n", 0) > 0) t.ref = e["ref"].value("n", 0);
                                    }
                                  }
                                  out.push_back(std::move(t));
                                  return true;
                                }));
  return out;
}

Result<Json> ReviewRow(const kb::KnowledgeBase& base, const TableEntry& entry) {
  Json w;
  if (!entry.work_id.empty()) {
    CKB_ASSIGN_OR_RETURN(auto rec, base.GetWork(entry.work_id));
    if (rec) w = std::move(*rec);
  }
  if (!w.is_object()) w = Json{{"title", entry.raw}};
  Json row;
  row["id"] = entry.work_id.empty() ? Json(nullptr) : Json(entry.work_id);
  row["ref"] = entry.ref > 0 ? Json(entry.ref) : Json(nullptr);
  std::vector<std::string> authors;
  if (w.contains("authors") && w["authors"].is_array()) {
    for (const auto& a : w["authors"]) {
      if (a.is_string()) authors.push_back(a.get<std::string>());
    }
  }
  Json year = w.contains("year") && w["year"].is_number_integer() ? w["year"] : Json(nullptr);
  row["citation"] = CitationLabel(authors, w.value("et_al", false), year);
  if (JsonStr(w, "type") == "trial-registration" && w.contains("registry_ids") && w["registry_ids"].is_array() &&
      !w["registry_ids"].empty() && w["registry_ids"][0].is_string() && row["citation"].is_string()) {
    // A registration is cited as sponsor, year, registry number.
    row["citation"] = row["citation"].get<std::string>() + ", " + w["registry_ids"][0].get<std::string>();
  }
  row["authors"] = authors;
  row["title"] = JsonStr(w, "title").empty() ? Json(nullptr) : Json(JsonStr(w, "title"));
  row["journal"] = JsonStr(w, "journal").empty() ? Json(nullptr) : Json(JsonStr(w, "journal"));
  row["year"] = year;

  std::vector<std::string> design, phase, diseases, drugs, drug_ids, biomarkers, trial_ids, trials;
  std::map<std::string, bool> marker_has_state;
  long long n = -1;
  bool literature_review = false, other_review = false;  // "review of the literature" or another review
  auto take = [&](const Json& m) {
    std::string type = JsonStr(m, "type"), id = JsonStr(m, "id"), name = JsonStr(m, "name");
    if (name.empty()) name = AfterColon(id);
    if (type == "drug") {
      AddUnique(&drugs, name);
      AddUnique(&drug_ids, id);
    } else if (type == "design" && id != "design:phase-trial") {
      if (id == "design:review") (Attr(m, "of") == "literature" ? literature_review : other_review) = true;
      AddUnique(&design, name);
    } else if (type == "phase") {
      AddUnique(&phase, Attr(m, "phase").empty() ? name : Attr(m, "phase"));
    } else if (type == "sample_size") {
      std::string v = Attr(m, "n");
      if (!v.empty() && std::isdigit(static_cast<unsigned char>(v[0]))) n = std::max(n, std::atoll(v.c_str()));
    } else if (type == "disease") {
      AddUnique(&diseases, name);
    } else if (type == "biomarker") {
      std::string marker = AfterColon(id), state = Attr(m, "state");
      if (!state.empty()) {
        AddUnique(&biomarkers, marker + "-" + state);
        marker_has_state[marker] = true;
      } else {
        marker_has_state.emplace(marker, false);
      }
    } else if (type == "trial") {
      AddUnique(&trial_ids, id);
    }
  };
  if (w.contains("entities") && w["entities"].is_array()) {
    for (const auto& m : w["entities"]) take(m);
  }
  if (w.contains("registry_ids") && w["registry_ids"].is_array()) {
    for (const auto& r : w["registry_ids"]) {
      if (r.is_string()) AddUnique(&trial_ids, "trial:" + r.get<std::string>());
    }
  }
  for (const auto& [marker, has_state] : marker_has_state) {
    if (!has_state) AddUnique(&biomarkers, marker);
  }
  std::set<std::string> acronyms_with_id;
  std::vector<std::pair<std::string, std::string>> labels;  // label, acronym
  for (const auto& id : trial_ids) {
    std::string acr;
    std::string label = TrialLabel(base, id, &acr);
    labels.emplace_back(label, acr);
    if (label != acr && !acr.empty()) acronyms_with_id.insert(acr);
    if (phase.empty() && id.rfind("trial:NCT", 0) == 0) {
      auto t = base.GetTrial(id.substr(6));
      if (t.ok() && t.value()) {
        AddUnique(&phase, JsonStr(*t.value(), "phase"));
        if (n < 0 && (*t.value())["enrollment"].is_number_integer()) n = (*t.value())["enrollment"].get<long long>();
      }
    }
  }
  for (const auto& [label, acr] : labels) {
    if (label == acr && acronyms_with_id.count(acr)) continue;
    AddUnique(&trials, label);
  }
  // A case report "with a review of the literature" is a case report.
  if (literature_review && !other_review && std::find(design.begin(), design.end(), "case report") != design.end()) {
    design.erase(std::remove(design.begin(), design.end(), "review"), design.end());
  }
  std::vector<std::string> population = diseases;
  for (const auto& b : biomarkers) AddUnique(&population, b);
  row["design"] = ListOrEmpty(design);
  row["phase"] = ListOrEmpty(phase);
  row["n"] = n >= 0 ? Json(n) : Json(nullptr);
  row["population"] = ListOrEmpty(population);
  row["drugs"] = ListOrEmpty(drugs);
  row["interventions"] = ListOrEmpty(drugs);
  row["drug_ids"] = ListOrEmpty(drug_ids);
  row["biomarkers"] = ListOrEmpty(biomarkers);
  std::string comp = ComparatorOf(JsonStr(w, "title"));
  row["comparator"] = comp.empty() ? Json(nullptr) : Json(comp);
  row["trials"] = ListOrEmpty(trials);
  row["doi"] = JsonStr(w, "doi").empty() ? Json(nullptr) : Json(JsonStr(w, "doi"));
  row["pmid"] = JsonStr(w, "pmid").empty() ? Json(nullptr) : Json(JsonStr(w, "pmid"));
  uint64_t cited = 0;
  if (!entry.work_id.empty()) {
    auto c = base.CitedByCount(entry.work_id);
    if (c.ok()) cited = c.value();
  }
  row["cited_by"] = cited;
  AddOutcomeCells(w, &row);
  return row;
}

namespace {

const char* GroupField(const std::string& group_by) {
  if (group_by == "drug") return "drugs";
  if (group_by == "biomarker") return "biomarkers";
  if (group_by == "trial") return "trials";
  if (group_by == "design") return "design";
  if (group_by == "year") return "year";
  return nullptr;
}

}  // namespace

Result<Table> ReviewTableHeader(const std::vector<std::string>& columns) {
  Table t;
  for (const auto& key : columns) {
    auto it = std::find_if(ReviewColumns().begin(), ReviewColumns().end(),
                           [&](const ColumnInfo& c) { return c.key == key; });
    if (it == ReviewColumns().end()) return Status::InvalidArgument("unknown column '" + key + "'");
    t.columns.push_back({it->key, it->header});
  }
  return t;
}

Result<Table> ReviewTable(const kb::KnowledgeBase& base, const std::vector<TableEntry>& entries,
                          const std::vector<std::string>& columns, const std::string& group_by) {
  CKB_ASSIGN_OR_RETURN(Table t, ReviewTableHeader(columns));
  const char* field = nullptr;
  if (!group_by.empty()) {
    field = GroupField(group_by);
    if (!field) return Status::InvalidArgument("cannot group by '" + group_by + "' (drug, biomarker, trial, design, year)");
    t.group_key = group_by;
  }
  std::vector<Json> rows;
  for (const auto& e : entries) {
    CKB_ASSIGN_OR_RETURN(Json row, ReviewRow(base, e));
    rows.push_back(std::move(row));
  }
  if (!field) {
    t.rows = std::move(rows);
    return t;
  }
  // One copy of a row per group value; groups in order of first appearance
  // (years ascending), rows without a value last.
  std::vector<std::string> order;
  std::map<std::string, std::vector<Json>> groups;
  for (const auto& row : rows) {
    std::vector<std::string> values;
    const Json& v = row[field];
    if (v.is_array()) {
      for (const auto& x : v) values.push_back(CellText(x));
    } else if (!v.is_null()) {
      values.push_back(CellText(v));
    }
    if (values.empty()) values.push_back("");
    for (const auto& g : values) {
      if (!groups.count(g)) order.push_back(g);
      Json copy = row;
      copy[group_by] = g;
      groups[g].push_back(std::move(copy));
    }
  }
  if (group_by == "year") std::sort(order.begin(), order.end());
  std::stable_partition(order.begin(), order.end(), [](const std::string& g) { return !g.empty(); });
  for (const auto& g : order) {
    for (auto& r : groups[g]) t.rows.push_back(std::move(r));
  }
  return t;
}

}  // namespace ckb::query
