// SPDX-License-Identifier: GPL-3.0-or-later
// The index pointer (<dir>/index.current, naming the Xapian directory
// readers open) and the making of a knowledge base's first index.
#include <fcntl.h>
#include <unistd.h>

#include <cerrno>
#include <cstring>
#include <filesystem>
#include <fstream>

#include "kb/internal/rep.h"
#include "kb/test_hooks.h"

namespace ckb::kb {

std::string ReadIndexPointer(const std::string& dir) {
  std::ifstream in(dir + "/index.current");
  std::string name;
  std::getline(in, name);
  return name;
}

Status WriteIndexPointer(const std::string& dir, const std::string& name) {
  std::string tmp = dir + "/index.current.tmp";
  int fd = ::open(tmp.c_str(), O_WRONLY | O_CREAT | O_TRUNC | O_CLOEXEC, 0644);
  if (fd < 0) return Status::IOError("cannot write " + tmp + ": " + std::strerror(errno));
  std::string line = name + "\n";
  bool ok = ::write(fd, line.data(), line.size()) == static_cast<ssize_t>(line.size()) &&
            ::fsync(fd) == 0;
  ::close(fd);
  if (!ok) return Status::IOError("cannot write " + tmp + ": " + std::strerror(errno));
  hooks::FaultPoint("before-pointer-rename");
  if (::rename(tmp.c_str(), (dir + "/index.current").c_str()) != 0) {
    return Status::IOError("cannot rename " + tmp + ": " + std::strerror(errno));
  }
  int dfd = ::open(dir.c_str(), O_RDONLY | O_DIRECTORY | O_CLOEXEC);
  if (dfd >= 0) {
    ::fsync(dfd);
    ::close(dfd);
  }
  return Status::Ok();
}

// The index of a knowledge base that has no index pointer: a first writer's,
// or that of a writer killed before it wrote the pointer. Without a pointer
// no reader uses any index directory, and an index holds nothing the
// records do not; so xapian.0 is kept only when it opens, and a directory
// that a killed writer left half made (Xapian's files without a revision)
// is removed. A new index is made under a temporary name and renamed into
// place, so that a kill at any moment leaves no xapian.0 or a whole one.
// The pointer is written only once the index exists, so a reader that
// finds the pointer can open what it names.
Status OpenFirstIndex(KnowledgeBase::Rep* rep) {
  const std::string name = "xapian.0";
  const std::string ipath = rep->dir + "/" + name;
  const std::string tmp = ipath + ".new";
  std::error_code ec;
  rep->index_name = name;
  if (std::filesystem::exists(ipath, ec)) {
    Status s = XapianCall("opening index " + ipath, [&] {
      rep->wdb = std::make_unique<Xapian::WritableDatabase>(ipath, Xapian::DB_OPEN);
    });
    if (s.ok()) return WriteIndexPointer(rep->dir, name);
    std::filesystem::remove_all(ipath, ec);
    if (ec) return Status::IOError("cannot remove the unfinished index " + ipath + ": " + ec.message());
  }
  std::filesystem::remove_all(tmp, ec);
  CKB_RETURN_IF_ERROR(XapianCall("creating index " + tmp, [&] {
    Xapian::WritableDatabase fresh(tmp, Xapian::DB_CREATE_OR_OVERWRITE);
    fresh.commit();
    fresh.close();
  }));
  CKB_RETURN_IF_ERROR(SyncDir(tmp));
  hooks::FaultPoint("creating-index");
  if (::rename(tmp.c_str(), ipath.c_str()) != 0) {
    return Status::IOError("cannot rename " + tmp + " to " + ipath + ": " + std::strerror(errno));
  }
  CKB_RETURN_IF_ERROR(SyncDir(rep->dir));
  CKB_RETURN_IF_ERROR(XapianCall("opening index " + ipath, [&] {
    rep->wdb = std::make_unique<Xapian::WritableDatabase>(ipath, Xapian::DB_OPEN);
  }));
  return WriteIndexPointer(rep->dir, name);
}

}  // namespace ckb::kb
