// SPDX-License-Identifier: GPL-3.0-or-later
// libFuzzer target for one input format, chosen at compile time by
// CKB_FUZZ_FORMAT (a name from readers/formats.cc): the bytes go through
// the format's sniffer and parser exactly as `ckb index` would give them.
#include <cstddef>
#include <cstdint>
#include <string>
#include <string_view>

#include "readers/formats.h"
#include "readers/parser.h"

#ifndef CKB_FUZZ_FORMAT
#error "CKB_FUZZ_FORMAT must name a format"
#endif

extern "C" int LLVMFuzzerTestOneInput(const uint8_t* data, size_t size) {
  using namespace ckb::readers;
  static const Format* format = FindFormat(CKB_FUZZ_FORMAT);
  if (format == nullptr) __builtin_trap();
  std::string_view bytes(reinterpret_cast<const char*>(data), size);
  std::string_view head = bytes.substr(0, 4096);
  if (format->sniff) (void)format->sniff("fuzz.input", head);
  (void)DetectFormat("fuzz.input", head);
  ckb::ParseResult out;
  (void)ParseBytes(*format, bytes, "fuzz.input", &out);
  return 0;
}
