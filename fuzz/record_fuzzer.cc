// SPDX-License-Identifier: GPL-3.0-or-later
// libFuzzer target for ParseJsonFields, which reads the members a search hit
// shows out of stored work records: arbitrary bytes must not crash it, and
// wherever the full JSON parser accepts an object the two agree on the
// wanted members.
#include <cstddef>
#include <cstdint>
#include <string_view>
#include <vector>

#include "kb/record.h"

extern "C" int LLVMFuzzerTestOneInput(const uint8_t* data, size_t size) {
  static const std::vector<std::string_view> keys = {"id", "title", "authors", "year", "abstract", "doi", ""};
  std::string_view text(reinterpret_cast<const char*>(data), size);
  ckb::Json got = ckb::ParseJsonFields(text, keys);
  ckb::Json full = ckb::ParseJson(text);
  if (full.is_discarded() || !full.is_object()) return 0;
  // A valid object is never refused.
  if (got.is_discarded()) __builtin_trap();
  // Keys are compared as written: a key spelt with escapes ("ti\u0074le")
  // is another key to ParseJsonFields, so inputs with a backslash only need
  // each member found to equal the parser's.
  bool escapes = text.find('\\') != std::string_view::npos;
  ckb::Json want = ckb::Json::object();
  for (auto it = full.begin(); it != full.end(); ++it) {
    for (auto k : keys) {
      if (it.key() == k) want[it.key()] = it.value();
    }
  }
  if (!escapes) {
    if (got != want) __builtin_trap();
    return 0;
  }
  for (auto it = got.begin(); it != got.end(); ++it) {
    if (!want.contains(it.key()) || want[it.key()] != it.value()) __builtin_trap();
  }
  return 0;
}
