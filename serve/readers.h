// SPDX-License-Identifier: GPL-3.0-or-later
// Read-only knowledge-base handles shared by the server's worker threads.
// A KnowledgeBase serves one thread at a time, so each request borrows one
// from the pool and gives it back. A handle opened before a writer's last
// commit is not lent again: the next request opens a new one, which sees the
// latest committed generation (readers open the index first, then the
// records, so every hit has its record: docs/RELIABILITY.md).
#pragma once

#include <memory>
#include <mutex>
#include <string>
#include <utility>
#include <vector>

#include "kb/kb.h"

namespace ckb::serve {

// What a commit changes on disk, cheaply read: the index pointer, the size,
// time and inode of the index's version file and of the record store's
// write-ahead logs, CURRENT and manifests. Equal stamps: no commit between.
std::string DiskStamp(const std::string& dir);

class ReaderPool;

// A borrowed reader, returned to its pool when destroyed. Movable only.
class Lease {
 public:
  Lease(ReaderPool* pool, std::string stamp, std::unique_ptr<kb::KnowledgeBase> base)
      : pool_(pool), stamp_(std::move(stamp)), base_(std::move(base)) {}
  Lease(Lease&&) = default;
  Lease(const Lease&) = delete;
  Lease& operator=(const Lease&) = delete;
  ~Lease();
  kb::KnowledgeBase& base() { return *base_; }

 private:
  ReaderPool* pool_;
  std::string stamp_;
  std::unique_ptr<kb::KnowledgeBase> base_;
};

class ReaderPool {
 public:
  // `dir` is the knowledge base; at most `max_idle` readers are kept open
  // between requests. Thread-safe.
  ReaderPool(std::string dir, size_t max_idle) : dir_(std::move(dir)), max_idle_(max_idle) {}

  // An idle reader opened since the last commit, or a newly opened one.
  // Errors of opening (kNotFound when there is no knowledge base, kIOError
  // or kCorruption while a writer replaces files) are returned.
  Result<Lease> Acquire();

 private:
  friend class Lease;
  void Release(std::string stamp, std::unique_ptr<kb::KnowledgeBase> base);

  std::string dir_;
  size_t max_idle_;
  std::mutex mu_;
  std::vector<std::pair<std::string, std::unique_ptr<kb::KnowledgeBase>>> idle_;
};

}  // namespace ckb::serve
