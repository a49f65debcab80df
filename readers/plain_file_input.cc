// SPDX-License-Identifier: GPL-3.0-or-later
#include "readers/plain_file_input.h"

#include <fcntl.h>
#include <unistd.h>

#include <cerrno>
#include <cstring>

namespace ckb::readers {

PlainFileInput::PlainFileInput(const std::string& path) : name_(path) {
  fd_ = ::open(path.c_str(), O_RDONLY | O_CLOEXEC);
  if (fd_ < 0) {
    errno_ = errno;
    error_ = std::strerror(errno_);
  }
}

PlainFileInput::~PlainFileInput() {
  if (fd_ >= 0) ::close(fd_);
}

std::string PlainFileInput::Head(size_t n) {
  std::string out(n, '\0');
  off_t pos = ::lseek(fd_, 0, SEEK_CUR);
  ssize_t got = ::pread(fd_, out.data(), n, 0);
  ::lseek(fd_, pos, SEEK_SET);
  out.resize(got > 0 ? static_cast<size_t>(got) : 0);
  return out;
}

long PlainFileInput::Read(char* buf, size_t n) {
  for (;;) {
    ssize_t got = ::read(fd_, buf, n);
    if (got < 0 && errno == EINTR) continue;
    return static_cast<long>(got);
  }
}

}  // namespace ckb::readers
