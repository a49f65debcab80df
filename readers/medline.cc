// SPDX-License-Identifier: GPL-3.0-or-later
// MEDLINE tagged text (PubMed's .nbib / "MEDLINE" export): tags padded to four
// characters plus "- ", continuation lines indented six spaces, one record
// per PMID, streamed record by record.
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

using Fields = std::vector<std::pair<std::string, std::string>>;

// "PMID- 123", "TI  - x", "FAU - y" -> tag and value.
bool SplitTag(std::string_view line, std::string* tag, std::string* value) {
  if (line.size() < 5) return false;
  size_t i = 0;
  while (i < 4 && i < line.size() && ((line[i] >= 'A' && line[i] <= 'Z') || (line[i] >= '0' && line[i] <= '9')))
    ++i;
  if (i < 2) return false;
  size_t tag_end = i;
  while (i < 4 && i < line.size() && line[i] == ' ') ++i;
  if (i != 4 || line[4] != '-') return false;
  if (line.size() > 5 && line[5] != ' ') return false;
  *tag = std::string(line.substr(0, tag_end));
  *value = Trim(line.substr(5));
  return true;
}

std::vector<std::string> All(const Fields& f, const char* tag) {
  std::vector<std::string> out;
  for (const auto& [t, v] : f) {
    if (t == tag) out.push_back(v);
  }
  return out;
}

std::string One(const Fields& f, const char* tag) {
  for (const auto& [t, v] : f) {
    if (t == tag) return v;
  }
  return "";
}

// "10.1056/NEJMoa2203690 [doi]" -> ("doi", "10.1056/...").
std::pair<std::string, std::string> TypedId(const std::string& v) {
  size_t open = v.rfind('[');
  size_t close = v.rfind(']');
  if (open == std::string::npos || close == std::string::npos || close < open) return {"", v};
  return {LowerAscii(v.substr(open + 1, close - open - 1)), Trim(v.substr(0, open))};
}

Document MapRecord(const Fields& f) {
  Document doc;
  Work& w = doc.work;
  w.pmid = NormalizePmid(One(f, "PMID"));
  w.title = StripTitlePeriod(One(f, "TI"));
  if (w.title.empty()) w.title = StripTitlePeriod(One(f, "BTI"));
  w.abstract = One(f, "AB");
  std::vector<std::string> fau = All(f, "FAU");
  std::vector<std::string> au = All(f, "AU");
  // AU holds "Family GI", the display form; FAU only when AU is missing.
  for (const std::string& a : au.empty() ? fau : au) {
    w.authors.push_back(au.empty() ? PersonFromCommaForm(a) : a);
  }
  for (const std::string& cn : All(f, "CN")) w.authors.push_back(cn);
  w.journal = One(f, "JT");
  w.journal_abbrev = One(f, "TA");
  w.volume = One(f, "VI");
  w.issue = One(f, "IP");
  w.pages = One(f, "PG");
  std::string dp = One(f, "DP");
  w.year = FindYear(dp);
  std::string iso = NormalizeDate(dp);
  if (!iso.empty()) w.dates["published"] = iso;
  std::string dep = One(f, "DEP");
  if (dep.size() == 8) w.dates["online"] = IsoDate(dep.substr(0, 4), dep.substr(4, 2), dep.substr(6, 2));
  for (const char* tag : {"LID", "AID"}) {
    for (const std::string& v : All(f, tag)) {
      auto [type, id] = TypedId(v);
      if (type == "doi" && w.doi.empty()) w.doi = text::NormalizeDoi(id);
      if (type == "pii" && w.pages.empty() && std::string(tag) == "LID") w.pages = id;
    }
  }
  w.pmcid = NormalizePmcid(One(f, "PMC"), false);
  for (const std::string& pt : All(f, "PT")) AddUnique(&w.pub_types, pt);
  w.type = WorkTypeFromPubTypes(w.pub_types);
  for (const std::string& mh : All(f, "MH")) {
    // "Breast Neoplasms/*drug therapy" -> "Breast Neoplasms"; '*' marks a major topic.
    std::string d = mh.substr(0, mh.find('/'));
    if (!d.empty() && d[0] == '*') d.erase(0, 1);
    AddUnique(&w.mesh, Trim(d));
  }
  for (const std::string& ot : All(f, "OT")) AddUnique(&w.keywords, ot);
  w.lang = LanguageCode(One(f, "LA"));
  for (const std::string& si : All(f, "SI")) {
    // "ClinicalTrials.gov/NCT03734029"
    size_t slash = si.find('/');
    if (slash == std::string::npos || !IsTrialRegistryName(si.substr(0, slash))) continue;
    std::string id = RegistryAccessionId(si.substr(0, slash), si.substr(slash + 1));
    if (!id.empty()) AddUnique(&w.registry_ids, id);
  }
  for (const std::string& id : text::FindNctIds(w.abstract)) AddUnique(&w.registry_ids, id);
  return doc;
}

void Finish(Fields* f, int64_t record, int64_t line, const std::string& source, Sink& sink) {
  Document doc = MapRecord(*f);
  f->clear();
  doc.record = record;
  doc.line = line;
  if (doc.work.pmid.empty()) {
    sink.OnDiagnostic({source, line, record, "MEDLINE record without a valid PMID; skipped"});
    return;
  }
  sink.OnDocument(std::move(doc));
}

}  // namespace

int SniffMedline(std::string_view filename, std::string_view head) {
  head = StripBom(head);
  size_t start = head.find_first_not_of(" \t\r\n");
  if (start == std::string_view::npos) return 0;
  if (head.substr(start, 5) == "PMID-") return HasExtension(filename, {".nbib", ".txt", ".medline"}) ? 95 : 90;
  return HasExtension(filename, {".nbib"}) ? 50 : 0;
}

Status ParseMedline(Input& in, Sink& sink) {
  LineReader lines(in);
  std::string line, tag, value;
  Fields fields;
  int64_t record = 0, record_line = 0;
  bool pmid_seen = false;
  while (lines.Next(&line)) {
    if (StartsWith(line, "      ") || (StartsWith(line, "\t") && !fields.empty())) {
      // Continuation of the previous field.
      std::string text = Trim(line);
      if (!fields.empty() && !text.empty()) fields.back().second += " " + text;
      continue;
    }
    if (Trim(line).empty()) {
      // Records are separated by blank lines.
      if (!fields.empty()) Finish(&fields, record, record_line, in.name(), sink);
      continue;
    }
    if (!SplitTag(line, &tag, &value)) {
      if (record > 0) {
        sink.OnDiagnostic({in.name(), lines.line_number(), record, "not a MEDLINE tag line; ignored"});
      }
      continue;
    }
    // A PMID line also starts a record when the blank line is missing.
    if (tag == "PMID") pmid_seen = true;
    if (tag == "PMID" && !fields.empty()) Finish(&fields, record, record_line, in.name(), sink);
    if (fields.empty()) {
      ++record;
      record_line = lines.line_number();
    }
    fields.emplace_back(tag, value);
  }
  if (lines.failed()) return Status::IOError(in.name() + ": read error");
  if (!fields.empty()) Finish(&fields, record, record_line, in.name(), sink);
  if (!pmid_seen) return Status::ParseError(in.name() + ": no MEDLINE record (no \"PMID- \" line)");
  return Status::Ok();
}

}  // namespace ckb::readers
