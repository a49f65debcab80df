// SPDX-License-Identifier: GPL-3.0-or-later
// Disease span rules: coordinated names written with their head once
// ("breast and ovarian cancer" is one span naming breast cancer and ovarian
// cancer) and generic heads that take in the adjective before them.
#include <algorithm>
#include <string>
#include <string_view>

#include "knowledge/internal/entity_rules.h"

namespace ckb::knowledge::internal {
namespace {

bool IsWordByte(char c) {
  return (c >= 'a' && c <= 'z') || (c >= '0' && c <= '9') || c == '\'' ||
         (static_cast<unsigned char>(c) & 0x80);
}

bool EndsWith(std::string_view s, std::string_view x) {
  return s.size() > x.size() && s.substr(s.size() - x.size()) == x;
}

bool Numeral(std::string_view w) {
  if (w.empty()) return false;
  size_t n = w.size();
  if (n > 1 && w[n - 1] >= 'a' && w[n - 1] <= 'd' && (w[n - 2] < 'a' || w[n - 2] > 'z'))
    --n;  // "1b"
  bool digits = true, roman = true;
  for (size_t i = 0; i < n; ++i) {
    digits = digits && w[i] >= '0' && w[i] <= '9';
    roman = roman && (w[i] == 'i' || w[i] == 'v' || w[i] == 'x');
  }
  return digits || roman;
}

// "c6", "c7", "ht1": a letter code with digits.
bool Code(std::string_view w) {
  bool letter = false, digit = false;
  for (char c : w) {
    letter = letter || (c >= 'a' && c <= 'z');
    digit = digit || (c >= '0' && c <= '9');
  }
  return letter && digit && w.size() <= 6;
}

bool Stopword(std::string_view w) {
  static const char* const kWords[] = {
      "syndrome", "disease", "disorder", "deficiency", "a",        "an",      "the",   "of",
      "in",       "with",    "and",      "or",         "to",       "for",     "by",    "on",
      "as",       "at",      "from",     "this",       "that",     "these",   "those", "its",
      "their",    "both",    "either",   "other",      "patients", "is",      "are",   "was",
      "were",     "be",      "not",      "no",         "than",     "between", "all"};
  for (const char* x : kWords)
    if (w == x) return true;
  return false;
}

// A connector ending at byte `p` of `t` (" and ", ", or ", "/", ", "): its
// start, or npos. Bare commas only continue a list already begun.
size_t ConnectorStart(std::string_view t, size_t p, bool list_begun) {
  static const char* const kConnectors[] = {", and/or ", " and/or ", ", and ", " and ",
                                            ", or ",     " or ",     "/"};
  std::string_view head = t.substr(0, p);
  for (const char* c : kConnectors)
    if (EndsWith(head, c)) return p - std::string_view(c).size();
  if (list_begun && EndsWith(head, ", ")) return p - 2;
  return std::string_view::npos;
}

// A head that names a kind of disease only with a word before it.
bool GenericHead(std::string_view w) {
  static const char* const kWords[] = {
      "tumor",     "tumors",     "tumour",   "tumours",   "cancer",  "cancers",
      "carcinoma", "carcinomas", "neoplasm", "neoplasms", "sarcoma", "sarcomas",
      "lymphoma",  "lymphomas",  "adenoma",  "adenomas",  "cyst",    "cysts"};
  for (const char* x : kWords)
    if (w == x) return true;
  return false;
}

}  // namespace

bool AdjectivalWord(std::string_view w) {
  for (std::string_view x : {"al", "ic", "ar", "ary", "ous", "ive", "oid"})
    if (EndsWith(w, x)) return true;
  return false;
}

bool QuantifyingWord(std::string_view w) {
  static const char* const kWords[] = {
      "several",    "various",   "numerous", "additional",   "individual", "typical",
      "clinical",   "potential", "original", "previous",     "primary",    "secondary",
      "particular", "general",   "usual",    "similar",      "total",      "initial",
      "actual",     "special",   "digital",  "experimental", "natural",    "normal",
      "classical",  "extensive", "terminal", "animal",       "objective",  "microscopic",
      "metastatic", "residual",  "local",    "invasive",     "massive"};
  for (const char* x : kWords)
    if (w == x) return true;
  return false;
}

void ExtendGenericHeads(const TextView& tv, std::vector<Hit>* hits) {
  std::string_view t = tv.norm->text;
  for (Hit& h : *hits) {
    if (h.m.type != "disease" || h.nb < 2 || t[h.nb - 1] != ' ' || !IsWordByte(t[h.nb - 2]))
      continue;
    if (!GenericHead(t.substr(h.nb, h.ne - h.nb))) continue;
    size_t wb = h.nb - 1;
    while (wb > 0 && IsWordByte(t[wb - 1])) --wb;
    std::string_view w = t.substr(wb, h.nb - 1 - wb);
    if (!AdjectivalWord(w) || QuantifyingWord(w) || Stopword(w)) continue;
    h = tv.MakeHit(wb, h.ne, h.m.type, h.m.id, h.m.name);
  }
}

void ExpandCoordinations(const TextView& tv, const DiseaseLookupFn& lookup,
                         std::vector<Hit>* hits) {
  std::string_view t = tv.norm->text;
  std::vector<Hit> added;
  std::vector<std::pair<size_t, size_t>> spans;  // widened spans, normalised bytes
  for (Hit& h : *hits) {
    if (h.m.type != "disease" || h.nb == 0) continue;
    // The first word of the hit and the words it shares with the conjuncts.
    size_t fe = h.nb;
    while (fe < h.ne && IsWordByte(t[fe])) ++fe;
    std::string_view first = t.substr(h.nb, fe - h.nb);
    std::string_view shared = t.substr(fe, h.ne - fe);
    if (first.empty() || shared.empty()) continue;  // a head shared with the conjuncts
    bool first_capital = tv.UpperAt(h.nb);
    size_t start = h.nb, pos = h.nb;
    std::vector<const LexiconEntry*> parts;
    for (int k = 0; k < 6; ++k) {
      size_t cs = ConnectorStart(t, pos, k > 0);
      if (cs == std::string_view::npos || cs == 0) break;
      size_t wb = cs;
      while (wb > 0 &&
             (IsWordByte(t[wb - 1]) || (t[wb - 1] == '-' && wb > 1 && IsWordByte(t[wb - 2]))))
        --wb;
      std::string_view w = t.substr(wb, cs - wb);
      if (w.empty() || Stopword(w)) break;
      const LexiconEntry* e = lookup(std::string(w) + std::string(shared));
      // Conjuncts of one kind: adjectives, codes, numbers, capitalised names
      // (not the first word of a sentence).
      bool same_shape = (AdjectivalWord(w) && AdjectivalWord(first)) || (Code(w) && Code(first)) ||
                        (Numeral(w) && Numeral(first)) ||
                        (first_capital && tv.UpperAt(wb) && !AdjectivalWord(w) &&
                         !AdjectivalWord(first) && wb > 1 && t[wb - 1] == ' ' && t[wb - 2] != '.');
      if (!e && !same_shape) break;
      if (e) parts.push_back(e);
      start = pos = wb;
    }
    if (start == h.nb) continue;
    spans.emplace_back(start, h.ne);
    Hit wide = tv.MakeHit(start, h.ne, h.m.type, h.m.id, h.m.name);
    for (const LexiconEntry* e : parts)
      if (e->id != h.m.id) added.push_back(tv.MakeHit(start, h.ne, e->type, e->id, e->name));
    h = std::move(wide);
  }
  if (spans.empty()) return;
  // Disease hits inside a widened span were parts of it ("Duchenne").
  auto inside = [&](const Hit& x) {
    if (x.m.type != "disease") return false;
    for (const auto& s : spans)
      if (x.nb >= s.first && x.ne <= s.second && (x.nb != s.first || x.ne != s.second)) return true;
    return false;
  };
  hits->erase(std::remove_if(hits->begin(), hits->end(), inside), hits->end());
  for (Hit& a : added) hits->push_back(std::move(a));
}

}  // namespace ckb::knowledge::internal
