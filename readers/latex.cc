// SPDX-License-Identifier: GPL-3.0-or-later
// LaTeX to UTF-8 for BibTeX values (see readers/internal/latex.h). Accents
// become combining marks that NFC then composes with their base letter.
#include "readers/internal/latex.h"

#include <utf8proc.h>

#include <cctype>
#include <cstdlib>
#include <cstring>

#include "readers/internal/format_util.h"

namespace ckb::readers {
namespace {

// Combining mark (UTF-8) for a one-character accent command, or nullptr.
const char* CombiningMark(char accent) {
  switch (accent) {
    case '\'': return "\xCC\x81";  // U+0301 acute
    case '`': return "\xCC\x80";   // U+0300 grave
    case '^': return "\xCC\x82";   // U+0302 circumflex
    case '"': return "\xCC\x88";   // U+0308 diaeresis
    case '~': return "\xCC\x83";   // U+0303 tilde
    case '=': return "\xCC\x84";   // U+0304 macron
    case '.': return "\xCC\x87";   // U+0307 dot above
    case 'u': return "\xCC\x86";   // U+0306 breve
    case 'v': return "\xCC\x8C";   // U+030C caron
    case 'H': return "\xCC\x8B";   // U+030B double acute
    case 'c': return "\xCC\xA7";   // U+0327 cedilla
    case 'k': return "\xCC\xA8";   // U+0328 ogonek
    case 'r': return "\xCC\x8A";   // U+030A ring above
    case 'd': return "\xCC\xA3";   // U+0323 dot below
    case 'b': return "\xCC\xB1";   // U+0331 macron below
    default: return nullptr;
  }
}

// Letters written as commands.
const char* SpecialLetter(std::string_view name) {
  static const char* kTable[][2] = {
      {"ss", "\xC3\x9F"}, {"o", "\xC3\xB8"},  {"O", "\xC3\x98"},  {"ae", "\xC3\xA6"},
      {"AE", "\xC3\x86"}, {"oe", "\xC5\x93"}, {"OE", "\xC5\x92"}, {"aa", "\xC3\xA5"},
      {"AA", "\xC3\x85"}, {"l", "\xC5\x82"},  {"L", "\xC5\x81"},  {"i", "i"},
      {"j", "j"},         {"textendash", "\xE2\x80\x93"}, {"textemdash", "\xE2\x80\x94"},
      {"textregistered", "\xC2\xAE"}, {"texttrademark", "\xE2\x84\xA2"},
      {"alpha", "\xCE\xB1"}, {"beta", "\xCE\xB2"}, {"gamma", "\xCE\xB3"}, {"kappa", "\xCE\xBA"},
      {"mu", "\xCE\xBC"}, {"ge", "\xE2\x89\xA5"}, {"geq", "\xE2\x89\xA5"}, {"le", "\xE2\x89\xA4"},
      {"leq", "\xE2\x89\xA4"}, {"pm", "\xC2\xB1"}, {"times", "\xC3\x97"}};
  for (const auto& e : kTable) {
    if (name == e[0]) return e[1];
  }
  return nullptr;
}

class Converter {
 public:
  explicit Converter(std::string_view s) : s_(s) {}

  std::string Run() {
    while (i_ < s_.size()) Step();
    return out_;
  }

 private:
  // The next argument of an accent: "{e}", "{\i}", "e" or " e".
  std::string Argument() {
    while (i_ < s_.size() && s_[i_] == ' ') ++i_;
    if (i_ >= s_.size()) return "";
    if (s_[i_] == '{') {
      size_t depth = 0, start = i_;
      for (; i_ < s_.size(); ++i_) {
        if (s_[i_] == '{') ++depth;
        if (s_[i_] == '}' && --depth == 0) break;
      }
      std::string_view inner = s_.substr(start + 1, i_ - start - 1);
      if (i_ < s_.size()) ++i_;
      return Converter(inner).Run();
    }
    if (s_[i_] == '\\') {
      size_t start = ++i_;
      while (i_ < s_.size() && std::isalpha(static_cast<unsigned char>(s_[i_]))) ++i_;
      const char* letter = SpecialLetter(s_.substr(start, i_ - start));
      return letter ? letter : "";
    }
    // One UTF-8 character.
    size_t len = 1;
    unsigned char c = static_cast<unsigned char>(s_[i_]);
    if (c >= 0xF0) len = 4; else if (c >= 0xE0) len = 3; else if (c >= 0xC0) len = 2;
    std::string arg(s_.substr(i_, len));
    i_ += len;
    return arg;
  }

  void Command() {
    ++i_;  // the backslash
    if (i_ >= s_.size()) return;
    char c = s_[i_];
    if (c != 0 && std::strchr("&%$#_{}", c)) {
      out_ += c;
      ++i_;
      return;
    }
    if (c == '\\') {
      out_ += ' ';
      ++i_;
      return;
    }
    const char* mark = nullptr;
    bool letter_accent = c != 0 && std::strchr("uvHckrdb", c) && i_ + 1 < s_.size() &&
                         !std::isalpha(static_cast<unsigned char>(s_[i_ + 1]));
    if (!std::isalpha(static_cast<unsigned char>(c)) || letter_accent) mark = CombiningMark(c);
    if (mark) {
      ++i_;
      std::string base = Argument();
      out_ += base;
      if (!base.empty()) out_ += mark;
      return;
    }
    size_t start = i_;
    while (i_ < s_.size() && std::isalpha(static_cast<unsigned char>(s_[i_]))) ++i_;
    std::string_view name = s_.substr(start, i_ - start);
    if (name.empty()) {
      ++i_;  // an unknown symbol command such as "\,": drop it
      return;
    }
    if (const char* letter = SpecialLetter(name)) {
      out_ += letter;
      if (i_ < s_.size() && s_[i_] == ' ') ++i_;  // "\ss " -> the space ends the command
      return;
    }
    // Other commands (\textit, \emph, \url ...): drop the name, keep arguments.
  }

  void Step() {
    char c = s_[i_];
    if (c == '\\') {
      Command();
    } else if (c == '{' || c == '}' || c == '$') {
      ++i_;
    } else if (c == '~') {
      out_ += ' ';
      ++i_;
    } else if (c == '-' && s_.substr(i_, 3) == "---") {
      out_ += "\xE2\x80\x94";
      i_ += 3;
    } else if (c == '-' && s_.substr(i_, 2) == "--") {
      out_ += "\xE2\x80\x93";
      i_ += 2;
    } else {
      out_ += c;
      ++i_;
    }
  }

  std::string_view s_;
  size_t i_ = 0;
  std::string out_;
};

}  // namespace

std::string LatexToUtf8(std::string_view s) {
  std::string text = Converter(s).Run();
  utf8proc_uint8_t* nfc = utf8proc_NFC(reinterpret_cast<const utf8proc_uint8_t*>(text.c_str()));
  if (nfc) {
    text = reinterpret_cast<const char*>(nfc);
    std::free(nfc);
  }
  return FoldWhitespace(text);
}

}  // namespace ckb::readers
