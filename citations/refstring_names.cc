// SPDX-License-Identifier: GPL-3.0-or-later
// Recognising a comma-separated list of personal names at the start of a
// reference ("A. J. Larkoski, J. Thaler, and W. J. Waalewijn, JHEP ...",
// "Kac, Victor G., Infinite-dimensional ..."), for styles whose author block
// is not closed by a full stop.
#include <cctype>
#include <string_view>
#include <vector>

#include "citations/internal/refstring_parts.h"

namespace ckb::citations::internal {
namespace {

bool Upper(char c) { return c >= 'A' && c <= 'Z'; }
bool Lower(char c) { return c >= 'a' && c <= 'z'; }
bool High(char c) { return static_cast<unsigned char>(c) >= 0x80; }

std::vector<std::string_view> Words(std::string_view s) {
  std::vector<std::string_view> out;
  size_t i = 0;
  while (i < s.size()) {
    while (i < s.size() && s[i] == ' ') ++i;
    size_t j = i;
    while (j < s.size() && s[j] != ' ') ++j;
    if (j > i) out.push_back(s.substr(i, j - i));
    i = j;
  }
  return out;
}

// "J.", "J.-P.", "A.K.", "Ch."
bool IsDottedInitials(std::string_view w) {
  if (w.empty() || w.back() != '.') return false;
  size_t i = 0;
  int letters = 0;
  while (i < w.size()) {
    if (!Upper(w[i])) return false;
    ++i;
    if (i < w.size() && Lower(w[i])) ++i;
    if (i >= w.size() || w[i] != '.') return false;
    ++i;
    if (i < w.size() && w[i] == '-') ++i;
    ++letters;
  }
  return letters > 0 && letters <= 3;
}

bool IsParticle(std::string_view w) {
  static const std::string_view kParticles[] = {
      "van", "von", "de", "der", "den", "da", "del", "della", "di", "du", "dos", "das", "des", "la",
      "las", "los", "le", "ter", "zu", "y", "af", "av", "bin", "ben", "ibn", "al", "el", "'t", "e"};
  for (std::string_view p : kParticles) {
    if (w == p) return true;
  }
  return false;
}

// "Larkoski", "O'BRIEN", "Martin-", "Åberg": a capitalised word, no digits.
bool IsCapWord(std::string_view w) {
  if (w.size() < 2 || !(Upper(w[0]) || High(w[0]))) return false;
  if (w.back() == '.') return false;  // "Phys.", "Lett.": abbreviations, not names
  for (char c : w) {
    if (std::isdigit(static_cast<unsigned char>(c)) || c == '(' || c == ')' || c == '"' || c == ':') return false;
  }
  return true;
}

bool IsCjkName(std::string_view w) {
  if (w.size() < 6 || w.size() > 15) return false;
  for (char c : w) {
    if (!High(c)) return false;
  }
  return text::CountCjk(w) >= 2;
}

}  // namespace

// Journal-name abbreviations whose full stop does not end a sentence.
bool IsAbbreviation(std::string_view w) {
  static const std::string_view kAbbrev[] = {
      "J", "Am", "Chem", "Soc", "Phys", "Rev", "Lett", "Proc", "Natl", "Acad", "Sci", "Int", "Med",
      "Biol", "Mol", "Res", "Ann", "Eur", "Clin", "Nucl", "Mod", "Math", "Astron", "Astrophys", "Appl",
      "Opt", "Commun", "Biochem", "Mater", "Inst", "Meth", "Instrum", "Ser", "Conf", "Trans", "Mech",
      "Eng", "Geophys", "Environ", "Microbiol", "Immunol", "Pharmacol", "Exp", "Ther", "Bull", "Bot",
      "Zool", "Ecol", "Evol", "Genet", "Neurosci", "Psychol", "Epidemiol", "Stat", "Comput", "Inf",
      "Syst", "Technol", "Theor", "Nat", "Jpn", "Chin", "Can", "Aust", "Br", "Engl", "Univ", "Vol",
      "Dev", "Gen", "Physiol", "Pathol", "Surg", "Dent", "Vet", "Agric", "Nutr", "Anal", "Org",
      "Inorg", "Polym", "Struct", "Cryst", "Part", "Dyn", "Atmos", "Planet", "Electron", "Adv", "Curr",
      "Opin", "Crit", "Mon", "Not", "Roy", "Astr", "Suppl", "Acta", "Z", "Ztschr", "Naturforsch",
      "Geol", "Mineral", "Petrol", "Pure", "Rep", "Prog", "Pharm", "Sov", "Fiz", "Zh", "Eksp", "Teor",
      "Physica", "Nuovo", "Cim", "Ed", "eds", "Eds", "vol", "no", "pp", "Jr", "St", "Dr", "Mt", "Co",
      "Inc", "Ltd", "Dept", "Ass", "Assoc", "Mag", "Philos", "Rec", "Sect", "Vac", "Technol", "Radiat",
      "Oncol", "Cancer", "Gastroenterol", "Hepatol", "Cardiol", "Neurol", "Psychiatry", "Obstet",
      "Gynecol", "Pediatr", "Dermatol", "Ophthalmol", "Urol", "Endocrinol", "Metab", "Infect", "Dis",
      "Hyg", "Trop", "Epidemiol", "Pub", "Publ", "Health", "Lab", "Invest", "Treat", "Prev"};
  for (std::string_view a : kAbbrev) {
    if (w == a) return true;
  }
  return false;
}

bool IsInitialsOnly(std::string_view chunk) {
  auto words = Words(chunk);
  if (words.empty()) return false;
  for (std::string_view w : words) {
    if (!IsDottedInitials(w) && !(w.size() == 1 && Upper(w[0]))) return false;
  }
  return true;
}

bool IsPersonName(std::string_view chunk) {
  auto words = Words(chunk);
  if (words.empty() || words.size() > 6) return false;
  if (words.size() == 1 && IsCjkName(words[0])) return true;
  int caps = 0;
  for (std::string_view w : words) {
    if (IsCapWord(w)) {
      ++caps;
      bool lower_tail = false;
      for (char c : w.substr(1)) lower_tail = lower_tail || Lower(c);
      if (w.size() > 3 && !lower_tail && words.size() == 1) return false;  // "JHEP"
      continue;
    }
    if (IsDottedInitials(w) || IsParticle(w) || w == "Jr." || w == "Jr") continue;
    if (w.size() <= 4 && Upper(w[0]) && (w.size() < 2 || Upper(w[1]))) continue;  // Vancouver "JJ"
    return false;
  }
  return caps >= 1 && caps <= 5;
}

size_t ScanNameList(const std::string& s, size_t b, size_t e) {
  size_t last_end = kNpos;
  int names = 0;
  bool family_only = false, prev_ends_initials = false, all_initials = true;
  size_t pos = b;
  while (pos < e) {
    // The next chunk runs to ',' ';' or a conjunction.
    size_t ce = pos, skip = 0;
    for (; ce < e; ++ce) {
      if (s[ce] == ',' || s[ce] == ';') {
        skip = 1;
        break;
      }
      if (s[ce] == ' ') {
        std::string_view rest(s.data() + ce, e - ce);
        bool et = rest.rfind(" et ", 0) == 0 && rest.rfind(" et al", 0) != 0;
        if (rest.rfind(" and ", 0) == 0 || et || rest.rfind(" und ", 0) == 0) {
          skip = rest[1] == 'a' || rest[1] == 'u' ? 5 : 4;
          break;
        }
        if (rest.rfind(" & ", 0) == 0) {
          skip = 3;
          break;
        }
      }
    }
    std::string_view chunk = text::Trim(std::string_view(s).substr(pos, ce - pos));
    if (chunk.rfind("and ", 0) == 0) chunk.remove_prefix(4);
    if (chunk.rfind("& ", 0) == 0) chunk.remove_prefix(2);
    size_t cb = static_cast<size_t>(chunk.data() - s.data());
    if (chunk.empty()) {
      pos = ce + skip;
      continue;
    }
    if (chunk.rfind("et al", 0) == 0 || chunk.rfind("等", 0) == 0) {
      if (names == 0) return kNpos;
      size_t after = cb + (chunk[0] == 'e' ? 5 : 3);
      if (after < e && s[after] == '.') ++after;
      return after;
    }
    // "A. Caldwell et al." / "Snowden et al.": the list ends inside the chunk.
    size_t etal = chunk.find(" et al");
    if (etal != std::string_view::npos && IsPersonName(chunk.substr(0, etal))) {
      size_t after = cb + etal + 6;
      if (after < e && s[after] == '.') ++after;
      return after;
    }
    bool has_initials = false;
    for (std::string_view w : Words(chunk)) {
      bool caps = w.size() <= 4;
      for (char c : w) caps = caps && Upper(c);
      has_initials = has_initials || IsDottedInitials(w) || caps;
    }
    // In a list of "A. B. Name" entries a chunk without initials ends it
    // ("..., M. J. Bakera, Spectroscopy Europe, 2014").
    bool breaks_pattern = names >= 2 && all_initials && !has_initials && text::CountCjk(chunk) == 0;
    if (!breaks_pattern && (IsPersonName(chunk) || (names > 0 && IsInitialsOnly(chunk)))) {
      all_initials = all_initials && has_initials;
      ++names;
      last_end = cb + chunk.size();
      {
        auto words = Words(chunk);
        std::string_view last = words.back();
        bool caps = last.size() <= 3;
        for (char c : last) caps = caps && Upper(c);
        family_only = chunk.find('.') == std::string_view::npos && !caps && words.size() <= 3;
        prev_ends_initials = caps || IsDottedInitials(last);
      }
      if (ce >= e) return last_end;
      pos = ce + skip;
      continue;
    }
    // "Tan Shuangxiu. Title ...", "Easton, J. Q. (2007) ...", "M. Information ...": a
    // name that the title follows inside the same chunk.
    size_t best = kNpos;
    for (size_t i = 0; i < chunk.size(); ++i) {
      char c = chunk[i];
      bool year_next = c == ' ' && i + 5 <= chunk.size() && std::isdigit(static_cast<unsigned char>(chunk[i + 1])) &&
                       std::isdigit(static_cast<unsigned char>(chunk[i + 4])) &&
                       (i + 5 == chunk.size() || !std::isdigit(static_cast<unsigned char>(chunk[i + 5])));
      bool cut = (c == '.' && i + 1 < chunk.size() && chunk[i + 1] != ',') || c == ':' ||
                 (c == '(' && i > 0 && chunk[i - 1] == ' ') || year_next;
      if (!cut) continue;
      std::string_view head = text::Trim(chunk.substr(0, c == '.' ? i + 1 : i));
      std::string_view bare = text::Trim(head, ".");
      auto bare_words = Words(bare);
      bool abbreviated = c == '.' && !bare_words.empty() && bare_words.back().size() > 1 &&
                         IsAbbreviation(bare_words.back());
      bool given_after_family = family_only && bare_words.size() == 1 && IsCapWord(bare);
      if (!abbreviated && IsPersonName(bare) &&
          (bare_words.size() >= 2 || text::CountCjk(bare) > 0 || given_after_family)) {
        best = i;
        // "Lisa F. Rau. Title": in a list of given-name-first names, a dotted
        // initial is followed by the family name.
        bool initial_end = head.size() >= 2 && head.back() == '.' && Upper(head[head.size() - 2]) &&
                           (head.size() == 2 || head[head.size() - 3] == ' ');
        if (initial_end && names > 0 && !prev_ends_initials) {
          size_t j = i + 1;
          while (j < chunk.size() && chunk[j] == ' ') ++j;
          size_t k = j;
          while (k < chunk.size() && chunk[k] != ' ' && chunk[k] != '.' && chunk[k] != ':') ++k;
          bool ends = k == chunk.size() || chunk[k] == '.' ||
                      (chunk[k] == ' ' && k + 1 < chunk.size() && chunk[k + 1] == '(');
          if (k > j && IsCapWord(chunk.substr(j, k - j)) && ends) best = k;
        }
        break;
      }
      if (!IsInitialsOnly(head)) break;
      if (family_only) best = i;  // the longest run of initials after "Family,"
    }
    if (best != kNpos) {
      ++names;
      last_end = cb + best;
    }
    break;
  }
  return names > 0 ? last_end : kNpos;
}

}  // namespace ckb::citations::internal
