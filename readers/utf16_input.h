// SPDX-License-Identifier: GPL-3.0-or-later
// UTF-16 text read as UTF-8. Web of Science's "Tab-delimited (Win)" export,
// Excel's "Unicode text" and some Windows tools write UTF-16, with or without
// a byte-order mark; every reader of ckb reads UTF-8, so such an input is
// decoded on the fly before format detection.
#pragma once

#include <string>
#include <string_view>

#include "readers/parser.h"

namespace ckb::readers {

enum class Utf16Order { kNone, kLittleEndian, kBigEndian };

// Whether `head` (an input's first bytes) is UTF-16 text: a byte-order mark,
// or NUL bytes in every other position among the first 64 bytes, as ASCII
// text in UTF-16 has them. kNone otherwise.
Utf16Order DetectUtf16(std::string_view head);

// Decodes `inner` (UTF-16 in `order`; a leading byte-order mark dropped) to
// UTF-8 as it is read. A lone surrogate or a final odd byte becomes U+FFFD
// and is counted in replaced().
class Utf16Input : public Input {
 public:
  Utf16Input(Input& inner, Utf16Order order) : inner_(inner), big_endian_(order == Utf16Order::kBigEndian) {}
  const std::string& name() const override { return inner_.name(); }
  long Read(char* buf, size_t n) override;
  size_t replaced() const { return replaced_; }

 private:
  bool Fill();  // decodes the next block into out_; false at the end
  void Emit(char32_t c);

  Input& inner_;
  bool big_endian_;
  bool started_ = false;
  bool ended_ = false;
  bool failed_ = false;
  bool declaration_checked_ = false;  // an XML declaration naming UTF-16 now says UTF-8
  std::string raw_;   // undecoded bytes carried over (an odd byte, a high surrogate)
  std::string out_;   // decoded, not yet returned
  size_t out_pos_ = 0;
  size_t replaced_ = 0;
};

}  // namespace ckb::readers
