// SPDX-License-Identifier: GPL-3.0-or-later
// Merge rules for works (see kb/merge.h); citation edges and trial records
// are in kb/merge_links.cc.
#include "kb/merge.h"

#include <algorithm>
#include <set>

#include "kb/hash.h"
#include "kb/internal/merge_util.h"
#include "kb/internal/merge_work.h"
#include "kb/keys.h"

namespace ckb::kb {
namespace {

// Statement keys compared with runs of digits as numbers, so that a file's
// records and references ("f#9", "f#10/ref/2", "f#10/ref/11") sort in the
// order they are read and a later statement usually comes last.
bool KeyLess(std::string_view a, std::string_view b);

// Lower-case ASCII letters and digits and every non-ASCII byte (keeps CJK);
// drops punctuation and spaces.
std::string Fold(std::string_view s) {
  std::string out;
  for (unsigned char c : s) {
    if (c >= 0x80) {
      out.push_back(static_cast<char>(c));
    } else if (std::isalnum(c)) {
      out.push_back(static_cast<char>(std::tolower(c)));
    }
  }
  return out;
}

bool KeyLess(std::string_view a, std::string_view b) {
  size_t i = 0, j = 0;
  while (i < a.size() && j < b.size()) {
    bool da = std::isdigit(static_cast<unsigned char>(a[i])) != 0;
    bool db = std::isdigit(static_cast<unsigned char>(b[j])) != 0;
    if (da && db) {
      size_t ei = i, ej = j;
      while (ei < a.size() && std::isdigit(static_cast<unsigned char>(a[ei]))) ++ei;
      while (ej < b.size() && std::isdigit(static_cast<unsigned char>(b[ej]))) ++ej;
      size_t zi = i, zj = j;  // leading zeros do not count
      while (zi + 1 < ei && a[zi] == '0') ++zi;
      while (zj + 1 < ej && b[zj] == '0') ++zj;
      if (ei - zi != ej - zj) return ei - zi < ej - zj;
      int c = a.substr(zi, ei - zi).compare(b.substr(zj, ej - zj));
      if (c != 0) return c < 0;
      if (ei - i != ej - j) return ei - i < ej - j;  // "007" after "7": still a total order
      i = ei;
      j = ej;
      continue;
    }
    if (a[i] != b[j]) return static_cast<unsigned char>(a[i]) < static_cast<unsigned char>(b[j]);
    ++i;
    ++j;
  }
  return a.size() - i < b.size() - j;
}

std::vector<Ranked> SortedContribs(const Json& contrib) {
  std::vector<Ranked> v;
  for (auto it = contrib.begin(); it != contrib.end(); ++it) {
    int rank = it.value().value("rank", 0);
    v.push_back({it.key(), rank, &it.value()["work"]});
  }
  std::sort(v.begin(), v.end(), [](const Ranked& a, const Ranked& b) {
    return Precedes(a.rank, a.key, b.rank, b.key);
  });
  return v;
}

std::string FoldJournal(const Json& w, const char* field) {
  std::string v = Comparable(w.value(field, Json("")));
  if (v.rfind("the", 0) == 0) v = v.substr(3);
  return v;
}

// Whether contribution `other` names the same journal as contribution
// `chosen`.
bool SameJournal(const Json& contrib, const std::string& chosen, const std::string& other) {
  if (!contrib.contains(chosen) || !contrib.contains(other)) return false;
  return SameJournalFields(contrib[chosen]["work"], contrib[other]["work"]);
}

// Recomputes the merged view of a work record from its contributions.
void Remerge(Json& rec) {
  const Json& contrib = rec["contrib"];
  std::vector<Ranked> order = SortedContribs(contrib);
  Json merged = ToJson(Work{});
  merged["id"] = rec["id"];
  Json provenance = Json::object();
  Json conflicts = Json::object();
  for (const char* f : kSingleFields) {
    for (const auto& c : order) {
      auto it = c.work->find(f);
      if (it == c.work->end() || IsEmptyValue(*it)) continue;
      merged[f] = *it;
      provenance[f] = c.key;
      break;
    }
  }
  for (const char* f : kConflictFields) {
    if (IsEmptyValue(merged[f])) continue;
    std::string chosen = Comparable(merged[f]);
    bool is_journal = std::string(f) == "journal";
    Json list = Json::array();
    std::set<std::string> seen;
    for (const auto& c : order) {
      if (list.size() >= kMaxConflictValues) break;
      auto it = c.work->find(f);
      if (it == c.work->end() || IsEmptyValue(*it)) continue;
      std::string cmp = Comparable(*it);
      if (is_journal && SameJournal(rec["contrib"], provenance.value("journal", ""), c.key)) continue;
      if (cmp == chosen || !seen.insert(cmp).second) continue;
      list.push_back({{"source", c.key}, {"value", *it}});
    }
    if (!list.empty()) conflicts[f] = std::move(list);
  }
  for (const char* f : kUnionFields) {
    Json out = Json::array();
    std::set<std::string> seen;
    for (const auto& c : order) {
      auto it = c.work->find(f);
      if (it == c.work->end() || !it->is_array()) continue;
      for (const auto& v : *it) {
        if (v.is_string() && seen.insert(v.get<std::string>()).second) out.push_back(v);
      }
    }
    merged[f] = std::move(out);
  }
  Json ents = Json::array();
  std::set<std::string> seen_ents;
  Json cited_as = Json::array();
  std::set<std::string> seen_raw;
  std::set<std::string> sources;
  for (const auto& c : order) {
    sources.insert(SourceOfKey(c.key));
    if (auto e = c.work->find("entities"); e != c.work->end() && e->is_array()) {
      for (const auto& m : *e) {
        if (seen_ents.insert(EntityKey(m)).second) ents.push_back(m);
      }
    }
    std::string raw = JsonStr(contrib[c.key], "raw");
    if (!raw.empty() && cited_as.size() < kMaxCitedAs && seen_raw.insert(raw).second) {
      cited_as.push_back(raw);
    }
  }
  merged["entities"] = std::move(ents);
  merged["cited_as"] = std::move(cited_as);
  std::vector<std::string> listed(sources.begin(), sources.end());
  if (listed.size() > kMaxSources) listed.resize(kMaxSources);
  merged["sources"] = Json(std::move(listed));
  merged["provenance"] = std::move(provenance);
  merged["conflicts"] = std::move(conflicts);
  if (sources.size() > kMaxSources) merged["source_count"] = sources.size();
  merged["contrib"] = contrib;
  rec = std::move(merged);
}

// A registration page of a trial (a registry record, or a cited web page of
// a registry) is found by its registry id too.
std::string RegistrationId(const Work& w) {
  if (w.registry_ids.empty()) return "";
  if (w.type == "trial-registration") return w.registry_ids[0];
  if (w.registry_ids.size() != 1) return "";
  if (w.type == "web" && (w.url.find("clinicaltrials.gov") != std::string::npos ||
                          w.url.find("chictr.org") != std::string::npos ||
                          w.url.find("isrctn.com") != std::string::npos)) {
    return w.registry_ids[0];
  }
  return "";
}

// Aliases under which one contribution's work can be found.
void AddAliasesOfWork(const Json& w, std::set<std::string>* out) {
  if (auto d = JsonStr(w, "doi"); !d.empty()) out->insert(AliasKey("doi", d));
  if (auto p = JsonStr(w, "pmid"); !p.empty()) out->insert(AliasKey("pmid", p));
  if (auto p = JsonStr(w, "pmcid"); !p.empty()) out->insert(AliasKey("pmcid", p));
  if (auto s = JsonStr(w, "source_id"); !s.empty()) out->insert(AliasKey("src", s));
  Work parsed = WorkFromJson(w);
  if (auto r = RegistrationId(parsed); !r.empty()) out->insert(AliasKey("nct", r));
  std::string fk = FuzzyKey(parsed);
  if (!fk.empty()) out->insert(AliasKey("key", fk));
}

// Aliases under which a work record can be found.
std::set<std::string> AliasesOf(const Json& rec) {
  std::set<std::string> out;
  const Json& contrib = rec["contrib"];
  for (auto it = contrib.begin(); it != contrib.end(); ++it) {
    auto w = it.value().find("work");
    if (w != it.value().end()) AddAliasesOfWork(*w, &out);
  }
  return out;
}

// Claims the aliases in `now` that no work owns yet. An alias already owned
// by another work stays with it: two existing works are never merged
// silently.
Status ClaimAliases(const KnowledgeBase& kb, Batch& batch, const std::string& id,
                    const std::set<std::string>& now) {
  for (const auto& a : now) {
    CKB_ASSIGN_OR_RETURN(auto cur, kb.Get(kCfIds, a, &batch));
    if (!cur) batch.Put(kCfIds, a, id);
  }
  return Status::Ok();
}

Json HeadOf(int rank, const std::string& key) {
  return Json{{"v", 2}, {"rank", rank}, {"key", key}};
}

const Json& WorkShape() {
  static const Json shape = ToJson(Work{});
  return shape;
}

// The fields a work's only contribution gave, from its merged view.
Json DerivedFields(const Json& merged) { return FieldsOf(merged, WorkShape(), "id"); }

// Stores a work whose contributions changed: recomputes the merged view from
// all of them, moves its aliases, and writes the merged record, the
// contributions named in `changed` (deleted when gone) and the head. A work
// read from the one-object layout, or whose sole contribution was stored
// derived (`legacy`), has every contribution written.
Status SaveWork(const KnowledgeBase& kb, Batch& batch, const std::string& id, Json& rec,
                const std::set<std::string>& old_aliases, const std::string& changed, bool legacy) {
  Remerge(rec);
  std::set<std::string> now = AliasesOf(rec);
  for (const auto& a : old_aliases) {
    if (now.count(a)) continue;
    CKB_ASSIGN_OR_RETURN(auto cur, kb.Get(kCfIds, a, &batch));
    if (cur && *cur == id) batch.Delete(kCfIds, a);
  }
  CKB_RETURN_IF_ERROR(ClaimAliases(kb, batch, id, now));
  // The merged view and the contributions are stored apart.
  Json contrib = std::move(rec["contrib"]);
  rec.erase("contrib");
  batch.Put(kCfWorks, id, Dump(rec));
  // A sole contribution is (re)written, derived when it can be; with more,
  // every stored entry is whole.
  const bool sole = contrib.size() == 1;
  bool derived = false;
  if (!contrib.contains(changed)) batch.Delete(kCfContribs, ContribKey(id, changed));
  if (sole) {
    const Json& e = contrib.begin().value();
    auto w = e.find("work");
    derived = w != e.end() && GivesBack(rec, WorkShape(), "id", *w);
    batch.Put(kCfContribs, ContribKey(id, contrib.begin().key()), Dump(derived ? DerivedEntry(e, "work") : e));
  } else if (legacy) {
    for (auto it = contrib.begin(); it != contrib.end(); ++it) {
      batch.Put(kCfContribs, ContribKey(id, it.key()), Dump(it.value()));
    }
  } else if (auto it = contrib.find(changed); it != contrib.end()) {
    batch.Put(kCfContribs, ContribKey(id, changed), Dump(*it));
  }
  std::vector<Ranked> order = SortedContribs(contrib);
  Json head = HeadOf(order.back().rank, order.back().key);
  if (derived) head[kDerived] = true;
  batch.Put(kCfContribs, id, Dump(head));
  rec["contrib"] = std::move(contrib);
  batch.TouchWork(id);
  return Status::Ok();
}

// A work record with all its contributions under "contrib", as a full merge
// needs it. `legacy` tells whether they must all be written back: they came
// from the one-object layout, or the sole one was derived.
Result<std::optional<Json>> LoadWork(const KnowledgeBase& kb, const Batch& batch, const std::string& id,
                                     bool* legacy) {
  *legacy = false;
  CKB_ASSIGN_OR_RETURN(auto rec, LoadJson(kb, batch, kCfWorks, id));
  if (!rec) return rec;
  if (rec->contains("contrib")) {  // stored inside the record by the first releases
    *legacy = true;
    return rec;
  }
  Json contrib = Json::object();
  std::string prefix = PrefixOf(id);
  std::string bad;
  CKB_RETURN_IF_ERROR(kb.Scan(kCfContribs, prefix, [&](std::string_view k, std::string_view v) {
    Json e = ParseJson(v);
    if (e.is_discarded() || !e.is_object()) {
      bad = std::string(k.substr(prefix.size()));
      return false;
    }
    contrib[std::string(k.substr(prefix.size()))] = std::move(e);
    return true;
  }, &batch));
  if (!bad.empty()) return Status::Corruption("contribution " + bad + " of work " + id + " is not JSON");
  if (contrib.size() == 1 && contrib.begin().value().value(kDerived, false)) {
    // Its fields come back from the merged view; once the work gains or
    // loses a contribution they are stored whole again.
    Json& e = contrib.begin().value();
    e = ExpandedEntry(e, "work", DerivedFields(*rec));
    *legacy = true;
  }
  if (contrib.empty()) {
    CKB_ASSIGN_OR_RETURN(auto old, LoadJson(kb, batch, kCfContribs, id));
    if (old && old->is_object() && !old->contains("v")) {
      contrib = std::move(*old);
      *legacy = true;
    }
  }
  (*rec)["contrib"] = std::move(contrib);
  return rec;
}

// The contribution's own fields, without empty values and without the id.
Json ContributionFields(const Work& w) {
  Json j = ToJson(w);
  Json out = Json::object();
  for (auto it = j.begin(); it != j.end(); ++it) {
    if (it.key() == "id" || IsEmptyValue(it.value())) continue;
    out[it.key()] = it.value();
  }
  return out;
}

}  // namespace

std::string Comparable(const Json& v) {
  if (v.is_string()) return Fold(v.get<std::string>());
  if (v.is_array()) {
    std::string out;
    for (const auto& e : v) out += Comparable(e) + "|";
    return out;
  }
  return Dump(v);
}

bool SameJournalFields(const Json& a, const Json& b) {
  std::string an = FoldJournal(a, "journal"), aa = FoldJournal(a, "journal_abbrev");
  std::string bn = FoldJournal(b, "journal"), ba = FoldJournal(b, "journal_abbrev");
  if (an == bn) return true;
  if (!aa.empty() && (aa == bn || aa == ba)) return true;
  if (!ba.empty() && ba == an) return true;
  return false;
}

std::string EntityKey(const Json& m) {
  auto start = m.find("start");
  return JsonStr(m, "field") + "|" + (start == m.end() ? std::string("null") : Dump(*start)) + "|" +
         JsonStr(m, "id") + "|" + Dump(m.value("attrs", Json::object()));
}

bool Precedes(int rank_a, std::string_view key_a, int rank_b, std::string_view key_b) {
  return rank_a != rank_b ? rank_a > rank_b : KeyLess(key_a, key_b);
}

std::string WorkIdFor(std::string_view kind, std::string_view value) {
  std::string key(kind);
  key += ':';
  key.append(value);
  char buf[24];
  std::snprintf(buf, sizeof buf, "W%016llx", static_cast<unsigned long long>(Fnv1a(key)));
  return buf;
}

std::string FuzzyKey(const Work& w) {
  if (w.authors.empty() || !w.year || w.title.empty()) return "";
  std::string first = w.authors.front();
  // Family name: the first word of "Family Given" / "Family GI" display forms.
  size_t sp = first.find(' ');
  std::string family = Fold(sp == std::string::npos ? first : first.substr(0, sp));
  std::string title = Fold(w.title);
  if (family.empty() || title.size() < 12) return "";
  if (title.size() > 120) title.resize(120);
  return family + "|" + std::to_string(*w.year) + "|" + title;
}

Result<std::string> UpsertWork(const KnowledgeBase& kb, Batch& batch, const Contribution& c) {
  const Work& w = c.work;
  std::vector<std::pair<std::string, std::string>> aliases;
  if (!w.doi.empty()) aliases.emplace_back("doi", w.doi);
  if (!w.pmid.empty()) aliases.emplace_back("pmid", w.pmid);
  if (!w.pmcid.empty()) aliases.emplace_back("pmcid", w.pmcid);
  if (!w.source_id.empty()) aliases.emplace_back("src", w.source_id);
  if (auto r = RegistrationId(w); !r.empty()) aliases.emplace_back("nct", r);
  std::string fk = FuzzyKey(w);
  if (!fk.empty()) aliases.emplace_back("key", fk);
  std::string id;
  for (const auto& [kind, value] : aliases) {
    CKB_ASSIGN_OR_RETURN(auto hit, kb.Get(kCfIds, AliasKey(kind, value), &batch));
    if (!hit) continue;
    if (kind == "key" && (!w.doi.empty() || !w.pmid.empty())) {
      // A fuzzy match (same first author, year and title) never merges two
      // works whose DOIs or PMIDs differ.
      CKB_ASSIGN_OR_RETURN(auto other, LoadJson(kb, batch, kCfWorks, *hit));
      if (other) {
        std::string odoi = other->value("doi", Json()).is_string() ? (*other)["doi"].get<std::string>() : "";
        std::string opmid = other->value("pmid", Json()).is_string() ? (*other)["pmid"].get<std::string>() : "";
        if ((!w.doi.empty() && !odoi.empty() && odoi != w.doi) ||
            (!w.pmid.empty() && !opmid.empty() && opmid != w.pmid)) {
          continue;
        }
      }
    }
    id = *hit;
    break;
  }
  if (id.empty()) {
    if (!aliases.empty()) {
      id = WorkIdFor(aliases.front().first, aliases.front().second);
    } else {
      // Nothing identifies it beyond this statement: one work per statement.
      id = WorkIdFor("stmt", c.key);
    }
  }
  Json entry = {{"rank", c.rank}, {"work", ContributionFields(w)}};
  if (!c.raw.empty()) entry["raw"] = c.raw;
  // A statement is merged into the stored view without reading the work's
  // other statements whenever that gives what a full merge gives: always
  // when it comes after all of them in merge order (one more reference to a
  // known paper), and usually when it falls between them (a copy of a file
  // indexed out of merge order). A work cited N times costs N small updates
  // rather than N merges over everything said so far.
  CKB_ASSIGN_OR_RETURN(auto head, LoadJson(kb, batch, kCfContribs, id));
  if (head && head->contains("v")) {
    const std::string head_key = JsonStr(*head, "key");
    const bool last = Precedes(head->value("rank", 0), head_key, c.rank, c.key);
    // A statement already stored (restated with another rank) replaces its
    // earlier self, which only a full merge can take out of the view.
    CKB_ASSIGN_OR_RETURN(auto same, kb.Get(kCfContribs, ContribKey(id, c.key), &batch));
    CKB_ASSIGN_OR_RETURN(auto merged, LoadJson(kb, batch, kCfWorks, id));
    if (!same && merged && !merged->contains("contrib") && merged->contains("provenance")) {
      if (head->value(kDerived, false)) {
        // The work's only contribution was stored derived from the view
        // that is about to change: it is stored whole first.
        CKB_ASSIGN_OR_RETURN(auto sole, LoadJson(kb, batch, kCfContribs, ContribKey(id, head_key)));
        if (!sole) return Status::Corruption("work " + id + " lacks contribution " + head_key);
        batch.Put(kCfContribs, ContribKey(id, head_key), Dump(ExpandedEntry(*sole, "work", DerivedFields(*merged))));
      }
      Json rec = std::move(*merged);
      CKB_ASSIGN_OR_RETURN(bool done, InsertContribution(kb, batch, id, rec, c.key, c.rank, entry, last));
      if (done) {
        std::set<std::string> now;
        AddAliasesOfWork(entry["work"], &now);
        CKB_RETURN_IF_ERROR(ClaimAliases(kb, batch, id, now));
        batch.Put(kCfWorks, id, Dump(rec));
        batch.Put(kCfContribs, ContribKey(id, c.key), Dump(entry));
        if (last) batch.Put(kCfContribs, id, Dump(HeadOf(c.rank, c.key)));
        if (!last && head->value(kDerived, false)) batch.Put(kCfContribs, id, Dump(HeadOf(head->value("rank", 0), head_key)));
        batch.TouchWork(id);
        return id;
      }
    }
  }
  bool legacy = false;
  CKB_ASSIGN_OR_RETURN(auto existing, LoadWork(kb, batch, id, &legacy));
  Json rec = existing ? std::move(*existing) : Json{{"id", id}, {"contrib", Json::object()}};
  std::set<std::string> old_aliases = existing ? AliasesOf(rec) : std::set<std::string>();
  rec["contrib"][c.key] = std::move(entry);
  CKB_RETURN_IF_ERROR(SaveWork(kb, batch, id, rec, old_aliases, c.key, legacy));
  return id;
}

Status RemoveWorkContribution(const KnowledgeBase& kb, Batch& batch, const std::string& id,
                              const std::string& key) {
  bool legacy = false;
  CKB_ASSIGN_OR_RETURN(auto existing, LoadWork(kb, batch, id, &legacy));
  if (!existing) return Status::Ok();
  Json rec = std::move(*existing);
  std::set<std::string> old_aliases = AliasesOf(rec);
  if (!rec["contrib"].contains(key)) return Status::Ok();
  rec["contrib"].erase(key);
  if (!rec["contrib"].empty()) return SaveWork(kb, batch, id, rec, old_aliases, key, legacy);
  for (const auto& a : old_aliases) {
    CKB_ASSIGN_OR_RETURN(auto cur, kb.Get(kCfIds, a, &batch));
    if (cur && *cur == id) batch.Delete(kCfIds, a);
  }
  batch.Delete(kCfWorks, id);
  batch.Delete(kCfContribs, ContribKey(id, key));
  batch.Delete(kCfContribs, id);
  batch.TouchWork(id);
  return Status::Ok();
}

}  // namespace ckb::kb
