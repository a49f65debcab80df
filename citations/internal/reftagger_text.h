// SPDX-License-Identifier: GPL-3.0-or-later
// Small text tests shared by the reference tagger's model
// (citations/reftagger.cc) and its input and merge (reftagger_fields.cc).
#pragma once

#include <cctype>
#include <string>
#include <string_view>

namespace ckb::citations::internal {

// Letters and digits; every non-ASCII byte counts as a letter.
inline bool IsAlnumByte(unsigned char c) { return std::isalnum(c) || c >= 0x80; }

// Four digits reading 1600-2099.
inline bool IsYear(std::string_view w) {
  if (w.size() != 4) return false;
  for (char c : w) {
    if (c < '0' || c > '9') return false;
  }
  int y = (w[0] - '0') * 1000 + (w[1] - '0') * 100 + (w[2] - '0') * 10 + (w[3] - '0');
  return y >= 1600 && y <= 2099;
}

}  // namespace ckb::citations::internal
