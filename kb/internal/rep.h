// SPDX-License-Identifier: GPL-3.0-or-later
// Private state of a KnowledgeBase, shared by the kb/*.cc files.
#pragma once

#include <rocksdb/db.h>
#include <xapian.h>

#include <functional>
#include <cstdlib>
#include <map>
#include <memory>
#include <string>
#include <vector>

#include "kb/kb.h"

namespace ckb::kb {

struct KnowledgeBase::Rep {
  Rep() = default;
  Rep(const Rep&) = delete;
  Rep& operator=(const Rep&) = delete;
  // Releases whatever a failed or finished open holds: column family handles
  // before the RocksDB instance (Debian's RocksDB asserts otherwise), and
  // the writer lock last.
  ~Rep() { CloseStores(); }
  void CloseRocks();
  // Writer: flushes every column family's memtable and waits for it.
  Status FlushAll();
  // Writer: lowers the record store's level-0 compaction trigger from the
  // ingest setting to RocksDB's default, which starts the compactions that
  // leave readers few level-0 files (kb/kb.cc). Idempotent.
  void SettleRecords();
  void CloseStores();
  // Readers: moves both stores to their latest committed state, the index
  // first so that every document seen has its record.
  Status Refresh();
  // Readers: reopens the record store only (a newer record view than the
  // index is allowed; the reverse is not).
  Status RefreshRecords();

  std::string dir;
  bool write = false;
  int lock_fd = -1;
  uint64_t min_free_bytes = 0;
  std::unique_ptr<rocksdb::DB> db;
  std::vector<rocksdb::ColumnFamilyHandle*> handles;
  std::map<std::string, rocksdb::ColumnFamilyHandle*> cf;
  // Readers: the column families to open (OpenOptions::column_families).
  std::vector<std::string> reader_cfs;
  bool few_reads = false;  // OpenOptions::few_reads
  // Writer: the size of the record store's manifest right after opening.
  uint64_t manifest_bytes_at_open = 0;
  std::string index_name;  // current Xapian directory name, e.g. "xapian.0"
  std::unique_ptr<Xapian::WritableDatabase> wdb;
  std::unique_ptr<Xapian::Database> rdb;
  uint64_t gen = 0;
  // Writer: the generation the index is known to carry. Below `gen` after a
  // failed index update; the next commit replays the outbox first.
  uint64_t index_gen = 0;
  std::string instance;
  // Writer: the record counts as of `gen` (works, citations, trials and
  // documents of Stats), stored under meta/counts.
  Stats counts;
  std::function<void(uint64_t)> on_commit;
  // Writer: Commit() leaves the index to CatchUpIndex() (see OpenOptions).
  bool defer_index = false;
  bool settling = false;  // SettleRecords() was called
  int index_threads = 1;
  // Readers with shards (AttachShards): the union of the shards' indexes,
  // and the knowledge bases of the shards given as directories.
  std::unique_ptr<Xapian::Database> shards_db;
  std::vector<std::unique_ptr<KnowledgeBase>> shard_kbs;

