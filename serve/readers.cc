// SPDX-License-Identifier: GPL-3.0-or-later
// The server's pool of read-only knowledge-base handles, renewed after each
// commit of a writer.
#include "serve/readers.h"

#include <dirent.h>
#include <sys/stat.h>

#include <algorithm>
#include <fstream>

namespace ckb::serve {

namespace {

std::string FileStamp(const std::string& path) {
  struct stat st;
  if (::stat(path.c_str(), &st) != 0) return "-";
  return std::to_string(st.st_size) + "@" + std::to_string(st.st_mtim.tv_sec) + "." +
         std::to_string(st.st_mtim.tv_nsec) + "#" + std::to_string(st.st_ino);
}

bool StampedName(const std::string& name) {
  auto ends = [&](const std::string& suffix) {
    return name.size() >= suffix.size() && name.compare(name.size() - suffix.size(), suffix.size(), suffix) == 0;
  };
  return name == "CURRENT" || name.rfind("MANIFEST-", 0) == 0 || ends(".log");
}

}  // namespace

std::string DiskStamp(const std::string& dir) {
  std::string index;
  std::ifstream in(dir + "/index.current");
  std::getline(in, index);
  // Xapian's glass backend rewrites its version file at every commit; a
  // RocksDB commit appends to a write-ahead log.
  std::string out = index + "|" + FileStamp(dir + "/" + index + "/iamglass");
  std::vector<std::string> names;
  if (DIR* d = ::opendir((dir + "/rocksdb").c_str())) {
    while (const dirent* e = ::readdir(d)) {
      if (StampedName(e->d_name)) names.emplace_back(e->d_name);
    }
    ::closedir(d);
  }
  std::sort(names.begin(), names.end());
  for (const auto& n : names) out += "|" + n + "=" + FileStamp(dir + "/rocksdb/" + n);
  return out;
}

Lease::~Lease() {
  if (pool_ && base_) pool_->Release(std::move(stamp_), std::move(base_));
}

Result<Lease> ReaderPool::Acquire() {
  // Taken before opening: a commit during the open makes the handle stale
  // at once, never current by mistake.
  std::string stamp = DiskStamp(dir_);
  // Handles from before the last commit are closed (outside the lock), not lent.
  std::vector<std::unique_ptr<kb::KnowledgeBase>> stale;
  {
    std::lock_guard<std::mutex> lock(mu_);
    while (!idle_.empty()) {
      auto e = std::move(idle_.back());
      idle_.pop_back();
      if (e.first == stamp) return Lease(this, std::move(e.first), std::move(e.second));
      stale.push_back(std::move(e.second));
    }
  }
  stale.clear();
  CKB_ASSIGN_OR_RETURN(auto base, kb::KnowledgeBase::Open(dir_, kb::OpenOptions()));
  return Lease(this, std::move(stamp), std::move(base));
}

void ReaderPool::Release(std::string stamp, std::unique_ptr<kb::KnowledgeBase> base) {
  std::lock_guard<std::mutex> lock(mu_);
  if (idle_.size() < max_idle_) idle_.emplace_back(std::move(stamp), std::move(base));
}

}  // namespace ckb::serve
