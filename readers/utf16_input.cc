// SPDX-License-Identifier: GPL-3.0-or-later
// UTF-16 to UTF-8 on the fly (see readers/utf16_input.h).
#include "readers/utf16_input.h"

#include <algorithm>
#include <cctype>
#include <cstring>

namespace ckb::readers {

Utf16Order DetectUtf16(std::string_view head) {
  if (head.size() >= 2 && head[0] == '\xff' && head[1] == '\xfe') return Utf16Order::kLittleEndian;
  if (head.size() >= 2 && head[0] == '\xfe' && head[1] == '\xff') return Utf16Order::kBigEndian;
  size_t n = std::min<size_t>(head.size() & ~size_t{1}, 64);
  size_t pairs = n / 2, even_nul = 0, odd_nul = 0;
  for (size_t i = 0; i + 1 < n; i += 2) {
    bool a = head[i] == '\0', b = head[i + 1] == '\0';
    if (a && !b) ++even_nul;
    if (b && !a) ++odd_nul;
  }
  if (pairs < 4) return Utf16Order::kNone;
  if (odd_nul * 10 >= pairs * 9) return Utf16Order::kLittleEndian;
  if (even_nul * 10 >= pairs * 9) return Utf16Order::kBigEndian;
  return Utf16Order::kNone;
}

namespace {

// An XML declaration that names UTF-16 (or UCS-2) names UTF-8 once decoded.
void RelabelXmlDeclaration(std::string* text) {
  if (text->compare(0, 5, "<?xml") != 0) return;
  size_t end = text->find("?>");
  size_t enc = text->find("encoding", 0);
  if (end == std::string::npos || enc == std::string::npos || enc > end) return;
  size_t q = text->find_first_of("\"'", enc);
  if (q == std::string::npos || q > end) return;
  size_t q2 = text->find((*text)[q], q + 1);
  if (q2 == std::string::npos || q2 > end) return;
  std::string name = text->substr(q + 1, q2 - q - 1);
  for (char& c : name) c = static_cast<char>(std::tolower(static_cast<unsigned char>(c)));
  if (name.rfind("utf-16", 0) == 0 || name.rfind("utf16", 0) == 0 || name.rfind("ucs-2", 0) == 0) {
    text->replace(q + 1, q2 - q - 1, "UTF-8");
  }
}

}  // namespace

void Utf16Input::Emit(char32_t c) {
  if (c < 0x80) {
    out_ += static_cast<char>(c);
  } else if (c < 0x800) {
    out_ += static_cast<char>(0xC0 | (c >> 6));
    out_ += static_cast<char>(0x80 | (c & 0x3F));
  } else if (c < 0x10000) {
    out_ += static_cast<char>(0xE0 | (c >> 12));
    out_ += static_cast<char>(0x80 | ((c >> 6) & 0x3F));
    out_ += static_cast<char>(0x80 | (c & 0x3F));
  } else {
    out_ += static_cast<char>(0xF0 | (c >> 18));
    out_ += static_cast<char>(0x80 | ((c >> 12) & 0x3F));
    out_ += static_cast<char>(0x80 | ((c >> 6) & 0x3F));
    out_ += static_cast<char>(0x80 | (c & 0x3F));
  }
}

bool Utf16Input::Fill() {
  out_.clear();
  out_pos_ = 0;
  for (;;) {
    if (ended_) return !out_.empty();
    char buf[1 << 16];
    long k = inner_.Read(buf, sizeof buf);
    if (k < 0) {
      failed_ = true;
      return false;
    }
    if (k == 0) ended_ = true;
    raw_.append(buf, static_cast<size_t>(k));
    size_t i = 0;
    auto unit = [&](size_t at) -> char16_t {
      unsigned char a = static_cast<unsigned char>(raw_[at]), b = static_cast<unsigned char>(raw_[at + 1]);
      return static_cast<char16_t>(big_endian_ ? (a << 8) | b : (b << 8) | a);
    };
    while (i + 1 < raw_.size()) {
      char16_t u = unit(i);
      if (!started_) {
        started_ = true;
        if (u == 0xFEFF) {
          i += 2;
          continue;
        }
      }
      if (u >= 0xD800 && u <= 0xDBFF) {
        if (i + 3 >= raw_.size() && !ended_) break;  // the low half is in the next block
        char16_t low = i + 3 < raw_.size() ? unit(i + 2) : 0;
        if (low >= 0xDC00 && low <= 0xDFFF) {
          Emit(0x10000 + ((static_cast<char32_t>(u) - 0xD800) << 10) + (low - 0xDC00));
          i += 4;
          continue;
        }
        ++replaced_;
        Emit(0xFFFD);
      } else if (u >= 0xDC00 && u <= 0xDFFF) {
        ++replaced_;
        Emit(0xFFFD);
      } else {
        Emit(u);
      }
      i += 2;
    }
    raw_.erase(0, i);
    if (ended_ && !raw_.empty()) {  // an odd byte at the end
      ++replaced_;
      Emit(0xFFFD);
      raw_.clear();
    }
    if (!declaration_checked_) {
      // Nothing is handed out before an XML declaration is whole.
      bool xml = out_.compare(0, 5, std::string("<?xml").substr(0, std::min<size_t>(out_.size(), 5))) == 0;
      if (xml && !ended_ && out_.size() < 256 && out_.find("?>") == std::string::npos) continue;
      declaration_checked_ = true;
      RelabelXmlDeclaration(&out_);
    }
    if (!out_.empty()) return true;
  }
}

long Utf16Input::Read(char* buf, size_t n) {
  if (out_pos_ >= out_.size() && !Fill()) return failed_ ? -1 : 0;
  size_t k = std::min(n, out_.size() - out_pos_);
  std::memcpy(buf, out_.data() + out_pos_, k);
  out_pos_ += k;
  return static_cast<long>(k);
}

}  // namespace ckb::readers
