// SPDX-License-Identifier: GPL-3.0-or-later
// Pattern rules on normalised text: trial registry numbers (NCT, ChiCTR,
// ISRCTN, EudraCT), trial phase and sample size.
#include <re2/re2.h>

#include <algorithm>
#include <cctype>
#include <cstring>
#include <string_view>
#include <unordered_set>

#include "knowledge/internal/entity_rules.h"
#include "knowledge/internal/re_match.h"

namespace ckb::knowledge::internal {

TextView::TextView(std::string_view t, const text::NormText& n, std::string_view f)
    : text(t), norm(&n), cp_bytes(text::CodePointOffsets(t)), field(f) {}

Hit TextView::MakeHit(size_t nb, size_t ne, std::string type, std::string id,
                      std::string name) const {
  Hit h;
  h.nb = nb;
  h.ne = ne;
  auto span = norm->Span(nb, ne);
  h.m.field = std::string(field);
  h.m.start = span.first;
  h.m.end = span.second;
  size_t last = cp_bytes.size() - 1;
  size_t b = cp_bytes[std::min<size_t>(span.first, last)];
  size_t e = cp_bytes[std::min<size_t>(span.second, last)];
  h.m.text = std::string(text.substr(b, e - b));
  h.m.type = std::move(type);
  h.m.id = std::move(id);
  h.m.name = std::move(name);
  return h;
}

bool TextView::UpperAt(size_t nb) const {
  if (nb >= norm->text.size()) return false;
  size_t cp = norm->start[nb];
  size_t byte = cp_bytes[std::min<size_t>(cp, cp_bytes.size() - 1)];
  return byte < text.size() && text[byte] >= 'A' && text[byte] <= 'Z';
}

namespace {

// Whether `t` holds `literal`. Each pattern below needs a literal that most
// texts lack ("nct", "phase", "=", a digit ...); looking for it first skips
// the regular expression for those texts, and a process that never meets
// the literal (a one-query `ckb search`) never compiles the expression.
bool Has(std::string_view t, std::string_view literal) {
  return t.find(literal) != std::string_view::npos;
}

std::string Upper(std::string s) {
  for (char& c : s)
    if (c >= 'a' && c <= 'z') c = static_cast<char>(c - 'a' + 'A');
  return s;
}

std::string Digits(const re2::StringPiece& p) {
  std::string out;
  for (char c : p)
    if (c >= '0' && c <= '9') out.push_back(c);
  return out;
}

void AddTrial(const TextView& tv, const FindFn& find, size_t b, size_t e, const std::string& reg,
              std::vector<Hit>* hits) {
  std::string id = "trial:" + reg;
  const LexiconEntry* le = find(id);
  hits->push_back(tv.MakeHit(b, e, "trial", id, le ? le->name : reg));
}

void AddRegistryHits(const TextView& tv, const FindFn& find, std::vector<Hit>* hits) {
  std::string_view t = tv.norm->text;
  if (Has(t, "nct")) {
    static const RE2 nct(R"((?:^|[^a-z0-9])(nct ?(\d{8}))(?:[^0-9]|$))");
    ForEachMatch(nct, t, 3, [&](const std::vector<re2::StringPiece>& g) {
      AddTrial(tv, find, Off(t, g[1]), Off(t, g[1]) + g[1].size(), "NCT" + Digits(g[2]), hits);
    });
  }
  if (Has(t, "chictr")) {
    static const RE2 chictr(R"((?:^|[^a-z0-9])(chictr(-?[a-z]{0,3}-?\d{6,12})))");
    ForEachMatch(chictr, t, 3, [&](const std::vector<re2::StringPiece>& g) {
      AddTrial(tv, find, Off(t, g[1]), Off(t, g[1]) + g[1].size(),
               "ChiCTR" + Upper(std::string(g[2].data(), g[2].size())), hits);
    });
  }
  if (Has(t, "isrctn")) {
    static const RE2 isrctn(R"((?:^|[^a-z0-9])(isrctn ?(\d{8}))(?:[^0-9]|$))");
    ForEachMatch(isrctn, t, 3, [&](const std::vector<re2::StringPiece>& g) {
      AddTrial(tv, find, Off(t, g[1]), Off(t, g[1]) + g[1].size(), "ISRCTN" + Digits(g[2]), hits);
    });
  }
  if (Has(t, "eudract")) {
    static const RE2 eudract(
        R"((?:^|[^a-z0-9])(eudract[^0-9]{0,20}((?:19|20)\d{2}-\d{6}-\d{2}))(?:[^0-9]|$))");
    ForEachMatch(eudract, t, 3, [&](const std::vector<re2::StringPiece>& g) {
      AddTrial(tv, find, Off(t, g[1]), Off(t, g[1]) + g[1].size(),
               "EudraCT-" + std::string(g[2].data(), g[2].size()), hits);
    });
  }
}

std::string PhaseNumber(const re2::StringPiece& p) {
  std::string s(p.data(), p.size());
  if (s == "i") return "1";
  if (s == "ii") return "2";
  if (s == "iii") return "3";
  if (s == "iv") return "4";
  return s;
}

void AddPhase(const TextView& tv, size_t b, size_t e, const std::vector<re2::StringPiece>& g,
              std::vector<Hit>* hits) {
  std::string phase = PhaseNumber(g[2]) + std::string(g[3].data(), g[3].size());
  if (g[4].data() != nullptr)
    phase += "/" + PhaseNumber(g[4]) + std::string(g[5].data(), g[5].size());
  Hit h = tv.MakeHit(b, e, "phase", "phase:" + phase, "phase " + phase);
  h.m.attrs["phase"] = phase;
  hits->push_back(std::move(h));
  hits->push_back(tv.MakeHit(b, e, "design", "design:phase-trial", "phase trial"));
}

void AddPhaseHits(const TextView& tv, std::vector<Hit>* hits) {
  std::string_view t = tv.norm->text;
  if (Has(t, "phase")) {
    static const RE2 en(
        R"((?:^|[^a-z])(phase[ -]*(iv|iii|ii|i|[1-4]) ?([ab]?)(?: *(?:/|-|or|to) *(iv|iii|ii|i|[1-4]) ?([ab]?))?)(?:[^a-z0-9]|$))");
    ForEachMatch(en, t, 6, [&](const std::vector<re2::StringPiece>& g) {
      AddPhase(tv, Off(t, g[1]), Off(t, g[1]) + g[1].size(), g, hits);
    });
  }
  if (Has(t, "期")) {
    static const RE2 zh(R"(((iv|iii|ii|i|[1-4]) ?([ab]?)(?:/(iv|iii|ii|i|[1-4])([ab]?))? *期(?:临床)?(?:试验|研究)))");
    ForEachMatch(zh, t, 6, [&](const std::vector<re2::StringPiece>& g) {
      size_t b = Off(t, g[1]);
      if (b > 0 && std::isalnum(static_cast<unsigned char>(t[b - 1]))) return;
      AddPhase(tv, b, b + g[1].size(), g, hits);
    });
  }
}

bool SkipWord(std::string_view w) {
  static const std::unordered_set<std::string_view> kStop = {
      "in",    "of",    "with", "for",   "per",    "and",  "or",    "to",    "after", "at",
      "from",  "weeks", "week", "months", "month", "years", "year", "days",  "day",   "mg",
      "hours", "the",   "than", "more",  "were",   "was",  "are",   "had",   "on",    "by"};
  return kStop.count(w) > 0;
}

// "3 to 6 subjects per dose cohort", "up to 12 patients", "10 patients in
// each arm": a bound or a per-group count, not the study's size.
bool NotAStudySize(std::string_view t, size_t begin, size_t end) {
  std::string_view after = t.substr(end, 16);
  for (const char* w : {" per ", " in each ", " each ", " at each ", " per-"}) {
    if (after.rfind(w, 0) == 0) return true;
  }
  std::string_view before = t.substr(begin >= 12 ? begin - 12 : 0, begin >= 12 ? 12 : begin);
  auto ends = [&](const char* w) {
    size_t n = std::strlen(w);
    return before.size() >= n && before.compare(before.size() - n, n, w) == 0;
  };
  if (ends("up to ") || ends("at most ") || ends("maximum of ") || ends("least ")) return true;
  if (ends(" to ") || ends("-")) {
    size_t k = before.size() - (ends("-") ? 1 : 4);
    return k > 0 && before[k - 1] >= '0' && before[k - 1] <= '9';  // the upper end of a range
  }
  return false;
}

// "sixty-one" -> 61, "three hundred and fifty-three" -> 353, else 0.
long NumberInWords(std::string_view s) {
  static const std::pair<std::string_view, int> kWords[] = {
      {"one", 1},      {"two", 2},        {"three", 3},     {"four", 4},       {"five", 5},
      {"six", 6},      {"seven", 7},      {"eight", 8},     {"nine", 9},       {"ten", 10},
      {"eleven", 11},  {"twelve", 12},    {"thirteen", 13}, {"fourteen", 14},  {"fifteen", 15},
      {"sixteen", 16}, {"seventeen", 17}, {"eighteen", 18}, {"nineteen", 19},  {"twenty", 20},
      {"thirty", 30},  {"forty", 40},     {"fifty", 50},    {"sixty", 60},     {"seventy", 70},
      {"eighty", 80},  {"ninety", 90}};
  long total = 0;
  size_t p = 0;
  while (p < s.size()) {
    size_t e = s.find_first_of(" -", p);
    if (e == std::string_view::npos) e = s.size();
    std::string_view w = s.substr(p, e - p);
    p = e + 1;
    if (w.empty() || w == "and") continue;
    if (w == "hundred") {
      total = (total == 0 ? 1 : total) * 100;
      continue;
    }
    int v = 0;
    for (const auto& [word, value] : kWords) v = w == word ? value : v;
    if (v == 0) return 0;
    total += v;
  }
  return total;
}

void AddSampleSize(const TextView& tv, size_t b, size_t e, const re2::StringPiece& num,
                   std::vector<Hit>* hits) {
  std::string n = Digits(num);
  if (n.empty() || n.size() > 9) return;
  while (n.size() > 1 && n[0] == '0') n.erase(0, 1);
  Hit h = tv.MakeHit(b, e, "sample_size", "sample_size", "sample size");
  h.m.attrs["n"] = n;
  hits->push_back(std::move(h));
}

// Whether one of the words between a count and "patients" says the count
// is not of people ("12 weeks in patients").
bool SkipsPeople(const re2::StringPiece& words) {
  std::string_view mid(words.data(), words.size());
  size_t p = 0;
  while (p < mid.size()) {
    size_t sp = mid.find(' ', p);
    if (sp == std::string_view::npos) sp = mid.size();
    if (sp > p && SkipWord(mid.substr(p, sp - p))) return true;
    p = sp + 1;
  }
  return false;
}

#define CKB_PEOPLE "(?:patients|women|men|participants|subjects|individuals|children|adults|cases|volunteers|persons|people|infants|couples|outpatients|inpatients|girls|boys|neonates|pairs)"

// "Sixty-one patients were randomised", "Three hundred and fifty-three
// women": a count in words, as a sentence that starts with it writes it.
void AddSpelledSampleSizes(const TextView& tv, std::vector<Hit>* hits) {
  std::string_view t = tv.norm->text;
  if (!Has(t, "ty") && !Has(t, "teen") && !Has(t, "hundred") && !Has(t, "ten ") && !Has(t, "eleven") &&
      !Has(t, "twelve") && !Has(t, "two") && !Has(t, "three") && !Has(t, "four") && !Has(t, "five") &&
      !Has(t, "six") && !Has(t, "seven") && !Has(t, "eight") && !Has(t, "nine")) {
    return;
  }
#define CKB_UNIT "(?:one|two|three|four|five|six|seven|eight|nine)"
#define CKB_N99 "(?:(?:twenty|thirty|forty|fifty|sixty|seventy|eighty|ninety)(?:[- ]" CKB_UNIT ")?|ten|eleven|twelve|thirteen|fourteen|fifteen|sixteen|seventeen|eighteen|nineteen|" CKB_UNIT ")"
  static const RE2 words("(?:^|[.;:] +)((" CKB_UNIT " hundred(?: and)?(?: " CKB_N99 ")?|" CKB_N99 ") +((?:[a-z-]+ +){0,3}?)" CKB_PEOPLE "\\b)");
#undef CKB_N99
#undef CKB_UNIT
  ForEachMatch(words, t, 4, [&](const std::vector<re2::StringPiece>& g) {
    // "Four cases of ..." opens a case series: cases, not people counted.
    std::string_view whole(g[1].data(), g[1].size());
    if (SkipsPeople(g[3]) || whole.substr(whole.size() >= 5 ? whole.size() - 5 : 0) == "cases") return;
    if (NotAStudySize(t, Off(t, g[1]), Off(t, g[1]) + g[1].size())) return;
    long n = NumberInWords(std::string_view(g[2].data(), g[2].size()));
    if (n <= 1) return;  // "One patient died": one of them, not the study
    std::string digits = std::to_string(n);
    AddSampleSize(tv, Off(t, g[1]), Off(t, g[1]) + g[1].size(), re2::StringPiece(digits), hits);
  });
}

void AddSampleSizeHits(const TextView& tv, std::vector<Hit>* hits) {
  AddSpelledSampleSizes(tv, hits);
  std::string_view t = tv.norm->text;
  // Every pattern here counts with ASCII digits (RE2's \d).
  if (t.find_first_of("0123456789") == std::string_view::npos) return;
  // Thousands grouped by commas or spaces ("11 529 patients").
  static const RE2 people(
      R"((?:^|[^a-z0-9.,/-])((\d{1,3}(?:,\d{3})+|\d{1,3}(?: \d{3})+|\d+) +((?:[a-z-]+ +){0,3}?))" CKB_PEOPLE R"(\b))");
  ForEachMatch(people, t, 4, [&](const std::vector<re2::StringPiece>& g) {
    if (SkipsPeople(g[3])) return;
    if (NotAStudySize(t, Off(t, g[1]), Off(t, g[1]) + g[1].size())) return;
    AddSampleSize(tv, Off(t, g[1]), Off(t, g[1]) + g[1].size(), g[2], hits);
  });
#undef CKB_PEOPLE
  if (Has(t, "=")) {
    static const RE2 neq(R"((?:^|[^a-z0-9])(n *= *(\d{1,3}(?:,\d{3})+|\d+))(?:[^0-9.]|$))");
    ForEachMatch(neq, t, 3, [&](const std::vector<re2::StringPiece>& g) {
      AddSampleSize(tv, Off(t, g[1]), Off(t, g[1]) + g[1].size(), g[2], hits);
    });
  }
  if (Has(t, "例")) {
    static const RE2 zh(R"((?:^|[^0-9.])((\d+) *例(?:患者|病例|病人)?))");
    ForEachMatch(zh, t, 3, [&](const std::vector<re2::StringPiece>& g) {
      AddSampleSize(tv, Off(t, g[1]), Off(t, g[1]) + g[1].size(), g[2], hits);
    });
  }
}

}  // namespace

void ExtendDiseaseTypes(const TextView& tv, std::vector<Hit>* hits) {
  std::string_view t = tv.norm->text;
  // Both expressions need the word "type".
  if (!Has(t, "type")) return;
  static const RE2 after(R"( +type +((?:[ivx]+|\d+)[a-d]?)(?:[^a-z0-9]|$))");
  // "type 2", "types i and ii"
  static const RE2 before(
      R"((?:^|[^a-z0-9])(type +(?:[ivx]+|\d+)[a-d]?|types +(?:[ivx]+|\d+)[a-d]?)"
      R"((?: *(?:,|,? *and|,? *or|and/or) +(?:[ivx]+|\d+)[a-d]?)*) +$)");
  for (Hit& h : *hits) {
    if (h.m.type != "disease") continue;
    re2::StringPiece g[2];
    size_t nb = h.nb, ne = h.ne;
    if (MatchAt(after, t, ne, g, 2))
      ne = Off(t, g[1]) + g[1].size();
    size_t from = nb > 48 ? nb - 48 : 0;
    while (from > 0 && (static_cast<unsigned char>(t[from]) & 0xC0) == 0x80) --from;
    std::string_view win = t.substr(from, nb - from);
    if (before.Match(re2::StringPiece(win.data(), win.size()), 0, win.size(), RE2::UNANCHORED, g, 2))
      nb = from + Off(win, g[1]);
    if (nb != h.nb || ne != h.ne) {
      Hit x = tv.MakeHit(nb, ne, h.m.type, h.m.id, h.m.name);
      h = std::move(x);
    }
  }
}

namespace {

// Whether a disease hit of `hits` overlaps normalised bytes [nb, ne).
bool DiseaseAt(const std::vector<Hit>& hits, size_t nb, size_t ne) {
  for (const Hit& h : hits)
    if (h.m.type == "disease" && h.nb < ne && nb < h.ne) return true;
  return false;
}

void AddNamedDisease(const TextView& tv, size_t nb, size_t ne, std::vector<Hit>* hits) {
  Hit h = tv.MakeHit(nb, ne, "disease", "", "");
  h.m.name = h.m.text;
  h.m.id = "disease:" + text::Slug(h.m.text);
  hits->push_back(std::move(h));
}

}  // namespace

void AddDiseaseNameHits(const TextView& tv, std::vector<Hit>* hits) {
  static const std::unordered_set<std::string_view> kHeads = {
      "disease", "diseases", "syndrome", "syndromes", "disorder", "disorders"};
  static const std::unordered_set<std::string_view> kNotNames = {
      "the", "this", "that", "these", "those", "a", "an", "its", "their", "our", "such", "each",
      "both", "no", "other", "any", "all", "one", "in", "of", "and", "or", "with", "for", "by",
      "how", "what", "which", "whose", "some", "many", "most", "new"};
  static const std::unordered_set<std::string_view> kNotKinds = {
      "putative", "similar", "fatal", "lethal", "progressive", "heterogeneous", "homogeneous",
      "recessive", "dominant", "genetic", "inherited", "hereditary", "familial", "human",
      "common", "rare", "complex", "severe", "mild", "novel", "distinct", "related"};
  static const std::unordered_set<std::string_view> kNotDiseases = {
      "diagnosis", "diagnoses", "prognosis", "misdiagnosis", "apoptosis", "meiosis", "mitosis",
      "phagocytosis", "endocytosis", "exocytosis", "pinocytosis", "heterozygosis", "symbiosis",
      "osmosis", "hypnosis", "anastomosis", "stroma", "diploma", "aroma", "soma", "genoma",
      "glycemia", "normoglycemia", "euglycemia", "lipemia", "synostosis", "thomas"};
  std::string_view t = tv.norm->text;
  auto lower = [](char c) { return c >= 'a' && c <= 'z'; };
  auto digit = [](char c) { return c >= '0' && c <= '9'; };
  auto joins = [&](char c) { return lower(c) || digit(c) || c == '-'; };
  auto add = [&](size_t nb, size_t ne) {
    if (!DiseaseAt(*hits, nb, ne)) AddNamedDisease(tv, nb, ne, hits);
  };
  // "Gardner syndrome", "neurological diseases": the word before the head
  // [hb, he); letters with "'s", "'" or one "-letters".
  auto named = [&](size_t hb, size_t he, bool plural, bool disorder) {
    if (hb < 2 || t[hb - 1] != ' ') return;
    size_t we = hb - 1;
    while (we > 0 && t[we - 1] == ' ') --we;
    size_t nb = we;
    while (nb > 0 && (lower(t[nb - 1]) || t[nb - 1] == '\'' || t[nb - 1] == '-')) --nb;
    if (nb == we || !lower(t[nb]) || (nb > 0 && digit(t[nb - 1]))) return;
    std::string_view word = t.substr(nb, we - nb);
    if (std::count(word.begin(), word.end(), '-') > 1 || word.back() == '-') return;
    bool eponym = tv.UpperAt(nb) && !plural && !disorder && !kNotNames.count(word) &&
                  !AdjectivalWord(word);
    bool kind = AdjectivalWord(word) && !QuantifyingWord(word) && !kNotKinds.count(word);
    if (eponym || kind) add(nb, he);
  };
  // "C3 deficiency", "LCAT deficiency": a gene or protein symbol before [hb, he).
  auto symbol = [&](size_t hb, size_t he) {
    if (hb < 3 || t[hb - 1] != ' ') return;
    size_t nb = hb - 1;
    bool has_digit = false, upper = true;
    while (nb > 0 && (lower(t[nb - 1]) || digit(t[nb - 1]))) {
      --nb;
      has_digit = has_digit || digit(t[nb]);
      upper = upper && (digit(t[nb]) || tv.UpperAt(nb));
    }
    size_t len = hb - 1 - nb;
    if (len < 2 || len > 6 || (nb > 0 && joins(t[nb - 1])) || !tv.UpperAt(nb) || !upper) return;
    if (has_digit || len >= 3) add(nb, he);
  };
  // One pass over the words of lower-case letters.
  for (size_t b = 0; b < t.size();) {
    if (!lower(t[b]) || (b > 0 && joins(t[b - 1]))) {
      ++b;
      continue;
    }
    size_t e = b;
    while (e < t.size() && lower(t[e])) ++e;
    std::string_view word = t.substr(b, e - b);
    size_t wb = b;
    b = e;
    if (e < t.size() && joins(t[e])) continue;
    if (word.size() >= 7 && word.size() <= 10 && (word[0] == 'd' || word[0] == 's')) {
      if (kHeads.count(word)) {
        named(wb, e, word.back() == 's', word.rfind("disorder", 0) == 0);
        continue;
      }
      if (word == "deficiency") {
        symbol(wb, e);
        continue;
      }
    }
    // One word with a disease suffix: "serositis", "argininemia", "pilomatricomas".
    char last = word.back();
    if (word.size() < 6 || (last != 's' && last != 'a' && last != 'y')) continue;
    static constexpr std::string_view kSuffixes[] = {"itis",   "osis",     "emia",   "oma",
                                                     "omas",   "opathy",   "opathies", "plasia",
                                                     "trophy", "algia",    "algias"};
    bool suffixed = false;
    for (std::string_view x : kSuffixes)
      suffixed = suffixed || (x.back() == last && word.size() > x.size() &&
                              word.compare(word.size() - x.size(), x.size(), x) == 0);
    if (suffixed && !kNotDiseases.count(word) && word.rfind("anti", 0) != 0) add(wb, e);
  }
}

void AddPatternHits(const TextView& tv, const FindFn& find, std::vector<Hit>* hits) {
  AddRegistryHits(tv, find, hits);
  AddPhaseHits(tv, hits);
  AddSampleSizeHits(tv, hits);
  AddCaseReportHits(tv, hits);
}

}  // namespace ckb::knowledge::internal
