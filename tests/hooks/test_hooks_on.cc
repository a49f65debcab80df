// SPDX-License-Identifier: GPL-3.0-or-later
// The test hooks of kb/test_hooks.h as ckb-testing has them: instructions
// come from the environment ($CKB_FAULT, $CKB_TEST_APPEND_AFTER_HASH,
// $CKB_TEST_REMOVE_AFTER_LISTING). Never linked into ckb itself.
#include <fcntl.h>
#include <signal.h>
#include <unistd.h>

#include <cstdlib>
#include <cstring>
#include <map>
#include <string>

#include "kb/test_hooks.h"

namespace ckb::kb::hooks {

void FaultPoint(const char* name) {
  static const char* spec = std::getenv("CKB_FAULT");
  if (spec == nullptr || *spec == '\0') return;
  static std::map<std::string, int> hits;
  std::string s(spec);
  std::string point = s;
  int nth = 1;
  size_t colon = s.rfind(':');
  if (colon != std::string::npos) {
    point = s.substr(0, colon);
    nth = std::atoi(s.c_str() + colon + 1);
  }
  if (point != name) return;
  if (++hits[point] >= nth) ::kill(::getpid(), SIGKILL);
}

void AfterHash(const std::string& path) {
  const char* v = std::getenv("CKB_TEST_APPEND_AFTER_HASH");
  if (!v || std::strcmp(v, "1") != 0) return;
  int fd = ::open(path.c_str(), O_WRONLY | O_APPEND | O_CLOEXEC);
  if (fd < 0) return;
  if (::write(fd, "\n", 1) < 0) {
    // Best effort: the test then sees no change.
  }
  ::close(fd);
}

void AfterListing(const std::string& dir) {
  const char* name = std::getenv("CKB_TEST_REMOVE_AFTER_LISTING");
  if (name && *name) ::unlink((dir + "/" + name).c_str());
}

}  // namespace ckb::kb::hooks
