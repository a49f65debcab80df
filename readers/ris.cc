// SPDX-License-Identifier: GPL-3.0-or-later
// RIS as exported by Zotero, EndNote, Embase, Ovid, ProQuest, Scopus, Web of
// Science and Lens: "XX  - value" lines from TY to ER, streamed record by
// record. Tolerates one-space tags, BOMs, CRLF, untagged continuation lines
// and a missing ER.
#include <map>
#include <string>
#include <vector>

#include "readers/formats.h"
#include "text/identifiers.h"
#include "readers/internal/line_reader.h"
#include "readers/internal/pubmed.h"
#include "readers/internal/format_util.h"

namespace ckb::readers {
namespace {

using Fields = std::map<std::string, std::vector<std::string>>;

// Splits "XX  - value" (also "XX - value", "XX  -"); false for other lines.
bool SplitTag(std::string_view line, std::string* tag, std::string* value) {
  if (StartsWith(line, "\xEF\xBB\xBF")) line.remove_prefix(3);
  if (line.size() < 4) return false;
  auto upper_or_digit = [](char c) { return (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9'); };
  if (!(line[0] >= 'A' && line[0] <= 'Z') || !upper_or_digit(line[1])) return false;
  size_t i = 2;
  while (i < line.size() && i < 4 && line[i] == ' ') ++i;
  if (i == 2 || i >= line.size() || line[i] != '-') return false;
  ++i;
  if (i < line.size() && line[i] != ' ') return false;
  *tag = std::string(line.substr(0, 2));
  *value = Trim(line.substr(i));
  return true;
}

const std::string& First(const Fields& f, const char* tag) {
  static const std::string kEmpty;
  auto it = f.find(tag);
  return it == f.end() || it->second.empty() ? kEmpty : it->second.front();
}

std::string FirstOf(const Fields& f, std::initializer_list<const char*> tags) {
  for (const char* t : tags) {
    const std::string& v = First(f, t);
    if (!v.empty()) return v;
  }
  return "";
}

std::string WorkType(const std::string& ty) {
  static const std::map<std::string, std::string> kTypes = {
      {"JOUR", "article"}, {"JFULL", "article"}, {"EJOUR", "article"}, {"ABST", "article"},
      {"INPR", "article"}, {"MGZN", "article"},  {"NEWS", "article"},  {"BOOK", "book"},
      {"EBOOK", "book"},   {"EDBOOK", "book"},   {"CHAP", "book"},     {"ECHAP", "book"},
      {"CONF", "conference"}, {"CPAPER", "conference"}, {"THES", "thesis"},
      {"RPRT", "report"},  {"ELEC", "web"},      {"WEB", "web"},       {"BLOG", "web"},
      {"PAT", "patent"},   {"DATA", "dataset"},  {"GEN", "reference"}};
  auto it = kTypes.find(UpperAscii(ty));
  return it == kTypes.end() ? "reference" : it->second;
}

bool IsPubmedSource(const Fields& f) {
  std::string db = LowerAscii(FirstOf(f, {"DB", "DP"}));
  return db.find("pubmed") != std::string::npos || db.find("medline") != std::string::npos ||
         db == "nlm";
}

void MapIds(const Fields& f, Work* w) {
  w->doi = text::NormalizeDoi(First(f, "DO"));
  for (const char* tag : {"UR", "L1", "L2", "L3", "M3", "N1"}) {
    if (!w->doi.empty()) break;
    auto it = f.find(tag);
    if (it == f.end()) continue;
    for (const std::string& v : it->second) {
      if (v.find("doi") == std::string::npos && tag != std::string("M3")) continue;
      auto dois = text::FindDois(v);
      if (!dois.empty()) {
        w->doi = dois[0];
        break;
      }
    }
  }
  if (IsPubmedSource(f)) w->pmid = NormalizePmid(First(f, "AN"));
  for (const char* tag : {"PM", "N1", "M2"}) {
    if (!w->pmid.empty()) break;
    auto it = f.find(tag);
    if (it == f.end()) continue;
    for (const std::string& v : it->second) {
      w->pmid = tag == std::string("PM") ? NormalizePmid(v) : text::FindPmid(v);
      if (!w->pmid.empty()) break;
    }
  }
  for (const char* tag : {"C2", "C3", "N1"}) {
    if (!w->pmcid.empty()) break;
    auto it = f.find(tag);
    if (it == f.end()) continue;
    for (const std::string& v : it->second) {
      w->pmcid = text::FindPmcid(v);
      if (!w->pmcid.empty()) break;
    }
  }
}

void MapRegistryIds(const Fields& f, Work* w) {
  for (const char* tag : {"N1", "KW", "AB", "N2", "TI", "T1", "C3", "C7"}) {
    auto it = f.find(tag);
    if (it == f.end()) continue;
    for (const std::string& v : it->second) {
      for (std::string& id : text::FindNctIds(v)) AddUnique(&w->registry_ids, std::move(id));
    }
  }
}

Document MapRecord(const Fields& f) {
  Document doc;
  Work& w = doc.work;
  std::string ty = First(f, "TY");
  w.type = WorkType(ty);
  w.title = FirstOf(f, {"TI", "T1", "CT", "BT"});
  bool journal_like = w.type == "article";
  w.journal = FirstOf(f, {"JF", "JO"});
  if (w.journal.empty() && journal_like) w.journal = First(f, "T2");
  if (w.journal.empty() && (ty == "CHAP" || ty == "CONF" || ty == "CPAPER")) w.journal = First(f, "T2");
  w.journal_abbrev = FirstOf(f, {"J2", "JA", "J1", "JI"});
  if (w.journal_abbrev.empty() && !First(f, "JF").empty()) w.journal_abbrev = First(f, "JO");
  if (w.journal_abbrev == w.journal) w.journal_abbrev.clear();
  for (const char* tag : {"AU", "A1"}) {
    auto it = f.find(tag);
    if (it == f.end()) continue;
    for (const std::string& a : it->second) {
      std::string name = PersonFromCommaForm(a);
      if (!name.empty()) w.authors.push_back(name);
    }
  }
  // DA may hold only "Jun" or "Mar 1" (EndNote, Web of Science): add the year.
  std::string py = FirstOf(f, {"PY", "Y1"});
  w.year = FindYear(FirstOf(f, {"PY", "Y1", "DA"}));
  std::string iso = NormalizeDate(First(f, "DA"));
  if (iso.empty()) iso = NormalizeDate(py + " " + First(f, "DA"));
  if (!iso.empty()) w.dates["published"] = iso;
  w.volume = First(f, "VL");
  w.issue = FirstOf(f, {"IS", "CP"});
  std::string sp = First(f, "SP");
  std::string ep = First(f, "EP");
  w.pages = (ep.empty() || sp.find('-') != std::string::npos) ? sp : sp + "-" + ep;
  w.abstract = FoldWhitespace(FirstOf(f, {"AB", "N2"}));
  auto kw = f.find("KW");
  if (kw != f.end()) {
    for (const std::string& k : kw->second) AddUnique(&w.keywords, k);
  }
  w.lang = LanguageCode(First(f, "LA"));
  w.url = First(f, "UR");
  w.source_id = First(f, "ID");
  MapIds(f, &w);
  MapRegistryIds(f, &w);
  return doc;
}

// Tags whose continuation lines are further values, not wrapped text.
bool IsListTag(const std::string& tag) {
  return tag == "KW" || tag == "AU" || tag == "A1" || tag == "A2" || tag == "A3" || tag == "A4";
}

void Finish(Fields* f, int64_t record, int64_t line, const std::string& source, Sink& sink,
            size_t* documents) {
  Document doc = MapRecord(*f);
  doc.record = record;
  doc.line = line;
  f->clear();
  if (doc.work.title.empty() && doc.work.doi.empty() && doc.work.pmid.empty()) {
    sink.OnDiagnostic({source, line, record, "RIS record without title or identifier; skipped"});
    return;
  }
  ++*documents;
  sink.OnDocument(std::move(doc));
}

}  // namespace

int SniffRis(std::string_view filename, std::string_view head) {
  head = StripBom(head);
  size_t start = head.find_first_not_of(" \t\r\n");
  if (start == std::string_view::npos) return HasExtension(filename, {".ris"}) ? 40 : 0;
  // "TY  - " near the start (Ovid puts a record number line before it).
  size_t ty = head.find("TY  -");
  if (ty == std::string_view::npos) ty = head.find("TY -");
  bool at_line_start = ty != std::string_view::npos && (ty == 0 || head[ty - 1] == '\n' ||
                                                        head.substr(0, ty).find_first_not_of(" \t\r\n") ==
                                                            std::string_view::npos);
  if (at_line_start && ty < 512) return HasExtension(filename, {".ris"}) ? 95 : 85;
  return HasExtension(filename, {".ris"}) ? 50 : 0;
}

Status ParseRis(Input& in, Sink& sink) {
  LineReader lines(in);
  std::string line, tag, value, last_tag;
  Fields fields;
  bool in_record = false;
  int64_t record = 0, record_line = 0;
  size_t documents = 0;
  while (lines.Next(&line)) {
    if (!SplitTag(line, &tag, &value)) {
      std::string text = Trim(line);
      if (in_record && !text.empty() && !last_tag.empty()) {
        std::vector<std::string>& vals = fields[last_tag];
        if (IsListTag(last_tag) || vals.empty()) {
          vals.push_back(text);
        } else {
          vals.back() += " " + text;
        }
      }
      continue;
    }
    if (tag == "TY") {
      if (in_record) Finish(&fields, record, record_line, in.name(), sink, &documents);
      in_record = true;
      ++record;
      record_line = lines.line_number();
    } else if (tag == "ER") {
      if (in_record) Finish(&fields, record, record_line, in.name(), sink, &documents);
      in_record = false;
      last_tag.clear();
      continue;
    } else if (!in_record) {
      continue;  // stray tag outside a record
    }
    fields[tag].push_back(value);
    last_tag = tag;
  }
  if (lines.failed()) return Status::IOError(in.name() + ": read error");
  if (in_record) Finish(&fields, record, record_line, in.name(), sink, &documents);  // no ER
  if (record == 0) return Status::ParseError(in.name() + ": no RIS record (no \"TY  - \" line)");
  return Status::Ok();
}

}  // namespace ckb::readers
