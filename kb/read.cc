// SPDX-License-Identifier: GPL-3.0-or-later
// Reading a knowledge base: point reads and scans through a batch's pending
// changes, work and trial lookups, statistics, and the readers' refresh and
// retry when a writer commits meanwhile.
#include <algorithm>
#include <cctype>
#include <chrono>
#include <map>
#include <thread>

#include "kb/internal/rep.h"
#include "kb/keys.h"
#include "kb/kb.h"
#include "kb/terms.h"

namespace ckb::kb {

Result<std::optional<std::string>> KnowledgeBase::Get(const std::string& cf, const std::string& key,
                                                      const Batch* batch) const {
  if (batch) {
    auto it = batch->pending_.find({cf, key});
    if (it != batch->pending_.end()) return it->second;
  }
  CKB_ASSIGN_OR_RETURN(rocksdb::ColumnFamilyHandle * handle, rep_->OpenedCf(cf));
  std::string v;
  rocksdb::Status s = rep_->db->Get(rocksdb::ReadOptions(), handle, key, &v);
  // A reader's view can lose a table file to the writer's compaction; a
  // newer view of the records is always consistent with the index read.
  for (int attempt = 0; s.IsIOError() && !rep_->write && attempt < 3; ++attempt) {
    CKB_RETURN_IF_ERROR(rep_->RefreshRecords());
    s = rep_->db->Get(rocksdb::ReadOptions(), rep_->Cf(cf), key, &v);
  }
  if (s.IsNotFound()) return std::optional<std::string>();
  if (!s.ok()) return FromRocks(s, "reading " + cf);
  return std::optional<std::string>(std::move(v));
}

Result<std::vector<std::optional<std::string>>> KnowledgeBase::MultiGet(
    const std::string& cf, const std::vector<std::string>& keys) const {
  CKB_ASSIGN_OR_RETURN(rocksdb::ColumnFamilyHandle * handle, rep_->OpenedCf(cf));
  const std::vector<rocksdb::Slice> slices(keys.begin(), keys.end());
  std::vector<rocksdb::PinnableSlice> values(keys.size());
  std::vector<rocksdb::Status> statuses(keys.size());
  auto read = [&] {
    rep_->db->MultiGet(rocksdb::ReadOptions(), handle, keys.size(), slices.data(), values.data(),
                       statuses.data());
    return std::any_of(statuses.begin(), statuses.end(), [](const rocksdb::Status& s) { return s.IsIOError(); });
  };
  // As for Get: a reader's view that lost a table file is refreshed.
  bool io_error = read();
  for (int attempt = 0; io_error && !rep_->write && attempt < 3; ++attempt) {
    CKB_RETURN_IF_ERROR(rep_->RefreshRecords());
    handle = rep_->Cf(cf);
    for (auto& v : values) v.Reset();
    io_error = read();
  }
  std::vector<std::optional<std::string>> out(keys.size());
  for (size_t i = 0; i < keys.size(); ++i) {
    if (statuses[i].IsNotFound()) continue;
    if (!statuses[i].ok()) return FromRocks(statuses[i], "reading " + cf);
    out[i].emplace(values[i].data(), values[i].size());
  }
  return out;
}

Status KnowledgeBase::Scan(const std::string& cf, const std::string& prefix,
                           const std::function<bool(std::string_view, std::string_view)>& fn,
                           const Batch* batch) const {
  // Pending changes in the key range, merged over the committed keys.
  std::map<std::string, std::optional<std::string>> overlay;
  if (batch) {
    for (auto it = batch->pending_.lower_bound({cf, prefix}); it != batch->pending_.end(); ++it) {
      if (it->first.first != cf || it->first.second.compare(0, prefix.size(), prefix) != 0) break;
      overlay[it->first.second] = it->second;
    }
  }
  CKB_ASSIGN_OR_RETURN(rocksdb::ColumnFamilyHandle * handle, rep_->OpenedCf(cf));
  std::unique_ptr<rocksdb::Iterator> iter(rep_->db->NewIterator(rocksdb::ReadOptions(), handle));
  auto ov = overlay.begin();
  bool go = true;
  for (iter->Seek(prefix); go && iter->Valid(); iter->Next()) {
    rocksdb::Slice k = iter->key();
    if (!k.starts_with(prefix)) break;
    std::string_view key(k.data(), k.size());
    while (go && ov != overlay.end() && ov->first < key) {
      if (ov->second) go = fn(ov->first, *ov->second);
      ++ov;
    }
    if (!go) break;
    if (ov != overlay.end() && ov->first == key) {
      if (ov->second) go = fn(ov->first, *ov->second);
      ++ov;
      continue;
    }
    go = fn(key, std::string_view(iter->value().data(), iter->value().size()));
  }
  Status st = FromRocks(iter->status(), "scanning " + cf);
  iter.reset();
  while (go && ov != overlay.end()) {
    if (ov->second) go = fn(ov->first, *ov->second);
    ++ov;
  }
  return st;
}

Result<std::optional<Json>> KnowledgeBase::GetWork(const std::string& id) const {
  CKB_ASSIGN_OR_RETURN(auto v, Get(kCfWorks, id));
  if (!v) return std::optional<Json>();
  Json j = ParseJson(*v);
  if (j.is_discarded()) return Status::Corruption("work record " + id + " is not valid JSON");
  return std::optional<Json>(std::move(j));
}

Result<std::optional<Json>> KnowledgeBase::GetTrial(const std::string& nct) const {
  CKB_ASSIGN_OR_RETURN(auto v, Get(kCfTrials, nct));
  if (!v) return std::optional<Json>();
  Json j = ParseJson(*v);
  if (j.is_discarded()) return Status::Corruption("trial record " + nct + " is not valid JSON");
  return std::optional<Json>(std::move(j));
}

Result<std::string> KnowledgeBase::ResolveWork(std::string_view ref) const {
  std::string r(ref);
  while (!r.empty() && (r.back() == ' ' || r.back() == '\n' || r.back() == '\r')) r.pop_back();
  auto lower = [](std::string s) {
    for (char& c : s) c = static_cast<char>(std::tolower(static_cast<unsigned char>(c)));
    return s;
  };
  std::vector<std::string> keys;
  std::string l = lower(r);
  if (l.rfind("doi:", 0) == 0) {
    keys.push_back(AliasKey("doi", lower(r.substr(4))));
  } else if (l.rfind("pmid:", 0) == 0) {
    keys.push_back(AliasKey("pmid", r.substr(5)));
  } else if (l.rfind("pmcid:", 0) == 0) {
    std::string v = r.substr(6);
    for (char& c : v) c = static_cast<char>(std::toupper(static_cast<unsigned char>(c)));
    keys.push_back(AliasKey("pmcid", v));
  } else if (l.rfind("10.", 0) == 0) {
    keys.push_back(AliasKey("doi", l));
  } else if (l.rfind("pmc", 0) == 0) {
    std::string v = r;
    for (char& c : v) c = static_cast<char>(std::toupper(static_cast<unsigned char>(c)));
    keys.push_back(AliasKey("pmcid", v));
  } else if (!r.empty() && r.find_first_not_of("0123456789") == std::string::npos) {
    keys.push_back(AliasKey("pmid", r));
  } else if (l.rfind("src:", 0) == 0) {
    keys.push_back(AliasKey("src", r.substr(4)));
  }
  for (const auto& k : keys) {
    CKB_ASSIGN_OR_RETURN(auto v, Get(kCfIds, k));
    if (v) return *v;
  }
  if (!r.empty()) {
    CKB_ASSIGN_OR_RETURN(auto w, Get(kCfWorks, r));
    if (w) return r;
    CKB_ASSIGN_OR_RETURN(auto s, Get(kCfIds, AliasKey("src", r)));
    if (s) return *s;
  }
  return Status::NotFound("no work " + r);
}

Result<uint64_t> KnowledgeBase::CitedByCount(const std::string& id) const {
  uint64_t n = 0;
  std::string last;
  CKB_RETURN_IF_ERROR(Scan(kCfCitedBy, PrefixOf(id), [&](std::string_view k, std::string_view) {
    auto parts = SplitKey(k);
    if (parts.size() >= 3 && parts[2] == "references" && parts[1] != last) {
      ++n;
      last = parts[1];
    }
    return true;
  }));
  return n;
}

Status KnowledgeBase::ScanCitations(const std::string& citing, const std::string& section,
                                    const std::function<bool(int, std::string_view)>& fn) const {
  // tag -> (n, edge) in key order, which is list order within one tag.
  std::map<std::string, std::vector<std::pair<int, std::string>>> lists;
  std::string prefix = PrefixOf(citing) + section + std::string(1, '\0');
  CKB_RETURN_IF_ERROR(Scan(kCfEdges, prefix, [&](std::string_view k, std::string_view v) {
    std::string_view rest = k.substr(prefix.size());
    size_t z = rest.find('\0');
    std::string tag = z == std::string_view::npos ? "" : std::string(rest.substr(z + 1));
    int n = std::atoi(std::string(rest.substr(0, z)).c_str());
    lists[tag].emplace_back(n, std::string(v));
    return true;
  }));
  const std::vector<std::pair<int, std::string>>* best = nullptr;
  for (const auto& [tag, list] : lists) {
    if (!best || list.size() > best->size()) best = &list;
  }
  if (!best) return Status::Ok();
  for (const auto& [n, edge] : *best) {
    if (!fn(n, edge)) break;
  }
  return Status::Ok();
}

Result<Stats> KnowledgeBase::GetStats() const {
  Stats st;
  Status read = RetryReads(rep_.get(), [&]() -> Status {
    st = Stats();
    // The index first: its view is never newer than the records read after.
    CKB_RETURN_IF_ERROR(ReadWithRetry(rep_.get(), "reading index", [&] {
      st.index_documents = rep_->Index().get_doccount();
      st.index_generation = ParseGen(rep_->Index().get_metadata(terms::kMetaGen));
    }));
    st.generation = rep_->gen;
    Stats counts;
    if (rep_->write) {
      counts = rep_->counts;
    } else {
      // The counts kept with the records (kb/counts.cc), read in the same
      // view of the record store as the generation; a store written before
      // they were kept is counted.
      CKB_ASSIGN_OR_RETURN(bool stored, StoredCounts(&counts));
      if (!stored) CKB_RETURN_IF_ERROR(CountRecords(&counts));
    }
    st.works = counts.works;
    st.citations = counts.citations;
    st.trials = counts.trials;
    st.documents = counts.documents;
    return Status::Ok();
  });
  if (!read.ok()) return read;
  return st;
}

void PauseBeforeRetry(int attempt) {
  if (attempt > 1) std::this_thread::sleep_for(std::chrono::milliseconds(5 << std::min(attempt - 2, 8)));
}

Status RetryReads(KnowledgeBase::Rep* rep, const std::function<Status()>& fn) {
  for (int attempt = 0;; ++attempt) {
    Status s = fn();
    bool transient = s.code() == Status::Code::kIOError ||
                     s.message().find("DatabaseModifiedError") != std::string::npos;
    if (s.ok() || rep->write || attempt + 1 >= kReadAttempts || !transient) return s;
    PauseBeforeRetry(attempt + 1);
    CKB_RETURN_IF_ERROR(rep->Refresh());
  }
}

Status ReadWithRetry(KnowledgeBase::Rep* rep, const std::string& context,
                     const std::function<void()>& fn) {
  for (int attempt = 0;; ++attempt) {
    bool retry = false;
    Status st = XapianCall(context, [&] {
      try {
        fn();
      } catch (const Xapian::DatabaseModifiedError&) {
        if (rep->write || attempt + 1 >= kReadAttempts) throw;
        retry = true;
      }
    });
    if (!retry) return st;
    PauseBeforeRetry(attempt + 1);
    CKB_RETURN_IF_ERROR(rep->Refresh());
  }
}

}  // namespace ckb::kb
