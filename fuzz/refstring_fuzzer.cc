// SPDX-License-Identifier: GPL-3.0-or-later
// libFuzzer target for the printed-reference parser (citations/refstring.h).
#include <cstddef>
#include <cstdint>
#include <string_view>

#include "citations/refstring.h"

extern "C" int LLVMFuzzerTestOneInput(const uint8_t* data, size_t size) {
  std::string_view raw(reinterpret_cast<const char*>(data), size);
  ckb::Reference r = ckb::citations::ParseReferenceString(raw);
  (void)r;
  return 0;
}
