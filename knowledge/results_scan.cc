// SPDX-License-Identifier: GPL-3.0-or-later
// Sentences, printed numbers, intervals, p values and endpoint names for the
// trial-results extractors.
#include <cmath>
#include <algorithm>
#include <cstdlib>
#include <cstring>

#include "knowledge/internal/results_scan.h"

namespace ckb::knowledge::internal {
namespace {

bool IsDigit(char c) { return c >= '0' && c <= '9'; }
bool StartsWith(std::string_view s, size_t pos, std::string_view p) {
  if (pos >= s.size() || p.empty() || s[pos] != p[0]) return p.empty() && pos <= s.size();
  return s.substr(pos, p.size()) == p;
}
constexpr std::string_view kMiddleDot = "\xC2\xB7";     // U+00B7
constexpr std::string_view kMinus = "\xE2\x88\x92";     // U+2212
constexpr std::string_view kEnDash = "\xE2\x80\x93";    // U+2013
constexpr std::string_view kEmDash = "\xE2\x80\x94";    // U+2014
constexpr std::string_view kFullPct = "\xEF\xBC\x85";   // U+FF05
constexpr std::string_view kFullTilde = "\xEF\xBD\x9E";  // U+FF5E
constexpr std::string_view kLessEq = "\xE2\x89\xA4";    // U+2264
constexpr std::string_view kGreaterEq = "\xE2\x89\xA5";  // U+2265
constexpr std::string_view kChineseStop = "\xE3\x80\x82";  // U+3002

// Words after which a full stop does not end a sentence.
bool AbbreviationBefore(std::string_view lower, size_t dot) {
  static const char* const kAbbrev[] = {"vs", "v", "al", "e.g", "i.e", "no", "fig", "approx",
                                        "ca", "dr", "et", "resp", "incl"};
  size_t b = dot;
  while (b > 0 && (IsWordByte(lower[b - 1]) || lower[b - 1] == '.')) --b;
  std::string_view w = lower.substr(b, dot - b);
  for (const char* a : kAbbrev) {
    if (w == a) return true;
  }
  return false;
}

struct EndpointName {
  std::string_view words;  // lower case, or the acronym as printed when `exact`
  const char* canonical;
  bool exact;
};
// Longest forms first so that "progression-free survival" wins over "survival".
const EndpointName kEndpoints[] = {
    {"invasive disease-free survival", "iDFS", false},
    {"progression-free survival", "PFS", false},
    {"progression free survival", "PFS", false},
    {"disease-free survival", "DFS", false},
    {"disease free survival", "DFS", false},
    {"event-free survival", "EFS", false},
    {"event free survival", "EFS", false},
    {"recurrence-free survival", "RFS", false},
    {"relapse-free survival", "RFS", false},
    {"recurrence free survival", "RFS", false},
    {"relapse free survival", "RFS", false},
    {"metastasis-free survival", "MFS", false},
    {"failure-free survival", "FFS", false},
    {"time to treatment failure", "TTF", false},
    {"time to progression", "TTP", false},
    {"time-to-progression", "TTP", false},
    {"duration of response", "DoR", false},
    {"response duration", "DoR", false},
    {"overall survival", "OS", false},
    {"pathological complete response", "pCR", false},
    {"pathologic complete response", "pCR", false},
    {"objective response rate", "ORR", false},
    {"overall response rate", "ORR", false},
    {"response rate", "ORR", false},
    {"response", "ORR", false},
    {"disease control rate", "DCR", false},
    {"clinical benefit rate", "CBR", false},
    {"survival", "OS", false},
    {"death", "OS", false},
    {"iDFS", "iDFS", true},
    {"PFS", "PFS", true},
    {"DFS", "DFS", true},
    {"EFS", "EFS", true},
    {"RFS", "RFS", true},
    {"MFS", "MFS", true},
    {"TTP", "TTP", true},
    {"TTF", "TTF", true},
    {"DoR", "DoR", true},
    {"DOR", "DoR", true},
    {"ORR", "ORR", true},
    {"pCR", "pCR", true},
    {"DCR", "DCR", true},
    {"CBR", "CBR", true},
    {"OS", "OS", true},
    {"中位PFS", "PFS", true},
    {"中位OS", "OS", true},
    {"总生存", "OS", true},
    {"无进展生存", "PFS", true},
};

bool ExactAt(std::string_view text, size_t pos, std::string_view word) {
  if (!StartsWith(text, pos, word)) return false;
  bool ascii = static_cast<unsigned char>(word[0]) < 0x80;
  if (ascii && pos > 0 && IsWordByte(text[pos - 1])) return false;
  size_t e = pos + word.size();
  return !(e < text.size() && IsWordByte(text[e]) && ascii);
}

bool EndpointAt(std::string_view text, std::string_view lower, size_t pos, const EndpointName& n) {
  return n.exact ? ExactAt(text, pos, n.words) : WordAt(lower, pos, n.words);
}

}  // namespace

bool IsWordByte(unsigned char c) {
  return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || IsDigit(c) || c == '_';
}

std::string Lower(std::string_view s) {
  std::string out(s);
  for (char& c : out) {
    if (c >= 'A' && c <= 'Z') c = static_cast<char>(c - 'A' + 'a');
  }
  return out;
}

bool WordAt(std::string_view lower, size_t pos, std::string_view word) {
  if (pos >= lower.size() || word.empty() || lower[pos] != word[0]) return false;
  if (!StartsWith(lower, pos, word)) return false;
  if (pos > 0 && IsWordByte(lower[pos - 1])) return false;
  size_t e = pos + word.size();
  return !(e < lower.size() && IsWordByte(lower[e]));
}

size_t FindWord(std::string_view lower, std::string_view word, size_t from, size_t to) {
  // Only [from, to) is searched, never the rest of the text.
  std::string_view hay = lower.substr(0, std::min(to + word.size(), lower.size()));
  while (from < to) {
    size_t p = hay.find(word, from);
    if (p == std::string_view::npos || p >= to) return std::string_view::npos;
    if (WordAt(lower, p, word)) return p;
    from = p + 1;
  }
  return std::string_view::npos;
}

size_t RFindWord(std::string_view lower, std::string_view word, size_t from, size_t to) {
  size_t found = std::string_view::npos;
  for (size_t p = FindWord(lower, word, from, to); p != std::string_view::npos;
       p = FindWord(lower, word, p + 1, to)) {
    found = p;
  }
  return found;
}

size_t SkipSpaces(std::string_view text, size_t pos, size_t limit) {
  while (pos < limit && (text[pos] == ' ' || text[pos] == '\t' || text[pos] == '\n')) ++pos;
  if (StartsWith(text, pos, "\xC2\xA0")) return SkipSpaces(text, pos + 2, limit);
  return pos;
}

std::vector<Sentence> SplitSentences(std::string_view text) {
  std::vector<Sentence> out;
  std::string lower = Lower(text);
  size_t start = 0;
  auto close = [&](size_t end) {
    while (start < end && text[start] == ' ') ++start;
    if (end > start) out.push_back({start, end});
    start = end;
  };
  for (size_t i = 0; i < text.size(); ++i) {
    char c = text[i];
    if (c == '\n') {
      close(i);
      start = i + 1;
    } else if (StartsWith(text, i, kChineseStop)) {
      close(i + kChineseStop.size());
      i += kChineseStop.size() - 1;
    } else if ((c == '.' || c == '?' || c == '!') && i + 2 < text.size() && text[i + 1] == ' ') {
      unsigned char n = text[i + 2];
      bool next_starts = (n >= 'A' && n <= 'Z') || IsDigit(n) || n >= 0x80 || n == '(' || n == '[';
      if (next_starts && !(c == '.' && AbbreviationBefore(lower, i))) close(i + 1);
    }
  }
  close(text.size());
  return out;
}

std::optional<Number> NumberAt(std::string_view text, size_t pos) {
  Number n;
  n.begin = pos;
  bool negative = false;
  size_t p = pos;
  if (StartsWith(text, p, kMinus)) {
    negative = true;
    p += kMinus.size();
  } else if (p < text.size() && text[p] == '-') {
    bool after_digit = p > 0 && IsDigit(text[p - 1]);
    if (after_digit) return std::nullopt;
    negative = true;
    ++p;
  }
  std::string digits;
  size_t d0 = p;
  while (p < text.size() && IsDigit(text[p])) {
    digits += text[p++];
    // Thousands: "1,256" (exactly three digits after the comma, no space).
    if (p + 3 < text.size() + 0 && text[p] == ',' && p + 3 <= text.size() &&
        IsDigit(text[p + 1]) && IsDigit(text[p + 2]) && IsDigit(text[p + 3]) &&
        (p + 4 >= text.size() || !IsDigit(text[p + 4])) && p - d0 <= 3) {
      digits += text.substr(p + 1, 3);
      p += 4;
    }
  }
  bool has_int = !digits.empty();
  size_t frac_at = p;
  size_t sep = 0;
  if (StartsWith(text, p, kMiddleDot)) sep = kMiddleDot.size();
  else if (p < text.size() && text[p] == '.') sep = 1;
  n.integer = true;
  if (sep && frac_at + sep < text.size() && IsDigit(text[frac_at + sep])) {
    p = frac_at + sep;
    digits += '.';
    while (p < text.size() && IsDigit(text[p])) digits += text[p++];
    n.integer = false;
  } else if (!has_int) {
    return std::nullopt;
  }
  if (digits.empty() || digits == ".") return std::nullopt;
  if (pos > 0 && (IsWordByte(text[pos - 1]) || text[pos - 1] == '.') && !negative) {
    // Part of a word or identifier ("CA19", "IIIB2", "3.4.5").
    if (!(text[pos - 1] == '.' && pos >= 2 && !IsDigit(text[pos - 2]))) return std::nullopt;
  }
  if (p < text.size() && (text[p] >= 'a' && text[p] <= 'z') && text[p] != 'x') {
    // "2nd", "3rd", "5th", "10mg" is still a number followed by a unit.
    if (StartsWith(text, p, "st") || StartsWith(text, p, "nd") || StartsWith(text, p, "rd") ||
        StartsWith(text, p, "th")) {
      return std::nullopt;
    }
  }
  n.value = std::strtod(digits.c_str(), nullptr) * (negative ? -1 : 1);
  // Counts are cast to integers: a longer run of digits is not a count.
  if (std::fabs(n.value) > 1e12) n.integer = false;
  n.end = p;
  n.after = p;
  size_t q = p;
  while (q < text.size() && text[q] == ' ' && q < p + 2) ++q;
  if (q < text.size() && text[q] == '%') {
    n.percent = true;
    n.after = q + 1;
  } else if (StartsWith(text, q, kFullPct)) {
    n.percent = true;
    n.after = q + kFullPct.size();
  } else if (StartsWith(text, q, "percent") || StartsWith(text, q, "per cent")) {
    n.percent = true;
    n.after = q + (text[q + 3] == ' ' ? 8 : 7);
  }
  return n;
}

std::vector<Number> NumbersIn(std::string_view text, size_t begin, size_t end) {
  std::vector<Number> out;
  for (size_t i = begin; i < end;) {
    unsigned char c = text[i];
    if (IsDigit(c) || c == '-' || c == '.' || StartsWith(text, i, kMinus)) {
      if (auto n = NumberAt(text, i); n && n->end <= end) {
        out.push_back(*n);
        i = n->end;
        continue;
      }
    }
    ++i;
  }
  return out;
}

bool Taken::Overlaps(size_t b, size_t e) const {
  return std::any_of(spans_.begin(), spans_.end(),
                     [&](const Span& s) { return b < s.e && s.b < e; });
}

namespace {
std::optional<int> SpelledBelowHundred(std::string_view lower, size_t pos, size_t* end);
}  // namespace

// "Two hundred ninety-seven", "One hundred and one", "Forty-one".
std::optional<int> SpelledNumberAt(std::string_view lower, size_t pos, size_t* end) {
  // Every number word starts with one of these letters.
  if (pos >= lower.size() || std::strchr("zotfsen", lower[pos]) == nullptr || lower[pos] == '\0') {
    return std::nullopt;
  }
  auto v = SpelledBelowHundred(lower, pos, end);
  if (!v || *v == 0 || *v > 9 || !WordAt(lower, *end + 1, "hundred")) return v;
  int value = *v * 100;
  size_t p = *end + 1 + 7;
  *end = p;
  size_t q = p + 1;
  if (WordAt(lower, q, "and")) q += 4;
  size_t e = 0;
  if (q < lower.size() && lower[p] == ' ') {
    if (auto rest = SpelledBelowHundred(lower, q, &e); rest && *rest > 0) {
      value += *rest;
      *end = e;
    }
  }
  return value;
}

namespace {
std::optional<int> SpelledBelowHundred(std::string_view lower, size_t pos, size_t* end) {
  static constexpr std::string_view kUnits[] = {"zero",    "one",     "two",       "three",    "four",
                                       "five",    "six",     "seven",     "eight",    "nine",
                                       "ten",     "eleven",  "twelve",    "thirteen", "fourteen",
                                       "fifteen", "sixteen", "seventeen", "eighteen", "nineteen"};
  static constexpr std::string_view kTens[] = {"twenty", "thirty", "forty", "fifty",
                                      "sixty",  "seventy", "eighty", "ninety"};
  for (int t = 0; t < 8; ++t) {
    if (!StartsWith(lower, pos, kTens[t])) continue;
    size_t e = pos + kTens[t].size();
    int v = 20 + 10 * t;
    if (e < lower.size() && lower[e] == '-') {
      for (int u = 1; u < 10; ++u) {
        if (WordAt(lower, e + 1, kUnits[u])) {
          *end = e + 1 + kUnits[u].size();
          return v + u;
        }
      }
    }
    if (WordAt(lower, pos, kTens[t])) {
      *end = e;
      return v;
    }
  }
  for (int u = 19; u >= 0; --u) {
    if (WordAt(lower, pos, kUnits[u])) {
      *end = pos + kUnits[u].size();
      return u;
    }
  }
  return std::nullopt;
}
}  // namespace

// Interval grammar: [open] [level% ] CI-word [(CI)] [:|,|=] low sep high [unit] [close].
std::optional<Interval> IntervalAt(std::string_view text, std::string_view lower, size_t pos,
                                   size_t limit) {
  Interval iv;
  size_t p = SkipSpaces(text, pos, limit);
  // Skip a unit or "points" between the value and the interval.
  for (const char* unit : {"points", "point", "months", "month", "weeks", "days", "years"}) {
    if (WordAt(lower, p, unit)) p = SkipSpaces(text, p + std::strlen(unit), limit);
  }
  bool open = false;
  if (StartsWith(text, p, "\xEF\xBC\x8C") || StartsWith(text, p, "\xEF\xBC\x9B")) {
    p = SkipSpaces(text, p + 3, limit);  // "，" "；"
  } else if (p < limit && (text[p] == '(' || text[p] == '[' || text[p] == ';' || text[p] == ',')) {
    open = text[p] == '(' || text[p] == '[';
    p = SkipSpaces(text, p + 1, limit);
  }
  iv.begin = p;
  if (auto lv = NumberAt(text, p); lv && lv->percent && lv->integer && lv->value > 0 && lv->value <= 100) {
    size_t q = SkipSpaces(text, lv->after, limit);
    if (WordAt(lower, q, "ci") || WordAt(lower, q, "confidence") || WordAt(lower, q, "cl") ||
        StartsWith(lower, q, "ci")) {
      iv.level = static_cast<int>(lv->value);
      p = q;
    }
  }
  for (const char* kw : {"confidence intervals", "confidence interval", "confidence limits",
                         "confidence limit", "c.i.", "ci", "cl"}) {
    if (StartsWith(lower, p, kw) && (p + std::strlen(kw) >= lower.size() ||
                                     !IsWordByte(lower[p + std::strlen(kw)]) ||
                                     IsDigit(lower[p + std::strlen(kw)]))) {
      iv.keyword = true;
      p = SkipSpaces(text, p + std::strlen(kw), limit);
      break;
    }
  }
  if (!iv.keyword && iv.level) return std::nullopt;
  if (!iv.keyword && !open) return std::nullopt;
  if (iv.keyword) {
    if (StartsWith(lower, p, "[ci]") || StartsWith(lower, p, "(ci)")) p = SkipSpaces(text, p + 4, limit);
    if (p < limit && (text[p] == ':' || text[p] == ',' || text[p] == '=')) ++p;
    p = SkipSpaces(text, p, limit);
    if (WordAt(lower, p, "of")) p = SkipSpaces(text, p + 2, limit);
  }
  auto low = NumberAt(text, p);
  if (!low || low->end > limit) return std::nullopt;
  iv.low = low->value;
  iv.low_begin = low->begin;
  p = low->after;
  size_t after_unit = SkipSpaces(text, p, limit);
  for (const char* unit : {"months", "weeks", "days", "years", "points"}) {
    if (WordAt(lower, after_unit, unit)) p = after_unit + std::strlen(unit);
  }
  // Separator.
  size_t s = SkipSpaces(text, p, limit);
  if (StartsWith(text, s, kEnDash)) s += kEnDash.size();
  else if (StartsWith(text, s, kEmDash)) s += kEmDash.size();
  else if (StartsWith(text, s, kFullTilde)) s += kFullTilde.size();
  else if (StartsWith(text, s, kMinus) && s == p) s += kMinus.size();
  else if (s < limit && (text[s] == '-' || text[s] == '~' || text[s] == ',')) ++s;
  else if (WordAt(lower, s, "to")) s += 2;
  else return std::nullopt;
  s = SkipSpaces(text, s, limit);
  if (auto high = NumberAt(text, s); high && high->end <= limit) {
    iv.high = high->value;
    p = high->after;
  } else {
    bool matched = false;
    for (const char* na : {"not estimable", "not reached", "not evaluable", "ne", "nr", "na",
                           "n.e.", "n.r."}) {
      if (StartsWith(lower, s, na)) {
        p = s + std::strlen(na);
        matched = true;
        break;
      }
    }
    if (!matched) return std::nullopt;
  }
  iv.high_end = p;
  size_t q = SkipSpaces(text, p, limit);
  for (const char* unit : {"months", "weeks", "days", "years", "points"}) {
    if (WordAt(lower, q, unit)) p = q + std::strlen(unit);
  }
  q = SkipSpaces(text, p, limit);
  if (q < limit && (text[q] == ')' || text[q] == ']')) p = q + 1;
  iv.end = p;
  return iv;
}

std::string PValueAt(std::string_view text, std::string_view lower, size_t pos, size_t limit,
                     size_t* end) {
  size_t p = pos;
  for (int i = 0; i < 3; ++i) {
    p = SkipSpaces(text, p, limit);
    if (p < limit && (text[p] == ',' || text[p] == ';' || text[p] == ')' || text[p] == ']' ||
                      text[p] == '(' || text[p] == '[')) {
      ++p;
    }
  }
  p = SkipSpaces(text, p, limit);
  if (StartsWith(lower, p, "two-sided ") || StartsWith(lower, p, "log-rank ")) {
    p = SkipSpaces(text, lower.find(' ', p), limit);
  }
  if (p >= limit || lower[p] != 'p' || (p + 1 < limit && IsWordByte(lower[p + 1]) &&
                                        !StartsWith(lower, p, "pvalue"))) {
    return {};
  }
  size_t start = p;
  ++p;
  if (StartsWith(lower, p, " value") || StartsWith(lower, p, "-value")) p += 6;
  p = SkipSpaces(text, p, limit);
  if (p < limit && text[p] == ':') p = SkipSpaces(text, p + 1, limit);
  size_t cmp = p;
  if (StartsWith(text, p, kLessEq) || StartsWith(text, p, kGreaterEq)) p += 3;
  else if (StartsWith(text, p, "<=") || StartsWith(text, p, ">=")) p += 2;
  else if (p < limit && (text[p] == '=' || text[p] == '<' || text[p] == '>')) ++p;
  else if (StartsWith(lower, p, "less than")) p += 9;
  if (p == cmp) return {};
  p = SkipSpaces(text, p, limit);
  auto n = NumberAt(text, p);
  if (!n || n->end > limit || n->percent) return {};
  std::string out;
  for (size_t i = start; i < n->end; ++i) {
    if (text[i] != ' ') out += text[i];
  }
  *end = n->end;
  return out;
}

std::string EndpointBefore(std::string_view text, std::string_view lower, size_t from, size_t pos,
                           size_t* at) {
  for (size_t p = pos; p-- > from;) {
    for (const auto& n : kEndpoints) {
      if (EndpointAt(text, lower, p, n) && p + n.words.size() <= pos) {
        // A longer name holding this one ("progression-free survival" for
        // "survival") wins.
        for (size_t q = p > from + 40 ? p - 40 : from; q < p; ++q) {
          for (const auto& m : kEndpoints) {
            if (EndpointAt(text, lower, q, m) && q + m.words.size() > p) {
              if (at) *at = q;
              return m.canonical;
            }
          }
        }
        if (at) *at = p;
        return n.canonical;
      }
    }
  }
  return {};
}

std::string EndpointAfter(std::string_view text, std::string_view lower, size_t pos, size_t to,
                          size_t* at) {
  for (size_t p = pos; p < to; ++p) {
    for (const auto& n : kEndpoints) {
      if (EndpointAt(text, lower, p, n)) {
        if (at) *at = p;
        return n.canonical;
      }
    }
  }
  return {};
}

}  // namespace ckb::knowledge::internal
