// SPDX-License-Identifier: GPL-3.0-or-later
// RocksDB statuses and Xapian exceptions as ckb Status codes (which the CLI
// maps to exit codes).
#include <string>

#include "kb/internal/rep.h"

namespace ckb::kb {

Status FromRocks(const rocksdb::Status& s, const std::string& context) {
  if (s.ok()) return Status::Ok();
  std::string m = context + ": " + s.ToString();
  if (s.IsNotFound()) return Status::NotFound(m);
  if (s.IsCorruption()) return Status::Corruption(m);
  if (s.IsBusy() || s.IsTimedOut()) return Status::Busy(m);
  if (s.IsNoSpace()) return Status::IOError(m + " (disk full)");
  if (s.IsIOError()) {
    if (m.find("Read-only file system") != std::string::npos ||
        m.find("Permission denied") != std::string::npos) {
      return Status::ReadOnly(m);
    }
    if (m.find("lock") != std::string::npos && m.find("unavailable") != std::string::npos) {
      return Status::Busy(m);
    }
    return Status::IOError(m);
  }
  if (s.IsInvalidArgument()) return Status::InvalidArgument(m);
  return Status::Internal(m);
}

Status MapXapianError(const Xapian::Error& e, const std::string& context) {
  return MapXapianError(e.get_type(), e.get_msg(), context);
}

Status MapXapianError(const std::string& type, const std::string& msg, const std::string& context) {
  std::string m = context + ": " + type + ": " + msg;
  if (type == "DatabaseLockError") return Status::Busy(m);
  if (type == "DatabaseCorruptError") return Status::Corruption(m);
  if (type == "QueryParserError" || type == "InvalidArgumentError") return Status::InvalidArgument(m);
  if (type == "DocNotFoundError") return Status::NotFound(m);
  if (type == "DatabaseOpeningError" || type == "DatabaseNotFoundError") {
    if (m.find("No space") != std::string::npos) return Status::IOError(m + " (disk full)");
    return Status::IOError(m);
  }
  if (m.find("No space left") != std::string::npos) return Status::IOError(m + " (disk full)");
  if (type == "DatabaseError") return Status::IOError(m);
  return Status::Internal(m);
}

}  // namespace ckb::kb
