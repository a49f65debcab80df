// SPDX-License-Identifier: GPL-3.0-or-later
// The syntax tree printed in one line, so a test can show what a pasted
// PubMed strategy was read as.
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

}  // namespace ckb::query
