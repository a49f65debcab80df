// SPDX-License-Identifier: GPL-3.0-or-later
// Embase CSV rows to documents. Embase prints the journal, year, volume,
// issue and pages in one "Source" column and the DOI only inside the
// "Open URL Link" (an OpenURL query), so both are taken apart here.
#include <re2/re2.h>

#include <string>

#include "readers/internal/csv_export.h"
#include "readers/internal/format_util.h"
#include "readers/internal/pubmed.h"
#include "text/identifiers.h"

namespace ckb::readers {
namespace {

// The value of `key` in an OpenURL query string ("...&volume=3&..."), decoded.
std::string QueryParam(std::string_view url, std::string_view key) {
  size_t q = url.find('?');
  if (q == std::string_view::npos) return "";
  std::string_view rest = url.substr(q + 1);
  while (!rest.empty()) {
    size_t amp = rest.find('&');
    std::string_view pair = rest.substr(0, amp);
    size_t eq = pair.find('=');
    if (eq != std::string_view::npos && pair.substr(0, eq) == key) return UrlDecode(pair.substr(eq + 1));
    if (amp == std::string_view::npos) break;
    rest.remove_prefix(amp + 1);
  }
  return "";
}

// "Endoscopic Ultrasound (2014) 3:3 (152-160). Date of Publication: 2014",
// "International Journal of Surgery Case Reports (2019) 54 (83-86). Date of
// Publication: 1 Jan 2019".
void MapSource(const std::string& source, Work* w) {
  static const RE2 kSource(R"(^(.+?) \((\d{4})\)\s*([^\s:(.]*)(?::([^\s(.]+))?\s*(?:\(([^)]*)\))?)");
  static const RE2 kDate(R"(Date of Publication:\s*(.+?)\.?\s*$)");
  std::string journal, year, volume, issue, pages, date;
  if (RE2::PartialMatch(source, kSource, &journal, &year, &volume, &issue, &pages)) {
    w->journal = Trim(journal);
    w->year = FindYear(year);
    w->volume = volume;
    w->issue = issue;
    w->pages = pages;
  }
  if (RE2::PartialMatch(source, kDate, &date)) {
    std::string iso = NormalizeDate(date);
    if (!iso.empty()) w->dates["published"] = iso;
    if (!w->year) w->year = FindYear(date);
  }
  if (!w->dates.count("published") && w->year) w->dates["published"] = std::to_string(*w->year);
}

// Identifiers and any bibliographic part the Source column lacked.
void MapOpenUrl(const std::string& url, Work* w) {
  for (const char* key : {"id", "rft_id"}) {
    std::string id = QueryParam(url, key);
    if (StartsWith(id, "doi:")) w->doi = text::NormalizeDoi(id.substr(4));
    if (StartsWith(id, "pmid:")) w->pmid = NormalizePmid(id.substr(5));
  }
  if (w->volume.empty()) w->volume = QueryParam(url, "volume");
  if (w->issue.empty()) w->issue = QueryParam(url, "issue");
  if (w->pages.empty()) w->pages = PageRange(QueryParam(url, "spage"), QueryParam(url, "epage"));
}

// "article, bronchogenic duplication cyst (diagnosis, surgery), colonoscopy":
// Emtree terms, without their subheadings.
std::vector<std::string> EmtreeTerms(const std::string& s) {
  static const RE2 kSubheadings(R"(\s*\([^)]*\)\s*$)");
  std::vector<std::string> out;
  for (std::string term : SplitOutsideParens(s, ",")) {
    RE2::Replace(&term, kSubheadings, "");
    AddUnique(&out, Trim(term));
  }
  return out;
}

}  // namespace

Document MapEmbaseRow(const CsvColumns& c, const CsvRow& row) {
  Document doc;
  Work& w = doc.work;
  w.title = FoldWhitespace(c.Get(row, "Title"));
  w.authors = PersonList(c.Get(row, "Author Names"), ",");
  MapSource(c.Get(row, "Source"), &w);
  MapOpenUrl(c.Get(row, "Open URL Link"), &w);
  if (w.doi.empty()) w.doi = text::NormalizeDoi(c.Get(row, "DOI"));
  if (w.pmid.empty()) w.pmid = NormalizePmid(c.First(row, {"Medline PMID", "PMID"}));
  w.abstract = FoldWhitespace(c.Get(row, "Abstract"));
  std::string keywords = c.Get(row, "keywords");
  if (keywords.empty()) {
    keywords = c.Get(row, "Emtree Medical Index Terms") + ", " + c.Get(row, "Emtree Drug Index Terms");
  }
  w.keywords = EmtreeTerms(keywords);
  std::string trials = c.Get(row, "Clinical Trial Numbers");
  for (std::string& id : text::FindNctIds(trials + " " + w.abstract)) AddUnique(&w.registry_ids, std::move(id));
  for (std::string& id : text::FindOtherRegistryIds(trials)) AddUnique(&w.registry_ids, std::move(id));
  w.type = "article";
  return doc;
}

}  // namespace ckb::readers
