// SPDX-License-Identifier: GPL-3.0-or-later
// Text helpers shared by the format parsers (see readers/internal/format_util.h).
#include <algorithm>
#include <cctype>
#include <cstring>

#include "readers/internal/format_util.h"

namespace ckb::readers {
namespace {

bool IsDigit(char c) { return c >= '0' && c <= '9'; }
bool IsAlpha(char c) { return std::isalpha(static_cast<unsigned char>(c)) != 0; }

}  // namespace

std::string Trim(std::string_view s) {
  size_t b = 0, e = s.size();
  while (b < e && std::isspace(static_cast<unsigned char>(s[b]))) ++b;
  while (e > b && std::isspace(static_cast<unsigned char>(s[e - 1]))) --e;
  return std::string(s.substr(b, e - b));
}

std::string UpperAscii(std::string_view s) {
  std::string out(s);
  for (char& c : out) c = static_cast<char>(std::toupper(static_cast<unsigned char>(c)));
  return out;
}

bool EqualsIgnoreCase(std::string_view a, std::string_view b) {
  if (a.size() != b.size()) return false;
  for (size_t i = 0; i < a.size(); ++i) {
    if (std::tolower(static_cast<unsigned char>(a[i])) !=
        std::tolower(static_cast<unsigned char>(b[i])))
      return false;
  }
  return true;
}

std::string_view StripBom(std::string_view s) {
  if (StartsWith(s, "\xEF\xBB\xBF")) s.remove_prefix(3);
  return s;
}

std::optional<int> FindYear(std::string_view s) {
  for (size_t i = 0; i + 4 <= s.size(); ++i) {
    if (i > 0 && IsDigit(s[i - 1])) continue;
    if (!(IsDigit(s[i]) && IsDigit(s[i + 1]) && IsDigit(s[i + 2]) && IsDigit(s[i + 3]))) continue;
    if (i + 4 < s.size() && IsDigit(s[i + 4])) continue;
    int y = std::stoi(std::string(s.substr(i, 4)));
    if (y >= 1500 && y < 2200) return y;
  }
  return std::nullopt;
}

int MonthNumber(std::string_view s) {
  static const char* kNames[] = {"jan", "feb", "mar", "apr", "may", "jun",
                                 "jul", "aug", "sep", "oct", "nov", "dec"};
  std::string t = LowerAscii(Trim(s));
  if (t.empty()) return 0;
  if (std::all_of(t.begin(), t.end(), IsDigit)) {
    if (t.size() > 2) return 0;
    int m = std::stoi(t);
    return m >= 1 && m <= 12 ? m : 0;
  }
  if (t.size() < 3) return 0;
  for (int i = 0; i < 12; ++i) {
    if (t.compare(0, 3, kNames[i]) == 0) return i + 1;
  }
  return 0;
}

std::string IsoDate(std::string_view year, std::string_view month, std::string_view day) {
  std::optional<int> y = FindYear(year);
  if (!y) return "";
  char buf[16];
  int m = MonthNumber(month);
  if (m == 0) return std::to_string(*y);
  std::string d = Trim(day);
  int dn = 0;
  if (!d.empty() && d.size() <= 2 && std::all_of(d.begin(), d.end(), IsDigit)) dn = std::stoi(d);
  if (dn < 1 || dn > 31) {
    std::snprintf(buf, sizeof buf, "%04d-%02d", *y, m);
  } else {
    std::snprintf(buf, sizeof buf, "%04d-%02d-%02d", *y, m, dn);
  }
  return buf;
}

std::string NormalizeDate(std::string_view s) {
  // Split into alphanumeric tokens, then assign year / month / day by shape.
  std::vector<std::string> tokens;
  std::string cur;
  for (char c : s) {
    if (IsDigit(c) || IsAlpha(c)) {
      if (!cur.empty() && IsDigit(cur.back()) != IsDigit(c)) {
        tokens.push_back(cur);
        cur.clear();
      }
      cur += c;
    } else if (!cur.empty()) {
      tokens.push_back(cur);
      cur.clear();
    }
  }
  if (!cur.empty()) tokens.push_back(cur);
  std::string year, month, day;
  for (const std::string& t : tokens) {
    if (IsDigit(t[0])) {
      if (t.size() == 4 && year.empty()) {
        year = t;
      } else if (t.size() <= 2) {
        if (month.empty() && !year.empty() && day.empty()) {
          month = t;  // ISO order: year, month, day
        } else if (day.empty()) {
          day = t;
        }
      }
    } else if (month.empty() && MonthNumber(t) != 0) {
      month = t;
    }
  }
  if (year.empty()) return "";
  return IsoDate(year, month, day);
}

std::string NormalizePmid(std::string_view s) {
  std::string t = Trim(s);
  std::string_view v(t);
  if (v.size() >= 4 && EqualsIgnoreCase(v.substr(0, 4), "pmid")) {
    v.remove_prefix(4);
    while (!v.empty() && (v.front() == ':' || v.front() == ' ')) v.remove_prefix(1);
  }
  if (v.empty() || v.size() > 9 || !std::all_of(v.begin(), v.end(), IsDigit)) return "";
  size_t nz = v.find_first_not_of('0');
  if (nz == std::string_view::npos) return "";
  return std::string(v.substr(nz));
}

std::string NormalizePmcid(std::string_view s, bool bare_digits_ok) {
  std::string t = Trim(s);
  std::string_view v(t);
  if (v.size() >= 3 && EqualsIgnoreCase(v.substr(0, 3), "pmc")) {
    v.remove_prefix(3);
  } else if (!bare_digits_ok) {
    return "";
  }
  if (v.empty() || v.size() > 10 || !std::all_of(v.begin(), v.end(), IsDigit)) return "";
  return "PMC" + std::string(v);
}

std::string NormalizePhase(std::string_view s) {
  std::string t = LowerAscii(Trim(s));
  for (char& c : t) {
    if (c == '_') c = ' ';
  }
  if (t.empty()) return "";
  if (t == "na" || t == "n/a" || t == "not applicable" || t == "none") return "n/a";
  if (t.find("early") != std::string::npos) return "early 1";
  std::vector<std::string> parts;
  size_t pos = 0;
  while ((pos = t.find("phase", pos)) != std::string::npos) {
    pos += 5;
    while (pos < t.size() && (t[pos] == ' ' || t[pos] == '-')) ++pos;
    std::string p;
    if (pos < t.size() && IsDigit(t[pos])) {
      p = t.substr(pos, 1);
      ++pos;
    } else {
      // Roman numerals: i, ii, iii, iv.
      static const char* kRoman[] = {"iv", "iii", "ii", "i"};
      static const char* kArabic[] = {"4", "3", "2", "1"};
      for (int i = 0; i < 4; ++i) {
        size_t n = std::strlen(kRoman[i]);
        if (t.compare(pos, n, kRoman[i]) == 0 && (pos + n >= t.size() || !IsAlpha(t[pos + n]) ||
                                                  t[pos + n] == 'a' || t[pos + n] == 'b')) {
          p = kArabic[i];
          pos += n;
          break;
        }
      }
    }
    if (p.empty()) continue;
    if (pos < t.size() && (t[pos] == 'a' || t[pos] == 'b') &&
        (pos + 1 >= t.size() || !IsAlpha(t[pos + 1]))) {
      p += t[pos];
    }
    AddUnique(&parts, p);
  }
  if (parts.empty()) {
    if (std::all_of(t.begin(), t.end(), [](char c) { return IsDigit(c) || c == '/'; })) return t;
    return "";
  }
  std::string out;
  for (const std::string& p : parts) {
    if (!out.empty()) out += '/';
    out += p;
  }
  return out;
}

std::string LogicalName(std::string_view filename) {
  // "bundle.zip:dir/a.nxml" names a member: look at the member's name.
  for (size_t colon = filename.find(':'); colon != std::string_view::npos;
       colon = filename.find(':', colon + 1)) {
    std::string before = LowerAscii(filename.substr(0, colon));
    bool archive = false;
    for (const char* ext : {".zip", ".tar", ".tgz", ".tar.gz", ".tar.bz2", ".tar.xz", ".tar.zst", ".7z"}) {
      archive = archive || EndsWith(before, ext);
    }
    if (archive) {
      filename.remove_prefix(colon + 1);
      break;
    }
  }
  std::string n = LowerAscii(filename);
  for (const char* ext : {".gz", ".zst", ".bz2", ".xz"}) {
    if (EndsWith(n, ext)) {
      n.resize(n.size() - std::strlen(ext));
      break;
    }
  }
  return n;
}

bool HasExtension(std::string_view filename, const std::vector<std::string>& exts) {
  std::string n = LogicalName(filename);
  for (const std::string& e : exts) {
    if (EndsWith(n, e)) return true;
  }
  return false;
}

std::string PersonName(std::string_view family, std::string_view given) {
  std::string f = FoldWhitespace(family);
  std::string g = FoldWhitespace(given);
  if (g.empty()) return f;
  if (f.empty()) return g;
  // Initials only: every token is one letter (optionally with '.' or '-').
  std::string initials;
  bool only_initials = true;
  std::string token;
  auto flush = [&] {
    if (token.empty()) return;
    if (token.size() == 1 && IsAlpha(token[0])) {
      initials += token;
    } else if (token.size() == 2 && IsAlpha(token[0]) && IsAlpha(token[1]) &&
               std::isupper(static_cast<unsigned char>(token[0])) &&
               std::isupper(static_cast<unsigned char>(token[1]))) {
      initials += token;  // "JB"
    } else {
      only_initials = false;
    }
    token.clear();
  };
  for (char c : g) {
    if (c == ' ' || c == '.' || c == '-') {
      flush();
    } else {
      token += c;
    }
  }
  flush();
  if (only_initials && !initials.empty()) return f + " " + initials;
  // Full given names keep their spelling; a lone initial loses its period.
  std::string tidy;
  size_t start = 0;
  while (start <= g.size()) {
    size_t end = g.find(' ', start);
    if (end == std::string::npos) end = g.size();
    std::string t = g.substr(start, end - start);
    if (t.size() == 2 && IsAlpha(t[0]) && t[1] == '.') t.pop_back();
    if (!t.empty()) tidy += (tidy.empty() ? "" : " ") + t;
    start = end + 1;
  }
  return f + " " + tidy;
}

namespace {
bool IsInitialToken(std::string_view t) {
  // "R.", "D.G.", "DG", "A" (letters, at most two, with optional dots).
  size_t letters = 0;
  for (char c : t) {
    if (IsAlpha(c) && std::isupper(static_cast<unsigned char>(c))) {
      ++letters;
    } else if (c != '.' && c != '-') {
      return false;
    }
  }
  return letters >= 1 && letters <= 3;
}
}  // namespace

std::string PersonFromCommaForm(std::string_view s) {
  size_t comma = s.find(',');
  if (comma == std::string_view::npos) {
    // "Liu R." / "Adler D.G." (Embase): trailing initials after the family name.
    std::string folded = FoldWhitespace(s);
    size_t space = folded.rfind(' ');
    if (space != std::string::npos && IsInitialToken(std::string_view(folded).substr(space + 1))) {
      return PersonName(folded.substr(0, space), folded.substr(space + 1));
    }
    return folded;
  }
  std::string_view family = s.substr(0, comma);
  std::string_view given = s.substr(comma + 1);
  size_t second = given.find(',');
  std::string suffix;
  if (second != std::string_view::npos) {
    suffix = FoldWhitespace(given.substr(second + 1));
    given = given.substr(0, second);
  }
  std::string out = PersonName(family, given);
  if (!suffix.empty()) out += " " + suffix;
  return out;
}

bool StartsWithChar(std::string_view head, char c) {
  head = StripBom(head);
  size_t i = head.find_first_not_of(" \t\r\n");
  return i != std::string_view::npos && head[i] == c;
}

void AddUnique(std::vector<std::string>* v, std::string s) {
  if (!s.empty() && std::find(v->begin(), v->end(), s) == v->end()) v->push_back(std::move(s));
}

}  // namespace ckb::readers
