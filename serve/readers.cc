// SPDX-License-Identifier: GPL-3.0-or-later
// The server's pool of read-only knowledge-base handles.
#include "serve/readers.h"

namespace ckb::serve {

Lease::~Lease() {
  if (pool_ && base_) pool_->Release(std::move(base_));
}

Result<Lease> ReaderPool::Acquire() {
  std::unique_ptr<kb::KnowledgeBase> base;
  {
    std::lock_guard<std::mutex> lock(mu_);
    if (!idle_.empty()) {
      base = std::move(idle_.back());
      idle_.pop_back();
    }
  }
  if (base) {
    Result<bool> refreshed = base->RefreshIfChanged();
    // A reader that could not follow the writer is replaced by a new one.
    if (!refreshed.ok()) base.reset();
  }
  if (!base) {
    kb::OpenOptions o;
    CKB_ASSIGN_OR_RETURN(base, kb::KnowledgeBase::Open(dir_, o));
  }
  return Lease(this, std::move(base));
}

void ReaderPool::Release(std::unique_ptr<kb::KnowledgeBase> base) {
  std::lock_guard<std::mutex> lock(mu_);
  if (idle_.size() < max_idle_) idle_.push_back(std::move(base));
}

}  // namespace ckb::serve
