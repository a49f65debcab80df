// SPDX-License-Identifier: GPL-3.0-or-later
// Propagation of in-text abbreviation definitions to later short forms.
#include "indexer/abbreviations.h"

#include <algorithm>
#include <cctype>
#include <map>
#include <string>

#include "indexer/text_norm.h"

namespace ckb::indexer {
namespace {

bool IsWordChar(char32_t c) { return ClassOf(c) == CharClass::kAlnum; }

bool Overlaps(const std::vector<Mention>& ms, uint32_t b, uint32_t e) {
  for (const Mention& m : ms)
    if (m.start < e && b < m.end) return true;
  return false;
}

std::string Utf8(std::u32string_view s) {
  std::string out;
  for (char32_t c : s) AppendUtf8(c, &out);
  return out;
}

// "VHL gene", "PAX6 mutations": a short form used for the gene, not the
// disease or drug it abbreviates.
bool NamesGene(std::u32string_view text, size_t end) {
  static const char* const kWords[] = {"gene",    "genes",   "protein", "proteins", "mutation",
                                       "mutations", "locus", "allele",  "alleles",  "product",
                                       "promoter", "mrna",   "expression", "transcript"};
  size_t p = end;
  while (p < text.size() && (text[p] == ' ' || text[p] == '-')) ++p;
  if (p == end) return false;
  std::string word;
  while (p < text.size() && text[p] < 0x80 && std::isalpha(static_cast<int>(text[p])))
    word.push_back(static_cast<char>(std::tolower(static_cast<int>(text[p++]))));
  for (const char* w : kWords)
    if (word == w) return true;
  return false;
}

}  // namespace

void PropagateAbbreviations(std::u32string_view text, const std::vector<std::string_view>& types,
                            std::vector<Mention>* mentions) {
  std::map<std::u32string, const Mention*> defs;
  for (const Mention& m : *mentions) {
    if (std::find(types.begin(), types.end(), m.type) == types.end()) continue;
    size_t p = m.end;
    while (p < text.size() && text[p] == ' ') ++p;
    if (p >= text.size() || text[p] != '(') continue;
    size_t close = text.find(')', p + 1);
    if (close == std::u32string_view::npos || close - p - 1 < 2 || close - p - 1 > 10) continue;
    std::u32string_view sf = text.substr(p + 1, close - p - 1);
    bool letter = false, upper_or_digit = false, ok = true;
    for (char32_t c : sf) {
      letter = letter || (c < 0x80 && std::isalpha(static_cast<int>(c)));
      upper_or_digit = upper_or_digit || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9');
      ok = ok && c != ' ' && c != ',' && c != ';' && c != '=';
    }
    if (letter && upper_or_digit && ok) defs.emplace(std::u32string(sf), &m);
  }
  std::vector<Mention> add;
  for (const auto& [sf, def] : defs) {
    Mention base = *def;
    for (size_t pos = text.find(sf); pos != std::u32string_view::npos; pos = text.find(sf, pos + 1)) {
      size_t end = pos + sf.size();
      if ((pos > 0 && IsWordChar(text[pos - 1])) || (end < text.size() && IsWordChar(text[end])))
        continue;
      if (NamesGene(text, end)) continue;
      auto b = static_cast<uint32_t>(pos), e = static_cast<uint32_t>(end);
      if (Overlaps(*mentions, b, e) || Overlaps(add, b, e)) continue;
      Mention m = base;
      m.start = b;
      m.end = e;
      m.text = Utf8(sf);
      m.attrs.clear();
      add.push_back(std::move(m));
    }
  }
  for (Mention& m : add) mentions->push_back(std::move(m));
  std::stable_sort(mentions->begin(), mentions->end(),
                   [](const Mention& a, const Mention& b) { return a.start < b.start; });
}

}  // namespace ckb::indexer
