// SPDX-License-Identifier: GPL-3.0-or-later
// An Input reading a plain file through a file descriptor.
#pragma once

#include <string>

#include "readers/parser.h"

namespace ckb::readers {

class PlainFileInput : public Input {
 public:
  explicit PlainFileInput(const std::string& path);
  ~PlainFileInput() override;
  PlainFileInput(const PlainFileInput&) = delete;
  PlainFileInput& operator=(const PlainFileInput&) = delete;

  bool ok() const { return fd_ >= 0; }
  const std::string& error() const { return error_; }
  int error_number() const { return errno_; }
  int fd() const { return fd_; }
  // Up to n bytes from the start of the file; the read position is restored.
  std::string Head(size_t n);

  const std::string& name() const override { return name_; }
  long Read(char* buf, size_t n) override;

 private:
  std::string name_;
  std::string error_;
  int errno_ = 0;
  int fd_ = -1;
};

}  // namespace ckb::readers
