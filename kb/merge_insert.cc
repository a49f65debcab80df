// SPDX-License-Identifier: GPL-3.0-or-later
// One statement merged into a work's stored view without reading the
// work's other statements (see InsertContribution in
// kb/internal/merge_work.h): the cost of a statement does not grow with the
// number of statements the work already has.
#include <algorithm>
#include <map>
#include <set>
#include <string_view>

#include "kb/internal/merge_util.h"
#include "kb/internal/merge_work.h"
#include "kb/keys.h"
#include "kb/merge.h"

namespace ckb::kb {
namespace {

// The new statement's place in merge order against the stored statements
// it meets, their ranks read once each (a rank is a few bytes at the head of
// the stored entry).
class Place {
 public:
  Place(const KnowledgeBase& kb, const Batch& batch, const std::string& id, const std::string& key,
        int rank, bool last)
      : kb_(kb), batch_(batch), id_(id), key_(key), rank_(rank), last_(last) {}

  bool last() const { return last_; }

  // Whether the new statement comes before stored statement `other`.
  Result<bool> Before(const std::string& other) {
    if (last_) return false;
    auto it = ranks_.find(other);
    if (it == ranks_.end()) {
      CKB_ASSIGN_OR_RETURN(auto v, kb_.Get(kCfContribs, ContribKey(id_, other), &batch_));
      if (!v) return Status::Corruption("work " + id_ + " lacks contribution " + other);
      Json r = ParseJsonFields(*v, {"rank"});
      if (r.is_discarded()) return Status::Corruption("contribution " + other + " of work " + id_ + " is not JSON");
      auto rank = r.find("rank");
      it = ranks_.emplace(other, rank != r.end() && rank->is_number_integer() ? rank->get<int>() : 0).first;
    }
    return Precedes(rank_, key_, it->second, other);
  }

