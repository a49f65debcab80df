// SPDX-License-Identifier: GPL-3.0-or-later
// Building a whole index from the record store: the works are read in key
// order and cut into shards (IndexBuildShape: 512 documents each); worker
// threads build each shard as a small Xapian database of its own (small
// B-trees stay cheap to update), and xapian-compact merges the shards, in
// key order, into the new index. The result holds the same documents as
// applying every record one by one, with document ids in record key order.
//
// Compaction holds every database it reads open at once, with buffers for
// each of its tables: merging all the shards of a million works in one go
// (1,954 of them) took 754 MiB. So each full group of shards (64 by
// default) is merged into one group database as soon as its last shard is
// built (on the builder thread that finished it, while the others go on
// building), and the final merge reads the groups plus the shards of the
// last, partial group: fewer than group_shards + shards / group_shards
// inputs.
#include <fcntl.h>
#include <unistd.h>

#include <algorithm>
#include <cerrno>
#include <cstring>
#include <condition_variable>
#include <cstdlib>
#include <deque>
#include <filesystem>
#include <mutex>
#include <optional>
#include <thread>

#include "kb/test_hooks.h"
#include "kb/internal/rep.h"
#include "kb/keys.h"

namespace ckb::kb {
namespace {

struct Chunk {
  size_t index = 0;
  std::vector<std::pair<std::string, std::string>> records;  // id, stored record
};

// A bounded hand-off from the scanning thread to the shard builders.
class ChunkQueue {
 public:
  explicit ChunkQueue(size_t capacity) : capacity_(capacity) {}

  // False when the builders have stopped (an error).
  bool Push(Chunk chunk) {
    std::unique_lock<std::mutex> lock(mu_);
    not_full_.wait(lock, [&] { return stopped_ || queue_.size() < capacity_; });
    if (stopped_) return false;
    queue_.push_back(std::move(chunk));
    not_empty_.notify_one();
    return true;
  }
  std::optional<Chunk> Pop() {
    std::unique_lock<std::mutex> lock(mu_);
    not_empty_.wait(lock, [&] { return stopped_ || closed_ || !queue_.empty(); });
    if (stopped_ || queue_.empty()) return std::nullopt;
    Chunk c = std::move(queue_.front());
    queue_.pop_front();
    not_full_.notify_one();
    return c;
  }
  void Close() {
    std::lock_guard<std::mutex> lock(mu_);
    closed_ = true;
    not_empty_.notify_all();
  }
  void Stop() {
    std::lock_guard<std::mutex> lock(mu_);
    stopped_ = true;
    not_empty_.notify_all();
    not_full_.notify_all();
  }

