// SPDX-License-Identifier: GPL-3.0-or-later
// The 64-bit FNV-1a hash, for stable ids and capped terms.
#pragma once

#include <cstdint>
#include <string_view>

namespace ckb::kb {

inline uint64_t Fnv1a(std::string_view s) {
  uint64_t h = 1469598103934665603ull;
  for (unsigned char c : s) {
    h ^= c;
    h *= 1099511628211ull;
  }
  return h;
}

}  // namespace ckb::kb
