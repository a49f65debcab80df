// SPDX-License-Identifier: GPL-3.0-or-later
// Article metadata of a saved HTML page: citation_* (Highwire / Google
// Scholar) meta tags first, then Dublin Core and PRISM, then schema.org
// JSON-LD, each filling only what the earlier left empty (docs/FORMATS.md).
#include <map>
#include <string>

#include "citations/refstring.h"
#include "readers/internal/format_util.h"
#include "readers/internal/html.h"
#include "text/identifiers.h"
#include "text/text_util.h"

namespace ckb::readers::internal {
namespace {

using Metas = std::multimap<std::string, std::string>;

void SetIfEmpty(std::string* field, const std::string& value) {
  if (field->empty() && !value.empty()) *field = FoldWhitespace(value);
}

// "Family, Given" or "Given Family" to the display form "Family Given".
std::string MetaPerson(std::string_view s) {
  std::string folded = FoldWhitespace(s);
  if (folded.find(',') != std::string::npos) return PersonFromCommaForm(folded);
  size_t space = folded.rfind(' ');
  if (space == std::string::npos) return folded;
  return PersonName(folded.substr(space + 1), folded.substr(0, space));
}

std::string First(const Metas& m, const char* key) {
  auto it = m.find(key);
  return it == m.end() ? "" : it->second;
}

std::vector<std::string> All(const Metas& m, const char* key) {
  std::vector<std::string> out;
  auto [b, e] = m.equal_range(key);
  for (auto it = b; it != e; ++it) out.push_back(it->second);
  return out;
}

std::string DoiOf(const std::string& s) {
  auto found = text::FindDois(s);
  return found.empty() ? "" : found[0];
}

void SetDate(Work* w, const std::string& date) {
  if (date.empty() || w->year) return;
  w->year = FindYear(date);
  std::string iso = NormalizeDate(date);
  if (!iso.empty()) w->dates.emplace("published", iso);
}

void FillPages(Work* w, const std::string& first, const std::string& last) {
  if (!w->pages.empty() || first.empty()) return;
  w->pages = last.empty() || last == first ? first : first + "-" + last;
}

void FromHighwire(const Metas& m, Work* w) {
  SetIfEmpty(&w->title, First(m, "citation_title"));
  if (w->authors.empty()) {
    for (const std::string& a : All(m, "citation_author")) w->authors.push_back(MetaPerson(a));
  }
  SetIfEmpty(&w->doi, DoiOf(First(m, "citation_doi")));
  SetIfEmpty(&w->pmid, NormalizePmid(First(m, "citation_pmid")));
  SetIfEmpty(&w->pmcid, NormalizePmcid(First(m, "citation_pmcid")));
  SetIfEmpty(&w->journal, First(m, "citation_journal_title"));
  SetIfEmpty(&w->journal_abbrev, First(m, "citation_journal_abbrev"));
  for (const char* k : {"citation_publication_date", "citation_date", "citation_cover_date", "citation_online_date"}) {
    SetDate(w, First(m, k));
  }
  SetIfEmpty(&w->volume, First(m, "citation_volume"));
  SetIfEmpty(&w->issue, First(m, "citation_issue"));
  FillPages(w, First(m, "citation_firstpage"), First(m, "citation_lastpage"));
  SetIfEmpty(&w->abstract, First(m, "citation_abstract"));
  SetIfEmpty(&w->lang, LowerAscii(First(m, "citation_language")).substr(0, 2));
  SetIfEmpty(&w->url, First(m, "citation_fulltext_html_url"));
  SetIfEmpty(&w->url, First(m, "citation_abstract_html_url"));
  for (const std::string& k : All(m, "citation_keywords")) {
    for (size_t b = 0, e; b < k.size(); b = e + 1) {
      e = k.find_first_of(";,", b);
      if (e == std::string::npos) e = k.size();
      std::string one = FoldWhitespace(k.substr(b, e - b));
      if (!one.empty()) AddUnique(&w->keywords, one);
    }
  }
}

void FromDublinCore(const Metas& m, Work* w) {
  for (const char* p : {"dc.", "dcterms."}) {
    std::string pre(p);
    SetIfEmpty(&w->title, First(m, (pre + "title").c_str()));
    if (w->authors.empty()) {
      for (const std::string& a : All(m, (pre + "creator").c_str())) w->authors.push_back(MetaPerson(a));
    }
    for (const std::string& id : All(m, (pre + "identifier").c_str())) SetIfEmpty(&w->doi, DoiOf(id));
    SetDate(w, First(m, (pre + "date").c_str()));
    SetDate(w, First(m, (pre + "issued").c_str()));
    SetIfEmpty(&w->journal, First(m, (pre + "source").c_str()));
    SetIfEmpty(&w->abstract, First(m, (pre + "description").c_str()));
    SetIfEmpty(&w->lang, LowerAscii(First(m, (pre + "language").c_str())).substr(0, 2));
  }
  SetIfEmpty(&w->journal, First(m, "prism.publicationname"));
  SetIfEmpty(&w->doi, DoiOf(First(m, "prism.doi")));
  SetIfEmpty(&w->volume, First(m, "prism.volume"));
  SetIfEmpty(&w->issue, First(m, "prism.number"));
  FillPages(w, First(m, "prism.startingpage"), First(m, "prism.endingpage"));
  SetIfEmpty(&w->title, First(m, "og:title"));
}

// "citation_title=...; citation_author=...; citation_year=..." or a printed string.
Reference MetaReference(const std::string& content) {
  if (content.find("citation_") == std::string::npos) return citations::ParseReferenceString(content);
  Reference r;
  r.raw = FoldWhitespace(content);
  for (size_t b = 0, e; b < content.size(); b = e + 1) {
    e = content.find(';', b);
    if (e == std::string::npos) e = content.size();
    std::string pair = content.substr(b, e - b);
    size_t eq = pair.find('=');
    if (eq == std::string::npos) continue;
    std::string key = LowerAscii(Trim(pair.substr(0, eq)));
    std::string v = FoldWhitespace(pair.substr(eq + 1));
    if (key == "citation_author" || key == "citation_authors") r.authors.push_back(MetaPerson(v));
    if (key == "citation_title" || key == "citation_article_title") r.title = v;
    if (key == "citation_journal_title") r.journal = v;
    if (key == "citation_year" || key == "citation_publication_date") r.year = FindYear(v);
    if (key == "citation_volume") r.volume = v;
    if (key == "citation_issue") r.issue = v;
    if (key == "citation_firstpage") r.pages = v + r.pages;
    if (key == "citation_lastpage") r.pages += "-" + v;
    if (key == "citation_doi") r.doi = DoiOf(v);
    if (key == "citation_pmid") r.pmid = NormalizePmid(v);
  }
  return r;
}

}  // namespace

void ReadHtmlMeta(const xmlNode* root, Work* work, std::vector<Reference>* meta_refs) {
  Metas m;
  std::vector<std::string> json_ld;
  for (const xmlNode* e : HtmlElements(root)) {
    std::string name = HtmlName(e);
    if (name == "meta") {
      std::string key = LowerAscii(HtmlAttr(e, "name"));
      if (key.empty()) key = LowerAscii(HtmlAttr(e, "property"));
      std::string content = HtmlAttr(e, "content");
      if (!key.empty() && !Trim(content).empty()) m.emplace(key, content);
    } else if (name == "script" && LowerAscii(HtmlAttr(e, "type")) == "application/ld+json") {
      std::string body;
      for (const xmlNode* c = e->children; c; c = c->next) {
        if (c->content) body += reinterpret_cast<const char*>(c->content);
      }
      json_ld.push_back(std::move(body));
    } else if (name == "html") {
      SetIfEmpty(&work->lang, LowerAscii(HtmlAttr(e, "lang")).substr(0, 2));
    }
  }
  FromHighwire(m, work);
  FromDublinCore(m, work);
  ReadJsonLd(json_ld, work);
  for (const std::string& c : All(m, "citation_reference")) {
    Reference r = MetaReference(c);
    r.n = static_cast<int>(meta_refs->size()) + 1;
    meta_refs->push_back(std::move(r));
  }
}

}  // namespace ckb::readers::internal