  rocksdb::ColumnFamilyHandle* Cf(const std::string& name) const { return cf.at(name); }
  // The handle of every column family by name (a writer's are all distinct).
  std::vector<rocksdb::ColumnFamilyHandle*> AllHandles() const {
    std::vector<rocksdb::ColumnFamilyHandle*> all;
    for (const auto& [name, h] : cf) all.push_back(h);
    return all;
  }
  // The handle of `name`, or kInternal naming it when this reader did not
  // open it (OpenOptions::column_families).
  Result<rocksdb::ColumnFamilyHandle*> OpenedCf(const std::string& name) const {
    auto it = cf.find(name);
    if (it != cf.end()) return it->second;
    return Status::Internal("column family '" + name + "' was not opened by this reader");
  }
  const Xapian::Database& Index() const {
    return wdb ? static_cast<const Xapian::Database&>(*wdb) : *rdb;
  }
  // The index searches run over: the shards when attached, else Index().
  const Xapian::Database& SearchIndex() const { return shards_db ? *shards_db : Index(); }
};

// meta/counts: the works, citations, trials and documents of `st`.
std::string EncodeCounts(const Stats& st);
// False when `s` is not such a value (a store written before the counts
// were kept holds none).
bool DecodeCounts(const std::string& s, Stats* st);
// The number of source documents a kCfSources record counts.
uint64_t SourceDocuments(std::string_view record);

// A generation number as stored ("" is generation 0).
inline uint64_t ParseGen(const std::string& s) {
  return s.empty() ? 0 : std::strtoull(s.c_str(), nullptr, 10);
}

// Maps a RocksDB status to ours.
Status FromRocks(const rocksdb::Status& s, const std::string& context);

// Runs fn, mapping Xapian exceptions to Status (kb/ is the only place they
// are caught).
template <class Fn>
Status XapianCall(const std::string& context, Fn&& fn);

Status MapXapianError(const Xapian::Error& e, const std::string& context);
// The same from an error's type name and message (e.g. sent by a child).
Status MapXapianError(const std::string& type, const std::string& msg, const std::string& context);

template <class Fn>
Status XapianCall(const std::string& context, Fn&& fn) {
  try {
    fn();
    return Status::Ok();
  } catch (const Xapian::Error& e) {
    return MapXapianError(e, context);
  } catch (const std::exception& e) {
    return Status::Internal(context + ": " + e.what());
  }
}

// Runs a read of the index (fn may also read records) and, in a reader,
// retries it after Refresh() when the index was modified underneath
// (DatabaseModifiedError) or a record file vanished, up to kReadAttempts times.
Status ReadWithRetry(KnowledgeBase::Rep* rep, const std::string& context,
                     const std::function<void()>& fn);

// Runs fn and, in a reader, runs it again from the start after Refresh()
// when it failed with an I/O error (a record file removed by the writer's
// compaction) or a modified index, up to kReadAttempts times.
Status RetryReads(KnowledgeBase::Rep* rep, const std::function<Status()>& fn);

// How often a reader retries a read that a writer's commit overtook, and the
// pause before retry `attempt` (none before the first, then 5 ms doubling:
// about 0.6 s in all), so that a reader on a loaded machine gets between two
// commits.
inline constexpr int kReadAttempts = 9;
void PauseBeforeRetry(int attempt);

// Free space needed before opening for write, from $CKB_MIN_FREE_MB
// (mebibytes) or 256 MiB.
uint64_t DefaultMinFreeBytes();
// kIOError "disk full ... (No space left on device)" when the file system
// holding `dir` has less than `need` bytes available.
Status CheckFreeSpace(const std::string& dir, uint64_t need, const std::string& what);

// This thread's English stemmer (with a memo of recent words).
const Xapian::Stem& ThreadStemmer();
// The stemmer for snippets of query `q`: Xapian's snippet stems every word
// of the text to compare it with the query's stemmed ("Z") terms, and an
// English stem keeps the first two bytes of its word (but for one-byte stems
// such as "aed" -> "a" and for "dying" -> "die" and the like), so a word
// whose first two bytes begin no stemmed query term cannot match one and is
// not stemmed.
Xapian::Stem SnippetStemmer(const Xapian::Query& q);

// Builds the index document of a work from its stored record.
Xapian::Document BuildIndexDocument(const KnowledgeBase& kb, const std::string& id,
                                    const Json& record);

// fsync of a directory (its entries).
Status SyncDir(const std::string& path);

// How BuildIndexDirectory cuts the work (kb/index_build.cc): documents per
// shard, shards per group merged before the final merge.
struct IndexBuildShape {
  size_t shard_docs = 512;
  size_t group_shards = 64;
};

// Builds a complete index of every stored work into the new directory
// `path` (replacing anything there) with `threads` builder threads, sets the
// given metadata and syncs the result. On failure nothing is left at `path`.
// `before_final_merge`, when set, is called once the shards are built and
// before the single-threaded final merge.
Status BuildIndexDirectory(const KnowledgeBase& kb, const std::string& path, int threads,
                           const std::map<std::string, std::string>& metadata,
                           IndexBuildShape shape = IndexBuildShape(),
                           const std::function<void()>& before_final_merge = nullptr);

// Reads the current index directory name from <dir>/index.current.
std::string ReadIndexPointer(const std::string& dir);
// Atomically points <dir>/index.current at `name` (temp, fsync, rename, fsync dir).
Status WriteIndexPointer(const std::string& dir, const std::string& name);
// Writer with no index pointer yet: opens xapian.0 if it is whole, else
// makes it anew, then writes the pointer (kb/index_pointer.cc).
Status OpenFirstIndex(KnowledgeBase::Rep* rep);

}  // namespace ckb::kb
