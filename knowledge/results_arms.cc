// SPDX-License-Identifier: GPL-3.0-or-later
// Sample size and arms: the number randomised ("414 patients ... were
// randomized", "A total of 168 patients", "(N = 112) were randomized") or,
// for a single-arm trial, entered; evaluable, eligible and analysed subsets
// are not the total. Arms with their sizes: "observation (n = 629)",
// "(84 to VP and 87 to VIP)", "Group 1 (15 patients)".
#include <cstring>

#include "knowledge/internal/results_rules.h"

namespace ckb::knowledge::internal {
namespace {

const char* const kPeople[] = {"patients", "women", "men", "subjects", "participants", "children",
                               "adults", "cases", "pts", "individuals", "persons", "people",
                               "volunteers", "girls", "boys", "infants", "eligible patients"};

struct Verb {
  const char* words;
  int score;
};
const Verb kVerbs[] = {{"randomized", 4},     {"randomised", 4},        {"randomly", 4},
                       {"randomization", 3},  {"randomisation", 3},     {"entered", 3},
                       {"enrolled", 3},       {"recruited", 3},         {"accrued", 3},
                       {"registered", 3},     {"included", 2},          {"a total of", 2},
                       {"treated", 1},        {"received", 1},          {"participated", 2},
                       {"allocated", 4},      {"assigned", 4}};
const char* const kSubset[] = {"evaluable", "assessable", "evaluated", "analyzed", "analysed",
                               "eligible and", "were eligible", "died", "had ", "with measurable",
                               "responded", "completed", "achieved", "experienced", "developed"};

struct Candidate {
  int64_t n = 0;
  int score = 0;
  size_t at = 0;
};

// The people noun within a few words after `pos`, or npos.
size_t PeopleAfter(const ResultsText& t, size_t pos, size_t end) {
  size_t p = SkipSpaces(t.text, pos, end);
  for (int words = 0; words < 4 && p < end; ++words) {
    if (t.text[p] >= '0' && t.text[p] <= '9') break;
    for (const char* w : kPeople) {
      if (WordAt(t.lower, p, w)) return p + std::strlen(w);
    }
    while (p < end && (IsWordByte(t.lower[p]) || t.lower[p] == '-' || t.lower[p] == '/')) ++p;
    if (p < end && (t.text[p] == ',' || t.text[p] == '.' || t.text[p] == ';')) break;
    p = SkipSpaces(t.text, p, end);
  }
  return std::string::npos;
}

int ScoreClause(const ResultsText& t, const Sentence& s, size_t b, size_t e) {
  size_t lo = b > s.begin + 40 ? b - 40 : s.begin;
  size_t hi = std::min(s.end, e + 250);
  size_t semi = t.text.find(';', e);
  if (semi != std::string::npos && semi < hi) hi = semi;
  std::string_view near(t.lower.data() + e, std::min(hi, e + 14) - e);
  for (const char* sub : kSubset) {
    if (near.find(sub) != std::string_view::npos) return 0;
  }
  int best = 0;
  for (const auto& v : kVerbs) {
    size_t p = FindWord(t.lower, v.words, lo, hi);
    if (p != std::string::npos && v.score > best) best = v.score;
  }
  // A study described as run "in 20 men with ...": the people it enrolled.
  bool in_before = b >= s.begin + 3 && std::string_view(t.lower).substr(b - 3, 3) == "in ";
  if (best < 2 && in_before && (FindWord(t.lower, "study", s.begin, s.end) != std::string::npos ||
                                FindWord(t.lower, "trial", s.begin, s.end) != std::string::npos)) {
    best = 2;
  }
  return best;
}

void SampleSize(ResultsText& t, Outcomes* out) {
  Candidate best;
  for (const Sentence& s : t.sentences) {
    for (size_t p = s.begin; p < s.end; ++p) {
      int64_t value = 0;
      size_t end = 0;
      const size_t start = p;
      if (t.text[p] >= '0' && t.text[p] <= '9' && (p == 0 || !IsWordByte(t.text[p - 1]))) {
        auto n = NumberAt(t.text, p);
        if (!n) continue;
        p = n->end - 1;
        if (!n->integer || n->percent || n->value < 5 || n->value > 1e9) continue;  // no study of 10^9 people
        value = static_cast<int64_t>(n->value);
        end = n->end;
        bool n_equals = false;
        // "(n=509)", "(N = 112)".
        size_t b = n->begin;
        while (b > s.begin && (t.text[b - 1] == ' ' || t.text[b - 1] == '=')) --b;
        if (b > s.begin + 1 && (t.lower[b - 1] == 'n') && t.text[b - 2] == '(') n_equals = true;
        if (!n_equals && PeopleAfter(t, end, s.end) == std::string::npos) continue;
        if (!n_equals && b > s.begin && t.text[b - 1] == '(') continue;
      } else if (p == s.begin || (p > 0 && t.text[p - 1] == ' ')) {
        auto v = SpelledNumberAt(t.lower, p, &end);
        if (!v || *v < 5 || PeopleAfter(t, end, s.end) == std::string::npos) continue;
        value = *v;
      } else {
        continue;
      }
      int score = ScoreClause(t, s, start, end);
      if (score > best.score) best = {value, score, start};
      p = std::max(p, end > 0 ? end - 1 : p);
    }
  }
  if (best.score >= 2) out->n_total = best.n;
}

// The label before `pos`: up to five words back to a delimiter.
std::string LabelBefore(const ResultsText& t, const Sentence& s, size_t pos) {
  static const char* const kStops[] = {"to", "or", "and", "either", "receive", "versus", "vs",
                                       "with", "of", "into", "the", "in", "were", "was"};
  size_t e = pos;
  while (e > s.begin && t.text[e - 1] == ' ') --e;
  size_t b = e;
  for (int words = 0; words < 5 && b > s.begin; ++words) {
    size_t w = b;
    while (w > s.begin && t.text[w - 1] == ' ') --w;
    size_t ws = w;
    while (ws > s.begin && t.text[ws - 1] != ' ' && t.text[ws - 1] != ',' && t.text[ws - 1] != ';' &&
           t.text[ws - 1] != '(' && t.text[ws - 1] != ':') {
      --ws;
    }
    std::string_view word(t.lower.data() + ws, w - ws);
    bool stop = false;
    for (const char* st : kStops) stop = stop || word == st;
    if (stop || ws == w) break;
    b = ws;
    if (ws > s.begin && t.text[ws - 1] != ' ') break;
  }
  return std::string(t.text.substr(b, e - b));
}

void Arms(ResultsText& t, Outcomes* out) {
  for (const Sentence& s : t.sentences) {
    for (size_t p = t.text.find('(', s.begin); p != std::string::npos && p < s.end;
         p = t.text.find('(', p + 1)) {
      size_t q = SkipSpaces(t.text, p + 1, s.end);
      bool n_eq = q < s.end && t.lower[q] == 'n';
      if (n_eq) q = SkipSpaces(t.text, q + 1, s.end);
      if (n_eq && q < s.end && t.text[q] == '=') q = SkipSpaces(t.text, q + 1, s.end);
      else if (n_eq) continue;
      auto n = NumberAt(t.text, q);
      if (!n || !n->integer || n->percent) continue;
      size_t after = SkipSpaces(t.text, n->end, s.end);
      bool people = !n_eq && (WordAt(t.lower, after, "patients") || WordAt(t.lower, after, "pts"));
      if (!(n_eq || people)) continue;
      size_t close = t.text.find(')', after);
      if (close == std::string::npos || close > s.end || close > after + 10) continue;
      std::string label = LabelBefore(t, s, p);
      if (label.empty() || label.size() > 60) continue;
      if (out->n_total && static_cast<int64_t>(n->value) == *out->n_total) continue;
      out->arms.push_back({label, static_cast<int64_t>(n->value)});
    }
  }
}

}  // namespace

void ExtractArms(ResultsText& t, Outcomes* out) {
  SampleSize(t, out);
  Arms(t, out);
}

}  // namespace ckb::knowledge::internal
