// SPDX-License-Identifier: GPL-3.0-or-later
// text/: Unicode normalisation, identifiers and small string helpers that
// every other folder may use; depends on nothing (docs/ARCHITECTURE.md).
//
// Text normalisation for entity matching: NFKC, case folding, dash, Greek and
// Roman-numeral folding, with a map from normalised bytes back to code points.
#pragma once

#include <cstdint>
#include <string>
#include <string_view>
#include <utility>
#include <vector>

namespace ckb::text {

// A normalised copy of a text (UTF-8) with, for every byte, the original
// code point it came from.
struct NormText {
  std::string text;
  std::vector<uint32_t> start;  // per byte: code point index of its source character
  std::vector<uint32_t> end;    // per byte: one past that source character
  // Original code point span [first, second) covering normalised bytes [b, e), e > b.
  std::pair<uint32_t, uint32_t> Span(size_t b, size_t e) const { return {start[b], end[e - 1]}; }
};

struct NormOptions {
  bool fold_case = true;
};

// NFKC + case folding + accents stripped, U+2010..2015, U+2212, U+FE63,
// U+FF0D -> '-', whitespace -> ' ', Greek letters -> Latin names
// ("α" -> "alpha"), Roman numerals U+2160..217F -> "i", "ii", ...
NormText Normalize(std::string_view text, NormOptions opts = {});

// Code points of `text` (invalid bytes become U+FFFD).
std::vector<char32_t> DecodeUtf8(std::string_view text);
// Byte offset of each code point as DecodeUtf8 counts them, plus the end.
std::vector<size_t> CodePointOffsets(std::string_view text);
// Appends the UTF-8 form of `cp`.
void AppendUtf8(char32_t cp, std::string* out);
// At most `max_bytes` of `text`, cut before a character rather than inside
// one, with "…" appended when anything was cut (for quoting input in
// messages).
std::string Utf8Prefix(std::string_view text, size_t max_bytes);
// `text` with every invalid or cut byte sequence replaced by U+FFFD, so
// that a message is valid UTF-8 whatever it quotes.
std::string ValidUtf8(std::string_view text);
// The substring of `text` between code point offsets [start, end).
std::string SubstrCp(std::string_view text, uint32_t start, uint32_t end);

// Character classes used for token boundaries on normalised text.
enum class CharClass { kSpace, kHyphen, kAlnum, kCjk, kPunct };
CharClass ClassOf(char32_t cp);

// A matching key: normalised, with spaces and hyphens removed
// ("HER-2" -> "her2", "ultra low" -> "ultralow").
std::string MatchKey(std::string_view term, bool fold_case = true);
// MatchKey of text already normalised (`n` = Normalize(term, ...)).
std::string MatchKeyOf(const NormText& n);

// "Trastuzumab Deruxtecan" -> "trastuzumab-deruxtecan".
std::string Slug(std::string_view name);

}  // namespace ckb::text
