// SPDX-License-Identifier: GPL-3.0-or-later
// Opening, locking, reading and committing a knowledge base (see kb/kb.h for
// the commit protocol).
#include "kb/kb.h"

#include <fcntl.h>
#include <sys/file.h>
#include <sys/stat.h>
#include <sys/statvfs.h>
#include <unistd.h>

#include <rocksdb/cache.h>
#include <rocksdb/filter_policy.h>
#include <rocksdb/table.h>

#include <algorithm>
#include <cerrno>
#include <chrono>
#include <cstring>
#include <fstream>
#include <random>
#include <set>
#include <thread>

#include "kb/internal/rep.h"
#include "kb/keys.h"
#include "kb/terms.h"

namespace ckb::kb {
namespace {

std::string NewInstanceId() {
  std::random_device rd;
  char buf[40];
  std::snprintf(buf, sizeof buf, "%08x%08x%08x%08x", rd(), rd(), rd(), rd());
  return buf;
}

Status MakeDirs(const std::string& dir) {
  std::string cur;
  for (size_t i = 0; i <= dir.size(); ++i) {
    if (i == dir.size() || dir[i] == '/') {
      if (!cur.empty() && ::mkdir(cur.c_str(), 0755) != 0 && errno != EEXIST) {
        if (errno == EROFS || errno == EACCES) {
          return Status::ReadOnly("cannot create " + cur + ": " + std::strerror(errno));
        }
        return Status::IOError("cannot create " + cur + ": " + std::strerror(errno));
      }
    }
    if (i < dir.size()) cur.push_back(dir[i]);
  }
  return Status::Ok();
}

Status TakeWriterLock(const std::string& dir, int* fd_out) {
  std::string path = dir + "/writer.lock";
  int fd = ::open(path.c_str(), O_RDWR | O_CREAT | O_CLOEXEC, 0644);
  if (fd < 0) {
    if (errno == EROFS || errno == EACCES || errno == EPERM) {
      return Status::ReadOnly("knowledge base " + dir + " is not writable: " + std::strerror(errno));
    }
    return Status::IOError("cannot open " + path + ": " + std::strerror(errno));
  }
  if (::flock(fd, LOCK_EX | LOCK_NB) != 0) {
    char buf[32] = {0};
    ssize_t n = ::pread(fd, buf, sizeof buf - 1, 0);
    ::close(fd);
    std::string pid = n > 0 ? std::string(buf, static_cast<size_t>(n)) : "unknown";
    while (!pid.empty() && (pid.back() == '\n' || pid.back() == ' ')) pid.pop_back();
    return Status::Busy("knowledge base " + dir + " is locked by another writer (pid " + pid + ")");
  }
  std::string pid = std::to_string(::getpid()) + "\n";
  // Overwrite, then cut: the file never reads empty to a waiting writer.
  if (::pwrite(fd, pid.data(), pid.size(), 0) < 0 ||
      ::ftruncate(fd, static_cast<off_t>(pid.size())) != 0) {
    // The lock is held; the pid is only informative.
  }
  *fd_out = fd;
  return Status::Ok();
}

// Table format of every column family: blocks with Bloom filters. A reader
// keeps index and filter blocks in its block cache, read when a lookup first
// needs them, instead of reading them for up to 16 table files at open (most
// of a one-query process's open at 108k works); the cache keeps them for
// long-running readers (`search --batch`).
std::shared_ptr<rocksdb::TableFactory> TableFactory(bool reader) {
  rocksdb::BlockBasedTableOptions t;
  t.filter_policy.reset(rocksdb::NewBloomFilterPolicy(10));
  if (reader) {
    t.cache_index_and_filter_blocks = true;
    t.block_cache = rocksdb::NewLRUCache(size_t{64} << 20);
  }
  return std::shared_ptr<rocksdb::TableFactory>(rocksdb::NewBlockBasedTableFactory(t));
}

// Readers log nothing: each read-only open would otherwise create and
// rotate an info log file next to the data.
class NullLogger : public rocksdb::Logger {
 public:
  using rocksdb::Logger::Logv;
  void Logv(const char*, va_list) override {}
};

// The environment of readers: a read-only store never flushes or compacts,
// so it starts no background threads (RocksDB would start two per process).
class ReaderEnv : public rocksdb::EnvWrapper {
 public:
  ReaderEnv() : rocksdb::EnvWrapper(rocksdb::Env::Default()) {}
  const char* Name() const override { return "ckb-reader"; }
  void IncBackgroundThreadsIfNeeded(int, Priority) override {}
};

// Options of a reader: opening is most of a one-query process, so skip what
// only a writer needs (statistics and size checks of every table file,
// background threads, threads to open files, the info log). RocksDB opens
// min(16, cache capacity / 4) table files while opening when its table cache
// cannot hold them all: 16 with max_open_files 256; 2 with 20, RocksDB's
// least (a cache of 10 tables), enough for a few lookups before exit.
rocksdb::Options ReaderOptions(bool few_reads) {
  static ReaderEnv* env = new ReaderEnv();  // never destroyed: used until exit
  rocksdb::Options o;
  o.env = env;
  o.paranoid_checks = true;
  o.max_open_files = few_reads ? 20 : 256;
  o.skip_stats_update_on_db_open = true;
  o.skip_checking_sst_file_sizes_on_db_open = true;
  o.max_file_opening_threads = 1;
  o.info_log = std::make_shared<NullLogger>();
  o.table_factory = TableFactory(true);
  return o;
}

// Size of the record store's current manifest (0 when unknown). Every flush
// and compaction appends an edit to it, and every reader replays it at open.
uint64_t ManifestBytes(const std::string& dir) {
  std::ifstream in(dir + "/rocksdb/CURRENT");
  std::string name;
  if (!std::getline(in, name) || name.empty()) return 0;
  struct stat st;
  if (::stat((dir + "/rocksdb/" + name).c_str(), &st) != 0) return 0;
  return static_cast<uint64_t>(st.st_size);
}

Status OpenRocks(KnowledgeBase::Rep* rep, bool write, bool create);

// Level-0 compaction triggers of the record store. While a writer adds
// records, level 0 may hold up to kIngestLevel0Trigger table files before
// they are compacted: works, contributions and trials have keys spread over
// the whole key space, so each level-0 compaction rewrites (and compresses
// with ZSTD) the whole bottom level, and RocksDB's default of 4 files made
// compaction a sixth of the CPU of indexing 108k records (35 s of 186 s; 11
// s with 32). Before it closes, a writer settles the store back to
// RocksDB's default (Rep::SettleRecords), since every lookup of a reader
// checks each level-0 file.
constexpr int kIngestLevel0Trigger = 32;
constexpr int kSettledLevel0Trigger = 4;

rocksdb::Options RocksOptions(bool create) {
  rocksdb::Options o;
  o.level0_file_num_compaction_trigger = kIngestLevel0Trigger;
  o.level0_slowdown_writes_trigger = kIngestLevel0Trigger * 3 / 2;
  o.level0_stop_writes_trigger = kIngestLevel0Trigger * 2;
  o.create_if_missing = create;
  o.create_missing_column_families = create;
  o.paranoid_checks = true;
  o.compression = rocksdb::kLZ4Compression;
  o.bottommost_compression = rocksdb::kZSTD;
  o.max_open_files = 256;
  o.keep_log_file_num = 3;
  o.IncreaseParallelism(2);
  // Memtables share one budget across the column families, which keeps the
  // writer's memory flat however much is indexed.
  o.db_write_buffer_size = size_t{64} << 20;
  // RocksDB reserves 4 MiB for each new manifest by default; on a nearly
  // full disk that reservation alone can leave too little room for the
  // free-space check of the first batch.
  o.manifest_preallocation_size = size_t{64} << 10;
  o.write_buffer_size = size_t{16} << 20;
  o.max_write_buffer_number = 2;
  o.table_factory = TableFactory(false);
  return o;
}

}  // namespace

// ---- Batch ----

void Batch::Put(const std::string& cf, const std::string& key, std::string value) {
  bytes_ += key.size() + value.size() + 16;
  pending_[{cf, key}] = std::move(value);
}

void Batch::Delete(const std::string& cf, const std::string& key) {
  bytes_ += key.size() + 16;
  pending_[{cf, key}] = std::nullopt;
}

// ---- KnowledgeBase ----

KnowledgeBase::KnowledgeBase(std::unique_ptr<Rep> rep) : rep_(std::move(rep)) {}

KnowledgeBase::~KnowledgeBase() { Close().IgnoreError(); }  // Errors were reported by Close().

const std::string& KnowledgeBase::dir() const { return rep_->dir; }
bool KnowledgeBase::writable() const { return rep_->write; }
uint64_t KnowledgeBase::generation() const { return rep_->gen; }

void KnowledgeBase::SetCommitObserver(std::function<void(uint64_t)> fn) {
  rep_->on_commit = std::move(fn);
}

void KnowledgeBase::Rep::CloseRocks() {
  if (!db) return;
  for (auto* h : handles) db->DestroyColumnFamilyHandle(h).PermitUncheckedError();
  handles.clear();
  cf.clear();
  db->Close().PermitUncheckedError();
  db.reset();
}

void KnowledgeBase::Rep::CloseStores() {
  if (wdb) {
    try {
      wdb->close();
    } catch (const Xapian::Error&) {
      // Everything acknowledged was committed; nothing is lost here.
    }
    wdb.reset();
  }
  rdb.reset();
  CloseRocks();
  if (lock_fd >= 0) {
    ::close(lock_fd);
    lock_fd = -1;
  }
}

void KnowledgeBase::Rep::SettleRecords() {
  if (settling || !db) return;
  settling = true;
  const std::string trigger = std::to_string(kSettledLevel0Trigger);
  for (const auto& [name, h] : cf) {
    // A failure leaves more level-0 files for readers, nothing worse.
    db->SetOptions(h, {{"level0_file_num_compaction_trigger", trigger}}).PermitUncheckedError();
  }
}

Status KnowledgeBase::Rep::FlushAll() {
  rocksdb::FlushOptions fo;
  fo.wait = true;
  return FromRocks(db->Flush(fo, AllHandles()), "flushing records");
}

Status KnowledgeBase::Close() {
  if (!rep_) return Status::Ok();
  Status result;
  // Below a quarter of the free-space threshold nothing more is written: the
  // records are durable in the write-ahead log, a later writer catches the
  // index up, and Debian's RocksDB aborts when a flush meets a full disk.
  bool space = !rep_->write || CheckFreeSpace(rep_->dir, rep_->min_free_bytes / 4, "").ok();
  if (space && rep_->write && rep_->defer_index && rep_->wdb && rep_->index_gen != rep_->gen) {
    result = CatchUpIndex();
    space = CheckFreeSpace(rep_->dir, rep_->min_free_bytes / 4, "").ok();
  }
  if (rep_->wdb) {
    // Everything was committed in transactions; close without further writes.
    Status cs = XapianCall("closing index", [&] { rep_->wdb->close(); });
    if (result.ok()) result = cs;
    rep_->wdb.reset();
  }
  if (space && rep_->write && rep_->db) {
    // Flush the memtables so that readers opening later find the records in
    // table files instead of replaying a long write-ahead log.
    Status fs = rep_->FlushAll();
    if (result.ok()) result = fs;
    // Compact level 0 down to RocksDB's default trigger and let those
    // compactions finish (at most a minute): closing cancels them, and a
    // reader facing level-0 files above the trigger checks each of them on
    // every lookup (query p50 3-4 times slower at 108k works than after the
    // compaction).
    if (fs.ok()) {
      rep_->SettleRecords();
      for (int i = 0; i < 1200; ++i) {
        uint64_t pending = 0, running = 0;
        rep_->db->GetAggregatedIntProperty(rocksdb::DB::Properties::kCompactionPending, &pending);
        rep_->db->GetAggregatedIntProperty(rocksdb::DB::Properties::kNumRunningCompactions, &running);
        if (pending == 0 && running == 0) break;
        std::this_thread::sleep_for(std::chrono::milliseconds(50));
      }
    }
    // A writer whose flushes and compactions appended more to the manifest
    // than the state it started from opens the store once more: RocksDB
    // starts each writer's manifest with the current state alone, so readers
    // replay that instead of the whole history (at 108k works a 24 KB
    // manifest becomes 6 KB: 1.3 M of the 18 M instructions of a one-query
    // process).
    // Everything is durable already; a failure here costs readers time only.
    if (fs.ok() && ManifestBytes(rep_->dir) > 2 * rep_->manifest_bytes_at_open + 4096) {
      rep_->CloseRocks();
      if (OpenRocks(rep_.get(), true, false).ok()) rep_->CloseRocks();
    }
  }
  rep_->CloseStores();
  return result;
}

uint64_t DefaultMinFreeBytes() {
  if (const char* m = std::getenv("CKB_MIN_FREE_MB"); m != nullptr && *m != '\0') {
    return std::strtoull(m, nullptr, 10) << 20;
  }
  return uint64_t{256} << 20;
}

Status CheckFreeSpace(const std::string& dir, uint64_t need, const std::string& what) {
  struct statvfs st;
  if (::statvfs(dir.c_str(), &st) != 0) return Status::Ok();
  uint64_t avail = static_cast<uint64_t>(st.f_bavail) * st.f_frsize;
  if (avail < need) {
    return Status::IOError("disk full: " + std::to_string(avail >> 20) + " MiB free under " + dir +
                           ", " + std::to_string((need + (1 << 20) - 1) >> 20) + " MiB needed " +
                           what + " (No space left on device)");
  }
  return Status::Ok();
}

namespace {

Status OpenRocks(KnowledgeBase::Rep* rep, bool write, bool create) {
  std::string path = rep->dir + "/rocksdb";
  rocksdb::Options opts = write ? RocksOptions(create) : ReaderOptions(rep->few_reads);
  // A reader opens the column families that exist: a knowledge base written
  // before a column family was added reads it as empty (the first writer
  // creates it).
  // A reader may ask for some column families only (meta always).
  auto wanted = [&](const std::string& n) {
    const auto& only = rep->reader_cfs;
    return write || only.empty() || n == kCfMeta || std::find(only.begin(), only.end(), n) != only.end();
  };
  std::vector<std::string> names;
  for (const auto& n : AllColumnFamilies()) {
    if (wanted(n)) names.push_back(n);
  }
  auto open = [&](const std::vector<std::string>& cf_names, rocksdb::DB** raw) {
    std::vector<rocksdb::ColumnFamilyDescriptor> cfds;
    cfds.emplace_back(rocksdb::kDefaultColumnFamilyName, rocksdb::ColumnFamilyOptions(opts));
    for (const auto& name : cf_names) cfds.emplace_back(name, rocksdb::ColumnFamilyOptions(opts));
    rep->handles.clear();
    if (write) return rocksdb::DB::Open(rocksdb::DBOptions(opts), path, cfds, &rep->handles, raw);
    return rocksdb::DB::OpenForReadOnly(rocksdb::DBOptions(opts), path, cfds, &rep->handles, raw);
  };
  rocksdb::DB* raw = nullptr;
  // Readers try every column family first (one pass over the manifest) and
  // list the existing ones only when that fails.
  rocksdb::Status s = open(names, &raw);
  if (!write && !s.ok()) {
    std::vector<std::string> existing;
    if (rocksdb::DB::ListColumnFamilies(rocksdb::DBOptions(opts), path, &existing).ok()) {
      std::set<std::string> have(existing.begin(), existing.end());
      std::vector<std::string> present;
      for (const auto& n : names) {
        if (have.count(n)) present.push_back(n);
      }
      // Only when the store is not a different thing altogether.
      if (present.size() + 2 >= names.size()) names = std::move(present);
    }
    s = open(names, &raw);
  }
  if (!s.ok()) {
    if (!write && s.IsInvalidArgument()) {
      return Status::NotFound("no knowledge base at " + rep->dir + " (run `ckb index` first)");
    }
    if (!write && s.IsIOError() && s.ToString().find("No such file") != std::string::npos) {
      return Status::NotFound("no knowledge base at " + rep->dir + " (run `ckb index` first)");
    }
    return FromRocks(s, "opening " + path);
  }
  rep->db.reset(raw);
  rep->cf.clear();
  // Missing column families read from the default one, which holds nothing;
  // those a reader chose not to open stay out of the map.
  for (const auto& name : AllColumnFamilies()) {
    if (wanted(name)) rep->cf[name] = rep->handles[0];
  }
  for (size_t i = 1; i < rep->handles.size(); ++i) rep->cf[names[i - 1]] = rep->handles[i];
  return Status::Ok();
}


// Refuses a knowledge base whose index exists but whose record store does
// not: records are never rebuilt from the index.
Status CheckRecordStore(const std::string& dir) {
  struct stat st;
  if (ReadIndexPointer(dir).empty() || ::stat((dir + "/rocksdb/CURRENT").c_str(), &st) == 0) {
    return Status::Ok();
  }
  return Status::Corruption("knowledge base " + dir +
                            ": the record store (rocksdb/) is missing but an index exists; the "
                            "records cannot be recovered from the index (restore a backup)");
}

std::string GetMeta(KnowledgeBase::Rep* rep, const char* key) {
  std::string v;
  rocksdb::Status s = rep->db->Get(rocksdb::ReadOptions(), rep->Cf(kCfMeta), key, &v);
  // A reader's view can lose a table file to the writer's compaction: reopen.
  for (int attempt = 0; s.IsIOError() && !rep->write && attempt < 3; ++attempt) {
    rep->CloseRocks();
    if (!OpenRocks(rep, false, false).ok()) break;
    s = rep->db->Get(rocksdb::ReadOptions(), rep->Cf(kCfMeta), key, &v);
  }
  return s.ok() ? v : "";
}

}  // namespace

Result<std::unique_ptr<KnowledgeBase>> KnowledgeBase::Open(const std::string& dir,
                                                           const OpenOptions& options) {
  if (options.write) return OpenOnce(dir, options);
  // A reader opens the index first, then the records. A writer committing
  // at the same moment can make the pair look inconsistent (files of the
  // record store replaced while they are listed; the index already a
  // generation further): readers never repair, they open again.
  Result<std::unique_ptr<KnowledgeBase>> r = OpenOnce(dir, options);
  for (int attempt = 1; attempt <= 8 && !r.ok(); ++attempt) {
    if (ReadIndexPointer(dir).empty()) break;  // truly no knowledge base
    Status::Code c = r.status().code();
    if (c != Status::Code::kNotFound && c != Status::Code::kIOError &&
        c != Status::Code::kCorruption) {
      break;
    }
    std::this_thread::sleep_for(std::chrono::milliseconds(10 * attempt));
    r = OpenOnce(dir, options);
  }
  return r;
}

Result<std::unique_ptr<KnowledgeBase>> KnowledgeBase::OpenOnce(const std::string& dir,
                                                               const OpenOptions& options) {
  auto rep = std::make_unique<Rep>();
  rep->dir = dir;
  rep->write = options.write;
  rep->min_free_bytes = options.min_free_bytes;
  rep->defer_index = options.write && options.defer_index;
  rep->index_threads = options.index_threads > 0 ? options.index_threads : DefaultThreads();
  if (!options.write) rep->reader_cfs = options.column_families;
  rep->few_reads = !options.write && options.few_reads;
  if (options.write) {
    if (options.create) CKB_RETURN_IF_ERROR(MakeDirs(dir));
    CKB_RETURN_IF_ERROR(TakeWriterLock(dir, &rep->lock_fd));
    CKB_RETURN_IF_ERROR(CheckFreeSpace(dir, options.min_free_bytes, "to open for writing"));
    CKB_RETURN_IF_ERROR(CheckRecordStore(dir));
    CKB_RETURN_IF_ERROR(OpenRocks(rep.get(), true, options.create));
    rep->manifest_bytes_at_open = ManifestBytes(dir);
    rocksdb::WriteOptions wo;
    wo.sync = true;
    rep->instance = GetMeta(rep.get(), kMetaInstance);
    if (rep->instance.empty()) {
      if (ReadIndexPointer(dir).size() > 0) {
        return Status::Corruption("knowledge base " + dir +
                                  ": the record store is missing or empty but an index exists; "
                                  "refusing to rebuild records from the index");
      }
      rep->instance = NewInstanceId();
      rocksdb::WriteBatch wb;
      wb.Put(rep->Cf(kCfMeta), kMetaInstance, rep->instance);
      wb.Put(rep->Cf(kCfMeta), kMetaSchema, kSchemaVersion);
      wb.Put(rep->Cf(kCfMeta), kMetaGen, "0");
      wb.Put(rep->Cf(kCfMeta), kMetaCounts, EncodeCounts(Stats()));
      CKB_RETURN_IF_ERROR(FromRocks(rep->db->Write(wo, &wb), "initialising " + dir));
    }
    rep->gen = ParseGen(GetMeta(rep.get(), kMetaGen));
    rep->index_name = ReadIndexPointer(dir);
    if (rep->index_name.empty()) {
      CKB_RETURN_IF_ERROR(OpenFirstIndex(rep.get()));
    } else {
      std::string ipath = dir + "/" + rep->index_name;
      CKB_RETURN_IF_ERROR(XapianCall("opening index " + ipath, [&] {
        rep->wdb = std::make_unique<Xapian::WritableDatabase>(ipath, Xapian::DB_CREATE_OR_OPEN);
      }));
    }
  } else {
    rep->index_name = ReadIndexPointer(dir);
    if (rep->index_name.empty()) {
      return Status::NotFound("no knowledge base at " + dir + " (run `ckb index` first)");
    }
    CKB_RETURN_IF_ERROR(CheckRecordStore(dir));
    std::string ipath = dir + "/" + rep->index_name;
    Status xs = XapianCall("opening index " + ipath, [&] {
      rep->rdb = std::make_unique<Xapian::Database>(ipath);
    });
    if (!xs.ok()) {
      // A rebuild may have switched directories between reading the pointer
      // and opening; try the new one once.
      std::string again = ReadIndexPointer(dir);
      if (again.empty() || again == rep->index_name) {
        std::string m = xs.message() + "; run `ckb rebuild-index` if the index is damaged";
        return xs.code() == Status::Code::kCorruption ? Status::Corruption(m) : Status::IOError(m);
      }
      rep->index_name = again;
      ipath = dir + "/" + again;
      CKB_RETURN_IF_ERROR(XapianCall("opening index " + ipath, [&] {
        rep->rdb = std::make_unique<Xapian::Database>(ipath);
      }));
    }
    CKB_RETURN_IF_ERROR(OpenRocks(rep.get(), false, false));
    rep->instance = GetMeta(rep.get(), kMetaInstance);
    rep->gen = ParseGen(GetMeta(rep.get(), kMetaGen));
  }
  std::unique_ptr<KnowledgeBase> kb(new KnowledgeBase(std::move(rep)));
  if (options.write && !DecodeCounts(GetMeta(kb->rep_.get(), kMetaCounts), &kb->rep_->counts)) {
    // A store written before the counts were kept: counted once.
    CKB_RETURN_IF_ERROR(kb->Recount());
  }
  CKB_RETURN_IF_ERROR(kb->Recover());
  return kb;
}

Result<std::unique_ptr<KnowledgeBase>> KnowledgeBase::OpenForRebuild(const std::string& dir) {
  auto rep = std::make_unique<Rep>();
  rep->dir = dir;
  rep->write = true;
  rep->min_free_bytes = DefaultMinFreeBytes();
  rep->index_threads = DefaultThreads();
  CKB_RETURN_IF_ERROR(TakeWriterLock(dir, &rep->lock_fd));
  CKB_RETURN_IF_ERROR(CheckRecordStore(dir));
  CKB_RETURN_IF_ERROR(CheckFreeSpace(dir, rep->min_free_bytes, "to rebuild the index"));
  CKB_RETURN_IF_ERROR(OpenRocks(rep.get(), true, false));
  rep->instance = GetMeta(rep.get(), kMetaInstance);
  if (rep->instance.empty()) {
    return Status::Corruption("knowledge base " + dir + ": the record store is empty or missing; "
                              "the index cannot be rebuilt from nothing");
  }
  rep->gen = ParseGen(GetMeta(rep.get(), kMetaGen));
  DecodeCounts(GetMeta(rep.get(), kMetaCounts), &rep->counts);
  rep->index_name = ReadIndexPointer(dir);
  return std::unique_ptr<KnowledgeBase>(new KnowledgeBase(std::move(rep)));
}

Status KnowledgeBase::Rep::Refresh() {
  if (write) return Status::Ok();
  std::string name = ReadIndexPointer(dir);
  if (!name.empty() && name != index_name) {
    std::string ipath = dir + "/" + name;
    CKB_RETURN_IF_ERROR(XapianCall("opening index " + ipath, [&] {
      rdb = std::make_unique<Xapian::Database>(ipath);
    }));
    index_name = name;
  } else {
    CKB_RETURN_IF_ERROR(XapianCall("reopening index", [&] { rdb->reopen(); }));
  }
  if (shards_db) {
    CKB_RETURN_IF_ERROR(XapianCall("reopening the index shards", [&] { shards_db->reopen(); }));
    for (auto& shard : shard_kbs) CKB_RETURN_IF_ERROR(shard->rep_->RefreshRecords());
  }
  return RefreshRecords();
}

Status KnowledgeBase::Rep::RefreshRecords() {
  if (write) return Status::Ok();
  CloseRocks();
  CKB_RETURN_IF_ERROR(OpenRocks(this, false, false));
  instance = GetMeta(this, kMetaInstance);
  gen = ParseGen(GetMeta(this, kMetaGen));
  return Status::Ok();
}

}  // namespace ckb::kb
