// SPDX-License-Identifier: GPL-3.0-or-later
// Citation edges and trial records (see kb/merge.h).
#include <algorithm>
#include <set>

#include "kb/internal/merge_util.h"
#include "kb/keys.h"
#include "kb/merge.h"

namespace ckb::kb {

Status PutCitation(const KnowledgeBase& kb, Batch& batch, const Citation& c,
                   const Reference* parsed) {
  Json e = {{"cited", c.cited}, {"raw", c.raw}, {"section", c.section}, {"n", c.n}};
  if (parsed) e["ref"] = ToJson(*parsed);
  std::string tag = SourceTag(c.source);
  batch.Put(kCfEdges, EdgeKey(c.citing, c.section, c.n, tag), Dump(e));
  batch.Put(kCfCitedBy, CitedByKey(c.cited, c.citing, c.section, c.n, tag), "");
  batch.TouchWork(c.citing);
  batch.TouchWork(c.cited);
  return Status::Ok();
}

Status DeleteCitation(const KnowledgeBase& kb, Batch& batch, const std::string& citing,
                      const std::string& section, int n, const std::string& source) {
  for (const std::string& tag : {SourceTag(source), std::string()}) {
    std::string key = EdgeKey(citing, section, n, tag);
    CKB_ASSIGN_OR_RETURN(auto e, LoadJson(kb, batch, kCfEdges, key));
    if (!e) continue;
    std::string cited = JsonStr(*e, "cited");
    batch.Delete(kCfEdges, key);
    batch.Delete(kCfCitedBy, CitedByKey(cited, citing, section, n, tag));
    batch.TouchWork(citing);
    batch.TouchWork(cited);
  }
  return Status::Ok();
}

namespace {

const Json& TrialShape() {
  static const Json shape = ToJson(Trial{});
  return shape;
}

// A trial record as read: a sole contribution stored derived gets its
// fields back from the merged record.
void ExpandTrial(Json& rec) {
  auto c = rec.find("contrib");
  if (c == rec.end() || !c->is_object() || c->size() != 1) return;
  Json& e = c->begin().value();
  if (!e.is_object() || !e.value(kDerived, false)) return;
  e = ExpandedEntry(e, "trial", FieldsOf(rec, TrialShape(), ""));
}

Result<std::optional<Json>> LoadTrial(const KnowledgeBase& kb, const Batch& batch, const std::string& nct) {
  CKB_ASSIGN_OR_RETURN(auto rec, LoadJson(kb, batch, kCfTrials, nct));
  if (rec) ExpandTrial(*rec);
  return rec;
}

// A trial record as stored: a sole contribution that the merged record
// gives back is stored derived.
std::string StoredTrial(Json& rec) {
  auto c = rec.find("contrib");
  if (c != rec.end() && c->is_object() && c->size() == 1) {
    Json& e = c->begin().value();
    auto t = e.find("trial");
    if (t != e.end() && GivesBack(rec, TrialShape(), "", *t)) {
      // Swapped in and back: the record's fields are not copied.
      Json d = DerivedEntry(e, "trial");
      std::swap(d, e);
      std::string out = Dump(rec);
      std::swap(d, e);
      return out;
    }
  }
  return Dump(rec);
}

void RemergeTrial(Json& rec) {
  std::vector<Ranked> order;
  for (auto it = rec["contrib"].begin(); it != rec["contrib"].end(); ++it) {
    order.push_back({it.key(), it.value().value("rank", 0), &it.value()["trial"]});
  }
  std::sort(order.begin(), order.end(), [](const Ranked& a, const Ranked& b) {
    return Precedes(a.rank, a.key, b.rank, b.key);
  });
  Json merged = ToJson(Trial{});
  merged["nct"] = rec["nct"];
  // Keys written only when a trial has them (registry arms, outcomes, results).
  for (const auto& c : order) {
    for (auto it = c.work->begin(); it != c.work->end(); ++it) {
      if (!merged.contains(it.key())) merged[it.key()] = Json(nullptr);
    }
  }
  for (auto f = merged.begin(); f != merged.end(); ++f) {
    if (f.key() == "nct") continue;
    for (const auto& c : order) {
      auto it = c.work->find(f.key());
      if (it != c.work->end() && !IsEmptyValue(*it)) {
        f.value() = *it;
        break;
      }
    }
  }
  std::set<std::string> sources;
  for (const auto& c : order) sources.insert(SourceOfKey(c.key));
  merged["sources"] = Json(std::vector<std::string>(sources.begin(), sources.end()));
  merged["contrib"] = rec["contrib"];
  rec = std::move(merged);
}

}  // namespace

Status UpsertTrial(const KnowledgeBase& kb, Batch& batch, const std::string& key, int rank,
                   const Trial& t) {
  CKB_ASSIGN_OR_RETURN(auto existing, LoadTrial(kb, batch, t.nct));
  Json rec = existing ? std::move(*existing) : Json{{"nct", t.nct}, {"contrib", Json::object()}};
  Json fields = ToJson(t);
  Json clean = Json::object();
  for (auto it = fields.begin(); it != fields.end(); ++it) {
    if (!IsEmptyValue(it.value())) clean[it.key()] = it.value();
  }
  rec["contrib"][key] = {{"rank", rank}, {"trial", clean}};
  RemergeTrial(rec);
  batch.Put(kCfTrials, t.nct, StoredTrial(rec));
  return Status::Ok();
}

namespace {

Status DropTrialIfUnused(const KnowledgeBase& kb, Batch& batch, const std::string& nct, Json& rec) {
  bool linked = false;
  CKB_RETURN_IF_ERROR(kb.Scan(kCfTrialWorks, PrefixOf(nct), [&](std::string_view, std::string_view) {
    linked = true;
    return false;
  }, &batch));
  if (rec["contrib"].empty() && !linked) {
    batch.Delete(kCfTrials, nct);
  } else {
    RemergeTrial(rec);
    batch.Put(kCfTrials, nct, StoredTrial(rec));
  }
  return Status::Ok();
}

}  // namespace

Status RemoveTrialContribution(const KnowledgeBase& kb, Batch& batch, const std::string& nct,
                               const std::string& key) {
  CKB_ASSIGN_OR_RETURN(auto existing, LoadTrial(kb, batch, nct));
  if (!existing) return Status::Ok();
  (*existing)["contrib"].erase(key);
  return DropTrialIfUnused(kb, batch, nct, *existing);
}

Status LinkTrial(const KnowledgeBase& kb, Batch& batch, const std::string& nct,
                 const std::string& work_id, const std::string& role, const std::string& context,
                 const std::string& source) {
  // Only whether the trial exists matters here: its record is not read.
  CKB_ASSIGN_OR_RETURN(auto existing, kb.Get(kCfTrials, nct, &batch));
  if (!existing) {
    Json rec = {{"nct", nct}, {"contrib", Json::object()}};
    RemergeTrial(rec);
    batch.Put(kCfTrials, nct, Dump(rec));
  }
  Json link = {{"role", role}, {"context", context}, {"source", source}};
  batch.Put(kCfTrialWorks, TrialWorkKey(nct, work_id, role), Dump(link));
  return Status::Ok();
}

Status UnlinkTrial(const KnowledgeBase& kb, Batch& batch, const std::string& link_key) {
  batch.Delete(kCfTrialWorks, link_key);
  auto parts = SplitKey(link_key);
  if (parts.empty()) return Status::Ok();
  CKB_ASSIGN_OR_RETURN(auto existing, LoadTrial(kb, batch, parts[0]));
  if (!existing) return Status::Ok();
  return DropTrialIfUnused(kb, batch, parts[0], *existing);
}

}  // namespace ckb::kb
