// SPDX-License-Identifier: GPL-3.0-or-later
// CSL-JSON export (schema v1.0, schemas/csl-data.json): an array of items
// with id and type; names as family/given (or literal for names written as
// one word); issued as date-parts; trial numbers in note.
#include "query/export.h"

namespace ckb::query {
namespace {

const char* CslType(const std::string& type) {
  if (type == "book") return "book";
  if (type == "thesis") return "thesis";
  if (type == "conference") return "paper-conference";
  if (type == "web") return "webpage";
  if (type == "trial-registration") return "dataset";
  return "article-journal";
}

void Put(Json* j, const char* key, const std::string& v) {
  if (!v.empty()) (*j)[key] = v;
}

}  // namespace

Json CslJsonItem(const ExportItem& item, size_t index) {
  {
    const Work& w = item.work;
    Json j;
    j["id"] = !w.id.empty() ? w.id : (!w.doi.empty() ? w.doi : "item" + std::to_string(index + 1));
    j["type"] = CslType(w.type);
    Put(&j, "title", w.title);
    if (!w.authors.empty()) {
      Json names = Json::array();
      for (const auto& a : w.authors) {
        PersonName p = SplitName(a);
        if (p.given.empty()) names.push_back({{"literal", p.family}});
        else names.push_back({{"family", p.family}, {"given", p.given}});
      }
      j["author"] = std::move(names);
    }
    Put(&j, "container-title", w.journal);
    Put(&j, "container-title-short", w.journal_abbrev);
    DateParts d = PublicationDate(w);
    if (d.year) {
      Json parts = Json::array({d.year});
      if (d.month) parts.push_back(d.month);
      if (d.month && d.day) parts.push_back(d.day);
      j["issued"] = {{"date-parts", Json::array({parts})}};
    }
    Put(&j, "volume", w.volume);
    Put(&j, "issue", w.issue);
    Put(&j, "page", w.pages);
    Put(&j, "DOI", w.doi);
    Put(&j, "PMID", w.pmid);
    Put(&j, "PMCID", w.pmcid);
    Put(&j, "URL", w.url);
    Put(&j, "abstract", w.abstract);
    std::string kw;
    for (const auto& k : w.keywords) kw += (kw.empty() ? "" : ", ") + k;
    for (const auto& k : w.mesh) kw += (kw.empty() ? "" : ", ") + k;
    Put(&j, "keyword", kw);
    Put(&j, "language", w.lang);
    std::string note;
    for (const auto& t : item.trials) note += (note.empty() ? "" : "; ") + RegistryOf(t) + ": " + t;
    Put(&j, "note", note);
    return j;
  }
}

std::string CslJsonArrayEntry(const ExportItem& item, size_t index) {
  std::string body = Dump(CslJsonItem(item, index), 2);
  std::string out = index == 0 ? "[\n  " : ",\n  ";
  for (char c : body) {
    out.push_back(c);
    if (c == '\n') out += "  ";
  }
  return out;
}

std::string ToCslJson(const std::vector<ExportItem>& items) {
  Json arr = Json::array();
  for (const auto& item : items) arr.push_back(CslJsonItem(item, arr.size()));
  return Dump(arr, 2) + "\n";
}

}  // namespace ckb::query
