// SPDX-License-Identifier: GPL-3.0-or-later
// Readers that live across a writer's commits (`ckb serve`): a cheap look at
// the files a commit changes tells whether a reader must refresh.
#include <dirent.h>
#include <sys/stat.h>

#include <algorithm>
#include <string>
#include <vector>

#include "kb/internal/rep.h"
#include "kb/kb.h"

namespace ckb::kb {

namespace {

std::string FileStamp(const std::string& path) {
  struct stat st;
  if (::stat(path.c_str(), &st) != 0) return "-";
  return std::to_string(st.st_size) + "@" + std::to_string(st.st_mtim.tv_sec) + "." +
         std::to_string(st.st_mtim.tv_nsec) + "#" + std::to_string(st.st_ino);
}

bool StampedName(const std::string& name) {
  auto ends = [&](const char* suffix) {
    std::string s(suffix);
    return name.size() >= s.size() && name.compare(name.size() - s.size(), s.size(), s) == 0;
  };
  return name == "CURRENT" || name.rfind("MANIFEST-", 0) == 0 || ends(".log");
}

}  // namespace

std::string DiskStamp(const std::string& dir) {
  std::string index = ReadIndexPointer(dir);
  // Xapian's glass backend rewrites its version file at every commit.
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

Result<bool> KnowledgeBase::RefreshIfChanged() {
  if (rep_->write) return false;
  std::string stamp = DiskStamp(rep_->dir);
  if (stamp == rep_->disk_stamp) return false;
  CKB_RETURN_IF_ERROR(rep_->Refresh());
  rep_->disk_stamp = std::move(stamp);
  return true;
}

}  // namespace ckb::kb
