// SPDX-License-Identifier: GPL-3.0-or-later
// Medians of time-to-event outcomes: durations ("10.2 months", "36 weeks",
// "9.9个月") and the numbers listed with them ("188, 259, and 252 days",
// "6.9 versus 7.8 months") in a sentence that speaks of a median, or that
// compares survival times. Median follow-up, age, dose, cycles and treatment
// duration are not outcomes; neither are means, ranges or landmarks.
#include <cstring>

#include "knowledge/internal/results_rules.h"

namespace ckb::knowledge::internal {
namespace {

struct Unit {
  const char* words;
  const char* unit;
};
const Unit kUnits[] = {{"months", "months"}, {"month", "months"}, {"mo", "months"},
                       {"weeks", "weeks"},   {"week", "weeks"},   {"wk", "weeks"},
                       {"days", "days"},     {"day", "days"},     {"years", "years"},
                       {"year", "years"},    {"yr", "years"},     {"个月", "months"},
                       {"月", "months"},     {"周", "weeks"},     {"天", "days"},
                       {"年", "years"}};

const char* UnitAt(const ResultsText& t, size_t p, size_t* end) {
  size_t q = SkipSpaces(t.text, p, t.text.size());
  for (const auto& u : kUnits) {
    bool cjk = static_cast<unsigned char>(u.words[0]) >= 0x80;
    if (cjk ? t.text.substr(q, std::strlen(u.words)) == u.words
            : (q > p && WordAt(t.lower, q, u.words))) {
      *end = q + std::strlen(u.words);
      if (!cjk && *end < t.text.size() && t.text[*end] == '.') ++*end;
      return u.unit;
    }
  }
  return nullptr;
}

// The words after "median" that make it something other than an outcome.
bool NotOutcomeMedian(std::string_view lower, size_t after) {
  static const char* const kNot[] = {
      "follow", "age",      "aged",     "dose",    "number",   "duration of treatment",
      "duration of therapy", "duration of exposure", "treatment duration", "time on",
      "cycles", "of ",      "observation", "interval",
      "relative dose", "exposure", "time to onset", "time to recovery", "time to resolution",
      "time to response", "time to first response", "course", "value", "score", "level",
      "psa", "weight", "reduction", "decrease", "change", "tumor size", "tumour size"};
  size_t p = after;
  while (p < lower.size() && (lower[p] == ' ' || lower[p] == '-')) ++p;
  for (const char* n : kNot) {
    if (lower.substr(p, std::strlen(n)) == n) return true;
  }
  return false;
}

const char* const kTimeToEvent[] = {"survival", "survived", "time to", "time-to", "pfs", "ttp",
                                    "duration of response", "response duration", "dfs", "rfs",
                                    "efs", "中位"};

bool SpeaksOfEvents(const ResultsText& t, const Sentence& s) {
  std::string_view lower = std::string_view(t.lower).substr(0, s.end);
  for (const char* w : kTimeToEvent) {
    if (lower.find(w, s.begin) != std::string::npos) return true;
  }
  std::string_view text = t.text.substr(0, s.end);
  for (size_t p = text.find("OS", s.begin); p != std::string::npos; p = text.find("OS", p + 1)) {
    if (WordAt(t.text, p, "OS")) return true;
  }
  return false;
}

// Whether the last of "median" / "mean" before `pos` is a median of an outcome.
// Without either, the sentence must compare time-to-event durations.
// The last "median" before `pos` that is not inside a parenthesis closed
// before `pos` ("(95% CI, 4.3-8.4 weeks; median treatment duration, 8 weeks)").
size_t LastMedian(const ResultsText& t, const Sentence& s, size_t pos) {
  for (size_t to = pos;;) {
    size_t med = RFindWord(t.lower, "median", s.begin, to);
    if (med == std::string::npos) return med;
    int depth = 0;
    bool closed = false;
    for (size_t i = med; i < pos; ++i) {
      if (t.text[i] == '(' || t.text[i] == '[') ++depth;
      if (t.text[i] == ')' || t.text[i] == ']') closed = closed || --depth < 0;
    }
    if (!closed) return med;
    to = med;
  }
}

// Words between "median" and the number that make it no outcome.
bool NotOutcomeBetween(const ResultsText& t, size_t med, size_t pos) {
  for (const char* w : {"follow-up", "follow", "age", "aged"}) {
    if (FindWord(t.lower, w, med, pos) != std::string::npos) return true;
  }
  return false;
}

bool MedianContext(const ResultsText& t, const Sentence& s, size_t pos, bool listed) {
  size_t med = LastMedian(t, s, pos);
  size_t mean = RFindWord(t.lower, "mean", s.begin, pos);
  size_t cn = t.text.rfind("中位", pos);
  if (cn != std::string::npos && cn >= s.begin && (med == std::string::npos || cn > med)) med = cn;
  if (mean != std::string::npos && (med == std::string::npos || mean > med)) return false;
  if (med != std::string::npos) {
    return !NotOutcomeMedian(t.lower, med + 6) && !NotOutcomeBetween(t, med, pos);
  }
  return listed && SpeaksOfEvents(t, s);
}

// Words before a duration that make it a landmark, a follow-up time, an
// interval of treatment or an age.
bool LandmarkBefore(const ResultsText& t, const Sentence& s, size_t pos) {
  static const char* const kBefore[] = {"at", "after", "within", "every", "each", "up to", "for",
                                        "over", "last", "first", "aged", "age", "since", "before",
                                        "during", "beyond", "than", "of at least", "least",
                                        "follow-up", "follow-up of", "followed", "q", "per",
                                        "range", "ranging", "to", "from", "by"};
  size_t p = pos;
  while (p > s.begin && t.text[p - 1] == ' ') --p;
  size_t w = p;
  while (w > s.begin && (IsWordByte(t.lower[w - 1]) || t.lower[w - 1] == '-')) --w;
  std::string_view word(t.lower.data() + w, p - w);
  for (const char* b : kBefore) {
    if (word == b) return true;
  }
  // "(range 1-26+ months)".
  size_t open = t.text.rfind('(', pos);
  size_t close = t.text.rfind(')', pos);
  if (open != std::string::npos && open >= s.begin && (close == std::string::npos || close < open)) {
    std::string_view inside(t.lower.data() + open, pos - open);
    if (inside.find("range") != std::string_view::npos) return true;
  }
  return false;
}

// A duration naming a landmark: "1, 2 and 5 year projected survival".
bool LandmarkAfter(const ResultsText& t, size_t unit_end) {
  size_t p = SkipSpaces(t.text, unit_end, t.text.size());
  for (const char* w : {"survival", "overall", "projected", "os", "pfs", "dfs", "rfs", "efs",
                        "rate", "rates", "event", "progression", "disease", "recurrence",
                        "landmark", "mortality", "estimated", "actuarial", "cumulative"}) {
    if (WordAt(t.lower, p, w)) return true;
  }
  return false;
}

// Comparators and ages before a duration: "< 65 years", "age (?65 years".
bool ComparatorBefore(const ResultsText& t, const Sentence& s, size_t pos) {
  size_t p = pos;
  while (p > s.begin && t.text[p - 1] == ' ') --p;
  if (p > s.begin && (t.text[p - 1] == '<' || t.text[p - 1] == '>' || t.text[p - 1] == '?' ||
                      t.text[p - 1] == '=')) {
    return true;
  }
  if (p >= s.begin + 3 && (static_cast<unsigned char>(t.text[p - 3]) == 0xE2)) return true;
  size_t lo = pos > s.begin + 14 ? pos - 14 : s.begin;
  return FindWord(t.lower, "age", lo, pos) != std::string::npos;
}

bool RangeAround(const ResultsText& t, const Number& n) {
  size_t b = n.begin;
  if (b > 0 && (t.text[b - 1] == '-' || t.text[b - 1] == '~')) return true;
  if (b >= 3 && t.text.substr(b - 3, 3) == "\xE2\x80\x93") return true;
  if (b >= 4 && std::string_view(t.lower).substr(b - 4, 4) == " to ") {
    return b >= 5 && (t.text[b - 5] >= '0' && t.text[b - 5] <= '9');
  }
  size_t e = n.end;
  return e < t.text.size() && (t.text[e] == '-' || t.text[e] == '+' ||
                               t.text.substr(e, 3) == "\xE2\x80\x93");
}

// Whether [a, b) joins two listed numbers: ", ", " and ", " versus ", " vs ", "/".
bool ListJoin(std::string_view lower, size_t a, size_t b) {
  std::string_view j = lower.substr(a, b - a);
  static const char* const kJoins[] = {", ",      ",",        " and ",  ", and ", " or ",
                                       " versus ", " vs ",    " vs. ",  " v ",    " v. ",
                                       "/",        " / ",     ", versus ", " vs.", " and, "};
  for (const char* k : kJoins) {
    if (j == k) return true;
  }
  return false;
}

void AddMedian(ResultsText& t, const Sentence& s, const Number& n, const char* unit, size_t end,
               std::vector<OutcomeMedian>* out) {
  OutcomeMedian m;
  m.value = n.value;
  m.unit = unit;
  m.source = "text";
  size_t stop = end;
  if (auto iv = IntervalAt(t.text, t.lower, end, std::min(s.end, end + 80)); iv && iv->keyword) {
    m.ci_low = iv->low;
    m.ci_high = iv->high;
    t.taken.Add(iv->begin, iv->end);
    stop = iv->end;
  }
  m.endpoint = EndpointBefore(t.text, t.lower, s.begin, n.begin);
  if (m.endpoint.empty() || m.endpoint == "ORR") {
    m.endpoint = EndpointAfter(t.text, t.lower, stop, s.end);
  }
  t.taken.Add(n.begin, n.end);
  m.span = t.SpanOf(n.begin, stop, s);
  out->push_back(std::move(m));
}

}  // namespace

void ExtractMedians(ResultsText& t, std::vector<OutcomeMedian>* out) {
  for (const Sentence& s : t.sentences) {
    std::vector<Number> nums = NumbersIn(t.text, s.begin, s.end);
    std::vector<const char*> units(nums.size(), nullptr);
    std::vector<size_t> ends(nums.size(), 0);
    for (size_t i = 0; i < nums.size(); ++i) {
      if (!nums[i].percent) units[i] = UnitAt(t, nums[i].end, &ends[i]);
    }
    // Numbers listed before a duration take its unit.
    std::vector<bool> listed(nums.size(), false);
    std::vector<size_t> first(nums.size());
    for (size_t i = 0; i < nums.size(); ++i) first[i] = i;
    for (size_t i = nums.size(); i-- > 1;) {
      if (!units[i]) continue;
      for (size_t j = i; j-- > 0 && !units[j] && !nums[j].percent;) {
        if (!ListJoin(t.lower, nums[j].end, nums[j + 1].begin)) break;
        units[j] = units[i];
        ends[j] = nums[j].end;
        listed[j] = listed[j + 1] = true;
        first[i] = j;
      }
      for (size_t j = first[i]; j < i; ++j) first[j] = first[i];
    }
    for (size_t i = 0; i + 1 < nums.size(); ++i) {
      if (units[i] && units[i + 1] && ListJoin(t.lower, ends[i], nums[i + 1].begin)) {
        listed[i] = listed[i + 1] = true;
      }
      std::string_view j(t.lower.data() + ends[i], nums[i + 1].begin - std::min(ends[i], nums[i + 1].begin));
      if (units[i] && units[i + 1] && (j.find(" vs") != std::string_view::npos ||
                                       j.find(" versus ") != std::string_view::npos ||
                                       j.find(" v ") != std::string_view::npos)) {
        listed[i] = listed[i + 1] = true;
      }
    }
    for (size_t i = 0; i < nums.size(); ++i) {
      const Number& n = nums[i];
      if (!units[i] || n.value < 0 || t.taken.Overlaps(n.begin, n.end)) continue;
      if (RangeAround(t, n) || LandmarkBefore(t, s, n.begin)) continue;
      if (first[i] != i && LandmarkBefore(t, s, nums[first[i]].begin)) continue;
      if (ComparatorBefore(t, s, n.begin)) continue;
      size_t last = i;
      while (last + 1 < nums.size() && first[last + 1] == first[i] && first[i] != last + 1) ++last;
      size_t unit_end = 0;
      if (UnitAt(t, nums[last].end, &unit_end) && LandmarkAfter(t, unit_end)) continue;
      if (!MedianContext(t, s, n.begin, listed[i])) continue;
      AddMedian(t, s, n, units[i], ends[i], out);
    }
  }
}

}  // namespace ckb::knowledge::internal
