// SPDX-License-Identifier: GPL-3.0-or-later
// Propagation of in-text abbreviation definitions to later short forms.
#include "knowledge/abbreviations.h"

#include <algorithm>
#include <cctype>
#include <map>
#include <string>

#include "text/text_norm.h"

namespace ckb::knowledge {
namespace {

bool IsWordChar(char32_t c) { return text::ClassOf(c) == text::CharClass::kAlnum; }

bool Overlaps(const std::vector<Mention>& ms, uint32_t b, uint32_t e) {
  for (const Mention& m : ms)
    if (m.start < e && b < m.end) return true;
  return false;
}

std::string Utf8(std::u32string_view s) {
  std::string out;
  for (char32_t c : s) text::AppendUtf8(c, &out);
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

char32_t Lower(char32_t c) { return c >= 'A' && c <= 'Z' ? c + ('a' - 'A') : c; }
bool IsLetterOrDigit(char32_t c) { return c < 0x80 && std::isalnum(static_cast<int>(c)); }

// The start of the long form that `sf` abbreviates, ending at `end`: the
// letters and digits of `sf` are found right to left in the text, the first
// one at the start of a word (Schwartz and Hearst's rule). The mention
// starting at `start` is widened by at most four words, joined by spaces
// or hyphens; returns `start` when it already spells `sf` or the words
// before it do not.
size_t LongFormStart(std::u32string_view text, size_t start, size_t end, std::u32string_view sf) {
  std::u32string letters;
  for (char32_t c : sf)
    if (IsLetterOrDigit(c)) letters.push_back(Lower(c));
  if (letters.empty()) return start;
  size_t limit = start;  // the furthest a long form may start
  for (int w = 0; w < 4; ++w) {
    if (limit < 2 || (text[limit - 1] != ' ' && text[limit - 1] != '-') || !IsWordChar(text[limit - 2]))
      break;
    --limit;
    while (limit > 0 && IsWordChar(text[limit - 1])) --limit;
  }
  size_t q = end;
  for (size_t i = letters.size(); i-- > 0;) {
    bool found = false;
    while (q > limit && !found) {
      --q;
      found = Lower(text[q]) == letters[i] && (i > 0 || q == 0 || !IsWordChar(text[q - 1]));
    }
    if (!found) return start;
  }
  return q < start ? q : start;
}

}  // namespace

void PropagateAbbreviations(std::u32string_view text, const std::vector<std::string_view>& types,
                            std::vector<Mention>* mentions, AbbreviationOptions opts) {
  std::map<std::u32string, const Mention*> defs;
  for (Mention& m : *mentions) {
    if (std::find(types.begin(), types.end(), m.type) == types.end()) continue;
    size_t p = m.end;
    while (p < text.size() && text[p] == ' ') ++p;
    if (p >= text.size() || text[p] != '(') continue;
    size_t close = p + 1;
    while (close < text.size() && close - p - 1 <= 10 && text[close] != ')' && text[close] != ';' &&
           text[close] != ',')
      ++close;
    if (close >= text.size() || close - p - 1 < 2 || close - p - 1 > 10) continue;
    std::u32string_view sf = text.substr(p + 1, close - p - 1);
    bool letter = false, upper_or_digit = false, ok = true;
    for (char32_t c : sf) {
      letter = letter || (c < 0x80 && std::isalpha(static_cast<int>(c)));
      upper_or_digit = upper_or_digit || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9');
      ok = ok && c != ' ' && c != ',' && c != ';' && c != '=';
    }
    if (!letter || !upper_or_digit || !ok) continue;
    size_t start = LongFormStart(text, m.start, m.end, sf);
    if (start != m.start) {
      m.start = static_cast<uint32_t>(start);
      m.text = Utf8(text.substr(start, m.end - start));
    }
    defs.emplace(std::u32string(sf), &m);
  }
  std::vector<Mention> add;
  for (const auto& [sf, def] : defs) {
    Mention base = *def;
    for (size_t pos = text.find(sf); pos != std::u32string_view::npos; pos = text.find(sf, pos + 1)) {
      size_t end = pos + sf.size();
      if ((pos > 0 && IsWordChar(text[pos - 1])) || (end < text.size() && IsWordChar(text[end])))
        continue;
      if (!opts.gene_uses && NamesGene(text, end)) continue;
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

}  // namespace ckb::knowledge
