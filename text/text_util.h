// SPDX-License-Identifier: GPL-3.0-or-later
// Small text helpers for the readers and the reference parser: whitespace folding, UTF-8
// checks, CJK detection, and a full-width-to-ASCII punctuation view that maps
// every byte back to the original so fields can be cut "as printed".
#pragma once

#include <cstddef>
#include <string>
#include <string_view>
#include <vector>

namespace ckb::text {

// `s` with ASCII letters lower-cased; other bytes (UTF-8 included) unchanged.
std::string LowerAscii(std::string_view s);
// Collapses runs of ASCII whitespace and U+00A0 into one space; trims.
std::string FoldWhitespace(std::string_view s);
// Whether `s` begins / ends with `p`.
bool StartsWith(std::string_view s, std::string_view p);
bool EndsWith(std::string_view s, std::string_view p);
// True when `s` is valid UTF-8 (no overlongs, no surrogates).
bool IsValidUtf8(std::string_view s);
// Code points in `s` that are CJK ideographs / letters (for language detection).
size_t CountCjk(std::string_view s);
// True when a Hangul syllable (U+AC00..U+D7A3) starts at byte i of `s`.
bool IsHangulAt(std::string_view s, size_t i);
// Code points that are letters of any script (ASCII letters + non-ASCII).
size_t CountLetters(std::string_view s);
// Trims ASCII spaces and the characters in `extra` from both ends.
std::string_view Trim(std::string_view s, std::string_view extra = "");

// `orig` with full-width punctuation (U+FF01..U+FF5E, U+3000, U+3001, U+3002),
// en dash / minus sign and curly / angle quotes replaced by ASCII. `map[i]`
// is the byte offset in `orig` of normalised byte i (norm.size() + 1 entries).
struct AsciiView {
  std::string orig;
  std::string norm;
  std::vector<size_t> map;
  explicit AsciiView(std::string text);
  // The original bytes that normalised range [b, e) came from.
  std::string Slice(size_t b, size_t e) const;
};

}  // namespace ckb::text
