// SPDX-License-Identifier: GPL-3.0-or-later
// The user's query language read into a syntax tree: words, "phrases",
// wildcards, field:value, PubMed field tags (term[tiab]), AND/OR/NOT,
// NEAR/n and parentheses. Errors carry the byte offset of the culprit.
#pragma once

#include <optional>
#include <string>
#include <string_view>
#include <vector>

namespace ckb::query {

struct QueryError {
  size_t offset = 0;  // byte offset into the query
  std::string message;
};

struct Ast {
  enum class Type { kWords, kPhrase, kWildcard, kAnd, kOr, kNot, kNear, kAll };
  Type type = Type::kWords;
  // Canonical field name: "" (free text), "title", "tiab", "drug", "year", ...
  std::string field;
  std::string text;     // the words / phrase / wildcard stem / field value
  unsigned window = 0;  // NEAR/n, or [tiab:~n] proximity
  std::vector<Ast> kids;  // kNot: kids[0] without kids[1..]
  size_t offset = 0, length = 0;  // where it was written
  bool tagged = false;            // a PubMed tag named the field
  bool grouped = false;           // written in parentheses (not flattened into an outer operator)
};

struct SyntaxResult {
  Ast ast;
  std::optional<QueryError> error;
  std::vector<std::string> warnings;
};

struct SyntaxOptions {
  // false (default): an unknown PubMed tag or one ckb cannot honour ([edat],
  // [sb] ...) is an error. true: it is left out of the query with a warning.
  bool lenient = false;
};

// Reads a query. Field names and PubMed tags are mapped to canonical field
// names. Operators are read left to right, as PubMed reads them (`a OR b AND
// c` is `(a OR b) AND c`); adjacent terms (an implicit AND) bind tighter.
// A PubMed date range written over two tagged dates
// (`"2020/01/01"[dp] : "2024/12/31"[dp]`) is one range.
SyntaxResult ParseSyntax(std::string_view text, const SyntaxOptions& options = {});

// Why ckb cannot honour a known PubMed tag ("edat" -> "Entrez dates are not
// kept; use [dp]"); empty for tags it maps or does not know.
std::string UnsupportedTagReason(std::string_view tag);

// The canonical field of a user field name ("ti", "title", "cited-by" ...)
// or of a PubMed tag ("tiab", "mh", "dp" ...); empty when unknown.
std::string FieldForName(std::string_view name);
std::string FieldForTag(std::string_view tag);
// The PubMed tags ckb reads, as a list for messages ("[ti], [tiab], ...").
std::string KnownTagList();
// The field names ckb reads before a colon, as a list for messages.
std::string KnownFieldList();

// The tree in one line, for tests and --explain: (AND (OR mesh:"breast
// neoplasms" tiab:"breast cancer") year:2020:2024), words as `field:words`,
// phrases quoted, wildcards with '*', NEAR/n, ALL.
std::string DescribeAst(const Ast& ast);

// "message" + the query + a caret line under the offending position
// (terminal columns: CJK characters count two).
std::string FormatQueryError(std::string_view text, const QueryError& error);

}  // namespace ckb::query
