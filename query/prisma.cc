// SPDX-License-Identifier: GPL-3.0-or-later
// Dedup (PRISMA identification) report: one pass over the sources and one
// over the contributions, whose keys ("work\0source#record[/ref/n]") say
// which statements are records and which are references.
#include "query/prisma.h"

#include "kb/keys.h"
#include "kb/record.h"

namespace ckb::query {
namespace {

// A contribution that is a record of a source file (not an entry of a
// reference list or a related-articles list): its source, else "".
std::string RecordSource(std::string_view stmt) {
  if (stmt.find("/ref/") != std::string_view::npos || stmt.find("/rel/") != std::string_view::npos) return "";
  size_t hash = stmt.rfind('#');
  if (hash == std::string_view::npos) return "";
  return std::string(stmt.substr(0, hash));
}

std::string Field(const Json& work, const char* key) {
  auto it = work.find(key);
  return it != work.end() && it->is_string() ? it->get<std::string>() : "";
}

// The key a later record shares with the work's first record.
std::string SharedKey(const Json& first, const Json& later, bool registrations) {
  if (registrations) return "registry id";
  for (const auto& [field, name] : {std::pair{"doi", "DOI"}, {"pmid", "PMID"}, {"pmcid", "PMCID"},
                                    {"source_id", "source id"}}) {
    std::string a = Field(first, field);
    if (!a.empty() && a == Field(later, field)) return name;
  }
  return "fuzzy";
}

struct WorkRecords {
  std::string id;
  std::vector<Json> works;  // the fields of each record contribution, in key order
  bool registration = false;
  bool any = false;  // any contribution at all
};

void Close(const WorkRecords& w, DedupReport* r) {
  if (!w.any) return;
  if (w.works.empty()) {
    ++r->cited_only;
    return;
  }
  ++r->works;
  for (size_t i = 1; i < w.works.size(); ++i) {
    ++r->duplicates;
    ++r->by_key[SharedKey(w.works[0], w.works[i], w.registration)];
  }
}

}  // namespace

Result<DedupReport> BuildDedupReport(const kb::KnowledgeBase& base) {
  DedupReport r;
  std::map<std::string, SourceCount> sources;
  CKB_RETURN_IF_ERROR(base.Scan(kb::kCfSources, "", [&](std::string_view k, std::string_view v) {
    if (k.find('\0') != std::string_view::npos) return true;  // what a source contributed, not its summary
    Json j = ParseJson(v);
    if (j.is_discarded()) return true;
    SourceCount& s = sources[std::string(k)];
    s.source = std::string(k);
    s.format = JsonStr(j, "format");
    s.documents = j.value("documents", uint64_t{0});
    return true;
  }));
  WorkRecords cur;
  CKB_RETURN_IF_ERROR(base.Scan(kb::kCfContribs, "", [&](std::string_view k, std::string_view v) {
    size_t z = k.find('\0');
    std::string work(k.substr(0, z == std::string_view::npos ? k.size() : z));
    if (work != cur.id) {
      Close(cur, &r);
      cur = WorkRecords();
      cur.id = work;
    }
    if (z == std::string_view::npos) return true;  // the head
    cur.any = true;
    std::string_view stmt = k.substr(z + 1);
    std::string source = RecordSource(stmt);
    if (source.empty()) return true;
    if (stmt.size() > 13 && stmt.substr(stmt.size() - 13) == "/registration") cur.registration = true;
    Json entry = ParseJson(v);
    Json fields = entry.is_discarded() ? Json::object() : entry.value("work", Json::object());
    cur.works.push_back(std::move(fields));
    SourceCount& s = sources[source];
    s.source = source;
    ++s.records;
    ++r.records;
    return true;
  }));
  Close(cur, &r);
  for (auto& [name, s] : sources) r.sources.push_back(std::move(s));
  return r;
}

}  // namespace ckb::query
