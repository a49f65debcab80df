// SPDX-License-Identifier: GPL-3.0-or-later
// The syntax tree printed in one line, so a test can show what a pasted
// PubMed strategy was read as.
#include <cstdint>

#include "query/syntax.h"

namespace ckb::query {

std::string DescribeAst(const Ast& a) {
  std::string field = a.field.empty() ? "" : a.field + ":";
  switch (a.type) {
    case Ast::Type::kWords:
      return field + a.text;
    case Ast::Type::kPhrase:
      return field + "\"" + a.text + "\"" + (a.window ? "~" + std::to_string(a.window) : "");
    case Ast::Type::kWildcard:
      return field + a.text + "*";
    case Ast::Type::kAll:
      return "ALL";
    default:
      break;
  }
  std::string op = a.type == Ast::Type::kAnd  ? "AND"
                   : a.type == Ast::Type::kOr ? "OR"
                   : a.type == Ast::Type::kNot ? "NOT"
                                               : "NEAR/" + std::to_string(a.window);
  std::string out = "(" + op;
  for (const auto& k : a.kids) out += " " + DescribeAst(k);
  return out + ")";
}

namespace {

// Terminal columns taken by a code point (CJK and full-width forms take two).
int Columns(uint32_t cp) {
  if ((cp >= 0x1100 && cp <= 0x115F) || (cp >= 0x2E80 && cp <= 0xA4CF) || (cp >= 0xAC00 && cp <= 0xD7A3) ||
      (cp >= 0xF900 && cp <= 0xFAFF) || (cp >= 0xFE30 && cp <= 0xFE4F) || (cp >= 0xFF00 && cp <= 0xFF60) ||
      (cp >= 0xFFE0 && cp <= 0xFFE6) || (cp >= 0x20000 && cp <= 0x3FFFD)) {
    return 2;
  }
  return 1;
}

}  // namespace

std::string FormatQueryError(std::string_view text, const QueryError& error) {
  int col = 0;
  size_t i = 0;
  while (i < text.size() && i < error.offset) {
    unsigned char c = static_cast<unsigned char>(text[i]);
    uint32_t cp = c;
    size_t len = 1;
    if (c >= 0xF0) { cp = c & 0x07; len = 4; }
    else if (c >= 0xE0) { cp = c & 0x0F; len = 3; }
    else if (c >= 0xC0) { cp = c & 0x1F; len = 2; }
    for (size_t k = 1; k < len && i + k < text.size(); ++k) cp = (cp << 6) | (text[i + k] & 0x3F);
    col += text[i] == '\t' ? 1 : Columns(cp);
    i += len;
  }
  std::string line(text);
  for (char& c : line) {
    if (c == '\n' || c == '\t' || c == '\r') c = ' ';
  }
  return "query error at column " + std::to_string(col + 1) + ": " + error.message + "\n  " + line + "\n  " +
         std::string(static_cast<size_t>(col), ' ') + "^";
}

}  // namespace ckb::query
