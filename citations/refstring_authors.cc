// SPDX-License-Identifier: GPL-3.0-or-later
// Finding where the author list of a printed reference ends and splitting
// it into names: undotted Vancouver / GB initials, dotted initials in either
// order, organisations and Chinese names.
#include <cctype>
#include <string_view>

#include "citations/internal/refstring_parts.h"

namespace ckb::citations::internal {
namespace {

bool IsWordChar(char c) {
  unsigned char u = static_cast<unsigned char>(c);
  return std::isalnum(u) || u >= 0x80 || c == '\'';
}
bool IsUpper(char c) { return c >= 'A' && c <= 'Z'; }
bool IsDigit(char c) { return c >= '0' && c <= '9'; }

// True when the single-letter token at [t, t+1) opens its name ("O. Ambacher",
// ", W. E.") rather than following a family name ("Zhang J.").
bool InitialOpensName(const std::string& s, size_t b, size_t t) {
  size_t p = t;
  while (p > b && s[p - 1] == ' ') --p;
  if (p == b) return true;
  char c = s[p - 1];
  if (c == ',' || c == ';' || c == '&') return true;
  if (c == '.' && p >= 2 + b && IsUpper(s[p - 2]) && (p - 2 == b || !IsWordChar(s[p - 3]))) {
    return true;  // a chain of initials
  }
  return p >= b + 3 && s.compare(p - 3, 3, "and") == 0 && (p - 3 == b || s[p - 4] == ' ');
}

bool IsEtAl(std::string_view w) {
  return w == "et al" || w == "et al." || w == "et. al." || w == "et.al." || w == "等" ||
         w == "et al.," || w == "etc" || w == "etc.";
}

// "Bergk", "Martin- Facklam": a family name still waiting for its initials
// (not "Bray F", not "Bergk, V.", not "G. Barles", whose initials lead).
bool LooksLikeFamilyOnly(const std::string& name) {
  if (name.find(',') != std::string::npos || name.empty()) return false;
  size_t sp = name.rfind(' ');
  if (sp != std::string::npos && IsInitialsOnly(std::string_view(name).substr(0, name.find(' ')))) {
    return false;
  }
  std::string_view last = sp == std::string::npos ? std::string_view(name)
                                                  : std::string_view(name).substr(sp + 1);
  bool caps = last.size() <= 3;
  for (char c : last) caps = caps && (IsUpper(c) || c == '.' || c == '-');
  return !caps;
}

}  // namespace

size_t FindAuthorEnd(const std::string& s, size_t b, size_t e) {
  for (size_t i = b; i < e; ++i) {
    char c = s[i];
    if (c == '(' && i + 6 <= e && i > b && s[i - 1] == ' ' && IsDigit(s[i + 1]) &&
        IsDigit(s[i + 2]) && IsDigit(s[i + 3]) && IsDigit(s[i + 4]) &&
        (s[i + 5] == ')' || (i + 7 <= e && s[i + 6] == ')'))) {
      return i;  // APA: "Birch, H. (2009)."
    }
    if (c != '.') continue;
    if (i + 1 < e && (s[i + 1] == ',' || s[i + 1] == ';')) continue;
    size_t t = i;
    while (t > b && IsWordChar(s[t - 1])) --t;
    std::string_view prev(s.data() + t, i - t);
    if (prev == "al" && t >= b + 3 && s.compare(t - 3, 3, "et ") == 0) return i;
    bool initial = prev.size() == 1 && IsUpper(prev[0]);
    if (!initial) {
      if (prev == "Jr" || prev == "Sr") continue;
      return i;
    }
    size_t j = i + 1;
    if (j < e && s[j] == ' ') ++j;
    if (j >= e) return i;
    if (s[j] == '&' || s[j] == '-') continue;
    size_t k = j;
    while (k < e && IsWordChar(s[k])) ++k;
    std::string_view w(s.data() + j, k - j);
    char after = k < e ? s[k] : '\0';
    if (w.size() == 1 && IsUpper(w[0]) && (after == '.' || after == '-' || after == ',')) continue;
    if (w == "and") continue;
    if (!w.empty() && IsUpper(w[0]) && InitialOpensName(s, b, t) &&
        (after == ',' || after == ';' || after == '\0' || after == '.' ||
         (after == ' ' && k + 1 < e && (s[k + 1] == '&' || s.compare(k + 1, 4, "and ") == 0)))) {
      continue;  // "O. Ambacher," : the name continues
    }
    return i;
  }
  return kNpos;
}

bool SplitAuthors(const text::AsciiView& view, size_t b, size_t e, std::vector<std::string>* authors,
                  bool* et_al) {
  const std::string& s = view.norm;
  std::vector<std::pair<size_t, size_t>> chunks;
  size_t start = b;
  for (size_t i = b; i <= e; ++i) {
    bool cut = i == e || s[i] == ',' || s[i] == ';';
    size_t skip = 1;
    if (!cut && s[i] == '&') cut = true;
    if (!cut && s[i] == ' ' && s.compare(i, 5, " and ") == 0 && i + 5 <= e) {
      cut = true;
      skip = 5;
    }
    // French "A. Bolte et J. Gazo" (but "Smith J et al").
    if (!cut && s[i] == ' ' && s.compare(i, 4, " et ") == 0 && s.compare(i, 6, " et al") != 0 &&
        i + 4 <= e) {
      cut = true;
      skip = 4;
    }
    if (!cut) continue;
    chunks.push_back({start, i});
    start = i + skip;
    i = start - 1;
  }
  std::vector<std::string> names;
  for (auto [cb, ce] : chunks) {
    std::string_view sv = text::Trim(std::string_view(s).substr(cb, ce - cb), ".");
    if (sv.empty()) continue;
    size_t nb = static_cast<size_t>(sv.data() - s.data());
    size_t ne = nb + sv.size();
    // "Smith J et al" -> "Smith J" + et al.
    if (sv.size() > 6 && sv.substr(sv.size() - 6) == " et al") {
      *et_al = true;
      ne -= 6;
      sv = sv.substr(0, sv.size() - 6);
    }
    if (IsEtAl(sv) || IsEtAl(view.Slice(nb, ne))) {
      *et_al = true;
      continue;
    }
    // Initials alone after "Family," belong to the previous name (APA).
    bool only_initials = true;
    for (char c : sv) {
      if (!(IsUpper(c) || c == '.' || c == ' ' || c == '-')) only_initials = false;
    }
    // Keep the dot of a final initial ("Bergk, V.") as printed.
    if (ne < ce && s[ne] == '.') ++ne;
    std::string name = std::string(text::Trim(view.Slice(nb, ne)));
    if (only_initials && sv.size() <= 8 && !names.empty() && LooksLikeFamilyOnly(names.back())) {
      names.back() += ", " + name;
      continue;
    }
    names.push_back(name);
  }
  for (const std::string& n : names) {
    size_t words = 1;
    bool digits = false;
    for (char c : n) {
      if (c == ' ') ++words;
      if (IsDigit(c)) digits = true;
    }
    bool cjk = text::CountCjk(n) > 0;
    if (IsInitialsOnly(n) || (n.size() <= 4 && n.find('.') != std::string::npos && n.find(' ') == std::string::npos &&
                              IsInitialsOnly(n + "."))) {
      return false;  // "A", "X.-G": initials alone are not a name
    }
    if (words > (names.size() == 1 ? 8u : 6u) || n.size() > 80 || (digits && !cjk)) return false;
  }
  if (names.empty() && !*et_al) return false;
  *authors = std::move(names);
  return true;
}

}  // namespace ckb::citations::internal
