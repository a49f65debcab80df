// SPDX-License-Identifier: GPL-3.0-or-later
// Text helpers shared by the readers and the reference parser (see text/text_util.h).
#include "text/text_util.h"

#include <cctype>
#include <cstdint>

namespace ckb::text {

std::string LowerAscii(std::string_view s) {
  std::string out(s);
  for (char& c : out) c = static_cast<char>(std::tolower(static_cast<unsigned char>(c)));
  return out;
}
namespace {

// Decodes one code point at s[i]; returns its length (0 when invalid).
size_t Decode(std::string_view s, size_t i, uint32_t* cp) {
  unsigned char c = static_cast<unsigned char>(s[i]);
  size_t len = c < 0x80 ? 1 : (c >> 5) == 6 ? 2 : (c >> 4) == 14 ? 3 : (c >> 3) == 30 ? 4 : 0;
  if (len == 0 || i + len > s.size()) return 0;
  uint32_t v = len == 1 ? c : len == 2 ? (c & 0x1F) : len == 3 ? (c & 0x0F) : (c & 0x07);
  for (size_t k = 1; k < len; ++k) {
    unsigned char d = static_cast<unsigned char>(s[i + k]);
    if ((d & 0xC0) != 0x80) return 0;
    v = (v << 6) | (d & 0x3F);
  }
  static const uint32_t kMin[] = {0, 0, 0x80, 0x800, 0x10000};
  if (v < kMin[len] || v > 0x10FFFF || (v >= 0xD800 && v <= 0xDFFF)) return 0;
  *cp = v;
  return len;
}

bool IsCjkCp(uint32_t cp) {
  return (cp >= 0x4E00 && cp <= 0x9FFF) || (cp >= 0x3400 && cp <= 0x4DBF) ||
         (cp >= 0x20000 && cp <= 0x2A6DF) || (cp >= 0xF900 && cp <= 0xFAFF) ||
         (cp >= 0x3040 && cp <= 0x30FF) || (cp >= 0xAC00 && cp <= 0xD7AF);
}

}  // namespace

bool StartsWith(std::string_view s, std::string_view p) { return s.substr(0, p.size()) == p; }
bool EndsWith(std::string_view s, std::string_view p) {
  return s.size() >= p.size() && s.substr(s.size() - p.size()) == p;
}

std::string FoldWhitespace(std::string_view s) {
  std::string out;
  out.reserve(s.size());
  bool space = false;
  for (size_t i = 0; i < s.size(); ++i) {
    unsigned char c = static_cast<unsigned char>(s[i]);
    bool ws = c == ' ' || c == '\t' || c == '\n' || c == '\r' || c == '\f' || c == '\v';
    if (c == 0xC2 && i + 1 < s.size() && static_cast<unsigned char>(s[i + 1]) == 0xA0) {
      ws = true;
      ++i;
    }
    if (ws) {
      space = !out.empty();
      continue;
    }
    if (space) out += ' ';
    space = false;
    out += static_cast<char>(c);
  }
  return out;
}


bool IsValidUtf8(std::string_view s) {
  for (size_t i = 0; i < s.size();) {
    uint32_t cp;
    size_t n = Decode(s, i, &cp);
    if (n == 0) return false;
    i += n;
  }
  return true;
}

size_t CountCjk(std::string_view s) {
  size_t n = 0;
  for (size_t i = 0; i < s.size();) {
    uint32_t cp = 0;
    size_t k = Decode(s, i, &cp);
    if (k == 0) k = 1;
    if (IsCjkCp(cp)) ++n;
    i += k;
  }
  return n;
}

bool IsHangulAt(std::string_view s, size_t i) {
  uint32_t cp = 0;
  return i < s.size() && Decode(s, i, &cp) == 3 && cp >= 0xAC00 && cp <= 0xD7A3;
}

size_t CountLetters(std::string_view s) {
  size_t n = 0;
  for (size_t i = 0; i < s.size();) {
    uint32_t cp = 0;
    size_t k = Decode(s, i, &cp);
    if (k == 0) k = 1;
    if ((cp < 0x80 && ((cp | 0x20) >= 'a' && (cp | 0x20) <= 'z')) || IsCjkCp(cp) ||
        (cp >= 0xC0 && cp < 0x2000)) {
      ++n;
    }
    i += k;
  }
  return n;
}

std::string_view Trim(std::string_view s, std::string_view extra) {
  auto strip = [&](char c) { return c == ' ' || extra.find(c) != std::string_view::npos; };
  while (!s.empty() && strip(s.front())) s.remove_prefix(1);
  while (!s.empty() && strip(s.back())) s.remove_suffix(1);
  return s;
}

AsciiView::AsciiView(std::string text) : orig(std::move(text)) {
  norm.reserve(orig.size());
  map.reserve(orig.size() + 1);
  for (size_t i = 0; i < orig.size();) {
    uint32_t cp = 0;
    size_t n = Decode(orig, i, &cp);
    if (n == 0) {
      norm += orig[i];
      map.push_back(i);
      ++i;
      continue;
    }
    char repl = 0;
    if (cp >= 0xFF01 && cp <= 0xFF5E) repl = static_cast<char>(cp - 0xFF01 + 0x21);
    else if (cp == 0x3000) repl = ' ';
    else if (cp == 0x3001) repl = ',';
    else if (cp == 0x3002) repl = '.';
    else if (cp == 0x2013 || cp == 0x2212) repl = '-';
    else if (cp == 0x201C || cp == 0x201D || cp == 0x201E || cp == 0xAB || cp == 0xBB) repl = '"';
    else if (cp == 0x2018 || cp == 0x2019) repl = '\'';
    if (repl != 0) {
      norm += repl;
      map.push_back(i);
    } else {
      for (size_t k = 0; k < n; ++k) {
        norm += orig[i + k];
        map.push_back(i + k);
      }
    }
    i += n;
  }
  map.push_back(orig.size());
}

std::string AsciiView::Slice(size_t b, size_t e) const {
  if (b >= e || b >= map.size()) return "";
  if (e >= map.size()) e = map.size() - 1;
  return orig.substr(map[b], map[e] - map[b]);
}

}  // namespace ckb::text
