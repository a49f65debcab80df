// SPDX-License-Identifier: GPL-3.0-or-later
// libFuzzer target for the entity matcher: arbitrary bytes as a title, an
// abstract and a user's search term through the built-in lexicon.
#include <cstddef>
#include <cstdint>
#include <string_view>

#include "knowledge/entities.h"

extern "C" int LLVMFuzzerTestOneInput(const uint8_t* data, size_t size) {
  const auto& ex = ckb::knowledge::EntityExtractor::Default();
  std::string_view text(reinterpret_cast<const char*>(data), size);
  auto mentions = ex.Extract(text, "abstract");
  for (const auto& m : mentions) {
    // Offsets are code points into the text, so never past its byte length.
    if (m.start > m.end || m.end > size) __builtin_trap();
    (void)ckb::knowledge::StateId(m);
  }
  if (size < 256) (void)ex.Resolve(text, "drug");
  return 0;
}
