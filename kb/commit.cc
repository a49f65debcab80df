// SPDX-License-Identifier: GPL-3.0-or-later
// The two-store commit protocol: one synced RocksDB write carrying the
// records, the outbox entry log/<G> and gen=G; then one Xapian transaction
// applying the outbox and stamping kb:gen=G. Recovery replays the outbox
// when the index is behind.
#include <algorithm>

#include "kb/test_hooks.h"
#include "kb/internal/rep.h"
#include "kb/keys.h"
#include "kb/kb.h"
#include "kb/terms.h"

namespace ckb::kb {
namespace {

constexpr uint64_t kOutboxKeep = 16;
// Ids per index transaction when applying an outbox.
constexpr size_t kApplyChunk = 2000;
// Catching up on at least this many works, and at least a third of all,
// rebuilds the whole index from the records (in parallel shards) instead of
// updating it document by document.
constexpr size_t kRebuildMinIds = 2000;

}  // namespace

Status KnowledgeBase::ApplyToIndex(uint64_t gen, const std::vector<std::string>& ids) {
  Xapian::WritableDatabase& db = *rep_->wdb;
  // Long id lists go in several transactions so that the pending changes of
  // one stay bounded; only the last stamps the generation. An interruption
  // in between leaves documents newer than the stamped generation, which a
  // replay of the same outbox rewrites identically.
  size_t done = 0;
  do {
    size_t end = std::min(ids.size(), done + kApplyChunk);
    bool last = end == ids.size();
    Status st = XapianCall("updating index", [&] {
      db.begin_transaction(true);  // flushed: commit_transaction() writes and syncs
      try {
        if (db.get_metadata(terms::kMetaInstance).empty()) {
          db.set_metadata(terms::kMetaInstance, rep_->instance);
          db.set_metadata(terms::kMetaSchema, kSchemaVersion);
        }
        // Recover() rebuilt any index of another term scheme before this,
        // so an index without the stamp is empty here.
        if (db.get_metadata(terms::kMetaTerms).empty() && db.get_doccount() == 0) {
          db.set_metadata(terms::kMetaTerms, terms::kTermScheme);
        }
        for (size_t i = done; i < end; ++i) {
          const std::string& id = ids[i];
          std::string v;
          rocksdb::Status s = rep_->db->Get(rocksdb::ReadOptions(), rep_->Cf(kCfWorks), id, &v);
          std::string qterm = std::string(terms::kId) + id;
          if (s.IsNotFound()) {
            db.delete_document(qterm);
            continue;
          }
          if (!s.ok()) throw Xapian::DatabaseError("reading record " + id + ": " + s.ToString());
          Json rec = ParseJson(v);
          if (rec.is_discarded()) throw Xapian::DatabaseError("record " + id + " is not valid JSON");
          db.replace_document(qterm, BuildIndexDocument(*this, id, rec));
        }
        hooks::FaultPoint("mid-index");
        if (last) db.set_metadata(terms::kMetaGen, std::to_string(gen));
        db.commit_transaction();
      } catch (...) {
        // Discard the partial transaction if it is still open (a failed
        // commit_transaction() has already ended it). The index keeps its
        // previous generation and is brought forward by replay.
        try {
          db.cancel_transaction();
        } catch (...) {
        }
        throw;
      }
    });
    if (!st.ok()) return st;
    done = end;
  } while (done < ids.size());
  rep_->index_gen = gen;
  PruneOutbox();
  return Status::Ok();
}

void KnowledgeBase::PruneOutbox() {
  // Keep the last kOutboxKeep outbox entries so that an index restored a few
  // generations back can still be brought up to date, and every entry the
  // index has not applied yet; losing this delete is harmless.
  uint64_t keep_from = std::min(rep_->index_gen, rep_->gen);
  if (keep_from <= kOutboxKeep) return;
  rep_->db
      ->DeleteRange(rocksdb::WriteOptions(), rep_->Cf(kCfLog), GenKey(0),
                    GenKey(keep_from - kOutboxKeep + 1))
      .PermitUncheckedError();
}

Status KnowledgeBase::CatchUpIndex() {
  if (!rep_->write) return Status::ReadOnly("knowledge base opened read-only");
  if (rep_->index_gen == rep_->gen) return Status::Ok();
  // The index may be rebuilt, which takes about as much room as the records.
  uint64_t tables = 0, memtables = 0;
  rep_->db->GetAggregatedIntProperty(rocksdb::DB::Properties::kTotalSstFilesSize, &tables);
  rep_->db->GetAggregatedIntProperty(rocksdb::DB::Properties::kCurSizeAllMemTables, &memtables);
  uint64_t records = tables + memtables;
  CKB_RETURN_IF_ERROR(CheckFreeSpace(rep_->dir, rep_->min_free_bytes / 4 + records,
                                     "to bring the index up to date; the records are committed "
                                     "and the next writer retries"));
  // Flush the memtables first, so that the compactions the flushes start
  // run during the index build rather than after it (Close waits for them).
  // A failure here is met again by the flush in Close.
  rep_->FlushAll().IgnoreError();
  return Recover();
}

Status KnowledgeBase::Commit(Batch& batch) {
  if (!rep_->write) return Status::ReadOnly("knowledge base opened read-only");
  if (batch.empty()) return Status::Ok();
  // Debian's RocksDB aborts on ENOSPC, so stop before the disk fills: a
  // quarter of the open threshold, and at least three times the batch.
  CKB_RETURN_IF_ERROR(CheckFreeSpace(
      rep_->dir, std::max<uint64_t>(rep_->min_free_bytes / 4, 3 * uint64_t{batch.bytes_}),
      "for this batch; nothing of it was written"));
  // An earlier index update of this writer failed after its records were
  // committed: bring the index up to date before stamping a later generation.
  if (!rep_->defer_index && rep_->index_gen != rep_->gen) CKB_RETURN_IF_ERROR(Recover());
  uint64_t gen = rep_->gen + 1;
  std::vector<std::string> ids;
  ids.reserve(batch.touched_.size());
  for (const auto& [id, unused] : batch.touched_) ids.push_back(id);

  // Each value is released once copied into the write batch, so the batch
  // is not held twice at its largest; from here on the batch is spent,
  // committed or not.
  // Reserved at once: grown by doubling, a chunk's batch (about 13 MB for
  // 1,000 registry records) was copied into fresh pages again and again,
  // half of the page faults of an ingest.
  // The counts GetStats reads change in the same write as the records.
  Stats counts = rep_->counts;
  CKB_RETURN_IF_ERROR(CountChanges(batch, &counts));
  rocksdb::WriteBatch wb(batch.bytes_ + 64);
  rocksdb::Status s;
  for (auto& [key, value] : batch.pending_) {
    rocksdb::ColumnFamilyHandle* cf = rep_->Cf(key.first);
    s = value ? wb.Put(cf, key.second, *value) : wb.Delete(cf, key.second);
    if (value) std::string().swap(*value);
    if (!s.ok()) break;
  }
  batch.pending_.clear();
  batch.touched_.clear();
  batch.bytes_ = 0;
  CKB_RETURN_IF_ERROR(FromRocks(s, "preparing batch"));
  Json outbox = ids;
  CKB_RETURN_IF_ERROR(FromRocks(wb.Put(rep_->Cf(kCfLog), GenKey(gen), Dump(outbox)), "outbox"));
  CKB_RETURN_IF_ERROR(FromRocks(wb.Put(rep_->Cf(kCfMeta), kMetaGen, std::to_string(gen)), "gen"));
  CKB_RETURN_IF_ERROR(FromRocks(wb.Put(rep_->Cf(kCfMeta), kMetaCounts, EncodeCounts(counts)), "counts"));
  rocksdb::WriteOptions wo;
  wo.sync = true;
  hooks::FaultPoint("before-records");
  CKB_RETURN_IF_ERROR(FromRocks(rep_->db->Write(wo, &wb), "committing records"));
  rep_->gen = gen;
  rep_->counts = counts;
  hooks::FaultPoint("after-records");
  if (!rep_->defer_index) {
    CKB_RETURN_IF_ERROR(ApplyToIndex(gen, ids));
    hooks::FaultPoint("after-index");
  }
  if (rep_->on_commit) rep_->on_commit(gen);
  return Status::Ok();
}

Status KnowledgeBase::Recover() {
  uint64_t gx = 0;
  std::string inst_x;
  std::string scheme;
  Xapian::doccount indexed = 0;
  CKB_RETURN_IF_ERROR(ReadWithRetry(rep_.get(), "reading index", [&] {
    gx = ParseGen(rep_->Index().get_metadata(terms::kMetaGen));
    inst_x = rep_->Index().get_metadata(terms::kMetaInstance);
    scheme = rep_->Index().get_metadata(terms::kMetaTerms);
    indexed = rep_->Index().get_doccount();
  }));
  uint64_t gr = rep_->gen;
  rep_->index_gen = gx;
  if (!inst_x.empty() && inst_x != rep_->instance) {
    return Status::Corruption("knowledge base " + rep_->dir +
                              ": the index belongs to another knowledge base (instance " + inst_x +
                              ", records " + rep_->instance + "); run `ckb rebuild-index`");
  }
  if (indexed > 0 && scheme != terms::kTermScheme) {
    // An index built by an earlier version with other terms: queries would
    // miss what it lacks. A writer rebuilds it from the records.
    if (rep_->write) return RebuildIndex();
    return Status::Corruption("knowledge base " + rep_->dir +
                              ": the index was built with an earlier term scheme (" +
                              (scheme.empty() ? std::string("1") : scheme) + ", now " + terms::kTermScheme +
                              "); run `ckb rebuild-index`");
  }
  if (gx > gr) {
    return Status::Corruption("knowledge base " + rep_->dir + ": the index (generation " +
                              std::to_string(gx) + ") is ahead of the records (generation " +
                              std::to_string(gr) + "); run `ckb rebuild-index`");
  }
  if (gx == gr || !rep_->write) return Status::Ok();
  // Replay every outbox entry after the index's generation in one transaction.
  std::vector<std::string> ids;
  bool complete = false;
  CKB_RETURN_IF_ERROR(OutboxIds(gx, gr, &ids, &complete));
  if (!complete) {
    return Status::Corruption("knowledge base " + rep_->dir + ": the index is at generation " +
                              std::to_string(gx) + " and the outbox does not reach generation " +
                              std::to_string(gr) + "; run `ckb rebuild-index`");
  }
  hooks::FaultPoint("during-replay");
  uint64_t works = 0;
  if (!rep_->db->GetIntProperty(rep_->Cf(kCfWorks), "rocksdb.estimate-num-keys", &works)) works = 0;
  if (ids.size() >= kRebuildMinIds && ids.size() * 3 >= works) {
    // A rebuild reads every work, not this list (64 MB for a million ids).
    std::vector<std::string>().swap(ids);
    CKB_RETURN_IF_ERROR(RebuildIndex());
    PruneOutbox();
    return Status::Ok();
  }
  return ApplyToIndex(gr, ids);
}

}  // namespace ckb::kb
