// SPDX-License-Identifier: GPL-3.0-or-later
// JSON Lines of bibliographic records (one object per line, e.g. the bench
// corpus: id, pmid, nct, source, title, abstract). Trial registrations become
// Trials; every other record a Document. Streamed line by line.
#include <nlohmann/json.hpp>

#include <cstdio>
#include <cstdlib>
#include <string>

#include "readers/formats.h"
#include "text/identifiers.h"
#include "readers/internal/line_reader.h"
#include "readers/internal/pubmed.h"
#include "readers/internal/format_util.h"
#include "readers/internal/json_error.h"

namespace ckb::readers {
namespace {

using nlohmann::json;

std::string Str(const json& o, const char* key) {
  auto it = o.find(key);
  if (it == o.end()) return "";
  if (it->is_string()) return Trim(it->get_ref<const std::string&>());
  if (it->is_number_integer()) return std::to_string(it->get<int64_t>());
  if (it->is_number_unsigned()) return std::to_string(it->get<uint64_t>());
  return "";
}

// A list field: an array of strings, or one string split at ';'.
std::vector<std::string> List(const json& o, const char* key) {
  std::vector<std::string> out;
  auto it = o.find(key);
  if (it == o.end()) return out;
  if (it->is_array()) {
    for (const json& e : *it) {
      if (e.is_string()) {
        AddUnique(&out, Trim(e.get_ref<const std::string&>()));
      } else if (e.is_object()) {
        // CSL-style names: {"family": ..., "given": ...}; or {"name": ...}.
        std::string family = Str(e, "family");
        std::string name = family.empty() ? Str(e, "name") : PersonName(family, Str(e, "given"));
        AddUnique(&out, name);
      }
    }
  } else if (it->is_string()) {
    std::string_view s = it->get_ref<const std::string&>();
    size_t pos = 0;
    while (pos <= s.size()) {
      size_t semi = s.find(';', pos);
      if (semi == std::string_view::npos) semi = s.size();
      AddUnique(&out, Trim(s.substr(pos, semi - pos)));
      pos = semi + 1;
    }
  }
  return out;
}

bool IsTrialRecord(const json& o) {
  for (const char* key : {"kind", "type"}) {
    std::string v = LowerAscii(Str(o, key));
    if (v == "trial" || v == "trial-registration" || v == "trial_registration" || v == "registration")
      return true;
  }
  std::string source = LowerAscii(Str(o, "source"));
  return source == "ctgov" || source == "clinicaltrials.gov";
}

Trial MapTrial(const json& o) {
  Trial t;
  auto ids = text::FindNctIds(Str(o, "nct"));
  if (ids.empty()) ids = text::FindNctIds(Str(o, "id"));
  if (!ids.empty()) t.nct = ids[0];
  std::string id = Str(o, "id");
  if (!id.empty() && id != t.nct) AddUnique(&t.other_ids, id);
  t.brief_title = Str(o, "title");
  t.official_title = Str(o, "official_title");
  t.acronym = Str(o, "acronym");
  t.phase = NormalizePhase(Str(o, "phase"));
  t.status = Str(o, "status");
  t.conditions = List(o, "conditions");
  t.keywords = List(o, "keywords");
  t.sponsor = Str(o, "sponsor");
  for (const std::string& p : List(o, "pmids")) AddUnique(&t.pmids, NormalizePmid(p));
  t.summary = FoldWhitespace(Str(o, "abstract"));
  if (t.summary.empty()) t.summary = FoldWhitespace(Str(o, "summary"));
  return t;
}

Document MapWork(const json& o) {
  Document doc;
  Work& w = doc.work;
  w.source_id = Str(o, "id");
  w.pmid = NormalizePmid(Str(o, "pmid"));
  w.doi = text::NormalizeDoi(Str(o, "doi"));
  w.pmcid = NormalizePmcid(Str(o, "pmcid"));
  w.title = Str(o, "title");
  w.abstract = FoldWhitespace(Str(o, "abstract"));
  w.journal = Str(o, "journal");
  w.journal_abbrev = Str(o, "journal_abbrev");
  w.volume = Str(o, "volume");
  w.issue = Str(o, "issue");
  w.pages = Str(o, "pages");
  w.year = FindYear(Str(o, "year"));
  w.authors = List(o, "authors");
  w.pub_types = List(o, "pub_types");
  w.mesh = List(o, "mesh");
  w.keywords = List(o, "keywords");
  w.lang = LanguageCode(Str(o, "lang"));
  w.url = Str(o, "url");
  std::string type = LowerAscii(Str(o, "type"));
  w.type = !type.empty() ? type : WorkTypeFromPubTypes(w.pub_types);
  for (const std::string& id : text::FindNctIds(Str(o, "nct"))) AddUnique(&w.registry_ids, id);
  for (const std::string& r : List(o, "registry_ids")) AddUnique(&w.registry_ids, r);
  for (const std::string& id : text::FindNctIds(w.abstract)) AddUnique(&w.registry_ids, id);
  return doc;
}

// What is wrong with a line that is not a JSON object.
std::string NotAnObject(std::string_view line, bool invalid) {
  if (!invalid) return "line is JSON but not an object";
  std::string t = Trim(line);
  if (t == "{" || t == "[") {
    return "line is not valid JSON: it holds only \"" + std::string(t) +
           "\" (a JSON document spread over several lines? JSON Lines wants each record on one line)";
  }
  return "line is " + FindJsonSyntaxError(line).Describe();
}

}  // namespace

int SniffJsonl(std::string_view filename, std::string_view head) {
  size_t start = head.find_first_not_of(" \t\r\n");
  if (start == std::string_view::npos || head[start] != '{') return 0;
  bool ext = HasExtension(filename, {".jsonl", ".ndjson"});
  bool fields = head.find("\"title\"") != std::string_view::npos ||
                head.find("\"pmid\"") != std::string_view::npos ||
                head.find("\"abstract\"") != std::string_view::npos;
  if (ext) return fields ? 85 : 60;
  return fields && HasExtension(filename, {".json"}) ? 40 : 0;
}

size_t JsonlRecordLimit() {
  const char* v = std::getenv("CKB_MAX_RECORD_MB");
  unsigned long long mb = v && *v ? std::strtoull(v, nullptr, 10) : 0;
  if (mb == 0 || mb > 4096) mb = kDefaultJsonlRecordMiB;
  return static_cast<size_t>(mb) << 20;
}

Status ParseJsonl(Input& in, Sink& sink) {
  size_t limit = JsonlRecordLimit();
  LineReader lines(in, limit);
  std::string line;
  int64_t record = 0;
  int64_t good = 0;
  while (lines.Next(&line)) {
    if (!lines.line_truncated() && Trim(line).empty()) continue;
    ++record;
    if (lines.line_truncated()) {
      // Cut records are never parsed: what is left is not the record.
      char size[32];
      std::snprintf(size, sizeof size, "%.1f MB", static_cast<double>(lines.line_length()) / 1e6);
      sink.OnDiagnostic({in.name(), lines.line_number(), record,
                         std::string("record of ") + size + " is over the " + std::to_string(limit >> 20) +
                             " MiB limit for one JSON Lines record; skipped (set CKB_MAX_RECORD_MB to "
                             "raise the limit, at most 4096)"});
      continue;
    }
    json o = json::parse(line, nullptr, false);
    if (o.is_discarded() || !o.is_object()) {
      std::string what = NotAnObject(line, o.is_discarded());
      if (record == 1) {
        return Status::ParseError(in.name() + ":" + std::to_string(lines.line_number()) + ": " + what +
                                  "; not read (each line of a JSON Lines file must hold one JSON object)");
      }
      sink.OnDiagnostic({in.name(), lines.line_number(), record,
                         what + "; skipped (each line must hold one JSON object)"});
      continue;
    }
    if (IsTrialRecord(o)) {
      Trial t = MapTrial(o);
      if (t.nct.empty()) {
        sink.OnDiagnostic({in.name(), lines.line_number(), record, "trial record without an NCT id; skipped"});
        continue;
      }
      ++good;
      sink.OnTrial(std::move(t));
      continue;
    }
    Document doc = MapWork(o);
    doc.record = record;
    doc.line = lines.line_number();
    const Work& w = doc.work;
    if (w.title.empty() && w.abstract.empty() && w.pmid.empty() && w.doi.empty()) {
      sink.OnDiagnostic({in.name(), doc.line, record, "record without title, abstract or identifier; skipped"});
      continue;
    }
    ++good;
    sink.OnDocument(std::move(doc));
  }
  if (lines.failed()) return Status::IOError(in.name() + ": read error");
  if (good == 0) return Status::ParseError(in.name() + ": no usable JSON Lines record");
  return Status::Ok();
}

}  // namespace ckb::readers
