// SPDX-License-Identifier: GPL-3.0-or-later
// Outcome rates: percentages near words of response, remission, survival,
// death, recurrence or progression, and not nearer to words of toxicity,
// dose, baseline or design ("grade 3 neutropenia 12%", "aged over 65: 29%",
// "a target CR rate of >=75%"). Counts printed with the percentage ("55 of
// 82 (67%)", "79% (42/53)", "9.1% (n = 3)") are kept.
#include <cstring>

#include "knowledge/internal/results_rules.h"

namespace ckb::knowledge::internal {
namespace {

struct Cue {
  const char* words;  // lower case; matched at a word start
  const char* endpoint;  // the rate's endpoint, or "" for a negative cue
};
const Cue kPositive[] = {
    {"objective response", "ORR"}, {"overall response", "ORR"}, {"response rate", "ORR"},
    {"responded", "ORR"},          {"responders", "ORR"},       {"responses", "ORR"},
    {"response", "ORR"},           {"complete remission", "CR"}, {"partial remission", "PR"},
    {"complete response", "CR"},   {"partial response", "PR"},  {"remission", "CR"},
    {"stable disease", "SD"},      {"progressive disease", "PD"}, {"disease control", "DCR"},
    {"clinical benefit", "CBR"},   {"pathologic complete", "pCR"}, {"pathological complete", "pCR"},
    {"orr", "ORR"},  {"cr", "CR"},  {"pr", "PR"},  {"sd", "SD"},  {"pd", "PD"},  {"dcr", "DCR"},
    {"cbr", "CBR"},  {"pcr", "pCR"}, {"tgcr", "DCR"}, {"survival", "OS"}, {"survived", "OS"},
    {"alive", "OS"}, {"died", "deaths"}, {"deaths", "deaths"}, {"death", "deaths"},
    {"mortality", "deaths"}, {"recurrence", "recurrence"}, {"recurred", "recurrence"},
    {"relapse", "relapse"}, {"progression", "progression"}, {"progressed", "progression"},
    {"incidence", "incidence"}, {"control rate", "DCR"}, {"regression", "regression"},
    {"os", "OS"}, {"pfs", "PFS"}, {"dfs", "DFS"}, {"efs", "EFS"}, {"rfs", "RFS"},
    {"event-free", "EFS"}, {"disease-free", "DFS"}, {"progression-free", "PFS"},
    {"breast-conserving", "breast-conserving surgery"}, {"cr/cru", "CR"}, {"cbrs", "CBR"},
    {"orrs", "ORR"}, {"dcrs", "DCR"}, {"resistant disease", "resistant disease"},
    {"refractory", "refractory"}, {"remain in remission", "remission"},
};
const char* const kNegative[] = {
    "toxicit", "adverse", "grade", "neutropeni", "leukopeni", "thrombocytopeni", "anemia",
    "anaemia", "nausea", "vomiting", "diarrh", "fatigue", "alopecia", "neuropath", "mucositis",
    "stomatitis", "rash", "hand-foot", "infection", "febrile", "side effect", "dose", "doses",
    "intensity", "compliance", "completed", "completion", "questionnaire", "adherence",
    "baseline", "male", "female", "aged", "age ", "years old", "stage", "performance status",
    "ecog", "eligib", "discontinu", "withdr", "relative", "risk reduction", "reduction in",
    "reduced", "lower risk", "power", "alpha", "probability", "cycles", "courses", "hospital",
    "resection", "benchmark", "target", "threshold", "expected", "hypothes", "assum",
    "previous", "historical", "older", "literature", "prior", "improvement", "event rates were",
    "interim", "ineligib", "positive", "negative", "expressi", "mutation", "smok", "tumor size",
    "shrinkage", "decline", "mean", "median", "ratio", "hr ", "lymph", "histolog",
    "metastas", "cardiotox", "phlebitis", "toxic", "stopped", "because of", "due to",
};

// Distance from the percentage at [b, e) to the nearest cue of a list
// within the sentence window, and the positive cue's endpoint.
size_t NearestPositive(const ResultsText& t, size_t lo, size_t hi, size_t b, size_t e,
                       const char** endpoint) {
  size_t best = std::string::npos;
  for (const auto& c : kPositive) {
    for (size_t p = FindWord(t.lower, c.words, lo, hi); p != std::string::npos;
         p = FindWord(t.lower, c.words, p + 1, hi)) {
      size_t d = p >= e ? p - e : (p + std::strlen(c.words) <= b ? b - p - std::strlen(c.words) : 0);
      // Cues before the number are read first, as in "response rate was 18%".
      if (p >= e) d = d * 2 + 4;
      if (d < best) {
        best = d;
        *endpoint = c.endpoint;
        size_t from = p > lo + 30 ? p - 30 : lo;
        if (std::string_view(t.lower).substr(from, p - from).find("patholog") != std::string::npos) *endpoint = "pCR";
      }
    }
  }
  return best;
}

size_t NearestNegative(const ResultsText& t, size_t lo, size_t hi, size_t b, size_t e) {
  size_t best = std::string::npos;
  for (const char* c : kNegative) {
    // A cue starting before `hi` counts whole.
    std::string_view window = std::string_view(t.lower).substr(0, hi + std::strlen(c));
    for (size_t p = window.find(c, lo); p != std::string::npos && p < hi; p = window.find(c, p + 1)) {
      if (p > 0 && IsWordByte(t.lower[p - 1])) continue;
      size_t d = p >= e ? p - e : (p + std::strlen(c) <= b ? b - p - std::strlen(c) : 0);
      if (p >= e) d = d * 2 + 4;
      if (d < best) best = d;
    }
  }
  return best;
}

// Comparators and thresholds: ">= 75%", "at least 50%", "more than 10%".
bool ThresholdBefore(const ResultsText& t, const Sentence& s, size_t b) {
  size_t p = b;
  while (p > s.begin && t.text[p - 1] == ' ') --p;
  if (p > s.begin && (t.text[p - 1] == '>' || t.text[p - 1] == '<' || t.text[p - 1] == '=')) {
    return t.text[p - 1] != '=' || (p >= 2 && (t.text[p - 2] == '>' || t.text[p - 2] == '<'));
  }
  if (p >= 3 && (t.text.substr(p - 3, 3) == "\xE2\x89\xA5" || t.text.substr(p - 3, 3) == "\xE2\x89\xA4")) {
    return true;
  }
  for (const char* w : {"at least", "more than", "greater than", "less than", "over", "above",
                        "up to", "exceed", "exceeding", "by", "under", "below", "than", "~",
                        "approximately", "about", "nearly", "almost", "only"}) {
    size_t n = std::strlen(w);
    if (p >= s.begin + n && std::string_view(t.lower).substr(p - n, n) == w &&
        (p - n == 0 || !IsWordByte(t.lower[p - n - 1]))) {
      return true;
    }
  }
  return false;
}

// Counts printed with the percentage.
void Counts(const ResultsText& t, const Sentence& s, const Number& n, OutcomeRate* r) {
  // Before: "55 of 82 (67%)", "4/51 patients ... (8%)", "198 (52%)".
  if (n.begin >= 1 && t.text[n.begin - 1] == '(') {
    size_t p = n.begin - 1;
    while (p > s.begin && t.text[p - 1] == ' ') --p;
    // "35 of 70 patients (50%)".
    for (const char* w : {"patients", "pts", "women", "men"}) {
      size_t len = std::strlen(w);
      if (p >= s.begin + len + 1 && t.lower.compare(p - len, len, w) == 0 &&
          t.text[p - len - 1] == ' ') {
        p -= len + 1;
        break;
      }
    }
    size_t w = p;
    while (w > s.begin && IsWordByte(t.text[w - 1])) --w;
    std::vector<Number> before = NumbersIn(t.text, s.begin, p);
    std::string_view word = std::string_view(t.lower).substr(w, p - w);
    if (!before.empty() && before.back().end == p && before.back().integer) {
      r->n_events = static_cast<int64_t>(before.back().value);
      if (before.size() >= 2) {
        const Number& a = before[before.size() - 2];
        std::string_view j = std::string_view(t.lower).substr(a.end, before.back().begin - a.end);
        if (j == "/" || j == " of ") {
          r->n_events = static_cast<int64_t>(a.value);
          r->n = static_cast<int64_t>(before.back().value);
        }
      }
    } else if (size_t e = 0; !word.empty() && SpelledNumberAt(t.lower, w, &e) && e == p) {
      r->n_events = *SpelledNumberAt(t.lower, w, &e);
    }
    return;
  }
  // After: "79% (42/53)", "9.1% (n = 3)".
  size_t p = SkipSpaces(t.text, n.after, s.end);
  if (p >= s.end || t.text[p] != '(') return;
  p = SkipSpaces(t.text, p + 1, s.end);
  if (std::string_view(t.lower).substr(p, 1) == "n") p = SkipSpaces(t.text, p + 1, s.end);
  if (p < s.end && t.text[p] == '=') p = SkipSpaces(t.text, p + 1, s.end);
  auto a = NumberAt(t.text, p);
  if (!a || !a->integer || a->percent) return;
  r->n_events = static_cast<int64_t>(a->value);
  if (a->end < s.end && t.text[a->end] == '/') {
    if (auto b = NumberAt(t.text, a->end + 1); b && b->integer) r->n = static_cast<int64_t>(b->value);
  }
}

// Sentences about other studies or the design: "Older reports suggest a
// response rate of 8%".
bool Background(const ResultsText& t, const Sentence& s) {
  for (const char* w : {"older report", "previous stud", "previously reported", "historical",
                        "literature", "have reported", "has been reported", "suggest",
                        "sample size", "was calculated", "to detect", "power"}) {
    if (std::string_view(t.lower).substr(0, s.end).find(w, s.begin) != std::string::npos) return true;
  }
  return false;
}

// The clause around [b, e): not past ';' either way.
void ClauseBounds(const ResultsText& t, const Sentence& s, size_t b, size_t e, size_t* lo,
                  size_t* hi) {
  *lo = b > s.begin + 90 ? b - 90 : s.begin;
  *hi = std::min(s.end, e + 50);
  size_t semi = t.text.rfind(';', b);
  if (semi != std::string::npos && semi >= *lo) *lo = semi + 1;
  semi = t.text.find(';', e);
  if (semi != std::string::npos && semi < *hi) *hi = semi;
}

// Percentages of a sentence: printed with a sign, spelled out ("Forty-nine
// percent"), or listed before one ("45 vs. 35%").
std::vector<Number> Percentages(const ResultsText& t, const Sentence& s) {
  std::vector<Number> nums = NumbersIn(t.text, s.begin, s.end);
  for (size_t i = nums.size(); i-- > 1;) {
    if (!nums[i].percent || nums[i - 1].percent) continue;
    std::string_view j(t.lower.data() + nums[i - 1].end, nums[i].begin - nums[i - 1].end);
    if (j == " vs. " || j == " vs " || j == " versus " || j == " v " || j == " and ") {
      nums[i - 1].percent = true;
    }
  }
  std::vector<Number> out;
  for (const Number& n : nums) {
    if (n.percent) out.push_back(n);
  }
  std::string_view sentence = std::string_view(t.lower).substr(0, s.end);
  for (size_t pc = sentence.find(" percent", s.begin); pc != std::string::npos;
       pc = sentence.find(" percent", pc + 1)) {
    // The word before: "forty-nine percent".
    size_t p = pc;
    while (p > s.begin && (IsWordByte(t.lower[p - 1]) || t.lower[p - 1] == '-')) --p;
    size_t e = 0;
    auto v = SpelledNumberAt(t.lower, p, &e);
    if (!v || e != pc) continue;
    Number n;
    n.begin = p;
    n.end = e;
    n.after = e + 8;
    n.value = *v;
    n.percent = n.integer = true;
    out.push_back(n);
  }
  return out;
}

// A percentage misprinted in a list of durations: "5.1% versus 5.5 months".
bool BeforeDuration(const ResultsText& t, const Sentence& s, const Number& n) {
  size_t p = SkipSpaces(t.text, n.after, s.end);
  for (const char* j : {"versus ", "vs. ", "vs ", "v "}) {
    if (t.lower.compare(p, std::strlen(j), j) != 0) continue;
    auto m = NumberAt(t.text, p + std::strlen(j));
    if (!m || m->percent) return false;
    size_t q = SkipSpaces(t.text, m->end, s.end);
    return WordAt(t.lower, q, "months") || WordAt(t.lower, q, "weeks") ||
           WordAt(t.lower, q, "days") || WordAt(t.lower, q, "years");
  }
  return false;
}

}  // namespace

void ExtractRates(ResultsText& t, std::vector<OutcomeRate>* out) {
  for (const Sentence& s : t.sentences) {
    if (Background(t, s)) continue;
    for (const Number& n : Percentages(t, s)) {
      if (BeforeDuration(t, s, n)) continue;
      if (!n.percent || n.value < 0 || n.value > 100 || t.taken.Overlaps(n.begin, n.after)) continue;
      size_t after = SkipSpaces(t.text, n.after, s.end);
      if (WordAt(t.lower, after, "ci") || WordAt(t.lower, after, "confidence") ||
          WordAt(t.lower, after, "cl") || std::string_view(t.lower).substr(after, 2) == "ci") {
        continue;
      }
      if (ThresholdBefore(t, s, n.begin)) continue;
      if (after < s.end && (t.text[after] == '-' || WordAt(t.lower, after, "to"))) continue;
      if (n.begin > 0 && (t.text[n.begin - 1] == '-' || t.text[n.begin - 1] == '~')) continue;
      size_t lo = 0, hi = 0;
      ClauseBounds(t, s, n.begin, n.after, &lo, &hi);
      const char* endpoint = "";
      size_t pos = NearestPositive(t, lo, hi, n.begin, n.after, &endpoint);
      if (pos == std::string::npos) continue;
      if (NearestNegative(t, lo, hi, n.begin, n.after) <= pos) continue;
      OutcomeRate r;
      r.value = n.value;
      r.endpoint = endpoint;
      r.source = "text";
      Counts(t, s, n, &r);
      t.taken.Add(n.begin, n.after);
      r.span = t.SpanOf(n.begin, n.after, s);
      out->push_back(std::move(r));
    }
  }
}

}  // namespace ckb::knowledge::internal
