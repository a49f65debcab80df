// SPDX-License-Identifier: GPL-3.0-or-later
// CSL-JSON (Citation Style Language data, as Zotero, Mendeley, pandoc and
// citeproc processors write it): an array of items or one item. Each item is
// parsed on its own, so a broken item is reported by its line and the rest
// are read. docs/FORMATS.md has the field mapping.
#include <nlohmann/json.hpp>

#include <string>

#include "readers/formats.h"
#include "readers/internal/format_util.h"
#include "readers/internal/json_error.h"
#include "readers/internal/json_items.h"
#include "readers/internal/json_path.h"
#include "readers/internal/pubmed.h"
#include "text/identifiers.h"
#include "text/text_util.h"

namespace ckb::readers {
namespace {

using nlohmann::json;
using json_path::Get;
using json_path::Str;

std::string WorkType(const std::string& type) {
  if (StartsWith(type, "article")) return "article";  // article, article-journal, -magazine, -newspaper
  if (type == "review" || type == "review-book") return "article";  // CSL: a review of another work
  if (type == "book" || type == "chapter") return "book";
  if (type == "paper-conference") return "conference";
  if (type == "thesis") return "thesis";
  if (type == "report") return "report";
  if (type == "webpage" || type == "post" || type == "post-weblog") return "web";
  if (type == "dataset") return "dataset";
  if (type == "patent") return "patent";
  return "reference";
}

// A string, or the first string of an array (some writers give
// "container-title" as an array).
std::string Text(const json& item, const char* key) {
  const json& v = Get(item, key);
  if (v.is_array()) return v.empty() ? "" : Str(v.front());
  return Str(v);
}

// {"date-parts": [[2022, 7, 7]]}, {"raw": "2022-07-07"} or {"literal": ...}.
std::string IsoFromCslDate(const json& d) {
  const json& parts = Get(d, "date-parts");
  if (parts.is_array() && !parts.empty() && parts.front().is_array() && !parts.front().empty()) {
    const json& p = parts.front();
    return IsoDate(Str(p[0]), p.size() > 1 ? Str(p[1]) : "", p.size() > 2 ? Str(p[2]) : "");
  }
  for (const char* key : {"raw", "literal"}) {
    std::string iso = NormalizeDate(Str(d, key));
    if (!iso.empty()) return iso;
  }
  return d.is_string() ? NormalizeDate(Str(d)) : "";
}

// {"family", "given", "non-dropping-particle"} or {"literal"} (a group).
std::string PersonOf(const json& a) {
  if (a.is_string()) return FoldWhitespace(Str(a));
  std::string family = Str(a, "family");
  if (family.empty()) return FoldWhitespace(Str(a, "literal"));
  std::string particle = Str(a, "non-dropping-particle");
  return PersonName(particle.empty() ? family : particle + " " + family, Str(a, "given"));
}

void MapNames(const json& item, Work* w) {
  const json& authors = Get(item, "author");
  if (!authors.is_array()) return;
  for (const json& a : authors) {
    std::string name = PersonOf(a);
    if (!name.empty()) w->authors.push_back(std::move(name));
  }
}

void MapIds(const json& item, Work* w) {
  w->doi = text::NormalizeDoi(Text(item, "DOI"));
  w->pmid = NormalizePmid(Text(item, "PMID"));
  w->pmcid = NormalizePmcid(Text(item, "PMCID"));
  w->url = Text(item, "URL");
  if (w->doi.empty() && w->url.find("doi.org/") != std::string::npos) w->doi = text::NormalizeDoi(w->url);
  // Zotero puts identifiers it has no variable for in "note" ("PMID: 123").
  std::string note = Text(item, "note");
  if (w->pmid.empty()) w->pmid = text::FindPmid(note);
  if (w->pmcid.empty()) w->pmcid = text::FindPmcid(note);
  for (const std::string& s : {note, w->abstract, w->title}) {
    for (std::string& id : text::FindNctIds(s)) AddUnique(&w->registry_ids, std::move(id));
  }
  const json& id = Get(item, "id");
  w->source_id = Text(item, "citation-key").empty() ? Str(id) : Text(item, "citation-key");
}

Document MapItem(const json& item) {
  Document doc;
  Work& w = doc.work;
  w.type = WorkType(Text(item, "type"));
  w.title = FoldWhitespace(Text(item, "title"));
  MapNames(item, &w);
  w.journal = FoldWhitespace(Text(item, "container-title"));
  w.journal_abbrev = Text(item, "container-title-short");
  if (w.journal_abbrev.empty()) w.journal_abbrev = Text(item, "journalAbbreviation");
  std::string published = IsoFromCslDate(Get(item, "issued"));
  if (!published.empty()) w.dates["published"] = published;
  w.year = FindYear(published);
  std::string online = IsoFromCslDate(Get(item, "available-date"));
  if (!online.empty()) w.dates["online"] = online;
  w.volume = Text(item, "volume");
  w.issue = Text(item, "issue");
  w.pages = Text(item, "page");
  w.abstract = FoldWhitespace(Text(item, "abstract"));
  w.lang = LanguageCode(LowerAscii(Text(item, "language")).substr(0, 2));
  std::string keywords = Text(item, "keyword");  // one string, "a, b" or "a; b"
  for (size_t b = 0, e; b < keywords.size(); b = e + 1) {
    e = keywords.find_first_of(",;", b);
    if (e == std::string::npos) e = keywords.size();
    AddUnique(&w.keywords, Trim(keywords.substr(b, e - b)));
  }
  MapIds(item, &w);
  return doc;
}

void ReadItem(const JsonItem& it, int64_t record, const std::string& source, Sink& sink) {
  if (!text::IsValidUtf8(it.text)) {
    sink.OnDiagnostic({source, it.line, record, "CSL-JSON item with invalid UTF-8; skipped"});
    return;
  }
  json item = json::parse(it.text, nullptr, /*allow_exceptions=*/false);
  if (item.is_discarded() || !item.is_object()) {
    if (!item.is_discarded()) {
      sink.OnDiagnostic({source, it.line, record, "CSL-JSON item is not an object; skipped"});
      return;
    }
    JsonSyntaxError e = FindJsonSyntaxError(it.text);
    sink.OnDiagnostic({source, it.line + e.line - 1, record,
                       "CSL-JSON item is " + e.Describe() + "; skipped"});
    return;
  }
  Document doc = MapItem(item);
  doc.record = record;
  doc.line = it.line;
  if (doc.work.title.empty() && doc.work.doi.empty() && doc.work.pmid.empty()) {
    sink.OnDiagnostic({source, it.line, record, "CSL-JSON item without title or identifier; skipped"});
    return;
  }
  sink.OnDocument(std::move(doc));
}

}  // namespace

int SniffCslJson(std::string_view filename, std::string_view head) {
  if (!StartsWithChar(head, '[') && !StartsWithChar(head, '{')) return 0;
  auto has = [&](const char* key) { return head.find(key) != std::string_view::npos; };
  if (has("\"protocolSection\"") || has("\"studies\"")) return 0;  // ClinicalTrials.gov
  bool csl = has("\"date-parts\"") || has("\"container-title\"") || has("\"citation-key\"") ||
             (has("\"family\"") && has("\"given\""));
  if (!csl || !has("\"type\"")) return 0;
  return HasExtension(filename, {".json", ".csljson"}) ? 90 : 80;
}

Status ParseCslJson(Input& in, Sink& sink) {
  CKB_ASSIGN_OR_RETURN(std::string bytes, ReadAll(in, kMaxJsonBytes));
  std::string error;
  int64_t error_line = 0;
  std::vector<JsonItem> items = SplitJsonItems(bytes, &error, &error_line);
  if (!error.empty()) return Status::ParseError(in.name() + ":" + std::to_string(error_line) + ": " + error);
  if (items.empty()) return Status::ParseError(in.name() + ": CSL-JSON array without items");
  int64_t record = 0;
  for (const JsonItem& it : items) ReadItem(it, ++record, in.name(), sink);
  return Status::Ok();
}

}  // namespace ckb::readers
