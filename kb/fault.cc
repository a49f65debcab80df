// SPDX-License-Identifier: GPL-3.0-or-later
#include "kb/fault.h"

#include <signal.h>
#include <unistd.h>

#include <cstdlib>
#include <cstring>
#include <map>
#include <string>

namespace ckb::kb {

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

}  // namespace ckb::kb