 private:
  const KnowledgeBase& kb_;
  const Batch& batch_;
  const std::string& id_;
  const std::string& key_;
  int rank_;
  bool last_;
  std::map<std::string, int> ranks_;
};

bool IsConflictField(std::string_view f) {
  return std::find(std::begin(kConflictFields), std::end(kConflictFields), f) != std::end(kConflictFields);
}

Json ConflictEntry(const std::string& source, const Json& value) {
  return Json{{"source", source}, {"value", value}};
}

// Field `f` taken over by the new statement (value `v`) from `owner`
// (value `old`): the old value joins the conflicts ahead of the others (its
// owner came first among them), and the new value leaves them.
void TakeOver(Json& conflicts, const char* f, const std::string& owner, const Json& old, const Json& v) {
  const std::string cv = Comparable(v);
  Json list = Json::array();
  if (Comparable(old) != cv) list.push_back(ConflictEntry(owner, old));
  if (auto it = conflicts.find(f); it != conflicts.end()) {
    for (const auto& e : *it) {
      if (list.size() >= kMaxConflictValues) break;
      if (e.contains("value") && Comparable(e["value"]) == cv) continue;
      list.push_back(e);
    }
  }
  if (list.empty()) {
    conflicts.erase(f);
  } else {
    conflicts[f] = std::move(list);
  }
}

// The new statement's differing value `v` of field `f` among the conflicts,
// at its place in merge order (a value listed from a later source is listed
// from the new one instead).
Status JoinConflicts(Json& conflicts, const char* f, const std::string& key, const Json& v, Place& place) {
  const std::string cv = Comparable(v);
  Json& list = conflicts[f];
  if (!list.is_array()) list = Json::array();
  size_t same = list.size();
  for (size_t i = 0; i < list.size(); ++i) {
    if (list[i].contains("value") && Comparable(list[i]["value"]) == cv) same = i;
  }
  if (same < list.size()) {
    CKB_ASSIGN_OR_RETURN(bool earlier, place.Before(JsonStr(list[same], "source")));
    if (!earlier) return Status::Ok();
    list.erase(list.begin() + static_cast<std::ptrdiff_t>(same));
  }
  size_t at = list.size();
  for (size_t i = 0; i < list.size() && !place.last(); ++i) {
    CKB_ASSIGN_OR_RETURN(bool before, place.Before(JsonStr(list[i], "source")));
    if (before) {
      at = i;
      break;
    }
  }
  if (at >= kMaxConflictValues) {
    if (list.empty()) conflicts.erase(f);
    return Status::Ok();
  }
  list.insert(list.begin() + static_cast<std::ptrdiff_t>(at), ConflictEntry(key, v));
  if (list.size() > kMaxConflictValues) list.erase(list.end() - 1);
  return Status::Ok();
}

// Single-valued fields and their conflicts. Returns false when only a full
// merge can tell the result.
Result<bool> MergeSingleFields(const KnowledgeBase& kb, const Batch& batch, const std::string& id,
                               Json& rec, const std::string& key, const Json& entry, Place& place) {
  const Json& w = entry["work"];
  Json& provenance = rec["provenance"];
  Json& conflicts = rec["conflicts"];
  std::set<std::string_view> taken;
  for (const char* f : kSingleFields) {
    auto it = w.find(f);
    if (it == w.end() || IsEmptyValue(*it)) continue;
    auto owner = provenance.find(f);
    if (owner == provenance.end()) {
      rec[f] = *it;
      provenance[f] = key;
      taken.insert(f);
      continue;
    }
    const std::string owner_key = owner->is_string() ? owner->get<std::string>() : "";
    CKB_ASSIGN_OR_RETURN(bool wins, place.Before(owner_key));
    if (!wins) continue;
    // Which values of other statements name another journal depends on the
    // statement that gives the journal.
    if (std::string_view(f) == "journal") return false;
    if (IsConflictField(f)) TakeOver(conflicts, f, owner_key, rec[f], *it);
    rec[f] = *it;
    *owner = key;
    taken.insert(f);
  }
  OrderKeys(provenance, kSingleFields);
  for (const char* f : kConflictFields) {
    auto it = w.find(f);
    if (taken.count(f) || it == w.end() || IsEmptyValue(*it) || IsEmptyValue(rec[f])) continue;
    if (Comparable(*it) == Comparable(rec[f])) continue;
    if (std::string_view(f) == "journal") {
      std::string owner = JsonStr(provenance, "journal");
      CKB_ASSIGN_OR_RETURN(auto owner_entry, LoadJson(kb, batch, kCfContribs, ContribKey(id, owner)));
      if (!owner_entry) return Status::Corruption("work " + id + " lacks contribution " + owner);
      if (SameJournalFields((*owner_entry)["work"], w)) continue;
    }
    CKB_RETURN_IF_ERROR(JoinConflicts(conflicts, f, key, *it, place));
  }
  OrderKeys(conflicts, kConflictFields);
  return true;
}

// Adds the new statement's `values` (identified by `id_of`) to `out`, the
// union in merge order of first appearance. Values it gives first are
// appended when it comes last; otherwise its values must be ones listed
// already, as the list's first ones in the same order (then no value moves),
// or only a full merge can tell (false).
template <class IdOf>
bool JoinList(Json& out, const Json& values, bool last, IdOf id_of) {
  if (!out.is_array()) out = Json::array();
  std::set<std::string> seen;
  for (const auto& v : out) seen.insert(id_of(v));
  std::vector<std::string> mine;
  std::set<std::string> mine_seen;
  for (const auto& v : values) {
    std::string k = id_of(v);
    if (k.empty() || !mine_seen.insert(k).second) continue;
    mine.push_back(k);
    if (last && seen.insert(k).second) out.push_back(v);
  }
  if (last) return true;
  if (mine.size() > out.size()) return false;
  for (size_t i = 0; i < mine.size(); ++i) {
    if (id_of(out[i]) != mine[i]) return false;
  }
  return true;
}

std::string StringId(const Json& v) { return v.is_string() ? v.get<std::string>() : std::string(); }

// Union fields, entity mentions and printed forms.
bool MergeLists(Json& rec, const Json& entry, bool last) {
  const Json& w = entry["work"];
  for (const char* f : kUnionFields) {
    auto it = w.find(f);
    if (it == w.end() || !it->is_array()) continue;
    if (!JoinList(rec[f], *it, last, StringId)) return false;
  }
  if (auto e = w.find("entities"); e != w.end() && e->is_array()) {
    if (!JoinList(rec["entities"], *e, last, [](const Json& m) { return EntityKey(m); })) return false;
  }
  std::string raw = JsonStr(entry, "raw");
  Json& cited_as = rec["cited_as"];
  if (!raw.empty()) {
    if (last && cited_as.size() < kMaxCitedAs) {
      if (!JoinList(cited_as, Json::array({raw}), true, StringId)) return false;
    } else if (!last && (cited_as.empty() || StringId(cited_as[0]) != raw)) {
      return false;
    }
  }
  return true;
}

// Whether source `source` already gave work `id` a statement (other than
// the one being merged, which is not stored yet).
Result<bool> HasStatementFrom(const KnowledgeBase& kb, const Batch& batch, const std::string& id,
                              const std::string& source) {
  bool found = false;
  CKB_RETURN_IF_ERROR(kb.Scan(kCfContribs, ContribKey(id, source + "#"), [&](std::string_view, std::string_view) {
    found = true;
    return false;
  }, &batch));
  return found;
}

// The statement's source among the work's sources: the list holds the
// first kMaxSources by name, "source_count" all of them once past that.
Status JoinSources(const KnowledgeBase& kb, const Batch& batch, const std::string& id, Json& rec,
                   const std::string& key) {
  const std::string source = SourceOfKey(key);
  Json& list = rec["sources"];
  if (!list.is_array()) list = Json::array();
  auto at = std::lower_bound(list.begin(), list.end(), source, [](const Json& v, const std::string& s) {
    return v.is_string() && v.get_ref<const std::string&>() < s;
  });
  if (at != list.end() && at->is_string() && at->get_ref<const std::string&>() == source) return Status::Ok();
  auto count = rec.find("source_count");
  if (count == rec.end() && list.size() < kMaxSources) {  // every source is listed
    list.insert(at, source);
    return Status::Ok();
  }
  // Past the cap a source missing from the list may still be one of the work's.
  CKB_ASSIGN_OR_RETURN(bool known, HasStatementFrom(kb, batch, id, source));
  if (known) return Status::Ok();
  uint64_t n = count != rec.end() && count->is_number_integer() ? count->get<uint64_t>() : list.size();
  rec["source_count"] = n + 1;
  if (at != list.end()) {
    list.insert(at, source);
    list.erase(list.end() - 1);
  }
  return Status::Ok();
}

}  // namespace

Result<bool> InsertContribution(const KnowledgeBase& kb, const Batch& batch, const std::string& id,
                                Json& rec, const std::string& key, int rank, const Json& entry,
                                bool last) {
  Place place(kb, batch, id, key, rank, last);
  CKB_ASSIGN_OR_RETURN(bool fields, MergeSingleFields(kb, batch, id, rec, key, entry, place));
  if (!fields || !MergeLists(rec, entry, last)) return false;
  CKB_RETURN_IF_ERROR(JoinSources(kb, batch, id, rec, key));
  return true;
}

}  // namespace ckb::kb
