// SPDX-License-Identifier: GPL-3.0-or-later
// Repairs of printed reference text made before ParseReferenceString reads
// it (Korean author-year heads, punctuation detached by PDF extraction) and
// after (a book's imprint left in its title). See internal/refstring_parts.h.
#include <re2/re2.h>

#include <cctype>
#include <string>
#include <string_view>
#include <utility>

#include "citations/internal/refstring_parts.h"

namespace ckb::citations::internal {
namespace {

// "(2019)" or "(2019a)" at s[i].
bool ParenYearAt(const std::string& s, size_t i) {
  auto digit = [&](size_t k) { return k < s.size() && std::isdigit(static_cast<unsigned char>(s[k])); };
  if (i + 5 >= s.size() || s[i] != '(' || !(s.compare(i + 1, 2, "19") == 0 || s.compare(i + 1, 2, "20") == 0) ||
      !digit(i + 3) || !digit(i + 4)) {
    return false;
  }
  return s[i + 5] == ')' ||
         (i + 6 < s.size() && std::islower(static_cast<unsigned char>(s[i + 5])) && s[i + 6] == ')');
}

}  // namespace

std::string SeparateLeadingNames(const std::string& s) {
  size_t word_end = 0;
  while (word_end < s.size() && s[word_end] != ' ' && s[word_end] != ',') ++word_end;
  std::string out;
  bool changed = false;
  for (size_t i = 0; i < word_end; ++i) {
    if (s[i] == '.' && i >= 3 && text::IsHangulAt(s, i - 3) && text::IsHangulAt(s, i + 1)) {
      out += ", ";
      changed = true;
      continue;
    }
    if (i > 0 && ParenYearAt(s, i) &&
        (std::isalpha(static_cast<unsigned char>(s[i - 1])) || static_cast<unsigned char>(s[i - 1]) >= 0x80)) {
      out += ' ';
      changed = true;
    }
    out += s[i];
  }
  if (!changed) return s;
  out.append(s, word_end, std::string::npos);
  return out;
}

void ReattachPunctuation(std::string* text) {
  std::string& s = *text;
  for (size_t i = 0; i + 2 < s.size(); ++i) {
    if (s[i] != ' ' || (s[i + 1] != '.' && s[i + 1] != ',')) continue;
    auto c = static_cast<unsigned char>(s[i + 2]);
    if (!std::isalpha(c) && c < 0x80) continue;
    if (i > 0 && s[i - 1] == ' ') continue;
    std::swap(s[i], s[i + 1]);
  }
}

void DropImprint(std::string* title) {
  std::string& t = *title;
  size_t end = t.size();
  while (end > 0 && (t[end - 1] == ' ' || t[end - 1] == '.')) --end;
  if (end == 0 || t[end - 1] != ')') return;
  size_t open = t.rfind('(', end - 1);
  if (open == std::string::npos || open == 0) return;
  std::string_view inner(t.data() + open + 1, end - open - 2);
  static const RE2 year(R"(,\s*(?:1[89]|20)\d{2}\s*$)");  // "..., 1986)", not "(... Tait 1978)"
  if (!RE2::PartialMatch(inner, year)) return;
  size_t cut = open;
  while (cut > 0 && (t[cut - 1] == ' ' || t[cut - 1] == ',')) --cut;
  if (cut > 0) t.resize(cut);
}

}  // namespace ckb::citations::internal
