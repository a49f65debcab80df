// SPDX-License-Identifier: GPL-3.0-or-later
// The query language's tokens: words, "phrases", [tags], field:value,
// operators and parentheses, with PubMed's two-date ranges joined into one
// value. Read by the parser in query/syntax.cc.
#pragma once

#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "query/syntax.h"

namespace ckb::query::internal {

enum class Tok { kEnd, kLParen, kRParen, kAnd, kOr, kNot, kNear, kWord, kPhrase, kTag, kField, kMinus };

struct Token {
  Tok tok = Tok::kEnd;
  std::string text;   // word, phrase, tag body, field value (may be empty)
  std::string field;  // kField: canonical field name
  unsigned window = 0;
  size_t offset = 0, length = 0;
  bool space_before = true;
};

struct LexResult {
  std::vector<Token> tokens;  // ends with one Tok::kEnd at the query's end
  std::optional<QueryError> error;
  std::vector<std::string> warnings;
};

// Splits the query into tokens. Field names are mapped to canonical fields;
// an unknown `name:value` is an error unless options.lenient.
LexResult LexQuery(std::string_view text, const SyntaxOptions& options);

}  // namespace ckb::query::internal
