// SPDX-License-Identifier: GPL-3.0-or-later
// The two-store commit protocol: one synced RocksDB write carrying the
// records, the outbox entry log/<G> and gen=G; then one Xapian transaction
// applying the outbox and stamping kb:gen=G. Recovery replays the outbox
// when the index is behind.
#include <sys/statvfs.h>

#include <algorithm>

#include "kb/fault.h"
#include "kb/internal/rep.h"
#include "kb/keys.h"
#include "kb/kb.h"
#include "kb/terms.h"

namespace ckb::kb {
namespace {

constexpr uint64_t kOutboxKeep = 16;

uint64_t ParseGen(const std::string& s) {
  return s.empty() ? 0 : std::strtoull(s.c_str(), nullptr, 10);
}

Status CheckSpaceFor(const std::string& dir, uint64_t min_free, uint64_t batch_bytes) {
  struct statvfs st;
  if (::statvfs(dir.c_str(), &st) != 0) return Status::Ok();
  uint64_t avail = static_cast<uint64_t>(st.f_bavail) * st.f_frsize;
  uint64_t need = std::max<uint64_t>(min_free, 3 * batch_bytes);
  if (avail < need) {
    return Status::IOError("disk full: " + std::to_string(avail >> 20) + " MiB free under " + dir +
                           ", " + std::to_string(need >> 20) +
                           " MiB needed; nothing of this batch was written (No space left on device)");
  }
  return Status::Ok();
}

}  // namespace

Status KnowledgeBase::ApplyToIndex(uint64_t gen, const std::vector<std::string>& ids) {
  Xapian::WritableDatabase& db = *rep_->wdb;
  return XapianCall("updating index", [&] {
    db.begin_transaction(false);
    try {
      if (db.get_metadata(terms::kMetaInstance).empty()) {
        db.set_metadata(terms::kMetaInstance, rep_->instance);
        db.set_metadata(terms::kMetaSchema, kSchemaVersion);
      }
      for (const std::string& id : ids) {
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
      FaultPoint("mid-index");
      db.set_metadata(terms::kMetaGen, std::to_string(gen));
      db.commit_transaction();
    } catch (...) {
      if (db.get_metadata(terms::kMetaGen) != std::to_string(gen)) {
        try {
          db.cancel_transaction();
        } catch (...) {
        }
      }
      throw;
    }
  });
}

Status KnowledgeBase::Commit(Batch& batch) {
  if (!rep_->write) return Status::ReadOnly("knowledge base opened read-only");
  if (batch.empty()) return Status::Ok();
  CKB_RETURN_IF_ERROR(CheckSpaceFor(rep_->dir, rep_->min_free_bytes / 4, batch.bytes_));
  uint64_t gen = rep_->gen + 1;
  std::vector<std::string> ids;
  ids.reserve(batch.touched_.size());
  for (const auto& [id, unused] : batch.touched_) ids.push_back(id);

  rocksdb::WriteBatch wb;
  for (const auto& [key, value] : batch.pending_) {
    rocksdb::ColumnFamilyHandle* cf = rep_->Cf(key.first);
    rocksdb::Status s = value ? wb.Put(cf, key.second, *value) : wb.Delete(cf, key.second);
    CKB_RETURN_IF_ERROR(FromRocks(s, "preparing batch"));
  }
  Json outbox = ids;
  CKB_RETURN_IF_ERROR(FromRocks(wb.Put(rep_->Cf(kCfLog), GenKey(gen), Dump(outbox)), "outbox"));
  CKB_RETURN_IF_ERROR(FromRocks(wb.Put(rep_->Cf(kCfMeta), kMetaGen, std::to_string(gen)), "gen"));
  rocksdb::WriteOptions wo;
  wo.sync = true;
  FaultPoint("before-records");
  CKB_RETURN_IF_ERROR(FromRocks(rep_->db->Write(wo, &wb), "committing records"));
  rep_->gen = gen;
  batch.pending_.clear();
  batch.touched_.clear();
  batch.bytes_ = 0;
  FaultPoint("after-records");
  CKB_RETURN_IF_ERROR(ApplyToIndex(gen, ids));
  FaultPoint("after-index");
  // Keep the last kOutboxKeep outbox entries so that an index restored a few
  // generations back can still be brought up to date; losing this delete is
  // harmless.
  if (gen > kOutboxKeep) {
    rep_->db->Delete(rocksdb::WriteOptions(), rep_->Cf(kCfLog), GenKey(gen - kOutboxKeep))
        .PermitUncheckedError();
  }
  return Status::Ok();
}

Status KnowledgeBase::Recover() {
  uint64_t gx = 0;
  std::string inst_x;
  CKB_RETURN_IF_ERROR(XapianCall("reading index", [&] {
    gx = ParseGen(rep_->Index().get_metadata(terms::kMetaGen));
    inst_x = rep_->Index().get_metadata(terms::kMetaInstance);
  }));
  uint64_t gr = rep_->gen;
  if (!inst_x.empty() && inst_x != rep_->instance) {
    return Status::Corruption("knowledge base " + rep_->dir +
                              ": the index belongs to another knowledge base (instance " + inst_x +
                              ", records " + rep_->instance + "); run `ckb rebuild-index`");
  }
  if (gx > gr) {
    return Status::Corruption("knowledge base " + rep_->dir + ": the index (generation " +
                              std::to_string(gx) + ") is ahead of the records (generation " +
                              std::to_string(gr) + "); run `ckb rebuild-index`");
  }
  if (gx == gr || !rep_->write) return Status::Ok();
  // Replay every outbox entry after the index's generation in one transaction.
  std::vector<std::string> ids;
  uint64_t last = gx;
  uint64_t entries = 0;
  CKB_RETURN_IF_ERROR(Scan(kCfLog, "", [&](std::string_view k, std::string_view v) {
    uint64_t g = GenFromKey(k);
    if (g <= gx || g > gr) return true;
    ++entries;
    Json j = ParseJson(v);
    if (j.is_array()) {
      for (const auto& id : j) {
        if (id.is_string()) ids.push_back(id.get<std::string>());
      }
    }
    last = std::max(last, g);
    return true;
  }));
  if (last != gr || entries != gr - gx) {
    return Status::Corruption("knowledge base " + rep_->dir + ": the index is at generation " +
                              std::to_string(gx) + " and the outbox does not reach generation " +
                              std::to_string(gr) + "; run `ckb rebuild-index`");
  }
  std::sort(ids.begin(), ids.end());
  ids.erase(std::unique(ids.begin(), ids.end()), ids.end());
  FaultPoint("during-replay");
  return ApplyToIndex(gr, ids);
}

}  // namespace ckb::kb
