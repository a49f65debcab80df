// SPDX-License-Identifier: GPL-3.0-or-later
// Scopus, PubMed and Lens CSV rows to documents (docs/FORMATS.md has the
// column mapping), and the helpers the CSV row mappers share.
#include <re2/re2.h>

#include <string>

#include "readers/internal/csv_export.h"
#include "readers/internal/format_util.h"
#include "readers/internal/pubmed.h"
#include "text/identifiers.h"

namespace ckb::readers {

std::vector<std::string> SplitOutsideParens(std::string_view s, std::string_view sep) {
  std::vector<std::string> out;
  int depth = 0;
  size_t b = 0;
  for (size_t i = 0; i < s.size(); ++i) {
    char c = s[i];
    if (c == '(' || c == '[') ++depth;
    if ((c == ')' || c == ']') && depth > 0) --depth;
    if (depth == 0 && s.compare(i, sep.size(), sep) == 0) {
      std::string part = Trim(s.substr(b, i - b));
      if (!part.empty()) out.push_back(std::move(part));
      b = i + sep.size();
      i = b - 1;
    }
  }
  std::string part = Trim(s.substr(b));
  if (!part.empty()) out.push_back(std::move(part));
  return out;
}

std::vector<std::string> PersonList(std::string_view s, std::string_view sep) {
  std::vector<std::string> out;
  for (const std::string& a : SplitOutsideParens(s, sep)) {
    std::string p = PersonFromCommaForm(a);
    if (!p.empty()) out.push_back(std::move(p));
  }
  return out;
}

std::string UrlDecode(std::string_view s) {
  auto hex = [](char c) -> int {
    if (c >= '0' && c <= '9') return c - '0';
    if (c >= 'a' && c <= 'f') return c - 'a' + 10;
    if (c >= 'A' && c <= 'F') return c - 'A' + 10;
    return -1;
  };
  std::string out;
  for (size_t i = 0; i < s.size(); ++i) {
    if (s[i] == '+') {
      out += ' ';
    } else if (s[i] == '%' && i + 2 < s.size() && hex(s[i + 1]) >= 0 && hex(s[i + 2]) >= 0) {
      out += static_cast<char>(hex(s[i + 1]) * 16 + hex(s[i + 2]));
      i += 2;
    } else {
      out += s[i];
    }
  }
  return out;
}

std::string PageRange(const std::string& first, const std::string& last) {
  if (first.empty()) return last;
  if (last.empty() || last == first || first.find('-') != std::string::npos) return first;
  return first + "-" + last;
}

namespace {

void AddAll(std::vector<std::string>* out, const std::vector<std::string>& values) {
  for (const std::string& v : values) AddUnique(out, v);
}

// Scopus "Document Type" (Article, Review, Conference paper, Book chapter ...).
std::string TypeFromDocumentType(const std::string& dt) {
  std::string d = LowerAscii(dt);
  if (d.find("review") != std::string::npos) return "review";
  if (d.find("conference") != std::string::npos) return "conference";
  if (d.find("book") != std::string::npos) return "book";
  return "article";
}

// Scopus "Author full names": "Smith, John (57190000001); Doe, Alice (57190000002)".
std::vector<std::string> ScopusFullNames(const std::string& s) {
  static const RE2 kId(R"(\s*\(\d+\)\s*$)");
  std::vector<std::string> out;
  for (std::string name : SplitOutsideParens(s, ";")) {
    RE2::Replace(&name, kId, "");
    std::string p = PersonFromCommaForm(name);
    if (!p.empty()) out.push_back(p);
  }
  return out;
}

// Scopus "Authors": "Smith J.; Doe A." (since 2020) or "Smith J., Doe A.".
std::vector<std::string> ScopusShortNames(const std::string& s) {
  std::vector<std::string> out;
  std::string_view sep = s.find(';') != std::string::npos ? ";" : ",";
  for (const std::string& a : SplitOutsideParens(s, sep)) {
    if (a == "[No author name available]") continue;
    out.push_back(PersonFromCommaForm(a));
  }
  return out;
}

}  // namespace

Document MapScopusRow(const CsvColumns& c, const CsvRow& row) {
  Document doc;
  Work& w = doc.work;
  w.title = FoldWhitespace(c.Get(row, "Title"));
  w.authors = ScopusFullNames(c.Get(row, "Author full names"));
  if (w.authors.empty()) w.authors = ScopusShortNames(c.Get(row, "Authors"));
  w.year = FindYear(c.Get(row, "Year"));
  if (w.year) w.dates["published"] = std::to_string(*w.year);
  w.journal = c.Get(row, "Source title");
  w.journal_abbrev = c.Get(row, "Abbreviated Source Title");
  w.volume = c.Get(row, "Volume");
  w.issue = c.Get(row, "Issue");
  w.pages = PageRange(c.Get(row, "Page start"), c.Get(row, "Page end"));
  if (w.pages.empty()) w.pages = c.Get(row, "Art. No.");
  w.doi = text::NormalizeDoi(c.Get(row, "DOI"));
  w.pmid = NormalizePmid(c.Get(row, "PubMed ID"));
  w.url = c.Get(row, "Link");
  std::string ab = FoldWhitespace(c.Get(row, "Abstract"));
  if (ab != "[No abstract available]") w.abstract = ab;
  AddAll(&w.keywords, SplitOutsideParens(c.Get(row, "Author Keywords"), ";"));
  AddAll(&w.keywords, SplitOutsideParens(c.Get(row, "Index Keywords"), ";"));
  std::vector<std::string> langs = SplitOutsideParens(c.Get(row, "Language of Original Document"), ";");
  if (!langs.empty()) w.lang = LanguageCode(langs[0]);
  std::string dt = c.Get(row, "Document Type");
  if (!dt.empty()) w.pub_types.push_back(dt);
  w.type = TypeFromDocumentType(dt);
  w.source_id = c.Get(row, "EID");
  for (std::string& id : text::FindNctIds(w.abstract)) AddUnique(&w.registry_ids, std::move(id));
  return doc;
}

Document MapPubmedCsvRow(const CsvColumns& c, const CsvRow& row) {
  Document doc;
  Work& w = doc.work;
  w.pmid = NormalizePmid(c.Get(row, "PMID"));
  w.title = StripTitlePeriod(FoldWhitespace(c.Get(row, "Title")));
  // "Lira R, de Oliveira Filho ASB, Cruz A." : PubMed's short names.
  std::string authors = c.Get(row, "Authors");
  if (!authors.empty() && authors.back() == '.') authors.pop_back();
  w.authors = PersonList(authors, ",");
  w.journal = c.Get(row, "Journal/Book");
  w.year = FindYear(c.Get(row, "Publication Year"));
  // "Econ Bot. 2021 Mar;75(2):101-110. doi: 10.1000/eb.21. Epub 2021 Jan 3."
  static const RE2 kCitation(
      R"((\d{4}(?: [A-Z][a-z]{2}(?:-[A-Z][a-z]{2})?(?: \d{1,2})?)?)(?:;([^(:;\s]*)(?:\(([^)]*)\))?)?(?::([^\s;]+?))?\.(?:\s|$))");
  std::string date, volume, issue, pages;
  if (RE2::PartialMatch(c.Get(row, "Citation"), kCitation, &date, &volume, &issue, &pages)) {
    w.volume = volume;
    w.issue = issue;
    w.pages = pages;
    if (!w.year) w.year = FindYear(date);
  }
  std::string iso = NormalizeDate(date);
  if (iso.empty() && w.year) iso = std::to_string(*w.year);
  if (!iso.empty()) w.dates["published"] = iso;
  std::string created = NormalizeDate(c.Get(row, "Create Date"));
  if (!created.empty()) w.dates["created"] = created;
  w.pmcid = NormalizePmcid(c.Get(row, "PMCID"));
  w.doi = text::NormalizeDoi(c.Get(row, "DOI"));
  if (w.doi.empty()) {
    std::vector<std::string> dois = text::FindDois(c.Get(row, "Citation"));
    if (!dois.empty()) w.doi = dois[0];
  }
  w.type = "article";
  return doc;
}

Document MapLensRow(const CsvColumns& c, const CsvRow& row) {
  Document doc;
  Work& w = doc.work;
  w.source_id = c.Get(row, "Lens ID");
  w.title = FoldWhitespace(c.Get(row, "Title"));
  w.authors = PersonList(c.Get(row, "Author/s"), ";");
  w.year = FindYear(c.Get(row, "Publication Year"));
  std::string iso = NormalizeDate(c.Get(row, "Date Published"));
  if (iso.empty() && w.year) iso = std::to_string(*w.year);
  if (!iso.empty()) w.dates["published"] = iso;
  w.journal = c.Get(row, "Source Title");
  w.volume = c.Get(row, "Volume");
  w.issue = c.First(row, {"Issue Number", "Issue"});
  w.pages = PageRange(c.Get(row, "Start Page"), c.Get(row, "End Page"));
  w.doi = text::NormalizeDoi(c.Get(row, "DOI"));
  w.pmid = NormalizePmid(c.Get(row, "PMID"));
  w.pmcid = NormalizePmcid(c.Get(row, "PMCID"));
  w.abstract = FoldWhitespace(c.Get(row, "Abstract"));
  AddAll(&w.keywords, SplitOutsideParens(c.Get(row, "Keywords"), ";"));
  AddAll(&w.mesh, SplitOutsideParens(c.Get(row, "MeSH Terms"), ";"));
  std::string pt = c.Get(row, "Publication Type");
  if (!pt.empty()) w.pub_types.push_back(pt);
  w.type = TypeFromDocumentType(pt);
  w.url = c.First(row, {"External URL", "Source URLs"});
  for (std::string& id : text::FindNctIds(w.abstract)) AddUnique(&w.registry_ids, std::move(id));
  return doc;
}

}  // namespace ckb::readers
