// SPDX-License-Identifier: GPL-3.0-or-later
// Web of Science field tags to a work (docs/FORMATS.md has the mapping), and
// the cited-reference strings of the CR field.
#include <re2/re2.h>

#include <cctype>
#include <string>

#include "readers/internal/format_util.h"
#include "readers/internal/pubmed.h"
#include "readers/internal/wos.h"
#include "text/identifiers.h"
#include "text/text_util.h"

namespace ckb::readers::internal {
namespace {

std::string One(const WosFields& f, const char* tag) {
  for (const auto& [t, v] : f) {
    if (t == tag) return v;
  }
  return "";
}

std::vector<std::string> All(const WosFields& f, const char* tag) {
  std::vector<std::string> out;
  for (const auto& [t, v] : f) {
    if (t == tag && !v.empty()) out.push_back(v);
  }
  return out;
}

// PT: J journal, B book, S series, P patent, C conference; DT refines it.
std::string WorkType(const std::string& pt, const std::string& dt) {
  std::string d = LowerAscii(dt);
  if (d.find("review") != std::string::npos) return "review";
  if (d.find("proceedings") != std::string::npos || pt == "C") return "conference";
  if (pt == "B") return "book";
  if (pt == "P") return "patent";
  return "article";
}

void AddSplit(std::vector<std::string>* out, const std::string& v) {
  for (size_t b = 0, e; b < v.size(); b = e + 1) {
    e = v.find(';', b);
    if (e == std::string::npos) e = v.size();
    std::string one = Trim(v.substr(b, e - b));
    if (!one.empty()) AddUnique(out, one);
  }
}

}  // namespace

Reference ParseWosCitedReference(const std::string& cr) {
  Reference r;
  r.raw = FoldWhitespace(cr);
  static const RE2 doi_list(R"(DOI \[([^\],]+))");
  static const RE2 doi_one(R"(DOI (10\.\S+))");
  std::string doi;
  if (RE2::PartialMatch(r.raw, doi_list, &doi) || RE2::PartialMatch(r.raw, doi_one, &doi)) {
    r.doi = text::NormalizeDoi(Trim(doi));
  }
  std::vector<std::string> parts;
  for (size_t b = 0, e; b < r.raw.size(); b = e + 2) {
    e = r.raw.find(", ", b);
    if (e == std::string::npos) e = r.raw.size();
    parts.push_back(Trim(r.raw.substr(b, e - b)));
  }
  size_t i = 0;
  if (i < parts.size() && !FindYear(parts[i]) && parts[i] != "[Anonymous]") r.authors.push_back(parts[i]);
  if (i < parts.size() && !FindYear(parts[i])) ++i;
  if (i < parts.size() && parts[i].size() == 4 && FindYear(parts[i])) r.year = FindYear(parts[i++]);
  if (i < parts.size() && !(parts[i].size() > 1 && (parts[i][0] == 'V' || parts[i][0] == 'P') &&
                            std::isdigit(static_cast<unsigned char>(parts[i][1])))) {
    if (parts[i].rfind("DOI ", 0) != 0) r.journal = parts[i++];
  }
  for (; i < parts.size(); ++i) {
    const std::string& p = parts[i];
    if (p.size() > 1 && p[0] == 'V' && std::isdigit(static_cast<unsigned char>(p[1]))) r.volume = p.substr(1);
    if (p.size() > 1 && p[0] == 'P' && std::isalnum(static_cast<unsigned char>(p[1]))) r.pages = p.substr(1);
  }
  r.type = "J";
  return r;
}

Document MapWosRecord(const WosFields& f) {
  Document doc;
  Work& w = doc.work;
  w.title = FoldWhitespace(One(f, "TI"));
  // AF holds full names ("Smith, John"), AU the short form ("Smith, J").
  std::vector<std::string> af = All(f, "AF"), au = All(f, "AU");
  for (const std::string& a : af.empty() ? au : af) w.authors.push_back(PersonFromCommaForm(a));
  for (const std::string& ca : All(f, "CA")) w.authors.push_back(ca);
  w.journal = FoldWhitespace(One(f, "SO"));
  w.journal_abbrev = One(f, "JI").empty() ? One(f, "J9") : One(f, "JI");
  w.year = FindYear(One(f, "PY"));
  std::string pd = One(f, "PD");
  std::string iso = NormalizeDate(pd.empty() ? One(f, "PY") : pd + " " + One(f, "PY"));
  if (!iso.empty()) w.dates["published"] = iso;
  w.volume = One(f, "VL");
  w.issue = One(f, "IS");
  std::string bp = One(f, "BP"), ep = One(f, "EP");
  w.pages = bp.empty() ? One(f, "AR") : ep.empty() || ep == bp ? bp : bp + "-" + ep;
  w.doi = text::NormalizeDoi(One(f, "DI"));
  w.pmid = NormalizePmid(One(f, "PM"));
  w.abstract = FoldWhitespace(One(f, "AB"));
  w.lang = LanguageCode(One(f, "LA"));
  w.source_id = One(f, "UT");
  w.email = One(f, "EM");
  w.type = WorkType(One(f, "PT"), One(f, "DT"));
  for (const char* tag : {"DE", "ID"}) {
    for (const std::string& v : All(f, tag)) AddSplit(&w.keywords, v);
  }
  for (const std::string& v : All(f, "DT")) AddSplit(&w.pub_types, v);
  for (const std::string& id : text::FindNctIds(w.abstract)) AddUnique(&w.registry_ids, id);
  for (const std::string& cr : All(f, "CR")) {
    Reference r = ParseWosCitedReference(cr);
    r.n = static_cast<int>(doc.references.size()) + 1;
    doc.references.push_back(std::move(r));
  }
  return doc;
}

}  // namespace ckb::readers::internal
