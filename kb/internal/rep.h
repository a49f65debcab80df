// SPDX-License-Identifier: GPL-3.0-or-later
// Private state of a KnowledgeBase, shared by the kb/*.cc files.
#pragma once

#include <rocksdb/db.h>
#include <xapian.h>

#include <map>
#include <memory>
#include <string>
#include <vector>

#include "kb/kb.h"

namespace ckb::kb {

struct KnowledgeBase::Rep {
  std::string dir;
  bool write = false;
  int lock_fd = -1;
  uint64_t min_free_bytes = 0;
  std::unique_ptr<rocksdb::DB> db;
  std::vector<rocksdb::ColumnFamilyHandle*> handles;
  std::map<std::string, rocksdb::ColumnFamilyHandle*> cf;
  std::string index_name;  // current Xapian directory name, e.g. "xapian.0"
  std::unique_ptr<Xapian::WritableDatabase> wdb;
  std::unique_ptr<Xapian::Database> rdb;
  uint64_t gen = 0;
  std::string instance;

  rocksdb::ColumnFamilyHandle* Cf(const std::string& name) const { return cf.at(name); }
  const Xapian::Database& Index() const {
    return wdb ? static_cast<const Xapian::Database&>(*wdb) : *rdb;
  }
};

// Maps a RocksDB status to ours.
Status FromRocks(const rocksdb::Status& s, const std::string& context);

// Runs fn, mapping Xapian exceptions to Status (kb/ is the only place they
// are caught).
template <class Fn>
Status XapianCall(const std::string& context, Fn&& fn);

Status MapXapianError(const Xapian::Error& e, const std::string& context);

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

// Builds the index document of a work from its stored record.
Xapian::Document BuildIndexDocument(const KnowledgeBase& kb, const std::string& id,
                                    const Json& record);

// Reads the current index directory name from <dir>/index.current.
std::string ReadIndexPointer(const std::string& dir);
// Atomically points <dir>/index.current at `name` (temp, fsync, rename, fsync dir).
Status WriteIndexPointer(const std::string& dir, const std::string& name);

}  // namespace ckb::kb
