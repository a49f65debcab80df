// SPDX-License-Identifier: GPL-3.0-or-later
// Read-only knowledge-base handles shared by the server's worker threads.
// A KnowledgeBase serves one thread at a time, so each request borrows one
// from the pool and gives it back; before use a borrowed reader moves to the
// latest committed generation when a writer has committed since.
#pragma once

#include <memory>
#include <mutex>
#include <string>
#include <vector>

#include "kb/kb.h"

namespace ckb::serve {

class ReaderPool;

// A borrowed reader, returned to its pool when destroyed. Movable only.
class Lease {
 public:
  Lease(ReaderPool* pool, std::unique_ptr<kb::KnowledgeBase> base) : pool_(pool), base_(std::move(base)) {}
  Lease(Lease&&) = default;
  Lease(const Lease&) = delete;
  Lease& operator=(const Lease&) = delete;
  ~Lease();
  kb::KnowledgeBase& base() { return *base_; }

 private:
  ReaderPool* pool_;
  std::unique_ptr<kb::KnowledgeBase> base_;
};

class ReaderPool {
 public:
  // `dir` is the knowledge base; at most `max_idle` readers are kept open
  // between requests.
  ReaderPool(std::string dir, size_t max_idle) : dir_(std::move(dir)), max_idle_(max_idle) {}

  // An idle reader brought up to date, or a newly opened one. Errors of
  // opening or refreshing (kNotFound when there is no knowledge base, kBusy
  // or kIOError while a writer replaces files, kCorruption) are returned;
  // a reader that failed to refresh is dropped, not reused.
  Result<Lease> Acquire();

 private:
  friend class Lease;
  void Release(std::unique_ptr<kb::KnowledgeBase> base);

  std::string dir_;
  size_t max_idle_;
  std::mutex mu_;
  std::vector<std::unique_ptr<kb::KnowledgeBase>> idle_;
};

}  // namespace ckb::serve
