// SPDX-License-Identifier: GPL-3.0-or-later
// Scanning helpers shared by the trial-results extractors (knowledge/results*.cc):
// sentences, numbers in their printed forms, intervals, p values, endpoints.
#pragma once

#include <cstddef>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

namespace ckb::knowledge::internal {

struct Sentence {
  size_t begin = 0, end = 0;  // bytes of the text
};

// Sentences of `text`: split at ". ", "? ", "! " before a capital or digit,
// at line breaks and at "。"; "vs.", "et al.", "e.g." and decimals do not end one.
std::vector<Sentence> SplitSentences(std::string_view text);

// A number as printed: "0.88", "0·88", ".001", "-8.2", "−1.5", "1,256",
// optionally followed by a percent sign, "％" or " percent".
struct Number {
  size_t begin = 0, end = 0;  // the number's bytes (sign included)
  size_t after = 0;           // past the percent sign when there is one, else `end`
  double value = 0;
  bool percent = false;
  bool integer = false;
};

// The number starting at `pos`, if one does.
std::optional<Number> NumberAt(std::string_view text, size_t pos);
// Every number in [begin, end).
std::vector<Number> NumbersIn(std::string_view text, size_t begin, size_t end);

// ASCII lower case, byte for byte (UTF-8 untouched).
std::string Lower(std::string_view s);
bool IsWordByte(unsigned char c);
// Whether `word` (lower case) occurs at `pos` of `lower` with word bounds.
bool WordAt(std::string_view lower, size_t pos, std::string_view word);
// The first position >= from of `word` with word bounds in [from, to), or npos.
size_t FindWord(std::string_view lower, std::string_view word, size_t from, size_t to);
// The last start < to of `word` with word bounds in [from, to), or npos.
size_t RFindWord(std::string_view lower, std::string_view word, size_t from, size_t to);
size_t SkipSpaces(std::string_view text, size_t pos, size_t limit);

// A confidence interval printed after a value: "(95% CI, 0.59-1.18)",
// "[95% CI 8.5–12.1]", "95%CI 0.39~0.64", "99% CI, -8.2 to -15.0", "(0.66-1.17)".
struct Interval {
  std::optional<double> low, high;  // null when printed "NE", "NR", "not reached"
  std::optional<int> level;
  size_t begin = 0, end = 0;
  size_t low_begin = 0, high_end = 0;
  bool keyword = false;  // "CI" or "confidence interval" was printed
};
// Parses an interval starting at `pos` (after a value, its unit or "%").
std::optional<Interval> IntervalAt(std::string_view text, std::string_view lower, size_t pos,
                                   size_t limit);

// A p value starting at `pos` after separators: "P < .001", "p=0·004",
// "P: =.07", "P-value = 0.03". Returns the printed form without spaces and
// sets *end.
std::string PValueAt(std::string_view text, std::string_view lower, size_t pos, size_t limit,
                     size_t* end);

// The endpoint named nearest before `pos` in [from, pos), canonical
// ("OS", "PFS", ...) or the text's words; empty when none. *at receives
// its position.
std::string EndpointBefore(std::string_view text, std::string_view lower, size_t from, size_t pos,
                           size_t* at = nullptr);
// The first endpoint named in [pos, to).
std::string EndpointAfter(std::string_view text, std::string_view lower, size_t pos, size_t to,
                          size_t* at = nullptr);

// A spelled-out count at `pos` ("Forty-one", "three", "Twelve"): its value
// and *end, or nullopt.
std::optional<int> SpelledNumberAt(std::string_view lower, size_t pos, size_t* end);

// Byte ranges already taken by an item, so that no number is read twice.
class Taken {
 public:
  void Add(size_t b, size_t e) { spans_.push_back({b, e}); }
  bool Overlaps(size_t b, size_t e) const;

 private:
  struct Span {
    size_t b, e;
  };
  std::vector<Span> spans_;
};

}  // namespace ckb::knowledge::internal
