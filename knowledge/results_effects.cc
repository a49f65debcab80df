// SPDX-License-Identifier: GPL-3.0-or-later
// Effect estimates: a measure named in the sentence (hazard ratio, HR, odds
// ratio, ...), its value, interval and p value; absolute differences printed
// as percentage points; further estimates printed with an interval after a
// measure in the same or the previous sentence.
#include <cstring>

#include "knowledge/internal/results_rules.h"

namespace ckb::knowledge::internal {
namespace {

struct MeasureName {
  std::string_view words;  // lower case, or as printed when `exact`
  const char* measure;
  bool exact;
};
const MeasureName kMeasures[] = {
    {"incidence rate ratio", "IRR", false}, {"hazard ratio", "HR", false},
    {"hazards ratio", "HR", false},         {"hazard rate", "HR", false},
    {"odds ratio", "OR", false},            {"relative risk", "RR", false},
    {"risk ratio", "RR", false},            {"rate ratio", "RR", false},
    {"risk difference", "RD", false},       {"mean difference", "MD", false},
    {"HRs", "HR", true},                    {"HR", "HR", true},
    {"aHR", "HR", true},                    {"ORs", "OR", true},
    {"OR", "OR", true},                     {"RRs", "RR", true},
    {"RR", "RR", true},                     {"IRR", "IRR", true},
    {"RD", "RD", true},                     {"MD", "MD", true},
};

bool ExactWordAt(std::string_view text, size_t p, std::string_view w) {
  if (p >= text.size() || text[p] != w[0] || text.substr(p, w.size()) != w) return false;
  if (p > 0 && IsWordByte(text[p - 1])) return false;
  size_t e = p + w.size();
  return !(e < text.size() && (IsWordByte(text[e]) || text[e] == '+' || text[e] == '-'));
}

// The measure named at `p`, and its length.
const MeasureName* MeasureAt(const ResultsText& t, size_t p, size_t* len) {
  // Every name starts a word with one of these letters.
  if ((p > 0 && IsWordByte(t.text[p - 1])) || std::strchr("hormiaHORIMR", t.text[p]) == nullptr ||
      t.text[p] == '\0') {
    return nullptr;
  }
  for (const auto& m : kMeasures) {
    bool hit = m.exact ? ExactWordAt(t.text, p, m.words) : WordAt(t.lower, p, m.words);
    if (hit) {
      *len = m.words.size();
      return &m;
    }
  }
  return nullptr;
}

bool TimeUnitAt(std::string_view lower, size_t p) {
  for (const char* u : {"months", "month", "weeks", "week", "days", "years", "year", "mo"}) {
    if (WordAt(lower, p, u)) return true;
  }
  return false;
}

// The value after a measure named at [kb, ke): the first number within a
// short reach that is not an interval level, a percentage (except for
// differences) or a time.
std::optional<Number> ValueAfter(ResultsText& t, const Sentence& s, size_t ke, bool difference,
                                 std::optional<int>* level) {
  size_t limit = std::min(s.end, ke + 70);
  for (const Number& n : NumbersIn(t.text, ke, limit)) {
    size_t after = SkipSpaces(t.text, n.after, s.end);
    if (n.percent && n.value > 0 && n.value <= 100 && (WordAt(t.lower, after, "ci") || WordAt(t.lower, after, "confidence"))) {
      *level = static_cast<int>(n.value);
      continue;
    }
    if (t.taken.Overlaps(n.begin, n.end)) return std::nullopt;
    std::string_view between(t.lower.data() + ke, n.begin - ke);
    if (between.find(';') != std::string_view::npos) return std::nullopt;
    if (TimeUnitAt(t.lower, after)) continue;
    if (n.percent && !difference) return std::nullopt;
    return n;
  }
  return std::nullopt;
}

void FillInterval(ResultsText& t, const Sentence& s, size_t pos, OutcomeEffect* e, size_t* end) {
  auto iv = IntervalAt(t.text, t.lower, pos, std::min(s.end, pos + 90));
  if (!iv) return;
  e->ci_low = iv->low;
  e->ci_high = iv->high;
  e->ci_level = iv->level ? iv->level : t.default_level;
  t.taken.Add(iv->begin, iv->end);
  *end = iv->end;
}

// A p value after the estimate, or else one opening its parenthesis
// ("(P =.0001, hazard ratio, 5.04)").
void FillP(const ResultsText& t, const Sentence& s, size_t pos, size_t measure_at, OutcomeEffect* e) {
  size_t end = 0;
  e->p = PValueAt(t.text, t.lower, pos, std::min(s.end, pos + 30), &end);
  if (!e->p.empty()) return;
  size_t open = t.text.rfind('(', measure_at);
  if (open != std::string_view::npos && open >= s.begin && measure_at - open < 30) {
    e->p = PValueAt(t.text, t.lower, open + 1, measure_at, &end);
  }
}

void Endpoint(const ResultsText& t, const Sentence& s, size_t at, size_t after, OutcomeEffect* e) {
  e->endpoint = EndpointBefore(t.text, t.lower, s.begin, at);
  if (e->endpoint.empty()) e->endpoint = EndpointAfter(t.text, t.lower, after, s.end);
}

OutcomeEffect Make(ResultsText& t, const Sentence& s, const char* measure, const Number& v,
                   size_t measure_at, std::optional<int> level, size_t* end) {
  OutcomeEffect e;
  e.measure = measure;
  e.value = v.value;
  e.source = "text";
  *end = v.after;
  t.taken.Add(v.begin, v.end);
  FillInterval(t, s, v.after, &e, end);
  if (e.ci_low && !e.ci_level) e.ci_level = level ? level : t.default_level;
  FillP(t, s, *end, measure_at, &e);
  Endpoint(t, s, v.begin, *end, &e);
  e.span = t.SpanOf(measure_at, *end, s);
  return e;
}

// "9% improvement (95% CI, 0% to 19%)", "10.5% absolute increase",
// "absolute risk reductions ... were 3.4% for DFS and 2.2% for OS".
void Differences(ResultsText& t, const Sentence& s, std::vector<OutcomeEffect>* out) {
  static const char* const kAbsolute[] = {"absolute risk reduction", "absolute risk difference",
                                          "absolute difference", "absolute reduction",
                                          "absolute increase", "absolute improvement",
                                          "absolute benefit", "absolute gain"};
  size_t abs_at = std::string_view::npos;
  std::string_view sentence = std::string_view(t.lower).substr(0, s.end);
  for (const char* a : kAbsolute) {
    size_t p = sentence.find(a, s.begin);
    if (p < abs_at) abs_at = p;
  }
  for (const Number& n : NumbersIn(t.text, s.begin, s.end)) {
    if (!n.percent || t.taken.Overlaps(n.begin, n.end)) continue;
    size_t after = SkipSpaces(t.text, n.after, s.end);
    bool direct = WordAt(t.lower, after, "absolute") ||
                  ((WordAt(t.lower, after, "improvement") || WordAt(t.lower, after, "difference") ||
                    WordAt(t.lower, after, "increase")) &&
                   IntervalAt(t.text, t.lower, t.lower.find(' ', after), s.end).has_value());
    bool listed = abs_at != std::string_view::npos && n.begin > abs_at && n.begin - abs_at < 90;
    if (!direct && !listed) continue;
    size_t end = n.after;
    size_t word_end = direct ? t.lower.find(' ', after) : n.after;
    if (word_end == std::string_view::npos || word_end > s.end) word_end = n.after;
    if (direct && WordAt(t.lower, after, "absolute")) {
      size_t w2 = t.lower.find(' ', SkipSpaces(t.text, word_end, s.end));
      if (w2 != std::string_view::npos && w2 < s.end) word_end = w2;
    }
    OutcomeEffect e = Make(t, s, "RD", n, n.begin, std::nullopt, &end);
    if (!e.ci_low) {
      size_t e2 = word_end;
      FillInterval(t, s, word_end, &e, &e2);
      if (e.ci_low) FillP(t, s, e2, n.begin, &e);
    }
    if (e.endpoint.empty() || listed) {
      std::string after_ep = EndpointAfter(t.text, t.lower, n.after, std::min(s.end, n.after + 40));
      if (!after_ep.empty()) e.endpoint = after_ep;
    }
    out->push_back(std::move(e));
  }
}

}  // namespace

void ExtractEffects(ResultsText& t, std::vector<OutcomeEffect>* out) {
  const char* last_measure = nullptr;
  for (const Sentence& s : t.sentences) {
    const char* sentence_measure = nullptr;
    for (size_t p = s.begin; p < s.end; ++p) {
      size_t len = 0;
      const MeasureName* m = MeasureAt(t, p, &len);
      if (!m) continue;
      sentence_measure = m->measure;
      std::optional<int> level;
      bool difference = std::strcmp(m->measure, "RD") == 0 || std::strcmp(m->measure, "MD") == 0;
      auto v = ValueAfter(t, s, p + len, difference, &level);
      if (!v) {
        p += len - 1;
        continue;
      }
      size_t end = 0;
      out->push_back(Make(t, s, m->measure, *v, p, level, &end));
      p = end > p ? end - 1 : p;
    }
    // Estimates printed with an interval after a measure was named: "and the
    // prior endocrine-treated subgroup (n = 48) 1.47 (95% CI, 0.63-3.45)".
    const char* measure = sentence_measure ? sentence_measure : last_measure;
    {
      for (const Number& n : NumbersIn(t.text, s.begin, s.end)) {
        if (n.percent || t.taken.Overlaps(n.begin, n.end)) continue;
        auto iv = IntervalAt(t.text, t.lower, n.after, std::min(s.end, n.after + 60));
        if (!iv || !iv->keyword || TimeUnitAt(t.lower, SkipSpaces(t.text, n.after, s.end))) continue;
        // A difference in score points: "(-11.6 points; 99% CI, -8.2 to -15.0)".
        bool points = WordAt(t.lower, SkipSpaces(t.text, n.after, s.end), "points");
        if (!points && !measure) continue;
        if (!points && (n.value <= 0 || n.value > 20 || !iv->low || *iv->low > n.value ||
                        (iv->high && *iv->high < n.value))) {
          continue;
        }
        size_t end = 0;
        out->push_back(Make(t, s, points ? "MD" : measure, n, n.begin, std::nullopt, &end));
      }
    }
    last_measure = sentence_measure;
    Differences(t, s, out);
  }
}

}  // namespace ckb::knowledge::internal
