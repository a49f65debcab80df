// SPDX-License-Identifier: GPL-3.0-or-later
// The record counts `ckb stats` and `/api/stats` report (works, citations,
// trials, documents). Every commit adjusts them in the same RocksDB write as
// the records it changes, from the keys of the batch and what they held
// before, so that reading them is one lookup however large the knowledge
// base; `ckb check` counts the records again and compares.
#include <cinttypes>
#include <cstdio>

#include "kb/internal/rep.h"
#include "kb/keys.h"
#include "kb/record.h"

namespace ckb::kb {

std::string EncodeCounts(const Stats& st) {
  char buf[96];
  std::snprintf(buf, sizeof buf, "%" PRIu64 " %" PRIu64 " %" PRIu64 " %" PRIu64, st.works,
                st.citations, st.trials, st.documents);
  return buf;
}

bool DecodeCounts(const std::string& s, Stats* st) {
  uint64_t w = 0, c = 0, t = 0, d = 0;
  int used = 0;
  if (std::sscanf(s.c_str(), "%" SCNu64 " %" SCNu64 " %" SCNu64 " %" SCNu64 "%n", &w, &c, &t, &d,
                  &used) != 4 ||
      static_cast<size_t>(used) != s.size()) {
    return false;
  }
  st->works = w;
  st->citations = c;
  st->trials = t;
  st->documents = d;
  return true;
}

uint64_t SourceDocuments(std::string_view record) {
  // Only the count is read, not the source's list of contributions.
  Json j = ParseJsonFields(record, {"documents"});
  if (!j.is_discarded() && j.contains("documents") && j["documents"].is_number_unsigned()) {
    return j["documents"].get<uint64_t>();
  }
  return 0;
}

Status KnowledgeBase::CountRecords(Stats* st) const {
  st->works = st->citations = st->trials = st->documents = 0;
  auto count = [&](const char* cf, uint64_t* out) {
    return Scan(cf, "", [&](std::string_view, std::string_view) {
      ++*out;
      return true;
    });
  };
  CKB_RETURN_IF_ERROR(count(kCfWorks, &st->works));
  CKB_RETURN_IF_ERROR(count(kCfEdges, &st->citations));
  CKB_RETURN_IF_ERROR(count(kCfTrials, &st->trials));
  return Scan(kCfSources, "", [&](std::string_view, std::string_view v) {
    st->documents += SourceDocuments(v);
    return true;
  });
}

Result<bool> KnowledgeBase::StoredCounts(Stats* st) const {
  std::string stored;
  rocksdb::Status s = rep_->db->Get(rocksdb::ReadOptions(), rep_->Cf(kCfMeta), kMetaCounts, &stored);
  if (s.IsNotFound()) return false;
  if (!s.ok()) return FromRocks(s, "reading the record counts");
  return DecodeCounts(stored, st);
}

Status KnowledgeBase::CountChanges(const Batch& batch, Stats* counts) const {
  struct Counted {
    const char* cf;
    uint64_t* count;
    bool documents;  // counts the documents of each record, not records
  };
  const Counted counted[] = {{kCfWorks, &counts->works, false},
                             {kCfEdges, &counts->citations, false},
                             {kCfTrials, &counts->trials, false},
                             {kCfSources, &counts->documents, true}};
  // Column families in batches of this many keys: bounded memory for the
  // values read back (a source record can be large).
  constexpr size_t kChunk = 1024;
  for (const Counted& c : counted) {
    rocksdb::ColumnFamilyHandle* handle = rep_->Cf(c.cf);
    auto it = batch.pending_.lower_bound({c.cf, ""});
    while (it != batch.pending_.end() && it->first.first == c.cf) {
      std::vector<rocksdb::Slice> keys;
      std::vector<const std::optional<std::string>*> values;
      for (; it != batch.pending_.end() && it->first.first == c.cf && keys.size() < kChunk; ++it) {
        keys.emplace_back(it->first.second);
        values.push_back(&it->second);
      }
      std::vector<rocksdb::PinnableSlice> old(keys.size());
      std::vector<rocksdb::Status> st(keys.size());
      rep_->db->MultiGet(rocksdb::ReadOptions(), handle, keys.size(), keys.data(), old.data(),
                         st.data(), /*sorted_input=*/true);
      int64_t delta = 0;
      for (size_t i = 0; i < keys.size(); ++i) {
        if (!st[i].ok() && !st[i].IsNotFound()) return FromRocks(st[i], "counting records");
        bool had = st[i].ok();
        const std::optional<std::string>& now = *values[i];
        if (c.documents) {
          if (had) delta -= static_cast<int64_t>(SourceDocuments({old[i].data(), old[i].size()}));
          if (now) delta += static_cast<int64_t>(SourceDocuments(*now));
        } else {
          delta += (now ? 1 : 0) - (had ? 1 : 0);
        }
      }
      // Never below zero, whatever a damaged count said before.
      *c.count = delta < 0 && static_cast<uint64_t>(-delta) > *c.count
                     ? 0
                     : static_cast<uint64_t>(static_cast<int64_t>(*c.count) + delta);
    }
  }
  return Status::Ok();
}

Status KnowledgeBase::Recount() {
  if (!rep_->write) return Status::ReadOnly("knowledge base opened read-only");
  Stats st;
  CKB_RETURN_IF_ERROR(CountRecords(&st));
  rocksdb::WriteOptions wo;
  wo.sync = true;
  CKB_RETURN_IF_ERROR(FromRocks(rep_->db->Put(wo, rep_->Cf(kCfMeta), kMetaCounts, EncodeCounts(st)),
                                "storing the record counts"));
  rep_->counts = st;
  return Status::Ok();
}

}  // namespace ckb::kb
