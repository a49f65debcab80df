// SPDX-License-Identifier: GPL-3.0-or-later
// Normalisation of text for lexicon matching (see text_norm.h), built on
// utf8proc's per-character decomposition so offsets stay traceable.
#include "text/text_norm.h"

#include <utf8proc.h>

namespace ckb::text {
namespace {

const char* GreekName(char32_t cp) {
  static const char* const kNames[] = {
      "alpha", "beta", "gamma", "delta", "epsilon", "zeta",    "eta", "theta", "iota",
      "kappa", "lambda", "mu", "nu",    "xi",      "omicron", "pi",  "rho",   "sigma",
      "sigma", "tau",  "upsilon", "phi", "chi",   "psi",     "omega"};
  if (cp >= 0x3B1 && cp <= 0x3C9) return kNames[cp - 0x3B1];
  if (cp >= 0x391 && cp <= 0x3A9 && cp != 0x3A2) return kNames[cp - 0x391];
  return nullptr;
}

bool IsDash(char32_t cp) {
  return (cp >= 0x2010 && cp <= 0x2015) || cp == 0x2212 || cp == 0xFE63 || cp == 0xFF0D ||
         cp == 0xFE58 || cp == 0x2043;
}

// Appends the normalised form of one code point.
void NormalizeCp(char32_t cp, bool fold, std::string* out) {
  if (cp < 0x80) {
    char c = static_cast<char>(cp);
    if (c == '\t' || c == '\n' || c == '\r' || c == '\f' || c == '\v') c = ' ';
    if (fold && c >= 'A' && c <= 'Z') c = static_cast<char>(c - 'A' + 'a');
    out->push_back(c);
    return;
  }
  if (IsDash(cp)) {
    out->push_back('-');
    return;
  }
  if (cp >= 0x2160 && cp <= 0x217F) {  // Roman numerals (NFKC would do this too)
    static const char* const kRoman[] = {"i",   "ii", "iii", "iv", "v", "vi", "vii", "viii",
                                         "ix",  "x",  "xi",  "xii", "l", "c", "d",   "m"};
    std::string r = kRoman[(cp - 0x2160) % 16];
    if (!fold && cp < 0x2170)
      for (char& c : r) c = static_cast<char>(c - 'a' + 'A');
    *out += r;
    return;
  }
  utf8proc_int32_t buf[32];
  int last = 0;
  int opts = UTF8PROC_COMPAT | UTF8PROC_STRIPMARK | UTF8PROC_IGNORE | UTF8PROC_DECOMPOSE;
  if (fold) opts |= UTF8PROC_CASEFOLD;
  utf8proc_ssize_t n =
      utf8proc_decompose_char(static_cast<utf8proc_int32_t>(cp), buf, 32,
                              static_cast<utf8proc_option_t>(opts), &last);
  if (n < 0 || n > 32) {
    AppendUtf8(cp, out);
    return;
  }
  for (utf8proc_ssize_t i = 0; i < n; ++i) {
    char32_t c = static_cast<char32_t>(buf[i]);
    if (const char* g = GreekName(c)) {
      std::string name = g;
      if (!fold && c < 0x3B1) name[0] = static_cast<char>(name[0] - 'a' + 'A');
      *out += name;
    } else if (IsDash(c)) {
      out->push_back('-');
    } else if (c < 0x80) {
      NormalizeCp(c, fold, out);
    } else if (ClassOf(c) == CharClass::kSpace) {
      out->push_back(' ');
    } else {
      AppendUtf8(c, out);
    }
  }
}

}  // namespace

std::string Utf8Prefix(std::string_view text, size_t max_bytes) {
  if (text.size() <= max_bytes) return std::string(text);
  size_t end = max_bytes;
  // Back up over continuation bytes to the start of the character cut.
  while (end > 0 && (static_cast<unsigned char>(text[end]) & 0xC0) == 0x80) --end;
  return std::string(text.substr(0, end)) + "\u2026";
}

std::string ValidUtf8(std::string_view text) {
  std::string out;
  out.reserve(text.size());
  for (char32_t cp : DecodeUtf8(text)) AppendUtf8(cp, &out);
  return out;
}

std::vector<char32_t> DecodeUtf8(std::string_view text) {
  std::vector<char32_t> out;
  out.reserve(text.size());
  const auto* p = reinterpret_cast<const utf8proc_uint8_t*>(text.data());
  utf8proc_ssize_t left = static_cast<utf8proc_ssize_t>(text.size());
  while (left > 0) {
    utf8proc_int32_t cp;
    utf8proc_ssize_t n = utf8proc_iterate(p, left, &cp);
    if (n <= 0) {
      cp = 0xFFFD;
      n = 1;
    }
    out.push_back(static_cast<char32_t>(cp));
    p += n;
    left -= n;
  }
  return out;
}

std::vector<size_t> CodePointOffsets(std::string_view text) {
  std::vector<size_t> out;
  out.reserve(text.size() + 1);
  const auto* base = reinterpret_cast<const utf8proc_uint8_t*>(text.data());
  size_t pos = 0;
  while (pos < text.size()) {
    out.push_back(pos);
    utf8proc_int32_t cp;
    utf8proc_ssize_t n = utf8proc_iterate(base + pos, static_cast<utf8proc_ssize_t>(text.size() - pos), &cp);
    pos += n <= 0 ? 1 : static_cast<size_t>(n);
  }
  out.push_back(text.size());
  return out;
}

void AppendUtf8(char32_t cp, std::string* out) {
  utf8proc_uint8_t buf[4];
  utf8proc_ssize_t n = utf8proc_encode_char(static_cast<utf8proc_int32_t>(cp), buf);
  out->append(reinterpret_cast<const char*>(buf), static_cast<size_t>(n));
}

std::string SubstrCp(std::string_view text, uint32_t start, uint32_t end) {
  std::vector<char32_t> cps = DecodeUtf8(text);
  std::string out;
  for (uint32_t i = start; i < end && i < cps.size(); ++i) AppendUtf8(cps[i], &out);
  return out;
}

CharClass ClassOf(char32_t cp) {
  if (cp < 0x80) {
    if (cp == ' ' || (cp >= '\t' && cp <= '\r')) return CharClass::kSpace;
    if (cp == '-') return CharClass::kHyphen;
    if ((cp >= '0' && cp <= '9') || (cp >= 'a' && cp <= 'z') || (cp >= 'A' && cp <= 'Z'))
      return CharClass::kAlnum;
    return CharClass::kPunct;
  }
  if ((cp >= 0x4E00 && cp <= 0x9FFF) || (cp >= 0x3400 && cp <= 0x4DBF) ||
      (cp >= 0xF900 && cp <= 0xFAFF) || (cp >= 0x20000 && cp <= 0x2FFFF) ||
      (cp >= 0x3040 && cp <= 0x30FF) || (cp >= 0xAC00 && cp <= 0xD7AF))
    return CharClass::kCjk;
  switch (utf8proc_category(static_cast<utf8proc_int32_t>(cp))) {
    case UTF8PROC_CATEGORY_ZS:
    case UTF8PROC_CATEGORY_ZL:
    case UTF8PROC_CATEGORY_ZP:
      return CharClass::kSpace;
    case UTF8PROC_CATEGORY_LU:
    case UTF8PROC_CATEGORY_LL:
    case UTF8PROC_CATEGORY_LT:
    case UTF8PROC_CATEGORY_LM:
    case UTF8PROC_CATEGORY_LO:
    case UTF8PROC_CATEGORY_ND:
    case UTF8PROC_CATEGORY_NL:
    case UTF8PROC_CATEGORY_NO:
    case UTF8PROC_CATEGORY_MN:
    case UTF8PROC_CATEGORY_MC:
      return CharClass::kAlnum;
    default:
      return CharClass::kPunct;
  }
}

NormText Normalize(std::string_view text, NormOptions opts) {
  NormText out;
  out.text.reserve(text.size() + 8);
  out.start.reserve(text.size() + 8);
  out.end.reserve(text.size() + 8);
  uint32_t i = 0;
  for (char32_t cp : DecodeUtf8(text)) {
    size_t before = out.text.size();
    NormalizeCp(cp, opts.fold_case, &out.text);
    for (size_t b = before; b < out.text.size(); ++b) {
      out.start.push_back(i);
      out.end.push_back(i + 1);
    }
    ++i;
  }
  return out;
}

std::string MatchKey(std::string_view term, bool fold_case) {
  return MatchKeyOf(Normalize(term, NormOptions{fold_case}));
}

std::string MatchKeyOf(const NormText& n) {
  std::string out;
  out.reserve(n.text.size());
  for (char c : n.text)
    if (c != ' ' && c != '-') out.push_back(c);
  return out;
}

std::string Slug(std::string_view name) {
  NormText n = Normalize(name);
  std::string out;
  bool dash = false;
  for (char32_t cp : DecodeUtf8(n.text)) {
    CharClass k = ClassOf(cp);
    if (k == CharClass::kAlnum || k == CharClass::kCjk) {
      if (dash && !out.empty()) out.push_back('-');
      dash = false;
      AppendUtf8(cp, &out);
    } else if (cp != '\'') {
      dash = true;
    }
  }
  return out;
}

}  // namespace ckb::text