 private:
  std::mutex mu_;
  std::condition_variable not_empty_, not_full_;
  std::deque<Chunk> queue_;
  size_t capacity_;
  bool closed_ = false;
  bool stopped_ = false;
};

std::string ShardPath(const std::string& dir, size_t index) {
  char name[32];
  std::snprintf(name, sizeof name, "shard-%08zu", index);
  return dir + "/" + name;
}

std::string GroupPath(const std::string& dir, size_t group) {
  char name[32];
  std::snprintf(name, sizeof name, "group-%06zu", group);
  return dir + "/" + name;
}

// Both merges read all their inputs in one pass. Xapian's
// DBCOMPACT_MULTIPASS (postings merged pairwise, through temporary tables)
// writes the same tables, byte for byte, but took 1.65 times the time and
// 2.3 times the memory to merge 64 shards of the 108k benchmark corpus
// (2.5 s against 1.5 s, 25 against 11 MiB), and 1.3 times the time for the
// final merge of 3 groups and 20 shards.
constexpr unsigned kCompactFlags = 0;

// Merges shards [first, first + count) into `out`, then deletes them.
void MergeShards(const std::string& dir, size_t first, size_t count, const std::string& out) {
  Xapian::Database part;
  for (size_t i = first; i < first + count; ++i) part.add_database(Xapian::Database(ShardPath(dir, i)));
  part.compact(out, kCompactFlags);
  part.close();
  std::error_code ec;
  for (size_t i = first; i < first + count; ++i) std::filesystem::remove_all(ShardPath(dir, i), ec);
}

}  // namespace

Status SyncDir(const std::string& path) {
  int fd = ::open(path.c_str(), O_RDONLY | O_DIRECTORY | O_CLOEXEC);
  if (fd < 0) return Status::IOError("cannot open " + path + ": " + std::strerror(errno));
  int rc = ::fsync(fd);
  int err = errno;
  ::close(fd);
  if (rc != 0) return Status::IOError("cannot sync " + path + ": " + std::strerror(err));
  return Status::Ok();
}

namespace {

// fsync of every file below `path` and of the directories themselves:
// compaction writes its tables without the syncs a commit does.
Status SyncTree(const std::string& path) {
  std::error_code ec;
  for (const auto& e : std::filesystem::recursive_directory_iterator(path, ec)) {
    if (!e.is_regular_file()) continue;
    int fd = ::open(e.path().c_str(), O_RDONLY | O_CLOEXEC);
    if (fd < 0 || ::fsync(fd) != 0) {
      if (fd >= 0) ::close(fd);
      return Status::IOError("syncing " + e.path().string());
    }
    ::close(fd);
  }
  if (ec) return Status::IOError("listing " + path + ": " + ec.message());
  return SyncDir(path);
}

}  // namespace

int DefaultThreads() {
  if (const char* env = std::getenv("CKB_INDEX_THREADS")) {
    int n = std::atoi(env);
    if (n > 0) return std::min(n, 64);
  }
  unsigned hw = std::thread::hardware_concurrency();
  return static_cast<int>(std::clamp(hw, 1u, 8u));
}

Status BuildIndexDirectory(const KnowledgeBase& kb, const std::string& path, int threads,
                           const std::map<std::string, std::string>& metadata, IndexBuildShape shape,
                           const std::function<void()>& before_final_merge) {
  const size_t shard_docs = std::max<size_t>(1, shape.shard_docs);
  const size_t group_shards = std::max<size_t>(2, shape.group_shards);
  std::error_code ec;
  const std::string shards_dir = path + ".shards";
  std::filesystem::remove_all(path, ec);
  std::filesystem::remove_all(shards_dir, ec);
  std::filesystem::create_directories(shards_dir, ec);
  if (ec) return Status::IOError("creating " + shards_dir + ": " + ec.message());
  threads = std::max(1, threads);

  ChunkQueue queue(static_cast<size_t>(threads) * 2);
  std::mutex mu;
  Status first_error;
  size_t shards = 0;
  std::vector<size_t> built;  // shards built, per group (guarded by mu)
  auto fail = [&](Status s) {
    std::lock_guard<std::mutex> lock(mu);
    if (first_error.ok()) first_error = std::move(s);
    queue.Stop();
  };

  auto build = [&] {
    while (auto chunk = queue.Pop()) {
      std::string shard = ShardPath(shards_dir, chunk->index);
      Status s = XapianCall("building index shard " + shard, [&] {
        // The shards are scratch: the synced result is the compacted index.
        Xapian::WritableDatabase db(shard, Xapian::DB_CREATE_OR_OVERWRITE | Xapian::DB_NO_SYNC);
        for (const auto& [id, value] : chunk->records) {
          Json rec = ParseJson(value);
          if (rec.is_discarded()) {
            throw Xapian::DatabaseError("record " + id + " is not valid JSON");
          }
          // Record keys are unique, so no document needs replacing.
          db.add_document(BuildIndexDocument(kb, id, rec));
        }
        db.commit();
        db.close();
      });
      if (!s.ok()) {
        fail(std::move(s));
        return;
      }
      size_t group = chunk->index / group_shards;
      bool full;
      {
        std::lock_guard<std::mutex> lock(mu);
        if (built.size() <= group) built.resize(group + 1);
        full = ++built[group] == group_shards;
      }
      if (!full) continue;
      s = XapianCall("merging index shards into " + GroupPath(shards_dir, group), [&] {
        MergeShards(shards_dir, group * group_shards, group_shards, GroupPath(shards_dir, group));
      });
      if (!s.ok()) {
        fail(std::move(s));
        return;
      }
    }
  };
  std::vector<std::thread> workers;
  workers.reserve(static_cast<size_t>(threads));
  for (int i = 0; i < threads; ++i) workers.emplace_back(build);

  Chunk chunk;
  bool stopped = false;
  Status scan = kb.Scan(kCfWorks, "", [&](std::string_view k, std::string_view v) {
    chunk.records.emplace_back(std::string(k), std::string(v));
    if (chunk.records.size() < shard_docs) return true;
    chunk.index = shards++;
    if (!queue.Push(std::move(chunk))) {
      stopped = true;
      return false;
    }
    chunk = Chunk();
    return true;
  });
  if (!stopped && scan.ok() && !chunk.records.empty()) {
    chunk.index = shards++;
    queue.Push(std::move(chunk));
  }
  if (!scan.ok()) fail(scan);
  queue.Close();
  for (auto& t : workers) t.join();

  Status st = first_error;
  if (st.ok()) {
    hooks::FaultPoint("rebuild-before-compact");
    if (before_final_merge) before_final_merge();
    st = XapianCall("merging index shards into " + path, [&] {
      if (shards == 0) {
        Xapian::WritableDatabase empty(path, Xapian::DB_CREATE_OR_OVERWRITE);
        empty.commit();
        empty.close();
      } else {
        // Every full group was merged by the builder that completed it.
        size_t groups = shards / group_shards;
        Xapian::Database all;
        for (size_t g = 0; g < groups; ++g) all.add_database(Xapian::Database(GroupPath(shards_dir, g)));
        for (size_t i = groups * group_shards; i < shards; ++i) {
          all.add_database(Xapian::Database(ShardPath(shards_dir, i)));
        }
        all.compact(path, kCompactFlags);
        all.close();
      }
      Xapian::WritableDatabase out(path, Xapian::DB_OPEN);
      for (const auto& [key, value] : metadata) out.set_metadata(key, value);
      out.commit();
      out.close();
    });
  }
  std::filesystem::remove_all(shards_dir, ec);
  if (st.ok()) st = SyncTree(path);
  if (!st.ok()) std::filesystem::remove_all(path, ec);
  return st;
}

}  // namespace ckb::kb
