// SPDX-License-Identifier: GPL-3.0-or-later
// Status and Result<T>: how every ckb function reports expected failures.
// Exceptions are caught at the store edge (kb/) and the command edge (cli/).
#pragma once

#include <optional>
#include <string>
#include <utility>

namespace ckb {

class [[nodiscard]] Status {
 public:
  enum class Code {
    kOk = 0,
    kNotFound,
    kInvalidArgument,  // usage or query error
    kParseError,       // malformed input
    kCorruption,       // a store disagrees with itself or with its peer
    kIOError,          // I/O failure or disk full
    kBusy,             // locked by another writer
    kReadOnly,         // target cannot be written
    kNotSupported,
    kInternal,
  };

  Status() = default;
  static Status Ok() { return Status(); }
  static Status NotFound(std::string m) { return Status(Code::kNotFound, std::move(m)); }
  static Status InvalidArgument(std::string m) { return Status(Code::kInvalidArgument, std::move(m)); }
  static Status ParseError(std::string m) { return Status(Code::kParseError, std::move(m)); }
  static Status Corruption(std::string m) { return Status(Code::kCorruption, std::move(m)); }
  static Status IOError(std::string m) { return Status(Code::kIOError, std::move(m)); }
  static Status Busy(std::string m) { return Status(Code::kBusy, std::move(m)); }
  static Status ReadOnly(std::string m) { return Status(Code::kReadOnly, std::move(m)); }
  static Status NotSupported(std::string m) { return Status(Code::kNotSupported, std::move(m)); }
  static Status Internal(std::string m) { return Status(Code::kInternal, std::move(m)); }

  bool ok() const { return code_ == Code::kOk; }
  Code code() const { return code_; }
  const std::string& message() const { return message_; }
  std::string ToString() const;
  // Marks a status as deliberately ignored.
  void IgnoreError() const {}

 private:
  Status(Code c, std::string m) : code_(c), message_(std::move(m)) {}
  Code code_ = Code::kOk;
  std::string message_;
};

// Holds a T or a non-OK Status.
template <class T>
class [[nodiscard]] Result {
 public:
  Result(T value) : value_(std::move(value)) {}  // NOLINT: implicit by design
  Result(Status status) : status_(std::move(status)) {}  // NOLINT
  bool ok() const { return status_.ok(); }
  const Status& status() const { return status_; }
  T& value() & { return *value_; }
  const T& value() const& { return *value_; }
  T&& value() && { return std::move(*value_); }
  T* operator->() { return &*value_; }
  const T* operator->() const { return &*value_; }
  T& operator*() { return *value_; }

 private:
  Status status_;
  std::optional<T> value_;
};

}  // namespace ckb

#define CKB_RETURN_IF_ERROR(expr)          \
  do {                                     \
    ::ckb::Status ckb_status_ = (expr);    \
    if (!ckb_status_.ok()) return ckb_status_; \
  } while (0)

#define CKB_CONCAT_INNER(a, b) a##b
#define CKB_CONCAT(a, b) CKB_CONCAT_INNER(a, b)
#define CKB_ASSIGN_OR_RETURN(lhs, expr)                         \
  auto CKB_CONCAT(ckb_result_, __LINE__) = (expr);              \
  if (!CKB_CONCAT(ckb_result_, __LINE__).ok())                  \
    return CKB_CONCAT(ckb_result_, __LINE__).status();          \
  lhs = std::move(CKB_CONCAT(ckb_result_, __LINE__)).value()
