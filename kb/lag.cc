// SPDX-License-Identifier: GPL-3.0-or-later
// How far the index is behind the records: the outbox entries it has not
// applied, and whether a writer is running now (read from /proc/locks, so
// that asking never takes the writer lock from under a writer).
#include <sys/stat.h>
#include <sys/sysmacros.h>

#include <algorithm>
#include <cstdio>
#include <fstream>
#include <sstream>

#include "kb/internal/rep.h"
#include "kb/keys.h"

namespace ckb::kb {

int RunningWriterPid(const std::string& dir) {
  struct stat st;
  if (::stat((dir + "/writer.lock").c_str(), &st) != 0) return 0;
  std::ifstream locks("/proc/locks");
  std::string line;
  // "1: FLOCK  ADVISORY  WRITE 4242 08:01:1234 0 EOF"; waiters read "1: -> FLOCK ...".
  while (std::getline(locks, line)) {
    std::istringstream in(line);
    std::string ord, kind, advisory, mode, where;
    int pid = 0;
    if (!(in >> ord >> kind) || kind != "FLOCK") continue;
    if (!(in >> advisory >> mode >> pid >> where)) continue;
    unsigned maj = 0, min = 0;
    unsigned long long ino = 0;
    if (std::sscanf(where.c_str(), "%x:%x:%llu", &maj, &min, &ino) != 3) continue;
    if (ino == st.st_ino && maj == major(st.st_dev) && min == minor(st.st_dev)) return pid;
  }
  return 0;
}

uint64_t KnowledgeBase::index_generation() const { return rep_->index_gen; }

Status KnowledgeBase::OutboxIds(uint64_t from, uint64_t to, std::vector<std::string>* ids,
                                bool* complete) const {
  ids->clear();
  *complete = from >= to;
  if (from >= to) return Status::Ok();
  uint64_t entries = 0, last = from;
  CKB_RETURN_IF_ERROR(Scan(kCfLog, "", [&](std::string_view k, std::string_view v) {
    uint64_t g = GenFromKey(k);
    if (g <= from) return true;
    if (g > to) return false;
    ++entries;
    last = std::max(last, g);
    Json j = ParseJson(v);
    if (j.is_array()) {
      for (const auto& id : j) {
        if (id.is_string()) ids->push_back(id.get<std::string>());
      }
    }
    return true;
  }));
  std::sort(ids->begin(), ids->end());
  ids->erase(std::unique(ids->begin(), ids->end()), ids->end());
  *complete = last == to && entries == to - from;
  return Status::Ok();
}

Result<IndexLag> KnowledgeBase::GetIndexLag() const {
  IndexLag lag;
  lag.records_generation = rep_->gen;
  lag.index_generation = rep_->index_gen;
  if (!lag.behind()) return lag;
  lag.writer_pid = rep_->write ? 0 : RunningWriterPid(rep_->dir);
  if (!rep_->cf.count(kCfLog)) return lag;  // a reader that did not open the outbox
  std::vector<std::string> ids;
  bool complete = false;
  CKB_RETURN_IF_ERROR(OutboxIds(lag.index_generation, lag.records_generation, &ids, &complete));
  lag.outbox_read = true;
  lag.recoverable = complete;
  lag.pending_works = ids.size();
  return lag;
}

}  // namespace ckb::kb
